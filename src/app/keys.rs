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
use super::focus::FocusRequest;
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
        // Undo took away the field that had the keyboard: egui leaves it nowhere, where no key
        // acts; the grid takes it, on its cell.
        if let Some((id, frames)) = self.state.field_before_undo.take() {
            let focused = ctx.memory(|m| m.focused());
            let gone = ctx.read_response(id).is_none() && (focused.is_none() || focused == Some(id));
            if gone {
                super::focus::arm_grid_keys(ctx);
                ctx.memory_mut(|m| m.request_focus(super::focus::grid_focus_id()));
            } else if focused == Some(id) && frames > 0 {
                self.state.field_before_undo = Some((id, frames - 1));
                ctx.request_repaint();
            }
        }
        if !modal_open {
            let in_menu_bar = super::tab_order::focused_region(ctx) == Some(super::tab_order::Region::Menu);
            super::ui::menu_keys::menu_keys(ctx, in_menu_bar);
        }
        let typing = self.typing_in_a_field(ctx);
        if !modal_open && let Some(cmd) = UiCommand::from_input(ctx, typing) {
            self.commands.push(Command::Ui(cmd));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            // Text typed in the inspector is part of the work: apply it before asking.
            self.flush_draft();
            if let Some(editor) = self.state.modules_editor.as_mut().filter(|e| e.has_unapplied()) {
                // Changes the editor cannot apply yet: it asks, the window stays.
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                editor.confirm_close = true;
            } else if self.must_ask_before_leaving() {
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
            if self.state.focus == FocusRequest::Reason {
                // P's partial cell shows in this frame, so its reason field is drawn with the
                // keyboard and what was typed after P reaches it.
                self.apply_commands(ctx);
            }
        }
    }
}

impl HtqApp {
    /// Whether a text field holds typing that is not yet an edit of the project: typed in
    /// since the project last changed, and still with the keyboard. Ctrl+Z is then the
    /// field's; once the typing is applied (on leaving the field, on a save), it undoes edits.
    fn typing_in_a_field(&mut self, ctx: &egui::Context) -> bool {
        let focused = ctx.memory(|m| m.focused()).filter(|_| ctx.text_edit_focused());
        let typed = ctx.input(|i| {
            i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::Text(_)
                        | egui::Event::Paste(_)
                        | egui::Event::Cut
                        | egui::Event::Ime(egui::ImeEvent::Commit(_))
                        | egui::Event::Key {
                            key: Key::Backspace | Key::Delete,
                            pressed: true,
                            ..
                        }
                )
            })
        });
        let now = self.doc.generation();
        // The typing became an edit (or an undo changed the project) while the field kept the
        // keyboard: the field's own undo history starts again from the text as applied, so
        // Ctrl+Z in it never takes back what was applied, and saved, before.
        if let Some((id, _)) = self.state.typing.filter(|&(id, g)| Some(id) == focused && g != now)
            && let Some(mut field) = egui::text_edit::TextEditState::load(ctx, id)
        {
            field.clear_undoer();
            field.store(ctx, id);
        }
        let before = self.state.typing.filter(|&(id, g)| Some(id) == focused && g == now);
        // Typing and Ctrl+Z in one frame: the field reads both, in order.
        self.state.typing = match focused {
            Some(id) if typed => Some((id, now)),
            _ => before,
        };
        self.state.typing.is_some()
    }

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

/// What one of the grid's keys asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
enum GridKey {
    Move { dr: isize, dc: isize, extend: bool },
    Inspect,
    DropRange,
    ShowOutcomes(bool),
    Set(Option<Coverage>),
    Cycle,
}

impl GridKey {
    fn of(key: Key, m: Modifiers) -> Option<GridKey> {
        // Shift is allowed, as for capitals and +; Ctrl, Alt and Cmd make it a shortcut.
        let plain = !(m.ctrl || m.command || m.alt || m.mac_cmd);
        let step = |dr, dc| {
            plain.then_some(GridKey::Move {
                dr,
                dc,
                extend: m.shift,
            })
        };
        match key {
            Key::ArrowUp => step(-1, 0),
            Key::ArrowDown => step(1, 0),
            Key::ArrowLeft => step(0, -1),
            Key::ArrowRight => step(0, 1),
            _ if !plain => None,
            // = is + without Shift.
            Key::Plus | Key::Equals => Some(GridKey::ShowOutcomes(true)),
            Key::Enter => Some(GridKey::Inspect),
            Key::Escape => Some(GridKey::DropRange),
            Key::Minus => Some(GridKey::ShowOutcomes(false)),
            Key::F => Some(GridKey::Set(Some(Coverage::Full))),
            Key::P => Some(GridKey::Set(Some(Coverage::Partial))),
            Key::Delete | Key::Backspace => Some(GridKey::Set(None)),
            Key::Space => Some(GridKey::Cycle),
            _ => None,
        }
    }
}

/// Takes the grid's keys from this frame's input, in the order they were typed. Text typed
/// while the grid has the keyboard is the grid's, up to a key that hands the keyboard to a
/// text field (P on one cell, Enter): what was typed after it is left for that field, so a
/// quick typist's letters after P land in the reason, never on the grid.
fn take_grid_keys(ctx: &egui::Context, hands_over: impl Fn(GridKey) -> bool) -> Vec<GridKey> {
    ctx.input_mut(|i| {
        let mut keys = Vec::new();
        let mut handed_over = false;
        // The text the handing-over key typed itself (P's "p") is the grid's, not the field's.
        let mut own_text = false;
        let mut kept = Vec::with_capacity(i.events.len());
        for event in std::mem::take(&mut i.events) {
            if handed_over {
                if std::mem::take(&mut own_text) && matches!(event, egui::Event::Text(_)) {
                    continue;
                }
                kept.push(event);
                continue;
            }
            match &event {
                egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } if GridKey::of(*key, *modifiers).is_some() => {
                    let Some(k) = GridKey::of(*key, *modifiers) else {
                        continue;
                    };
                    keys.push(k);
                    handed_over = hands_over(k);
                    own_text = handed_over;
                }
                egui::Event::Text(_) => {}
                _ => kept.push(event),
            }
        }
        i.events = kept;
        keys
    })
}

/// Arrow keys move the focused cell (with Shift they span a rectangle); Space cycles it;
/// F, P and Delete set every selected cell; Enter opens the inspector; Esc drops the range;
/// + and − show and hide the focused module's learning outcomes.
///
/// P hands the keyboard to the workplace reason at once (one cell's, or a range's shared one),
/// with whatever was typed after it.
fn grid_keys(ctx: &egui::Context, project: &Project, grid: &GridModel, state: &mut UiState, out: &mut Vec<Command>) {
    let (rows, cols) = (grid.rows(), grid.columns.len());
    if rows == 0 || cols == 0 {
        return;
    }
    let keys = take_grid_keys(ctx, |k| match k {
        GridKey::Inspect => true,
        GridKey::Set(c) => cell_edits::wants_reason(c),
        _ => false,
    });
    for key in keys {
        let (r, c) = state.selection.focused.unwrap_or((0, 0));
        match key {
            GridKey::Move { dr, dc, extend } => {
                super::focus::arrows_were_handled(ctx);
                let to = (
                    r.saturating_add_signed(dr).min(rows - 1),
                    c.saturating_add_signed(dc).min(cols - 1),
                );
                state.selection.select(to, extend);
                state.grid.scroll_to = Some(ScrollTarget {
                    row: Some(to.0),
                    col: Some(to.1),
                });
            }
            GridKey::Inspect => out.push(Command::Ui(UiCommand::Inspect)),
            GridKey::DropRange => state.selection.anchor = None,
            GridKey::ShowOutcomes(open) => {
                if let Some(m) = project.modules.get(r).filter(|m| !m.outcomes.is_empty()) {
                    state.grid.set_expanded(&m.code, open);
                }
            }
            GridKey::Set(coverage) => {
                state.selection.focused.get_or_insert((r, c));
                let cells = cell_edits::selected_cells(project, grid, &state.selection);
                out.push(Command::SetCoverage { cells, coverage });
                if cell_edits::wants_reason(coverage) {
                    // The edit is applied before this frame is drawn, and the reason field
                    // has the keyboard already, so the letters after P reach it this frame.
                    state.layout.show_inspector = true;
                    state.focus = FocusRequest::Reason;
                    ctx.memory_mut(|m| m.request_focus(egui::Id::unique(super::ui::inspector::REASON_ID)));
                }
            }
            GridKey::Cycle => {
                if let (Some(module), Some(column)) = (project.modules.get(r), grid.columns.get(c)) {
                    state.selection.focused.get_or_insert((r, c));
                    out.push(Command::CycleCell {
                        module: module.code.clone(),
                        ksb: column.ksb.clone(),
                    });
                }
            }
        }
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
