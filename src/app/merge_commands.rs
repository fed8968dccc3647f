//! File > Send a copy for editing…, File > Merge a colleague's copy… and resolving the
//! conflicts a merge leaves, through the same core as `htq-mapper send-copy` and `merge`
//! (`crate::merge`, `crate::model::resolve_conflict`). Each change is one undoable edit.

use std::path::Path;

use crate::fsio::file_name;
use crate::merge::{Merged, merge, recorded_base, recorded_of};
use crate::model::{Choice, resolve_conflict};
use crate::text::counted;

use super::HtqApp;
use super::command::MergeCommand;
use super::ui::merge_dialog::MergeDraft;

impl HtqApp {
    pub(super) fn apply_merge_command(&mut self, command: MergeCommand) {
        match command {
            MergeCommand::Apply => self.apply_merge(),
            MergeCommand::Cancel => {
                if self.state.merge.take().is_some() {
                    self.last_action = "Nothing was merged".into();
                }
            }
            MergeCommand::Resolve { id, choice } => self.resolve(&id, choice),
            MergeCommand::ShowConflicts(open) => self.show_conflicts(open),
        }
    }

    /// Writes a copy of the project as it is now, recording its content as the base the copy
    /// starts from, so merging it back needs nothing else.
    pub(super) fn send_copy_to(&mut self, path: &Path) {
        if self.doc.path() == Some(path) {
            self.fail(
                "Did not send a copy",
                "That is this project's own file. Choose another name for the copy.",
            );
            return;
        }
        let copy = crate::merge::send_copy(self.doc.project(), crate::model::now_stamp());
        match crate::store::save_project(path, &copy) {
            Ok(()) => {
                let unsaved = if self.doc.is_dirty() {
                    " It holds your unsaved changes: save the project too, so that merging the copy back finds them here."
                } else {
                    ""
                };
                self.last_action = format!(
                    "Wrote {}: send it for editing, then File > Merge a colleague's copy… brings it back.{unsaved}",
                    path.display()
                );
            }
            Err(e) => self.fail(format!("Could not write {}", file_name(path)), e),
        }
    }

    /// Reads a colleague's copy and the base it recorded, and shows what merging it would do;
    /// nothing changes until the summary's Merge.
    pub(super) fn prepare_merge(&mut self, path: &Path) {
        let title = format!("Did not merge {}", file_name(path));
        let theirs = match crate::store::load_project(path) {
            Ok(p) => p,
            Err(e) => {
                self.fail(format!("Could not merge {}", file_name(path)), e);
                return;
            }
        };
        let mine = self.doc.project();
        if !crate::review::comments::is_copy_of(&theirs, mine) {
            let message = format!(
                "{} is \"{}\", which shares no standard with this programme, \"{}\". Nothing was merged. Choose a colleague's copy of this programme.",
                path.display(),
                theirs.programme.title,
                mine.programme.title
            );
            self.fail(title, message);
            return;
        }
        let cli = format!(
            "htq-mapper merge \"{}\" \"{}\" --base BASE",
            self.doc
                .path()
                .map_or_else(|| "THIS.ron".into(), |p| p.display().to_string()),
            path.display()
        );
        let Some((side, recorded)) = recorded_of(mine, &theirs) else {
            let message = format!(
                "{} records no base: it was not made with File > Send a copy for editing… (or htq-mapper send-copy), so there is no telling whose each change is. Nothing was merged.\n\nAsk for a copy made with Send a copy for editing…, or merge on the command line, giving the file both copies started from as BASE:\n{cli}",
                file_name(path)
            );
            self.fail(title, message);
            return;
        };
        let sent = recorded.sent.clone();
        match recorded_base(recorded, mine, &theirs) {
            Ok(base) => {
                let draft = MergeDraft::new(path.to_path_buf(), theirs, base, side, sent, mine);
                self.last_action = format!("Merging {}: {}", file_name(path), draft.report.summary());
                self.state.merge = Some(draft);
            }
            Err(e) => {
                let message = format!(
                    "The base recorded in {} cannot be used: {e}. Nothing was merged.\n\nMerge on the command line, giving the file both copies started from as BASE:\n{cli}",
                    file_name(path)
                );
                self.fail(title, message);
            }
        }
    }

    /// The summary's Merge: the merge, worked out again on the project as it is now, applied
    /// as one undoable edit. A copy's sign-offs and comments come with it; its change log too,
    /// which (as a save's entry) undo leaves alone.
    fn apply_merge(&mut self) {
        let Some(draft) = self.state.merge.take() else {
            return;
        };
        let Merged { project, report } = merge(&draft.base, self.doc.project(), &draft.theirs);
        let name = file_name(&draft.path);
        if project == *self.doc.project() {
            self.last_action = format!("Nothing in {name} is new to this project");
            return;
        }
        let log = project.change_log.clone();
        let conflicts = project.merge_conflicts.len();
        let label = format!(
            "Merge {name} ({} in, {})",
            counted(report.theirs.len(), "change", "changes"),
            counted(report.conflicts.len(), "conflict", "conflicts")
        );
        self.edit_project(project, label);
        self.doc.set_change_log(log);
        if conflicts > 0 {
            self.last_action = format!(
                "{} · {} to resolve: the grid marks the cells with !, the inspector shows both sides (File > Merge conflicts… lists them all)",
                self.last_action,
                counted(conflicts, "merge conflict", "merge conflicts")
            );
        }
    }

    /// Settles one conflict as one undoable edit; Undo brings it back.
    fn resolve(&mut self, id: &str, choice: Choice) {
        // Text typed in the inspector counts first, so "Keep as edited" keeps it.
        self.flush_draft();
        let mut next = self.doc.project().clone();
        match resolve_conflict(&mut next, id, choice) {
            Ok(label) => {
                self.edit_project(next, label);
                // The inspector shows the resolved cell as it is now.
                self.state.inspector.draft = Default::default();
                if self.doc.project().merge_conflicts.is_empty() {
                    self.state.conflicts_open = false;
                }
            }
            Err(e) => self.fail("Could not resolve the merge conflict", e),
        }
    }

    pub(super) fn show_conflicts(&mut self, open: bool) {
        let n = self.doc.project().merge_conflicts.len();
        if open && n == 0 {
            self.last_action = "No merge conflicts: nothing to resolve".into();
            return;
        }
        self.state.conflicts_open = open;
    }
}
