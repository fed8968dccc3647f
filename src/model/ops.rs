//! Domain edits that the command line and the app share, so a project built by `htq-mapper new`
//! and one built in the window come out the same. Structural edits change a project in place
//! (the app applies them to a copy and records it as one undoable edit); cell edits are
//! returned as [`CellEdit`]s for the history to apply.

use std::collections::HashMap;

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
        let text = format!(
            "Moved to the programme when a new module took the code {code}: this thread was on {}, on a module since deleted.",
            t.target.label()
        );
        t.comments.push(super::Comment {
            id: format!("c-moved-{}", t.comments.len()),
            author: "HTQ Mapper".into(),
            at: super::now_stamp(),
            text,
        });
        t.target = CommentTarget::Programme;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, ModuleStatus};

    #[test]
    fn set_coverage_changes_only_what_differs_and_keeps_notes() {
        let mut p = crate::sample::sample_project().unwrap();
        let mapped = p.mappings[0].clone();
        let module = mapped.module.clone();
        let mut noted = mapped.clone();
        noted.note = "kept".into();
        Edit::Cells(vec![CellEdit {
            module: module.clone(),
            ksb: mapped.ksb.clone(),
            mapping: Some(noted),
        }])
        .apply(&mut p);
        let unmapped = p.ksb_refs().find(|k| p.mapping(&module, k).is_none()).unwrap();
        let cells = vec![(module.clone(), mapped.ksb.clone()), (module.clone(), unmapped.clone())];
        let edits = set_coverage(&p, &cells, Some(Coverage::Partial));
        assert_eq!(edits.len(), 2 - usize::from(mapped.coverage == Coverage::Partial));
        Edit::Cells(edits).apply(&mut p);
        let m = p.mapping(&module, &mapped.ksb).unwrap();
        assert_eq!((m.coverage, m.note.as_str()), (Coverage::Partial, "kept"));
        assert_eq!(p.mapping(&module, &unmapped).unwrap().coverage, Coverage::Partial);
        assert!(set_coverage(&p, &cells, Some(Coverage::Partial)).is_empty());
        assert_eq!(set_coverage(&p, &cells, None).len(), 2);
    }

    fn k(code: &str) -> KsbRef {
        KsbRef::new("ST0215", code.parse().unwrap())
    }

    fn module(code: &str, title: &str) -> Module {
        Module {
            code: code.into(),
            title: title.into(),
            description: String::new(),
            level: 4,
            credits: 20,
            status: ModuleStatus::Core,
            group: None,
            work_based: false,
            outcomes: Vec::new(),
            assessments: Vec::new(),
        }
    }

    #[test]
    fn standards_add_once_and_remove_with_their_mappings() {
        let mut p = crate::sample::sample_project().unwrap();
        let st = p.standard("ST0215").unwrap().clone();
        assert_eq!(
            add_standard(&mut p, st.clone()),
            Err(OpsError::StandardPresent("ST0215".into()))
        );
        assert!(!p.mappings.is_empty());
        assert!(remove_standard(&mut p, "ST0215"));
        assert!(p.standards.is_empty() && p.programme.standards.is_empty() && p.mappings.is_empty());
        assert!(!remove_standard(&mut p, "ST0215"));
        add_standard(&mut p, st).unwrap();
        assert_eq!(p.programme.standards, ["ST0215"]);
    }

    #[test]
    fn merging_updates_known_codes_and_appends_new_ones() {
        let mut p = crate::sample::sample_project().unwrap();
        let n = p.modules.len();
        let first = p.modules[0].code.clone();
        let counts = merge_modules(
            &mut p,
            vec![
                module(&first, "Renamed"),
                module("NEW1", "New"),
                module("NEW1", "Newer"),
            ],
            vec![OptionGroup {
                name: "G".into(),
                choose: 1,
            }],
        );
        assert_eq!(counts, MergeCounts { added: 1, updated: 2 });
        assert_eq!(p.modules.len(), n + 1);
        assert_eq!(p.modules[0].title, "Renamed");
        assert_eq!(p.module("NEW1").map(|m| m.title.as_str()), Some("Newer"));
        assert!(p.option_group("G").is_some());
    }

    #[test]
    fn cycling_goes_none_full_partial_none_and_keeps_notes() {
        let mut p = crate::sample::sample_project().unwrap();
        let (m, ksb) = ("HSC502", k("K23"));
        assert!(p.mapping(m, &ksb).is_none());
        let mut words = Vec::new();
        for _ in 0..3 {
            let (edit, word) = cycle_cell(&p, m, &ksb);
            words.push(word);
            Edit::Cells(vec![edit]).apply(&mut p);
            if word == "full"
                && let Some(mut x) = p.mapping(m, &ksb).cloned()
            {
                x.note = "kept".into();
                p.set_mapping(x);
            }
            if word == "partial" {
                assert_eq!(p.mapping(m, &ksb).map(|x| x.note.as_str()), Some("kept"));
            }
        }
        assert_eq!(words, ["full", "partial", "none"]);
        assert!(p.mapping(m, &ksb).is_none());
    }

    #[test]
    fn mapping_ksbs_skips_mapped_unknown_and_bad_modules() {
        let p = crate::sample::sample_project().unwrap();
        let mapped = p.mappings.iter().find(|m| m.module == "HSC502").unwrap().clone();
        let unknown = KsbRef::new("ST9999", "K1".parse().unwrap());
        let fresh = k("K23");
        let cells = map_ksbs(&p, "HSC502", &[mapped.ksb.clone(), unknown, fresh.clone()]);
        let got: Vec<&KsbRef> = cells.iter().map(|c| &c.ksb).collect();
        assert_eq!(got, [&fresh]);
        assert!(map_ksbs(&p, "NO-SUCH-MODULE", &[fresh]).is_empty());
    }
}
