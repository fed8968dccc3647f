//! The modules editor's commands: its draft applied as an edit, journalled while it cannot be,
//! flushed before anything that reads the project, and reopened after a crash.

use super::HtqApp;
use crate::model::{DraftEdit, ProgrammeDraft};

impl HtqApp {
    /// Makes the project what the draft says, as one undoable edit, and tells the editor.
    pub(super) fn edit_modules(&mut self, draft: &ProgrammeDraft) {
        match draft.edit_for(self.doc.project()) {
            Ok(Some(DraftEdit { edit, label })) => {
                self.last_action = self.doc.edit_joined(edit, label).message();
            }
            Ok(None) => {}
            // The editor shows the problems; it sends only valid drafts.
            Err(_) => return,
        }
        let now = self.doc.generation();
        let noted = self.state.modules_editor.as_mut().is_some_and(|e| e.settled(now));
        if noted {
            self.note_modules_draft(None);
        }
    }

    /// After an undo or redo: the editor shows the project as it now is.
    pub(super) fn reload_modules_editor(&mut self) {
        let now = self.doc.generation();
        let noted = self
            .state
            .modules_editor
            .as_mut()
            .is_some_and(|e| e.reload(self.doc.project(), now));
        if noted {
            self.note_modules_draft(None);
        }
    }

    /// Journals the editor's unapplied draft, or that it has none.
    pub(super) fn note_modules_draft(&mut self, draft: Option<&ProgrammeDraft>) {
        if let Some(problem) = self.doc.note_draft(draft) {
            self.last_action = problem;
        }
    }

    /// Applies what the editor holds and can apply; true if it did.
    pub(super) fn flush_modules_draft(&mut self) -> bool {
        let Some(draft) = self
            .state
            .modules_editor
            .as_ref()
            .filter(|e| e.has_unapplied() && e.draft.validate().is_empty())
            .map(|e| e.draft.clone())
        else {
            return false;
        };
        let before = self.doc.generation();
        self.edit_modules(&draft);
        let changed = self.doc.generation() != before;
        if changed {
            self.refresh();
        }
        changed
    }

    /// After restoring a crashed session: the editor opens on the draft it held unapplied.
    pub(super) fn reopen_modules_draft(&mut self, ctx: &egui::Context) {
        if let Some(draft) = self.doc.take_restored_draft() {
            // The keyboard goes to the first row with something to fix.
            let row = draft.validate().iter().find_map(|p| p.row());
            let mut editor =
                super::ui::modules_editor::ModulesEditor::with_draft(draft, self.doc.project(), self.doc.generation());
            editor.focus_code = row;
            editor.details_of = row.unwrap_or(0);
            self.state.modules_editor = Some(editor);
            super::focus::release_grid_keys(ctx);
            self.last_action = "Restored the modules editor's unapplied changes: they are open in the editor".into();
        }
    }
}
