//! Every edit of the grid's cells is built here: from the selection, from the inspector's text
//! drafts, from accepted suggestions. Widgets and the command handler both import this module
//! (it imports neither), so one rule has one home, such as "a partial cell wants its reason".

use crate::model::{CellEdit, Coverage, KsbRef, Mapping, MappingFlag, Project, ops};
use crate::suggest::Suggestion;

use super::command::Command;
use super::grid_model::GridModel;
use super::selection::GridSelection;

/// The inspector's text drafts for one cell. Typing edits the draft; leaving the field (or
/// moving to another cell) applies it as one undoable edit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellDraft {
    pub module: String,
    pub ksb: Option<KsbRef>,
    pub note: String,
    pub workplace_reason: String,
    /// The texts as they were when the draft was loaded, to tell typing from undo.
    pub base_note: String,
    pub base_reason: String,
}

impl CellDraft {
    /// The draft of a cell's texts as the project has them.
    pub fn load(project: &Project, module: &str, ksb: &KsbRef) -> Self {
        let m = project.mapping(module, ksb);
        let note = m.map(|m| m.note.clone()).unwrap_or_default();
        let reason = m.map(|m| m.workplace_reason.clone()).unwrap_or_default();
        CellDraft {
            module: module.to_string(),
            ksb: Some(ksb.clone()),
            base_note: note.clone(),
            base_reason: reason.clone(),
            note,
            workplace_reason: reason,
        }
    }

    pub fn is_for(&self, module: &str, ksb: &KsbRef) -> bool {
        self.module == module && self.ksb.as_ref() == Some(ksb)
    }

    /// Whether the texts differ from the cell's, leading and trailing blanks aside.
    pub fn changed(&self) -> bool {
        self.note.trim() != self.base_note.trim() || self.workplace_reason.trim() != self.base_reason.trim()
    }

    /// Counts the typed texts as applied: an edit carrying them is on its way.
    fn settle(&mut self) {
        self.base_note = self.note.clone();
        self.base_reason = self.workplace_reason.clone();
    }
}

/// The rule every way of setting cells follows: cells made partial (one, or a range) take
/// the keyboard to their workplace reason, since the reason is what makes partial acceptable,
/// and letters typed next must not act on the grid.
pub fn wants_reason(coverage: Option<Coverage>) -> bool {
    coverage == Some(Coverage::Partial)
}

/// Whether cycling the cell (none, full, partial, none) makes it partial.
pub fn cycle_wants_reason(project: &Project, module: &str, ksb: &KsbRef) -> bool {
    let (cell, _) = ops::cycle_cell(project, module, ksb);
    wants_reason(cell.mapping.map(|m| m.coverage))
}

/// The focused cell as (module code, KSB).
pub fn focused_cell(project: &Project, grid: &GridModel, selection: &GridSelection) -> Option<(String, KsbRef)> {
    let (r, c) = selection.focused?;
    Some((project.modules.get(r)?.code.clone(), grid.columns.get(c)?.ksb.clone()))
}

/// The selected cells as (module code, KSB).
pub fn selected_cells(project: &Project, grid: &GridModel, selection: &GridSelection) -> Vec<(String, KsbRef)> {
    let Some((rows, cols)) = selection.rectangle() else {
        return Vec::new();
    };
    let mut cells = Vec::new();
    for r in rows {
        let Some(m) = project.modules.get(r) else { continue };
        for c in cols.clone() {
            if let Some(col) = grid.columns.get(c) {
                cells.push((m.code.clone(), col.ksb.clone()));
            }
        }
    }
    cells
}

/// One edit setting every cell to `coverage`; `None` when nothing would change.
pub fn set_cells_command(project: &Project, cells: &[(String, KsbRef)], coverage: Option<Coverage>) -> Option<Command> {
    let edits = ops::set_coverage(project, cells, coverage);
    if edits.is_empty() {
        return None;
    }
    let word = coverage.map_or("none", |c| c.label());
    let label = match edits.as_slice() {
        [one] => format!("Set {} × {} {word}", one.module, one.ksb.code),
        _ => format!("Set {} cells {word}", edits.len()),
    };
    Some(Command::SetCells { label, cells: edits })
}

/// One edit marking `cells` taught or assessed (`on`), or unmarking them; or what to say when
/// nothing changes. The cells come from `model::set_flag`, the domain's rule.
pub fn flag_command(
    project: &Project,
    cells: &[(String, KsbRef)],
    flag: MappingFlag,
    on: bool,
    what: &str,
) -> Result<(Command, Option<String>), String> {
    let edits = crate::model::set_flag(project, cells, flag, on);
    let word = if on {
        flag.word().to_string()
    } else {
        format!("not {}", flag.word())
    };
    // Ticking "assessed" counts for nothing where a module's outcomes and assessments decide it.
    let left = match edits.decided_by_chain {
        0 => None,
        1 => Some("1 cell left as it is: its module's outcomes and assessments decide whether it is assessed".into()),
        n => Some(format!(
            "{n} cells left as they are: their modules' outcomes and assessments decide whether they are assessed"
        )),
    };
    let label = match edits.cells.as_slice() {
        [] => {
            let why = left.unwrap_or_else(|| format!("the mapped {what} are all {word} already, or there are none"));
            return Err(format!("Nothing to mark {word}: {why}"));
        }
        [one] => format!("Mark {} × {} {word}", one.module, one.ksb.code),
        many => format!("Mark {} {what} {word}", many.len()),
    };
    Ok((
        Command::SetCells {
            cells: edits.cells,
            label,
        },
        left,
    ))
}

/// The cell as it would be with the draft's texts, if they changed and the cell is mapped:
/// what applying them writes, and what the journal keeps while they are typed.
pub fn draft_edit(project: &Project, draft: &CellDraft) -> Option<crate::model::CellEdit> {
    if !draft.changed() {
        return None;
    }
    let ksb = draft.ksb.clone()?;
    let m = project.mapping(&draft.module, &ksb)?;
    Some(crate::model::CellEdit {
        module: draft.module.clone(),
        mapping: Some(with_draft(m, draft)),
        ksb,
    })
}

/// The edit that applies a draft's texts to its cell, if they changed and the cell is mapped.
pub fn draft_command(project: &Project, draft: &mut CellDraft) -> Option<Command> {
    let crate::model::CellEdit { module, ksb, mapping } = draft_edit(project, draft)?;
    let what = match (
        draft.note.trim() != draft.base_note.trim(),
        draft.workplace_reason.trim() != draft.base_reason.trim(),
    ) {
        (true, true) => "Edit workplace reason and note on",
        (false, true) => "Edit workplace reason on",
        _ => "Edit note on",
    };
    draft.settle();
    Some(Command::SetCell {
        label: format!("{what} {module} × {}", ksb.code),
        module,
        ksb,
        mapping,
    })
}

/// What ticking or unticking a cell's box does, as the Edit menu lists it: "Mark HSC405 × K27
/// taught", or "… not taught" when it is unticked.
pub fn mark_label(module: &str, ksb: &KsbRef, what: &str, on: bool) -> String {
    format!("Mark {module} × {} {}{what}", ksb.code, if on { "" } else { "not " })
}

/// A mapping with the draft's texts in it.
pub fn with_draft(m: &Mapping, draft: &CellDraft) -> Mapping {
    // Blank lines before or after a text are no part of it (Enter in the reason field adds
    // one); a reason of only those is none.
    Mapping {
        note: draft.note.trim().to_string(),
        workplace_reason: draft.workplace_reason.trim().to_string(),
        ..m.clone()
    }
}

/// A coverage or flag edit from the inspector: it carries the draft's text, so the draft
/// counts as applied (the field losing focus to this click must not undo the click).
pub fn set_carrying_draft(
    draft: &mut CellDraft,
    module: &str,
    ksb: &KsbRef,
    mapping: Option<Mapping>,
    label: String,
) -> Command {
    draft.settle();
    Command::SetCell {
        module: module.to_string(),
        ksb: ksb.clone(),
        mapping,
        label,
    }
}

/// Accepts suggestions as full mappings in one edit; those already mapped are passed over.
pub fn accept_command(project: &Project, list: &[&Suggestion]) -> Option<Command> {
    let cells: Vec<CellEdit> = list
        .iter()
        .filter(|s| project.mapping(&s.module, &s.ksb).is_none())
        .map(|s| CellEdit {
            module: s.module.clone(),
            ksb: s.ksb.clone(),
            mapping: Some(Mapping::new(s.module.as_str(), s.ksb.clone(), Coverage::Full)),
        })
        .collect();
    let label = match cells.as_slice() {
        [] => return None,
        [one] => format!("Accept the suggestion {} × {}", one.module, one.ksb.code),
        many => format!("Accept {} suggestions", many.len()),
    };
    Some(Command::SetCells { cells, label })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unticking_says_not() {
        let k5 = KsbRef::new("ST0215", "K5".parse().unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(mark_label("HSC405", &k5, "taught", true), "Mark HSC405 × K5 taught");
        assert_eq!(
            mark_label("HSC405", &k5, "taught", false),
            "Mark HSC405 × K5 not taught"
        );
    }

    #[test]
    fn partial_cells_want_their_reason() {
        assert!(wants_reason(Some(Coverage::Partial)));
        assert!(!wants_reason(Some(Coverage::Full)));
        assert!(!wants_reason(None));
    }

    #[test]
    fn a_full_cell_cycles_to_partial_and_wants_its_reason() {
        let project = crate::sample::sample_project().unwrap_or_else(|e| panic!("{e}"));
        let full = project
            .mappings
            .iter()
            .find(|m| m.coverage == Coverage::Full)
            .unwrap_or_else(|| panic!("the sample maps a cell in full"));
        assert!(cycle_wants_reason(&project, &full.module, &full.ksb));
        let partial = project.mappings.iter().find(|m| m.coverage == Coverage::Partial);
        if let Some(p) = partial {
            assert!(!cycle_wants_reason(&project, &p.module, &p.ksb));
        }
    }
}
