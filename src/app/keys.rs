//! Input that is not a widget's: shortcuts, the grid's arrow, Space and Delete keys, dropped
//! files and the window's close button. All of it becomes commands, applied after the frame.

use std::path::PathBuf;

use egui::{Key, Modifiers};

use crate::fsio::InputKind;
use crate::model::Project;

use super::HtqApp;
use super::command::Command;
use super::command_handling::Pending;
use super::grid_model::GridModel;
use super::state::UiState;
use super::ui_command::UiCommand;

impl HtqApp {
    /// Turns this frame's input into commands.
    pub(super) fn input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        self.commands.extend(dropped.into_iter().map(dropped_file));
        let modal_open = self.modal_open();
        if !modal_open && let Some(cmd) = UiCommand::from_input(ctx) {
            self.commands.push(Command::Ui(cmd));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Close);
            // The unsaved-changes prompt shows next; an open file dialog would hide it.
            self.state.file_dialog = None;
        }
        if !modal_open && !ctx.egui_wants_keyboard_input() {
            grid_keys(ctx, self.doc.project(), &self.grid, &mut self.state, &mut self.commands);
        }
    }
}

/// What a file dropped on the window asks for, as `fsio` tells input kinds apart.
fn dropped_file(path: PathBuf) -> Command {
    // Tables are known by their extension alone, so a large workbook is not read twice.
    let bytes = match InputKind::detect(&path, &[]) {
        InputKind::Table(_) => Vec::new(),
        // Unreadable files go to the standard importer, which says why.
        _ => crate::fsio::read_bounded(&path).unwrap_or_default(),
    };
    match InputKind::detect(&path, &bytes) {
        InputKind::Project => Command::OpenPath(path),
        InputKind::Standard => Command::ImportStandardFrom(path),
        InputKind::Table(_) => Command::ImportTableFrom(path),
    }
}

/// Arrow keys move the focused cell; Space cycles it; Delete clears it.
fn grid_keys(ctx: &egui::Context, project: &Project, grid: &GridModel, state: &mut UiState, out: &mut Vec<Command>) {
    let (rows, cols) = (grid.rows(), grid.columns.len());
    if rows == 0 || cols == 0 {
        return;
    }
    let (mut r, mut c) = state.selected.unwrap_or((0, 0));
    let mut moved = false;
    ctx.input_mut(|i| {
        for (key, dr, dc) in [
            (Key::ArrowUp, -1, 0),
            (Key::ArrowDown, 1, 0),
            (Key::ArrowLeft, 0, -1),
            (Key::ArrowRight, 0, 1),
        ] {
            if i.consume_key(Modifiers::NONE, key) {
                r = r.saturating_add_signed(dr).min(rows - 1);
                c = c.saturating_add_signed(dc).min(cols - 1);
                moved = true;
            }
        }
    });
    if moved {
        state.selected = Some((r, c));
        state.scroll_to = Some((Some(r), Some(c)));
    }
    let Some((r, c)) = state.selected else { return };
    let space = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Space));
    let delete = ctx
        .input_mut(|i| i.consume_key(Modifiers::NONE, Key::Delete) || i.consume_key(Modifiers::NONE, Key::Backspace));
    let (Some(module), Some(column)) = (project.modules.get(r), grid.columns.get(c)) else {
        return;
    };
    let (module, ksb) = (module.code.clone(), column.ksb.clone());
    if space {
        out.push(Command::CycleCell { module, ksb });
    } else if delete && project.mapping(&module, &ksb).is_some() {
        let label = format!("Unmap {} from {module}", ksb.code);
        out.push(Command::SetCell {
            module,
            ksb,
            mapping: None,
            label,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_spreadsheets_import_as_tables() {
        for name in ["m.csv", "m.XLSX", "m.xls", "m.ods"] {
            assert_eq!(dropped_file(name.into()), Command::ImportTableFrom(name.into()));
        }
        assert_eq!(
            dropped_file("p.txt".into()),
            Command::ImportStandardFrom("p.txt".into())
        );
        // A RON file that cannot be read is not a project; the standard importer says why.
        assert_eq!(
            dropped_file("gone.ron".into()),
            Command::ImportStandardFrom("gone.ron".into())
        );
    }
}
