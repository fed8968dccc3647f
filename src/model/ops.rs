//! Domain edits that the command line and the app share, so a project built by `htq-mapper new`
//! and one built in the window come out the same. Structural edits change a project in place
//! (the app applies them to a copy and records it as one undoable edit); cell edits are
//! returned as [`CellEdit`]s for the history to apply.

use std::collections::{HashMap, HashSet};

use super::{
    Assessment, CellEdit, CommentTarget, Coverage, KsbRef, LearningOutcome, Mapping, Module, OptionGroup, Project,
    Standard,
};

/// Why a domain edit cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpsError {
    #[error("{0} is already in this project")]
    StandardPresent(String),
    #[error("this project does not align to {0}, so it has no version of it to update")]
    StandardMissing(String),
}

/// Aligns the programme to a standard and keeps a copy of it in the project.
pub fn add_standard(project: &mut Project, standard: Standard) -> Result<(), OpsError> {
    if project.standard(&standard.reference).is_some() {
        return Err(OpsError::StandardPresent(standard.reference));
    }
    if !project.programme.standards.contains(&standard.reference) {
        project.programme.standards.push(standard.reference.clone());
    }
    project.standards.push(standard);
    Ok(())
}

/// Removes a standard, the programme's alignment to it and its mappings. False when absent.
pub fn remove_standard(project: &mut Project, reference: &str) -> bool {
    let before = project.standards.len() + project.programme.standards.len();
    project.standards.retain(|s| s.reference != reference);
    project.programme.standards.retain(|r| r != reference);
    project.mappings.retain(|m| m.ksb.standard != reference);
    project.programme.occupational_options.remove(reference);
    before != project.standards.len() + project.programme.standards.len()
}

/// Sets the occupational options the programme aligns to for a standard (option ids, kept in
/// the standard's order; ids the standard does not have are dropped). False when nothing changed.
pub fn set_occupational_options(project: &mut Project, reference: &str, ids: &[String]) -> bool {
    let Some(s) = project.standard(reference) else {
        return false;
    };
    let chosen: Vec<String> = s
        .options
        .iter()
        .filter(|o| ids.contains(&o.id))
        .map(|o| o.id.clone())
        .collect();
    let options = &mut project.programme.occupational_options;
    let before = options.get(reference).cloned().unwrap_or_default();
    if chosen.is_empty() {
        options.remove(reference);
    } else {
        options.insert(reference.to_string(), chosen.clone());
    }
    before != chosen
}

/// What merging a module list did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub added: usize,
    pub updated: usize,
}

/// Adds the listed modules, replacing any whose code the project already has, and their
/// option groups likewise. Linear in the sizes of the project and the list.
pub fn merge_modules(project: &mut Project, modules: Vec<Module>, groups: Vec<OptionGroup>) -> MergeCounts {
    let mut counts = MergeCounts::default();
    let mut index: HashMap<String, usize> = project
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.code.clone(), i))
        .collect();
    for m in modules {
        match index.get(&m.code) {
            Some(&i) => {
                project.modules[i] = m;
                counts.updated += 1;
            }
            None => {
                index.insert(m.code.clone(), project.modules.len());
                project.modules.push(m);
                counts.added += 1;
            }
        }
    }
    for g in groups {
        match project.option_groups.iter_mut().find(|x| x.name == g.name) {
            Some(x) => *x = g,
            None => project.option_groups.push(g),
        }
    }
    counts
}

/// Carries everything keyed by a module code over renamed and deleted modules: `to` gives an
/// old code its new one, or `None` for a module that was deleted. Mappings and dismissed
/// suggestions move with a rename and go with a deletion; comment threads move with a rename
/// and are never deleted (a thread on a deleted module keeps its code). Codes `to` keeps as
/// they are stay put, so renames that swap two codes work.
pub fn remap_module_codes(project: &mut Project, to: impl Fn(&str) -> Option<String>) {
    project.mappings.remap_modules(&to);
    project.dismissed.retain_mut(|d| match to(&d.module) {
        Some(code) => {
            d.module = code;
            true
        }
        None => false,
    });
    project.dismissed.sort();
    project.dismissed.dedup();
    for t in &mut project.comments {
        if let CommentTarget::Module(code) | CommentTarget::Cell { module: code, .. } = &mut t.target
            && let Some(new) = to(code)
        {
            *code = new;
        }
    }
}

/// Threads left on a deleted module (or its cells) whose code a module now has again: moved
/// to the programme, each with a note saying where it was, so they never land on a module
/// they were not about. `before` is the project the module was deleted from.
pub fn rehome_orphaned_threads(project: &mut Project, before: &Project) {
    let module_of = |t: &CommentTarget| match t {
        CommentTarget::Module(code) | CommentTarget::Cell { module: code, .. } => Some(code.clone()),
        _ => None,
    };
    // Orphaned as `before` had it: a thread a rename carried to a new code is not.
    let orphaned: HashMap<&str, String> = before
        .comments
        .iter()
        .filter_map(|t| Some((t.id.as_str(), module_of(&t.target)?)))
        .filter(|(_, code)| before.module(code).is_none() && project.module(code).is_some())
        .collect();
    for t in &mut project.comments {
        let Some(code) = orphaned.get(t.id.as_str()) else {
            continue;
        };
        if module_of(&t.target).as_ref() != Some(code) {
            continue;
        }
        t.move_to_programme(format!(
            "Moved to the programme when a new module took the code {code}: this thread was on {}, on a module since deleted.",
            t.target.label()
        ));
    }
}

/// What giving modules their outcomes and assessments did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutcomeCounts {
    pub modules: usize,
    pub outcomes: usize,
    pub assessments: usize,
    /// Mappings that gained an outcome (made, as full coverage, where the module had none).
    pub linked: usize,
}

/// Why [`set_outcomes`] changed nothing: the words, and which of its `ksbs` (by index) was
/// at fault, so a reader that knows where each stands in its file can point there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeError {
    pub message: String,
    /// `None`: the module is unknown.
    pub ksb: Option<usize>,
}

impl std::fmt::Display for OutcomeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Gives a module its learning outcomes and assessments (replacing any it had), and links
/// each outcome to the KSBs `ksbs` names for it, as (outcome, code such as `K5` or
/// `ST0215/K5`). An unknown module or KSB is an error saying which.
pub fn set_outcomes(
    project: &mut Project,
    module: &str,
    outcomes: Vec<LearningOutcome>,
    assessments: Vec<Assessment>,
    ksbs: &[(String, String)],
) -> Result<OutcomeCounts, OutcomeError> {
    let Some(i) = project.module_index(module) else {
        return Err(OutcomeError {
            message: format!("the project has no module {module}"),
            ksb: None,
        });
    };
    let mut counts = OutcomeCounts {
        modules: 1,
        outcomes: outcomes.len(),
        assessments: assessments.len(),
        linked: 0,
    };
    let mut links = Vec::with_capacity(ksbs.len());
    for (index, (lo, code)) in ksbs.iter().enumerate() {
        let r = match code.parse::<KsbRef>() {
            Ok(r) => Some(r),
            Err(_) => code.parse::<super::KsbCode>().ok().and_then(|c| {
                project
                    .standards
                    .iter()
                    .find(|s| s.ksb(c).is_some())
                    .map(|s| KsbRef::new(s.reference.clone(), c))
            }),
        };
        match r.filter(|r| project.has_ksb(r)) {
            Some(r) => links.push((lo, r)),
            None => {
                return Err(OutcomeError {
                    message: format!("{module} {lo} names KSB {code}, which no standard of the project has"),
                    ksb: Some(index),
                });
            }
        }
    }
    // Where the file links the module's outcomes to KSBs, its links replace the old ones:
    // else a code it reuses (LO1) would go on carrying KSBs it does not give. Where it links
    // none (a specification's words alone), the links made here stay on the outcomes it keeps.
    let same: HashSet<String> = if links.is_empty() {
        outcomes.iter().map(|n| n.code.clone()).collect()
    } else {
        HashSet::new()
    };
    project
        .mappings
        .retain_outcomes(|m, lo| m != module || same.contains(lo));
    project.modules[i].outcomes = outcomes;
    project.modules[i].assessments = assessments;
    for (lo, r) in links {
        let mut m = project
            .mapping(module, &r)
            .cloned()
            .unwrap_or_else(|| Mapping::new(module, r.clone(), Coverage::Full));
        if !m.outcomes.contains(lo) {
            m.outcomes.push(lo.clone());
            project.set_mapping(m);
            counts.linked += 1;
        }
    }
    Ok(counts)
}

/// Makes an assessment evidence a cell, or stop evidencing it: on, it assesses the outcomes
/// that carry the cell; off, it stops assessing those. False when nothing changes (the cell
/// names no outcome, or the module or assessment is unknown).
pub fn set_evidence(project: &mut Project, module: &str, ksb: &KsbRef, assessment: &str, on: bool) -> bool {
    let Some(los) = project.mapping(module, ksb).map(|m| m.outcomes.clone()) else {
        return false;
    };
    let Some(a) = project
        .modules
        .iter_mut()
        .find(|m| m.code == module)
        .and_then(|m| m.assessments.iter_mut().find(|a| a.code == assessment))
    else {
        return false;
    };
    let before = a.outcomes.len();
    if on {
        for lo in los {
            if !a.outcomes.contains(&lo) {
                a.outcomes.push(lo);
            }
        }
    } else {
        a.outcomes.retain(|o| !los.contains(o));
    }
    a.outcomes.len() != before
}

/// The cell edits that set every mapping a matrix marks.
pub fn matrix_cells(mappings: Vec<Mapping>) -> Vec<CellEdit> {
    mappings
        .into_iter()
        .map(|m| CellEdit {
            module: m.module.clone(),
            ksb: m.ksb.clone(),
            mapping: Some(m),
        })
        .collect()
}

/// Maps KSBs to a module as full coverage, leaving mapped cells and unknown KSBs alone.
/// Empty when the module is unknown or there is nothing new to map.
pub fn map_ksbs(project: &Project, module: &str, ksbs: &[KsbRef]) -> Vec<CellEdit> {
    if project.module(module).is_none() {
        return Vec::new();
    }
    ksbs.iter()
        .filter(|k| project.mapping(module, k).is_none() && project.has_ksb(k))
        .map(|k| CellEdit {
            module: module.to_string(),
            ksb: k.clone(),
            mapping: Some(Mapping::new(module, k.clone(), Coverage::Full)),
        })
        .collect()
}

/// The next state of a cell in the documented order: none, full, partial, none. Returns
/// the edit and the word for the new state ("full", "partial" or "none").
pub fn cycle_cell(project: &Project, module: &str, ksb: &KsbRef) -> (CellEdit, &'static str) {
    let (mapping, word) = match project.mapping(module, ksb) {
        None => (Some(Mapping::new(module, ksb.clone(), Coverage::Full)), "full"),
        Some(m) if m.coverage == Coverage::Full => (
            Some(Mapping {
                coverage: Coverage::Partial,
                ..m.clone()
            }),
            "partial",
        ),
        Some(_) => (None, "none"),
    };
    let edit = CellEdit {
        module: module.to_string(),
        ksb: ksb.clone(),
        mapping,
    };
    (edit, word)
}

/// Sets many cells to one coverage (`None` clears them), keeping each mapped cell's notes,
/// reason and flags. Only the cells that change are returned, so the edit is minimal.
pub fn set_coverage(project: &Project, cells: &[(String, KsbRef)], coverage: Option<Coverage>) -> Vec<CellEdit> {
    cells
        .iter()
        .filter(|(_, ksb)| project.has_ksb(ksb))
        .filter_map(|(module, ksb)| {
            let current = project.mapping(module, ksb);
            let mapping = match (coverage, current) {
                (None, None) => return None,
                (Some(c), Some(m)) if m.coverage == c => return None,
                (None, Some(_)) => None,
                (Some(c), Some(m)) => Some(Mapping {
                    coverage: c,
                    ..m.clone()
                }),
                (Some(c), None) => Some(Mapping::new(module.as_str(), ksb.clone(), c)),
            };
            Some(CellEdit {
                module: module.clone(),
                ksb: ksb.clone(),
                mapping,
            })
        })
        .collect()
}

/// Gives each partial mapping among `cells` the workplace reason `reason`; cells not mapped
/// partial, or already giving that reason, are left alone.
pub fn set_workplace_reason(project: &Project, cells: &[(String, KsbRef)], reason: &str) -> Vec<CellEdit> {
    // A reason of blank lines is no reason: stored so, it was read out as one.
    let reason = reason.trim();
    cells
        .iter()
        .filter_map(|(module, ksb)| {
            let m = project.mapping(module, ksb)?;
            if m.coverage != Coverage::Partial || m.workplace_reason == reason {
                return None;
            }
            Some(CellEdit {
                module: module.clone(),
                ksb: ksb.clone(),
                mapping: Some(Mapping {
                    workplace_reason: reason.to_string(),
                    ..m.clone()
                }),
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "ops_tests.rs"]
mod tests;
