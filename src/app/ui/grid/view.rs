//! The grid's assessment views: what a cell shows when the grid shows assessment instead of
//! coverage.

use egui::{Align2, FontId, Stroke, StrokeKind};

use crate::analysis::{Analysis, CellMark, KsbState};
use crate::app::layout::GridView;
use crate::model::Project;

use super::super::theme;

/// An assessment view's cell: assessed cells filled and lettered A; cells taught but not
/// assessed lettered T and hatched (in "covered but not assessed", in the warning colour),
/// so the view never relies on colour alone.
pub(super) fn view_mark(painter: &egui::Painter, rect: egui::Rect, v: &egui::Visuals, mark: CellMark, view: GridView) {
    let inner = rect.shrink(1.0);
    if mark.assessed {
        let fill = theme::coverage(v, mark.coverage);
        let fill = if view == GridView::Unassessed {
            fill.gamma_multiply(0.25)
        } else {
            fill
        };
        painter.rect_filled(inner, 2.0, fill);
        let text = if view == GridView::Unassessed {
            v.weak_text_color()
        } else {
            theme::on_fill(v)
        };
        painter.text(rect.center(), Align2::CENTER_CENTER, "A", FontId::monospace(13.0), text);
        return;
    }
    let colour = if view == GridView::Unassessed {
        theme::severity(v, crate::analysis::Severity::Warning)
    } else {
        theme::coverage(v, mark.coverage).gamma_multiply(0.6)
    };
    painter.rect_stroke(inner.shrink(1.0), 2.0, Stroke::new(1.5, colour), StrokeKind::Inside);
    // Hatching: two diagonals in the corners, a pattern as well as a colour.
    let (a, b) = (inner.left_bottom(), inner.right_top());
    for t in [0.2f32, 0.8] {
        let p = a.lerp(b, t);
        let d = egui::vec2(5.0, 5.0);
        painter.line_segment([p - d, p + d], Stroke::new(1.0, colour));
    }
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        "T",
        FontId::monospace(13.0),
        v.strong_text_color(),
    );
}

/// What the grid shows, beside the heading, when it is not coverage.
pub fn view_note_ui(ui: &mut egui::Ui, view: GridView, analysis: &Analysis) {
    if view == GridView::Covered {
        return;
    }
    let text = format!(
        "grid: {} · {} taught but never assessed (Ctrl+J changes the view)",
        view.label().to_lowercase(),
        crate::text::counted(analysis.unassessed.len(), "KSB", "KSBs")
    );
    ui.add(egui::Label::new(egui::RichText::new(text).weak()).truncate());
}

pub(super) fn empty_ui(ui: &mut egui::Ui, project: &Project) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        // Modules and KSBs, yet no column: the view hides them all, which is not "nothing".
        if !project.modules.is_empty() && project.ksb_refs().next().is_some() {
            ui.heading("No KSB to show here");
            ui.label(
                "Every KSB this view shows is covered in full: Ctrl+G (View > Show gaps only) or the \
                 Knowledge, Skills and Behaviours buttons show the others again.",
            );
            return;
        }
        ui.heading("Nothing to map yet");
        if project.standards.is_empty() {
            ui.label("Add a standard from the Standards menu, or drop an IfATE page or API file on this window.");
        }
        if project.modules.is_empty() {
            ui.label("Add the programme's modules from Programme > Modules and programme… (Ctrl+M).");
        }
    });
}

/// Marks for a colour legend.
pub fn legend_ui(ui: &mut egui::Ui, view: GridView) {
    let v = ui.visuals().clone();
    if view != GridView::Covered {
        let warn = theme::severity(&v, crate::analysis::Severity::Warning);
        theme::state_badge_ui(ui, theme::coverage(&v, crate::model::Coverage::Full), "A");
        ui.label("assessed");
        theme::state_badge_ui(
            ui,
            if view == GridView::Unassessed {
                warn
            } else {
                v.weak_text_color()
            },
            "T",
        );
        ui.label("taught, not assessed");
        return;
    }
    for (state, text) in [
        (KsbState::Full, "full"),
        (KsbState::Partial, "partial"),
        (KsbState::Uncovered, "uncovered KSB"),
    ] {
        theme::state_badge_ui(ui, theme::ksb_state(&v, state), theme::ksb_letter(state));
        ui.label(text);
    }
    super::super::suggestions::legend_ui(ui);
}
