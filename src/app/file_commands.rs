//! Commands that read or write files: open, save, export and the imports, applied after the
//! frame like every other command (see `command_handling.rs`).

use std::path::{Path, PathBuf};

use crate::import::TableInput;
use crate::import::module_list::ModuleList;
use crate::model::{Edit, Mapping, Project, ops};

use super::HtqApp;
use super::document::{SaveMode, SaveTarget};
use super::file_picker::{FilePurpose, Picked};
use super::modal::Pending;
use super::ui::file_dialog::FileDialog;
use crate::fsio::file_name;
use crate::model::{Award, Programme};

impl HtqApp {
    pub(super) fn replace_document(&mut self, project: Project, path: Option<PathBuf>) {
        self.doc.replace(project, path);
        let layout = std::mem::take(&mut self.state.layout);
        self.state = super::state::UiState {
            layout,
            ..Default::default()
        };
        self.refresh();
    }

    /// Asks for a file with the desktop dialog, then does what `purpose` says with it. Where
    /// there is no desktop dialog, the app's own opens, and `FileChosen` comes back later.
    pub(super) fn ask_file(&mut self, purpose: FilePurpose, ctx: &egui::Context) {
        if let Some(path) = self.pick(purpose) {
            self.file_chosen(purpose, path, ctx);
        }
    }

    /// A path from the desktop dialog; `None` if cancelled or if the app's own dialog opened.
    pub(super) fn pick(&mut self, purpose: FilePurpose) -> Option<PathBuf> {
        let kind = purpose.kind();
        let suggested = match purpose {
            FilePurpose::ExportReport => Some(format!("{}.{}", self.doc.file_stem(), kind.default_extension())),
            // Never the project's own name: the copy must not replace it.
            FilePurpose::SendCopy => Some(format!("{}-copy.ron", self.doc.file_stem())),
            // After "The file changed on disk": beside theirs, never over it.
            p if p.saves() && std::mem::take(&mut self.state.save_beside_theirs) => {
                Some(format!("{}-my-changes.ron", self.doc.file_stem()))
            }
            p if p.saves() => Some(self.doc.suggested_name()),
            _ => None,
        };
        let folder = self.doc.folder().map(|f| super::file_listing::start_folder(Some(f)));
        let picked = match &suggested {
            Some(name) => self.picker.pick_save(kind, name, folder.as_deref()),
            None => self.picker.pick_open(kind),
        };
        match picked {
            Picked::Chosen(path) => Some(path),
            Picked::Cancelled => None,
            Picked::Unavailable(why) => {
                let folder = super::file_listing::start_folder(folder.as_deref().or(self.last_folder.as_deref()));
                self.state.file_dialog = Some(FileDialog::new(purpose, folder, suggested.as_deref()));
                if let Some(why) = why {
                    self.last_action = why.into();
                }
                None
            }
        }
    }

    /// Does what a file dialog was asked for, whichever dialog gave the path.
    pub(super) fn file_chosen(&mut self, purpose: FilePurpose, path: PathBuf, ctx: &egui::Context) {
        // As for a menu command: text typed in the inspector is saved with the rest.
        self.flush_draft();
        if let Some(folder) = path.parent() {
            self.last_folder = Some(folder.to_path_buf());
        }
        match purpose {
            FilePurpose::OpenProject => self.continue_with(Pending::Open(Some(path)), ctx),
            // Save As onto the project's own file is a save: a colleague's save since is asked
            // about (merge, or not), not refused in the command line's words.
            FilePurpose::SaveProject | FilePurpose::SaveProjectAs | FilePurpose::SaveThenContinue
                if self.doc.path() == Some(path.as_path()) =>
            {
                self.save(SaveMode::Current, purpose, ctx);
            }
            FilePurpose::SaveProject | FilePurpose::SaveProjectAs | FilePurpose::SaveThenContinue => {
                self.save_to(path, purpose, ctx);
            }
            FilePurpose::ImportStandard => self.import_standard(&path),
            FilePurpose::UpdateStandard => self.compare_standard(&path),
            FilePurpose::ImportModules => self.import_modules(&path),
            FilePurpose::ImportMatrix => self.import_matrix(&path),
            FilePurpose::ImportDescriptors => self.import_descriptors(&path),
            FilePurpose::ExportReport => self.export_to(&path),
            FilePurpose::OpenPortfolio => self.open_portfolio(path),
            FilePurpose::UpdateCatalogue => self.update_catalogue(&path),
            FilePurpose::MergeComments => self.merge_comments_from(&path),
            FilePurpose::CompareProject => self.compare_with(&path),
            FilePurpose::MergeCopy => self.prepare_merge(&path),
            FilePurpose::SendCopy => self.send_copy_to(&path),
        }
    }

    /// Saves as `mode` says; when a dialog must ask for the path, `purpose` says what follows.
    pub(super) fn save(&mut self, mode: SaveMode, purpose: FilePurpose, ctx: &egui::Context) {
        match self.doc.save_target(mode) {
            SaveTarget::ChangedOnDisk => self.conflict = true,
            SaveTarget::Path(path) => self.save_to(path, purpose, ctx),
            SaveTarget::Ask => self.ask_file(purpose, ctx),
        }
    }

    /// Writes the project to `path` and reports it; after a save the unsaved-changes prompt
    /// asked for, goes on with what it was waiting for.
    pub(super) fn save_to(&mut self, path: PathBuf, purpose: FilePurpose, ctx: &egui::Context) {
        let at = crate::model::now_stamp();
        let saved = match self.doc.save_to(&path, &self.state.layout.author, at) {
            Ok(()) => {
                self.recent.add(&path);
                self.last_action = format!("Saved {}", path.display());
                // The save took the journal, and with it the editor's unapplied draft: note it again.
                if let Some(e) = self.state.modules_editor.as_mut() {
                    e.forget_noted();
                    if e.has_unapplied() {
                        self.last_action = format!(
                            "Saved {}, without the modules editor's changes: fix its problems to apply them",
                            path.display()
                        );
                    }
                }
                true
            }
            Err(e) => {
                self.fail(
                    format!("Could not save {}", file_name(&path)),
                    format!("{e}\nNothing was written to the file; your unsaved changes are still in the app."),
                );
                false
            }
        };
        if saved
            && purpose == FilePurpose::SaveThenContinue
            && let Some(p) = self.pending.take()
        {
            self.continue_with(p, ctx);
        }
    }

    /// "The file changed on disk": their save merged into this copy's work, then saved when
    /// nothing conflicts; conflicts stay for the user to settle before saving.
    pub(super) fn merge_from_disk(&mut self, ctx: &egui::Context) {
        self.flush_draft();
        match self.doc.merge_from_disk() {
            None => {}
            Some(Err(e)) => {
                self.pending = None;
                self.fail("Could not merge the file's changes", e);
            }
            Some(Ok(merged)) => {
                self.refresh();
                let conflicts = merged.report.conflicts.len();
                let summary = merged.report.summary();
                if !merged.report.withheld.is_empty() {
                    // Saving now would replace their copy with one that leaves their changes out:
                    // the user decides, knowing.
                    self.pending = None;
                    self.tell_withheld(&merged.report.withheld);
                    self.last_action = format!("Merged the file's changes in part ({summary}): not saved");
                } else if conflicts == 0 {
                    self.save_then_continue(SaveMode::Current, ctx);
                    self.last_action = format!("Merged the file's changes ({summary}) · {}", self.last_action);
                } else {
                    // Whatever was waiting (a close) waits for the conflicts to be settled.
                    self.pending = None;
                    // Short enough for the status bar at 1280 px: the rest is in the inspector.
                    self.last_action = format!(
                        "Merged the file's changes: settle {} (marked ! on the grid), then save",
                        crate::text::counted(conflicts, "conflict", "conflicts")
                    );
                }
            }
        }
    }

    /// Says what a merge with the file's later save left out (a standard it moved back), and
    /// that Save would replace that file: the user decides, knowing.
    pub(super) fn tell_withheld(&mut self, withheld: &[String]) {
        let said: Vec<String> = withheld
            .iter()
            .map(|w| w.replace("`htq-mapper compare MINE THEIRS` lists", "File > Compare with… lists"))
            // In the app "theirs" is the file as saved since: by a colleague or by a command.
            .map(|w| match w.strip_prefix("theirs moved ") {
                Some(rest) => format!("The file's later save moved {rest}"),
                None => w,
            })
            .collect();
        self.fail(
            "Some of the file's changes were not merged",
            format!(
                "{}\n\nNothing is saved yet. Save replaces the file on disk with your copy (theirs is kept as its .bak, once); to leave their file as it is, use File > Save As… for yours.",
                said.join("\n\n")
            ),
        );
    }

    /// Saves, then does what the unsaved-changes prompt was waiting for.
    pub(super) fn save_then_continue(&mut self, mode: SaveMode, ctx: &egui::Context) {
        self.save(mode, FilePurpose::SaveThenContinue, ctx);
    }

    pub(super) fn export_to(&mut self, path: &Path) {
        match crate::report::write_report(path, self.doc.project(), &self.analysis, crate::model::IsoDate::today()) {
            Ok(crate::store::Kept::AsBackup) => {
                self.last_action = format!(
                    "Exported {}; the file it replaced is kept as {}",
                    path.display(),
                    file_name(&crate::store::backup_path(path))
                );
            }
            Ok(_) => self.last_action = format!("Exported {}", path.display()),
            Err(e) => self.fail(format!("Could not export {}", file_name(path)), e),
        }
    }

    pub(super) fn add_standard(&mut self, s: crate::model::Standard) {
        let label = format!("Add standard {}", s.reference);
        let mut next = self.doc.project().clone();
        match ops::add_standard(&mut next, s) {
            Ok(()) => self.edit_project(next, label),
            Err(e) => self.fail("Could not add the standard", e),
        }
    }

    pub(super) fn import_standard(&mut self, path: &Path) {
        match crate::import::read_standards(path) {
            Ok(list) => {
                for i in list {
                    self.add_standard(i.standard);
                }
            }
            Err(e) => self.fail(format!("Could not import a standard from {}", file_name(path)), e),
        }
    }

    /// Adds the listed modules, updating any whose code the project already has, as one edit.
    pub(super) fn import_modules(&mut self, path: &Path) {
        match crate::import::module_list::read(path) {
            Ok(list) => self.merge_modules(list, path),
            Err(e) => self.fail(format!("Could not import modules from {}", file_name(path)), e),
        }
    }

    pub(super) fn merge_modules(&mut self, list: ModuleList, path: &Path) {
        let mut next = self.doc.project().clone();
        let n = ops::merge_modules(&mut next, list.modules, list.option_groups);
        let label = format!(
            "Import {} new and {} updated modules from {}",
            n.added,
            n.updated,
            file_name(path)
        );
        self.edit(Edit::Project(Box::new(next)), label);
    }

    /// Sets every mapping the matrix marks, as one edit; unknown codes stop it with their places.
    pub(super) fn import_matrix(&mut self, path: &Path) {
        match crate::import::matrix::read(path, self.doc.project()) {
            Ok(mappings) => self.set_matrix(mappings, path),
            Err(e) => self.fail(format!("Could not import mappings from {}", file_name(path)), e),
        }
    }

    pub(super) fn set_matrix(&mut self, mappings: Vec<Mapping>, path: &Path) {
        if mappings.is_empty() {
            self.last_action = format!("{} marks no mappings", path.display());
            return;
        }
        let n = mappings.len();
        let cells = ops::matrix_cells(mappings);
        self.edit(
            Edit::Cells(cells),
            format!(
                "Import {} from {}",
                crate::text::counted(n, "mapping", "mappings"),
                file_name(path)
            ),
        );
    }

    /// A dropped table: a module list or a mapping matrix, told apart by its header.
    pub(super) fn import_table(&mut self, path: &Path) {
        let read = crate::fsio::Input::read(path).and_then(crate::import::read_table);
        match read {
            Ok(TableInput::Modules(list)) => self.merge_modules(list, path),
            Ok(TableInput::Matrix(table)) => match crate::import::matrix::parse_table(&table, self.doc.project()) {
                Ok(mappings) => self.set_matrix(mappings, path),
                Err(e) => self.fail(format!("Could not import mappings from {}", file_name(path)), e),
            },
            Err(e) => self.fail(format!("Could not import {}", file_name(path)), e),
        }
    }

    /// Runs `p` now, or first asks about unsaved changes.
    pub(super) fn request(&mut self, p: Pending, ctx: &egui::Context) {
        // The modules editor's work is part of the project: applied first, or, where it cannot
        // apply yet, the editor asks before anything replaces it.
        self.flush_draft();
        if let Some(e) = self.state.modules_editor.as_mut().filter(|e| e.has_unapplied()) {
            e.confirm_close = true;
            self.last_action =
                "The modules editor holds changes that cannot apply yet: fix or discard them first".into();
            return;
        }
        if self.must_ask_before_leaving() {
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
                        self.replace_document(project, Some(path.to_path_buf()));
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
}
