//! The findings, most severe first, each with its explanation; a kind over many KSBs reads as
//! one finding with its list (see `analysis::group_findings`).

use maud::{Markup, html};

use crate::analysis::Analysis;
use crate::mark::Marked;
use crate::model::Project;

use super::{table, tag};

pub(super) fn findings(project: &Project, analysis: &Analysis) -> Markup {
    if analysis.findings.is_empty() {
        return html! { p { "No findings." } };
    }
    let groups = analysis.finding_groups(project);
    html! {
        @if groups.len() < analysis.findings.len() {
            p.muted {
                (analysis.finding_counts()) ", read here as " (groups.len()) " lines: findings of one kind over "
                "many KSBs are listed together."
            }
        }
        (table(Some("findings"), &[("Severity", false), ("Finding", false)], html! {
            @for g in &groups {
                @let mark = g.severity.mark();
                tr {
                    td { (tag(mark, mark.label)) }
                    td {
                        (g.message)
                        @if !g.detail.is_empty() { div.detail { (g.detail) } }
                        div.explain { (g.explanation) }
                    }
                }
            }
        }))
    }
}
