//! The one place where the commands a frame pushed are applied, after the frame.
//! Edits go through the `Document`, so undo, redo and the journal see every one; the views
//! are refreshed once, after all of a frame's commands.

use crate::model::{Edit, Project, ops};

use super::HtqApp;
use super::cell_edits;
use super::command::Command;
use super::document::SaveMode;
use super::focus::FocusRequest;
use super::modal::Pending;

impl HtqApp {
    /// Applies the frame's commands, then refreshes the views if the project changed.
    pub(super) fn apply_commands(&mut self, ctx: &egui::Context) {
        if self.commands.is_empty() {
            return;
        }
        for c in std::mem::take(&mut self.commands) {
            self.apply(c, ctx);
        }
        // Once for the frame, unless a command already brought the views up to date.
        if self.views_at != self.doc.generation() {
            self.refresh();
        }
        ctx.request_repaint();
    }

    pub(super) fn edit(&mut self, edit: Edit, label: String) {
        let applied = self.doc.edit(edit, label);
        self.last_action = applied.message();
    }

    /// Applies a changed copy of the project as one undoable edit.
    pub(super) fn edit_project(&mut self, next: Project, label: String) {
        if next != *self.doc.project() {
            self.edit(Edit::Project(Box::new(next)), label);
        }
    }

    pub(super) fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Ui(cmd) => self.run_ui_command(cmd, ctx),
            Command::MapKsbs { module, ksbs, label } => {
                let cells = ops::map_ksbs(self.doc.project(), &module, &ksbs);
                let n = cells.len();
                if n == 0 {
                    self.last_action = format!("{label}: already mapped");
                } else {
                    self.edit(
                        Edit::Cells(cells),
                        if n > 1 { format!("{label} ({n} KSBs)") } else { label },
                    );
                }
            }
            Command::CycleCell { module, ksb } => {
                let project = self.doc.project();
                let (mut cell, verb) = ops::cycle_cell(project, &module, &ksb);
                let before = project.mapping(&module, &ksb).cloned();
                match (&before, &mut cell.mapping) {
                    // Round again to full: what the cycle took out comes back with it.
                    (None, Some(now)) => {
                        if let Some(off) = self
                            .state
                            .cycled_off
                            .take()
                            .filter(|m| m.module == module && m.ksb == ksb)
                        {
                            *now = crate::model::Mapping {
                                coverage: now.coverage,
                                ..off
                            };
                        }
                    }
                    (Some(_), None) => self.state.cycled_off = before.clone(),
                    _ => {}
                }
                self.edit(Edit::Cells(vec![cell]), format!("Set {module} × {} {verb}", ksb.code));
            }
            Command::SetCell {
                module,
                ksb,
                mapping,
                label,
            } => {
                if self.doc.project().mapping(&module, &ksb) != mapping.as_ref() {
                    let cell = crate::model::CellEdit { module, ksb, mapping };
                    self.edit(Edit::Cells(vec![cell]), label);
                }
            }
            Command::SetCells { cells, label } => {
                if !cells.is_empty() {
                    self.edit(Edit::Cells(cells), label);
                }
            }
            Command::DismissSuggestion { module, ksb, dismissed } => {
                let verb = if dismissed { "Dismiss" } else { "Restore" };
                let label = format!("{verb} the suggestion {module} × {}", ksb.code);
                self.edit(Edit::Dismiss { module, ksb, dismissed }, label);
            }
            Command::AcceptSuggestionsAbove { module, threshold } => {
                // The grid keeps a module's best few; this asks the engine for all of them.
                let project = self.doc.project();
                let options = crate::suggest::Options {
                    top: usize::MAX,
                    min_score: threshold,
                    ..Default::default()
                };
                let all = crate::suggest::suggest(project, &options);
                let list: Vec<&crate::suggest::Suggestion> = project
                    .module_index(&module)
                    .and_then(|i| all.by_module.get(i))
                    .map(|l| l.iter().collect())
                    .unwrap_or_default();
                match cell_edits::accept_command(project, &list) {
                    Some(accept) => self.apply(accept, ctx),
                    None => self.last_action = format!("No suggestion for {module} scores {threshold:.2} or more"),
                }
            }
            Command::SetSelection(coverage) => {
                let cells = cell_edits::selected_cells(self.doc.project(), &self.grid, &self.state.selection);
                self.apply(Command::SetCoverage { cells, coverage }, ctx);
            }
            Command::SetCoverage { cells, coverage } => {
                match cell_edits::set_cells_command(self.doc.project(), &cells, coverage) {
                    Some(set_cells) => self.apply(set_cells, ctx),
                    None => self.last_action = "Nothing to change in the selection".into(),
                }
            }
            Command::SetFlag { module, flag, on } => self.set_flag(module, flag, on, ctx),
            Command::Select { row, col, extend } => self.state.selection.select((row, col), extend),
            Command::FocusReason => {
                self.state.layout.show_inspector = true;
                self.state.focus = FocusRequest::Reason;
            }
            Command::FocusNote => {
                self.state.layout.show_inspector = true;
                self.state.focus = FocusRequest::Note;
            }
            Command::Focus(target) => self.focus(target),
            Command::ShowRoute(route) => self.state.grid.route = Some(route),
            Command::ReplaceProject { project, label } => self.edit_project(*project, label),
            Command::EditModules(draft) => self.edit_modules(&draft),
            Command::NoteModulesDraft(draft) => self.note_modules_draft(draft.as_deref()),
            Command::AddStandard(s) => self.add_standard(*s),
            Command::AddBundledStandard(reference) => {
                match crate::sample::bundled_standards()
                    .into_iter()
                    .find(|s| s.reference == reference)
                {
                    Some(s) => self.add_standard(s),
                    None => self.fail(
                        "Could not add the standard",
                        format!("{reference} is not a bundled standard"),
                    ),
                }
            }
            Command::AddCatalogueStandard(spec) => match crate::catalogue::resolve(&spec) {
                Some(s) => self.add_standard(s),
                None => self.fail(
                    "Could not add the standard",
                    format!("{spec} is not in the bundled catalogue"),
                ),
            },
            Command::SetTheme(theme) => ctx.set_theme(theme),
            Command::RemoveStandard(reference) => {
                let mut next = self.doc.project().clone();
                let mapped = next.mapping_count_of_standard(&reference);
                if ops::remove_standard(&mut next, &reference) {
                    // Said in the status line, with the way back: nothing asks first.
                    let label = format!(
                        "Remove standard {reference} and its {}",
                        crate::text::counted(mapped, "mapping", "mappings")
                    );
                    self.edit_project(next, label);
                    self.last_action.push_str(" (Undo brings them back)");
                }
            }
            Command::SetOccupationalOptions { standard, options } => {
                let mut next = self.doc.project().clone();
                if ops::set_occupational_options(&mut next, &standard, &options) {
                    let line = next
                        .standard(&standard)
                        .and_then(|s| crate::analysis::options::options_line(&next, s));
                    let label = match line {
                        Some(line) => format!("{standard}: {line}"),
                        None => format!("Choose options of {standard}"),
                    };
                    self.edit_project(next, label);
                }
            }
            Command::ImportStandardFrom(path) => self.import_standard(&path),
            Command::UpdateStandardFrom(path) => self.compare_standard(&path),
            Command::UpdateStandardTo(spec) => self.compare_catalogue_standard(&spec),
            Command::MigrateStandard { standard, drop } => self.migrate_standard(*standard, &drop),
            Command::CloseUpdate => self.state.update = None,
            Command::ImportTableFrom(path) => self.import_table(&path),
            Command::ImportDescriptorsFrom(path) => self.import_descriptors(&path),
            Command::OpenPath(path) => self.request(Pending::Open(Some(path)), ctx),
            Command::FileChosen { purpose, path } => self.file_chosen(purpose, path, ctx),
            Command::SaveThenContinue => self.save_then_continue(SaveMode::Current, ctx),
            Command::DiscardThenContinue => {
                if let Some(p) = self.pending.take() {
                    self.continue_with(p, ctx);
                }
            }
            Command::CancelPending => self.pending = None,
            Command::ReturnToComment => {
                self.pending = None;
                let pane = &mut self.state.comments;
                let (new, replies) = pane.unsent();
                let reply = replies.first().map(|id| id.to_string());
                if new.is_some() {
                    pane.focus_text = true;
                } else if let Some(id) = reply {
                    pane.selected = Some(id.clone());
                    pane.focus_reply = Some(id);
                    pane.scroll_to_selected = true;
                }
                self.state.layout.show_comments = true;
            }
            Command::DiscardComments => {
                self.state.comments.discard_unsent();
                // Unsaved changes are asked about next, as they would have been.
                if !self.doc.is_dirty()
                    && let Some(p) = self.pending.take()
                {
                    self.continue_with(p, ctx);
                }
            }
            Command::DismissError => self.error = None,
            Command::RestoreRecovery => {
                // A new generation: the views follow once the frame's commands are applied.
                if let Some(applied) = self.doc.restore_recovery() {
                    self.last_action = applied.message();
                }
                let withheld = self.doc.take_restore_withheld();
                if !withheld.is_empty() {
                    self.tell_withheld(&withheld);
                }
                self.reopen_modules_draft(ctx);
            }
            Command::DiscardRecovery => {
                if self.doc.discard_recovery() {
                    self.last_action = "Discarded the unsaved work from last time".into();
                }
            }
            Command::MergeOnDisk => {
                self.conflict = false;
                self.merge_from_disk(ctx);
            }
            Command::OverwriteOnDisk => {
                self.conflict = false;
                self.save_then_continue(SaveMode::OverwriteChanged, ctx);
            }
            Command::SaveAsInstead => {
                self.conflict = false;
                self.state.save_beside_theirs = true;
                self.save_then_continue(SaveMode::AskForPath, ctx);
            }
            Command::CancelConflict => {
                self.conflict = false;
                self.pending = None;
            }
            Command::ShowAbout(open) => self.state.about_open = open,
            Command::SetGridView(view) => self.set_grid_view(view),
            Command::SignOff { name, role, date } => self.add_sign_off(&name, &role, date),
            Command::Review(review) => self.apply_review(review),
            Command::Merge(merge) => self.apply_merge_command(merge),
            Command::ShowComparison(open) => {
                if let Some(v) = &mut self.state.compare {
                    v.window_open = open;
                }
            }
            Command::ShowChangeLog(open) => self.state.change_log_open = open,
            Command::FocusCell { module, ksb } => self.focus_cell(module, ksb),
        }
    }

    /// Marks the selection, or a module's covered KSBs, taught or assessed in one edit.
    fn set_flag(
        &mut self,
        module: Option<String>,
        flag: crate::model::MappingFlag,
        on: Option<bool>,
        ctx: &egui::Context,
    ) {
        let project = self.doc.project();
        let (cells, what) = match &module {
            Some(code) => (
                crate::model::module_cells(project, code),
                format!("covered KSBs of {code}"),
            ),
            None => (
                cell_edits::selected_cells(project, &self.grid, &self.state.selection),
                "cells".to_string(),
            ),
        };
        let on = on.unwrap_or_else(|| crate::model::toggle_turns_on(project, &cells, flag));
        match cell_edits::flag_command(project, &cells, flag, on, &what) {
            Ok((set_cells, left)) => {
                self.apply(set_cells, ctx);
                if let Some(left) = left {
                    self.last_action = format!("{} · {left}", self.last_action);
                }
            }
            Err(why) => self.last_action = why,
        }
    }

    /// Applies what the inspector and the modules editor hold unapplied, each as its own
    /// undoable edit, and brings the views up to date, so what runs next (a save, an export,
    /// an undo) sees it; true if it did.
    pub(super) fn flush_draft(&mut self) -> bool {
        let cell = self.flush_cell_draft();
        self.flush_modules_draft() || cell
    }

    /// The inspector's unapplied text: one cell's, or a range's shared reason.
    fn flush_cell_draft(&mut self) -> bool {
        let range = self.state.inspector.range_reason.command(self.doc.project());
        let range = if let Some(Command::SetCells { cells, label }) = range {
            self.edit(Edit::Cells(cells), label);
            self.refresh();
            true
        } else {
            false
        };
        let Some(Command::SetCell {
            module,
            ksb,
            mapping,
            label,
        }) = cell_edits::draft_command(self.doc.project(), &mut self.state.inspector.draft)
        else {
            return range;
        };
        if self.doc.project().mapping(&module, &ksb) == mapping.as_ref() {
            return range;
        }
        self.edit(
            Edit::Cells(vec![crate::model::CellEdit { module, ksb, mapping }]),
            label,
        );
        self.refresh();
        true
    }
}
