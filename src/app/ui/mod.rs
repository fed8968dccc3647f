//! The app's panels and dialogs. Each `*_ui` function reads state and pushes commands;
//! `app_ui` lays them out for one frame.

pub mod coverage_panel;
pub mod dialogs;
pub mod file_dialog;
pub mod grid;
mod grid_cell_menu;
pub mod menu_bar;
pub mod modules_editor;
pub mod standards_panel;
pub mod status_bar;
pub mod theme;

use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::model::Project;
use crate::store::Recovery;

use super::command::Command;
use super::grid_model::GridModel;
use super::history::History;
use super::state::UiState;

/// Everything a frame shows, read-only: the UI changes the document only through commands.
pub struct AppView<'a> {
    pub project: &'a Project,
    pub path: Option<&'a Path>,
    pub dirty: bool,
    pub history: &'a History,
    pub analysis: &'a Analysis,
    pub grid: &'a GridModel,
    pub recent: &'a [PathBuf],
    pub bundled: &'a [(String, String, u8)],
    pub last_action: &'a str,
    pub error: Option<&'a str>,
    pub recovery: Option<&'a Recovery>,
    pub conflict: bool,
    /// What the unsaved-changes prompt is asking before, if it is open.
    pub pending: Option<&'static str>,
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
        };
        menu_bar::menu_bar_ui(ui, &info, commands);
    });
    let saved = match (view.path, view.dirty) {
        (_, true) => "Unsaved changes",
        (None, false) => "Untitled",
        (Some(_), false) => "Saved",
    };
    egui::Panel::bottom("status").show(ui, |ui| {
        status_bar::status_bar_ui(ui, project, analysis, view.last_action, saved);
    });
    egui::Panel::left("standards")
        .resizable(true)
        .default_size(300.0)
        .size_range(220.0..=600.0)
        .show(ui, |ui| {
            standards_panel::standards_panel_ui(ui, project, analysis, state, commands);
        });
    egui::Panel::right("coverage")
        .resizable(true)
        .default_size(290.0)
        .size_range(220.0..=600.0)
        .show(ui, |ui| {
            coverage_panel::coverage_panel_ui(ui, project, analysis, commands);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("{} {}", project.programme.award, project.programme.title));
        });
        grid::grid_ui(ui, project, analysis, view.grid, state, commands);
    });
    if let Some(editor) = &mut state.modules_editor
        && !modules_editor::modules_editor_ui(ui.ctx(), project, editor, commands)
    {
        state.modules_editor = None;
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
    } else if state.about_open {
        dialogs::about_dialog_ui(ui.ctx(), commands);
    }
}
