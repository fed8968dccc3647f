//! Starting the app: the window and renderer are made while a thread reads and analyses
//! the project, and a project that cannot be read is reported before any window shows.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::analysis::Analysis;
use crate::model::Project;
use crate::revision::versions::VersionCheck;
use crate::suggest::Suggestions;

use super::HtqApp;
use super::document::Document;
use super::grid_model::GridModel;
use super::prefs::Prefs;
use super::recent::RecentFiles;
use super::refresh::analyse_with_versions;

const ICON: &[u8] = include_bytes!("../../assets/icon.png");

/// The document-side half of the app: everything but the file picker, so it can be made on
/// another thread while eframe opens the window.
pub(super) struct Opened {
    pub(super) doc: Document,
    pub(super) analysis: Analysis,
    pub(super) versions: VersionCheck,
    pub(super) suggestions: Suggestions,
    pub(super) grid: GridModel,
    pub(super) recent: RecentFiles,
    pub(super) bundled: Vec<crate::sample::BundledStandard>,
    pub(super) last_action: String,
}

impl Opened {
    pub(super) fn new(project: Project, path: Option<PathBuf>, recent: RecentFiles) -> Self {
        let last_action = match &path {
            Some(p) => format!("Opened {}", p.display()),
            None => "Opened the sample as an untitled copy".to_string(),
        };
        let doc = Document::new(project, path);
        let mut versions = VersionCheck::default();
        let analysis = analyse_with_versions(doc.project(), &mut versions);
        let grid = GridModel::build(&analysis, false)
            .with_comments(doc.project())
            .with_conflicts(doc.project());
        let suggestions = crate::suggest::suggest(doc.project(), &Default::default());
        Self {
            doc,
            analysis,
            versions,
            suggestions,
            grid,
            recent,
            bundled: crate::sample::bundled_index(),
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

/// Opens the app on `project`, or on the bundled sample.
pub fn run(project: Option<PathBuf>) -> crate::Result<ExitCode> {
    let trace = super::trace::FrameTrace::from_env(std::time::Instant::now());
    // A file opened while the app runs (a second double-click) goes to the running app.
    if let Some(path) = &project
        && super::instance::handed_to_running_app(path)
    {
        return Ok(ExitCode::SUCCESS);
    }
    let mut handed = super::instance::listen();
    crate::store::wait_briefly();
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
        Box::new(|cc| {
            trace.step("window and renderer created");
            if let Some(h) = &handed
                && let Ok(mut wake) = h.wake.lock()
            {
                *wake = Some(cc.egui_ctx.clone());
            }
            let opened = opening.take().map(std::thread::JoinHandle::join);
            trace.step("project loaded and analysed");
            match opened {
                Some(Ok(Ok(o))) => {
                    let picker = Box::new(super::file_picker::RfdPicker::from_env());
                    let app = HtqApp::from_opened(o, picker).with_prefs(Prefs::from_config_dir());
                    Ok(Box::new(HtqApp {
                        trace,
                        handed: handed.take(),
                        ..app
                    }))
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
