//! The modules editor's draft as an undoable edit, made whenever the draft is valid, so what is
//! typed there is part of the project as it is typed: undone, journalled and saved like any edit.

use std::collections::HashSet;

use super::{Edit, Module, ModuleRow, ProgrammeDraft, ProgrammeParts, Project};

/// An edit the draft makes, and its label for the Edit menu and the journal.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftEdit {
    pub edit: Edit,
    pub label: String,
}

impl ProgrammeDraft {
    /// The edit that makes `p` what the draft says: `Ok(None)` when it already is, the problems
    /// when the draft cannot be applied yet. Renames, deletions and deleted outcomes replace the
    /// whole project (mappings and threads follow them); other edits replace the programme and
    /// modules alone.
    pub fn edit_for(&self, p: &Project) -> Result<Option<DraftEdit>, Vec<super::DraftProblem>> {
        let next = self.apply(p)?;
        if next == *p {
            return Ok(None);
        }
        let label = describe(p, &next);
        let kept: HashSet<&str> = self.rows.iter().filter_map(|r| r.original.as_deref()).collect();
        let renamed = self
            .rows
            .iter()
            .any(|r| r.original.as_deref().is_some_and(|o| o != r.code.trim()));
        let deleted = p.modules.iter().any(|m| !kept.contains(m.code.as_str()));
        // Deleting an outcome changes the mappings it carried; a code taken again moves a
        // deleted module's threads.
        let edit = if renamed || deleted || next.mappings != p.mappings || next.comments != p.comments {
            Edit::Project(Box::new(next))
        } else {
            Edit::Programme(Box::new(ProgrammeParts {
                programme: next.programme,
                modules: next.modules,
                option_groups: next.option_groups,
            }))
        };
        Ok(Some(DraftEdit { edit, label }))
    }

    /// This draft was made from `base`; the project has since become `now` (an edit made
    /// outside the editor). Gives `now` with this draft's own changes over it: the programme's
    /// fields and rows changed, added or deleted here, so neither side's work is lost.
    pub fn rebase(&self, base: &ProgrammeDraft, now: ProgrammeDraft) -> ProgrammeDraft {
        let mut out = now;
        if self.title != base.title {
            out.title.clone_from(&self.title);
        }
        if self.award != base.award {
            out.award.clone_from(&self.award);
        }
        if self.awarding_body != base.awarding_body {
            out.awarding_body.clone_from(&self.awarding_body);
        }
        if self.groups != base.groups {
            out.groups.clone_from(&self.groups);
        }
        let kept: HashSet<&str> = self.rows.iter().filter_map(|r| r.original.as_deref()).collect();
        let deleted: HashSet<&str> = base
            .rows
            .iter()
            .filter_map(|r| r.original.as_deref())
            .filter(|o| !kept.contains(o))
            .collect();
        out.rows
            .retain(|r| !r.original.as_deref().is_some_and(|o| deleted.contains(o)));
        for r in &self.rows {
            let Some(o) = r.original.as_deref() else {
                out.rows.push(r.clone());
                continue;
            };
            if base.rows.iter().any(|b| b == r) {
                continue;
            }
            match out.rows.iter_mut().find(|x| x.original.as_deref() == Some(o)) {
                Some(slot) => *slot = r.clone(),
                // Gone from the project meanwhile: the user's row comes back as a new module.
                None => out.rows.push(ModuleRow {
                    original: None,
                    ..r.clone()
                }),
            }
        }
        out
    }

    /// Once applied, each row is the module it now names: a later rename starts from there.
    pub fn settle(&mut self) {
        for r in &mut self.rows {
            r.original = Some(r.code.trim().to_string());
        }
    }
}

/// Names what changed from `before` to `after`, most telling first: an added, deleted or renamed
/// module, then an edited one, then the order, the programme's details or its option groups.
fn describe(before: &Project, after: &Project) -> String {
    let codes = |p: &Project| p.modules.iter().map(|m| m.code.clone()).collect::<Vec<_>>();
    let (old, new) = (codes(before), codes(after));
    let added: Vec<&String> = new.iter().filter(|c| !old.contains(c)).collect();
    let removed: Vec<&String> = old.iter().filter(|c| !new.contains(c)).collect();
    match (added.as_slice(), removed.as_slice()) {
        ([a], [r]) if old.len() == new.len() => return format!("Rename module {r} to {a}"),
        ([a], []) => return format!("Add module {a}"),
        ([], [r]) => return format!("Delete module {r}"),
        ([], []) => {}
        _ => return "Edit modules".into(),
    }
    let changed: Vec<&Module> = after
        .modules
        .iter()
        .filter(|m| before.module(&m.code) != Some(*m))
        .collect();
    match changed.as_slice() {
        [m] => format!("Edit module {}", m.code),
        [_, ..] => format!("Edit {} modules", changed.len()),
        [] if old != new => "Reorder modules".into(),
        [] if before.programme != after.programme => "Edit programme details".into(),
        [] => "Edit option groups".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModuleRow;

    fn sample() -> Project {
        crate::sample::sample_project().unwrap()
    }

    fn applied(p: &Project, d: &ProgrammeDraft) -> (Project, String) {
        let e = d.edit_for(p).unwrap().unwrap();
        let mut next = p.clone();
        let undo = e.edit.clone().apply(&mut next);
        let mut back = next.clone();
        undo.apply(&mut back);
        assert_eq!(&back, p, "undo restores the project exactly");
        (next, e.label)
    }

    #[test]
    fn an_unchanged_draft_makes_no_edit() {
        let p = sample();
        assert_eq!(ProgrammeDraft::from_project(&p).edit_for(&p), Ok(None));
    }

    #[test]
    fn a_title_typed_is_a_light_edit_of_one_module() {
        let p = sample();
        let mut d = ProgrammeDraft::from_project(&p);
        d.rows[0].title.push_str(" II");
        d.rows[0].description = "What the body is made of.".into();
        let e = d.edit_for(&p).unwrap().unwrap();
        assert!(matches!(e.edit, Edit::Programme(_)), "no whole project in the journal");
        let (next, label) = applied(&p, &d);
        assert_eq!(label, format!("Edit module {}", p.modules[0].code));
        assert!(next.modules[0].title.ends_with(" II"));
        assert_eq!(next.modules[0].description, "What the body is made of.");
        assert_eq!(next.mappings, p.mappings);
    }

    #[test]
    fn renames_and_deletions_carry_the_mappings() {
        let p = sample();
        let mut d = ProgrammeDraft::from_project(&p);
        let old = d.rows[0].code.clone();
        d.rows[0].code = format!("{old}X");
        let e = d.edit_for(&p).unwrap().unwrap();
        assert!(matches!(e.edit, Edit::Project(_)));
        let (next, label) = applied(&p, &d);
        assert_eq!(label, format!("Rename module {old} to {old}X"));
        let before = p.mappings.iter().filter(|m| m.module == old).count();
        assert!(before > 0);
        assert_eq!(
            next.mappings.iter().filter(|m| m.module == format!("{old}X")).count(),
            before
        );

        let mut d = ProgrammeDraft::from_project(&p);
        let gone = d.rows.remove(1).code;
        let (next, label) = applied(&p, &d);
        assert_eq!(label, format!("Delete module {gone}"));
        assert!(next.mappings.iter().all(|m| m.module != gone));
    }

    #[test]
    fn a_new_row_waits_for_its_code_and_title_then_settles() {
        let p = sample();
        let mut d = ProgrammeDraft::from_project(&p);
        let last = d.rows.last().cloned();
        d.rows.push(ModuleRow::new(last.as_ref()));
        let row = d.rows.last().unwrap();
        assert!(row.code.is_empty() && row.title.is_empty(), "nothing to clear");
        assert_eq!(Some(&row.level), last.as_ref().map(|r| &r.level));
        assert!(d.edit_for(&p).is_err(), "no code yet: nothing applied");
        let row = d.rows.last_mut().unwrap();
        row.code = "HSC599 ".into();
        row.title = "Dissertation".into();
        let (next, label) = applied(&p, &d);
        assert_eq!(label, "Add module HSC599");
        d.settle();
        assert_eq!(d.rows.last().unwrap().original.as_deref(), Some("HSC599"));
        assert_eq!(
            d.edit_for(&next),
            Ok(None),
            "settled: the same draft edits nothing more"
        );
    }

    #[test]
    fn an_edit_made_outside_the_editor_keeps_the_drafts_unapplied_work() {
        // The editor holds a new row with no code yet and a retitled module; meanwhile a
        // module list import adds HSC598 and retitles the second module.
        let p = sample();
        let base = ProgrammeDraft::from_project(&p);
        let mut mine = base.clone();
        mine.rows[0].title = "Anatomy, retitled here".into();
        mine.rows.push(ModuleRow::new(None));
        mine.rows.last_mut().unwrap().title = "Dissertation".into();
        let gone = mine.rows.remove(2).code;
        let mut elsewhere = p.clone();
        elsewhere.modules[1].title = "Retitled by the import".into();
        let mut added = elsewhere.modules[0].clone();
        added.code = "HSC598".into();
        elsewhere.modules.push(added);
        let now = ProgrammeDraft::from_project(&elsewhere);
        let out = mine.rebase(&base, now);
        assert_eq!(out.rows[0].title, "Anatomy, retitled here", "mine kept");
        assert_eq!(out.rows[1].title, "Retitled by the import", "theirs kept");
        assert!(out.rows.iter().any(|r| r.code == "HSC598"), "the import's module kept");
        assert!(out.rows.iter().all(|r| r.code != gone), "my deletion kept");
        assert!(
            out.rows
                .iter()
                .any(|r| r.original.is_none() && r.title == "Dissertation")
        );
        assert_eq!(
            mine.rebase(&base, base.clone()),
            mine,
            "nothing changed elsewhere: the draft as it was"
        );
    }

    #[test]
    fn the_draft_survives_the_journal_format() {
        let p = sample();
        let mut d = ProgrammeDraft::from_project(&p);
        d.rows.push(ModuleRow::new(None));
        d.rows.last_mut().unwrap().code = "HSC5".into();
        let text = ron::to_string(&d).unwrap();
        assert_eq!(ron::from_str::<ProgrammeDraft>(&text).unwrap(), d);
    }
}
