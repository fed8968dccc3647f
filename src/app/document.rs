//! The open document: the project, where it lives, its undo history, its crash journal,
//! and any unsaved work a crash left behind. No UI here; the app turns outcomes into messages.

use std::path::{Path, PathBuf};

use crate::model::{Edit, ProgrammeDraft, Project};
use crate::store::{Journal, Recovery, Step};

use super::history::History;

mod recovery;

/// How a save chooses its file and treats someone else's change to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveMode {
    /// The project's own file, unless it changed on disk since we read it; asks for a path when untitled.
    Current,
    /// Always asks for a path (Save As).
    AskForPath,
    /// The project's own file even though it changed on disk: the user chose to overwrite.
    OverwriteChanged,
}

/// Where a save writes.
#[derive(Debug, PartialEq, Eq)]
pub enum SaveTarget {
    /// The project's own file.
    Path(PathBuf),
    /// Untitled, or Save As: a dialog must ask.
    Ask,
    /// The file changed on disk since it was read; nothing to write until the user says.
    ChangedOnDisk,
}

/// An edit, undo or redo that was applied: its label, and why the journal missed it, if it did.
#[derive(Debug)]
pub struct Applied {
    pub label: String,
    pub journal_problem: Option<String>,
}

impl Applied {
    /// The status-line message: the label, with any journal trouble after it.
    pub fn message(self) -> String {
        match self.journal_problem {
            Some(p) => format!("{}. {p}", self.label),
            None => self.label,
        }
    }
}

pub struct Document {
    project: Project,
    path: Option<PathBuf>,
    /// The name shown for an untitled project.
    untitled_name: String,
    history: History,
    /// Where untitled projects keep their journal; `None` turns journalling off (tests).
    journal_dir: Option<PathBuf>,
    journal: Option<Journal>,
    /// Unsaved work found at start, offered for restoring.
    recovery: Option<Recovery>,
    /// The lock on the offered recovery's journal (see `store::claim`), until it is answered.
    recovery_claim: Option<std::fs::File>,
    /// The file's bytes as we last read or wrote them, to notice other people's saves.
    disk_fingerprint: Option<u64>,
    /// Set when the user chose to overwrite a file changed on disk, for the save that follows.
    overwrite_chosen: std::cell::Cell<bool>,
    /// The project as last opened or saved: the change log counts what a save changed from it.
    saved: Project,
    /// The modules editor's draft a restored journal held, for the editor to open with.
    restored_draft: Option<ProgrammeDraft>,
    /// What a restore left out of the file's later save (a standard it moved back), for the
    /// user to be told before a save replaces that file.
    restore_withheld: Vec<String>,
    /// After "Merge their changes": the merged state, with the saved state and fingerprint
    /// before it, put back if the merge is undone so that Save asks again.
    disk_merge: Option<(super::history::Generation, Box<Project>, Option<u64>)>,
    /// The state a merge of the file's changes made, and that state once saved: undo stops
    /// there, as undoing it and saving would take a colleague's work out of the file unasked.
    merge_edit: Option<super::history::Generation>,
    merge_saved: Option<super::history::Generation>,
    /// A journal write failed (or crash recovery is off) since the last save: the status bar
    /// says the unsaved work is not safe from a crash until it is saved.
    journal_failing: bool,
    /// The inspector's unapplied typing as last journalled, and the state it was noted on.
    typing_noted: Option<(Vec<crate::model::CellEdit>, super::history::Generation)>,
}

fn fresh_history(path: Option<&Path>) -> History {
    if path.is_some() {
        History::new_saved()
    } else {
        History::new_unsaved()
    }
}

impl Document {
    /// A document on `project`; with no path it is untitled, so saving asks where.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Self {
            history: fresh_history(path.as_deref()),
            untitled_name: if path.is_none() {
                "Untitled".into()
            } else {
                String::new()
            },
            disk_fingerprint: path.as_deref().and_then(crate::store::fingerprint),
            overwrite_chosen: std::cell::Cell::new(false),
            saved: project.clone(),
            project,
            path,
            journal_dir: None,
            journal: None,
            recovery: None,
            recovery_claim: None,
            restored_draft: None,
            restore_withheld: Vec::new(),
            disk_merge: None,
            merge_edit: None,
            merge_saved: None,
            journal_failing: false,
            typing_noted: None,
        }
    }

    /// Turns on the edit journal, and keeps any unsaved work a crash left behind to offer.
    pub fn with_journal(mut self, untitled_dir: PathBuf) -> Self {
        self.journal_dir = Some(untitled_dir);
        self.find_recovery();
        self
    }

    /// Looks for unsaved work a crash left in this project's journals, to offer it: when the
    /// app starts on the project and whenever it is opened later (File > Open, Open recent).
    fn find_recovery(&mut self) {
        let Some(dir) = &self.journal_dir else {
            return;
        };
        let first = crate::store::journal_path(self.path.as_deref(), dir);
        for path in crate::store::journal_paths(&first).filter(|p| p.exists()) {
            // Locked by a copy that writes it (live work, not a crash's) or offers it already.
            let Some(claim) = crate::store::claim(&path) else {
                continue;
            };
            let Some(r) = Recovery::read_from(&claim, &path) else {
                continue;
            };
            if !r.has_changes() {
                let _ = std::fs::remove_file(&path);
            } else if self.recovery.is_none() {
                // One crash's work is offered at a time; the next open offers the next.
                self.recovery = Some(r);
                self.recovery_claim = Some(claim);
            }
        }
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn recovery(&self) -> Option<&Recovery> {
        self.recovery.as_ref()
    }

    /// Changes whenever the project does, including by undo.
    pub fn generation(&self) -> super::history::Generation {
        self.history.generation()
    }

    /// An untitled project nobody has edited has nothing to lose.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty() && !(self.path.is_none() && self.history.undo_len() == 0)
    }

    /// The file name, or the untitled name, for the window title.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => crate::fsio::file_name(p),
            None => format!("{} (sample)", self.untitled_name),
        }
    }

    /// A file name stem for save and export dialogs: the file's, else one made from the title.
    pub fn file_stem(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                let t: String = self
                    .project
                    .programme
                    .title
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == ' ')
                    .collect();
                t.trim().replace(' ', "-").to_lowercase()
            })
    }

    /// The folder of the project's file, where dialogs start.
    pub fn folder(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// Applies an undoable edit and journals it.
    pub fn edit(&mut self, edit: Edit, label: String) -> Applied {
        let mut problem = self.ensure_journal();
        let applied = self.journal.as_ref().map(|_| edit.clone());
        self.history.apply(&mut self.project, edit, label.clone());
        if let Some(edit) = applied {
            problem = problem.or(self.journal_append(Step::Edit, &label, &edit));
        }
        Applied {
            label,
            journal_problem: problem,
        }
    }

    /// Applies an edit joined to the last when that had the same label moments ago (see
    /// `History::apply_joined`), and journals it.
    pub fn edit_joined(&mut self, edit: Edit, label: String) -> Applied {
        let mut problem = self.ensure_journal();
        let applied = self.journal.as_ref().map(|_| edit.clone());
        let joined = self.history.apply_joined(&mut self.project, edit, label.clone());
        if let Some(edit) = applied {
            let step = if joined { Step::Join } else { Step::Edit };
            problem = problem.or(self.journal_append(step, &label, &edit));
        }
        Applied {
            label,
            journal_problem: problem,
        }
    }

    /// Sets the change log to one a merge made (mine's entries and a merged copy's). Like a
    /// save's entry it is not an edit, so undo leaves it as it is (see `Edit::Project`).
    pub fn set_change_log(&mut self, log: Vec<crate::model::ChangeLogEntry>) {
        self.project.change_log = log;
    }

    /// Undoes the last edit; `None` when there is nothing to undo, or undo stops at a merge.
    pub fn undo(&mut self) -> Option<Applied> {
        (!self.undo_stops_at_merge()).then(|| self.step(true)).flatten()
    }

    /// Crash recovery is short of the unsaved work: a journal write failed since the save.
    pub fn journal_failing(&self) -> bool {
        self.journal_failing
    }

    /// Undo has reached a merge of colleagues' changes that is saved in the file.
    pub fn undo_stops_at_merge(&self) -> bool {
        self.merge_saved == Some(self.history.generation())
    }

    /// Redoes the last undone edit; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Option<Applied> {
        self.step(false)
    }

    fn step(&mut self, undo: bool) -> Option<Applied> {
        let mut problem = self.ensure_journal();
        let (label, applied) = if undo {
            self.history.undo(&mut self.project)?
        } else {
            self.history.redo(&mut self.project)?
        };
        // The journal records which edit was undone or redone, so recovery lists only the net.
        let step = if undo { Step::Undo } else { Step::Redo };
        if self.journal.is_some() {
            problem = problem.or(self.journal_append(step, &label, &applied));
        }
        let label = format!("{} {label}", if undo { "Undid" } else { "Redid" });
        Some(Applied {
            label,
            journal_problem: problem,
        })
    }

    /// Where a save in `mode` writes, before anything is written.
    pub fn save_target(&mut self, mode: SaveMode) -> SaveTarget {
        // Their save, merged in and then undone, is theirs again: Save asks before replacing it.
        if let Some((merged, saved, fingerprint)) = self.disk_merge.take() {
            if self.history.descends_from(merged) {
                self.disk_merge = Some((merged, saved, fingerprint));
            } else {
                self.saved = *saved;
                self.disk_fingerprint = fingerprint;
            }
        }
        self.overwrite_chosen.set(mode == SaveMode::OverwriteChanged);
        match (&self.path, mode) {
            // Changed since read, or gone (moved, renamed or deleted): either way, ask.
            (Some(path), SaveMode::Current)
                if crate::store::fingerprint(path).map_or(self.disk_fingerprint.is_some(), |now| {
                    self.disk_fingerprint != Some(now)
                }) =>
            {
                SaveTarget::ChangedOnDisk
            }
            (Some(p), SaveMode::Current | SaveMode::OverwriteChanged) => SaveTarget::Path(p.clone()),
            _ => SaveTarget::Ask,
        }
    }

    /// The file name a save dialog suggests.
    pub fn suggested_name(&self) -> String {
        format!("{}.ron", self.file_stem())
    }

    /// The project as last opened or saved.
    pub fn saved(&self) -> &Project {
        &self.saved
    }

    /// Writes the project to `path`, which becomes its file, with a change-log entry (at `at`,
    /// by `author`) for what changed since it was last opened or saved, if anything did; on
    /// failure nothing changes. The entry is not an edit: undo leaves the log alone.
    pub fn save_to(&mut self, path: &Path, author: &str, at: String) -> crate::Result<()> {
        let logged = crate::review::change_log::record(&mut self.project, &self.saved, at, author).is_some();
        // The store checks, under the file's save lock, that the file is still the one we read
        // (the same check `save_target` made), unless the user chose to overwrite it.
        let own_file = self.path.as_deref() == Some(path) && !self.overwrite_chosen.replace(false);
        let expected = if own_file { self.disk_fingerprint } else { None };
        if let Err(e) = crate::store::save_project_if_unchanged(path, &self.project, expected) {
            if logged {
                self.project.change_log.pop();
            }
            return Err(e);
        }
        self.saved = self.project.clone();
        self.history.mark_saved();
        if let Some(g) = self.merge_edit.take().filter(|g| self.history.descends_from(*g)) {
            self.merge_saved = Some(g);
        }
        self.disk_merge = None;
        self.journal_failing = false;
        self.disk_fingerprint = crate::store::fingerprint(path);
        // The journal of an untitled project moves with it; either way its work is now saved.
        self.discard_journal();
        self.path = Some(path.to_path_buf());
        Ok(())
    }

    /// Merges the file as it now is on disk (someone else's save) into this copy's work, as
    /// one undoable edit: the base is the file as this copy last read or saved it. The file's
    /// state becomes the saved one, so Save then writes both without asking. `None` for an
    /// untitled project, which has no file.
    pub fn merge_from_disk(&mut self) -> Option<crate::Result<crate::merge::Merged>> {
        let path = self.path.clone()?;
        let before = crate::store::fingerprint(&path);
        let theirs = match crate::store::load_project(&path) {
            Ok(p) => p,
            Err(e) => return Some(Err(e)),
        };
        // Read between two looks at the file: a save landing meanwhile is merged next time.
        let fingerprint = crate::store::fingerprint(&path).filter(|f| Some(*f) == before);
        if crate::merge::is_another_programme(&theirs, &self.saved) {
            let what = format!("now holds another programme, {}", theirs.programme.name());
            let e = crate::InputError::new(&path, what).hint("use Save As to keep your work beside it");
            return Some(Err(e.into()));
        }
        // An older copy put back (by a sync client): the common ancestor is that copy.
        let base = if crate::merge::is_earlier_save(&theirs, &self.saved) {
            &theirs
        } else {
            &self.saved
        };
        let merged = crate::merge::merge(base, &self.project, &theirs);
        let log = merged.project.change_log.clone();
        if merged.project != self.project {
            self.edit(
                Edit::Project(Box::new(merged.project.clone())),
                "Merge the changes saved to the file".into(),
            );
            self.merge_edit = Some(self.history.generation());
        }
        self.project.change_log = log;
        let before = std::mem::replace(&mut self.saved, theirs);
        let fingerprint = std::mem::replace(&mut self.disk_fingerprint, fingerprint);
        self.disk_merge = Some((self.history.generation(), Box::new(before), fingerprint));
        Some(Ok(merged))
    }

    /// Replaces the document with another project, as New and Open do. Reached only once
    /// the user saved or chose not to, so the old journal is done with.
    pub fn replace(&mut self, project: Project, path: Option<PathBuf>) {
        self.discard_journal();
        let journal_dir = self.journal_dir.take();
        *self = Self::new(project, path);
        self.journal_dir = journal_dir;
        self.find_recovery();
    }
}

#[cfg(test)]
#[path = "document_tests.rs"]
mod tests;
