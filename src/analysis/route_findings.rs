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

/// Option groups that offer no real choice (as many modules as a student takes: each is core
/// in effect), and pairs of group names a letter or two apart, which most often are one group
/// split by a typo in the module list, so its modules are no longer alternatives.
pub(super) fn option_group_findings(project: &Project, f: &mut Findings) {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for m in project
        .modules
        .iter()
        .filter(|m| m.status == crate::model::ModuleStatus::Optional)
    {
        let Some(name) = m.group.as_deref() else { continue };
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, codes)) => codes.push(&m.code),
            None => groups.push((name, vec![&m.code])),
        }
    }
    for (i, (name, codes)) in groups.iter().enumerate() {
        let choose = project.option_group(name).map_or(1, |g| g.choose as usize);
        if codes.len() == choose {
            f.push(
                Severity::Warning,
                FindingKind::OptionGroup,
                format!("option-group-no-choice:{name}"),
                Target::Programme,
                format!(
                    "Option group {name} offers {} and students choose {choose}: every student takes {}, so it is core in effect",
                    if codes.len() == 1 { "1 module".to_string() } else { format!("{} modules", codes.len()) },
                    codes.join(", ")
                ),
                "Check the group's name in the module list (a misspelt name makes a group of its own), add its other modules, or make these modules core.",
            );
        }
        for (other, _) in groups.iter().skip(i + 1) {
            if names_alike(name, other) {
                f.push(
                    Severity::Warning,
                    FindingKind::OptionGroup,
                    format!("option-group-alike:{name}+{other}"),
                    Target::Programme,
                    format!("Option groups {name} and {other} have nearly the same name: is one misspelt?"),
                    "Modules in different groups are not alternatives to each other. If they are one group, give them one name in the module list.",
                );
            }
        }
    }
}

/// Two group names that differ only in case, or by at most two letters (both of 5 or more).
fn names_alike(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    a.len().min(b.len()) >= 5 && edit_distance(&a, &b) <= 2
}

/// Levenshtein distance, counting a swap of two neighbours ("si" for "is") as one edit.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>(); a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}
