//! What the modules editor holds between frames, and when its draft becomes an edit. A valid
//! draft is applied as soon as the user leaves a field or pauses in one; a draft that cannot be
//! applied yet (a new row without its code) is journalled, so a crash keeps it either way.

use crate::app::command::Command;
use crate::app::history::Generation;
use crate::model::{ProgrammeDraft, Project};

/// A pause in typing this long applies what was typed.
const APPLY_AFTER_PAUSE: f64 = 0.6;
/// At most this often is an unapplied draft journalled while it changes.
const NOTE_EVERY: f64 = 0.3;

#[derive(Clone, Debug)]
pub struct ModulesEditor {
    pub draft: ProgrammeDraft,
    /// The draft as the project holds it now.
    applied: ProgrammeDraft,
    /// The draft as last journalled, while one is.
    noted: Option<ProgrammeDraft>,
    noted_at: f64,
    /// The widget with the keyboard at the end of the last frame.
    focused_before: Option<egui::Id>,
    /// The draft at the end of the last frame, and when it last changed.
    last_frame: ProgrammeDraft,
    changed_at: f64,
    /// The project state the draft was made from: another edit (an undo) reloads it.
    seen: Generation,
    /// The row whose description, outcomes and assessments are shown.
    pub details_of: usize,
    /// The page scrolls to the details next frame (Details was pressed).
    pub show_details: bool,
    /// A text field of the editor has the keyboard, or a value is being dragged: the edit
    /// waits for a pause, so one word is one step in the Edit menu, not one per letter.
    pub typing: bool,
    /// The code field of this row takes the keyboard next frame (a row just added).
    pub focus_code: Option<usize>,
    /// The text of an outcome or the title of an assessment just added takes the keyboard.
    pub focus_detail: Option<DetailFocus>,
    /// Closing was asked while the draft cannot be applied: the choice is on show.
    pub confirm_close: bool,
    /// Delete was pressed on this outcome (row, code), which carries mapped KSBs or an
    /// assessment: it asks before it goes.
    pub confirm_outcome: Option<(usize, String)>,
    /// Delete was pressed on this row, whose module has mappings, outcomes or assessments: it
    /// asks before it goes.
    pub confirm_module: Option<usize>,
    /// The keyboard goes to the asking row's Keep next frame.
    pub focus_keep: bool,
    /// The page opens at its top, not where an earlier opening was scrolled to: the keyboard
    /// goes to the first field in view, which must be the programme's title, not a module's code.
    pub at_top: bool,
}

/// A field of the details that takes the keyboard next frame, by its place in its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailFocus {
    /// Details was pressed: the keyboard follows the page to the description.
    Description,
    Outcome(usize),
    Assessment(usize),
}

impl ModulesEditor {
    pub fn new(project: &Project, seen: Generation) -> Self {
        Self::with_draft(ProgrammeDraft::from_project(project), project, seen)
    }

    /// The editor on a draft other than the project's: one a crash left unapplied.
    pub fn with_draft(draft: ProgrammeDraft, project: &Project, seen: Generation) -> Self {
        let applied = ProgrammeDraft::from_project(project);
        Self {
            last_frame: draft.clone(),
            draft,
            applied,
            noted: None,
            noted_at: f64::NEG_INFINITY,
            changed_at: 0.0,
            seen,
            details_of: 0,
            show_details: false,
            typing: false,
            focused_before: None,
            focus_code: None,
            focus_detail: None,
            confirm_close: false,
            confirm_outcome: None,
            confirm_module: None,
            focus_keep: false,
            at_top: true,
        }
    }

    /// Whether the draft holds anything the project does not.
    pub fn has_unapplied(&self) -> bool {
        self.draft != self.applied
    }

    /// The project changed under the editor (a grid edit, an import): what the user has typed
    /// and not yet applied stays, measured against the project as it now is; with nothing
    /// unapplied, the editor shows the project.
    pub fn follow(&mut self, project: &Project, now: Generation, commands: &mut Vec<Command>) {
        if self.seen == now {
            return;
        }
        if self.has_unapplied() {
            let applied = ProgrammeDraft::from_project(project);
            self.draft = self.draft.rebase(&self.applied, applied.clone());
            self.applied = applied;
            self.seen = now;
            return;
        }
        if self.reload(project, now) {
            commands.push(Command::NoteModulesDraft(None));
        }
    }

    /// Undo or redo: the editor shows the project as it now is, and a draft that could not be
    /// applied is given up, as the undo asked. True when a journalled draft is to be marked done.
    pub fn reload(&mut self, project: &Project, now: Generation) -> bool {
        let details_of = self.details_of;
        let noted = self.noted.is_some();
        *self = Self::new(project, now);
        self.details_of = details_of;
        noted
    }

    /// A save took the journal and the draft noted in it: the draft is noted again next frame.
    pub fn forget_noted(&mut self) {
        self.noted = None;
        self.noted_at = f64::NEG_INFINITY;
    }

    /// Whether the keyboard left a widget this frame (Tab, a click elsewhere): the value typed
    /// there is finished.
    pub fn field_left(&mut self, focused: Option<egui::Id>) -> bool {
        let left = self.focused_before.is_some() && self.focused_before != focused;
        self.focused_before = focused;
        left
    }

    /// After the frame: the command that applies the draft, or journals it, if one is due. A
    /// field just `left` holds a finished value: it is applied, or journalled, at once, so a
    /// crash a moment after Tab loses none of it.
    pub fn due(&mut self, now: f64, valid: bool, left: bool) -> Option<Command> {
        if self.draft != self.last_frame {
            self.last_frame = self.draft.clone();
            self.changed_at = now;
        }
        if !self.has_unapplied() {
            return self.noted.take().map(|_| Command::NoteModulesDraft(None));
        }
        if valid && (left || !self.typing || now - self.changed_at >= APPLY_AFTER_PAUSE) {
            return Some(Command::EditModules(Box::new(self.draft.clone())));
        }
        if self.noted.as_ref() != Some(&self.draft) && (left || now - self.noted_at >= NOTE_EVERY) {
            self.noted = Some(self.draft.clone());
            self.noted_at = now;
            return Some(Command::NoteModulesDraft(Some(Box::new(self.draft.clone()))));
        }
        None
    }

    /// How long until `due` may have something to do, to wake the frame without input.
    pub fn wake_in(&self) -> Option<f64> {
        self.has_unapplied()
            .then_some(if self.typing { APPLY_AFTER_PAUSE } else { NOTE_EVERY })
    }

    /// The draft is now the project, at `seen`: each row names its module as it now is. True
    /// when a journalled draft is to be marked done.
    pub fn settled(&mut self, seen: Generation) -> bool {
        self.draft.settle();
        self.applied = self.draft.clone();
        self.last_frame = self.draft.clone();
        self.seen = seen;
        self.noted.take().is_some()
    }

    /// Closing with a valid draft: what applies the rest of it and marks the journal done.
    pub fn closing(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        if self.has_unapplied() {
            out.push(Command::EditModules(Box::new(self.draft.clone())));
        }
        if self.noted.take().is_some() {
            out.push(Command::NoteModulesDraft(None));
        }
        out
    }

    /// The draft is given up (closing without applying it): true when it was journalled.
    pub fn discard(&mut self) -> bool {
        self.draft = self.applied.clone();
        self.noted.take().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModuleRow;

    fn editor() -> (ModulesEditor, Project) {
        let p = crate::sample::sample_project().unwrap();
        let g = crate::app::history::History::new_saved().generation();
        (ModulesEditor::new(&p, g), p)
    }

    #[test]
    fn typing_waits_for_a_pause_and_leaving_the_field_applies_at_once() {
        let (mut e, _) = editor();
        assert!(e.due(0.0, true, false).is_none(), "nothing typed, nothing due");
        e.draft.rows[0].title.push('X');
        e.typing = true;
        let noted = e.due(1.0, true, false);
        assert!(
            matches!(noted, Some(Command::NoteModulesDraft(Some(_)))),
            "still typing: journalled, not applied"
        );
        assert!(matches!(
            e.due(1.0 + APPLY_AFTER_PAUSE, true, false),
            Some(Command::EditModules(_))
        ));
        e.draft.rows[0].title.push('Y');
        e.typing = false;
        assert!(
            matches!(e.due(3.0, true, false), Some(Command::EditModules(_))),
            "focus left the field"
        );
    }

    #[test]
    fn an_invalid_draft_is_journalled_not_applied_and_settles() {
        let (mut e, _) = editor();
        e.draft.rows.push(ModuleRow::new(None));
        e.typing = true;
        let noted = e.due(5.0, false, false);
        assert!(matches!(noted, Some(Command::NoteModulesDraft(Some(_)))));
        assert!(e.due(5.1, false, false).is_none(), "unchanged: journalled once");
        e.draft.rows.last_mut().unwrap().code.push('H');
        assert!(e.due(5.2, false, false).is_none(), "not more often than NOTE_EVERY");
        assert!(matches!(
            e.due(5.01 + NOTE_EVERY, false, false),
            Some(Command::NoteModulesDraft(Some(_)))
        ));
        assert!(e.discard(), "the journalled draft is marked done when given up");
        assert!(!e.has_unapplied());
    }

    /// Tab from Level to Credits keeps a field typing, yet the level is finished: a tester's
    /// crash 0.2 s after it lost the level and credits typed.
    #[test]
    fn tab_to_the_next_field_applies_or_journals_at_once() {
        let (mut e, _) = editor();
        let (a, b) = (egui::Id::unique("level"), egui::Id::unique("credits"));
        assert!(!e.field_left(Some(a)));
        e.draft.rows[0].title.push('X');
        e.typing = true;
        let _ = e.due(1.0, true, false);
        e.draft.rows[0].title.push('Y');
        assert!(e.field_left(Some(b)), "the keyboard moved on");
        assert!(matches!(e.due(1.05, true, true), Some(Command::EditModules(_))));
        // A draft that cannot be applied yet is journalled at once, however soon after the last.
        e.draft.rows.push(ModuleRow::new(None));
        let _ = e.due(2.0, false, false);
        e.draft.rows.last_mut().unwrap().code.push('H');
        assert!(e.due(2.05, false, false).is_none());
        assert!(matches!(
            e.due(2.06, false, true),
            Some(Command::NoteModulesDraft(Some(_)))
        ));
    }
}
