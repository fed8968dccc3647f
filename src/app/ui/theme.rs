//! Coverage colours, readable in light and dark themes. Colour is never the only cue:
//! cells also carry F or P, and states are named in words.

use egui::{Color32, Visuals};

use crate::analysis::{DutyState, KsbState, Severity};
use crate::model::Coverage;

pub fn full(v: &Visuals) -> Color32 {
    if v.dark_mode {
        Color32::from_rgb(38, 120, 72)
    } else {
        Color32::from_rgb(150, 214, 168)
    }
}

pub fn partial(v: &Visuals) -> Color32 {
    if v.dark_mode {
        Color32::from_rgb(150, 110, 20)
    } else {
        Color32::from_rgb(250, 205, 110)
    }
}

pub fn none(v: &Visuals) -> Color32 {
    if v.dark_mode {
        Color32::from_rgb(140, 45, 45)
    } else {
        Color32::from_rgb(240, 150, 145)
    }
}

/// Text drawn on a coverage fill.
pub fn on_fill(v: &Visuals) -> Color32 {
    if v.dark_mode { Color32::WHITE } else { Color32::BLACK }
}

pub fn coverage(v: &Visuals, c: Coverage) -> Color32 {
    match c {
        Coverage::Full => full(v),
        Coverage::Partial => partial(v),
    }
}

pub fn ksb_state(v: &Visuals, s: KsbState) -> Color32 {
    match s {
        KsbState::Full => full(v),
        KsbState::Partial => partial(v),
        KsbState::Uncovered => none(v),
    }
}

pub fn duty_state(v: &Visuals, s: DutyState) -> Color32 {
    match s {
        DutyState::Covered => full(v),
        DutyState::Partial => partial(v),
        DutyState::Uncovered => none(v),
    }
}

pub fn severity(v: &Visuals, s: Severity) -> Color32 {
    match s {
        Severity::Error => {
            if v.dark_mode {
                Color32::from_rgb(255, 120, 110)
            } else {
                Color32::from_rgb(180, 20, 20)
            }
        }
        Severity::Warning => {
            if v.dark_mode {
                Color32::from_rgb(240, 190, 80)
            } else {
                Color32::from_rgb(150, 90, 0)
            }
        }
        Severity::Info => v.weak_text_color(),
    }
}

/// The letter that marks a state for readers who cannot tell the colours apart.
pub fn ksb_letter(s: KsbState) -> &'static str {
    match s {
        KsbState::Full => "F",
        KsbState::Partial => "P",
        KsbState::Uncovered => "!",
    }
}

pub fn highlight(v: &Visuals) -> Color32 {
    if v.dark_mode {
        Color32::from_rgb(90, 160, 255)
    } else {
        Color32::from_rgb(20, 90, 200)
    }
}

/// A small filled marker with a letter, so state never relies on colour alone.
pub fn state_badge(ui: &mut egui::Ui, fill: Color32, letter: &str) -> egui::Response {
    let size = egui::vec2(16.0, 16.0);
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::hover());
    let v = ui.visuals();
    ui.painter().rect_filled(rect, 3.0, fill);
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        letter,
        egui::FontId::monospace(11.0),
        on_fill(v),
    );
    resp
}

/// DejaVu Sans as the last fallback, so the symbols and scripts people paste into module
/// titles and spreadsheets (✓, ≥, Greek, Cyrillic…) draw instead of showing as boxes.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    ctx.add_font(FontInsert::new(
        "DejaVuSans",
        egui::FontData::from_static(include_bytes!("../../../assets/fonts/DejaVuSans.ttf")),
        vec![
            InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}
