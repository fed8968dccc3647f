//! One frame's layout: the menu and status bars, the side panels, the grid, the windows and
//! at most one modal dialog. Each widget is handed the document read-only and its own state;
//! what it asks for comes back as commands.

mod looks;
mod pointer_wake;
mod widths;

use super::HtqApp;
use super::command::Command;
use super::modal::{Modal, Pending};
use super::state::UiState;
use super::tab_order::{self, Escaped, Region, pane_begins, pane_ends, pane_shown};
use super::ui::{self, grid, inspector, standards_panel};
use widths::{SidePanel, remember, side_widths};

/// Everything a frame shows from the document side, read-only.
struct Shown<'a> {
    app: &'a HtqApp,
}

impl HtqApp {
    /// Draws the frame; the commands it pushes are applied after it.
    pub(super) fn frame_ui(&mut self, ui: &mut egui::Ui) {
        pointer_wake::watch(ui.ctx());
        tab_order::frame_begins(ui.ctx(), self.keys_held());
        escape_lands(ui.ctx());
        let windows_open = !self.open_dialogs().is_empty();
        let mut state = std::mem::take(&mut self.state);
        looks::keep(ui.ctx(), &mut state.layout);
        let mut commands = std::mem::take(&mut self.commands);
        let shown = Shown { app: self };
        shown.bars_ui(ui, &state, &mut commands);
        shown.side_panels_ui(ui, &mut state, &mut commands);
        shown.central_ui(ui, &mut state, &mut commands);
        if windows_open {
            tab_order::windows_shown(ui.ctx());
        }
        pane_begins(ui.ctx(), Region::Windows);
        shown.windows_ui(ui.ctx(), &mut state, &mut commands);
        pane_ends(ui.ctx(), Region::Windows);
        shown.modal_ui(ui.ctx(), &mut state, &mut commands);
        tab_order::frame_ends(ui.ctx());
        self.state = state;
        self.commands = commands;
        self.follow_kind_filter();
    }
}

impl Shown<'_> {
    fn bars_ui(&self, ui: &mut egui::Ui, state: &UiState, commands: &mut Vec<Command>) {
        let app = self.app;
        let project = app.doc.project();
        let menu = egui::Panel::top("menu").show(ui, |ui| {
            pane_begins(ui.ctx(), Region::Menu);
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
            pane_ends(ui.ctx(), Region::Menu);
        });
        pane_shown(ui.ctx(), Region::Menu, menu.response.rect);
        // Changes the modules editor cannot apply yet (a row with a duplicate code) are in the
        // recovery journal but not in the file: "Saved" would say they were.
        let held = state.modules_editor.as_ref().is_some_and(|e| e.has_unapplied());
        let saved = match (app.doc.path(), app.doc.is_dirty() || held) {
            (_, true) if held => "Editor changes not applied",
            // Kept in view until a save: the message that said so gives way to the next.
            (_, true) if app.doc.journal_failing() => "Unsaved changes, not safe from a crash",
            (_, true) => "Unsaved changes",
            (None, false) => "Untitled",
            (Some(_), false) => "Saved",
        };
        let status = egui::Panel::bottom("status").show(ui, |ui| {
            pane_begins(ui.ctx(), Region::Status);
            ui::status_bar::status_bar_ui(
                ui,
                project,
                &app.analysis,
                &app.last_action,
                saved,
                state.layout.grid_view,
                |ui| ui::sign_off::sign_off_status_ui(ui, &app.sign_off, commands),
            );
            pane_ends(ui.ctx(), Region::Status);
        });
        pane_shown(ui.ctx(), Region::Status, status.response.rect);
    }

    /// The standards panel on the left; the inspector above the coverage panel on the right,
    /// and the comments pane outermost. Each can be hidden; widths the user drags are kept as
    /// shares of the window (see `panel_widths`).
    fn side_panels_ui(&self, ui: &mut egui::Ui, state: &mut UiState, commands: &mut Vec<Command>) {
        let app = self.app;
        let (project, analysis, grid) = (app.doc.project(), &app.analysis, &app.grid);
        let window = ui.ctx().content_rect().width();
        let widths = side_widths(&state.layout, window);
        let relaid = lay_out_again(ui, &state.layout, window);
        let dragging = ui.ctx().input(|i| i.pointer.primary_down());
        let width_of = |p: SidePanel| widths.iter().find(|(q, _)| *q == p).map_or(p.min(window), |(_, w)| *w);
        let (ctx, scope) = (ui.ctx().clone(), ui.scope_id());
        let panel = |p: SidePanel, left: bool| {
            let width = width_of(p);
            if relaid {
                set_panel_width(&ctx, scope, p, width);
            }
            let panel = if left {
                egui::Panel::left(p.salt())
            } else {
                egui::Panel::right(p.salt())
            };
            panel
                .resizable(true)
                .default_size(width)
                .size_range(p.min(window)..=p.max(window))
        };
        if state.layout.show_comments {
            // Outermost on the right, as word processors put their comments.
            let shown = panel(SidePanel::Comments, false).show(ui, |ui| {
                pane_begins(ui.ctx(), Region::Comments);
                let author = state.layout.author.as_str();
                ui::comments_pane::comments_pane_ui(ui, project, &grid.comments, author, &mut state.comments, commands);
                pane_ends(ui.ctx(), Region::Comments);
            });
            pane_shown(ui.ctx(), Region::Comments, shown.response.rect);
            let w = shown.response.rect.width();
            remember(
                &mut state.layout,
                SidePanel::Comments,
                w,
                width_of(SidePanel::Comments),
                window,
                dragging,
            );
        }
        // Enter in the search, last frame: its KSB's cell is selected by now, so the grid
        // takes the keyboard there (taken this frame, it would select its first cell).
        if std::mem::take(&mut state.standards.keys_to_grid) {
            state.focus = super::focus::FocusRequest::Grid;
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
            let shown = panel(SidePanel::Standards, true).show(ui, |ui| {
                pane_begins(ui.ctx(), Region::Standards);
                standards_panel::standards_panel_ui(ui, &data, &mut state.standards, commands);
                pane_ends(ui.ctx(), Region::Standards);
            });
            pane_shown(ui.ctx(), Region::Standards, shown.response.rect);
            let w = shown.response.rect.width();
            remember(
                &mut state.layout,
                SidePanel::Standards,
                w,
                width_of(SidePanel::Standards),
                window,
                dragging,
            );
        }
        if SidePanel::Coverage.shown(&state.layout) {
            let shown = panel(SidePanel::Coverage, false).show(ui, |ui| {
                pane_begins(ui.ctx(), Region::Right);
                self.right_panel_ui(ui, state, commands);
                pane_ends(ui.ctx(), Region::Right);
            });
            pane_shown(ui.ctx(), Region::Right, shown.response.rect);
            let w = shown.response.rect.width();
            remember(
                &mut state.layout,
                SidePanel::Coverage,
                w,
                width_of(SidePanel::Coverage),
                window,
                dragging,
            );
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
            let mut scroll = egui::ScrollArea::vertical()
                .id_salt("inspector-scroll")
                .max_height(height)
                .auto_shrink([false, true]);
            // Scrolled down to one cell's note, the inspector showed the next cell's texts
            // with no name in view: another cell opens it at its top.
            if state.inspector.shown != state.selection.focused {
                state.inspector.shown = state.selection.focused;
                scroll = scroll.vertical_scroll_offset(0.0);
            }
            scroll.show(ui, |ui| {
                inspector::inspector_ui(ui, &data, &mut state.inspector, &mut state.focus, commands);
                super::focus::show_focused_in(ui);
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
        let central = egui::CentralPanel::default().show(ui, |ui| {
            pane_begins(ui.ctx(), Region::Grid);
            ui.horizontal(|ui| {
                // Cut to the panel, not widening it: a long title once made the grid wider
                // than its panel, and the inspector drew over its columns.
                let title = project.programme.name();
                ui.add(egui::Label::new(egui::RichText::new(title).heading()).truncate());
                if let Some(text) = filter_note(state.layout.gaps_only, &app.grid, analysis.ksbs.len()) {
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
                tooltips: app.modal_with(state).is_none() && state.modules_editor.is_none() && state.palette.is_none(),
            };
            grid::grid_ui(ui, &data, &mut state.grid, &mut state.focus, commands);
            pane_ends(ui.ctx(), Region::Grid);
        });
        pane_shown(ui.ctx(), Region::Grid, central.response.rect);
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
                versions: ui::menu_bar::catalogue_versions(project),
            };
            let entries = ui::palette::entries(ctx, &lists);
            if ui::palette::palette_ui(ctx, &mut palette, &entries, commands) {
                state.palette = Some(palette);
            }
        }
        // Closed, they leave the keyboard to `dialog_focus`, which gives it back where it was.
        if let Some(mut dialog) = state.catalogue.take()
            && ui::catalogue_dialog::catalogue_dialog_ui(ctx, project, &mut dialog, commands)
        {
            state.catalogue = Some(dialog);
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
        if state.conflicts_open && !ui::conflicts::conflicts_window_ui(ctx, project, commands) {
            state.conflicts_open = false;
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
                    let predates_file = app.doc.recovery_predates_file();
                    ui::dialogs::recovery_dialog_ui(ctx, r, path, predates_file, commands);
                }
            }
            Modal::Conflict => ui::dialogs::conflict_dialog_ui(ctx, path, commands),
            Modal::Unsaved => {
                let verb = app.pending.as_ref().map_or("continue", Pending::verb);
                match super::modal::unsent_words(&state.comments, app.doc.project()) {
                    Some(unsent) => ui::dialogs::unsent_comment_dialog_ui(ctx, verb, &unsent, commands),
                    None => ui::dialogs::unsaved_dialog_ui(ctx, verb, commands),
                }
            }
            Modal::Update => {
                if let Some(draft) = &mut state.update {
                    ui::update_dialog::update_dialog_ui(ctx, project, draft, commands);
                }
            }
            Modal::Merge => {
                if let Some(draft) = &state.merge {
                    ui::merge_dialog::merge_dialog_ui(ctx, draft, commands);
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

/// Whether the panels take the layout's widths this frame: at the first, and whenever the
/// window's width or the panels shown change. Otherwise egui keeps the widths, so a drag works.
fn lay_out_again(ui: &egui::Ui, layout: &super::layout::Layout, window: f32) -> bool {
    let id = egui::Id::unique("side-panels-laid-out-for");
    let shown: Vec<bool> = SidePanel::ALL.iter().map(|p| p.shown(layout)).collect();
    let now = (window.round() as i32, shown);
    let before = ui.ctx().data(|d| d.get_temp::<(i32, Vec<bool>)>(id));
    ui.ctx().data_mut(|d| d.insert_temp(id, now.clone()));
    before != Some(now)
}

/// Sets a side panel's width as egui keeps it between frames (egui's panels have no setter).
/// `scope` is the id of the `Ui` the panels are shown in.
fn set_panel_width(ctx: &egui::Context, scope: egui::Id, panel: SidePanel, width: f32) {
    let id = scope.with(panel.salt());
    let outer_rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, 1.0));
    ctx.data_mut(|d| d.insert_persisted(id, egui::PanelState { outer_rect }));
}

/// What the grid leaves out, over it: gaps only, or kinds of KSB switched off.
fn filter_note(gaps_only: bool, grid: &super::grid_model::GridModel, all: usize) -> Option<String> {
    let kinds = grid.kinds;
    if !gaps_only && kinds.all() {
        return None;
    }
    let shown = grid.columns.len();
    let mut text = format!("showing {shown} of {all} KSBs");
    if gaps_only {
        text.push_str(": gaps only (Ctrl+G shows all)");
    }
    if !kinds.all() {
        let names: Vec<&str> = [
            (kinds.knowledge, "Knowledge"),
            (kinds.skills, "Skills"),
            (kinds.behaviours, "Behaviours"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        if names.is_empty() {
            text.push_str("; every kind switched off in the standards panel");
        } else {
            text.push_str(&format!("; {} only (the standards panel's buttons)", names.join(", ")));
        }
    }
    Some(text)
}

/// Where the keyboard goes when Esc lets it go (egui alone leaves it nowhere, and the next
/// Tab starts again at the menu bar). Esc in a menu or popup closes it and goes back to what
/// opened it (the menu's button, the grid under a cell's menu); Esc on any control of a pane
/// (a coverage button, a reply box, a menu's button, a standard) goes back to the grid, on its
/// cell, which a screen reader then reads. Widgets drawn after this may place it themselves
/// (the search field keeps it while Esc clears the search). Windows handle their own Esc.
fn escape_lands(ctx: &egui::Context) {
    let to = match tab_order::escaped_from(ctx) {
        Some(Escaped::Popup(Some(opener))) if ctx.read_response(opener).is_some() => opener,
        Some(Escaped::Popup(_))
        | Some(Escaped::Pane(
            Region::Menu | Region::Standards | Region::Grid | Region::Right | Region::Comments | Region::Status,
        )) => super::focus::grid_focus_id(),
        Some(Escaped::Pane(Region::Windows)) | None => return,
    };
    if to == super::focus::grid_focus_id() {
        super::focus::arm_grid_keys(ctx);
    }
    ctx.memory_mut(|m| m.request_focus(to));
}
