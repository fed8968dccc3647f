//! Per-KSB and per-duty coverage, read off the graph.

use serde::Serialize;

use crate::model::{Coverage, DutyRef, KsbCode, KsbRef, ModuleStatus, Project};

use super::graph::CoverageGraph;

/// How well the programme as a whole covers a KSB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KsbState {
    None,
    Partial,
    Full,
}

impl KsbState {
    pub fn label(self) -> &'static str {
        match self {
            KsbState::None => "none",
            KsbState::Partial => "partial",
            KsbState::Full => "full",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KsbStatus {
    pub ksb: KsbRef,
    pub state: KsbState,
    pub taught: bool,
    pub assessed: bool,
    /// Covering modules in module order, with how fully each covers it.
    pub modules: Vec<(usize, Coverage)>,
    /// Covered, but only by optional modules, so some students may miss it.
    pub optional_only: bool,
    /// Whether any duty lists it (always true when the standard gives no duties).
    pub in_a_duty: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DutyState {
    Uncovered,
    Partial,
    Covered,
}

impl DutyState {
    pub fn label(self) -> &'static str {
        match self {
            DutyState::Covered => "covered",
            DutyState::Partial => "partial",
            DutyState::Uncovered => "uncovered",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DutyStatus {
    pub duty: DutyRef,
    pub core: bool,
    pub state: DutyState,
    /// The KSBs it lists that are not fully covered, in code order.
    pub held_back_by: Vec<(KsbCode, KsbState)>,
}

/// KSB statuses in `project.ksb_refs()` order and duty statuses in standard order.
pub fn compute(project: &Project, graph: &CoverageGraph) -> (Vec<KsbStatus>, Vec<DutyStatus>) {
    let mut ksbs = Vec::with_capacity(graph.ksb_nodes.iter().map(Vec::len).sum());
    let mut states: Vec<Vec<KsbState>> = Vec::with_capacity(project.standards.len());
    for (si, s) in project.standards.iter().enumerate() {
        let listed = s
            .duties
            .iter()
            .flat_map(|d| d.ksbs.iter())
            .collect::<std::collections::HashSet<_>>();
        let mut per_standard = Vec::with_capacity(s.ksbs.len());
        for (ki, &node) in graph.ksb_nodes[si].iter().enumerate() {
            let mut modules: Vec<(usize, Coverage)> = Vec::new();
            let (mut taught, mut assessed) = (false, false);
            for (module, mi, coverage) in graph.covering(node) {
                let m = &project.mappings[mi];
                taught |= m.taught;
                assessed |= m.assessed;
                modules.push((module, coverage));
            }
            modules.sort_unstable();
            let state = match modules.iter().map(|&(_, c)| c).max() {
                None => KsbState::None,
                Some(Coverage::Partial) => KsbState::Partial,
                Some(Coverage::Full) => KsbState::Full,
            };
            let optional_only = !modules.is_empty()
                && modules
                    .iter()
                    .all(|&(m, _)| project.modules[m].status == ModuleStatus::Optional);
            let code = s.ksbs[ki].code;
            per_standard.push(state);
            ksbs.push(KsbStatus {
                ksb: KsbRef::new(s.reference.clone(), code),
                state,
                taught,
                assessed,
                modules,
                optional_only,
                in_a_duty: !s.duties_known() || listed.contains(&code),
            });
        }
        states.push(per_standard);
    }

    let mut duties = Vec::new();
    for (si, s) in project.standards.iter().enumerate() {
        for d in &s.duties {
            let mut held_back_by: Vec<(KsbCode, KsbState)> = d
                .ksbs
                .iter()
                .filter_map(|code| {
                    let ki = s.ksbs.iter().position(|k| k.code == *code)?;
                    let st = states[si][ki];
                    (st != KsbState::Full).then_some((*code, st))
                })
                .collect();
            held_back_by.sort_unstable();
            let state = if held_back_by.iter().any(|&(_, st)| st == KsbState::None) {
                DutyState::Uncovered
            } else if held_back_by.is_empty() {
                DutyState::Covered
            } else {
                DutyState::Partial
            };
            duties.push(DutyStatus {
                duty: DutyRef {
                    standard: s.reference.clone(),
                    code: d.code.clone(),
                },
                core: d.core,
                state,
                held_back_by,
            });
        }
    }
    (ksbs, duties)
}
