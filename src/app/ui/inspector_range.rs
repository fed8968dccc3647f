//! The inspector on a rectangle of cells: set them all in one edit, and give the partial ones
//! one workplace reason. P on a range puts the keyboard in that reason, as it does on one
//! cell, so what is typed next is the reason, not grid keys acting on the cells.

use crate::app::cell_edits;
use crate::app::command::Command;
use crate::app::focus::FocusRequest;
use crate::app::grid_model::GridModel;
use crate::app::selection::GridSelection;
use crate::model::{Coverage, KsbRef, Project};

use super::inspector::REASON_ID;

/// The reason being typed for a range's partial cells, applied when the field is left.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RangeReason {
    /// The partial cells it is for.
    pub cells: Vec<(String, KsbRef)>,
    pub text: String,
    /// The text as loaded: their shared reason, or empty when they differ.
    pub base: String,
}

impl RangeReason {
    fn load(project: &Project, cells: Vec<(String, KsbRef)>) -> Self {
        let mut reasons = cells
            .iter()
            .filter_map(|(m, k)| project.mapping(m, k))
            .map(|m| m.workplace_reason.as_str());
        let first = reasons.next().unwrap_or("");
        let base = if reasons.all(|r| r == first) { first } else { "" }.to_string();
        RangeReason {
            cells,
            text: base.clone(),
            base,
        }
    }

    /// The cells as the typed reason would leave them, while it is not applied: what a crash
    /// must keep.
    pub fn edits(&self, project: &Project) -> Vec<crate::model::CellEdit> {
        if self.text == self.base {
            return Vec::new();
        }
        crate::model::ops::set_workplace_reason(project, &self.cells, &self.text)
    }

    /// The edit giving every cell the typed reason, when it was changed.
    pub fn command(&mut self, project: &Project) -> Option<Command> {
        let edits = self.edits(project);
        self.base = self.text.clone();
        if edits.is_empty() {
            return None;
        }
        let label = format!(
            "Give {} a workplace reason",
            crate::text::counted(edits.len(), "partial cell", "partial cells")
        );
        Some(Command::SetCells { label, cells: edits })
    }
}

/// A rectangle of cells: set them all in one edit; give the partial ones a reason.
pub fn range_ui(
    ui: &mut egui::Ui,
    (project, grid, selection): (&Project, &GridModel, &GridSelection),
    reason: &mut RangeReason,
    focus_request: &mut FocusRequest,
    commands: &mut Vec<Command>,
) {
    let Some((rows, cols)) = selection.rectangle() else {
        return;
    };
    let cells = cell_edits::selected_cells(project, grid, selection);
    ui.label(format!(
        "{} selected: {} × {}",
        crate::text::counted(cells.len(), "cell", "cells"),
        crate::text::counted(rows.count(), "module", "modules"),
        crate::text::counted(cols.count(), "KSB", "KSBs")
    ));
    ui.horizontal(|ui| {
        ui.label("Set all to");
        for (coverage, word) in [
            (Some(Coverage::Full), "Full"),
            (Some(Coverage::Partial), "Partial"),
            (None, "None"),
        ] {
            if ui.button(word).clicked() {
                commands.extend(cell_edits::set_cells_command(project, &cells, coverage));
                if coverage == Some(Coverage::Partial) {
                    *focus_request = FocusRequest::Reason;
                }
            }
        }
    });
    ui.weak("Keys: F full, P partial, Delete none; Esc keeps one cell.");
    let partial: Vec<(String, KsbRef)> = cells
        .into_iter()
        .filter(|(m, k)| project.mapping(m, k).is_some_and(|x| x.coverage == Coverage::Partial))
        .collect();
    let focus = *focus_request == FocusRequest::Reason;
    if partial.is_empty() {
        // The cells become partial when this frame's edit applies: the field takes the keyboard then.
        if focus && commands.is_empty() {
            *focus_request = FocusRequest::None;
        }
        return;
    }
    if reason.cells != partial {
        // Another range: what was typed for the last one is applied to it first.
        commands.extend(reason.command(project));
        *reason = RangeReason::load(project, partial);
        super::text_history::forget(ui.ctx(), &[egui::Id::unique(REASON_ID)]);
    } else if !ui.memory(|m| m.has_focus(egui::Id::unique(REASON_ID))) {
        // Not being typed in: it shows the cells as they are now (after an undo, say).
        let now = RangeReason::load(project, partial);
        if now.base != reason.base {
            *reason = now;
            super::text_history::forget(ui.ctx(), &[egui::Id::unique(REASON_ID)]);
        }
    }
    if focus {
        *focus_request = FocusRequest::None;
    }
    let n = reason.cells.len();
    let label = ui.label(format!(
        "Workplace reason for the {}: why the rest is left to the workplace",
        crate::text::counted(n, "partial cell", "partial cells")
    ));
    let hint = if reason.base.is_empty() && n > 1 {
        "Their reasons differ or are missing: what you type here replaces them all"
    } else {
        "e.g. Delivered on placement and evidenced in the practice portfolio"
    };
    let resp = ui
        .add(
            egui::TextEdit::multiline(&mut reason.text)
                .id(egui::Id::unique(REASON_ID))
                .hint_text(hint)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if focus {
        resp.request_focus();
        resp.scroll_to_me_animation(None, egui::style::ScrollAnimation::none());
    }
    ui.horizontal_wrapped(|ui| {
        let changed = reason.text != reason.base;
        let apply = ui.add_enabled(changed, egui::Button::new(format!("Give all {n} this reason")));
        if resp.lost_focus() || apply.clicked() {
            commands.extend(reason.command(project));
        }
        if changed {
            ui.weak("Applied when you leave the field");
        }
    });
}
