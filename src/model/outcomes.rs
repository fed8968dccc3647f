//! A module's learning outcomes and assessments: the chain from a KSB, through the outcome that
//! carries it, to the assessment that evidences it.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Mapping, Module};

/// One learning outcome of a module, such as `LO2`: "Explain the principles of infection control".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningOutcome {
    pub code: String,
    pub text: String,
}

/// What kind of assessment a component is. The common kinds are named; any other is kept as
/// the provider writes it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AssessmentKind {
    Exam,
    Test,
    Essay,
    Report,
    Presentation,
    Practical,
    Osce,
    Portfolio,
    Project,
    /// An observation of practice in the workplace.
    WorkBasedObservation,
    Other(String),
}

impl AssessmentKind {
    pub const KNOWN: [AssessmentKind; 10] = [
        AssessmentKind::Exam,
        AssessmentKind::Test,
        AssessmentKind::Essay,
        AssessmentKind::Report,
        AssessmentKind::Presentation,
        AssessmentKind::Practical,
        AssessmentKind::Osce,
        AssessmentKind::Portfolio,
        AssessmentKind::Project,
        AssessmentKind::WorkBasedObservation,
    ];

    pub fn label(&self) -> &str {
        match self {
            AssessmentKind::Exam => "exam",
            AssessmentKind::Test => "test",
            AssessmentKind::Essay => "essay",
            AssessmentKind::Report => "report",
            AssessmentKind::Presentation => "presentation",
            AssessmentKind::Practical => "practical",
            AssessmentKind::Osce => "OSCE",
            AssessmentKind::Portfolio => "portfolio",
            AssessmentKind::Project => "project",
            AssessmentKind::WorkBasedObservation => "work-based observation",
            AssessmentKind::Other(s) => s,
        }
    }

    /// Reads the kind from a provider's words ("Unseen examination", "Written assignment",
    /// "Observation in practice"…), keeping unknown words as `Other`.
    pub fn parse(s: &str) -> AssessmentKind {
        let l = s.trim().to_ascii_lowercase();
        let has = |w: &[&str]| w.iter().any(|w| l.contains(w));
        if has(&["osce", "objective structured"]) {
            AssessmentKind::Osce
        } else if has(&["observ", "work-based", "work based", "workplace", "practice assessment"]) {
            AssessmentKind::WorkBasedObservation
        } else if has(&["portfolio", "e-portfolio"]) {
            AssessmentKind::Portfolio
        } else if has(&["exam"]) {
            AssessmentKind::Exam
        } else if has(&["test", "quiz", "mcq", "multiple choice"]) {
            AssessmentKind::Test
        } else if has(&["essay", "assignment", "written"]) {
            AssessmentKind::Essay
        } else if has(&["report", "case study"]) {
            AssessmentKind::Report
        } else if has(&["presentation", "poster", "viva"]) {
            AssessmentKind::Presentation
        } else if has(&["practical", "demonstration", "simulation", "skills"]) {
            AssessmentKind::Practical
        } else if has(&["project", "dissertation"]) {
            AssessmentKind::Project
        } else {
            AssessmentKind::Other(s.trim().to_string())
        }
    }

    /// Evidence gathered in the workplace rather than by the provider.
    pub fn work_based(&self) -> bool {
        matches!(self, AssessmentKind::WorkBasedObservation)
    }
}

impl fmt::Display for AssessmentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One assessment component of a module, such as `A1`, a 2,500-word essay weighted 60%.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub code: String,
    pub title: String,
    pub kind: AssessmentKind,
    /// Share of the module mark, in percent.
    pub weighting: u32,
    /// The codes of the learning outcomes it assesses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
}

impl Assessment {
    pub fn assesses(&self, outcome: &str) -> bool {
        self.outcomes.iter().any(|o| o == outcome)
    }
}

impl Module {
    /// Whether the module describes its assessment (learning outcomes and assessments both), so
    /// "assessed" follows from the chain instead of the hand-ticked flag.
    pub fn has_chain(&self) -> bool {
        !self.outcomes.is_empty() && !self.assessments.is_empty()
    }

    pub fn outcome(&self, code: &str) -> Option<&LearningOutcome> {
        self.outcomes.iter().find(|o| o.code == code)
    }

    /// The assessments that evidence a mapping of this module: those assessing an outcome that
    /// carries it.
    pub fn evidencing<'a>(&'a self, m: &'a Mapping) -> impl Iterator<Item = &'a Assessment> + 'a {
        self.assessments
            .iter()
            .filter(move |a| m.outcomes.iter().any(|o| a.assesses(o)))
    }

    /// Whether a mapping of this module is assessed: through its outcomes where the module has
    /// the chain, else by the hand-ticked flag.
    pub fn assesses(&self, m: &Mapping) -> bool {
        if self.has_chain() {
            self.evidencing(m).next().is_some()
        } else {
            m.assessed
        }
    }

    /// The sum of the assessment weightings, in percent.
    pub fn total_weighting(&self) -> u32 {
        self.assessments
            .iter()
            .map(|a| a.weighting)
            .fold(0, u32::saturating_add)
    }
}

/// Whether a mapping is assessed, given its module if the project has it.
pub fn mapping_assessed(module: Option<&Module>, m: &Mapping) -> bool {
    module.map_or(m.assessed, |module| module.assesses(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Coverage, KsbRef, ModuleStatus};

    #[test]
    fn assessed_follows_the_chain_where_there_is_one() {
        let mut module = Module {
            code: "M1".into(),
            title: "T".into(),
            level: 4,
            credits: 20,
            status: ModuleStatus::Core,
            group: None,
            work_based: false,
            outcomes: Vec::new(),
            assessments: Vec::new(),
            description: String::new(),
        };
        let mut m = Mapping::new("M1", KsbRef::new("ST0215", "K1".parse().unwrap()), Coverage::Full);
        m.assessed = true;
        assert!(module.assesses(&m), "no chain: the ticked flag counts");
        module.outcomes = vec![LearningOutcome {
            code: "LO1".into(),
            text: "Explain".into(),
        }];
        module.assessments = vec![Assessment {
            code: "A1".into(),
            title: "Essay".into(),
            kind: AssessmentKind::Essay,
            weighting: 100,
            outcomes: vec!["LO2".into()],
        }];
        assert!(!module.assesses(&m), "the chain overrides the flag");
        m.outcomes = vec!["LO1".into()];
        assert!(!module.assesses(&m));
        module.assessments[0].outcomes.push("LO1".into());
        assert!(module.assesses(&m));
        assert_eq!(module.evidencing(&m).count(), 1);
    }

    #[test]
    fn kinds_read_from_provider_words() {
        assert_eq!(AssessmentKind::parse("Unseen examination"), AssessmentKind::Exam);
        assert_eq!(
            AssessmentKind::parse("Written assignment (2,500 words)"),
            AssessmentKind::Essay
        );
        assert_eq!(
            AssessmentKind::parse("Observation of practice"),
            AssessmentKind::WorkBasedObservation
        );
        assert_eq!(AssessmentKind::parse("OSCE"), AssessmentKind::Osce);
        assert_eq!(AssessmentKind::parse("Viva voce"), AssessmentKind::Presentation);
        assert_eq!(
            AssessmentKind::parse("Reflective log"),
            AssessmentKind::Other("Reflective log".into())
        );
    }
}
