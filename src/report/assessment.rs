//! The chain from each KSB to the assessments that evidence it, as rows the workbook's
//! "Assessment" sheet and the HTML report's module pages share.

use crate::analysis::Analysis;
use crate::model::Project;

pub const ASSESSMENT_HEADER: [&str; 7] = [
    "KSB",
    "Module",
    "Learning outcome",
    "Assessment",
    "Kind",
    "Weighting %",
    "Assessed",
];

/// One link of the chain: a KSB, a module covering it, an outcome carrying it and an
/// assessment of that outcome (blank where a link is missing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentRow {
    pub ksb: String,
    pub module: String,
    pub outcome: String,
    pub assessment: String,
    pub kind: String,
    pub weighting: Option<u32>,
    pub assessed: bool,
}

/// Every covered KSB's chain, KSB by KSB in the analysis' order, modules in project order.
/// Whether a module assesses a KSB is the analysis's answer, the one every report gives.
pub fn rows(project: &Project, analysis: &Analysis) -> Vec<AssessmentRow> {
    let mut out = Vec::new();
    for (column, k) in analysis.ksbs.iter().enumerate() {
        for &(mi, _) in &k.modules {
            let Some(module) = project.modules.get(mi) else {
                continue;
            };
            let Some(m) = project.mapping(&module.code, &k.ksb) else {
                continue;
            };
            let assessed = analysis.assesses(mi, column);
            let row = |outcome: &str| AssessmentRow {
                ksb: k.ksb.to_string(),
                module: module.code.clone(),
                outcome: outcome.to_string(),
                assessment: String::new(),
                kind: String::new(),
                weighting: None,
                assessed,
            };
            if m.outcomes.is_empty() {
                out.push(row(""));
                continue;
            }
            for lo in &m.outcomes {
                let mut any = false;
                for a in module.assessments.iter().filter(|a| a.assesses(lo)) {
                    any = true;
                    out.push(AssessmentRow {
                        assessment: format!("{} {}", a.code, a.title),
                        kind: a.kind.label().to_string(),
                        weighting: Some(a.weighting),
                        ..row(lo)
                    });
                }
                if !any {
                    out.push(row(lo));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sample_chain_reaches_its_assessments() {
        let p = crate::sample::sample_project().unwrap();
        let a = crate::analysis::analyse(&p);
        let rows = super::rows(&p, &a);
        let k34: Vec<_> = rows.iter().filter(|r| r.ksb == "ST0215/K34").collect();
        assert_eq!(k34.len(), 2, "LO1 of HSC401 is assessed by A1 and A2: {k34:?}");
        assert!(k34.iter().all(|r| r.assessed && r.outcome == "LO1"));
        assert_eq!(k34[0].weighting, Some(60));
        let k36: Vec<_> = rows.iter().filter(|r| r.ksb == "ST0215/K36").collect();
        assert_eq!(k36.len(), 1);
        assert!(!k36[0].assessed && k36[0].assessment.is_empty());
    }
}
