//! The summary: headline figures, KSB coverage by kind, and the duties no module covers.

use maud::{Markup, Render, html};

use crate::analysis::{Analysis, KsbState};
use crate::model::{KsbKind, Project};
use crate::report::shorten;

use super::chart::{self, Counts};

fn percent(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { 100.0 * n as f64 / of as f64 }
}

/// One headline figure, with what it counts and a line of detail.
fn card(big: impl Render, label: impl Render, detail: impl Render) -> Markup {
    html! {
        div.card { div.big { (big) } div.label { (label) } div.small { (detail) } }
    }
}

pub(super) fn summary(project: &Project, analysis: &Analysis) -> Markup {
    let s = &analysis.summary;
    let n = analysis.finding_counts();
    let mapped = s.ksbs > 0 && s.none == 0 && s.duties_uncovered == 0;
    let verdict = if analysis.all_covered() {
        "Every duty and KSB is at least partly covered."
    } else if mapped && !analysis.routes.gaps.is_empty() {
        // Mapped, yet a student's choice of options can miss a KSB: the gap list (what no
        // module covers) is empty, so the findings are where to look.
        "Every duty and KSB is mapped, but some routes through the optional modules miss KSBs; the findings below name them, with a route that misses each."
    } else if mapped {
        "Every duty and KSB is mapped, but merge conflicts remain to be settled; the findings below list them."
    } else {
        "Some duties or KSBs are not covered; the gap list below names them with reasons."
    };
    html! {
        div.cards {
            (card(
                format_args!("{:.0}%", s.percent_mapped()),
                format_args!("of {} KSBs mapped", s.ksbs),
                format_args!(
                    "{} full ({:.0}%) · {} partial · {} uncovered",
                    s.full,
                    percent(s.full, s.ksbs),
                    s.partial,
                    s.none
                ),
            ))
            @if s.duties > 0 {
                (card(
                    format_args!("{} of {}", s.duties_covered, s.duties),
                    format_args!("duties covered ({:.0}%)", percent(s.duties_covered, s.duties)),
                    format_args!("{} partial · {} uncovered", s.duties_partial, s.duties_uncovered),
                ))
            } @else {
                (card("–", "duties", "the standards list no duties, so duty coverage is unknown"))
            }
            (card(
                n.total(),
                "findings",
                format_args!("{} errors · {} warnings · {} notes", n.errors, n.warnings, n.notes),
            ))
        }
        p { b { (verdict) } }
        (kinds(analysis))
        (uncovered_duties(project, analysis))
    }
}

/// KSB coverage by kind, one bar for each kind the standards have.
fn kinds(analysis: &Analysis) -> Markup {
    let kinds: Vec<(KsbKind, Counts)> = KsbKind::ALL
        .iter()
        .map(|&kind| {
            let of_kind = analysis.ksbs.iter().filter(|k| k.needed && k.ksb.code.kind == kind);
            (kind, chart::state_counts(of_kind))
        })
        .filter(|(_, c)| c.iter().sum::<usize>() > 0)
        .collect();
    if kinds.is_empty() {
        return html! {};
    }
    let row = 26.0;
    let bars = html! {
        @for (i, (kind, [full, partial, none])) in kinds.iter().enumerate() {
            @let y = 2.0 + row * i as f64;
            text x="0" y=(chart::at(y + 15.0)) font-size="13" font-weight="600" { (kind.name()) }
            (chart::stacked_bar(110.0, y + 2.0, 400.0, 18.0, [*full, *partial, *none]))
            text x="522" y=(chart::at(y + 15.0)) font-size="12" {
                (full) " of " (full + partial + none) " full, " (partial) " partial, " (none) " none"
            }
        }
    };
    html! {
        h3 { "KSBs by kind" }
        (chart::frame(None, "KSB coverage by kind", kinds.len(), row, bars))
        (chart::legend())
    }
}

fn uncovered_duties(project: &Project, analysis: &Analysis) -> Markup {
    if analysis.uncovered_duties().next().is_none() {
        return html! {};
    }
    html! {
        h3 { "Uncovered duties" }
        ul {
            @for d in analysis.uncovered_duties() {
                @let missing: Vec<String> = d
                    .held_back_by
                    .iter()
                    .filter(|(_, s)| *s == KsbState::Uncovered)
                    .map(|(c, _)| c.to_string())
                    .collect();
                li {
                    span.code { (d.duty) } " " (shorten(project.duty_text(&d.duty), 110))
                    ": no module maps " (missing.join(", "))
                }
            }
        }
    }
}
