//! Drops on the grid: KSBs onto a module's row, a module onto a KSB's column.

use egui::{Stroke, StrokeKind};

use super::super::theme;
use super::GridDelegate;
use crate::app::command::{Command, DragPayload};

impl GridDelegate<'_> {
    /// Drops onto a module's row map the dragged KSBs to it.
    pub(super) fn accept_on_row(&mut self, resp: &egui::Response, row: usize) {
        if let Some(payload) = resp.dnd_release_payload::<DragPayload>()
            && let DragPayload::Ksbs { ksbs, label } = &*payload
        {
            let module = self.project.modules[row].code.clone();
            self.commands.push(Command::MapKsbs {
                label: format!("Map {label} to {module}"),
                module,
                ksbs: ksbs.clone(),
            });
        }
    }

    /// Drops of a module onto a KSB's column map that KSB to it.
    pub(super) fn accept_on_column(&mut self, resp: &egui::Response, col: usize) {
        if let Some(payload) = resp.dnd_release_payload::<DragPayload>()
            && let DragPayload::Module(module) = &*payload
        {
            let ksb = self.grid.columns[col].ksb.clone();
            self.commands.push(Command::MapKsbs {
                label: format!("Map {} to {module}", ksb.code),
                module: module.clone(),
                ksbs: vec![ksb],
            });
        }
    }

    /// A drop on a cell: KSBs map to its row's module, a module to its column's KSB. Found by
    /// the pointer's position, as the table's own layers can cover a cell's hit test.
    pub(super) fn accept_on_cell(&mut self, ui: &egui::Ui, rect: egui::Rect, row: usize, col: usize) {
        let Some(hovering) = egui::DragAndDrop::payload::<DragPayload>(ui.ctx()) else {
            return;
        };
        if !ui.rect_contains_pointer(rect) {
            return;
        }
        // Mark where the drop goes: KSBs go to the row's module, a module to the column's KSB.
        let clip = ui.clip_rect();
        let target = match &*hovering {
            DragPayload::Ksbs { .. } => egui::Rect::from_x_y_ranges(clip.x_range(), rect.y_range()),
            DragPayload::Module(_) => egui::Rect::from_x_y_ranges(rect.x_range(), clip.y_range()),
        };
        ui.painter().rect_stroke(
            target.shrink(1.0),
            2.0,
            Stroke::new(2.0, theme::highlight(ui.visuals())),
            StrokeKind::Inside,
        );
        if !ui.input(|i| i.pointer.any_released()) {
            return;
        }
        let Some(payload) = egui::DragAndDrop::take_payload::<DragPayload>(ui.ctx()) else {
            return;
        };
        let (Some(module), Some(column)) = (self.project.modules.get(row), self.grid.columns.get(col)) else {
            return;
        };
        match &*payload {
            DragPayload::Ksbs { ksbs, label } => self.commands.push(Command::MapKsbs {
                label: format!("Map {label} to {}", module.code),
                module: module.code.clone(),
                ksbs: ksbs.clone(),
            }),
            DragPayload::Module(code) => self.commands.push(Command::MapKsbs {
                label: format!("Map {} to {code}", column.ksb.code),
                module: code.clone(),
                ksbs: vec![column.ksb.clone()],
            }),
        }
    }
}
