//! A page per module: its learning outcomes, the KSBs each carries, and how each is assessed.

use maud::{Markup, html};

use crate::analysis::Analysis;
use crate::model::{Module, Project};

use super::table;

pub(super) fn modules(project: &Project, analysis: &Analysis) -> Markup {
    html! {
        p.muted {
            "Each module's learning outcomes, the KSBs each carries, and the assessments that evidence them. "
            (analysis.unassessed.len()) " covered KSBs are assessed by no module."
        }
        @for (i, m) in project.modules.iter().enumerate() { (module_page(project, analysis, i, m)) }
    }
}

fn module_page(project: &Project, analysis: &Analysis, row: usize, m: &Module) -> Markup {
    let mapped: Vec<_> = project.mappings.iter().filter(|x| x.module == m.code).collect();
    let outcomes = [
        ("LO", false),
        ("Learning outcome", false),
        ("KSBs it carries", false),
        ("Assessed by", false),
    ];
    let assessments = [
        ("Code", false),
        ("Assessment", false),
        ("Kind", false),
        ("Weighting %", true),
        ("Outcomes", false),
    ];
    let unlinked: Vec<_> = mapped.iter().filter(|x| x.outcomes.is_empty()).collect();
    html! {
        article.module-page id={ "module-" (m.code) } {
            h3 { (m.code) " " (m.title) }
            p.muted {
                "Level " (m.level) " · " (m.credits) " credits · " (m.status.label())
                @if m.work_based { " · work-based" }
                " · " (mapped.len()) " KSBs mapped"
            }
            @if m.outcomes.is_empty() && m.assessments.is_empty() {
                p.muted { "No learning outcomes or assessments recorded; assessment is taken from each mapping's ticked flag." }
            }
            @if !m.outcomes.is_empty() {
                (table(None, &outcomes, html! {
                    @for lo in &m.outcomes {
                        @let ksbs: Vec<String> = mapped.iter().filter(|x| x.outcomes.contains(&lo.code)).map(|x| x.ksb.code.to_string()).collect();
                        @let by: Vec<_> = m.assessments.iter().filter(|a| a.assesses(&lo.code)).collect();
                        tr {
                            td.code { (lo.code) }
                            td { (lo.text) }
                            td { @if ksbs.is_empty() { span.muted { "none" } } @else { (ksbs.join(" ")) } }
                            td {
                                @if by.is_empty() { span class="tag t-warning" { "not assessed" } }
                                @for (i, a) in by.iter().enumerate() {
                                    @if i > 0 { "; " }
                                    (a.code) " " (a.kind) " (" (a.weighting) "%)"
                                }
                            }
                        }
                    }
                }))
            }
            @if !m.assessments.is_empty() {
                (table(None, &assessments, html! {
                    @for a in &m.assessments {
                        tr {
                            td.code { (a.code) }
                            td { (a.title) }
                            td { (a.kind) }
                            td.num { (a.weighting) }
                            td { (a.outcomes.join(", ")) }
                        }
                    }
                    @if m.total_weighting() != 100 {
                        tr { td {} td { b { "Total" } } td {} td.num { span class="tag t-warning" { (m.total_weighting()) } } td {} }
                    }
                }))
            }
            @if !unlinked.is_empty() {
                p {
                    @if m.outcomes.is_empty() { "KSBs mapped: " } @else { "KSBs carried by no outcome: " }
                    @for (i, x) in unlinked.iter().enumerate() {
                        @if i > 0 { ", " }
                        (x.ksb.code)
                        @if !analysis.ksb_index(&x.ksb).is_some_and(|c| analysis.assesses(row, c)) { " (not assessed)" }
                    }
                }
            }
        }
    }
}
