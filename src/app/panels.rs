//! One frame's layout: the menu and status bars, the side panels, the grid, the windows and
//! at most one modal dialog. Each widget is handed the document read-only and its own state;
//! what it asks for comes back as commands.

use super::HtqApp;
use super::command::Command;
use super::modal::{Modal, Pending};
use super::state::UiState;
use super::ui::{self, grid, inspector, standards_panel};

/// Everything a frame shows from the document side, read-only.
struct Shown<'a> {
    app: &'a HtqApp,
}

impl HtqApp {
    /// Draws the frame; the commands it pushes are applied after it.
    pub(super) fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let mut state = std::mem::take(&mut self.state);
        let mut commands = std::mem::take(&mut self.commands);
        let shown = Shown { app: self };
        shown.bars_ui(ui, &state, &mut commands);
        shown.side_panels_ui(ui, &mut state, &mut commands);
        shown.central_ui(ui, &mut state, &mut commands);
        shown.windows_ui(ui.ctx(), &mut state, &mut commands);
        shown.modal_ui(ui.ctx(), &mut state, &mut commands);
        self.state = state;
        self.commands = commands;
    }
}

impl Shown<'_> {
    fn bars_ui(&self, ui: &mut egui::Ui, state: &UiState, commands: &mut Vec<Command>) {
        let app = self.app;
        let project = app.doc.project();
        egui::Panel::top("menu").show(ui, |ui| {
            let info = ui::menu_bar::MenuInfo {
                project,
                recent: &app.recent.files,
                undo: app.doc.history().undo_label(),
                redo: app.doc.history().redo_label(),
                bundled: &app.bundled,
                layout: &state.layout,
                all_expanded: state.grid.all_expanded(project),
                highlight_changes: state.compare.as_ref().map(|c| c.highlight),
            };
            ui::menu_bar::menu_bar_ui(ui, &info, commands);
        });
        let saved = match (app.doc.path(), app.doc.is_dirty()) {
            (_, true) => "Unsaved changes",
            (None, false) => "Untitled",
            (Some(_), false) => "Saved",
        };
        egui::Panel::bottom("status").show(ui, |ui| {
            ui::status_bar::status_bar_ui(
                ui,
                project,
                &app.analysis,
                &app.last_action,
                saved,
                state.layout.grid_view,
                |ui| ui::sign_off::sign_off_status_ui(ui, &app.sign_off, commands),
            );
        });
    }

    /// The standards panel on the left; the inspector above the coverage panel on the right,
    /// and the comments pane outermost. Each can be hidden; widths the user drags are kept.
    fn side_panels_ui(&self, ui: &mut egui::Ui, state: &mut UiState, commands: &mut Vec<Command>) {
        let app = self.app;
        let (project, analysis, grid) = (app.doc.project(), &app.analysis, &app.grid);
        let width = ui.ctx().content_rect().width();
        // Side panels start at a fifth of the window each, so the grid keeps at least half.
        let default = (width * 0.2).clamp(220.0, 340.0);
        let max = (width * 0.35).max(240.0);
        if state.layout.show_comments {
            // Outermost on the right, as word processors put their comments.
            let comments_default = (width * 0.22).clamp(260.0, 380.0);
            let shown = egui::Panel::right("comments")
                .resizable(true)
                .default_size(state.layout.comments_width.unwrap_or(comments_default))
                .size_range(220.0..=max)
                .show(ui, |ui| {
                    let author = state.layout.author.as_str();
                    ui::comments_pane::comments_pane_ui(
                        ui,
                        project,
                        &grid.comments,
                        author,
                        &mut state.comments,
                        commands,
                    );
                });
            remember_width(
                &mut state.layout.comments_width,
                shown.response.rect.width(),
                comments_default,
            );
        }
        if state.layout.show_standards {
            let data = standards_panel::StandardsData {
                project,
                analysis,
                comments: &grid.comments,
                target: state
                    .selection
                    .focused
                    .and_then(|(r, _)| project.modules.get(r))
                    .map(|m| m.code.as_str()),
                gaps_only: state.layout.gaps_only,
            };
            let shown = egui::Panel::left("standards")
                .resizable(true)
                .default_size(state.layout.standards_width.unwrap_or(default))
                .size_range(200.0..=max)
                .show(ui, |ui| {
                    standards_panel::standards_panel_ui(ui, &data, &mut state.standards, commands)
                });
            remember_width(&mut state.layout.standards_width, shown.response.rect.width(), default);
        }
        if state.layout.show_coverage || state.layout.show_inspector {
            let shown = egui::Panel::right("coverage")
                .resizable(true)
                .default_size(state.layout.coverage_width.unwrap_or(default))
                .size_range(220.0..=max)
                .show(ui, |ui| self.right_panel_ui(ui, state, commands));
            remember_width(&mut state.layout.coverage_width, shown.response.rect.width(), default);
        }
    }

    fn right_panel_ui(&self, ui: &mut egui::Ui, state: &mut UiState, commands: &mut Vec<Command>) {
        let app = self.app;
        let project = app.doc.project();
        if state.layout.show_inspector {
            let height = if state.layout.show_coverage {
                ui.available_height() * 0.5
            } else {
                ui.available_height()
            };
            let data = inspector::InspectorData {
                project,
                analysis: &app.analysis,
                suggestions: &app.suggestions,
                grid: &app.grid,
                selection: &state.selection,
                show_suggestions: state.layout.show_suggestions,
            };
            egui::ScrollArea::vertical()
                .id_salt("inspector-scroll")
                .max_height(height)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    inspector::inspector_ui(ui, &data, &mut state.inspector, &mut state.focus, commands)
                });
            ui.separator();
        }
        if state.layout.show_coverage {
            ui::coverage_panel::coverage_panel_ui(
                ui,
                project,
                &app.analysis,
                &app.finding_groups,
                &app.grid.comments,
                state.layout.gaps_only,
                commands,
            );
        }
    }

    fn central_ui(&self, ui: &mut egui::Ui, state: &mut UiState, commands: &mut Vec<Command>) {
        let app = self.app;
        let (project, analysis) = (app.doc.project(), &app.analysis);
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(format!("{} {}", project.programme.award, project.programme.title));
                if state.layout.gaps_only {
                    let shown = app.grid.columns.len();
                    let text = format!("gaps only: {shown} of {} KSBs (Ctrl+G shows all)", analysis.ksbs.len());
                    ui.add(egui::Label::new(egui::RichText::new(text).weak()).truncate());
                }
                grid::view_note_ui(ui, state.layout.grid_view, analysis);
            });
            let data = grid::GridData {
                project,
                analysis,
                suggestions: &app.suggestions,
                grid: &app.grid,
                selection: &state.selection,
                layout: &state.layout,
                compare: state.compare.as_ref(),
            };
            grid::grid_ui(ui, &data, &mut state.grid, &mut state.focus, commands);
        });
    }

    /// The palette, the catalogue search and the windows that are not modal.
    fn windows_ui(&self, ctx: &egui::Context, state: &mut UiState, commands: &mut Vec<Command>) {
        let app = self.app;
        let project = app.doc.project();
        if let Some(mut palette) = state.palette.take() {
            let lists = ui::palette::MenuLists {
                recent: &app.recent.files,
                addable: (app.bundled.iter())
                    .filter(|b| project.standard(&b.reference).is_none())
                    .map(|b| (b.reference.as_str(), b.title.as_str()))
                    .collect(),
                removable: (project.standards.iter())
                    .map(|s| (s.reference.as_str(), s.title.as_str()))
                    .collect(),
            };
            let entries = ui::palette::entries(ctx, &lists);
            if ui::palette::palette_ui(ctx, &mut palette, &entries, commands) {
                state.palette = Some(palette);
            } else {
                give_keys_back(state);
            }
        }
        if let Some(mut dialog) = state.catalogue.take() {
            if ui::catalogue_dialog::catalogue_dialog_ui(ctx, project, &mut dialog, commands) {
                state.catalogue = Some(dialog);
            } else {
                give_keys_back(state);
            }
        }
        ui::compare_window::compare_window_ui(ctx, project, state.compare.as_ref(), commands);
        if state.change_log_open {
            ui::change_log_window::change_log_window_ui(ctx, project, commands);
        }
        if let Some(editor) = &mut state.modules_editor
            && !ui::modules_editor::modules_editor_ui(ctx, project, app.doc.generation(), editor, commands)
        {
            state.modules_editor = None;
        }
        if let Some(view) = &mut state.portfolio
            && !ui::portfolio_window::portfolio_window_ui(ctx, view, commands)
        {
            state.portfolio = None;
        }
        if state.sign_offs_open && !ui::sign_off::sign_offs_window_ui(ctx, &app.sign_off, commands) {
            state.sign_offs_open = false;
        }
    }

    /// The one modal dialog open, as `HtqApp::modal` names it.
    fn modal_ui(&self, ctx: &egui::Context, state: &mut UiState, commands: &mut Vec<Command>) {
        let app = self.app;
        let (project, path) = (app.doc.project(), app.doc.path());
        let Some(modal) = app.modal_with(state) else { return };
        match modal {
            Modal::Error => {
                if let Some(failure) = &app.error {
                    ui::dialogs::error_dialog_ui(ctx, failure, commands);
                }
            }
            Modal::FileDialog => {
                if let Some(dialog) = &mut state.file_dialog
                    && !ui::file_dialog::file_dialog_ui(ctx, dialog, commands)
                {
                    state.file_dialog = None;
                }
            }
            Modal::Recovery => {
                if let Some(r) = app.doc.recovery() {
                    ui::dialogs::recovery_dialog_ui(ctx, r, path, commands);
                }
            }
            Modal::Conflict => ui::dialogs::conflict_dialog_ui(ctx, path, commands),
            Modal::Unsaved => {
                let verb = app.pending.as_ref().map_or("continue", Pending::verb);
                ui::dialogs::unsaved_dialog_ui(ctx, verb, commands);
            }
            Modal::Update => {
                if let Some(draft) = &mut state.update {
                    ui::update_dialog::update_dialog_ui(ctx, project, draft, commands);
                }
            }
            Modal::SignOff => {
                if let Some(dialog) = &mut state.sign_off
                    && !ui::sign_off::sign_off_dialog_ui(ctx, &app.sign_off, dialog, commands)
                {
                    state.sign_off = None;
                }
            }
            Modal::AuthorPrompt => {
                if let Some(prompt) = &mut state.author_prompt {
                    ui::author_dialog::author_dialog_ui(ctx, prompt, commands);
                }
            }
            Modal::About => ui::dialogs::about_dialog_ui(ctx, commands),
        }
    }
}

/// A search box over the window closed: the keyboard goes back somewhere visible, the grid.
fn give_keys_back(state: &mut UiState) {
    if state.focus == super::focus::FocusRequest::None {
        state.focus = super::focus::FocusRequest::Grid;
    }
}

/// Keeps a width the user chose; a panel at its default size follows the window instead.
fn remember_width(stored: &mut Option<f32>, width: f32, default: f32) {
    if stored.is_some() || (width - default).abs() > 2.0 {
        *stored = Some(width);
    }
}
