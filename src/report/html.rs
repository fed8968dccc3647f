//! One self-contained HTML report: inline CSS and SVG, no scripts, no links, nothing fetched.
//! It reads on any laptop and prints to A4 with a page break before each section and the
//! matrix cut into chunks of KSB columns that fit the page's width.
//!
//! Every piece of text from a project goes through [`Esc`], so a module titled `<script>`
//! shows as text.

use std::fmt::{self, Write as _};

use crate::analysis::{Analysis, DutyState, KsbState, KsbStatus, Severity};
use crate::model::{Coverage, Duty, KsbKind, KsbRef, Project, Standard};

use super::shorten;
use crate::mark::Marked;

/// At most this many KSB columns in one chunk of the matrix, to fit A4 portrait.
pub const MATRIX_CHUNK: usize = 20;
/// At most this many duties in one chart, to keep each chart on one printed page.
pub const DUTY_CHART_ROWS: usize = 25;

/// Text escaped for HTML content and attribute values.
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut last = 0;
        for (i, b) in self.0.bytes().enumerate() {
            let rep = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&self.0[last..i])?;
            f.write_str(rep)?;
            last = i + 1;
        }
        f.write_str(&self.0[last..])
    }
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    Esc(s).to_string()
}

macro_rules! w {
    ($out:expr, $($arg:tt)*) => {
        let _ = write!($out, $($arg)*);
    };
}

const CSS: &str = r#"
:root { --full: #2e7d32; --partial: #e0a100; --none: #c62828; --ink: #1d2733; --muted: #5b6775;
  --line: #d5dbe2; --head: #1f3a5f; --full-bg: #c6efce; --partial-bg: #ffeb9c; --none-bg: #ffc7ce; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { background: #eef1f4; }
body { font-family: "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
  font-size: 14px; line-height: 1.4; margin: 0 auto; max-width: 1060px; padding: 24px 32px 48px; background: #fff; }
h1 { font-size: 1.7em; margin: 0 0 4px; color: var(--head); }
h2 { font-size: 1.3em; color: var(--head); border-bottom: 2px solid var(--head); padding-bottom: 3px; margin: 28px 0 10px; }
h3 { font-size: 1.05em; margin: 18px 0 6px; }
p { margin: 4px 0 8px; }
.muted { color: var(--muted); }
.small { font-size: 0.85em; }
header.report { border-bottom: 3px solid var(--head); padding-bottom: 10px; margin-bottom: 8px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.card { flex: 1 1 200px; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.card .big { font-size: 1.9em; font-weight: 700; line-height: 1.1; }
.card .label { color: var(--muted); font-size: 0.9em; }
svg { display: block; max-width: 100%; height: auto; }
svg.chart { break-inside: avoid; page-break-inside: avoid; }
svg text { font-family: inherit; fill: var(--ink); }
.legend { display: flex; gap: 16px; font-size: 0.85em; color: var(--muted); margin: 4px 0 8px; flex-wrap: wrap; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 5px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { background: var(--head); color: #fff; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
.tag { display: inline-block; border-radius: 3px; padding: 0 6px; font-size: 0.85em; font-weight: 600; white-space: nowrap; }
.s-full, .s-covered { background: var(--full-bg); color: #0f4d14; }
.s-partial { background: var(--partial-bg); color: #6b4500; }
.s-none, .s-uncovered, .s-error { background: var(--none-bg); color: #8a0010; }
.s-warning { background: var(--partial-bg); color: #6b4500; }
.s-info { background: #dde7f3; color: #1f3a5f; }
.code { font-weight: 700; white-space: nowrap; }
.explain { color: var(--muted); font-size: 0.88em; margin-top: 2px; }
table.matrix { table-layout: fixed; width: auto; font-size: 11px; margin-bottom: 16px; }
table.matrix th, table.matrix td { padding: 2px 1px; text-align: center; width: 28px; height: 20px; }
table.matrix th.module, table.matrix td.module { width: 210px; text-align: left; padding-left: 5px; overflow: hidden;
  white-space: nowrap; text-overflow: ellipsis; }
table.matrix td.f { background: var(--full-bg); color: #0f4d14; font-weight: 700; }
table.matrix td.p { background: var(--partial-bg); color: #6b4500; font-weight: 700; }
table.matrix td.n { background: var(--none-bg); color: #8a0010; font-weight: 700; }
table.matrix tr.overall td { border-top: 2px solid var(--head); }
.chunk { break-inside: avoid; page-break-inside: avoid; }
.chunk h3 { margin-top: 10px; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.8em; border-top: 1px solid var(--line); padding-top: 6px; }
@page { size: A4 portrait; margin: 12mm 10mm 14mm; }
@media print {
  html { background: #fff; }
  body { font-size: 10px; max-width: none; padding: 0; }
  section { break-before: page; page-break-before: always; }
  section.first { break-before: auto; page-break-before: auto; }
  h2 { margin-top: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .card { padding: 6px 10px; }
  table.matrix { font-size: 8.5px; }
  table.matrix th, table.matrix td { width: 24px; height: 15px; }
  table.matrix th.module, table.matrix td.module { width: 170px; }
}
"#;

const FULL: &str = "#2e7d32";
const PARTIAL: &str = "#e0a100";
const NONE: &str = "#c62828";

/// The report as one HTML document.
pub fn report(project: &Project, analysis: &Analysis) -> String {
    let cells = analysis.ksbs.len() * (project.modules.len() + 4);
    let mut out = String::with_capacity(16 * 1024 + cells * 24);
    let p = &project.programme;
    w!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>KSB mapping report: {} {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        Esc(&p.award.to_string()),
        Esc(&p.title)
    );
    header(&mut out, project);
    summary(&mut out, project, analysis);
    duties(&mut out, project, analysis);
    gaps(&mut out, project, analysis);
    findings(&mut out, analysis);
    structure(&mut out, project, analysis);
    matrix(&mut out, project, analysis);
    w!(
        out,
        "<footer>Made by HTQ Mapper {} from the project's own data; nothing in this file is fetched from elsewhere.</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn header(out: &mut String, project: &Project) {
    let p = &project.programme;
    w!(
        out,
        "<header class=\"report\">\n<h1>{} {}</h1>\n<p>",
        Esc(&p.award.to_string()),
        Esc(&p.title)
    );
    if !p.awarding_body.is_empty() {
        w!(out, "{} · ", Esc(&p.awarding_body));
    }
    w!(
        out,
        "Level {} · {} credits · {} modules</p>\n",
        p.level,
        p.total_credits,
        project.modules.len()
    );
    for s in &project.standards {
        w!(
            out,
            "<p class=\"muted\">Aligned to <b>{}</b> {} (Level {}",
            Esc(&s.reference),
            Esc(&s.title),
            s.level
        );
        if let Some(v) = &s.version {
            w!(out, ", version {}", Esc(v));
        }
        w!(out, ")</p>\n");
    }
    for r in &p.standards {
        if project.standard(r).is_none() {
            w!(
                out,
                "<p class=\"muted\">Aligned to <b>{}</b>, which the project holds no copy of.</p>\n",
                Esc(r)
            );
        }
    }
    w!(out, "</header>\n");
}

fn percent(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { 100.0 * n as f64 / of as f64 }
}

/// A horizontal bar split into full, partial and none, `w` wide.
fn stacked_bar(out: &mut String, x: f64, y: f64, w: f64, h: f64, counts: [usize; 3]) {
    let total: usize = counts.iter().sum();
    w!(
        out,
        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"3\" fill=\"#edf0f3\"/>"
    );
    if total == 0 {
        return;
    }
    let mut at = x;
    for (n, colour) in counts.iter().zip([FULL, PARTIAL, NONE]) {
        if *n == 0 {
            continue;
        }
        let width = w * *n as f64 / total as f64;
        w!(
            out,
            "<rect x=\"{at:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{h:.1}\" fill=\"{colour}\"/>"
        );
        at += width;
    }
}

fn legend(out: &mut String) {
    w!(
        out,
        "<div class=\"legend\"><span><i style=\"background:{FULL}\"></i>fully covered</span>\
         <span><i style=\"background:{PARTIAL}\"></i>partly covered</span>\
         <span><i style=\"background:{NONE}\"></i>not covered</span></div>\n"
    );
}

fn state_counts<'a>(states: impl Iterator<Item = &'a KsbStatus>) -> [usize; 3] {
    let mut c = [0; 3];
    for k in states {
        c[match k.state {
            KsbState::Full => 0,
            KsbState::Partial => 1,
            KsbState::Uncovered => 2,
        }] += 1;
    }
    c
}

fn summary(out: &mut String, project: &Project, analysis: &Analysis) {
    let s = &analysis.summary;
    let errors = analysis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = analysis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let notes = analysis.findings.len() - errors - warnings;
    w!(
        out,
        "<section class=\"first\" id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n"
    );
    w!(
        out,
        "<div class=\"card\"><div class=\"big\">{:.0}%</div><div class=\"label\">of {} KSBs mapped</div>\
         <div class=\"small\">{} full ({:.0}%) · {} partial · {} uncovered</div></div>\n",
        s.percent_mapped(),
        s.ksbs,
        s.full,
        percent(s.full, s.ksbs),
        s.partial,
        s.none
    );
    if s.duties > 0 {
        w!(
            out,
            "<div class=\"card\"><div class=\"big\">{} of {}</div><div class=\"label\">duties covered ({:.0}%)</div>\
             <div class=\"small\">{} partial · {} uncovered</div></div>\n",
            s.duties_covered,
            s.duties,
            percent(s.duties_covered, s.duties),
            s.duties_partial,
            s.duties_uncovered
        );
    } else {
        w!(
            out,
            "<div class=\"card\"><div class=\"big\">–</div><div class=\"label\">duties</div>\
             <div class=\"small\">the standards list no duties, so duty coverage is unknown</div></div>\n"
        );
    }
    w!(
        out,
        "<div class=\"card\"><div class=\"big\">{}</div><div class=\"label\">findings</div>\
         <div class=\"small\">{errors} errors · {warnings} warnings · {notes} notes</div></div>\n</div>\n",
        analysis.findings.len()
    );
    let verdict = if analysis.all_covered() {
        "Every duty and KSB is at least partly covered."
    } else {
        "Some duties or KSBs are not covered; the gap list below names them with reasons."
    };
    w!(out, "<p><b>{verdict}</b></p>\n");

    // KSB coverage by kind, one bar per kind present.
    let kinds: Vec<(KsbKind, [usize; 3])> = KsbKind::ALL
        .iter()
        .map(|&kind| {
            (
                kind,
                state_counts(analysis.ksbs.iter().filter(|k| k.ksb.code.kind == kind)),
            )
        })
        .filter(|(_, c)| c.iter().sum::<usize>() > 0)
        .collect();
    if !kinds.is_empty() {
        w!(out, "<h3>KSBs by kind</h3>\n");
        let row = 26.0;
        let height = row * kinds.len() as f64 + 4.0;
        w!(
            out,
            "<svg viewBox=\"0 0 720 {height:.0}\" width=\"720\" height=\"{height:.0}\" role=\"img\" aria-label=\"KSB coverage by kind\">"
        );
        for (i, (kind, c)) in kinds.iter().enumerate() {
            let y = 2.0 + row * i as f64;
            w!(
                out,
                "<text x=\"0\" y=\"{:.1}\" font-size=\"13\" font-weight=\"600\">{}</text>",
                y + 15.0,
                kind.name()
            );
            stacked_bar(out, 110.0, y + 2.0, 400.0, 18.0, *c);
            let total: usize = c.iter().sum();
            w!(
                out,
                "<text x=\"522\" y=\"{:.1}\" font-size=\"12\">{} of {total} full, {} partial, {} none</text>",
                y + 15.0,
                c[0],
                c[1],
                c[2]
            );
        }
        w!(out, "</svg>\n");
        legend(out);
    }
    if analysis.uncovered_duties().next().is_some() {
        w!(out, "<h3>Uncovered duties</h3>\n<ul>\n");
        for d in analysis.uncovered_duties() {
            let text = project
                .standard(&d.duty.standard)
                .and_then(|s| s.duty(&d.duty.code))
                .map_or("", |x| x.text.as_str());
            let missing: Vec<String> = d
                .held_back_by
                .iter()
                .filter(|(_, s)| *s == KsbState::Uncovered)
                .map(|(c, _)| c.to_string())
                .collect();
            w!(
                out,
                "<li><span class=\"code\">{}</span> {}: no module maps {}</li>\n",
                Esc(&d.duty.to_string()),
                Esc(&shorten(text, 110)),
                Esc(&missing.join(", "))
            );
        }
        w!(out, "</ul>\n");
    }
    w!(out, "</section>\n");
}

/// Full, partial and none counts over the KSBs a duty lists.
fn duty_counts(standard: &Standard, analysis: &Analysis, codes: &[crate::model::KsbCode]) -> [usize; 3] {
    let statuses: Vec<&KsbStatus> = codes
        .iter()
        .filter_map(|c| analysis.ksb(&KsbRef::new(standard.reference.clone(), *c)))
        .collect();
    state_counts(statuses.into_iter())
}

fn duties(out: &mut String, project: &Project, analysis: &Analysis) {
    w!(out, "<section id=\"duties\">\n<h2>Coverage by duty</h2>\n");
    if project.standards.is_empty() {
        w!(out, "<p>The project holds no standard.</p>\n</section>\n");
        return;
    }
    w!(
        out,
        "<p class=\"muted small\">Each bar shows the KSBs a duty lists. A duty is covered when every one is fully covered, \
         partial when every one is mapped but some only partly, and uncovered when any has no module at all.</p>\n"
    );
    for s in &project.standards {
        if project.standards.len() > 1 {
            w!(out, "<h3>{} {}</h3>\n", Esc(&s.reference), Esc(&s.title));
        }
        if !s.duties_known() {
            w!(
                out,
                "<p>{} lists no duties, so duty coverage is unknown; KSB coverage is still checked.</p>\n",
                Esc(&s.reference)
            );
            continue;
        }
        // At most DUTY_CHART_ROWS duties to a chart, so a printed page never cuts through a bar.
        let row = 30.0;
        for duties in s.duties.chunks(DUTY_CHART_ROWS) {
            let height = row * duties.len() as f64 + 4.0;
            w!(
                out,
                "<svg class=\"chart\" viewBox=\"0 0 720 {height:.0}\" width=\"720\" height=\"{height:.0}\" role=\"img\" aria-label=\"Coverage of each duty of {}\">",
                Esc(&s.reference)
            );
            for (i, d) in duties.iter().enumerate() {
                duty_bar(out, s, analysis, d, 2.0 + row * i as f64);
            }
            w!(out, "</svg>\n");
        }
        legend(out);
        w!(
            out,
            "<table>\n<thead><tr><th>Duty</th><th>What it involves</th><th>Status</th><th>Held back by</th></tr></thead>\n<tbody>\n"
        );
        for d in &s.duties {
            let status = analysis.duty(&crate::model::DutyRef {
                standard: s.reference.clone(),
                code: d.code.clone(),
            });
            let state = status.map_or(DutyState::Uncovered, |x| x.state);
            let held: Vec<String> = status
                .map(|x| {
                    x.held_back_by
                        .iter()
                        .map(|(c, st)| {
                            format!(
                                "{c} ({})",
                                if *st == KsbState::Uncovered {
                                    "uncovered"
                                } else {
                                    "partial"
                                }
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            w!(
                out,
                "<tr><td class=\"code\">{}{}</td><td>{}</td><td><span class=\"tag s-{}\">{}</span></td><td>{}</td></tr>\n",
                Esc(&d.code),
                if d.core { "" } else { " (option)" },
                Esc(&d.text),
                state.label(),
                state.label(),
                Esc(&held.join(", "))
            );
        }
        w!(out, "</tbody>\n</table>\n");
    }
    w!(out, "</section>\n");
}

/// One duty's row of the chart: its code and text, a bar of its KSBs, and its state.
fn duty_bar(out: &mut String, s: &Standard, analysis: &Analysis, d: &Duty, y: f64) {
    let counts = duty_counts(s, analysis, &d.ksbs);
    let state = analysis
        .duty(&crate::model::DutyRef {
            standard: s.reference.clone(),
            code: d.code.clone(),
        })
        .map_or(DutyState::Uncovered, |x| x.state);
    w!(out, "<g><title>{}: {}</title>", Esc(&d.code), Esc(&d.text));
    w!(
        out,
        "<text x=\"0\" y=\"{:.1}\" font-size=\"13\" font-weight=\"700\">{}</text>",
        y + 17.0,
        Esc(&d.code)
    );
    w!(
        out,
        "<text x=\"40\" y=\"{:.1}\" font-size=\"12\">{}</text>",
        y + 17.0,
        Esc(&shorten(&d.text, 40))
    );
    stacked_bar(out, 300.0, y + 5.0, 250.0, 18.0, counts);
    let colour = match state {
        DutyState::Covered => FULL,
        DutyState::Partial => PARTIAL,
        DutyState::Uncovered => NONE,
    };
    w!(
        out,
        "<text x=\"560\" y=\"{:.1}\" font-size=\"12\" font-weight=\"700\" style=\"fill:{colour}\">{}</text>",
        y + 17.0,
        state.label()
    );
    w!(
        out,
        "<text x=\"640\" y=\"{:.1}\" font-size=\"11\" style=\"fill:#5b6775\">{}/{} full</text></g>",
        y + 17.0,
        counts[0],
        counts.iter().sum::<usize>()
    );
}

fn gaps(out: &mut String, project: &Project, analysis: &Analysis) {
    w!(
        out,
        "<section id=\"gaps\">\n<h2>Uncovered and partly covered KSBs</h2>\n"
    );
    let list: Vec<&KsbStatus> = analysis.ksbs.iter().filter(|k| k.state != KsbState::Full).collect();
    if list.is_empty() {
        w!(out, "<p>Every KSB is fully covered.</p>\n</section>\n");
        return;
    }
    w!(
        out,
        "<p>{} uncovered and {} partly covered. Partial coverage is acceptable where the rest is better delivered \
         in the workplace, with the reason recorded.</p>\n",
        analysis.summary.none,
        analysis.summary.partial
    );
    w!(
        out,
        "<table>\n<thead><tr><th>KSB</th><th>Text</th><th>Status</th><th>Why</th><th>Duties</th></tr></thead>\n<tbody>\n"
    );
    for k in list {
        let standard = project.standard(&k.ksb.standard);
        let text = standard.and_then(|s| s.ksb(k.ksb.code)).map_or("", |x| x.text.as_str());
        let duties: Vec<&str> = standard
            .map(|s| s.duties_listing(k.ksb.code).map(|d| d.code.as_str()).collect())
            .unwrap_or_default();
        w!(
            out,
            "<tr><td class=\"code\">{}</td><td>{}</td><td><span class=\"tag s-{}\">{}</span></td><td>",
            Esc(&super::matrix_ksb_label(project, &k.ksb)),
            Esc(text),
            k.state.label(),
            if k.state == KsbState::Uncovered {
                "uncovered"
            } else {
                "partial"
            }
        );
        if k.state == KsbState::Uncovered {
            w!(out, "No module maps it.");
        } else {
            for &(m, coverage) in &k.modules {
                let module = &project.modules[m];
                let reason = project
                    .mapping(&module.code, &k.ksb)
                    .map_or("", |x| x.workplace_reason.trim());
                w!(
                    out,
                    "<div><b>{}</b> {} covers it {}",
                    Esc(&module.code),
                    Esc(&shorten(&module.title, 50)),
                    coverage.label()
                );
                if coverage == Coverage::Partial {
                    if reason.is_empty() {
                        w!(out, "; <em>no workplace reason recorded</em>");
                    } else {
                        w!(out, "; the rest in the workplace: {}", Esc(reason));
                    }
                }
                w!(out, "</div>");
            }
        }
        if k.optional_only {
            w!(out, "<div class=\"explain\">Only optional modules cover it.</div>");
        }
        w!(out, "</td><td>{}</td></tr>\n", Esc(&duties.join(" ")));
    }
    w!(out, "</tbody>\n</table>\n</section>\n");
}

fn findings(out: &mut String, analysis: &Analysis) {
    w!(out, "<section id=\"findings\">\n<h2>Findings</h2>\n");
    if analysis.findings.is_empty() {
        w!(out, "<p>No findings.</p>\n</section>\n");
        return;
    }
    w!(
        out,
        "<table>\n<thead><tr><th>Severity</th><th>Finding</th></tr></thead>\n<tbody>\n"
    );
    for f in &analysis.findings {
        w!(
            out,
            "<tr><td><span class=\"tag s-{}\">{}</span></td><td>{}<div class=\"explain\">{}</div></td></tr>\n",
            f.severity.label(),
            f.severity.label(),
            Esc(&f.message),
            Esc(&f.explanation)
        );
    }
    w!(out, "</tbody>\n</table>\n</section>\n");
}

fn structure(out: &mut String, project: &Project, analysis: &Analysis) {
    w!(out, "<section id=\"structure\">\n<h2>Qualification structure</h2>\n");
    w!(
        out,
        "<table>\n<thead><tr><th>Code</th><th>Title</th><th class=\"num\">Level</th><th class=\"num\">Credits</th>\
         <th>Status</th><th>Option group</th></tr></thead>\n<tbody>\n"
    );
    for m in &project.modules {
        let group = match m.group.as_deref() {
            Some(g) => match project.option_group(g) {
                Some(x) => format!("{g} (choose {})", x.choose),
                None => g.to_string(),
            },
            None => String::new(),
        };
        w!(
            out,
            "<tr><td class=\"code\">{}</td><td>{}{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
            Esc(&m.code),
            Esc(&m.title),
            if m.work_based {
                " <span class=\"muted\">(work-based)</span>"
            } else {
                ""
            },
            m.level,
            m.credits,
            m.status.label(),
            Esc(&group)
        );
    }
    w!(out, "</tbody>\n</table>\n<h3>Credits by level</h3>\n");
    w!(
        out,
        "<table style=\"width:auto\">\n<thead><tr><th>Level</th><th class=\"num\">Core</th><th class=\"num\">Optional offered</th>\
         <th class=\"num\">A student takes</th></tr></thead>\n<tbody>\n"
    );
    for t in &analysis.level_totals {
        let label = if t.level == 0 {
            "<b>All levels</b>".to_string()
        } else {
            format!("Level {}", t.level)
        };
        let (lo, hi) = t.per_student;
        let takes = if lo == hi {
            lo.to_string()
        } else {
            format!("{lo} to {hi}")
        };
        w!(
            out,
            "<tr><td>{label}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{takes}</td></tr>\n",
            t.core,
            t.optional_offered
        );
    }
    w!(out, "</tbody>\n</table>\n</section>\n");
}

/// Splits one standard's KSB positions into chunks of at most [`MATRIX_CHUNK`] columns:
/// each kind is cut into even chunks, and neighbours are joined where they fit together.
pub fn matrix_chunks(kinds: &[KsbKind]) -> Vec<std::ops::Range<usize>> {
    let mut chunks: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    while start < kinds.len() {
        let end = start + kinds[start..].iter().take_while(|&&k| k == kinds[start]).count();
        let n = end - start;
        let parts = n.div_ceil(MATRIX_CHUNK);
        let mut at = start;
        for i in 0..parts {
            let len = n / parts + usize::from(i < n % parts);
            chunks.push(at..at + len);
            at += len;
        }
        start = end;
    }
    let mut joined: Vec<std::ops::Range<usize>> = Vec::with_capacity(chunks.len());
    for c in chunks {
        match joined.last_mut() {
            Some(last) if last.len() + c.len() <= MATRIX_CHUNK => last.end = c.end,
            _ => joined.push(c),
        }
    }
    joined
}

fn matrix(out: &mut String, project: &Project, analysis: &Analysis) {
    w!(out, "<section id=\"matrix\">\n<h2>Mapping matrix</h2>\n");
    w!(
        out,
        "<p class=\"muted small\">Modules down, KSBs across, cut into groups of KSBs that fit a printed page. \
         <b>F</b> full, <b>P</b> partial; the last row gives each KSB's overall coverage.</p>\n"
    );
    // Each module's coverage of each KSB index, looked up from the analysis once.
    let n = analysis.ksbs.len();
    let mut grid: Vec<Option<Coverage>> = vec![None; n * project.modules.len()];
    for (ki, k) in analysis.ksbs.iter().enumerate() {
        for &(m, c) in &k.modules {
            grid[m * n + ki] = Some(c);
        }
    }
    let mut offset = 0;
    for s in &project.standards {
        let len = s.ksbs.len();
        let statuses = analysis.ksbs.get(offset..offset + len).unwrap_or(&[]);
        let kinds: Vec<KsbKind> = statuses.iter().map(|k| k.ksb.code.kind).collect();
        for range in matrix_chunks(&kinds) {
            let part = &statuses[range.clone()];
            let (Some(first), Some(last)) = (part.first(), part.last()) else {
                continue;
            };
            w!(
                out,
                "<div class=\"chunk\">\n<h3>{} {}–{}</h3>\n<table class=\"matrix\">\n<thead><tr><th class=\"module\">Module</th>",
                Esc(&s.reference),
                first.ksb.code,
                last.ksb.code
            );
            for k in part {
                w!(out, "<th>{}</th>", k.ksb.code);
            }
            w!(out, "</tr></thead>\n<tbody>\n");
            for (mi, m) in project.modules.iter().enumerate() {
                w!(
                    out,
                    "<tr><td class=\"module\" title=\"{}\"><b>{}</b> {}</td>",
                    Esc(&m.title),
                    Esc(&m.code),
                    Esc(&m.title)
                );
                for ki in offset + range.start..offset + range.end {
                    match grid[mi * n + ki] {
                        Some(c) => {
                            w!(
                                out,
                                "<td class=\"{}\">{}</td>",
                                if c == Coverage::Full { "f" } else { "p" },
                                c.mark().letter
                            );
                        }
                        None => out.push_str("<td></td>"),
                    }
                }
                w!(out, "</tr>\n");
            }
            w!(out, "<tr class=\"overall\"><td class=\"module\"><b>Overall</b></td>");
            for k in part {
                let (class, mark) = match k.state {
                    KsbState::Full => ("f", "F"),
                    KsbState::Partial => ("p", "P"),
                    KsbState::Uncovered => ("n", "✗"),
                };
                w!(out, "<td class=\"{class}\">{mark}</td>");
            }
            w!(out, "</tr>\n</tbody>\n</table>\n</div>\n");
        }
        offset += len;
    }
    w!(out, "</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape("<a href='x'>\"&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(escape("plain é ✓"), "plain é ✓");
    }

    #[test]
    fn chunks_split_kinds_evenly_and_join_small_neighbours() {
        use KsbKind::*;
        let mut kinds = vec![Knowledge; 36];
        kinds.extend([Skill; 33]);
        kinds.extend([Behaviour; 3]);
        let lens: Vec<usize> = matrix_chunks(&kinds).iter().map(|r| r.len()).collect();
        assert_eq!(lens, [18, 18, 17, 19]);
        assert!(matrix_chunks(&[]).is_empty());
        let total: usize = matrix_chunks(&vec![Skill; 601]).iter().map(|r| r.len()).sum();
        assert_eq!(total, 601);
    }
}
