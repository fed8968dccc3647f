//! Input that is not a widget's, read before the frame is drawn: shortcuts, the grid's keys,
//! dropped files and the window's close button. Edits become commands, applied after the
//! frame; the grid's arrows move the selection here, so the frame draws where they went.

use std::path::PathBuf;

use egui::{Key, Modifiers};

use crate::fsio::InputKind;
use crate::model::{Coverage, Project};

use super::HtqApp;
use super::cell_edits;
use super::command::Command;
use super::focus::grid_has_keys;
use super::grid_model::GridModel;
use super::modal::Pending;
use super::selection::ScrollTarget;
use super::state::UiState;
use super::ui_command::UiCommand;

impl HtqApp {
    /// Turns this frame's input into commands.
    pub(super) fn input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        self.commands.extend(dropped.into_iter().map(dropped_file));
        let modal_open = self.keys_held();
        if !modal_open && let Some(cmd) = UiCommand::from_input(ctx) {
            self.commands.push(Command::Ui(cmd));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            // Text typed in the inspector is part of the work: apply it before asking.
            self.flush_draft();
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.pending = Some(Pending::Close);
                // The unsaved-changes prompt shows next; an open file dialog would hide it.
                self.state.file_dialog = None;
            }
        }
        if !modal_open {
            self.review_window_keys(ctx);
        }
        // Asked every frame, dialogs included, so a dialog's box is remembered as the last
        // to have the keyboard.
        let grid_keys_on = grid_has_keys(ctx);
        if !modal_open && grid_keys_on {
            grid_keys(ctx, self.doc.project(), &self.grid, &mut self.state, &mut self.commands);
        }
    }
}

impl HtqApp {
    /// Esc closes the sign-offs, comparison or change-log window, whichever is open (the comparison's
    /// marks stay on the grid), before the grid sees it.
    fn review_window_keys(&mut self, ctx: &egui::Context) {
        // Esc closes the list of sign-offs (the window opened last) before the grid would take it.
        if self.state.sign_offs_open && super::ui::sign_off::esc_closes_sign_offs(ctx) {
            self.state.sign_offs_open = false;
            return;
        }
        let comparing = self.state.compare.as_ref().is_some_and(|v| v.window_open);
        if (comparing || self.state.change_log_open) && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.commands.push(if self.state.change_log_open {
                Command::ShowChangeLog(false)
            } else {
                Command::ShowComparison(false)
            });
        }
    }
}

/// What a file dropped on the window asks for, as `fsio` tells input kinds apart.
fn dropped_file(path: PathBuf) -> Command {
    let docx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if docx {
        return Command::ImportDescriptorsFrom(path);
    }
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

/// Arrow keys move the focused cell (with Shift they span a rectangle); Space cycles it;
/// F, P and Delete set every selected cell; Enter opens the inspector; Esc drops the range;
/// + and − show and hide the focused module's learning outcomes.
fn grid_keys(ctx: &egui::Context, project: &Project, grid: &GridModel, state: &mut UiState, out: &mut Vec<Command>) {
    let (rows, cols) = (grid.rows(), grid.columns.len());
    if rows == 0 || cols == 0 {
        return;
    }
    let (mut r, mut c) = state.selection.focused.unwrap_or((0, 0));
    let mut moved = None;
    ctx.input_mut(|i| {
        for (key, dr, dc) in [
            (Key::ArrowUp, -1, 0),
            (Key::ArrowDown, 1, 0),
            (Key::ArrowLeft, 0, -1),
            (Key::ArrowRight, 0, 1),
        ] {
            // Shift first: a plain key also matches with Shift held. Every press counts, so
            // fast typing and key repeat move as far as they were asked to.
            for (mods, extend) in [(Modifiers::SHIFT, true), (Modifiers::NONE, false)] {
                let n = i.count_and_consume_key(mods, key) as isize;
                if n > 0 {
                    r = r.saturating_add_signed(dr * n).min(rows - 1);
                    c = c.saturating_add_signed(dc * n).min(cols - 1);
                    moved = Some(extend);
                }
            }
        }
    });
    if let Some(extend) = moved {
        state.selection.select((r, c), extend);
        state.grid.scroll_to = Some(ScrollTarget {
            row: Some(r),
            col: Some(c),
        });
    }
    let Some((r, c)) = state.selection.focused else { return };
    let pressed = |key: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
    if pressed(Key::Enter) {
        out.push(Command::Ui(UiCommand::Inspect));
        return;
    }
    if pressed(Key::Escape) {
        state.selection.anchor = None;
    }
    // + and − show and hide the focused row's learning outcomes (= is + without Shift).
    if let Some(m) = project.modules.get(r).filter(|m| !m.outcomes.is_empty()) {
        if pressed(Key::Plus) || pressed(Key::Equals) {
            state.grid.set_expanded(&m.code, true);
            return;
        }
        if pressed(Key::Minus) {
            state.grid.set_expanded(&m.code, false);
            return;
        }
    }
    let set = if pressed(Key::F) {
        Some(Some(Coverage::Full))
    } else if pressed(Key::P) {
        Some(Some(Coverage::Partial))
    } else if pressed(Key::Delete) || pressed(Key::Backspace) {
        Some(None)
    } else {
        None
    };
    if let Some(coverage) = set {
        out.push(Command::SetSelection(coverage));
        if cell_edits::wants_reason(coverage, state.selection.is_range()) {
            // Now, not after the frame: the inspector drawn this frame asks for the keyboard.
            state.layout.show_inspector = true;
            state.focus = super::focus::FocusRequest::Reason;
        }
        return;
    }
    if !pressed(Key::Space) {
        return;
    }
    let (Some(module), Some(column)) = (project.modules.get(r), grid.columns.get(c)) else {
        return;
    };
    out.push(Command::CycleCell {
        module: module.code.clone(),
        ksb: column.ksb.clone(),
    });
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
