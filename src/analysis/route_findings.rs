//! Findings about routes through the options: groups that cannot be chosen, KSBs some route
//! misses (or covers only in part), and credit rules some route breaks. KSBs with the same
//! cause (the same modules to avoid) read as one finding, however many routes share it.

use std::collections::HashMap;

use crate::model::Project;

use super::finding::Findings;
use super::routes::{KsbGap, Routes};
use super::{Analysis, DutyState, FindingKind, KsbState, Severity, Target};

pub(super) fn route_findings(project: &Project, a: &Analysis, f: &mut Findings) {
    for g in &a.routes.groups {
        if g.choose > g.members.len() || g.choose == 0 {
            f.push(
                Severity::Error,
                FindingKind::RouteGap,
                format!("group-size:{}", g.name),
                Target::Programme,
                format!(
                    "Option group {} asks students to choose {} of {} modules",
                    g.name,
                    g.choose,
                    g.members.len()
                ),
                "Correct the number to choose, or add modules to the group.",
            );
        }
    }
    gap_findings(project, a, false, f);
    gap_findings(project, a, true, f);
    credit_findings(project, a, f);
}

/// One finding per cause. KSBs no module covers, and (for `partial`) KSBs the programme
/// covers only in part, have findings of their own already.
fn gap_findings(project: &Project, a: &Analysis, partial: bool, f: &mut Findings) {
    let gaps = if partial { &a.routes.partial } else { &a.routes.gaps };
    let mut causes: Vec<(Vec<usize>, Vec<&KsbGap>)> = Vec::new();
    let mut index: HashMap<Vec<usize>, usize> = HashMap::new();
    for g in gaps {
        let k = &a.ksbs[g.ksb];
        if k.state == KsbState::Uncovered || (partial && k.state != KsbState::Full) {
            continue;
        }
        let cause = a.routes.optional_covering(k, partial);
        match index.get(&cause) {
            Some(&i) => causes[i].1.push(g),
            None => {
                index.insert(cause.clone(), causes.len());
                causes.push((cause, vec![g]));
            }
        }
    }
    for (cause, list) in causes {
        let refs: Vec<String> = list.iter().map(|g| a.ksbs[g.ksb].ksb.to_string()).collect();
        let avoided = Routes::codes(project, &cause);
        let who = match avoided.as_slice() {
            [] => "Every student".to_string(),
            [one] => format!("A student who does not take {one}"),
            many => format!("A student who takes none of {}", many.join(", ")),
        };
        let what = if partial {
            format!("covers {} only in part", refs.join(" "))
        } else {
            format!("misses {}", refs.join(" "))
        };
        let duties: Vec<String> = a
            .routes
            .duty_gaps
            .iter()
            .filter(|d| !partial && refs.contains(&d.ksb.to_string()))
            .filter(|d| a.duty(&d.duty).is_some_and(|s| s.state != DutyState::Uncovered))
            .map(|d| d.duty.to_string())
            .collect();
        let then = match duties.as_slice() {
            [] => String::new(),
            [one] => format!(", which leaves duty {one} uncovered"),
            many => format!(", which leaves duties {} uncovered", many.join(" ")),
        };
        let route = Routes::name(project, &list[0].witness);
        let (kind, severity, id, explanation) = if partial {
            (
                FindingKind::RoutePartial,
                Severity::Info,
                format!("route-partial:{}", refs.join("+")),
                "Only the named modules cover these KSBs fully. Partial coverage is acceptable where the rest is delivered in the workplace; otherwise map them fully to a core module or to every option.",
            )
        } else {
            (
                FindingKind::RouteGap,
                Severity::Error,
                format!("route-gap:{}", refs.join("+")),
                "Every route through the optional modules must cover every KSB. Map these KSBs to a core module, or to enough options that no choice avoids them all.",
            )
        };
        f.push(
            severity,
            kind,
            id,
            Target::Ksb(a.ksbs[list[0].ksb].ksb.clone()),
            format!("{who} {what}{then}; for example, {route}"),
            explanation,
        );
        f.on_route(codes(project, &list[0].witness));
    }
}

fn credit_findings(project: &Project, a: &Analysis, f: &mut Findings) {
    let award = &project.programme.award;
    for gap in &a.routes.credit_gaps {
        let said = gap.problem.describe(award);
        let (message, explanation) = if gap.every_route {
            (
                format!("The programme {said}"),
                "Adjust module credits so every route meets the award's credit rule.",
            )
        } else {
            (
                format!(
                    "On some routes, such as {}, the programme {said}",
                    Routes::name(project, &gap.witness)
                ),
                "This is the fewest (or most) credits any route gives. Adjust module credits so every route meets the award's credit rule.",
            )
        };
        f.push(
            Severity::Error,
            FindingKind::Credits,
            gap.problem.id(),
            Target::Programme,
            message,
            explanation,
        );
        if !gap.every_route {
            f.on_route(codes(project, &gap.witness));
        }
    }
}

fn codes(project: &Project, route: &[usize]) -> Vec<String> {
    Routes::codes(project, route).into_iter().map(str::to_string).collect()
}
