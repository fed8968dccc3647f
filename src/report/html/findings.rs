//! The findings, most severe first, each with its explanation.

use maud::{Markup, html};

use crate::analysis::Analysis;
use crate::mark::Marked;

use super::{table, tag};

pub(super) fn findings(analysis: &Analysis) -> Markup {
    if analysis.findings.is_empty() {
        return html! { p { "No findings." } };
    }
    html! {
        (table(None, &[("Severity", false), ("Finding", false)], html! {
            @for f in &analysis.findings {
                @let mark = f.severity.mark();
                tr {
                    td { (tag(mark, mark.label)) }
                    td { (f.message) div.explain { (f.explanation) } }
                }
            }
        }))
    }
}
