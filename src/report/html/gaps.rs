//! The gap list: every KSB not fully covered, why, and the duties that list it.

use maud::{Markup, html};

use crate::analysis::{Analysis, KsbState, KsbStatus};
use crate::mark::Marked;
use crate::model::{Coverage, Project};
use crate::report::{matrix_ksb_label, shorten};

use super::{ksb_word, table, tag};

pub(super) fn gaps(project: &Project, analysis: &Analysis) -> Markup {
    // A KSB only options the programme does not take need is no gap (as `check` counts).
    let list: Vec<&KsbStatus> = analysis
        .ksbs
        .iter()
        .filter(|k| k.needed && k.state != KsbState::Full)
        .collect();
    let not_needed = analysis.summary.ksbs_not_needed;
    let unneeded = html! {
        @if not_needed > 0 {
            p.muted.small {
                (crate::text::counted(not_needed, "KSB", "KSBs"))
                " needed only by options the programme does not take are not counted."
            }
        }
    };
    if list.is_empty() {
        return html! { p { "Every KSB is fully covered." } (unneeded) };
    }
    let heads = [
        ("KSB", false),
        ("Text", false),
        ("Status", false),
        ("Why", false),
        ("Duties", false),
    ];
    html! {
        p {
            (analysis.summary.none) " uncovered and " (analysis.summary.partial)
            " partly covered. Partial coverage is acceptable where the rest is better delivered \
             in the workplace, with the reason recorded."
        }
        (unneeded)
        (table(None, &heads, html! {
            @for k in list {
                @let duties: Vec<&str> = project
                    .standard(&k.ksb.standard)
                    .map(|s| s.duties_listing(k.ksb.code).map(|d| d.code.as_str()).collect())
                    .unwrap_or_default();
                tr {
                    td.code { (matrix_ksb_label(project, &k.ksb)) }
                    td { (project.ksb_text(&k.ksb)) }
                    td { (tag(k.state.mark(), ksb_word(k.state))) }
                    td { (why(project, k)) }
                    td { (duties.join(" ")) }
                }
            }
        }))
    }
}

/// Which modules cover a KSB and how, with the workplace reason for any partial coverage.
fn why(project: &Project, k: &KsbStatus) -> Markup {
    html! {
        @if k.state == KsbState::Uncovered {
            "No module maps it."
        }
        @for (module, coverage) in k.modules.iter().filter_map(|&(m, c)| Some((project.modules.get(m)?, c))) {
            @let reason = project.mapping(&module.code, &k.ksb).map_or("", |x| x.workplace_reason.trim());
            div {
                b { (module.code) } " " (shorten(&module.title, 50)) " covers it " (coverage.mark().label)
                @if coverage == Coverage::Partial {
                    @if reason.is_empty() {
                        "; " em { "no workplace reason recorded" }
                    } @else {
                        "; the rest in the workplace: " (reason)
                    }
                }
            }
        }
        @if k.optional_only {
            div.explain { "Only optional modules cover it." }
        }
    }
}
