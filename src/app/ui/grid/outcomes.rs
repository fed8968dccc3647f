//! A module's learning outcomes as rows beneath it: the disclosure triangle on the module's
//! row, and each outcome's row, marked in every KSB column its module's mapping names it in.

use egui::{Align2, FontId, Sense, Stroke};

use super::super::theme;
use super::view::view_mark;
use super::{GridDelegate, access};
use crate::analysis::CellMark;
use crate::app::command::Command;
use crate::app::focus::FocusRequest;
use crate::app::layout::GridView;
use crate::mark::Marked;
use crate::model::{LearningOutcome, Module, Project};

/// How far an outcome's row is indented, past the triangle.
const INDENT: f32 = 22.0;
/// The width of the triangle's target at the left of a module's row.
pub(super) const TRIANGLE: f32 = 18.0;

impl GridDelegate<'_> {
    /// The triangle that shows or hides a module's learning outcomes (none without any).
    pub(super) fn disclosure_ui(&mut self, ui: &mut egui::Ui, row: usize, table_id: egui::Id) {
        let Some(m) = self.project.modules.get(row).filter(|m| !m.outcomes.is_empty()) else {
            return;
        };
        let open = self.state.expanded.contains(&m.code);
        let cell = ui.max_rect();
        let rect = egui::Rect::from_min_size(cell.left_top(), egui::vec2(TRIANGLE, cell.height()));
        // Not a Tab stop: the grid is one, and + and − do this from the keyboard.
        let resp = ui.interact(rect, table_id.with(("outcomes", row)), Sense::CLICK);
        let colour = if resp.hovered() {
            ui.visuals().strong_text_color()
        } else {
            ui.visuals().text_color()
        };
        let c = egui::pos2(rect.center().x, cell.top() + 11.0);
        let points = if open {
            vec![
                c + egui::vec2(-4.5, -2.5),
                c + egui::vec2(4.5, -2.5),
                c + egui::vec2(0.0, 3.5),
            ]
        } else {
            vec![
                c + egui::vec2(-2.5, -4.5),
                c + egui::vec2(3.5, 0.0),
                c + egui::vec2(-2.5, 4.5),
            ]
        };
        ui.painter()
            .add(egui::Shape::convex_polygon(points, colour, Stroke::NONE));
        let verb = if open { "Hide" } else { "Show" };
        let label = format!("{verb} {}'s learning outcomes", m.code);
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if resp.clicked() {
            self.state.set_expanded(&m.code, !open);
        }
        resp.on_hover_text(format!(
            "{verb} the {} learning outcomes of {} (+ and − on the focused row)",
            m.outcomes.len(),
            m.code
        ));
    }

    /// An outcome's first cell: its code and text, the text in full on hover.
    pub(super) fn outcome_header_ui(&mut self, ui: &mut egui::Ui, module: usize, outcome: usize, table_id: egui::Id) {
        let Some((m, lo)) = find_outcome(self.project, module, outcome) else {
            return;
        };
        let rect = ui.max_rect();
        paint_sub_row(ui, rect);
        let resp = ui.interact(rect, table_id.with(("outcome", module, outcome)), Sense::hover());
        let label = format!("{} {}: {}", m.code, lo.code, lo.text);
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::RowHeader, true, &label));
        // Indented with space, not a narrower child: content wider than the cell widens the column.
        ui.horizontal_centered(|ui| {
            ui.add_space(INDENT);
            ui.add(egui::Label::new(egui::RichText::new(&lo.code).strong()).selectable(false));
            ui.add(egui::Label::new(&lo.text).selectable(false).truncate());
        });
        self.hover_ui(resp, |ui, _| {
            ui.set_max_width(360.0);
            ui.strong(format!("{} {}", m.code, lo.code));
            ui.label(&lo.text);
        });
    }

    /// An outcome's cell under a KSB: marked where the module's mapping of that KSB names
    /// the outcome, with the mapping's letter (or, in the assessment views, whether an
    /// assessment assesses the outcome) as well as its colour.
    pub(super) fn outcome_cell_ui(
        &mut self,
        ui: &mut egui::Ui,
        (row_nr, module, outcome): (u64, usize, usize),
        col: usize,
        table_id: egui::Id,
    ) {
        let (Some((m, lo)), Some(column)) = (find_outcome(self.project, module, outcome), self.grid.columns.get(col))
        else {
            return;
        };
        let rect = ui.max_rect();
        let v = ui.visuals().clone();
        paint_sub_row(ui, rect);
        let carried = self.analysis.matrix.cell(module, column.index).filter(|_| {
            self.project
                .mapping(&m.code, &column.ksb)
                .is_some_and(|x| x.outcomes.contains(&lo.code))
        });
        let painter = ui.painter();
        let view = self.layout.grid_view;
        if let Some(mark) = carried {
            // Smaller than a module's cell, so an outcome's mark reads as a detail of it.
            let inner = rect.shrink(5.0);
            if view == GridView::Covered {
                painter.rect_filled(inner, 2.0, theme::coverage(&v, mark.coverage));
                painter.text(
                    rect.center(),
                    Align2::CENTER_CENTER,
                    mark.coverage.mark().letter,
                    FontId::monospace(11.0),
                    theme::on_fill(&v),
                );
            } else {
                let assessed = lo_assessed(m, &lo.code);
                view_mark(painter, inner, &v, CellMark { assessed, ..mark }, view);
            }
        }
        painter.line_segment(
            [rect.right_top(), rect.right_bottom()],
            Stroke::new(0.5, v.widgets.noninteractive.bg_stroke.color),
        );
        let resp = ui.interact(
            rect,
            table_id.with(("outcome-cell", module, outcome, col)),
            // Not a Tab stop: the grid is one.
            Sense::CLICK,
        );
        let place = access::Place {
            row: row_nr as usize + 1,
            col: col + 1,
        };
        access::cell_node(&resp, egui::Role::GridCell, place, false, || {
            let carries = if carried.is_some() {
                "carries it"
            } else {
                "does not carry it"
            };
            format!("{} {} × {}, {carries}", m.code, lo.code, column.code)
        });
        if resp.clicked() {
            // The module's cell is where the outcomes of a mapping are set (in the inspector).
            *self.focus = FocusRequest::Grid;
            self.commands.push(Command::Select {
                row: module,
                col,
                extend: false,
            });
        }
        self.hover_ui(resp, |ui, _| {
            ui.strong(format!("{} {} × {}", m.code, lo.code, column.code));
            if carried.is_some() {
                ui.label(format!("{} carries {} in {}", lo.code, column.code, m.code));
                if lo_assessed(m, &lo.code) {
                    ui.label("Assessed");
                } else {
                    ui.weak("No assessment assesses this outcome");
                }
            } else {
                ui.weak("Not carried by this outcome");
            }
            ui.weak("Click to focus the module's cell; the inspector sets the outcomes that carry it.");
        });
    }
}

fn find_outcome(project: &Project, module: usize, outcome: usize) -> Option<(&Module, &LearningOutcome)> {
    let m = project.modules.get(module)?;
    Some((m, m.outcomes.get(outcome)?))
}

/// An outcome's rows are tinted, so they read as part of the module above.
fn paint_sub_row(ui: &egui::Ui, rect: egui::Rect) {
    ui.painter().rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
    ui.painter().line_segment(
        [rect.left_bottom(), rect.right_bottom()],
        Stroke::new(0.5, ui.visuals().widgets.noninteractive.bg_stroke.color),
    );
}

/// True when one of the module's assessments assesses the outcome.
fn lo_assessed(m: &Module, code: &str) -> bool {
    m.assessments.iter().any(|a| a.outcomes.iter().any(|o| o == code))
}
