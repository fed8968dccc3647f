//! The document's crash journal: each edit recorded as it is made, the modules editor's
//! unapplied draft beside them, and the work a crash left behind offered back.

use crate::model::{Edit, ProgrammeDraft};
use crate::store::{Journal, Step};

use super::{Applied, Document, fresh_history};

impl Document {
    /// Applies the journalled work as one undoable edit on top of the saved state; a draft the
    /// modules editor had not applied waits in `take_restored_draft`.
    pub fn restore_recovery(&mut self) -> Option<Applied> {
        let r = self.recovery.take()?;
        let restored = r.replay();
        let n = r.changes.len().saturating_sub(usize::from(r.draft.is_some()));
        let _ = std::fs::remove_file(&r.path);
        self.saved = r.base.clone();
        self.project = r.base;
        self.history = fresh_history(self.path.as_deref());
        self.restored_draft = r.draft;
        if restored == self.project {
            return Some(Applied {
                label: "Restored the modules editor's unapplied changes".into(),
                journal_problem: None,
            });
        }
        Some(self.edit(
            Edit::Project(Box::new(restored)),
            format!("Restore {n} unsaved edit{}", if n == 1 { "" } else { "s" }),
        ))
    }

    /// The modules editor's draft from a restored journal, once.
    pub fn take_restored_draft(&mut self) -> Option<ProgrammeDraft> {
        self.restored_draft.take()
    }

    /// Journals the modules editor's unapplied draft (or that it has none), so a crash keeps
    /// it; the problem in words if it could not be written.
    pub fn note_draft(&mut self, draft: Option<&ProgrammeDraft>) -> Option<String> {
        let problem = self.ensure_journal();
        // No journal: the problem says crash recovery is off, rather than nothing at all.
        let Some(j) = self.journal.as_mut() else {
            return problem;
        };
        problem.or_else(|| {
            j.note_draft(draft)
                .err()
                .map(|e| format!("Crash recovery failed to record the modules editor's changes: {e}"))
        })
    }

    /// Drops the offered work; true if there was any.
    pub fn discard_recovery(&mut self) -> bool {
        match self.recovery.take() {
            Some(r) => {
                let _ = std::fs::remove_file(&r.path);
                true
            }
            None => false,
        }
    }

    /// Removes the journal: its work is saved, or the user chose to lose it.
    pub fn discard_journal(&mut self) {
        if let Some(j) = self.journal.take() {
            j.discard();
        }
    }

    /// Starts the journal before the first edit since the last save, with the saved state as its base.
    pub(super) fn ensure_journal(&mut self) -> Option<String> {
        let dir = self.journal_dir.as_ref()?;
        if self.journal.is_some() {
            return None;
        }
        let path = crate::store::journal_path(self.path.as_deref(), dir);
        match Journal::start(&path, &self.project) {
            Ok(j) => {
                self.journal = Some(j);
                None
            }
            Err(e) if e.kind() == std::io::ErrorKind::ResourceBusy => Some(
                "Crash recovery is off: another copy of HTQ Mapper has this project open. Save often, or close one copy."
                    .to_string(),
            ),
            Err(e) => Some(format!("Crash recovery is off: cannot write {} ({e})", path.display())),
        }
    }

    pub(super) fn journal_append(&mut self, step: Step, label: &str, edit: &Edit) -> Option<String> {
        let j = self.journal.as_mut()?;
        j.append_step(step, label, edit)
            .err()
            .map(|e| format!("Crash recovery failed to record this edit: {e}"))
    }
}
