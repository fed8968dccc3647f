//! The egui app. `HtqApp` owns the document and the UI state; each frame reads input outside
//! widgets (`keys`), draws the panels (`panels`), then applies the commands they pushed
//! (`command_handling`, where undo and redo live) and refreshes the views once (`refresh`).

pub mod cell_edits;
pub mod command;
mod command_handling;
pub mod comment_index;
mod compare_commands;
pub mod comparison;
mod dialog_focus;
pub mod document;
pub mod failure;
pub mod file_commands;
pub mod file_listing;
pub mod file_picker;
pub mod focus;
pub mod grid_model;
pub mod history;
mod import_outcomes;
mod instance;
mod keys;
mod launch;
pub mod layout;
mod menu_commands;
mod merge_commands;
mod modal;
mod modules_commands;
pub mod native_dialog;
mod navigation;
mod panels;
mod portfolio_commands;
pub mod prefs;
pub mod recent;
mod refresh;
mod review_commands;
pub mod selection;
pub mod state;
mod tab_order;
mod trace;
mod typing;
pub mod ui;
pub mod ui_command;
mod update_standard;

pub use launch::run;
use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::model::Project;
use crate::revision::versions::VersionCheck;
use crate::sample::BundledStandard;
use crate::suggest::Suggestions;

use command::Command;
use document::Document;
use file_picker::FilePicker;
use grid_model::GridModel;
use launch::Opened;
use modal::Pending;
use prefs::Prefs;
use recent::RecentFiles;
use state::UiState;

pub struct HtqApp {
    doc: Document,
    analysis: Analysis,
    /// The findings as the coverage panel reads them, a kind over many KSBs as one line.
    finding_groups: Vec<crate::analysis::FindingGroup>,
    /// The findings about the standards' versions, kept until a standard changes.
    versions: VersionCheck,
    /// Mapping suggestions, computed with the analysis after each edit (never per frame).
    suggestions: Suggestions,
    /// Keeps the indexed texts between edits, so an edit to the mapping only re-ranks.
    suggester: crate::suggest::Suggester,
    grid: GridModel,
    picker: Box<dyn FilePicker>,
    recent: RecentFiles,
    prefs: Prefs,
    pub state: UiState,
    commands: Vec<Command>,
    last_action: String,
    error: Option<failure::Failure>,
    pending: Option<Pending>,
    allow_close: bool,
    title: String,
    /// Save found the file changed on disk; asking whether to overwrite.
    conflict: bool,
    /// The bundled standards, read once for the menu.
    bundled: Vec<BundledStandard>,
    /// Fonts and image loaders are installed on the first frame, when there is a context.
    ctx_ready: bool,
    /// Where the last chosen file was, for the app's own file dialog to start in.
    last_folder: Option<PathBuf>,
    trace: trace::FrameTrace,
    /// The widget with the keyboard last frame, to scroll a newly focused one into view.
    last_focus: Option<egui::Id>,
    /// Where the sign-off stands, worked out after each edit.
    sign_off: ui::sign_off::SignOffSummary,
    /// What was typed after a key that moves the keyboard, held for the next frame.
    paced: typing::PacedInput,
    /// Files a later `htq-mapper FILE` handed to this app.
    handed: Option<instance::HandedFiles>,
    /// The generation of the project the views (analysis, grid, suggestions) were made from.
    views_at: history::Generation,
}

impl HtqApp {
    /// An app on `project`; with no path it is untitled, so saving asks where.
    pub fn new(project: Project, path: Option<PathBuf>, picker: Box<dyn FilePicker>, recent: RecentFiles) -> Self {
        Self::from_opened(Opened::new(project, path, recent), picker)
    }

    fn from_opened(o: Opened, picker: Box<dyn FilePicker>) -> Self {
        let sign_off = ui::sign_off::SignOffSummary::of(o.doc.project());
        let views_at = o.doc.generation();
        let finding_groups = crate::analysis::group_findings(o.doc.project(), &o.analysis);
        Self {
            doc: o.doc,
            analysis: o.analysis,
            finding_groups,
            versions: o.versions,
            suggestions: o.suggestions,
            suggester: Default::default(),
            grid: o.grid,
            picker,
            recent: o.recent,
            prefs: Prefs::in_memory(),
            state: UiState::default(),
            commands: Vec::new(),
            last_action: o.last_action,
            error: None,
            pending: None,
            allow_close: false,
            title: String::new(),
            conflict: false,
            bundled: o.bundled,
            ctx_ready: false,
            last_folder: None,
            trace: trace::FrameTrace::off(),
            last_focus: None,
            sign_off,
            views_at,
            paced: Default::default(),
            handed: None,
        }
    }

    /// The bundled sample, as an untitled copy.
    pub fn with_sample(picker: Box<dyn FilePicker>, recent: RecentFiles) -> crate::Result<Self> {
        let project = crate::sample::sample_project()?;
        Ok(Self::new(project, None, picker, recent))
    }

    /// Keeps the panel layout in `prefs`, starting from the one stored there.
    pub fn with_prefs(mut self, mut prefs: Prefs) -> Self {
        self.state.layout = prefs.load();
        self.prefs = prefs;
        self.refresh_suggestions();
        self.refresh_grid();
        self
    }

    /// Turns on the edit journal, and offers any unsaved work a crash left behind.
    pub fn with_journal(mut self, untitled_dir: PathBuf) -> Self {
        self.doc = self.doc.with_journal(untitled_dir);
        self
    }

    /// Unsaved work found at start, if any.
    pub fn recovery(&self) -> Option<&crate::store::Recovery> {
        self.doc.recovery()
    }

    pub fn project(&self) -> &Project {
        self.doc.project()
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The suggested cells shown now (none while suggestions are switched off).
    pub fn suggestions(&self) -> &Suggestions {
        &self.suggestions
    }

    /// Which cells, KSBs, duties and modules have comment threads, as the grid marks them.
    pub fn comment_marks(&self) -> &comment_index::CommentIndex {
        &self.grid.comments
    }

    pub fn path(&self) -> Option<&Path> {
        self.doc.path()
    }

    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    /// Where the sign-off stands (as the status bar shows it).
    pub fn sign_off(&self) -> &ui::sign_off::SignOffSummary {
        &self.sign_off
    }

    pub fn last_action(&self) -> &str {
        &self.last_action
    }

    /// The error dialog's message, if it is open.
    pub fn error(&self) -> Option<&str> {
        self.error.as_ref().map(|f| f.message.as_str())
    }

    /// The error dialog's title: what failed.
    pub fn error_title(&self) -> Option<&str> {
        self.error.as_ref().map(|f| f.title.as_str())
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
        if !self.ctx_ready {
            self.trace.step("first frame begins");
            ui::theme::install_fonts(ui.ctx());
            self.trace.step("fonts installed");
            egui_extras::install_image_loaders(ui.ctx());
            self.trace.step("image loaders installed");
            focus::keep_text_focus_until_taken(ui.ctx());
            self.ctx_ready = true;
        }
        self.take_handed_files(ui.ctx());
        self.dialog_focus(ui.ctx());
        self.paced.keep_going(ui.ctx());
        self.input(ui.ctx());
        let held = self.keys_held();
        focus::follow_focus(ui.ctx(), &mut self.last_focus, held);
        self.frame_ui(ui);
        focus::focus_ring(ui.ctx());
        self.apply_commands(ui.ctx());
        self.state.grid.forget_passed_cell(self.state.selection.focused);
        self.note_typing(ui.ctx());
        self.update_title(ui.ctx());
        // Not while a panel is being dragged: the layout is stored once the drag ends.
        if !ui.ctx().input(|i| i.pointer.any_down()) {
            self.prefs.save(&self.state.layout);
        }
    }
}

impl eframe::App for HtqApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        // eframe paints frame 0 before the window maps. Without a compositor (plain X11,
        // Xvfb) that picture is never seen, and software rendering takes as long to paint
        // it as a whole frame. So frame 0 lays everything out (fonts, table sizes) and
        // paints nothing; frame 1, right after, paints the settled picture.
        if ui.ctx().cumulative_frame_nr() == 0 {
            ui.set_opacity(0.0);
            ui.ctx().request_repaint();
        }
        if self.trace.is_on() {
            let t = std::time::Instant::now();
            self.show(ui);
            self.trace.frame(ui.ctx(), t.elapsed(), frame.info().cpu_usage);
        } else {
            self.show(ui);
        }
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw: &mut egui::RawInput) {
        self.pace_input(ctx, raw);
    }

    fn on_exit(&mut self) {
        // A clean exit with nothing unsaved leaves no journal behind.
        let editor_work = self.state.modules_editor.as_ref().is_some_and(|e| e.has_unapplied());
        if !self.doc.is_dirty() && !editor_work {
            self.doc.discard_journal();
        }
    }
}
