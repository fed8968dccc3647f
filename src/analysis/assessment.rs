//! Assessment findings: KSBs taught but never assessed, or assessed only on some routes, and
//! the loose ends of modules' learning outcomes and assessments.
//!
//! They start once a project records assessment at all (a module lists assessments, or a
//! mapping is ticked assessed), so a project that has not begun on it is not buried in warnings.

use std::collections::HashSet;

use crate::model::{Coverage, Project};

use super::coverage::KsbStatus;
use super::finding::Findings;
use super::routes::{KsbGap, Routes};
use super::{Analysis, FindingKind, KsbState, Severity, Target};

/// Whether the project records assessment anywhere.
pub fn records_assessment(project: &Project) -> bool {
    project.modules.iter().any(|m| !m.assessments.is_empty()) || project.mappings.iter().any(|m| m.assessed)
}

/// The covered KSBs that no module assesses, as indices into `Analysis::ksbs`; none when the
/// project records no assessment.
pub(super) fn unassessed(project: &Project, ksbs: &[KsbStatus]) -> Vec<usize> {
    if !records_assessment(project) {
        return Vec::new();
    }
    ksbs.iter()
        .enumerate()
        .filter(|(_, k)| k.state != KsbState::Uncovered && k.assessing.is_empty())
        .map(|(i, _)| i)
        .collect()
}

/// The assessed KSBs that some route through the options leaves unassessed, with that route:
/// the route analysis run over the assessing modules instead of the covering ones. KSBs that
/// some route does not even cover are left out: their coverage gap says it already.
pub(super) fn route_gaps(routes: &Routes, ksbs: &[KsbStatus]) -> Vec<KsbGap> {
    if !routes.exist() || routes.groups.is_empty() {
        return Vec::new();
    }
    let mut index = Vec::new();
    let view: Vec<KsbStatus> = ksbs
        .iter()
        .enumerate()
        .filter(|&(i, k)| {
            !k.assessing.is_empty()
                && k.assessing.iter().all(|m| routes.core.binary_search(m).is_err())
                && routes.gaps.binary_search_by_key(&i, |g| g.ksb).is_err()
        })
        .map(|(i, k)| {
            index.push(i);
            KsbStatus {
                modules: k.assessing.iter().map(|&m| (m, Coverage::Full)).collect(),
                assessing: Vec::new(),
                reasonless: Vec::new(),
                ..k.clone()
            }
        })
        .collect();
    if view.is_empty() {
        return Vec::new();
    }
    routes
        .gaps_among(&view)
        .into_iter()
        .filter_map(|g| {
            Some(KsbGap {
                ksb: *index.get(g.ksb)?,
                witness: g.witness,
            })
        })
        .collect()
}

pub(super) fn assessment_findings(project: &Project, a: &Analysis, f: &mut Findings) {
    for &i in &a.unassessed {
        let k = &a.ksbs[i];
        let short = crate::text::shorten(project.ksb_text(&k.ksb), 70);
        let who = k.module_codes(project);
        f.push(
            Severity::Warning,
            FindingKind::UnassessedKsb,
            format!("unassessed-ksb:{}", k.ksb),
            Target::Ksb(k.ksb.clone()),
            format!(
                "{} ({short}) is taught but never assessed: {} {} it, but no assessment evidences it",
                k.ksb,
                who.join(", "),
                if who.len() == 1 { "covers" } else { "cover" }
            ),
            "HTQ approval checks that a qualification assesses what it teaches. Name the learning outcome that carries the KSB on its mapping and make sure an assessment assesses that outcome (where a module lists no outcomes and assessments, tick assessed).",
        );
    }
    for g in &a.assessment_gaps {
        let k = &a.ksbs[g.ksb];
        let who: Vec<&str> = k.assessing.iter().map(|&m| project.modules[m].code.as_str()).collect();
        f.push(
            Severity::Warning,
            FindingKind::AssessedOptionalOnly,
            format!("assessed-optional-only:{}", k.ksb),
            Target::Ksb(k.ksb.clone()),
            format!(
                "{} is assessed only in optional modules ({}); a student on {} is never assessed on it",
                k.ksb,
                who.join(", "),
                Routes::name(project, &g.witness)
            ),
            "Every route should assess every KSB it claims. Assess it in a core module, or in enough options that no choice avoids them all.",
        );
        f.on_route(
            Routes::codes(project, &g.witness)
                .into_iter()
                .map(str::to_string)
                .collect(),
        );
    }
    module_findings(project, f);
}

fn module_findings(project: &Project, f: &mut Findings) {
    if !project
        .modules
        .iter()
        .any(|m| !m.outcomes.is_empty() || !m.assessments.is_empty())
    {
        return;
    }
    let carried: HashSet<(&str, &str)> = project
        .mappings
        .iter()
        .flat_map(|m| m.outcomes.iter().map(move |o| (m.module.as_str(), o.as_str())))
        .collect();
    for m in &project.modules {
        let target = || Target::Module(m.code.clone());
        for lo in &m.outcomes {
            if !carried.contains(&(m.code.as_str(), lo.code.as_str())) {
                f.push(
                    Severity::Info,
                    FindingKind::OutcomeUnmapped,
                    format!("outcome-unmapped:{}/{}", m.code, lo.code),
                    target(),
                    format!("{} {} carries no KSB", m.code, lo.code),
                    "Not every outcome need serve the standard (academic skills, say), but check whether it carries a KSB and name it on the mapping.",
                );
            }
            if !m.assessments.is_empty() && !m.assessments.iter().any(|a| a.assesses(&lo.code)) {
                f.push(
                    Severity::Warning,
                    FindingKind::OutcomeUnassessed,
                    format!("outcome-unassessed:{}/{}", m.code, lo.code),
                    target(),
                    format!("{} {} is assessed by none of the module's assessments", m.code, lo.code),
                    "Every learning outcome should be assessed. Name it on the assessment that evidences it.",
                );
            }
        }
        for a in &m.assessments {
            if !a.outcomes.iter().any(|o| m.outcome(o).is_some()) {
                f.push(
                    Severity::Warning,
                    FindingKind::AssessmentWithoutOutcome,
                    format!("assessment-without-outcome:{}/{}", m.code, a.code),
                    target(),
                    format!(
                        "{} {} ({}) assesses none of the module's learning outcomes",
                        m.code, a.code, a.title
                    ),
                    "Name the learning outcomes the assessment evidences, so the KSBs they carry count as assessed.",
                );
            }
        }
        let total = m.total_weighting();
        if !m.assessments.is_empty() && total != 100 {
            f.push(
                Severity::Warning,
                FindingKind::AssessmentWeighting,
                format!("assessment-weighting:{}", m.code),
                target(),
                format!("{}'s assessment weightings add up to {total}%, not 100%", m.code),
                "Correct the weightings so the module's assessments make up its whole mark.",
            );
        }
    }
    for mapping in project.mappings.iter() {
        if mapping.coverage != Coverage::Partial || !mapping.workplace_reason.trim().is_empty() {
            continue;
        }
        let Some(m) = project.module(&mapping.module).filter(|m| m.has_chain()) else {
            continue;
        };
        let mut evidence = m.evidencing(mapping).peekable();
        if evidence.peek().is_some() && evidence.all(|a| a.kind.work_based()) {
            f.push(
                Severity::Warning,
                FindingKind::WorkplaceOnlyEvidence,
                format!("workplace-only-evidence:{}:{}", m.code, mapping.ksb),
                Target::Cell {
                    module: m.code.clone(),
                    ksb: mapping.ksb.clone(),
                },
                format!(
                    "{} covers {} only partially, evidenced only by work-based assessment, with no workplace reason",
                    m.code, mapping.ksb
                ),
                "Where the rest of a KSB is left to the workplace and only the workplace assesses it, record why on the mapping.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Coverage, Mapping};

    #[test]
    fn the_unassessed_finding_says_cover_for_several_modules_and_covers_for_one() {
        // As the issue found it: one module with assessments, the rest with none yet.
        let mut p = crate::sample::sample_project().unwrap();
        for m in p.modules.iter_mut().skip(1) {
            m.outcomes.clear();
            m.assessments.clear();
        }
        let a = super::super::analyse(&p);
        let k = a.ksbs[*a
            .unassessed
            .first()
            .expect("the sample teaches a KSB it never assesses")]
        .ksb
        .clone();
        // A second module teaching it, without assessing it.
        let other = p
            .modules
            .iter()
            .find(|m| !m.has_chain() && p.mapping(&m.code, &k).is_none())
            .map(|m| m.code.clone())
            .unwrap();
        p.set_mapping(Mapping::new(other.as_str(), k.clone(), Coverage::Full));
        let a = super::super::analyse(&p);
        let message = |k: &crate::model::KsbRef| {
            let id = format!("unassessed-ksb:{k}");
            a.findings
                .iter()
                .find(|f| f.id == id)
                .map(|f| f.message.clone())
                .unwrap()
        };
        let several = message(&k);
        assert!(several.contains(&other), "{several}");
        assert!(
            several.contains(" cover it, but no assessment evidences it"),
            "{several}"
        );
        let single = a
            .unassessed
            .iter()
            .map(|&i| &a.ksbs[i])
            .find(|x| x.modules.len() == 1)
            .map(|x| message(&x.ksb))
            .unwrap();
        assert!(
            single.contains(" covers it, but no assessment evidences it"),
            "{single}"
        );
    }
}
