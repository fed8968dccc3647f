//! Findings grouped for reading: one finding of a kind over many KSBs (or cells, or learning
//! outcomes) reads as one line with its list, and what to do about them all. `check`'s text,
//! the reports and the app's panel show these; `check --json` keeps one entry per finding.

use crate::model::{KsbRef, Project};

use super::Analysis;
use super::finding::{Finding, FindingKind, Severity, Target};

/// A kind with at least this many findings reads as one group.
pub const GROUP_AT: usize = 3;

/// One line to read: a single finding, or every finding of one kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingGroup {
    pub severity: Severity,
    pub kind: FindingKind,
    /// The findings it stands for, as indices into `Analysis::findings`, in their order.
    pub members: Vec<usize>,
    /// One line: the finding's own message, or "34 KSBs are taught but never assessed: K1 K2 …".
    pub message: String,
    /// For a group, a second line: where the listed things sit (the modules teaching them,
    /// say); empty for a single finding.
    pub detail: String,
    /// Why it matters and what to do, about them all.
    pub explanation: String,
    /// The finding's id, or for a group its kind and count: `unassessed-ksb (34)`.
    pub id: String,
}

impl FindingGroup {
    pub fn is_group(&self) -> bool {
        self.members.len() > 1
    }

    /// The targets of its findings, to focus them in turn.
    pub fn targets<'a>(&'a self, findings: &'a [Finding]) -> impl Iterator<Item = &'a Target> + 'a {
        self.members.iter().filter_map(|&i| findings.get(i)).map(|f| &f.target)
    }
}

/// How a kind reads as a group: the plural of what it lists, and what is wrong with them.
fn wording(kind: FindingKind) -> Option<(&'static str, &'static str)> {
    use FindingKind as K;
    Some(match kind {
        K::UncoveredKsb => ("KSBs", "are not covered by any module"),
        K::OptionalOnly => ("KSBs", "are covered only by optional modules"),
        K::KsbInNoDuty => ("KSBs", "are listed by no duty"),
        K::UnassessedKsb => ("KSBs", "are taught but never assessed"),
        K::AssessedOptionalOnly => (
            "KSBs",
            "are assessed only in optional modules, so some route never assesses them",
        ),
        K::PartialWithoutReason => ("partial mappings", "give no workplace reason"),
        K::ReviewMapping => ("mappings", "were carried to reworded KSBs and are marked for review"),
        K::WorkplaceOnlyEvidence => (
            "partial mappings",
            "are evidenced only by work-based assessment, with no workplace reason",
        ),
        K::OutcomeUnmapped => ("learning outcomes", "carry no KSB"),
        K::OutcomeUnassessed => (
            "learning outcomes",
            "are assessed by none of their module's assessments",
        ),
        _ => return None,
    })
}

/// A KSB as a list names it: bare (`K1`) when the project has one standard.
fn ksb_label(project: &Project, r: &KsbRef) -> String {
    if project.standards.len() > 1 {
        r.to_string()
    } else {
        r.code.to_string()
    }
}

/// Labels listed by module: `HSC401 K3 K7; HSC402 K5`, modules in the order first met.
fn by_module(pairs: &[(String, String)]) -> String {
    let mut modules: Vec<(&str, Vec<&str>)> = Vec::new();
    for (m, x) in pairs {
        match modules.iter_mut().find(|(code, _)| code == m) {
            Some((_, list)) => list.push(x),
            None => modules.push((m, vec![x])),
        }
    }
    modules
        .iter()
        .map(|(m, list)| format!("{m} {}", list.join(" ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The findings as they read best: each kind with [`GROUP_AT`] or more findings (of the kinds
/// that list KSBs, cells or outcomes) as one group where its first finding stood; the rest one
/// by one. Most severe first, as the findings are.
pub fn group_findings(project: &Project, analysis: &Analysis) -> Vec<FindingGroup> {
    let findings = &analysis.findings;
    let mut out: Vec<FindingGroup> = Vec::new();
    let mut done = vec![false; findings.len()];
    for (i, f) in findings.iter().enumerate() {
        if done[i] {
            continue;
        }
        let same: Vec<usize> = (i..findings.len())
            .filter(|&j| findings[j].kind == f.kind && findings[j].severity == f.severity)
            .collect();
        let Some((things, wrong)) = wording(f.kind).filter(|_| same.len() >= GROUP_AT) else {
            done[i] = true;
            out.push(FindingGroup {
                severity: f.severity,
                kind: f.kind,
                members: vec![i],
                message: f.message.clone(),
                detail: String::new(),
                explanation: f.explanation.clone(),
                id: f.id.clone(),
            });
            continue;
        };
        for &j in &same {
            done[j] = true;
        }
        let members: Vec<&Finding> = same.iter().map(|&j| &findings[j]).collect();
        let (list, detail) = listing(project, analysis, &members);
        out.push(FindingGroup {
            severity: f.severity,
            kind: f.kind,
            message: format!("{} {things} {wrong}: {list}", same.len()),
            detail,
            explanation: what_to_do(project, analysis, f.kind, &members),
            id: format!("{} ({})", kind_name(f), same.len()),
            members: same,
        });
    }
    out
}

/// The part of an id before its first `:`, the kind as ids spell it.
fn kind_name(f: &Finding) -> &str {
    f.id.split(':').next().unwrap_or(&f.id)
}

/// The list a group's line gives, and its second line.
fn listing(project: &Project, analysis: &Analysis, members: &[&Finding]) -> (String, String) {
    let mut ksbs: Vec<&KsbRef> = Vec::new();
    let mut cells: Vec<(String, String)> = Vec::new();
    let mut others: Vec<&str> = Vec::new();
    for f in members {
        match &f.target {
            Target::Ksb(k) => ksbs.push(k),
            Target::Cell { module, ksb } => cells.push((module.clone(), ksb_label(project, ksb))),
            // Outcomes and the like: their id names them (`outcome-unmapped:HSC401/LO3`).
            _ => others.push(f.id.split_once(':').map_or(f.id.as_str(), |(_, x)| x)),
        }
    }
    if !cells.is_empty() {
        return (by_module(&cells), String::new());
    }
    if ksbs.is_empty() {
        return (others.join(" "), String::new());
    }
    let list: Vec<String> = ksbs.iter().map(|k| ksb_label(project, k)).collect();
    // Where the KSBs are taught: each covering module with the listed KSBs it covers.
    let taught: Vec<(String, String)> = ksbs
        .iter()
        .filter_map(|k| analysis.ksb(k))
        .flat_map(|k| {
            k.module_codes(project)
                .into_iter()
                .map(|m| (m.to_string(), ksb_label(project, &k.ksb)))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut modules: Vec<&(String, String)> = taught.iter().collect();
    // Module order, as the project lists them, reads better than the order first met.
    modules.sort_by_key(|(m, _)| project.modules.iter().position(|x| &x.code == m));
    let ordered: Vec<(String, String)> = modules.into_iter().cloned().collect();
    let detail = if ordered.is_empty() {
        String::new()
    } else {
        format!("Covered by: {}", by_module(&ordered))
    };
    (list.join(" "), detail)
}

/// What to do about a whole group.
fn what_to_do(project: &Project, analysis: &Analysis, kind: FindingKind, members: &[&Finding]) -> String {
    use FindingKind as K;
    match kind {
        K::UnassessedKsb => {
            let mut ticked: Vec<&str> = Vec::new();
            let mut chained: Vec<&str> = Vec::new();
            for k in members.iter().filter_map(|f| match &f.target {
                Target::Ksb(k) => analysis.ksb(k),
                _ => None,
            }) {
                for &(m, _) in &k.modules {
                    let Some(module) = project.modules.get(m) else { continue };
                    let list = if module.has_chain() { &mut chained } else { &mut ticked };
                    if !list.contains(&module.code.as_str()) {
                        list.push(&module.code);
                    }
                }
            }
            let mut ways = Vec::new();
            if !ticked.is_empty() {
                ways.push(format!(
                    "where {} assess{} them, mark the mappings assessed in bulk (tick Assessed)",
                    ticked.join(", "),
                    if ticked.len() == 1 { "es" } else { "" }
                ));
            }
            if !chained.is_empty() {
                ways.push(format!(
                    "in {}, name on each mapping the learning outcome that carries the KSB, assessed by one of the module's assessments",
                    chained.join(", ")
                ));
            }
            ways.push("or add an assessment that assesses them".into());
            format!(
                "HTQ approval checks that a qualification assesses what it teaches. To fix: {}.",
                ways.join("; ")
            )
        }
        K::PartialWithoutReason => "A KSB may be partly covered where it is better delivered in the workplace: record why on each mapping (its workplace reason), or map it in full.".into(),
        _ => members.first().map_or_else(String::new, |f| f.explanation.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Coverage, Mapping};

    #[test]
    fn many_unassessed_ksbs_read_as_one_group_and_few_stay_apart() {
        let p = crate::sample::sample_project().unwrap();
        let a = crate::analysis::analyse(&p);
        let groups = group_findings(&p, &a);
        let members: usize = groups.iter().map(|g| g.members.len()).sum();
        assert_eq!(members, a.findings.len(), "every finding in exactly one group");
        let unassessed: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::UnassessedKsb)
            .collect();
        let g = groups.iter().find(|g| g.kind == FindingKind::UnassessedKsb);
        if unassessed.len() >= GROUP_AT {
            let g = g.unwrap();
            assert!(
                g.message
                    .starts_with(&format!("{} KSBs are taught but never assessed: ", unassessed.len()))
            );
            assert!(g.detail.starts_with("Covered by: "), "{}", g.detail);
            assert!(g.explanation.contains("add an assessment"), "{}", g.explanation);
        }
        // Severity order holds.
        assert!(groups.windows(2).all(|w| w[0].severity <= w[1].severity));

        // Two of a kind stay two lines.
        let mut q = p.clone();
        let cells: Vec<Mapping> = q
            .mappings
            .iter()
            .filter(|m| m.coverage == Coverage::Full)
            .take(2)
            .cloned()
            .collect();
        for mut m in cells {
            m.coverage = Coverage::Partial;
            m.workplace_reason.clear();
            q.set_mapping(m);
        }
        let a = crate::analysis::analyse(&q);
        let n = a
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::PartialWithoutReason)
            .count();
        let groups = group_findings(&q, &a);
        let reasonless: Vec<_> = groups
            .iter()
            .filter(|g| g.kind == FindingKind::PartialWithoutReason)
            .collect();
        if n < GROUP_AT {
            assert_eq!(reasonless.len(), n);
        } else {
            assert_eq!(reasonless.len(), 1);
            assert!(
                reasonless[0]
                    .message
                    .contains("partial mappings give no workplace reason")
            );
        }
    }
}
