//! The marks a cell carries besides its coverage: how it differs from a compared copy (an
//! outline and a corner badge with +, − or ~), whether its mapping is marked for review (?),
//! and whether a merge left a conflict on it (!).

use egui::{Align2, Color32, FontId, Painter, Rect, Stroke, StrokeKind, Visuals, vec2};

use crate::app::comparison::CellChange;
use crate::app::ui::theme;

const BADGE: f32 = 12.0;

fn badge(painter: &Painter, at: Rect, v: &Visuals, fill: Color32, glyph: &str) {
    painter.rect_filled(at, 2.0, fill);
    // The dark theme's badge colours are light: dark ink reads on them, white on the light theme's.
    let ink = if v.dark_mode { Color32::BLACK } else { Color32::WHITE };
    painter.text(at.center(), Align2::CENTER_CENTER, glyph, FontId::monospace(11.0), ink);
}

/// A cell's marks besides its coverage.
#[derive(Clone, Copy, Default)]
pub struct CellMarks {
    pub change: Option<CellChange>,
    pub review: bool,
    pub conflict: bool,
}

/// Paints a cell's change, review and conflict marks; a removed cell is empty, so its
/// outline and badge are all there is to see.
pub fn paint_marks(painter: &Painter, rect: Rect, v: &Visuals, marks: CellMarks) {
    let CellMarks {
        change,
        review,
        conflict,
    } = marks;
    if let Some(c) = change {
        let colour = theme::change(v, c);
        painter.rect_stroke(rect.shrink(1.5), 2.0, Stroke::new(2.0, colour), StrokeKind::Inside);
        let at = Rect::from_min_size(rect.left_top() + vec2(2.0, 2.0), vec2(BADGE, BADGE));
        badge(painter, at, v, colour, c.glyph());
    }
    if review {
        let warn = theme::severity(v, crate::analysis::Severity::Warning);
        let at = Rect::from_min_size(rect.left_bottom() + vec2(2.0, -2.0 - BADGE), vec2(BADGE, BADGE));
        badge(painter, at, v, warn, "?");
    }
    if conflict {
        // Bottom right: the other corners hold the comparison's, the review's and comments' marks.
        let error = theme::severity(v, crate::analysis::Severity::Error);
        painter.rect_stroke(rect.shrink(1.0), 2.0, Stroke::new(1.5, error), StrokeKind::Inside);
        let at = Rect::from_min_size(rect.right_bottom() - vec2(2.0 + BADGE, 2.0 + BADGE), vec2(BADGE, BADGE));
        badge(painter, at, v, error, "!");
    }
}
