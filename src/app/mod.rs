//! The egui app: owns the project and UI state, draws the panels, and applies the
//! commands they emit after each frame. Undo and redo live here, in `apply`.

pub mod command;
pub mod file_picker;
pub mod grid_model;
pub mod history;
pub mod recent;
pub mod state;
pub mod ui;
pub mod ui_command;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::analysis::{self, Analysis, Target};
use crate::model::{Award, CellEdit, Coverage, Edit, KsbRef, Mapping, Programme, Project};

use command::Command;
use file_picker::{FileKind, FilePicker};
use grid_model::GridModel;
use history::History;
use recent::RecentFiles;
use state::UiState;
use ui_command::UiCommand;

/// What to do once the unsaved-changes prompt is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pending {
    New,
    Open(Option<PathBuf>),
    Close,
}

impl Pending {
    fn verb(&self) -> &'static str {
        match self {
            Pending::New => "start a new project",
            Pending::Open(_) => "open another project",
            Pending::Close => "close",
        }
    }
}

pub struct HtqApp {
    project: Project,
    path: Option<PathBuf>,
    /// The name shown for an untitled project.
    untitled_name: String,
    history: History,
    analysis: Analysis,
    grid: GridModel,
    picker: Box<dyn FilePicker>,
    recent: RecentFiles,
    pub state: UiState,
    commands: Vec<Command>,
    last_action: String,
    error: Option<String>,
    pending: Option<Pending>,
    allow_close: bool,
    title: String,
    /// Where untitled projects keep their journal; `None` turns journalling off (tests).
    untitled_dir: Option<PathBuf>,
    journal: Option<crate::store::Journal>,
    /// Unsaved work found at start, offered for restoring.
    recovery: Option<crate::store::Recovery>,
    /// The file's bytes as we last read or wrote them, to notice other people's saves.
    disk_fingerprint: Option<u64>,
    /// Save found the file changed on disk; asking whether to overwrite.
    conflict: bool,
    /// The bundled standards' (reference, title, level), read once for the menu.
    bundled: Vec<(String, String, u8)>,
    fonts_ready: bool,
}

impl HtqApp {
    /// An app on `project`; with no path it is untitled, so saving asks where.
    pub fn new(project: Project, path: Option<PathBuf>, picker: Box<dyn FilePicker>, recent: RecentFiles) -> Self {
        let analysis = analysis::analyse(&project);
        let grid = GridModel::build(&project, &analysis);
        let history = if path.is_some() {
            History::new_saved()
        } else {
            History::new_unsaved()
        };
        let untitled_name = if path.is_none() {
            "Untitled".to_string()
        } else {
            String::new()
        };
        let mut app = Self {
            project,
            path,
            untitled_name,
            history,
            analysis,
            grid,
            picker,
            recent,
            state: UiState::default(),
            commands: Vec::new(),
            last_action: String::new(),
            error: None,
            pending: None,
            allow_close: false,
            title: String::new(),
            untitled_dir: None,
            journal: None,
            recovery: None,
            disk_fingerprint: None,
            conflict: false,
            fonts_ready: false,
            bundled: crate::sample::bundled_standards()
                .into_iter()
                .map(|s| (s.reference, s.title, s.level))
                .collect(),
        };
        app.disk_fingerprint = app.path.as_deref().and_then(crate::store::fingerprint);
        app.last_action = match &app.path {
            Some(p) => format!("Opened {}", p.display()),
            None => "Opened the sample as an untitled copy".to_string(),
        };
        // A fresh untitled sample has nothing to lose.
        if app.path.is_none() {
            app.history.mark_saved();
            app.history = History::new_unsaved();
        }
        app
    }

    /// The bundled sample, as an untitled copy.
    pub fn with_sample(picker: Box<dyn FilePicker>, recent: RecentFiles) -> crate::Result<Self> {
        let project = crate::sample::sample_project()?;
        Ok(Self::new(project, None, picker, recent))
    }

    /// Turns on the edit journal, and offers any unsaved work a crash left behind.
    pub fn with_journal(mut self, untitled_dir: PathBuf) -> Self {
        let path = crate::store::journal_path(self.path.as_deref(), &untitled_dir);
        self.untitled_dir = Some(untitled_dir);
        match crate::store::Recovery::read(&path) {
            Some(r) if r.has_changes() => self.recovery = Some(r),
            Some(_) => {
                let _ = std::fs::remove_file(&path);
            }
            None => {}
        }
        self
    }

    /// Unsaved work found at start, if any.
    pub fn recovery(&self) -> Option<&crate::store::Recovery> {
        self.recovery.as_ref()
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty() && !(self.path.is_none() && self.history.undo_len() == 0)
    }

    pub fn last_action(&self) -> &str {
        &self.last_action
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    pub fn window_title(&self) -> &str {
        &self.title
    }

    /// Queues a command as if the UI had sent it; for tests and scripts.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Draws one frame and applies what it asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if !self.fonts_ready {
            ui::theme::install_fonts(ui.ctx());
            self.fonts_ready = true;
        }
        self.input(ui.ctx());
        self.panels_ui(ui);
        self.apply_commands(ui.ctx());
        self.update_title(ui.ctx());
    }

    fn input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        for path in dropped {
            let is_project = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
                && std::fs::read_to_string(&path).is_ok_and(|t| t.contains("format_version"));
            self.commands.push(if is_project {
                Command::OpenPath(path)
            } else {
                Command::ImportStandardFrom(path)
            });
        }
        let modal_open = self.error.is_some() || self.pending.is_some() || self.recovery.is_some() || self.conflict;
        if !modal_open && let Some(cmd) = UiCommand::from_input(ctx) {
            self.commands.push(Command::Ui(cmd));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Close);
        }
        if !modal_open && !ctx.egui_wants_keyboard_input() {
            self.grid_keys(ctx);
        }
    }

    /// Arrow keys move the focused cell; Space cycles it; Delete clears it.
    fn grid_keys(&mut self, ctx: &egui::Context) {
        let (rows, cols) = (self.grid.rows(), self.grid.columns.len());
        if rows == 0 || cols == 0 {
            return;
        }
        use egui::{Key, Modifiers};
        let (mut r, mut c) = self.state.selected.unwrap_or((0, 0));
        let mut moved = false;
        ctx.input_mut(|i| {
            for (key, dr, dc) in [
                (Key::ArrowUp, -1, 0),
                (Key::ArrowDown, 1, 0),
                (Key::ArrowLeft, 0, -1),
                (Key::ArrowRight, 0, 1),
            ] {
                if i.consume_key(Modifiers::NONE, key) {
                    r = (r as i64 + dr).clamp(0, rows as i64 - 1) as usize;
                    c = (c as i64 + dc).clamp(0, cols as i64 - 1) as usize;
                    moved = true;
                }
            }
        });
        if moved {
            self.state.selected = Some((r, c));
            self.state.scroll_to = Some((Some(r), Some(c)));
        }
        let Some((r, c)) = self.state.selected else { return };
        let space = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Space));
        let delete = ctx.input_mut(|i| {
            i.consume_key(Modifiers::NONE, Key::Delete) || i.consume_key(Modifiers::NONE, Key::Backspace)
        });
        let (module, ksb) = (self.project.modules[r].code.clone(), self.grid.columns[c].ksb.clone());
        if space {
            self.commands.push(Command::CycleCell { module, ksb });
        } else if delete && self.project.mapping(&module, &ksb).is_some() {
            let label = format!("Unmap {} from {module}", ksb.code);
            self.commands.push(Command::SetCell {
                module,
                ksb,
                mapping: None,
                label,
            });
        }
    }

    fn panels_ui(&mut self, ui: &mut egui::Ui) {
        let Self {
            project,
            analysis,
            grid,
            state,
            commands,
            history,
            recent,
            bundled,
            ..
        } = self;
        egui::Panel::top("menu").show(ui, |ui| {
            let info = ui::menu_bar::MenuInfo {
                project,
                recent: &recent.files,
                undo: history.undo_label(),
                redo: history.redo_label(),
                bundled,
            };
            ui::menu_bar::menu_bar_ui(ui, &info, commands);
        });
        let saved = match (
            &self.path,
            self.history.is_dirty() && !(self.path.is_none() && self.history.undo_len() == 0),
        ) {
            (_, true) => "Unsaved changes",
            (None, false) => "Untitled",
            (Some(_), false) => "Saved",
        };
        egui::Panel::bottom("status").show(ui, |ui| {
            ui::status_bar::status_bar_ui(ui, project, analysis, &self.last_action, saved);
        });
        egui::Panel::left("standards")
            .resizable(true)
            .default_size(300.0)
            .size_range(220.0..=600.0)
            .show(ui, |ui| {
                ui::standards_panel::standards_panel_ui(ui, project, analysis, state, commands);
            });
        egui::Panel::right("coverage")
            .resizable(true)
            .default_size(290.0)
            .size_range(220.0..=600.0)
            .show(ui, |ui| {
                ui::coverage_panel::coverage_panel_ui(ui, project, analysis, commands);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(format!("{} {}", project.programme.award, project.programme.title));
            });
            ui::grid::grid_ui(ui, project, analysis, grid, state, commands);
        });
        if let Some(draft) = &mut state.modules_editor
            && !ui::modules_editor::modules_editor_ui(ui.ctx(), project, draft, commands)
        {
            state.modules_editor = None;
        }
        if let Some(message) = &self.error {
            ui::dialogs::error_dialog_ui(ui.ctx(), message, commands);
        } else if let Some(r) = &self.recovery {
            ui::dialogs::recovery_dialog_ui(ui.ctx(), r, self.path.as_deref(), commands);
        } else if self.conflict {
            ui::dialogs::conflict_dialog_ui(ui.ctx(), self.path.as_deref(), commands);
        } else if let Some(p) = &self.pending {
            ui::dialogs::unsaved_dialog_ui(ui.ctx(), p.verb(), commands);
        }
    }

    fn apply_commands(&mut self, ctx: &egui::Context) {
        if self.commands.is_empty() {
            return;
        }
        let before = self.history.state();
        let commands = std::mem::take(&mut self.commands);
        for c in commands {
            self.apply(c, ctx);
        }
        if self.history.state() != before {
            self.refresh();
        }
        ctx.request_repaint();
    }

    /// Reruns the analysis and rebuilds the grid model after the project changed.
    fn refresh(&mut self) {
        self.analysis = analysis::analyse(&self.project);
        self.grid = GridModel::build(&self.project, &self.analysis);
        if let Some((r, c)) = self.state.selected
            && (r >= self.grid.rows() || c >= self.grid.columns.len())
        {
            self.state.selected = None;
        }
    }

    fn edit(&mut self, edit: Edit, label: String) {
        self.ensure_journal();
        let applied = self.journal.as_ref().map(|_| edit.clone());
        self.history.apply(&mut self.project, edit, label.clone());
        self.journal_append(&label, applied);
        self.last_action = label;
    }

    /// Starts the journal before the first edit since the last save, with the saved state as its base.
    fn ensure_journal(&mut self) {
        let Some(dir) = &self.untitled_dir else { return };
        if self.journal.is_some() {
            return;
        }
        let path = crate::store::journal_path(self.path.as_deref(), dir);
        match crate::store::Journal::start(&path, &self.project) {
            Ok(j) => self.journal = Some(j),
            Err(e) => self.last_action = format!("Crash recovery is off: cannot write {} ({e})", path.display()),
        }
    }

    fn journal_append(&mut self, label: &str, applied: Option<Edit>) {
        let (Some(j), Some(edit)) = (&mut self.journal, applied) else {
            return;
        };
        if let Err(e) = j.append(label, &edit) {
            self.last_action = format!("Crash recovery failed to record this edit: {e}");
        }
    }

    fn discard_journal(&mut self) {
        if let Some(j) = self.journal.take() {
            j.discard();
        }
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Ui(cmd) => self.run_ui_command(cmd, ctx),
            Command::MapKsbs { module, ksbs, label } => {
                let cells: Vec<CellEdit> = ksbs
                    .into_iter()
                    .filter(|k| self.project.mapping(&module, k).is_none() && self.project.has_ksb(k))
                    .map(|k| CellEdit {
                        module: module.clone(),
                        mapping: Some(Mapping::new(module.clone(), k.clone(), Coverage::Full)),
                        ksb: k,
                    })
                    .collect();
                if cells.is_empty() {
                    self.last_action = format!("{label}: already mapped");
                } else if self.project.module(&module).is_some() {
                    let n = cells.len();
                    self.edit(
                        Edit::Cells(cells),
                        if n > 1 { format!("{label} ({n} KSBs)") } else { label },
                    );
                }
            }
            Command::CycleCell { module, ksb } => {
                // The documented order: none, full, partial, none.
                let current = self.project.mapping(&module, &ksb).cloned();
                let (next, verb) = match &current {
                    None => (Some(Mapping::new(module.clone(), ksb.clone(), Coverage::Full)), "full"),
                    Some(m) if m.coverage == Coverage::Full => (
                        Some(Mapping {
                            coverage: Coverage::Partial,
                            ..m.clone()
                        }),
                        "partial",
                    ),
                    Some(_) => (None, "none"),
                };
                let label = format!("Set {module} × {} {verb}", ksb.code);
                self.edit(
                    Edit::Cells(vec![CellEdit {
                        module,
                        ksb,
                        mapping: next,
                    }]),
                    label,
                );
            }
            Command::SetCell {
                module,
                ksb,
                mapping,
                label,
            } => {
                if self.project.mapping(&module, &ksb) != mapping.as_ref() {
                    self.edit(Edit::Cells(vec![CellEdit { module, ksb, mapping }]), label);
                }
            }
            Command::Select { row, col } => self.state.selected = Some((row, col)),
            Command::Focus(target) => self.focus(target),
            Command::ReplaceProject { project, label } => {
                if *project != self.project {
                    self.edit(Edit::Project(project), label);
                }
            }
            Command::AddStandard(s) => self.add_standard(*s),
            Command::RemoveStandard(reference) => {
                let mut next = self.project.clone();
                next.standards.retain(|s| s.reference != reference);
                next.programme.standards.retain(|r| r != &reference);
                next.mappings.retain(|m| m.ksb.standard != reference);
                self.edit(Edit::Project(Box::new(next)), format!("Remove standard {reference}"));
            }
            Command::ImportStandardFrom(path) => self.import_standard(&path),
            Command::ImportTableFrom(path) => self.import_table(&path),
            Command::OpenPath(path) => self.request(Pending::Open(Some(path)), ctx),
            Command::SaveThenContinue => {
                if self.save(false)
                    && let Some(p) = self.pending.take()
                {
                    self.continue_with(p, ctx);
                }
            }
            Command::DiscardThenContinue => {
                if let Some(p) = self.pending.take() {
                    self.continue_with(p, ctx);
                }
            }
            Command::CancelPending => self.pending = None,
            Command::DismissError => self.error = None,
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => {
                if let Some(r) = self.recovery.take() {
                    let _ = std::fs::remove_file(&r.path);
                    self.last_action = "Discarded the unsaved work from last time".into();
                }
            }
            Command::OverwriteOnDisk => {
                self.conflict = false;
                if self.save_with(false, true)
                    && let Some(p) = self.pending.take()
                {
                    self.continue_with(p, ctx);
                }
            }
            Command::SaveAsInstead => {
                self.conflict = false;
                if self.save_with(true, true)
                    && let Some(p) = self.pending.take()
                {
                    self.continue_with(p, ctx);
                }
            }
            Command::CancelConflict => {
                self.conflict = false;
                self.pending = None;
            }
        }
    }

    fn run_ui_command(&mut self, cmd: UiCommand, ctx: &egui::Context) {
        match cmd {
            UiCommand::New => self.request(Pending::New, ctx),
            UiCommand::Open => self.request(Pending::Open(None), ctx),
            UiCommand::Save => {
                self.save(false);
            }
            UiCommand::SaveAs => {
                self.save(true);
            }
            UiCommand::ImportStandard => {
                if let Some(path) = self.picker.pick_open(FileKind::Standard) {
                    self.import_standard(&path);
                }
            }
            UiCommand::Export => {
                let name = format!("{}.xlsx", self.file_stem());
                let folder = self.path.as_deref().and_then(Path::parent).map(Path::to_path_buf);
                if let Some(path) = self.picker.pick_save(FileKind::Report, &name, folder.as_deref()) {
                    match crate::report::write_report(&path, &self.project, &self.analysis) {
                        Ok(()) => self.last_action = format!("Exported {}", path.display()),
                        Err(e) => self.error = Some(e.to_string()),
                    }
                }
            }
            UiCommand::ImportModules => {
                if let Some(path) = self.picker.pick_open(FileKind::Table) {
                    self.import_modules(&path);
                }
            }
            UiCommand::ImportMatrix => {
                if let Some(path) = self.picker.pick_open(FileKind::Table) {
                    self.import_matrix(&path);
                }
            }
            UiCommand::Undo | UiCommand::Redo => {
                self.ensure_journal();
                let done = if cmd == UiCommand::Undo {
                    self.history.undo(&mut self.project)
                } else {
                    self.history.redo(&mut self.project)
                };
                let verb = if cmd == UiCommand::Undo { "Undid" } else { "Redid" };
                match done {
                    Some((label, applied)) => {
                        self.journal_append(&format!("{verb} {label}"), Some(applied));
                        self.last_action = format!("{verb} {label}");
                    }
                    None => {
                        self.last_action = if cmd == UiCommand::Undo {
                            "Nothing to undo"
                        } else {
                            "Nothing to redo"
                        }
                        .into()
                    }
                }
            }
            UiCommand::Find => self.state.focus_search = true,
            UiCommand::EditModules => {
                if self.state.modules_editor.is_none() {
                    self.state.modules_editor = Some(ui::modules_editor::ModulesDraft::from_project(&self.project));
                }
            }
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Runs `p` now, or first asks about unsaved changes.
    fn request(&mut self, p: Pending, ctx: &egui::Context) {
        if self.is_dirty() {
            self.pending = Some(p);
        } else {
            self.continue_with(p, ctx);
        }
    }

    fn continue_with(&mut self, p: Pending, ctx: &egui::Context) {
        match p {
            Pending::New => {
                let project = Project::new(Programme {
                    title: "Untitled programme".into(),
                    award: Award::FdSc,
                    awarding_body: String::new(),
                    level: 5,
                    total_credits: 240,
                    standards: Vec::new(),
                });
                self.replace_document(project, None);
                self.last_action = "New project".into();
            }
            Pending::Open(path) => {
                let path = match path {
                    Some(p) => p,
                    None => match self.picker.pick_open(FileKind::Project) {
                        Some(p) => p,
                        None => return,
                    },
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
                        self.error = Some(e.to_string());
                    }
                }
            }
            Pending::Close => {
                self.discard_journal();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn replace_document(&mut self, project: Project, path: Option<PathBuf>) {
        // Reached only once the user saved or chose not to: the old journal is done with.
        self.discard_journal();
        self.disk_fingerprint = path.as_deref().and_then(crate::store::fingerprint);
        self.project = project;
        self.history = if path.is_some() {
            History::new_saved()
        } else {
            History::new_unsaved()
        };
        self.untitled_name = if path.is_none() {
            "Untitled".into()
        } else {
            String::new()
        };
        self.path = path;
        self.state = UiState::default();
        self.refresh();
    }

    fn file_stem(&self) -> String {
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

    /// Saves to the project's path, asking for one when untitled or `as_new`. True when saved.
    fn save(&mut self, as_new: bool) -> bool {
        self.save_with(as_new, false)
    }

    /// With `force`, saves even when someone else changed the file since we read it.
    fn save_with(&mut self, as_new: bool, force: bool) -> bool {
        if !as_new
            && !force
            && let Some(path) = &self.path
            && let Some(now) = crate::store::fingerprint(path)
            && self.disk_fingerprint != Some(now)
        {
            self.conflict = true;
            return false;
        }
        let path = match (&self.path, as_new) {
            (Some(p), false) => p.clone(),
            _ => {
                let name = format!("{}.ron", self.file_stem());
                let folder = self.path.as_deref().and_then(Path::parent).map(Path::to_path_buf);
                match self.picker.pick_save(FileKind::Project, &name, folder.as_deref()) {
                    Some(p) => p,
                    None => return false,
                }
            }
        };
        match crate::store::save_project(&path, &self.project) {
            Ok(()) => {
                self.history.mark_saved();
                self.disk_fingerprint = crate::store::fingerprint(&path);
                // The journal of an untitled project moves with it; either way its work is now saved.
                self.discard_journal();
                self.recent.add(&path);
                self.path = Some(path.clone());
                self.last_action = format!("Saved {}", path.display());
                true
            }
            Err(e) => {
                self.error = Some(format!("{e}\nNothing was written; your changes are still here."));
                false
            }
        }
    }

    /// Applies the journalled work as one undoable edit on top of the saved state.
    fn restore_recovery(&mut self) {
        let Some(r) = self.recovery.take() else { return };
        let restored = r.replay();
        let n = r.edits.len();
        let _ = std::fs::remove_file(&r.path);
        self.project = r.base;
        self.history = if self.path.is_some() {
            History::new_saved()
        } else {
            History::new_unsaved()
        };
        self.edit(Edit::Project(Box::new(restored)), format!("Restore {n} unsaved edits"));
        self.refresh();
    }

    fn add_standard(&mut self, s: crate::model::Standard) {
        if self.project.standard(&s.reference).is_some() {
            self.error = Some(format!("{} is already in this project.", s.reference));
            return;
        }
        let mut next = self.project.clone();
        let label = format!("Add standard {}", s.reference);
        next.programme.standards.push(s.reference.clone());
        next.standards.push(s);
        self.edit(Edit::Project(Box::new(next)), label);
    }

    /// Adds the listed modules, updating any whose code the project already has, as one edit.
    fn import_modules(&mut self, path: &Path) {
        let list = match crate::import::module_list::read(path) {
            Ok(list) => list,
            Err(e) => {
                self.error = Some(e.to_string());
                return;
            }
        };
        let mut next = self.project.clone();
        let (mut added, mut updated) = (0, 0);
        for m in list.modules {
            match next.modules.iter_mut().find(|x| x.code == m.code) {
                Some(x) => {
                    *x = m;
                    updated += 1;
                }
                None => {
                    next.modules.push(m);
                    added += 1;
                }
            }
        }
        for g in list.option_groups {
            match next.option_groups.iter_mut().find(|x| x.name == g.name) {
                Some(x) => *x = g,
                None => next.option_groups.push(g),
            }
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.edit(
            Edit::Project(Box::new(next)),
            format!("Import {added} new and {updated} updated modules from {name}"),
        );
    }

    /// Sets every mapping the matrix marks, as one edit; unknown codes stop it with their places.
    fn import_matrix(&mut self, path: &Path) {
        match crate::import::matrix::read(path, &self.project) {
            Ok(mappings) if mappings.is_empty() => self.last_action = format!("{} marks no mappings", path.display()),
            Ok(mappings) => {
                let n = mappings.len();
                let cells = mappings
                    .into_iter()
                    .map(|m| CellEdit {
                        module: m.module.clone(),
                        ksb: m.ksb.clone(),
                        mapping: Some(m),
                    })
                    .collect();
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.edit(Edit::Cells(cells), format!("Import {n} mappings from {name}"));
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// A dropped spreadsheet is a module list if it reads as one, else a mapping matrix.
    fn import_table(&mut self, path: &Path) {
        if crate::import::module_list::read(path).is_ok() {
            self.import_modules(path);
        } else {
            self.import_matrix(path);
        }
    }

    fn import_standard(&mut self, path: &Path) {
        match crate::import::read_standards(path) {
            Ok(list) => {
                for i in list {
                    self.add_standard(i.standard);
                }
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn focus(&mut self, target: Target) {
        let row = |code: &str| self.project.module_index(code);
        let col = |k: &KsbRef| self.grid.column_of(k);
        self.state.scroll_to = match &target {
            Target::Module(m) => Some((row(m), None)),
            Target::Ksb(k) => Some((None, col(k))),
            Target::Cell { module, ksb } => Some((row(module), col(ksb))),
            Target::Duty(d) => self
                .project
                .standard(&d.standard)
                .and_then(|s| s.duty(&d.code))
                .and_then(|duty| duty.ksbs.first())
                .map(|c| (None, col(&KsbRef::new(d.standard.clone(), *c)))),
            Target::Programme | Target::Standard(_) => None,
        };
        self.state.highlight = Some(target);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => format!("{} (sample)", self.untitled_name),
        };
        let mark = if self.is_dirty() { "* " } else { "" };
        let title = format!("{mark}{name} — {} — HTQ Mapper", self.project.programme.title);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

impl eframe::App for HtqApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self) {
        // A clean exit with nothing unsaved leaves no journal behind.
        if !self.is_dirty() {
            self.discard_journal();
        }
    }
}

/// Opens the app on `project`, or on the bundled sample.
pub fn run(project: Option<PathBuf>) -> crate::Result<ExitCode> {
    let picker = Box::new(file_picker::RfdPicker);
    let mut recent = RecentFiles::from_config_dir();
    let app = match project {
        Some(path) => {
            let p = crate::store::load_project(&path)?;
            recent.add(&path);
            HtqApp::new(p, Some(path), picker, recent)
        }
        None => HtqApp::with_sample(picker, recent)?,
    }
    .with_journal(crate::store::default_untitled_dir());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("HTQ Mapper")
            .with_app_id("htq-mapper")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native("HTQ Mapper", options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|e| crate::Error::io("display", std::io::Error::other(e.to_string())))?;
    Ok(ExitCode::SUCCESS)
}
