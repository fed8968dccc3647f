//! The app's panels and dialogs. Each `*_ui` function reads state and pushes commands;
//! `app_ui` lays them out for one frame.

pub mod author_dialog;
pub mod catalogue_dialog;
mod change_log_window;
mod code_text;
pub mod comments_pane;
mod compare_window;
pub mod coverage_panel;
pub mod dialogs;
mod drag;
pub mod file_dialog;
pub mod grid;
mod grid_cell_menu;
pub mod inspector;
mod inspector_outcomes;
pub mod menu_bar;
pub mod modules_editor;
mod occupational_options;
mod outcomes_editor;
pub mod palette;
pub mod review_marks;
pub mod sign_off;
pub mod standards_panel;
pub mod status_bar;
pub mod suggestions;
pub mod theme;
pub mod update_dialog;

use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::model::Project;
use crate::store::Recovery;

use super::command::Command;
use super::grid_model::GridModel;
use super::history::History;
use super::state::{self, UiState};

/// Everything a frame shows, read-only: the UI changes the document only through commands.
pub struct AppView<'a> {
    pub project: &'a Project,
    pub path: Option<&'a Path>,
    pub dirty: bool,
    pub history: &'a History,
    pub analysis: &'a Analysis,
    /// Suggested cells; empty while switched off.
    pub suggestions: &'a crate::suggest::Suggestions,
    pub grid: &'a GridModel,
    pub recent: &'a [PathBuf],
    pub bundled: &'a [(String, String, u8)],
    pub last_action: &'a str,
    pub error: Option<&'a super::failure::Failure>,
    pub recovery: Option<&'a Recovery>,
    pub conflict: bool,
    /// What the unsaved-changes prompt is asking before, if it is open.
    pub pending: Option<&'static str>,
    /// Where the sign-off stands, worked out after each edit.
    pub sign_off: &'a sign_off::SignOffSummary,
}

/// Lays out the panels, the open editor and at most one dialog.
pub fn app_ui(ui: &mut egui::Ui, view: &AppView<'_>, state: &mut UiState, commands: &mut Vec<Command>) {
    let AppView { project, analysis, .. } = *view;
    egui::Panel::top("menu").show(ui, |ui| {
        let info = menu_bar::MenuInfo {
            project,
            recent: view.recent,
            undo: view.history.undo_label(),
            redo: view.history.redo_label(),
            bundled: view.bundled,
            layout: &state.layout,
            all_expanded: all_expanded(project, state),
            highlight_changes: state.compare.as_ref().map(|c| c.highlight),
        };
        menu_bar::menu_bar_ui(ui, &info, commands);
    });
    let saved = match (view.path, view.dirty) {
        (_, true) => "Unsaved changes",
        (None, false) => "Untitled",
        (Some(_), false) => "Saved",
    };
    egui::Panel::bottom("status").show(ui, |ui| {
        status_bar::status_bar_ui(
            ui,
            project,
            analysis,
            view.last_action,
            saved,
            state.layout.grid_view,
            |ui| {
                sign_off::sign_off_status_ui(ui, view.sign_off, commands);
            },
        );
    });
    side_panels_ui(ui, view, state, commands);
    egui::CentralPanel::default().show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("{} {}", project.programme.award, project.programme.title));
            if state.layout.gaps_only {
                let shown = view.grid.columns.len();
                let text = format!("gaps only: {shown} of {} KSBs (Ctrl+G shows all)", analysis.ksbs.len());
                ui.add(egui::Label::new(egui::RichText::new(text).weak()).truncate());
            }
            grid::view_note_ui(ui, state.layout.grid_view, analysis);
        });
        grid::grid_ui(ui, project, analysis, view.suggestions, view.grid, state, commands);
    });
    if let Some(mut palette) = state.palette.take() {
        let lists = palette::MenuLists {
            recent: view.recent,
            addable: view
                .bundled
                .iter()
                .filter(|(r, _, _)| project.standard(r).is_none())
                .map(|(r, t, _)| (r.as_str(), t.as_str()))
                .collect(),
            removable: project
                .standards
                .iter()
                .map(|s| (s.reference.as_str(), s.title.as_str()))
                .collect(),
        };
        let entries = palette::entries(ui.ctx(), &lists);
        if palette::palette_ui(ui.ctx(), &mut palette, &entries, commands) {
            state.palette = Some(palette);
        } else if state.focus == state::FocusRequest::None {
            // The keyboard goes back somewhere visible: the grid.
            state.focus = state::FocusRequest::Grid;
        }
    }
    if let Some(mut dialog) = state.catalogue.take() {
        if catalogue_dialog::catalogue_dialog_ui(ui.ctx(), project, &mut dialog, commands) {
            state.catalogue = Some(dialog);
        } else if state.focus == state::FocusRequest::None {
            state.focus = state::FocusRequest::Grid;
        }
    }
    compare_window::compare_window_ui(ui.ctx(), project, state, commands);
    if state.change_log_open {
        change_log_window::change_log_window_ui(ui.ctx(), project, commands);
    }
    if let Some(editor) = &mut state.modules_editor
        && !modules_editor::modules_editor_ui(ui.ctx(), project, editor, commands)
    {
        state.modules_editor = None;
    }
    if state.sign_offs_open && !sign_off::sign_offs_window_ui(ui.ctx(), view.sign_off, commands) {
        state.sign_offs_open = false;
    }
    if let Some(message) = view.error {
        dialogs::error_dialog_ui(ui.ctx(), message, commands);
    } else if let Some(dialog) = &mut state.file_dialog {
        if !file_dialog::file_dialog_ui(ui.ctx(), dialog, commands) {
            state.file_dialog = None;
        }
    } else if let Some(r) = view.recovery {
        dialogs::recovery_dialog_ui(ui.ctx(), r, view.path, commands);
    } else if view.conflict {
        dialogs::conflict_dialog_ui(ui.ctx(), view.path, commands);
    } else if let Some(verb) = view.pending {
        dialogs::unsaved_dialog_ui(ui.ctx(), verb, commands);
    } else if let Some(draft) = &mut state.update {
        update_dialog::update_dialog_ui(ui.ctx(), project, draft, commands);
    } else if let Some(dialog) = &mut state.sign_off {
        if !sign_off::sign_off_dialog_ui(ui.ctx(), view.sign_off, dialog, commands) {
            state.sign_off = None;
        }
    } else if let Some(prompt) = &mut state.author_prompt {
        author_dialog::author_dialog_ui(ui.ctx(), prompt, commands);
    } else if state.about_open {
        dialogs::about_dialog_ui(ui.ctx(), commands);
    }
}

/// The standards panel on the left; the inspector above the coverage panel on the right.
/// Each can be hidden (View menu, Ctrl+1/2/3); widths the user drags are kept.
fn side_panels_ui(ui: &mut egui::Ui, view: &AppView<'_>, state: &mut UiState, commands: &mut Vec<Command>) {
    let AppView {
        project,
        analysis,
        grid,
        ..
    } = *view;
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
                let author = state.layout.author.clone();
                comments_pane::comments_pane_ui(ui, project, &grid.comments, &author, &mut state.comments, commands);
            });
        remember_width(
            &mut state.layout.comments_width,
            shown.response.rect.width(),
            comments_default,
        );
    }
    if state.layout.show_standards {
        let shown = egui::Panel::left("standards")
            .resizable(true)
            .default_size(state.layout.standards_width.unwrap_or(default))
            .size_range(200.0..=max)
            .show(ui, |ui| {
                standards_panel::standards_panel_ui(ui, project, analysis, &grid.comments, state, commands);
            });
        remember_width(&mut state.layout.standards_width, shown.response.rect.width(), default);
    }
    if state.layout.show_coverage || state.layout.show_inspector {
        let shown = egui::Panel::right("coverage")
            .resizable(true)
            .default_size(state.layout.coverage_width.unwrap_or(default))
            .size_range(220.0..=max)
            .show(ui, |ui| {
                if state.layout.show_inspector {
                    let height = if state.layout.show_coverage {
                        ui.available_height() * 0.5
                    } else {
                        ui.available_height()
                    };
                    egui::ScrollArea::vertical()
                        .id_salt("inspector-scroll")
                        .max_height(height)
                        .auto_shrink([false, true])
                        .show(ui, |ui| {
                            inspector::inspector_ui(ui, project, analysis, view.suggestions, grid, state, commands)
                        });
                    ui.separator();
                }
                if state.layout.show_coverage {
                    coverage_panel::coverage_panel_ui(
                        ui,
                        project,
                        analysis,
                        &grid.comments,
                        state.layout.gaps_only,
                        commands,
                    );
                }
            });
        remember_width(&mut state.layout.coverage_width, shown.response.rect.width(), default);
    }
}

/// Keeps a width the user chose; a panel at its default size follows the window instead.
fn remember_width(stored: &mut Option<f32>, width: f32, default: f32) {
    if stored.is_some() || (width - default).abs() > 2.0 {
        *stored = Some(width);
    }
}

/// True when every module with learning outcomes shows them in the grid (and one does).
pub fn all_expanded(project: &crate::model::Project, state: &crate::app::state::UiState) -> bool {
    let mut with = project.modules.iter().filter(|m| !m.outcomes.is_empty()).peekable();
    with.peek().is_some() && with.all(|m| state.expanded.contains(&m.code))
}
