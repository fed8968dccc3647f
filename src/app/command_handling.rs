//! The one place where the commands a frame pushed are applied, after the frame.
//! Edits go through the `Document`, so undo, redo and the journal see every one.

use std::path::{Path, PathBuf};

use crate::analysis::Target;
use crate::model::{Award, Edit, IsoDate, KsbRef, Programme, Project, ops};

use super::HtqApp;
use super::command::Command;
use super::document::{Applied, SaveMode};
use super::file_picker::FilePurpose;
use super::state::FocusRequest;
use super::ui_command::UiCommand;

/// What to do once the unsaved-changes prompt is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Pending {
    New,
    Open(Option<PathBuf>),
    Close,
}

impl Pending {
    pub(crate) fn verb(&self) -> &'static str {
        match self {
            Pending::New => "start a new project",
            Pending::Open(_) => "open another project",
            Pending::Close => "close",
        }
    }
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl HtqApp {
    /// Applies the frame's commands, then refreshes the views if the project changed.
    pub(super) fn apply_commands(&mut self, ctx: &egui::Context) {
        if self.commands.is_empty() {
            return;
        }
        let before = self.doc.state();
        for c in std::mem::take(&mut self.commands) {
            self.apply(c, ctx);
        }
        if self.doc.state() != before {
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

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
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
                let (cell, verb) = ops::cycle_cell(self.doc.project(), &module, &ksb);
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
                match super::ui::suggestions::accept_command(project, &list) {
                    Some(accept) => self.apply(accept, ctx),
                    None => self.last_action = format!("No suggestion for {module} scores {threshold:.2} or more"),
                }
            }
            Command::SetSelection(coverage) => {
                let cells = super::ui::inspector::selected_cells(self.doc.project(), &self.grid, &self.state);
                match super::ui::inspector::set_cells_command(self.doc.project(), &cells, coverage) {
                    Some(set_cells) => self.apply(set_cells, ctx),
                    None => self.last_action = "Nothing to change in the selection".into(),
                }
            }
            Command::Select { row, col } => self.state.selected = Some((row, col)),
            Command::Focus(target) => self.focus(target),
            Command::ShowRoute(route) => self.state.route = Some(route),
            Command::ReplaceProject { project, label } => self.edit_project(*project, label),
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
                if ops::remove_standard(&mut next, &reference) {
                    self.edit_project(next, format!("Remove standard {reference}"));
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
            Command::DismissError => self.error = None,
            Command::RestoreRecovery => {
                if let Some(applied) = self.doc.restore_recovery() {
                    self.last_action = applied.message();
                    self.refresh();
                }
            }
            Command::DiscardRecovery => {
                if self.doc.discard_recovery() {
                    self.last_action = "Discarded the unsaved work from last time".into();
                }
            }
            Command::OverwriteOnDisk => {
                self.conflict = false;
                self.save_then_continue(SaveMode::OverwriteChanged, ctx);
            }
            Command::SaveAsInstead => {
                self.conflict = false;
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
            Command::ShowComparison(open) => {
                if let Some(v) = &mut self.state.compare {
                    v.window_open = open;
                }
            }
            Command::ShowChangeLog(open) => self.state.change_log_open = open,
            Command::FocusCell { module, ksb } => self.focus_cell(module, ksb),
        }
    }

    fn run_ui_command(&mut self, cmd: UiCommand, ctx: &egui::Context) {
        // Text typed in the inspector counts as done before anything else runs (a save above all).
        self.flush_draft();
        match cmd {
            UiCommand::New => self.request(Pending::New, ctx),
            UiCommand::Open => self.request(Pending::Open(None), ctx),
            UiCommand::Save => self.save(SaveMode::Current, FilePurpose::SaveProject, ctx),
            UiCommand::SaveAs => self.save(SaveMode::AskForPath, FilePurpose::SaveProjectAs, ctx),
            UiCommand::ImportStandard => self.ask_file(FilePurpose::ImportStandard, ctx),
            UiCommand::UpdateStandard => self.ask_file(FilePurpose::UpdateStandard, ctx),
            UiCommand::Export => self.ask_file(FilePurpose::ExportReport, ctx),
            UiCommand::ImportModules => self.ask_file(FilePurpose::ImportModules, ctx),
            UiCommand::ImportMatrix => self.ask_file(FilePurpose::ImportMatrix, ctx),
            UiCommand::ImportDescriptors => self.ask_file(FilePurpose::ImportDescriptors, ctx),
            UiCommand::Undo => {
                self.last_action = self.doc.undo().map_or("Nothing to undo".into(), Applied::message);
                // The inspector reloads what undo left, even while its field has the keyboard.
                self.state.cell_draft = Default::default();
            }
            UiCommand::Redo => {
                self.last_action = self.doc.redo().map_or("Nothing to redo".into(), Applied::message);
                self.state.cell_draft = Default::default();
            }
            UiCommand::Find => self.state.focus_search = true,
            UiCommand::EditModules => {
                if self.state.modules_editor.is_none() {
                    self.state.modules_editor = Some(super::ui::modules_editor::ModulesEditor::new(self.doc.project()));
                }
            }
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Inspect => {
                self.state.layout.show_inspector = true;
                self.state.focus = FocusRequest::Inspector;
                if self.state.selected.is_none() && self.grid.rows() > 0 && !self.grid.columns.is_empty() {
                    self.state.selected = Some((0, 0));
                }
            }
            UiCommand::CommandPalette => self.state.palette = Some(Default::default()),
            UiCommand::AddFromCatalogue => {
                self.state.catalogue = Some(super::ui::catalogue_dialog::CatalogueDialog::open());
            }
            UiCommand::ToggleStandardsPanel => {
                self.state.layout.show_standards ^= true;
            }
            UiCommand::ToggleCoveragePanel => {
                self.state.layout.show_coverage ^= true;
            }
            UiCommand::ToggleInspector => {
                self.state.layout.show_inspector ^= true;
            }
            UiCommand::GapsOnly => {
                self.state.layout.gaps_only ^= true;
                self.refresh_grid();
                self.last_action = if self.state.layout.gaps_only {
                    "Showing gaps only: KSBs, duties and findings that need work".into()
                } else {
                    "Showing everything".into()
                };
            }
            UiCommand::CycleGridView => self.set_grid_view(self.state.layout.grid_view.next()),
            UiCommand::ToggleSuggestions => {
                self.state.layout.show_suggestions ^= true;
                self.refresh_suggestions();
                self.last_action = if self.state.layout.show_suggestions {
                    format!("Showing {} suggestions (hollow cells marked s)", self.suggestions.len())
                } else {
                    "Suggestions hidden".into()
                };
            }
            UiCommand::ToggleAllOutcomes => {
                let open = !super::ui::all_expanded(self.doc.project(), &self.state);
                let with: Vec<String> = (self.doc.project().modules.iter())
                    .filter(|m| !m.outcomes.is_empty())
                    .map(|m| m.code.clone())
                    .collect();
                for code in &with {
                    self.state.set_expanded(code, open);
                }
                self.last_action = if open {
                    format!("Showing the learning outcomes of {} modules", with.len())
                } else {
                    "Learning outcomes hidden".into()
                };
            }
            UiCommand::About => self.state.about_open = true,
            UiCommand::SignOff => {
                let dialog = super::ui::sign_off::SignOffDialog::new(&self.state.layout.author, IsoDate::today());
                self.state.sign_off = Some(dialog);
            }
            UiCommand::SignOffs => self.state.sign_offs_open ^= true,
            UiCommand::ToggleComments
            | UiCommand::CommentOnFocused
            | UiCommand::CommentOnProgramme
            | UiCommand::NextComment
            | UiCommand::PreviousComment
            | UiCommand::YourName
            | UiCommand::MergeComments => self.run_review_ui_command(cmd, ctx),
            UiCommand::CompareWith => self.ask_file(FilePurpose::CompareProject, ctx),
            UiCommand::ShowComparison => self.apply(Command::ShowComparison(true), ctx),
            UiCommand::HighlightChanges => self.toggle_change_highlight(),
            UiCommand::ClearComparison => self.clear_comparison(),
            UiCommand::ChangeLog => self.state.change_log_open = true,
            UiCommand::NextPane => self.move_pane(ctx, 1),
            UiCommand::PreviousPane => self.move_pane(ctx, -1),
        }
    }

    /// Moves the keyboard to the next shown pane: standards list, grid, inspector.
    fn move_pane(&mut self, ctx: &egui::Context, step: isize) {
        let l = &self.state.layout;
        let shown = [l.show_standards, true, l.show_inspector];
        let in_grid = ctx.memory(|m| m.has_focus(super::ui::grid::grid_focus_id()));
        let inspector = [super::ui::inspector::NOTE_ID, super::ui::inspector::REASON_ID]
            .iter()
            .any(|id| ctx.memory(|m| m.has_focus(egui::Id::unique(*id))));
        let something_focused = ctx.memory(|m| m.focused().is_some());
        let mut pane: isize = if in_grid {
            1
        } else if inspector {
            2
        } else if let Some(p) = self.state.last_pane.filter(|_| something_focused) {
            p as isize
        } else if step > 0 {
            -1
        } else {
            3
        };
        for _ in 0..3 {
            pane = (pane + step).rem_euclid(3);
            if shown[pane as usize] {
                break;
            }
        }
        self.state.last_pane = Some(pane as usize);
        match pane {
            0 => self.state.panel_focus = true,
            1 => self.state.focus = FocusRequest::Grid,
            _ => self.state.focus = FocusRequest::Inspector,
        }
    }

    /// Applies the inspector's unapplied text, as its own undoable edit.
    pub(super) fn flush_draft(&mut self) {
        if let Some(Command::SetCell {
            module,
            ksb,
            mapping,
            label,
        }) = super::ui::inspector::draft_command(self.doc.project(), &mut self.state.cell_draft)
            && self.doc.project().mapping(&module, &ksb) != mapping.as_ref()
        {
            let before = self.doc.state();
            self.edit(
                Edit::Cells(vec![crate::model::CellEdit { module, ksb, mapping }]),
                label,
            );
            if self.doc.state() != before {
                self.refresh();
            }
        }
    }

    /// Runs `p` now, or first asks about unsaved changes.
    fn request(&mut self, p: Pending, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            self.pending = Some(p);
        } else {
            self.continue_with(p, ctx);
        }
    }

    pub(super) fn continue_with(&mut self, p: Pending, ctx: &egui::Context) {
        match p {
            Pending::New => {
                let project = Project::new(Programme {
                    title: "Untitled programme".into(),
                    award: Award::FdSc,
                    awarding_body: String::new(),
                    level: 5,
                    total_credits: 240,
                    standards: Vec::new(),
                    occupational_options: Default::default(),
                });
                self.replace_document(project, None);
                self.last_action = "New project".into();
            }
            Pending::Open(path) => {
                let Some(path) = path.or_else(|| self.pick(FilePurpose::OpenProject)) else {
                    return;
                };
                match crate::store::load_project(&path) {
                    Ok(project) => {
                        self.recent.add(&path);
                        self.replace_document(project, Some(path.clone()));
                        self.last_action = format!("Opened {}", path.display());
                    }
                    Err(e) => {
                        if matches!(e, crate::Error::Io { .. }) {
                            self.recent.remove(&path);
                        }
                        self.fail(format!("Could not open {}", file_name(&path)), e);
                    }
                }
            }
            Pending::Close => {
                self.doc.discard_journal();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Scrolls the grid to what a finding is about, and highlights it.
    pub(super) fn focus(&mut self, target: Target) {
        let project = self.doc.project();
        let row = |code: &str| project.module_index(code);
        let col = |k: &KsbRef| self.grid.column_of(k);
        self.state.scroll_to = match &target {
            Target::Module(m) => Some((row(m), None)),
            Target::Ksb(k) => Some((None, col(k))),
            Target::Cell { module, ksb } => Some((row(module), col(ksb))),
            Target::Duty(d) => project
                .duty(d)
                .and_then(|duty| duty.ksbs.first())
                .map(|c| (None, col(&KsbRef::new(d.standard.clone(), *c)))),
            Target::Programme | Target::Standard(_) => None,
        };
        self.state.highlight = Some(target);
        self.state.route = None;
    }
}

impl super::HtqApp {
    /// Adds a sign-off of the mapping as it is now, as one undoable edit. The name becomes
    /// the reviewer's name in preferences when none was set.
    fn add_sign_off(&mut self, name: &str, role: &str, date: IsoDate) {
        let mut next = self.doc.project().clone();
        let sign_off = crate::review::signoff::sign(&next, name, role, date);
        let label = format!(
            "Sign off as {} ({role}), content hash {}…",
            sign_off.name,
            sign_off.hash.get(..8).unwrap_or_default()
        );
        next.sign_offs.push(sign_off);
        self.edit_project(next, label);
        if self.state.layout.author.trim().is_empty() {
            self.state.layout.author = name.trim().to_string();
        }
    }

    fn set_grid_view(&mut self, view: super::state::GridView) {
        self.state.layout.grid_view = view;
        self.last_action = format!("The grid shows: {}", view.label().to_lowercase());
    }
}
