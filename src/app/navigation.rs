//! Moving around: the grid to what a finding or a comparison points at, and the keyboard
//! between panes.

use crate::analysis::Target;
use crate::model::KsbRef;

use super::HtqApp;
use super::focus::{FocusRequest, Pane, grid_focus_id};
use super::selection::ScrollTarget;
use super::tab_order::Region;

impl HtqApp {
    /// Scrolls the grid to what a finding is about, and highlights it.
    pub(super) fn focus(&mut self, target: Target) {
        let project = self.doc.project();
        let row = |code: &str| project.module_index(code);
        let col = |k: &KsbRef| self.grid.column_of(k);
        let to = |row, col| Some(ScrollTarget { row, col });
        self.state.grid.scroll_to = match &target {
            Target::Module(m) => to(row(m), None),
            Target::Ksb(k) => to(None, col(k)),
            Target::Cell { module, ksb } => to(row(module), col(ksb)),
            Target::Duty(d) => project
                .duty(d)
                .and_then(|duty| duty.ksbs.first())
                .and_then(|c| to(None, col(&KsbRef::new(d.standard.clone(), *c)))),
            Target::Programme | Target::Standard(_) => None,
        };
        // The keyboard's cell follows into the column (or row) shown, keeping its row (or
        // column): left where it was, often scrolled out of view, the next key mapped a cell
        // the user could not see.
        let (focused, shown) = (self.state.selection.focused, self.state.grid.scroll_to);
        if let (Some((r, c)), Some(to)) = (focused, shown) {
            let cell = (to.row.unwrap_or(r), to.col.unwrap_or(c));
            if cell != (r, c) && !matches!(target, Target::Cell { .. }) {
                self.state.selection.select(cell, false);
                self.state.grid.scroll_to = Some(ScrollTarget {
                    row: Some(cell.0),
                    col: Some(cell.1),
                });
            }
        }
        self.state.grid.highlight = Some(target);
        self.state.grid.highlight_from = self.state.selection.focused;
        self.state.grid.route = None;
    }

    /// Scrolls the grid to a cell, focuses it and outlines it.
    pub(super) fn focus_cell(&mut self, module: String, ksb: KsbRef) {
        let row = self.doc.project().module_index(&module);
        let col = self.grid.column_of(&ksb);
        if let (Some(r), Some(c)) = (row, col) {
            self.state.selection.select((r, c), false);
        } else {
            self.last_action = format!("{module} × {ksb} is not on the grid (a filter or the file hides it)");
        }
        self.focus(Target::Cell { module, ksb });
    }

    /// Moves the keyboard to the next shown pane: standards list, grid, inspector.
    pub(super) fn move_pane(&mut self, ctx: &egui::Context, step: isize) {
        let l = &self.state.layout;
        let (standards, inspector) = (l.show_standards, l.show_inspector);
        let shown = |p: Pane| match p {
            Pane::Standards => standards,
            Pane::Grid => true,
            Pane::Inspector => inspector,
        };
        let in_grid = ctx.memory(|m| m.has_focus(grid_focus_id()));
        let in_inspector = [super::ui::inspector::NOTE_ID, super::ui::inspector::REASON_ID]
            .iter()
            .any(|id| ctx.memory(|m| m.has_focus(egui::Id::unique(*id))));
        let something_focused = ctx.memory(|m| m.focused().is_some());
        // A move asked for and not yet drawn counts as made: F6 pressed twice within a frame
        // goes two panes on.
        let pending = match self.state.focus {
            FocusRequest::Grid => Some(Pane::Grid),
            FocusRequest::Inspector | FocusRequest::Reason | FocusRequest::Note => Some(Pane::Inspector),
            FocusRequest::None => self.state.standards.take_focus.then_some(Pane::Standards),
        };
        // Where Tab or a click left the keyboard counts too: Shift+F6 from the coverage panel
        // goes to the grid, the pane before it.
        let tabbed_to = match super::tab_order::focused_region(ctx) {
            Some(Region::Standards) => Some(Pane::Standards),
            Some(Region::Grid) => Some(Pane::Grid),
            Some(Region::Right) => Some(Pane::Inspector),
            _ => None,
        };
        let from = if pending.is_some() {
            pending
        } else if in_grid {
            Some(Pane::Grid)
        } else if in_inspector {
            Some(Pane::Inspector)
        } else if tabbed_to.is_some() {
            tabbed_to
        } else {
            self.state.last_pane.filter(|_| something_focused)
        };
        let pane = Pane::step(from, step, shown);
        self.state.last_pane = Some(pane);
        match pane {
            Pane::Standards => self.state.standards.take_focus = true,
            Pane::Grid => {
                self.state.focus = FocusRequest::Grid;
                // At once, so an arrow typed right after F6 already reaches the grid.
                ctx.memory_mut(|m| m.request_focus(grid_focus_id()));
                // And a frame to draw it in, where the grid picks its first cell: a screen
                // reader then hears that cell, not only the grid.
                ctx.request_repaint();
            }
            Pane::Inspector => self.state.focus = FocusRequest::Inspector,
        }
    }
}
