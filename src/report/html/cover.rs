//! The cover: what the report is of (programme, award, awarding body, the standards with their
//! versions and statuses), when it was made, and the content hash a sign-off names.

use maud::{Markup, html};

use crate::analysis::Analysis;
use crate::model::{IsoDate, Project, ReviewStatus};
use crate::review::signoff::{self, SignOffState};
use crate::revision::versions::VersionStatus;

use super::review::change_counts;
use super::table;
use crate::report::long_date;

pub(super) fn cover(project: &Project, analysis: &Analysis, made: IsoDate, hash: &str) -> Markup {
    let p = &project.programme;
    let heads = [
        ("Standard", false),
        ("Title", false),
        ("Level", true),
        ("Version", false),
        ("Status", false),
        ("Dates", false),
    ];
    let open = crate::review::comments::open_threads(project);
    // The version and status as `check` tells them: a page copied as text gives no version,
    // and may carry a banner about another; the catalogue's record of the version decides.
    let known = crate::revision::versions::catalogue_versions(project);
    let versions = crate::revision::versions::version_statuses(project, &known, made);
    html! {
        header.report.cover {
            p.kicker { "KSB mapping report" }
            h1 { (p.name()) }
            p.lead {
                @if !p.awarding_body.is_empty() { (p.awarding_body) " · " }
                "Level " (p.level) " · " (analysis.credits) " · " (project.modules.len()) " modules"
            }
            dl.facts {
                dt { "Award" } dd { (p.award) " (Level " (p.level) ")" }
                dt { "Awarding body" } dd { @if p.awarding_body.is_empty() { span.muted { "not recorded" } } @else { (p.awarding_body) } }
                dt { "Report made" } dd.made { (long_date(made)) }
                dt { "Content hash" } dd { code.hash { (hash) } }
                dt { "Coverage" } dd { (coverage_line(analysis)) }
                dt { "Sign-off" } dd { (sign_off_line(project, hash)) }
                dt { "Review" } dd { (review_line(project, open)) }
            }
            h2.cover-h { "Standards" }
            @if project.standards.is_empty() && p.standards.is_empty() {
                p { "The programme is aligned to no standard." }
            }
            @if !project.standards.is_empty() {
                (table(Some("standards"), &heads, html! {
                    @for (s, v) in project.standards.iter().zip(&versions) {
                        tr {
                            td.code { (s.reference) }
                            td {
                                (s.title)
                                @if let Some(r) = &s.route { div.explain { (r) " route" } }
                                @if let Some(o) = crate::analysis::options::options_line(project, s) { div.explain { (o) } }
                            }
                            td.num { (s.level) }
                            td { (version_cell(s, v)) }
                            td { (status_cell(s, v)) }
                            td { (dates(s)) }
                        }
                    }
                }))
            }
            @for r in p.standards.iter().filter(|r| project.standard(r).is_none()) {
                p.muted { "Aligned to " b { (r) } ", which the project holds no copy of." }
            }
            p.muted.small.hash-note {
                "The content hash is the SHA-256 of the programme, its modules, the mappings and the standards \
                 (comments and review statuses excluded), as 64 hex digits. A sign-off names the hash it signed, \
                 so anyone can tell whether this copy is the one signed."
            }
        }
    }
}

/// The version: as the copy's source gave it, or as its KSBs told it.
fn version_cell(s: &crate::model::Standard, v: &VersionStatus) -> Markup {
    html! {
        @match (&s.version, &v.identified) {
            (Some(version), _) => (version),
            (None, Some(m)) => {
                (m.version)
                div.explain { "told from its KSBs: " (m.matched) " of " (m.page_ksbs) " the same" }
            },
            (None, None) => span.muted { "not recorded" },
        }
        @if s.not_latest { div.explain { "not the latest approved version" } }
    }
}

/// The status: the catalogue's record of the version where it has one, else the copy's; the
/// copy's own word beside it when they differ (a page's "in development" banner).
fn status_cell(s: &crate::model::Standard, v: &VersionStatus) -> Markup {
    html! {
        @if let Some(st) = v.status { (st.label()) } @else { span.muted { "not recorded" } }
        @if let Some(own) = s.status.filter(|own| Some(*own) != v.status) {
            div.explain { "the copy says " (own.label().to_lowercase()) }
        }
    }
}

/// A standard's dates as the catalogue gives them: approved for delivery, last updated.
fn dates(s: &crate::model::Standard) -> Markup {
    let updated = s.last_updated.map(long_date).or_else(|| s.date_updated.clone());
    html! {
        @if let Some(d) = s.approved_for_delivery { "approved " (long_date(d)) }
        @if let Some(u) = &updated {
            @if s.approved_for_delivery.is_some() { br; }
            "updated " (u)
        }
        @if s.approved_for_delivery.is_none() && updated.is_none() { span.muted { "not recorded" } }
    }
}

/// The headline coverage, in one line.
fn coverage_line(analysis: &Analysis) -> Markup {
    let s = &analysis.summary;
    html! {
        (s.full) " of " (s.ksbs) " KSBs fully covered, " (s.partial) " partly, " (s.none) " uncovered"
        @if s.duties > 0 { " · " (s.duties_covered) " of " (s.duties) " duties covered" }
    }
}

/// Where the sign-off stands, in one line.
fn sign_off_line(project: &Project, hash: &str) -> Markup {
    match signoff::state_at(project, hash) {
        SignOffState::Unsigned => {
            html! { span class="tag t-warning" { "not signed" } " no reviewer has signed this mapping; see Sign-off" }
        }
        SignOffState::Signed(s) => html! {
            span class="tag t-full" { "signed" } " by " (s.name)
            @if !s.role.is_empty() { ", " (s.role) } " on " (long_date(s.date)) "; it matches this content"
        },
        SignOffState::Stale { sign_off, changes } => html! {
            span class="tag t-none" { "stale" } " signed by " (sign_off.name) " on " (long_date(sign_off.date))
            "; the mapping changed since"
            @if let Some(c) = changes { " (" (change_counts(&c)) ")" }
        },
    }
}

/// Open comment threads and the duties' review statuses, in one line.
fn review_line(project: &Project, open: usize) -> Markup {
    let counts = crate::review::comments::duty_status_counts(project);
    let duties: Vec<String> = ReviewStatus::ALL
        .iter()
        .zip(counts)
        .filter(|&(_, n)| n > 0)
        .map(|(s, n)| format!("{n} {}", s.label()))
        .collect();
    html! {
        (open) " open comment thread" @if open != 1 { "s" }
        @if !duties.is_empty() { " · duties: " (duties.join(", ")) }
    }
}
