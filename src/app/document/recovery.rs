//! The document's crash journal: each edit recorded as it is made, the modules editor's
//! unapplied draft beside them, and the work a crash left behind offered back.

use crate::model::{Edit, ProgrammeDraft};
use crate::store::{Journal, Recovery, Step};

use super::{Applied, Document, fresh_history};

impl Document {
    /// Applies the journalled work as one undoable edit on top of the saved state; a draft the
    /// modules editor had not applied waits in `take_restored_draft`.
    pub fn restore_recovery(&mut self) -> Option<Applied> {
        let r = self.recovery.take()?;
        let mut restored = r.replay();
        let n = r.changes.len().saturating_sub(usize::from(r.draft.is_some()));
        // The restored work is journalled afresh below.
        self.remove_offered_journal(&r);
        // The file was saved after the crashed copy last read or saved it (by this copy since,
        // or another on a shared drive): the work is merged into that save, as a colleague's
        // copy is, rather than replacing it. What both changed differently stays, both sides,
        // for the user to settle.
        let saved_since = self.path.is_some() && r.base != self.saved;
        let mut conflicts = 0;
        if saved_since {
            let merged = crate::merge::merge(&r.base, &restored, &self.saved);
            conflicts = merged.report.conflicts.len();
            self.restore_withheld = merged.report.withheld;
            restored = merged.project;
        } else {
            self.saved = r.base.clone();
        }
        self.project = self.saved.clone();
        self.history = fresh_history(self.path.as_deref());
        self.restored_draft = r.draft;
        if restored == self.project {
            return Some(Applied {
                label: if saved_since && n > 0 {
                    "The unsaved work from last time is already in the file's later save".into()
                } else {
                    "Restored the modules editor's unapplied changes".into()
                },
                journal_problem: None,
            });
        }
        let mut applied = self.edit(
            Edit::Project(Box::new(restored)),
            format!("Restore {n} unsaved edit{}", if n == 1 { "" } else { "s" }),
        );
        if saved_since {
            applied.label.push_str(", merged with the file's later save");
        }
        if conflicts > 0 {
            applied.label.push_str(&format!(
                ": {} to resolve (the grid marks them with !; File > Merge conflicts… lists them)",
                crate::text::counted(conflicts, "conflict", "conflicts")
            ));
        }
        Some(applied)
    }

    /// Whether the offered work was made on an earlier state of the file than the one open
    /// now: restoring it then merges it with that later save.
    pub fn recovery_predates_file(&self) -> bool {
        self.path.is_some() && self.recovery.as_ref().is_some_and(|r| r.base != self.saved)
    }

    /// What the last restore withheld of the file's later save, once (see `merge::versions`).
    pub fn take_restore_withheld(&mut self) -> Vec<String> {
        std::mem::take(&mut self.restore_withheld)
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
        // With a journal, a problem from starting it is the note that another copy has the
        // project open; what is typed is written on the next call.
        if problem.is_some() {
            return problem;
        }
        let failed = j
            .note_draft(draft)
            .err()
            .map(|e| format!("Crash recovery failed to record the modules editor's changes: {e}"));
        self.failed(failed)
    }

    /// Journals the inspector's unapplied typing (the cell as it would be with it), or that
    /// there is none, unless the journal has it so already; the problem in words if it could
    /// not be written. No typing and no journal: nothing to record.
    pub fn note_typing(&mut self, typing: Vec<crate::model::CellEdit>) -> Option<String> {
        if self.typing_is_noted(&typing) {
            return None;
        }
        let key = (!typing.is_empty()).then(|| (typing.clone(), self.history.generation()));
        let problem = self.ensure_journal();
        let Some(j) = self.journal.as_mut() else {
            return problem;
        };
        self.typing_noted = key;
        // With a journal, a problem from starting it is the note that another copy has the
        // project open; what is typed is written on the next call.
        if problem.is_some() {
            return problem;
        }
        let failed = j
            .note_typing(&typing)
            .err()
            .map(|e| format!("Crash recovery failed to record your typing: {e}"));
        self.failed(failed)
    }

    /// Whether the journal holds `typing` as the inspector's unapplied typing, as of the
    /// last edit (an edit after it supersedes it there).
    pub fn typing_is_noted(&self, typing: &[crate::model::CellEdit]) -> bool {
        match (typing.is_empty(), &self.typing_noted) {
            (true, None) => true,
            (true, Some(_)) => self.journal.is_none(),
            (false, Some((noted, at))) => {
                self.journal.is_some() && noted.as_slice() == typing && *at == self.history.generation()
            }
            (false, None) => false,
        }
    }

    /// Drops the offered work; true if there was any.
    pub fn discard_recovery(&mut self) -> bool {
        match self.recovery.take() {
            Some(r) => {
                self.remove_offered_journal(&r);
                true
            }
            None => false,
        }
    }

    /// Removes the journal of the work that was offered, while still claimed, then lets the
    /// claim go: no other copy reads or starts in it meanwhile.
    fn remove_offered_journal(&mut self, r: &Recovery) {
        let _ = std::fs::remove_file(&r.path);
        self.recovery_claim = None;
    }

    /// Removes the journal: its work is saved, or the user chose to lose it.
    pub fn discard_journal(&mut self) {
        self.typing_noted = None;
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
        let first = crate::store::journal_path(self.path.as_deref(), dir);
        let mut shared = false;
        for path in crate::store::journal_paths(&first) {
            // The crash's work this copy offers, another copy's live or offered journal, or a
            // crash's work not yet offered back: kept.
            if self.recovery.as_ref().is_some_and(|r| r.path == path) {
                continue;
            }
            let in_use = crate::store::journal_in_use(&path);
            if in_use || (path.exists() && Recovery::read(&path).is_some_and(|r| r.has_changes())) {
                shared |= in_use;
                continue;
            }
            match Journal::start(&path, &self.project) {
                Ok(j) => {
                    self.journal = Some(j);
                    // Untitled documents share a folder of journals, not a file.
                    return (shared && self.path.is_some()).then(|| {
                        "Another copy of HTQ Mapper has this project open: whoever saves second is warned before replacing the other's changes"
                            .to_string()
                    });
                }
                // Taken by a copy that started just now.
                Err(e) if e.kind() == std::io::ErrorKind::ResourceBusy => shared = true,
                Err(e) => {
                    return self.failed(Some(format!(
                        "Crash recovery is off: cannot write {} ({e})",
                        path.display()
                    )));
                }
            }
        }
        self.failed(Some(busy()))
    }

    pub(super) fn journal_append(&mut self, step: Step, label: &str, edit: &Edit) -> Option<String> {
        let j = self.journal.as_mut()?;
        let problem = j
            .append_step(step, label, edit)
            .err()
            .map(|e| format!("Crash recovery failed to record this edit: {e}"));
        // Written, but to a journal a clean-up removed, or beside a file a colleague renamed:
        // after a crash nothing would find it.
        let gone = |p: &std::path::Path| !p.exists();
        let stranded = gone(j.path()) || (self.disk_fingerprint.is_some() && self.path.as_deref().is_some_and(gone));
        let problem = problem.or_else(|| {
            stranded.then(|| {
                "Crash recovery cannot find its journal (removed, or the file renamed): save to keep this work"
                    .to_string()
            })
        });
        self.failed(problem)
    }

    /// Notes that the journal failed to keep the work, so the status bar says so until the
    /// next save; the failure is handed back.
    fn failed(&mut self, failure: Option<String>) -> Option<String> {
        self.journal_failing |= failure.is_some();
        failure
    }
}

/// Why crash recovery is off when every journal a project may have is taken.
fn busy() -> String {
    "Crash recovery is off: every journal this project may keep is in use by another copy of HTQ Mapper or holds a crash's work. Save often; open the project again to be offered that work."
        .to_string()
}
