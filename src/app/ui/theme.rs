//! Coverage colours, readable in light and dark themes. Colour is never the only cue:
//! cells also carry F or P, and states are named in words.

use egui::{Color32, Visuals};

use crate::analysis::{DutyState, KsbState, Severity};
use crate::mark::{Marked, Palette, Rgb, Tone};
use crate::model::Coverage;

/// The shared palette for the current theme.
fn palette(v: &Visuals) -> &'static Palette {
    if v.dark_mode { &Palette::DARK } else { &Palette::LIGHT }
}

fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

pub fn fill(v: &Visuals, tone: Tone) -> Color32 {
    color(palette(v).fill(tone))
}

pub fn full(v: &Visuals) -> Color32 {
    fill(v, Tone::Full)
}

pub fn partial(v: &Visuals) -> Color32 {
    fill(v, Tone::Partial)
}

pub fn none(v: &Visuals) -> Color32 {
    fill(v, Tone::Uncovered)
}

/// Text drawn on a coverage fill.
pub fn on_fill(v: &Visuals) -> Color32 {
    color(palette(v).ink(Tone::Full))
}

pub fn coverage(v: &Visuals, c: Coverage) -> Color32 {
    fill(v, c.mark().tone)
}

pub fn ksb_state(v: &Visuals, s: KsbState) -> Color32 {
    fill(v, s.mark().tone)
}

pub fn duty_state(v: &Visuals, s: DutyState) -> Color32 {
    fill(v, s.mark().tone)
}

pub fn severity(v: &Visuals, s: Severity) -> Color32 {
    match s {
        // Information reads as egui's own weak text, which follows the theme's contrast.
        Severity::Info => v.weak_text_color(),
        _ => color(palette(v).text(s.mark().tone)),
    }
}

/// Text in a tone's colour, readable on the panel (as the severities are).
pub fn tone_text(v: &Visuals, tone: Tone) -> Color32 {
    color(palette(v).text(tone))
}

/// The letter that marks a state for readers who cannot tell the colours apart.
pub fn ksb_letter(s: KsbState) -> &'static str {
    s.mark().letter
}

pub fn highlight(v: &Visuals) -> Color32 {
    color(palette(v).highlight)
}

/// A small filled marker with a letter, so state never relies on colour alone.
pub fn state_badge_ui(ui: &mut egui::Ui, fill: Color32, letter: &str) -> egui::Response {
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

/// A duty's state as a badge: its fill and its letter.
pub fn duty_badge_ui(ui: &mut egui::Ui, s: DutyState) -> egui::Response {
    state_badge_ui(ui, duty_state(ui.visuals(), s), s.mark().letter)
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

/// View > Theme: the three choices in words, as radio buttons (egui's own buttons are bare
/// icons, and two of them are glyphs the bundled fonts lack).
pub fn theme_menu_ui(ui: &mut egui::Ui, commands: &mut Vec<crate::app::command::Command>) {
    use egui::ThemePreference;
    let mut pref = ui.options(|o| o.theme_preference);
    let before = pref;
    ui.weak("Theme");
    for (value, label) in [
        (ThemePreference::System, "Follow system"),
        (ThemePreference::Light, "Light"),
        (ThemePreference::Dark, "Dark"),
    ] {
        ui.radio_value(&mut pref, value, label);
    }
    if pref != before {
        commands.push(crate::app::command::Command::SetTheme(pref));
    }
}

/// The outline of a cell that differs from the compared copy: blue added, magenta changed,
/// red removed, apart from the coverage fills and the finding highlight.
pub fn change(v: &Visuals, c: crate::app::comparison::CellChange) -> Color32 {
    use crate::app::comparison::CellChange;
    let (light, dark) = match c {
        CellChange::Added => (Color32::from_rgb(0x1d, 0x4e, 0xd8), Color32::from_rgb(0x60, 0xa5, 0xfa)),
        CellChange::Changed => (Color32::from_rgb(0xa2, 0x1c, 0xaf), Color32::from_rgb(0xe8, 0x79, 0xf9)),
        CellChange::Removed => (Color32::from_rgb(0xb9, 0x1c, 0x1c), Color32::from_rgb(0xf8, 0x71, 0x71)),
    };
    if v.dark_mode { dark } else { light }
}
