//! One programme's row: what `check --json` says of its file, in counts.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::analysis::FindingCounts;
use crate::check::Checked;
use crate::model::{IsoDate, Project};
use crate::review::signoff::Standing;

/// What a programme needs first, most urgent first: the order a portfolio lists them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Need {
    /// A merge left conflicts in the file: both sides are kept until someone chooses.
    Conflict,
    /// A duty or KSB uncovered, on every route or on some.
    Gap,
    /// A standard retired, withdrawn, closed to new starts, or superseded by a newer version.
    OldStandard,
    /// The sign-off is stale or missing.
    SignOff,
    Nothing,
}

impl Need {
    pub fn label(self) -> &'static str {
        match self {
            Need::Conflict => "merge conflicts to resolve",
            Need::Gap => "gaps",
            Need::OldStandard => "retired or superseded standard",
            Need::SignOff => "sign-off stale or missing",
            Need::Nothing => "nothing",
        }
    }
}

/// One standard of a programme: its version, status and whether it is the latest approved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandardRow {
    pub reference: String,
    pub version: Option<String>,
    /// The status label `check --json` gives (`Approved for delivery`, `Retired`, …).
    pub status: Option<&'static str>,
    /// No newer version is current (`check --json`'s `standard_versions[].current` is null).
    pub current: bool,
    /// Retired, withdrawn or past its latest start date.
    pub closed: bool,
    /// The newer version that is current, when there is one.
    pub current_version: Option<String>,
}

/// KSBs fully, partly and not covered, as `check --json`'s `summary`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub ksbs: usize,
    pub full: usize,
    pub partial: usize,
    pub uncovered: usize,
}

/// One programme of a portfolio.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub path: PathBuf,
    pub title: String,
    pub award: String,
    pub standards: Vec<StandardRow>,
    pub coverage: Coverage,
    pub uncovered_duties: usize,
    /// KSBs that some route through the options leaves uncovered (`routes.gaps`, which
    /// includes the KSBs no module covers).
    pub route_gaps: usize,
    /// Those of them a module covers: the gaps only a choice of options makes.
    pub option_gaps: usize,
    /// Covered KSBs no module assesses (`unassessed_ksbs`).
    pub unassessed: usize,
    pub sign_off: Standing,
    pub open_comments: usize,
    pub findings: FindingCounts,
    /// Every KSB and duty covered on every route: what `check` exits 0 for.
    pub all_covered: bool,
    /// Conflicts a merge left in the file, unresolved.
    pub merge_conflicts: usize,
}

impl Row {
    /// The row of `project`, read from `path`, from what [`crate::check::check`] found.
    pub fn of(path: PathBuf, project: &Project, checked: &Checked, today: IsoDate) -> Row {
        let a = &checked.analysis;
        let s = &a.summary;
        Row {
            path,
            title: project.programme.title.clone(),
            award: project.programme.award.to_string(),
            standards: checked
                .versions
                .iter()
                .map(|v| StandardRow {
                    reference: v.reference.clone(),
                    version: v.version.clone(),
                    status: v.status.map(|s| s.label()),
                    current: v.current.is_none(),
                    closed: v.closed(today),
                    current_version: v.current.as_ref().map(|c| c.version.clone()),
                })
                .collect(),
            coverage: Coverage {
                ksbs: s.ksbs,
                full: s.full,
                partial: s.partial,
                uncovered: s.none,
            },
            uncovered_duties: a.uncovered_duties().count(),
            route_gaps: a.routes.gaps.len(),
            option_gaps: (a.routes.gaps.iter())
                .filter(|g| {
                    a.ksbs
                        .get(g.ksb)
                        .is_some_and(|k| k.state != crate::analysis::KsbState::Uncovered)
                })
                .count(),
            unassessed: a.unassessed_ksbs().count(),
            sign_off: checked.sign_off,
            open_comments: checked.open_comments,
            findings: a.finding_counts(),
            all_covered: checked.all_covered(),
            merge_conflicts: project.merge_conflicts.len(),
        }
    }

    /// Whether a standard it aligns to is retired or has a newer current version, whatever
    /// the programme needs first.
    pub fn on_old_standard(&self) -> bool {
        self.standards.iter().any(|s| !s.current || s.closed)
    }

    /// What the programme needs first.
    pub fn need(&self) -> Need {
        if self.merge_conflicts > 0 {
            Need::Conflict
        } else if !self.all_covered {
            Need::Gap
        } else if self.on_old_standard() {
            Need::OldStandard
        } else if self.sign_off != Standing::Signed {
            Need::SignOff
        } else {
            Need::Nothing
        }
    }

    /// Uncovered KSBs, uncovered duties and the KSBs only a choice of options misses, each
    /// counted once: within the programmes with gaps, the larger total comes first.
    pub fn gap_count(&self) -> usize {
        self.coverage.uncovered + self.uncovered_duties + self.option_gaps
    }

    /// "ST0215 1.1 (1.2 is current), ST0220 1.0 (Retired)": each standard and its version,
    /// with why it is old when it is, whatever the row needs first.
    pub fn standards_text(&self) -> String {
        self.standards
            .iter()
            .map(|s| {
                let name = match &s.version {
                    Some(v) => format!("{} {v}", s.reference),
                    None => s.reference.clone(),
                };
                match (s.closed, &s.current_version) {
                    (true, _) => format!("{name} ({})", s.status.unwrap_or("closed")),
                    (false, Some(v)) if !s.current => format!("{name} ({v} is current)"),
                    _ => name,
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Percent of the KSBs fully covered, as the reports' charts draw it.
    pub fn percent_full(&self) -> f64 {
        if self.coverage.ksbs == 0 {
            0.0
        } else {
            100.0 * self.coverage.full as f64 / self.coverage.ksbs as f64
        }
    }

    /// The row as `portfolio --json` gives it.
    pub fn to_json(&self) -> Value {
        json!({
            "path": self.path.display().to_string(),
            "title": self.title,
            "award": self.award,
            "standards": self.standards.iter().map(|s| json!({
                "reference": s.reference, "version": s.version, "status": s.status, "current": s.current,
            })).collect::<Vec<_>>(),
            "coverage": {
                "ksbs": self.coverage.ksbs, "full": self.coverage.full,
                "partial": self.coverage.partial, "uncovered": self.coverage.uncovered,
            },
            "uncovered_duties": self.uncovered_duties,
            "merge_conflicts": self.merge_conflicts,
            "route_gaps": self.route_gaps,
            "unassessed": self.unassessed,
            "sign_off": self.sign_off.word(),
            "open_comments": self.open_comments,
            "findings": {
                "errors": self.findings.errors, "warnings": self.findings.warnings, "notes": self.findings.notes,
            },
        })
    }
}
