//! The portfolio as one self-contained HTML dashboard: how many programmes need what, a chart
//! of coverage and of sign-off states across them, and the table, each programme linking to its
//! own report. Built with [`maud`], which escapes every value; only the fixed style sheet and
//! the colours worked out here go in unescaped. No scripts, nothing fetched.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::mark::{Palette, Tone};
use crate::model::IsoDate;
use crate::review::signoff::Standing;

use super::{Need, Portfolio, Row};

const CSS: &str = "
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1b1b1b; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
.lede { color: #555; }
.tiles { display: flex; gap: 1em; flex-wrap: wrap; }
.tile { border: 1px solid #ccc; border-radius: 6px; padding: .6em 1em; min-width: 9em; }
.tile b { display: block; font-size: 1.6em; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #1f3a5f; color: #fff; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.path { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
.old { font-weight: 600; }
svg text { font: 12px system-ui, sans-serif; }
";

/// Where each row's own report is, relative to the dashboard, when one was written.
pub type Links<'a> = &'a [Option<String>];

/// The dashboard, made on `made`; `links[i]` is row `i`'s report.
pub fn dashboard(p: &Portfolio, made: IsoDate, links: Links<'_>) -> String {
    let colours = colours();
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Portfolio: " (p.rows.len()) " programmes" }
                style { (PreEscaped(CSS)) (PreEscaped(colours)) }
            }
            body {
                h1 { "Portfolio of " (p.rows.len()) " programmes" }
                p.lede {
                    "Made by HTQ Mapper " (env!("CARGO_PKG_VERSION")) " on " (crate::report::long_date(made))
                    ". Most in need first: merge conflicts to resolve, gaps, then retired or superseded standards, then stale or missing sign-offs."
                }
                (tiles(p))
                h2 { "Coverage and states across programmes" }
                (coverage_chart(p))
                (sign_off_chart(p))
                h2 { "Programmes" }
                (table(p, links))
                @if !p.unreadable.is_empty() {
                    h2 { "Files that could not be read (" (p.unreadable.len()) ")" }
                    table {
                        thead { tr { th { "Path" } th { "Error" } } }
                        tbody {
                            @for u in &p.unreadable {
                                tr { td.path { (u.path.display().to_string()) } td { (u.error) } }
                            }
                        }
                    }
                }
                @if p.skipped > 0 {
                    p.lede { (p.skipped) " other files were skipped (not project files)." }
                }
            }
        }
    };
    page.into_string()
}

fn colours() -> String {
    let c = |t: Tone| Palette::PRINT.text(t).hex();
    format!(
        ".t-full {{ fill: {}; }} .t-partial {{ fill: {}; }} .t-none {{ fill: {}; }} .t-info {{ fill: {}; }}",
        c(Tone::Full),
        c(Tone::Partial),
        c(Tone::Uncovered),
        c(Tone::Info)
    )
}

fn tiles(p: &Portfolio) -> Markup {
    html! {
        div.tiles {
            @for (need, n) in p.need_counts() {
                div.tile { b { (n) } (need_heading(need)) }
            }
            div.tile { b { (p.unreadable.len()) } "unreadable files" }
        }
    }
}

fn need_heading(need: Need) -> &'static str {
    match need {
        Need::Conflict => "with merge conflicts to resolve",
        Need::Gap => "with gaps",
        Need::OldStandard => "on a retired or superseded standard",
        Need::SignOff => "with a stale or missing sign-off",
        Need::Nothing => "in order",
    }
}

/// Bands of the share of KSBs fully covered: (label, lowest percent).
const BANDS: [(&str, f64); 5] = [
    ("100%", 100.0),
    ("90–99%", 90.0),
    ("75–89%", 75.0),
    ("50–74%", 50.0),
    ("under 50%", f64::NEG_INFINITY),
];

/// One bar per band: how many programmes have that share of their KSBs fully covered.
fn coverage_chart(p: &Portfolio) -> Markup {
    let mut counts = [0usize; BANDS.len()];
    for r in &p.rows {
        let pct = r.percent_full();
        if let Some(i) = BANDS.iter().position(|&(_, low)| pct >= low)
            && let Some(n) = counts.get_mut(i)
        {
            *n += 1;
        }
    }
    let bars: Vec<(&str, usize, &str)> = BANDS
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (&(label, _), n))| {
            (
                label,
                n,
                if i == 0 {
                    "t-full"
                } else if i < 3 {
                    "t-partial"
                } else {
                    "t-none"
                },
            )
        })
        .collect();
    bar_chart("Programmes by the share of their KSBs fully covered", &bars)
}

fn sign_off_chart(p: &Portfolio) -> Markup {
    let count = |s: Standing| p.rows.iter().filter(|r| r.sign_off == s).count();
    let bars = [
        ("signed", count(Standing::Signed), "t-full"),
        ("stale", count(Standing::Stale), "t-partial"),
        ("unsigned", count(Standing::Unsigned), "t-none"),
    ];
    bar_chart("Programmes by sign-off", &bars)
}

/// A horizontal bar chart: (label, count, colour class) per bar.
fn bar_chart(title: &str, bars: &[(&str, usize, &str)]) -> Markup {
    const LABEL: f64 = 110.0;
    const WIDTH: f64 = 600.0;
    const ROW: f64 = 24.0;
    let most = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let height = ROW * bars.len() as f64 + 28.0;
    html! {
        figure {
            svg viewBox={ "0 0 " (WIDTH + LABEL + 60.0) " " (height) } width=(WIDTH + LABEL + 60.0) height=(height)
                role="img" aria-label=(title) {
                text x="0" y="14" font-weight="600" { (title) }
                @for (i, &(label, n, class)) in bars.iter().enumerate() {
                    @let y = 24.0 + ROW * i as f64;
                    text x="0" y=(format!("{:.1}", y + 15.0)) { (label) }
                    rect class=(class) x=(LABEL) y=(format!("{y:.1}")) height="18"
                        width=(format!("{:.1}", WIDTH * n as f64 / most)) {}
                    text x=(format!("{:.1}", LABEL + WIDTH * n as f64 / most + 6.0)) y=(format!("{:.1}", y + 15.0)) { (n) }
                }
            }
        }
    }
}

fn table(p: &Portfolio, links: Links<'_>) -> Markup {
    let heads: [(&str, bool); 14] = [
        ("Programme", false),
        ("File", false),
        ("Standards", false),
        ("Needs first", false),
        ("KSBs", true),
        ("Full", true),
        ("Partial", true),
        ("Uncovered", true),
        ("Uncovered duties", true),
        ("Route gaps", true),
        ("Not assessed", true),
        ("Sign-off", false),
        ("Open comments", true),
        ("Errors / warnings / notes", true),
    ];
    html! {
        table {
            thead { tr { @for (h, num) in heads { th class=[num.then_some("num")] { (h) } } } }
            tbody {
                @for (i, r) in p.rows.iter().enumerate() {
                    (row(r, links.get(i).cloned().flatten()))
                }
            }
        }
    }
}

fn row(r: &Row, link: Option<String>) -> Markup {
    let c = &r.coverage;
    let name = crate::model::programme_name(&r.award.to_string(), &r.title);
    html! {
        tr {
            td {
                @if let Some(href) = link { a href=(href) { (name) } } @else { (name) }
            }
            td.path { (r.path.display().to_string()) }
            td {
                @for (i, s) in r.standards.iter().enumerate() {
                    @if i > 0 { ", " }
                    span class=[(!s.current || s.closed).then_some("old")] {
                        (s.reference) @if let Some(v) = &s.version { " " (v) }
                        " (" (s.status.unwrap_or("status unknown"))
                        @if let Some(v) = &s.current_version { "; " (v) " is current" }
                        ")"
                    }
                }
            }
            td { (r.need().label()) }
            td.num { (c.ksbs) } td.num { (c.full) } td.num { (c.partial) } td.num { (c.uncovered) }
            td.num { (r.uncovered_duties) } td.num { (r.route_gaps) } td.num { (r.unassessed) }
            td { (r.sign_off.word()) }
            td.num { (r.open_comments) }
            td.num { (r.findings.errors) " / " (r.findings.warnings) " / " (r.findings.notes) }
        }
    }
}
