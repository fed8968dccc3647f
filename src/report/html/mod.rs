//! One self-contained HTML report: inline CSS and SVG, no scripts, no links, nothing fetched.
//! It reads on any laptop and prints to A4 with a page break before each section and the
//! matrix cut into chunks of KSB columns that fit the page's width.
//!
//! The report is built from [`maud`] templates, which escape every value they are given, so a
//! module titled `<script>` shows as text. Only the style sheet, fixed at compile time, goes
//! in unescaped.

mod chart;
mod cover;
mod duties;
mod evidence;
mod findings;
mod gaps;
mod matrix;
mod modules;
mod review;
mod structure;
mod summary;

use maud::{DOCTYPE, Markup, PreEscaped, Render, html};

use crate::analysis::{Analysis, KsbState};
use crate::mark::{Mark, Marked, Palette, Tone};
use crate::model::{IsoDate, Project};
use crate::report::shorten;

pub use matrix::{MATRIX_CHUNK, matrix_chunks};

/// At most this many duties in one chart, to keep each chart on one printed page.
pub const DUTY_CHART_ROWS: usize = 25;

/// The report's style sheet; the colours of each tone come before it, from [`tone_colours`].
const CSS: &str = include_str!("report.css");

/// Every tone, in the order the style sheet's colours are written.
const TONES: [Tone; 5] = [Tone::Full, Tone::Partial, Tone::Uncovered, Tone::Warning, Tone::Info];

/// A tone's name in the style sheet: its colours are `--{name}` (bars and text on the page),
/// `--{name}-bg` (fills) and `--{name}-ink` (text on the fill), and class `t-{name}` sets them.
fn tone_name(tone: Tone) -> &'static str {
    match tone {
        Tone::Full => "full",
        Tone::Partial => "partial",
        Tone::Uncovered => "none",
        Tone::Warning => "warning",
        Tone::Info => "info",
    }
}

/// The class that shows a mark's tone as a fill with its ink.
fn tone_class(tone: Tone) -> String {
    format!("t-{}", tone_name(tone))
}

/// The CSS custom properties of every tone, from the print palette the XLSX report uses too.
fn tone_colours() -> String {
    let p = Palette::PRINT;
    let mut vars = String::from(":root {");
    for tone in TONES {
        let name = tone_name(tone);
        vars += &format!(
            " --{name}: {}; --{name}-bg: {}; --{name}-ink: {};",
            p.text(tone).hex(),
            p.fill(tone).hex(),
            p.ink(tone).hex()
        );
    }
    vars + " }\n"
}

/// A state's word on a fill of its tone.
fn tag(mark: Mark, word: &str) -> Markup {
    html! { span class={ "tag " (tone_class(mark.tone)) } { (word) } }
}

/// A KSB state as the gap list and a duty's "held back by" word it: "uncovered" reads
/// better there than the mark's "none".
fn ksb_word(state: KsbState) -> &'static str {
    if state == KsbState::Uncovered {
        "uncovered"
    } else {
        state.mark().label
    }
}

/// A KSB's overall state as a tag, "not needed" where only unchosen options list it.
fn overall_tag(k: &crate::analysis::KsbStatus) -> Markup {
    if k.needed {
        tag(k.state.mark(), ksb_word(k.state))
    } else {
        tag(k.mark(), k.mark().label)
    }
}

/// A table with one header row.
fn table(class: Option<&str>, heads: &[(&str, bool)], body: impl Render) -> Markup {
    html! {
        table class=[class] {
            thead { tr { @for &(head, num) in heads { th class=[num.then_some("num")] { (head) } } } }
            tbody { (body) }
        }
    }
}

/// The report as one HTML document, made on `made` (the CLI and the app pass today; tests a
/// fixed day, so the report is the same each run).
pub fn report(project: &Project, analysis: &Analysis, made: IsoDate) -> String {
    let p = &project.programme;
    let hash = crate::review::content_hash(project);
    let sections = [
        ("summary", "Summary", summary::summary(project, analysis)),
        ("duties", "Coverage by duty", duties::duties(project, analysis)),
        (
            "gaps",
            "Uncovered and partly covered KSBs",
            gaps::gaps(project, analysis),
        ),
        (
            "evidence",
            "Evidence by KSB: coverage, assessment, reasons and notes",
            evidence::evidence(project, analysis),
        ),
        ("findings", "Findings", findings::findings(project, analysis)),
        (
            "structure",
            "Qualification structure",
            structure::structure(project, analysis),
        ),
        ("matrix", "Mapping matrix", matrix::matrix(project, analysis)),
        (
            "modules",
            "Modules: learning outcomes and assessment",
            modules::modules(project, analysis),
        ),
        ("comments", "Open comments", review::comments(project)),
        ("sign-off", "Sign-off", review::sign_off(project, &hash)),
    ];
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "KSB mapping report: " (p.name()) }
                style { (tone_colours()) (PreEscaped(CSS)) (PreEscaped(page_margins(project, made, &hash))) }
            }
            body {
                (cover::cover(project, analysis, made, &hash))
                @for (id, heading, body) in sections {
                    section id=(id) { h2 { (heading) } (body) }
                }
                footer {
                    "Made by HTQ Mapper " (env!("CARGO_PKG_VERSION")) " on " (crate::report::long_date(made))
                    " from the project's own data; nothing in this file is fetched from elsewhere. Content hash "
                    code.hash { (hash) } "."
                }
            }
        }
    }
    .into_string();
    // NULs and other controls from a user's text have no place in a filed document.
    crate::text::printable(&page).into_owned()
}

/// The printed page's margin boxes: the programme and date at the foot's left, the page number
/// and count at its right (Chromium prints `@page` margin boxes since version 131).
fn page_margins(project: &Project, made: IsoDate, hash: &str) -> String {
    let p = &project.programme;
    let left = format!(
        "{} · {} · {}",
        shorten(&p.name(), 66),
        crate::report::long_date(made),
        hash.get(..12).unwrap_or(hash)
    );
    format!(
        "@page {{ @bottom-left {{ content: \"{}\"; }} @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); }} }}\n",
        css_string(&left)
    )
}

/// Text made safe inside a CSS string in a `<style>` element: every character but letters,
/// digits and spaces as a CSS escape, so no quote, backslash or `</style>` gets through.
fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            // The space ends the escape and is read as part of it, not as text.
            out += &format!("\\{:06x} ", u32::from(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_report(edit: impl FnOnce(&mut Project)) -> String {
        let mut p = crate::sample::sample_project().unwrap();
        edit(&mut p);
        report(&p, &crate::analysis::analyse(&p), IsoDate::new(2026, 11, 25).unwrap())
    }

    #[test]
    fn a_hostile_module_title_shows_as_text() {
        let html = sample_report(|p| p.modules[0].title = "<script>alert(1)</script> & \"x\"".into());
        assert!(!html.to_lowercase().contains("<script"), "no script element");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        // In an attribute too: the matrix gives each module's title as a tooltip.
        assert!(html.contains("title=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;\""));
    }

    #[test]
    fn a_hostile_programme_title_stays_inside_the_page_footer_string() {
        let html = sample_report(|p| p.programme.title = "\"; } </style><script>alert(1)</script> \\".into());
        assert!(!html.to_lowercase().contains("<script"), "no script element");
        assert_eq!(
            html.matches("</style>").count(),
            1,
            "the style element is not closed early"
        );
        let margins = &html[html.find("@bottom-left").unwrap()..];
        let string = &margins[margins.find("content: \"").unwrap() + 10..];
        let string = &string[..string.find('"').unwrap()];
        assert!(string.contains("\\000022 "), "the quote is escaped: {string}");
        assert!(string.contains("\\00003c \\00002f style"), "{string}");
        assert!(!string.contains('<') && !string.contains(';'), "{string}");
    }

    #[test]
    fn the_style_sheet_and_the_palette_are_in_the_report() {
        let html = sample_report(|_| {});
        assert!(html.contains(CSS), "report.css goes in whole");
        let full = Palette::PRINT.fill(Tone::Full).hex();
        assert!(
            html.contains(&format!("--full-bg: {full};")),
            "tone colours from the palette"
        );
        assert!(
            html.find(":root {") < html.find(CSS),
            "tone colours come before the style sheet"
        );
        assert!(html.starts_with("<!DOCTYPE html>"));
    }
}
