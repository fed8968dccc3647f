//! Findings: what the analysis flags, each with a stable id and a plain-English explanation.

use serde::Serialize;

use crate::model::{DutyRef, KsbRef, Project};

use super::graph::CoverageGraph;
use super::rules::level_range;
use super::{Analysis, DutyState, KsbState};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks HTQ approval as it stands.
    Error,
    /// Worth fixing before submission.
    Warning,
    /// Context for the reader.
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    UncoveredDuty,
    PartialDuty,
    DutiesUnknown,
    UncoveredKsb,
    KsbInNoDuty,
    OptionalOnly,
    PartialWithoutReason,
    /// A mapping carried to a reworded KSB by a migration, not yet confirmed.
    ReviewMapping,
    /// Mappings a migration to the standard's current version dropped, as it removed their KSB.
    DroppedMappings,
    UnmappedModule,
    RouteGap,
    /// Every route covers the KSB, but some only in part although the programme covers it fully.
    RoutePartial,
    StandardLevel,
    MissingStandard,
    /// A duty lists a code the standard does not define.
    UndefinedKsb,
    ModuleLevel,
    Credits,
    DanglingMapping,
    /// Covered, but no module assesses it.
    UnassessedKsb,
    /// Assessed, but some route through the options never assesses it.
    AssessedOptionalOnly,
    OutcomeUnmapped,
    OutcomeUnassessed,
    AssessmentWithoutOutcome,
    AssessmentWeighting,
    /// Partial, evidenced only by work-based assessment, with no workplace reason.
    WorkplaceOnlyEvidence,
    /// The mapped version of the standard is retired or withdrawn, or past its last start.
    VersionClosed,
    /// A later version of the standard is approved for delivery.
    NotLatestVersion,
    /// A later version is approved or in development, with starts still to come.
    RevisionComing,
    /// The mapped version is itself in development.
    VersionInDevelopment,
    /// The project's copy of a version differs from the published one.
    CopyDiffers,
    /// The occupational options of a core-and-options standard the programme aligns to.
    Options,
    /// An option group that offers no choice, or whose name is nearly another's (a typo
    /// that splits one group in two).
    OptionGroup,
    /// Two merged copies changed one thing two ways; both are kept until it is resolved.
    MergeConflict,
}

/// What a finding is about, so the UI can scroll to it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Programme,
    Standard(String),
    Duty(DutyRef),
    Ksb(KsbRef),
    Module(String),
    Cell { module: String, ksb: KsbRef },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Stable across runs for the same problem, such as `uncovered-duty:ST0215/D7`.
    pub id: String,
    pub severity: Severity,
    pub kind: FindingKind,
    /// One sentence saying what is wrong.
    pub message: String,
    /// Why it matters and what to do.
    pub explanation: String,
    pub target: Target,
    /// For a route finding: the optional modules (codes) of a route that shows it.
    pub route: Option<Vec<String>>,
}

/// Findings as they are found, in order; the version findings (in `revision`) use it too.
#[derive(Default)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    pub fn push(
        &mut self,
        severity: Severity,
        kind: FindingKind,
        id: String,
        target: Target,
        message: String,
        explanation: &str,
    ) {
        self.0.push(Finding {
            id,
            severity,
            kind,
            message,
            explanation: explanation.to_string(),
            target,
            route: None,
        });
    }

    /// Names the route that shows the finding just pushed.
    pub fn on_route(&mut self, route: Vec<String>) {
        if let Some(f) = self.0.last_mut() {
            f.route = Some(route);
        }
    }
}

fn codes(list: &[(crate::model::KsbCode, KsbState)]) -> String {
    list.iter().map(|(c, _)| c.to_string()).collect::<Vec<_>>().join(" ")
}

pub(super) fn standard_findings(project: &Project, f: &mut Findings) {
    if project.programme.standards.is_empty() && project.standards.is_empty() {
        f.push(
            Severity::Error,
            FindingKind::MissingStandard,
            "missing-standard:none".into(),
            Target::Programme,
            "The programme aligns to no standard, so there is nothing to cover".into(),
            "An HTQ aligns to at least one occupational standard: add one (Standards > Add from catalogue…, or import its IfATE page or API record) and map its KSBs.",
        );
    }
    for r in &project.programme.standards {
        if project.standard(r).is_none() {
            f.push(
                Severity::Error,
                FindingKind::MissingStandard,
                format!("missing-standard:{r}"),
                Target::Programme,
                format!("The programme aligns to {r}, but the project holds no copy of it"),
                "Add the standard to the project (import its IfATE page or API record) so its KSBs can be mapped.",
            );
        }
    }
    for s in &project.standards {
        if !(4..=5).contains(&s.level) {
            f.push(
                Severity::Error,
                FindingKind::StandardLevel,
                format!("standard-level:{}", s.reference),
                Target::Standard(s.reference.clone()),
                format!(
                    "{} {} is a Level {} standard; HTQs align to Level 4 or 5 standards",
                    s.reference, s.title, s.level
                ),
                "Align the programme to a Level 4 or 5 occupational standard instead.",
            );
        }
        if let Some(reason) = s.duties_unknown_reason() {
            f.push(
                Severity::Info,
                FindingKind::DutiesUnknown,
                format!("duties-unknown:{}", s.reference),
                Target::Standard(s.reference.clone()),
                format!("{} {reason}, so duty coverage is unknown; KSB coverage is still checked", s.reference),
                "The source gave KSBs but no duty list that links them. Import the standard from a page or API record whose duties list their KSBs to check them.",
            );
        }
        let undefined = s.undefined_ksbs();
        if !undefined.is_empty() {
            f.push(
                Severity::Error,
                FindingKind::UndefinedKsb,
                format!("undefined-ksb:{}", s.reference),
                Target::Standard(s.reference.clone()),
                format!(
                    "{}'s duties list {}, which the project's copy of the standard does not define, so no module can map {}",
                    s.reference,
                    crate::text::list_and(&undefined),
                    if undefined.len() == 1 { "it" } else { "them" }
                ),
                "The copy was most likely imported from a page copied in part. Import the whole standard again (or take it from the catalogue) and move the mapping to it; the duties that list these codes stay uncovered until then.",
            );
        }
        let unlinked = s.duties_without_ksbs();
        if !unlinked.is_empty() {
            let (verb, them) = if unlinked.len() == 1 {
                ("lists", "its")
            } else {
                ("list", "their")
            };
            f.push(
                Severity::Info,
                FindingKind::DutiesUnknown,
                format!("duties-without-ksbs:{}", s.reference),
                Target::Standard(s.reference.clone()),
                format!(
                    "{} {} {verb} no KSB, so {them} coverage is unknown; the standard's other duties are checked",
                    s.reference,
                    unlinked.join(" ")
                ),
                "The standard's record links no KSB to these duties, so there is nothing to map for them. Check the published standard; if a newer version links them, migrate to it.",
            );
        }
    }
}

pub(super) fn duty_findings(project: &Project, a: &Analysis, f: &mut Findings) {
    for d in &a.duties {
        let short = crate::text::shorten(project.duty_text(&d.duty), 70);
        match d.state {
            DutyState::Covered => {}
            DutyState::Uncovered => {
                let none: Vec<_> = d.held_back_by.iter().filter(|(_, s)| *s == KsbState::Uncovered).copied().collect();
                f.push(
                    Severity::Error,
                    FindingKind::UncoveredDuty,
                    format!("uncovered-duty:{}", d.duty),
                    Target::Duty(d.duty.clone()),
                    format!("Duty {} ({short}) is uncovered: no module maps {}", d.duty, codes(&none)),
                    "A duty is covered only when every KSB it lists is mapped. Map the named KSBs to a module, or to a work-based module with a workplace reason if they are better delivered there.",
                );
            }
            DutyState::Partial => f.push(
                Severity::Info,
                FindingKind::PartialDuty,
                format!("partial-duty:{}", d.duty),
                Target::Duty(d.duty.clone()),
                format!("Duty {} ({short}) is partly covered: {} only partially", d.duty, codes(&d.held_back_by)),
                "Partial coverage is acceptable where the rest is better delivered in the workplace, with the reason recorded on each mapping.",
            ),
        }
    }
}

pub(super) fn ksb_findings(project: &Project, a: &Analysis, f: &mut Findings) {
    // KSBs that only options the programme did not choose need are no gaps.
    for k in a.ksbs.iter().filter(|k| k.needed) {
        let short = crate::text::shorten(project.ksb_text(&k.ksb), 70);
        if k.state == KsbState::Uncovered {
            f.push(
                Severity::Error,
                FindingKind::UncoveredKsb,
                format!("uncovered-ksb:{}", k.ksb),
                Target::Ksb(k.ksb.clone()),
                format!("{} ({short}) is not covered by any module", k.ksb),
                "HTQ approval expects every KSB to be covered, at least partially with a workplace reason. Map it to a module.",
            );
        }
        if k.optional_only {
            let names = k.module_codes(project);
            f.push(
                Severity::Warning,
                FindingKind::OptionalOnly,
                format!("optional-only:{}", k.ksb),
                Target::Ksb(k.ksb.clone()),
                format!("{} is covered only by optional modules ({})", k.ksb, names.join(", ")),
                "Students who choose other options will miss it. Map it to a core module too, or check that every route covers it.",
            );
        }
        if !k.in_a_duty {
            f.push(
                Severity::Info,
                FindingKind::KsbInNoDuty,
                format!("ksb-in-no-duty:{}", k.ksb),
                Target::Ksb(k.ksb.clone()),
                format!("{} is listed by no duty of {}", k.ksb, k.ksb.standard),
                "It still needs covering, but no duty's status depends on it.",
            );
        }
        // Read off the graph's edges as the statuses were built: a search per cell was half
        // of a dense programme's analysis.
        // The KSB's name is written once for all its cells: a dense programme has thousands.
        let ksb_name = if k.reasonless.is_empty() {
            String::new()
        } else {
            k.ksb.to_string()
        };
        for &m in &k.reasonless {
            let module = &project.modules[m];
            let code = module.code.as_str();
            let mut id = String::with_capacity(24 + code.len() + ksb_name.len());
            for part in ["partial-without-reason:", code, ":", &ksb_name] {
                id.push_str(part);
            }
            let mut message = String::with_capacity(70 + code.len() + ksb_name.len());
            for part in [
                code,
                " covers ",
                &ksb_name,
                " only partially and gives no workplace reason",
            ] {
                message.push_str(part);
            }
            f.push(
                Severity::Warning,
                FindingKind::PartialWithoutReason,
                id,
                Target::Cell {
                    module: module.code.clone(),
                    ksb: k.ksb.clone(),
                },
                message,
                "A KSB may be partly covered where it is better delivered in the workplace; record why on the mapping.",
            );
        }
    }
}

pub(super) fn module_findings(project: &Project, graph: &CoverageGraph, f: &mut Findings) {
    let (lo, hi) = level_range(project);
    for (i, m) in project.modules.iter().enumerate() {
        if graph.module_degree(i) == 0 {
            f.push(
                Severity::Warning,
                FindingKind::UnmappedModule,
                format!("unmapped-module:{}", m.code),
                Target::Module(m.code.clone()),
                format!("Module {} {} is mapped to no KSB", m.code, m.title),
                "Every module of an HTQ should contribute to the occupational standard. Map the KSBs it teaches.",
            );
        }
        if m.level < lo || m.level > hi {
            let range = if lo == hi {
                format!("Level {lo}")
            } else {
                format!("Levels {lo} to {hi}")
            };
            f.push(
                Severity::Warning,
                FindingKind::ModuleLevel,
                format!("module-level:{}", m.code),
                Target::Module(m.code.clone()),
                format!(
                    "Module {} is at Level {}, outside the {}'s {range}",
                    m.code, m.level, project.programme.award
                ),
                "Check the module's FHEQ level, or the programme's award.",
            );
        }
    }
    for &i in &graph.dangling {
        let m = &project.mappings[i];
        let what = if project.module(&m.module).is_none() {
            format!("module {}", m.module)
        } else {
            format!("KSB {}", m.ksb)
        };
        f.push(
            Severity::Error,
            FindingKind::DanglingMapping,
            format!("dangling-mapping:{}:{}", m.module, m.ksb),
            Target::Cell {
                module: m.module.clone(),
                ksb: m.ksb.clone(),
            },
            format!(
                "A mapping of {} to {} names {what}, which the project does not have",
                m.module, m.ksb
            ),
            "The mapping is kept so nothing is lost. Restore the module or standard, or remove the mapping.",
        );
    }
}

/// Mappings a migration carried to a reworded KSB, until someone confirms them.
pub(super) fn review_findings(project: &Project, f: &mut Findings) {
    for m in project.mappings.iter().filter(|m| m.review) {
        let from = project
            .migrations
            .iter()
            .rev()
            .find(|r| r.standard == m.ksb.standard)
            .and_then(|r| r.from_version.as_deref())
            .map_or_else(String::new, |v| format!(" from version {v}"));
        f.push(
            Severity::Warning,
            FindingKind::ReviewMapping,
            format!("review-mapping:{}:{}", m.module, m.ksb),
            Target::Cell {
                module: m.module.clone(),
                ksb: m.ksb.clone(),
            },
            format!(
                "{} → {} was carried{from} to a reworded KSB and is marked for review",
                m.module, m.ksb
            ),
            "The KSB reads differently in this version of the standard. Check that the module still covers it as it now reads, then confirm the mapping in the inspector (or remove it).",
        );
    }
}

/// Mappings dropped on the way to each standard's version as the project has it: the KSB went,
/// and a module that taught it probably teaches one of the new version's. Said after the
/// migration too, since its own output is easily lost (the record keeps their words).
pub(super) fn dropped_findings(project: &Project, f: &mut Findings) {
    for s in &project.standards {
        let dropped: Vec<String> = project
            .migrations
            .iter()
            .filter(|r| r.standard == s.reference && r.to_version == s.version)
            .flat_map(|r| &r.dropped)
            .map(|d| format!("{} × {}", d.module, d.ksb))
            .collect();
        if dropped.is_empty() {
            continue;
        }
        let version = s.version.as_deref().unwrap_or("this version");
        f.push(
            Severity::Info,
            FindingKind::DroppedMappings,
            format!("dropped-mappings:{}", s.reference),
            Target::Standard(s.reference.clone()),
            format!(
                "{} dropped on the way to {} {version}, which removed their KSBs: {}",
                crate::text::counted(dropped.len(), "mapping was", "mappings were"),
                s.reference,
                crate::text::list_and(&dropped)
            ),
            "Their notes and workplace reasons are kept in the file's migration record. Map what those modules still teach to the new version's KSBs.",
        );
    }
}
