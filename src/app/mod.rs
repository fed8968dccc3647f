//! The egui app: owns the document and UI state, draws a frame, then applies the commands
//! the frame pushed (in `command_handling`). Input outside widgets is read in `keys`.

pub mod command;
mod command_handling;
pub mod comment_index;
pub mod compare_view;
pub mod document;
pub mod failure;
pub mod file_commands;
pub mod file_listing;
pub mod file_picker;
pub mod grid_model;
pub mod history;
mod import_outcomes;
mod keys;
pub mod native_dialog;
pub mod prefs;
pub mod recent;
mod review_commands;
pub mod state;
mod trace;
pub mod ui;
pub mod ui_command;
mod update_standard;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::analysis::{self, Analysis};
use crate::model::Project;
use crate::suggest::Suggestions;

use command::Command;
use command_handling::Pending;
use document::Document;
use file_picker::FilePicker;
use grid_model::GridModel;
use prefs::Prefs;
use recent::RecentFiles;
use state::UiState;

use crate::revision::versions::{VersionCheck, catalogue_versions};

const ICON: &[u8] = include_bytes!("../../assets/icon.png");

pub struct HtqApp {
    doc: Document,
    analysis: Analysis,
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
    /// The bundled standards' (reference, title, level), read once for the menu.
    bundled: Vec<(String, String, u8)>,
    /// Fonts and image loaders are installed on the first frame, when there is a context.
    ctx_ready: bool,
    /// Where the last chosen file was, for the app's own file dialog to start in.
    last_folder: Option<PathBuf>,
    trace: trace::FrameTrace,
    /// The widget with the keyboard last frame, to scroll a newly focused one into view.
    last_focus: Option<egui::Id>,
    /// Where the sign-off stands, worked out after each edit.
    sign_off: ui::sign_off::SignOffSummary,
}

/// A ring around whatever has the keyboard, so focus is visible on every widget (egui shows
/// it on some, not on labels). The grid draws its own.
fn focus_ring(ctx: &egui::Context) {
    let Some(id) = ctx.memory(|m| m.focused()) else { return };
    if id == ui::grid::grid_focus_id() {
        return;
    }
    if let Some(r) = ctx.read_response(id) {
        let layer = egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("focus-ring"));
        let stroke = ctx.global_style().visuals.selection.stroke;
        ctx.layer_painter(layer)
            .rect_stroke(r.interact_rect.expand(1.5), 3.0, stroke, egui::StrokeKind::Outside);
    }
}

impl HtqApp {
    /// An app on `project`; with no path it is untitled, so saving asks where.
    pub fn new(project: Project, path: Option<PathBuf>, picker: Box<dyn FilePicker>, recent: RecentFiles) -> Self {
        Self::from_opened(Opened::new(project, path, recent), picker)
    }

    fn from_opened(o: Opened, picker: Box<dyn FilePicker>) -> Self {
        let sign_off = ui::sign_off::SignOffSummary::of(o.doc.project());
        Self {
            doc: o.doc,
            analysis: o.analysis,
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
            self.ctx_ready = true;
        }
        self.input(ui.ctx());
        self.follow_focus(ui.ctx());
        self.frame_ui(ui);
        focus_ring(ui.ctx());
        self.apply_commands(ui.ctx());
        self.update_title(ui.ctx());
        // Not while a panel is being dragged: the layout is stored once the drag ends.
        if !ui.ctx().input(|i| i.pointer.any_down()) {
            self.prefs.save(&self.state.layout);
        }
    }

    /// Scrolls a widget that Tab or F6 just focused into view, so focus never goes off-screen.
    fn follow_focus(&mut self, ctx: &egui::Context) {
        let focused = ctx.memory(|m| m.focused());
        if focused != self.last_focus {
            // The grid's focus covers the whole grid: scrolling "to" it would only nudge the
            // table; the grid scrolls to its focused cell itself.
            let widget = focused.filter(|&id| id != ui::grid::grid_focus_id());
            if let Some(r) = widget.and_then(|id| ctx.read_response(id)) {
                r.scroll_to_me(None);
            }
            self.last_focus = focused;
        }
    }

    /// A dialog is open, so shortcuts and grid keys wait.
    fn modal_open(&self) -> bool {
        self.error.is_some()
            || self.pending.is_some()
            || self.doc.recovery().is_some()
            || self.conflict
            || self.state.file_dialog.is_some()
            || self.state.update.is_some()
            || self.state.sign_off.is_some()
            || self.state.author_prompt.is_some()
    }

    fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let view = ui::AppView {
            project: self.doc.project(),
            path: self.doc.path(),
            dirty: self.doc.is_dirty(),
            history: self.doc.history(),
            analysis: &self.analysis,
            suggestions: &self.suggestions,
            grid: &self.grid,
            recent: &self.recent.files,
            bundled: &self.bundled,
            last_action: &self.last_action,
            error: self.error.as_ref(),
            recovery: self.doc.recovery(),
            conflict: self.conflict,
            pending: self.pending.as_ref().map(Pending::verb),
            sign_off: &self.sign_off,
        };
        ui::app_ui(ui, &view, &mut self.state, &mut self.commands);
    }

    /// Reruns the analysis and rebuilds the grid model after the project changed.
    fn refresh(&mut self) {
        self.analysis = analyse_with_versions(self.doc.project(), &mut self.versions);
        self.sign_off = ui::sign_off::SignOffSummary::of(self.doc.project());
        self.refresh_suggestions();
        self.refresh_grid();
        self.refresh_comparison();
    }

    /// Recomputes the suggestions, or drops them while they are switched off.
    fn refresh_suggestions(&mut self) {
        self.suggestions = if self.state.layout.show_suggestions {
            self.suggester.suggest(self.doc.project(), &Default::default())
        } else {
            Suggestions::default()
        };
    }

    /// Rebuilds the grid's columns (after an edit, or the gaps-only filter changed).
    fn refresh_grid(&mut self) {
        // The selection follows its KSBs, not column numbers, when columns come and go.
        let ksb_at = |p: Option<(usize, usize)>, grid: &GridModel| {
            p.and_then(|(r, c)| Some((r, grid.columns.get(c)?.ksb.clone())))
        };
        let selected = ksb_at(self.state.selected, &self.grid);
        let anchor = ksb_at(self.state.anchor, &self.grid);
        self.grid = GridModel::build(&self.analysis, self.state.layout.gaps_only).with_comments(self.doc.project());
        let rows = self.grid.rows();
        let place = |p: Option<(usize, crate::model::KsbRef)>, grid: &GridModel| {
            p.and_then(|(r, k)| Some((r, grid.column_of(&k)?)).filter(|&(r, _)| r < rows))
        };
        self.state.selected = place(selected, &self.grid);
        self.state.anchor = place(anchor, &self.grid).filter(|_| self.state.selected.is_some());
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let mark = if self.doc.is_dirty() { "* " } else { "" };
        let title = format!(
            "{mark}{} — {} — HTQ Mapper",
            self.doc.display_name(),
            self.doc.project().programme.title
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// The coverage analysis, with the findings about the standards' versions as of today (the
/// catalogue is read again only when a standard changed).
fn analyse_with_versions(project: &Project, versions: &mut VersionCheck) -> Analysis {
    let mut a = analysis::analyse(project);
    let found = versions.update(project, crate::model::IsoDate::today(), catalogue_versions);
    a.add_findings(found.to_vec());
    a
}

/// The document-side half of the app: everything but the file picker, so it can be made on
/// another thread while eframe opens the window.
struct Opened {
    doc: Document,
    analysis: Analysis,
    versions: VersionCheck,
    suggestions: Suggestions,
    grid: GridModel,
    recent: RecentFiles,
    bundled: Vec<(String, String, u8)>,
    last_action: String,
}

impl Opened {
    fn new(project: Project, path: Option<PathBuf>, recent: RecentFiles) -> Self {
        let last_action = match &path {
            Some(p) => format!("Opened {}", p.display()),
            None => "Opened the sample as an untitled copy".to_string(),
        };
        let doc = Document::new(project, path);
        let mut versions = VersionCheck::default();
        let analysis = analyse_with_versions(doc.project(), &mut versions);
        let grid = GridModel::build(&analysis, false).with_comments(doc.project());
        let suggestions = crate::suggest::suggest(doc.project(), &Default::default());
        Self {
            doc,
            analysis,
            versions,
            suggestions,
            grid,
            recent,
            // The bundled standards' (reference, title, level), read once for the menu.
            bundled: crate::sample::bundled_standards()
                .into_iter()
                .map(|s| (s.reference, s.title, s.level))
                .collect(),
            last_action,
        }
    }

    /// `path`, or the bundled sample as an untitled copy, with its journal.
    fn open(path: Option<PathBuf>) -> crate::Result<Self> {
        let mut recent = RecentFiles::from_config_dir();
        let mut o = match path {
            Some(path) => {
                let p = crate::store::load_project(&path)?;
                recent.add(&path);
                Self::new(p, Some(path), recent)
            }
            None => Self::new(crate::sample::sample_project()?, None, recent),
        };
        o.doc = o.doc.with_journal(crate::store::default_untitled_dir());
        Ok(o)
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

    fn on_exit(&mut self) {
        // A clean exit with nothing unsaved leaves no journal behind.
        if !self.doc.is_dirty() {
            self.doc.discard_journal();
        }
    }
}

/// Opens the app on `project`, or on the bundled sample.
pub fn run(project: Option<PathBuf>) -> crate::Result<ExitCode> {
    let trace = trace::FrameTrace::from_env(std::time::Instant::now());
    // Reading and analysing the project takes from a few to tens of milliseconds; done on a
    // thread, it overlaps eframe's window and renderer setup instead of coming before it.
    let mut opening = Some(std::thread::spawn(move || Opened::open(project)));
    let mut failed = None;
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("HTQ Mapper")
        .with_app_id("htq-mapper")
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([800.0, 500.0])
        .with_drag_and_drop(true);
    // The icon is built in; should it fail to decode, the window simply has the default one.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let shown = eframe::run_native(
        "HTQ Mapper",
        options,
        Box::new(|_cc| {
            trace.step("window and renderer created");
            let opened = opening.take().map(std::thread::JoinHandle::join);
            trace.step("project loaded and analysed");
            match opened {
                Some(Ok(Ok(o))) => {
                    let picker = Box::new(file_picker::RfdPicker::from_env());
                    let app = HtqApp::from_opened(o, picker).with_prefs(Prefs::from_config_dir());
                    Ok(Box::new(HtqApp { trace, ..app }))
                }
                // The window is still hidden: it closes unseen and the error is told below.
                Some(Ok(Err(e))) => {
                    failed = Some(e);
                    Err("the project could not be opened".into())
                }
                _ => Err("opening the project failed".into()),
            }
        }),
    );
    // A project that cannot be read is the error to report, even when there is no display.
    if let Some(Ok(Err(e))) = opening.take().map(std::thread::JoinHandle::join) {
        return Err(e);
    }
    if let Some(e) = failed {
        return Err(e);
    }
    shown.map_err(|e| crate::Error::io("display", std::io::Error::other(e.to_string())))?;
    Ok(ExitCode::SUCCESS)
}
