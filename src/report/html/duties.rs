//! Coverage by duty: a chart of each standard's duties, cut into charts of at most
//! [`DUTY_CHART_ROWS`] rows, and a table of what holds each duty back.

use maud::{Markup, html};

use crate::analysis::{Analysis, DutyStatus};
use crate::mark::Marked;
use crate::model::{DutyRef, KsbRef, Project, ReviewStatus, Standard};
use crate::report::shorten;

use super::{DUTY_CHART_ROWS, chart, ksb_word, table, tag};

pub(super) fn duties(project: &Project, analysis: &Analysis) -> Markup {
    if project.standards.is_empty() {
        return html! { p { "The project holds no standard." } };
    }
    html! {
        p.muted.small {
            "Each bar shows the KSBs a duty lists. A duty is covered when every one is fully covered, \
             partial when every one is mapped but some only partly, and uncovered when any has no module at all."
        }
        @for s in &project.standards {
            @if project.standards.len() > 1 { h3 { (s.reference) " " (s.title) } }
            @if s.duties_known() {
                (standard(project, analysis, s))
            } @else {
                p { (s.reference) " " (s.duties_unknown_reason().unwrap_or("lists no duties")) ", so duty coverage is unknown; KSB coverage is still checked." }
            }
        }
    }
}

/// One standard's duty charts and table.
fn standard(project: &Project, analysis: &Analysis, s: &Standard) -> Markup {
    let statuses: Vec<&DutyStatus> = analysis
        .duties
        .iter()
        .filter(|d| d.duty.standard == s.reference)
        .collect();
    let label = format!("Coverage of each duty of {}", s.reference);
    let row = 30.0;
    let heads = [
        ("Duty", false),
        ("What it involves", false),
        ("Status", false),
        ("Held back by", false),
        ("Review", false),
    ];
    html! {
        // At most DUTY_CHART_ROWS duties to a chart, so a printed page never cuts through a bar.
        @for part in statuses.chunks(DUTY_CHART_ROWS) {
            @let bars = html! {
                @for (i, d) in part.iter().enumerate() { (duty_bar(project, analysis, d, 2.0 + row * i as f64)) }
            };
            (chart::frame(Some("chart"), &label, part.len(), row, bars))
        }
        (chart::legend())
        (table(None, &heads, html! {
            @for d in &statuses {
                @let held: Vec<String> = d
                    .held_back_by
                    .iter()
                    .map(|(c, st)| format!("{c} ({})", ksb_word(*st)))
                    .collect();
                tr {
                    td.code { (d.duty.code) @if !d.core { " (option)" } }
                    td { (project.duty_text(&d.duty)) }
                    td { (tag(d.state.mark(), d.state.mark().label)) }
                    td { (held.join(", ")) }
                    td { (review_tag(project, &d.duty)) }
                }
            }
        }))
    }
}

/// A duty's review status as a tag, with who set it and when.
fn review_tag(project: &Project, duty: &DutyRef) -> Markup {
    let review = project.duty_reviews.iter().find(|r| &r.duty == duty);
    let status = review.map_or(ReviewStatus::NotReviewed, |r| r.status);
    let class = match status {
        ReviewStatus::NotReviewed => "tag t-info",
        ReviewStatus::Agreed => "tag t-full",
        ReviewStatus::Query => "tag t-warning",
    };
    html! {
        span class=(class) { (status.label()) }
        @if let Some(r) = review.filter(|r| !r.by.is_empty()) {
            div.explain { (r.by) @if !r.at.is_empty() { ", " (crate::model::stamp_for_people(&r.at)) } }
        }
    }
}

/// One duty's row of the chart: its code and text, a bar of the KSBs it lists, and its state.
fn duty_bar(project: &Project, analysis: &Analysis, d: &DutyStatus, y: f64) -> Markup {
    let text = project.duty_text(&d.duty);
    let listed = project.duty(&d.duty).map_or(&[][..], |x| x.ksbs.as_slice());
    let counts = chart::state_counts(
        listed
            .iter()
            .filter_map(|&code| analysis.ksb(&KsbRef::new(d.duty.standard.clone(), code))),
    );
    let mark = d.state.mark();
    let baseline = chart::at(y + 17.0);
    html! {
        g {
            title { (d.duty.code) ": " (text) }
            text x="0" y=(baseline) font-size="13" font-weight="700" { (d.duty.code) }
            text x="40" y=(baseline) font-size="12" { (shorten(text, 40)) }
            (chart::stacked_bar(300.0, y + 5.0, 250.0, 18.0, counts))
            text x="560" y=(baseline) font-size="12" font-weight="700" style={ "fill:" (chart::colour(mark.tone)) } {
                (mark.label)
            }
            text.muted x="640" y=(baseline) font-size="11" {
                (counts[0]) "/" (counts.iter().sum::<usize>()) " full"
            }
        }
    }
}
