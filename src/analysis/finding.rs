//! Findings: what the analysis flags, each with a stable id and a plain-English explanation.

use serde::Serialize;

use crate::model::{DutyRef, KsbRef};

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
    UnmappedModule,
    RouteGap,
    TooManyRoutes,
    StandardLevel,
    MissingStandard,
    ModuleLevel,
    Credits,
    DanglingMapping,
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
}
