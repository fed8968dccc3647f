//! Marking many mappings taught or assessed at once: a selected rectangle in the grid, or
//! every KSB a module covers. Domain code, free of the UI, so any front end that marks cells
//! in bulk builds the same edit.

use super::{CellEdit, KsbRef, Mapping, Project};

/// A yes-or-no that a mapping records by hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MappingFlag {
    Taught,
    Assessed,
}

impl MappingFlag {
    /// The word menus and edit labels use: "taught", "assessed".
    pub fn word(self) -> &'static str {
        match self {
            MappingFlag::Taught => "taught",
            MappingFlag::Assessed => "assessed",
        }
    }

    pub fn of(self, m: &Mapping) -> bool {
        match self {
            MappingFlag::Taught => m.taught,
            MappingFlag::Assessed => m.assessed,
        }
    }

    fn set(self, m: &mut Mapping, on: bool) {
        match self {
            MappingFlag::Taught => m.taught = on,
            MappingFlag::Assessed => m.assessed = on,
        }
    }
}

/// What marking a set of cells would change, and what it leaves and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlagEdits {
    /// Only the mappings whose flag changes, with everything else on them kept.
    pub cells: Vec<CellEdit>,
    /// Mapped cells of modules whose learning outcomes and assessments decide "assessed", where
    /// a ticked flag would count for nothing, so it is left as it is.
    pub decided_by_chain: usize,
}

/// Sets `flag` to `on` on every mapped cell of `cells`; unmapped cells are passed over (a flag
/// belongs to a mapping). "Assessed" is left alone in modules whose outcomes and assessments
/// decide it. Linear in the number of cells.
pub fn set_flag(project: &Project, cells: &[(String, KsbRef)], flag: MappingFlag, on: bool) -> FlagEdits {
    let mut out = FlagEdits::default();
    for (module, ksb) in cells {
        let Some(m) = project.mapping(module, ksb) else {
            continue;
        };
        if flag == MappingFlag::Assessed && project.module(module).is_some_and(|x| x.has_chain()) {
            out.decided_by_chain += 1;
            continue;
        }
        if flag.of(m) == on {
            continue;
        }
        let mut next = m.clone();
        flag.set(&mut next, on);
        out.cells.push(CellEdit {
            module: module.clone(),
            ksb: ksb.clone(),
            mapping: Some(next),
        });
    }
    out
}

/// Every cell a module maps, as (module code, KSB), in KSB order.
pub fn module_cells(project: &Project, module: &str) -> Vec<(String, KsbRef)> {
    project
        .mappings
        .iter()
        .filter(|m| m.module == module)
        .map(|m| (m.module.clone(), m.ksb.clone()))
        .collect()
}

/// Whether `on` is the useful way to press a toggle over `cells`: true unless every mapped cell
/// that the flag can change has it already (then the toggle takes it off).
pub fn toggle_turns_on(project: &Project, cells: &[(String, KsbRef)], flag: MappingFlag) -> bool {
    !set_flag(project, cells, flag, true).cells.is_empty() || set_flag(project, cells, flag, false).cells.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Assessment, AssessmentKind, Edit, LearningOutcome, mapping_assessed};

    /// The sample as a team starts it: modules without learning outcomes and assessments, so
    /// "assessed" is the ticked flag.
    fn without_chains() -> Project {
        let mut p = crate::sample::sample_project().unwrap();
        for m in &mut p.modules {
            m.outcomes.clear();
            m.assessments.clear();
        }
        p
    }

    #[test]
    fn a_module_is_marked_assessed_in_one_edit_and_unmarked_again() {
        let mut p = without_chains();
        // A module without outcomes and assessments, where the ticked flag is what counts.
        let module = p
            .modules
            .iter()
            .find(|m| !m.has_chain() && module_cells(&p, &m.code).len() > 1)
            .map(|m| m.code.clone())
            .unwrap();
        let cells = module_cells(&p, &module);
        let before_notes: Vec<String> = cells
            .iter()
            .map(|(m, k)| p.mapping(m, k).unwrap().note.clone())
            .collect();
        let on = set_flag(&p, &cells, MappingFlag::Assessed, true);
        assert_eq!(on.decided_by_chain, 0);
        let already = cells.iter().filter(|(m, k)| p.mapping(m, k).unwrap().assessed).count();
        assert_eq!(on.cells.len(), cells.len() - already);
        Edit::Cells(on.cells).apply(&mut p);
        for ((m, k), note) in cells.iter().zip(&before_notes) {
            let x = p.mapping(m, k).unwrap();
            assert!(x.assessed && mapping_assessed(p.module(m), x), "{m} × {k}");
            assert_eq!(&x.note, note, "notes are kept");
        }
        assert!(set_flag(&p, &cells, MappingFlag::Assessed, true).cells.is_empty());
        assert!(!toggle_turns_on(&p, &cells, MappingFlag::Assessed));
        let off = set_flag(&p, &cells, MappingFlag::Assessed, false);
        assert_eq!(off.cells.len(), cells.len());
        Edit::Cells(off.cells).apply(&mut p);
        assert!(cells.iter().all(|(m, k)| !p.mapping(m, k).unwrap().assessed));
        assert!(toggle_turns_on(&p, &cells, MappingFlag::Assessed));
    }

    #[test]
    fn unmapped_cells_and_modules_with_outcomes_and_assessments_are_left_alone() {
        let mut p = without_chains();
        let first = p
            .mappings
            .iter()
            .find(|m| p.module(&m.module).is_some_and(|x| !x.has_chain()))
            .unwrap();
        let (module, ksb) = (first.module.clone(), first.ksb.clone());
        let unmapped = p.ksb_refs().find(|k| p.mapping(&module, k).is_none()).unwrap();
        let cells = vec![(module.clone(), ksb.clone()), (module.clone(), unmapped)];
        let taught = set_flag(&p, &cells, MappingFlag::Taught, false);
        assert_eq!(taught.cells.len(), 1, "only the mapped cell");
        assert_eq!(taught.cells[0].mapping.as_ref().map(|m| m.taught), Some(false));
        let i = p.module_index(&module).unwrap();
        p.modules[i].outcomes = vec![LearningOutcome {
            code: "LO1".into(),
            text: "Explain".into(),
        }];
        p.modules[i].assessments = vec![Assessment {
            code: "A1".into(),
            title: "Essay".into(),
            kind: AssessmentKind::Essay,
            weighting: 100,
            outcomes: vec!["LO1".into()],
        }];
        let assessed = set_flag(&p, &cells, MappingFlag::Assessed, true);
        assert!(assessed.cells.is_empty());
        assert_eq!(assessed.decided_by_chain, 1);
    }
}
