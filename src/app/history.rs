//! Undo and redo stacks, and the saved-state mark that decides "unsaved changes".

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::model::{Edit, Project};

/// Names one state of a project: every edit makes a new one, and undo returns to an older
/// one. Unique in the process, so two documents never share one and views can cache on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Generation(u64);

impl Generation {
    fn new() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Generation(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

struct Entry {
    /// The edit that takes the project back (on the undo stack) or forward (on the redo stack).
    edit: Edit,
    label: String,
    /// The generation the project returns to when this entry is applied.
    state: Generation,
    /// When the edit was made (or last joined), to join a quick run of the same edit.
    at: Instant,
}

/// Edits with one label closer together than this are one step to undo.
const JOIN_WITHIN: Duration = Duration::from_secs(3);

pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    /// The project's current generation; equal generations mean equal projects.
    current: Generation,
    saved: Option<Generation>,
}

impl History {
    /// A history whose starting state is on disk.
    pub fn new_saved() -> Self {
        let current = Generation::new();
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            current,
            saved: Some(current),
        }
    }

    /// A history whose starting state was never saved.
    pub fn new_unsaved() -> Self {
        Self {
            saved: None,
            ..Self::new_saved()
        }
    }

    /// Applies an edit, recording its inverse; clears the redo stack.
    pub fn apply(&mut self, project: &mut Project, edit: Edit, label: String) {
        let inverse = edit.apply(project);
        self.undo.push(Entry {
            edit: inverse,
            label,
            state: self.current,
            at: Instant::now(),
        });
        self.redo.clear();
        self.current = Generation::new();
    }

    /// Applies an edit as part of the last one when that has the same label, was made moments
    /// ago and is not saved: a word typed in pauses is one step to undo. True if it joined.
    pub fn apply_joined(&mut self, project: &mut Project, edit: Edit, label: String) -> bool {
        let saved = self.saved == Some(self.current);
        let Some(top) = self
            .undo
            .last_mut()
            .filter(|e| !saved && self.redo.is_empty() && e.label == label && e.at.elapsed() < JOIN_WITHIN)
            // A light inverse (modules only) cannot undo an edit that also moved mappings.
            .filter(|e| !matches!((&e.edit, &edit), (Edit::Programme(_), Edit::Project(_))))
        else {
            self.apply(project, edit, label);
            return false;
        };
        // The entry's inverse already returns to the state before the run; this one's is not needed.
        edit.apply(project);
        top.at = Instant::now();
        self.current = Generation::new();
        true
    }

    /// Undoes the last edit, returning its label and the edit that was applied to do so.
    pub fn undo(&mut self, project: &mut Project) -> Option<(String, Edit)> {
        let e = self.undo.pop()?;
        Some(self.replay(project, e, true))
    }

    /// Redoes the last undone edit, returning its label and the edit applied.
    pub fn redo(&mut self, project: &mut Project) -> Option<(String, Edit)> {
        let e = self.redo.pop()?;
        Some(self.replay(project, e, false))
    }

    /// Applies an entry taken from one stack and puts its inverse on the other.
    fn replay(&mut self, project: &mut Project, e: Entry, undoing: bool) -> (String, Edit) {
        let applied = e.edit.clone();
        let inverse = Entry {
            edit: e.edit.apply(project),
            label: e.label.clone(),
            state: self.current,
            at: Instant::now(),
        };
        if undoing { &mut self.redo } else { &mut self.undo }.push(inverse);
        self.current = e.state;
        (e.label, applied)
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    pub fn mark_saved(&mut self) {
        self.saved = Some(self.current);
    }

    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.current)
    }

    /// Changes whenever the project does, including by undo; views cache on it.
    pub fn generation(&self) -> Generation {
        self.current
    }

    /// Whether the project is at state `g` or got here from it by edits not undone since:
    /// what `g` held is still in it.
    pub fn descends_from(&self, g: Generation) -> bool {
        self.current == g || self.undo.iter().any(|e| e.state == g)
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CellEdit, Coverage, KsbRef, Mapping};

    #[test]
    fn undo_back_to_saved_is_clean() {
        let mut p = crate::sample::sample_project().unwrap();
        let mut h = History::new_saved();
        let k = KsbRef::new("ST0215", "K23".parse().unwrap());
        let cell = CellEdit {
            module: "HSC502".into(),
            ksb: k.clone(),
            mapping: Some(Mapping::new("HSC502", k, Coverage::Full)),
        };
        h.apply(&mut p, Edit::Cells(vec![cell]), "Map K23".into());
        assert!(h.is_dirty());
        assert_eq!(h.undo(&mut p).map(|(l, _)| l).as_deref(), Some("Map K23"));
        assert!(!h.is_dirty());
        assert_eq!(h.redo_label(), Some("Map K23"));
        h.redo(&mut p);
        assert!(h.is_dirty());
    }

    #[test]
    fn a_quick_run_of_one_edit_is_one_step_but_not_across_a_save() {
        let mut p = crate::sample::sample_project().unwrap();
        let before = p.clone();
        let mut h = History::new_saved();
        let retitle = |p: &Project, t: &str| {
            let mut next = p.clone();
            next.modules[0].title = t.into();
            Edit::Project(Box::new(next))
        };
        assert!(!{
            let e = retitle(&p, "A");
            h.apply_joined(&mut p, e, "Edit module".into())
        });
        assert!({
            let e = retitle(&p, "AB");
            h.apply_joined(&mut p, e, "Edit module".into())
        });
        assert!(!{
            let e = retitle(&p, "ABC");
            h.apply_joined(&mut p, e, "Edit programme".into())
        });
        assert_eq!(h.undo_len(), 2);
        h.undo(&mut p);
        h.undo(&mut p);
        assert_eq!(p, before, "one undo takes back the whole run");
        h.redo(&mut p);
        h.mark_saved();
        assert!(
            !{
                let e = retitle(&p, "ABD");
                h.apply_joined(&mut p, e, "Edit module".into())
            },
            "a save ends a run"
        );
    }
}
