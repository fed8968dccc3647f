//! Evidence by KSB: for every KSB, the modules that cover it and how, the modules that assess
//! it (the analysis's one answer), and every mapping's workplace reason and note, whatever the
//! KSB's overall state: a KSB covered in full by one module can still be partial, with a
//! reason, in another.

use maud::{Markup, html};

use crate::analysis::Analysis;
use crate::mark::Marked;
use crate::model::{Coverage, Project};
use crate::report::matrix_ksb_label;

use super::{overall_tag, table};

pub(super) fn evidence(project: &Project, analysis: &Analysis) -> Markup {
    let heads = [
        ("KSB", false),
        ("Covered by", false),
        ("Assessed in", false),
        ("Workplace reasons and notes", false),
    ];
    let annotated = project
        .mappings
        .iter()
        .filter(|m| !m.workplace_reason.trim().is_empty() || !m.note.trim().is_empty())
        .count();
    html! {
        p.muted {
            "Each KSB with the modules that cover it (F full, P partial), the modules that assess it \
             (through a learning outcome and its assessment where a module lists them, else as ticked \
             on the mapping), and every workplace reason and note recorded on its mappings. "
            (annotated) " mapping" @if annotated != 1 { "s carry" } @else { " carries" } " a reason or a note."
        }
        (table(Some("evidence"), &heads, html! {
            @for k in &analysis.ksbs {
                @let assessed = analysis.assessed_in(project, k);
                tr id={ "ksb-" (k.ksb.standard) "-" (k.ksb.code) } {
                    td {
                        span.code { (matrix_ksb_label(project, &k.ksb)) } " " (overall_tag(k))
                        // In full: the reviewer checks the module's evidence against the
                        // statement's wording, which the printed report is often the only copy of.
                        div.explain { (project.ksb_text(&k.ksb)) }
                    }
                    td.covered-by {
                        @if k.modules.is_empty() { span.muted { "no module" } }
                        @for (i, &(m, c)) in k.modules.iter().enumerate() {
                            @if let Some(module) = project.modules.get(m) {
                                @if i > 0 { ", " }
                                (module.code) " " (c.mark().letter)
                            }
                        }
                    }
                    td.assessed-in {
                        @if assessed.is_empty() {
                            @if !k.modules.is_empty() { span class="tag t-warning" { "not assessed" } }
                        } @else {
                            (assessed.join(", "))
                        }
                    }
                    td { (notes(project, k)) }
                }
            }
        }))
    }
}

/// Every mapping's workplace reason and note, module by module.
fn notes(project: &Project, k: &crate::analysis::KsbStatus) -> Markup {
    html! {
        @for &(m, coverage) in &k.modules {
            @if let (Some(module), Some(mapping)) = (project.modules.get(m), project.modules.get(m).and_then(|x| project.mapping(&x.code, &k.ksb))) {
                @let reason = mapping.workplace_reason.trim();
                @let note = mapping.note.trim();
                @if !reason.is_empty() || !note.is_empty() || coverage == Coverage::Partial {
                    div.note {
                        b { (module.code) } " (" (coverage.mark().label) ")"
                        @if !reason.is_empty() { " · workplace reason: " (reason) }
                        @else if coverage == Coverage::Partial { " · " em { "no workplace reason recorded" } }
                        @if !note.is_empty() { " · note: " (note) }
                    }
                }
            }
        }
    }
}
