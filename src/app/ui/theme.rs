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

/// The app's dark theme: egui's, with text at 4.5:1 or more on every background it is drawn
/// on. egui draws weak text at 60 % of the text colour, about 2.7:1; here it is a grey of its
/// own, and plain text a step lighter so the two still differ.
pub fn dark_visuals() -> Visuals {
    let mut v = Visuals::dark();
    v.widgets.noninteractive.fg_stroke.color = Color32::from_gray(165);
    v.weak_text_color = Some(Color32::from_gray(136));
    v
}

/// The app's light theme: egui's, with weak text dark enough for 4.5:1.
pub fn light_visuals() -> Visuals {
    let mut v = Visuals::light();
    v.weak_text_color = Some(Color32::from_gray(100));
    v
}

/// Sets the app's themes; egui picks the one the user (or the system) chose.
pub fn install_visuals(ctx: &egui::Context) {
    ctx.set_visuals_of(egui::Theme::Dark, dark_visuals());
    ctx.set_visuals_of(egui::Theme::Light, light_visuals());
}

/// A colour laid over an opaque background (egui's colours are premultiplied).
pub fn over(c: Color32, bg: Color32) -> Color32 {
    let rest = 1.0 - f32::from(c.a()) / 255.0;
    let mix = |a: u8, b: u8| (f32::from(a) + f32::from(b) * rest).round().min(255.0) as u8;
    Color32::from_rgb(mix(c.r(), bg.r()), mix(c.g(), bg.g()), mix(c.b(), bg.b()))
}

/// WCAG's contrast ratio of two colours, 1 to 21; a colour with alpha is laid over `bg` first.
pub fn contrast(fg: Color32, bg: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (a, b) = (luminance(over(fg, bg)), luminance(bg));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[cfg(test)]
mod contrast_tests {
    use super::*;
    use crate::mark::Tone;

    /// The text and background pairs a theme draws, named.
    fn pairs(v: &Visuals) -> Vec<(String, Color32, Color32)> {
        let mut pairs = Vec::new();
        for (bg_name, bg) in [
            ("panel", v.panel_fill),
            ("window", v.window_fill),
            ("text field", v.text_edit_bg_color()),
            ("faint row", over(v.faint_bg_color, v.panel_fill)),
        ] {
            for (fg_name, fg) in [
                ("text", v.text_color()),
                ("weak text", v.weak_text_color()),
                ("strong text", v.strong_text_color()),
            ] {
                pairs.push((format!("{fg_name} on {bg_name}"), fg, bg));
            }
            for tone in [Tone::Full, Tone::Partial, Tone::Uncovered, Tone::Warning, Tone::Info] {
                pairs.push((format!("{tone:?} text on {bg_name}"), tone_text(v, tone), bg));
            }
        }
        for tone in [Tone::Full, Tone::Partial, Tone::Uncovered, Tone::Warning, Tone::Info] {
            pairs.push((format!("letter on {tone:?} fill"), on_fill(v), fill(v, tone)));
        }
        for w in [&v.widgets.inactive, &v.widgets.hovered, &v.widgets.active] {
            pairs.push(("button text".into(), w.text_color(), w.weak_bg_fill));
        }
        pairs.push(("selected text".into(), v.selection.stroke.color, v.selection.bg_fill));
        pairs
    }

    #[test]
    fn text_contrast_is_at_least_4_5_to_1_in_both_themes() {
        let mut low = Vec::new();
        for (theme, v) in [("dark", dark_visuals()), ("light", light_visuals())] {
            for (what, fg, bg) in pairs(&v) {
                let ratio = contrast(fg, bg);
                if ratio < 4.5 {
                    low.push(format!("{theme}: {what} {ratio:.2}"));
                }
            }
        }
        assert!(low.is_empty(), "below 4.5:1: {low:#?}");
        let (d, l) = (dark_visuals(), light_visuals());
        eprintln!(
            "dark text {:?} weak {:?} panel {:?}; light text {:?} weak {:?} panel {:?}",
            d.text_color(),
            d.weak_text_color(),
            d.panel_fill,
            l.text_color(),
            l.weak_text_color(),
            l.panel_fill
        );
    }

    #[test]
    fn contrast_matches_wcag_figures() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::from_gray(0x76), Color32::WHITE) - 4.54).abs() < 0.02);
    }
}
