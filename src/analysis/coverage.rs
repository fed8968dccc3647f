//! Per-KSB and per-duty coverage, read off the graph.

use serde::Serialize;

use crate::model::{Coverage, DutyRef, KsbCode, KsbRef, ModuleStatus, Project, Standard, mapping_assessed};

use super::graph::CoverageGraph;
use super::matrix::{CellMark, CoverageMatrix};

/// How well the programme as a whole covers a KSB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KsbState {
    /// No module covers it. Written "none" in JSON and reports, as before the rename.
    #[serde(rename = "none")]
    Uncovered,
    Partial,
    Full,
}

impl KsbState {
    pub fn label(self) -> &'static str {
        match self {
            KsbState::Uncovered => "none",
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
    /// Some covering module assesses it: through a learning outcome where the module has
    /// outcomes and assessments, else by the hand-ticked flag.
    pub assessed: bool,
    /// The covering modules that assess it, in module order.
    pub assessing: Vec<usize>,
    /// Covering modules in module order, with how fully each covers it.
    pub modules: Vec<(usize, Coverage)>,
    /// Covered, but only by optional modules, so some students may miss it.
    pub optional_only: bool,
    /// Whether any duty lists it (always true when the standard gives no duties).
    pub in_a_duty: bool,
    /// Modules that cover it partially with no workplace reason recorded, in module order.
    pub reasonless: Vec<usize>,
    /// The programme needs it: a core duty or a chosen option's duty lists it (or no duty
    /// lists it at all). A KSB only options the programme did not choose need is no gap.
    pub needed: bool,
}

impl KsbStatus {
    /// The codes of the modules that cover it, in module order.
    pub fn module_codes<'p>(&self, project: &'p Project) -> Vec<&'p str> {
        self.modules
            .iter()
            .filter_map(|&(m, _)| project.modules.get(m))
            .map(|m| m.code.as_str())
            .collect()
    }
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

/// For a core-and-options standard with options chosen, whether each KSB (in the standard's
/// order) is needed: listed by a duty that applies, or by no duty at all. `None` when every
/// KSB is needed.
fn needed_ksbs(s: &Standard, chosen: &[String]) -> Option<Vec<bool>> {
    if !s.core_and_options || chosen.is_empty() || !s.duties_known() {
        return None;
    }
    let mut listed: Vec<(KsbCode, bool)> = s
        .duties
        .iter()
        .flat_map(|d| {
            let applies = s.duty_applies(d, chosen);
            d.ksbs.iter().map(move |&k| (k, applies))
        })
        .collect();
    listed.sort_unstable();
    Some(
        s.ksbs
            .iter()
            .map(|k| {
                let mut by = listed.iter().filter(|(c, _)| *c == k.code).peekable();
                by.peek().is_none() || by.any(|&(_, applies)| applies)
            })
            .collect(),
    )
}

/// KSB statuses in `project.ksb_refs()` order, duty statuses in standard order, and the
/// module × KSB matrix, all read off the graph in one pass.
pub fn compute(project: &Project, graph: &CoverageGraph) -> (Vec<KsbStatus>, Vec<DutyStatus>, CoverageMatrix) {
    let n_ksbs = graph.ksb_count();
    let mut ksbs = Vec::with_capacity(n_ksbs);
    let mut matrix = CoverageMatrix::new(project.modules.len(), n_ksbs);
    let optional: Vec<bool> = project
        .modules
        .iter()
        .map(|m| m.status == ModuleStatus::Optional)
        .collect();
    for (si, s) in project.standards.iter().enumerate() {
        let needed = needed_ksbs(s, project.programme.chosen_options(&s.reference));
        let offset = graph.ksb_offsets.get(si).copied().unwrap_or(0);
        for (ki, k) in s.ksbs.iter().enumerate() {
            let column = offset + ki;
            let mut modules: Vec<(usize, Coverage)> = Vec::with_capacity(graph.cover_count(column));
            let mut reasonless = Vec::new();
            let mut assessing = Vec::new();
            let mut taught = false;
            for c in graph.covering(column) {
                let m = &project.mappings[c.mapping];
                taught |= m.taught;
                let assessed = mapping_assessed(project.modules.get(c.module), m);
                if assessed {
                    assessing.push(c.module);
                }
                modules.push((c.module, c.coverage));
                if c.coverage == Coverage::Partial && m.workplace_reason.trim().is_empty() {
                    reasonless.push(c.module);
                }
                matrix.set(c.module, column, CellMark::of(m, assessed));
            }
            modules.sort_unstable();
            assessing.sort_unstable();
            reasonless.sort_unstable();
            let state = match modules.iter().map(|&(_, c)| c).max() {
                None => KsbState::Uncovered,
                Some(Coverage::Partial) => KsbState::Partial,
                Some(Coverage::Full) => KsbState::Full,
            };
            let optional_only = !modules.is_empty() && modules.iter().all(|&(m, _)| optional[m]);
            ksbs.push(KsbStatus {
                ksb: KsbRef::new(s.reference.clone(), k.code),
                state,
                taught,
                assessed: !assessing.is_empty(),
                assessing,
                modules,
                optional_only,
                in_a_duty: !s.duties_known() || graph.listed_by_a_duty(column),
                reasonless,
                needed: needed.as_ref().is_none_or(|n| n.get(ki).copied().unwrap_or(true)),
            });
        }
    }

    let mut duties = Vec::new();
    for (si, s) in project.standards.iter().enumerate() {
        let chosen = project.programme.chosen_options(&s.reference);
        let undefined = s.undefined_ksbs();
        for (di, d) in s.duties.iter().enumerate() {
            // The duties of options the programme did not choose are not its to cover.
            if !s.duty_applies(d, chosen) {
                continue;
            }
            // A duty that lists no KSB has nothing to cover: calling it covered would pass a
            // check on no evidence. A finding names it instead.
            if d.ksbs.is_empty() {
                continue;
            }
            // The duty's edges lead to the KSBs it lists; those not fully covered hold it back.
            let mut held_back_by: Vec<(KsbCode, KsbState)> = graph
                .duty_ksbs(si, di)
                .filter_map(|k| {
                    let status = ksbs.get(k)?;
                    (status.state != KsbState::Full).then_some((status.ksb.code, status.state))
                })
                .collect();
            // A code the standard does not define (a copy cut short) can never be mapped.
            held_back_by.extend(
                d.ksbs
                    .iter()
                    .filter(|c| undefined.contains(c))
                    .map(|&c| (c, KsbState::Uncovered)),
            );
            held_back_by.sort_unstable();
            held_back_by.dedup();
            let state = if held_back_by.iter().any(|&(_, st)| st == KsbState::Uncovered) {
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
    (ksbs, duties, matrix)
}
