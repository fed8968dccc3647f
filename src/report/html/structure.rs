//! The qualification's structure: its modules, and its credits by level.

use maud::{Markup, html};

use crate::analysis::Analysis;
use crate::model::Project;

use super::table;

pub(super) fn structure(project: &Project, analysis: &Analysis) -> Markup {
    let modules = [
        ("Code", false),
        ("Title", false),
        ("Level", true),
        ("Credits", true),
        ("Status", false),
        ("Option group", false),
    ];
    let levels = [
        ("Level", false),
        ("Core", true),
        ("Optional offered", true),
        ("A student takes", true),
    ];
    html! {
        (table(None, &modules, html! {
            @for m in &project.modules {
                tr {
                    td.code { (m.code) }
                    td { (m.title) @if m.work_based { " " span.muted { "(work-based)" } } }
                    td.num { (m.level) }
                    td.num { (m.credits) }
                    td { (m.status.label()) }
                    td {
                        @if let Some(g) = &m.group {
                            (g)
                            @if let Some(x) = project.option_group(g) { " (choose " (x.choose) ")" }
                        }
                    }
                }
            }
        }))
        h3 { "Credits by level" }
        (table(Some("narrow"), &levels, html! {
            @for t in &analysis.level_totals {
                @let (lo, hi) = t.per_student;
                tr {
                    td { @if t.level == 0 { b { "All levels" } } @else { "Level " (t.level) } }
                    td.num { (t.core) }
                    td.num { (t.optional_offered) }
                    td.num { (lo) @if lo != hi { " to " (hi) } }
                }
            }
        }))
    }
}
