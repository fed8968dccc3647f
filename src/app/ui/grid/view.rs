//! The grid's assessment views: what a cell shows when the grid shows assessment instead of
//! coverage.

use egui::{Align2, FontId, Stroke, StrokeKind};

use crate::analysis::{Analysis, CellMark};
use crate::app::state::GridView;

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
        "grid: {} · {} KSBs taught but never assessed (Ctrl+J changes the view)",
        view.label().to_lowercase(),
        analysis.unassessed.len()
    );
    ui.add(egui::Label::new(egui::RichText::new(text).weak()).truncate());
}
