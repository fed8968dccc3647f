//! The module column: each module's code, title and details, readable in full on hover, and
//! a cell's tooltip.

use egui::{Sense, Stroke, StrokeKind};

use crate::app::command::{Command, DragPayload};
use crate::text::{counted, shorten};

use super::super::{review_marks, theme};
use super::outcomes;
use super::{GridDelegate, access};

impl GridDelegate<'_> {
    pub(super) fn module_cell_ui(&mut self, ui: &mut egui::Ui, row_nr: u64, row: usize, table_id: egui::Id) {
        let Some(m) = self.project.modules.get(row) else { return };
        let rect = ui.max_rect();
        let resp = ui.interact(rect, table_id.with(("module", row)), Sense::CLICK | Sense::DRAG);
        if resp.drag_started() {
            resp.dnd_set_drag_payload(DragPayload::Module(m.code.clone()));
        }
        let v = ui.visuals().clone();
        if self.highlighted(Some(row), None) {
            ui.painter()
                .rect_filled(rect, 0.0, theme::highlight(&v).gamma_multiply(0.25));
        }
        if resp
            .dnd_hover_payload::<DragPayload>()
            .is_some_and(|p| matches!(*p, DragPayload::Ksbs { .. }))
        {
            ui.painter().rect_stroke(
                rect.shrink(1.0),
                2.0,
                Stroke::new(2.0, theme::highlight(&v)),
                StrokeKind::Inside,
            );
        }
        let unmapped = self.analysis.matrix.row_count(row) == 0;
        let mut meta = format!(
            "L{} · {} · {}",
            m.level,
            counted(m.credits as usize, "credit", "credits"),
            m.status.label()
        );
        if let Some(g) = &m.group {
            meta.push_str(&format!(" · {g}"));
        }
        if m.work_based {
            meta.push_str(" · work-based");
        }
        if unmapped {
            meta.push_str(" · maps nothing");
        }
        // Room at the left for the triangle that shows the module's outcomes.
        ui.vertical(|ui| {
            ui.add_space(1.0);
            ui.horizontal(|ui| {
                ui.add_space(outcomes::TRIANGLE);
                ui.add(egui::Label::new(egui::RichText::new(&m.code).strong()).selectable(false));
                ui.add(egui::Label::new(&m.title).selectable(false).truncate());
            });
            // The small line as tall as its text, as a plain label is.
            ui.spacing_mut().interact_size.y = 0.0;
            ui.horizontal(|ui| {
                ui.add_space(outcomes::TRIANGLE);
                ui.add(
                    egui::Label::new(egui::RichText::new(meta.as_str()).small().weak())
                        .selectable(false)
                        .truncate(),
                );
            });
        });
        self.accept_on_row(&resp, row);
        if resp.double_clicked() {
            self.commands
                .push(Command::Ui(crate::app::ui_command::UiCommand::EditModules));
        }
        let mark = self.grid.comments.module(row);
        let place = access::Place {
            row: row_nr as usize + 1,
            col: 0,
        };
        access::cell_node(&resp, egui::Role::RowHeader, place, false, || {
            let mut name = format!("{} {}, {meta}", m.code, m.title);
            if let Some(mark) = mark {
                let target = crate::model::CommentTarget::Module(m.code.clone());
                name.push_str(&format!(", {}", access::comment_words(self.project, &target, mark)));
            }
            name
        });
        review_marks::module_row_ui(ui, &resp, self.project, &m.code, mark, self.commands);
        // The whole title first, as the column may cut it short (compact mode above all).
        self.hover_ui(resp, |ui, _| {
            ui.set_max_width(420.0);
            ui.strong(format!("{} {}", m.code, m.title));
            ui.label(&meta);
            if let Some(mark) = mark {
                ui.label(review_marks::mark_words(mark));
            }
            ui.weak("Drag onto a KSB column to map it; drop KSBs or duties here to map them. Double-click to edit. Right-click to comment.");
        });
        // Over the row's own target, so a click on the triangle is its own.
        self.disclosure_ui(ui, row, table_id);
    }

    pub(super) fn cell_tooltip_ui(&self, ui: &mut egui::Ui, module: &str, ksb: &crate::model::KsbRef) {
        let text = self.project.ksb_text(ksb);
        ui.strong(format!("{module} × {}", ksb.code));
        ui.label(shorten(text, 160));
        match self.project.mapping(module, ksb) {
            Some(m) => {
                ui.label(cell_words(self.project, self.analysis, m));
                if !m.workplace_reason.is_empty() {
                    ui.label(format!("Workplace: {}", m.workplace_reason));
                }
                if !m.note.is_empty() {
                    ui.label(format!("Note: {}", m.note));
                }
            }
            None => {
                ui.weak("Not mapped");
            }
        }
        if let Some(c) = super::super::conflicts::cell_conflict(self.project, module, ksb) {
            let error = theme::severity(ui.visuals(), crate::analysis::Severity::Error);
            ui.colored_label(error, format!("Merge conflict: {}", super::super::conflicts::what(c)));
            ui.weak("Focus the cell: the inspector shows both sides, with Take mine and Take theirs.");
        }
        review_marks::cell_comments_ui(ui, self.project, module, ksb);
        ui.weak("Click to focus; click again to cycle none, full, partial. Shift+click selects a range. Right-click for more.");
    }
}

/// A mapped cell in words: its coverage, taught, and assessed as the analysis decided it (not
/// the ticked flag, which counts for nothing where a module's outcomes and assessments decide).
fn cell_words(
    project: &crate::model::Project,
    analysis: &crate::analysis::Analysis,
    m: &crate::model::Mapping,
) -> String {
    let mut how = vec![m.coverage.label()];
    if m.taught {
        how.push("taught");
    }
    if analysis.assessed_by(project, &m.module, &m.ksb) {
        how.push("assessed");
    }
    how.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cells_tooltip_says_assessed_where_the_reports_do() {
        let p = crate::sample::sample_project().unwrap();
        let a = crate::analysis::analyse(&p);
        let mut flag_differs = 0;
        for m in p.mappings.iter() {
            let k = a.ksb(&m.ksb).unwrap();
            let reports = a.assessed_in(&p, k).contains(&m.module.as_str());
            assert_eq!(
                cell_words(&p, &a, m).ends_with(", assessed"),
                reports,
                "{} × {}",
                m.module,
                m.ksb
            );
            // The inspector's and the cell menu's line decide by `Module::assesses`: the same.
            assert_eq!(
                p.module(&m.module).unwrap().assesses(m),
                reports,
                "{} × {}",
                m.module,
                m.ksb
            );
            flag_differs += usize::from(m.assessed != reports);
        }
        // The sample's outcome chains assess cells whose box is not ticked: the flag alone
        // would say otherwise there.
        assert!(flag_differs > 0);
    }
}
