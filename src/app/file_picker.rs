//! File dialogs behind a small trait, so tests can answer them. The desktop's dialog comes
//! through rfd where one can open; where none can, the picker says so and the app shows
//! its own (`ui::file_dialog`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::native_dialog::{self, Choice};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Project,
    Standard,
    Report,
    /// A module list or mapping matrix: CSV or a workbook.
    Table,
    /// Module descriptors: CSV, a workbook or a Word module specification.
    Descriptors,
    /// A folder, as a portfolio of programmes: no files are chosen, only folders.
    Folder,
}

/// A dialog filter: its name and the extensions it shows.
pub type Filter = (&'static str, &'static [&'static str]);

impl FileKind {
    /// The filters both dialogs offer, first the default.
    pub fn filters(self) -> &'static [Filter] {
        match self {
            FileKind::Project => &[("HTQ Mapper project", &["ron"])],
            FileKind::Standard => &[("Standard (IfATE page text, API JSON or RON)", &["txt", "json", "ron"])],
            FileKind::Table => &[("CSV or workbook", &["csv", "xlsx", "xls", "ods"])],
            FileKind::Descriptors => &[("CSV, workbook or Word document", &["csv", "xlsx", "xls", "ods", "docx"])],
            FileKind::Report => &[
                ("Excel workbook", &["xlsx"]),
                ("HTML report", &["html"]),
                ("CSV", &["csv"]),
            ],
            FileKind::Folder => &[("Folders", &[])],
        }
    }

    /// Whether the dialog also offers "All files": reading is lenient, writing is not.
    pub fn offers_all_files(self) -> bool {
        matches!(self, FileKind::Standard | FileKind::Table | FileKind::Descriptors)
    }

    /// Added to a saved name typed without one, so the file can be told apart later.
    pub fn default_extension(self) -> &'static str {
        self.filters()
            .first()
            .and_then(|(_, exts)| exts.first())
            .copied()
            .unwrap_or("")
    }

    /// Whether a file name has one of this kind's extensions.
    pub fn matches(self, name: &Path) -> bool {
        let Some(ext) = name.extension().and_then(|e| e.to_str()) else {
            return false;
        };
        self.filters()
            .iter()
            .flat_map(|(_, exts)| exts.iter())
            .any(|e| e.eq_ignore_ascii_case(ext))
    }
}

/// Why a file dialog is asked for: what happens to the chosen path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    OpenProject,
    SaveProject,
    SaveProjectAs,
    /// Save from the unsaved-changes prompt, then do what it was asked before.
    SaveThenContinue,
    ImportStandard,
    /// A newer version of one of the project's standards, to compare and migrate to.
    UpdateStandard,
    ImportModules,
    ImportMatrix,
    ImportDescriptors,
    ExportReport,
    /// A reviewer's copy of the project, whose comments merge into this one.
    MergeComments,
    /// Another copy of the project, to compare with the open one.
    CompareProject,
    /// A folder of programmes, listed as a portfolio.
    OpenPortfolio,
    /// Standards records (API JSON) to lay over the bundled catalogue.
    UpdateCatalogue,
    /// A colleague's copy of the project, merged three ways into this one.
    MergeCopy,
    /// Where to write a copy for a colleague to edit, recording its base.
    SendCopy,
}

impl FilePurpose {
    pub fn kind(self) -> FileKind {
        match self {
            FilePurpose::OpenProject
            | FilePurpose::SaveProject
            | FilePurpose::SaveProjectAs
            | FilePurpose::SaveThenContinue
            | FilePurpose::MergeComments => FileKind::Project,
            FilePurpose::CompareProject | FilePurpose::MergeCopy | FilePurpose::SendCopy => FileKind::Project,
            FilePurpose::ImportStandard | FilePurpose::UpdateStandard | FilePurpose::UpdateCatalogue => {
                FileKind::Standard
            }
            FilePurpose::OpenPortfolio => FileKind::Folder,
            FilePurpose::ImportModules | FilePurpose::ImportMatrix => FileKind::Table,
            FilePurpose::ImportDescriptors => FileKind::Descriptors,
            FilePurpose::ExportReport => FileKind::Report,
        }
    }

    /// Writes a file (so may replace one) rather than reading it.
    pub fn saves(self) -> bool {
        matches!(
            self,
            FilePurpose::SaveProject
                | FilePurpose::SaveProjectAs
                | FilePurpose::SaveThenContinue
                | FilePurpose::ExportReport
                | FilePurpose::SendCopy
        )
    }

    /// The dialog's title.
    pub fn title(self) -> &'static str {
        match self {
            FilePurpose::OpenProject => "Open project",
            FilePurpose::SaveProject | FilePurpose::SaveThenContinue => "Save project",
            FilePurpose::SaveProjectAs => "Save project as",
            FilePurpose::ImportStandard => "Import standard",
            FilePurpose::UpdateStandard => "Update to a newer version",
            FilePurpose::ImportModules => "Import module list",
            FilePurpose::ImportMatrix => "Import mapping matrix",
            FilePurpose::ImportDescriptors => "Import learning outcomes and assessments",
            FilePurpose::ExportReport => "Export report",
            FilePurpose::MergeComments => "Merge comments from a reviewer's copy",
            FilePurpose::CompareProject => "Compare with another copy",
            FilePurpose::OpenPortfolio => "Open a folder of programmes as a portfolio",
            FilePurpose::UpdateCatalogue => "Update the catalogue from a standard's record",
            FilePurpose::MergeCopy => "Merge a colleague's copy",
            FilePurpose::SendCopy => "Send a copy for editing",
        }
    }

    /// The accepting button's label.
    pub fn verb(self) -> &'static str {
        match self {
            FilePurpose::OpenProject => "Open",
            FilePurpose::SaveProject | FilePurpose::SaveProjectAs | FilePurpose::SaveThenContinue => "Save",
            FilePurpose::ImportStandard
            | FilePurpose::ImportModules
            | FilePurpose::ImportMatrix
            | FilePurpose::ImportDescriptors => "Import",
            FilePurpose::UpdateStandard | FilePurpose::CompareProject => "Compare",
            FilePurpose::ExportReport => "Export",
            FilePurpose::MergeComments | FilePurpose::MergeCopy => "Merge",
            FilePurpose::SendCopy => "Save copy",
            FilePurpose::OpenPortfolio => "Open folder",
            FilePurpose::UpdateCatalogue => "Update",
        }
    }
}

/// What a picker's dialog gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    Chosen(PathBuf),
    Cancelled,
    /// No desktop dialog can open here, or it failed at once (and why, for the status line):
    /// the app shows its own dialog instead.
    Unavailable(Option<&'static str>),
}

pub trait FilePicker {
    fn pick_open(&mut self, kind: FileKind) -> Picked;
    fn pick_save(&mut self, kind: FileKind, suggested: &str, folder: Option<&Path>) -> Picked;
}

/// Sooner than anyone can cancel a dialog: a `None` this fast means it never opened.
const FASTER_THAN_A_PERSON: Duration = Duration::from_millis(150);

/// The platform's dialogs, through rfd, where one can open.
pub struct RfdPicker {
    choice: Choice,
    /// Whether the desktop dialog opens here: probed on first use, turned off if it fails.
    native: Option<bool>,
}

impl RfdPicker {
    /// Honours `HTQ_FILE_DIALOG=builtin|native`; otherwise probes on the first dialog.
    pub fn from_env() -> Self {
        Self {
            choice: native_dialog::choice_from_env(),
            native: None,
        }
    }

    fn native(&mut self) -> bool {
        match self.choice {
            Choice::Builtin => false,
            Choice::Native => *self.native.get_or_insert(true),
            Choice::Detect => *self.native.get_or_insert_with(native_dialog::available),
        }
    }

    fn timed(&mut self, show: impl FnOnce() -> Option<PathBuf>) -> Picked {
        if !self.native() {
            return Picked::Unavailable(None);
        }
        let started = Instant::now();
        match show() {
            Some(path) => Picked::Chosen(path),
            None if started.elapsed() < FASTER_THAN_A_PERSON => {
                self.native = Some(false);
                Picked::Unavailable(Some("The desktop file dialog did not open, so HTQ Mapper uses its own"))
            }
            None => Picked::Cancelled,
        }
    }
}

fn dialog(kind: FileKind) -> rfd::FileDialog {
    let mut d = rfd::FileDialog::new();
    for (name, exts) in kind.filters() {
        d = d.add_filter(*name, exts);
    }
    if kind.offers_all_files() {
        d = d.add_filter("All files", &["*"]);
    }
    d
}

impl FilePicker for RfdPicker {
    fn pick_open(&mut self, kind: FileKind) -> Picked {
        if kind == FileKind::Folder {
            return self.timed(|| rfd::FileDialog::new().pick_folder());
        }
        self.timed(|| dialog(kind).pick_file())
    }

    fn pick_save(&mut self, kind: FileKind, suggested: &str, folder: Option<&Path>) -> Picked {
        let mut d = dialog(kind).set_file_name(suggested);
        if let Some(f) = folder {
            d = d.set_directory(f);
        }
        self.timed(|| d.save_file())
    }
}

/// Answers dialogs from a queue; for tests and scripted runs. Clones share the queue.
#[derive(Clone, Default)]
pub struct QueuedPicker {
    inner: std::sync::Arc<std::sync::Mutex<Queue>>,
}

#[derive(Default)]
struct Queue {
    answers: std::collections::VecDeque<Picked>,
    asked: Vec<FileKind>,
    /// The names the save dialogs suggested.
    suggested: Vec<String>,
    /// Answer every dialog "unavailable", as where there is no desktop dialog.
    no_native: bool,
}

impl QueuedPicker {
    /// A picker with no desktop dialog: every request goes to the app's own dialog.
    pub fn without_native_dialog() -> Self {
        let picker = Self::default();
        if let Ok(mut q) = picker.inner.lock() {
            q.no_native = true;
        }
        picker
    }

    /// Queues the answer to the next dialog; `None` is a cancelled dialog.
    pub fn answer(&self, path: Option<PathBuf>) {
        if let Ok(mut q) = self.inner.lock() {
            q.answers.push_back(path.map_or(Picked::Cancelled, Picked::Chosen));
        }
    }

    /// The file names the save dialogs asked for so far suggested.
    pub fn suggested(&self) -> Vec<String> {
        self.inner.lock().map(|q| q.suggested.clone()).unwrap_or_default()
    }

    /// The dialogs asked for so far.
    pub fn asked(&self) -> Vec<FileKind> {
        self.inner.lock().map(|q| q.asked.clone()).unwrap_or_default()
    }

    fn next(&self, kind: FileKind) -> Picked {
        let Ok(mut q) = self.inner.lock() else {
            return Picked::Cancelled;
        };
        q.asked.push(kind);
        if q.no_native {
            return Picked::Unavailable(None);
        }
        q.answers.pop_front().unwrap_or(Picked::Cancelled)
    }
}

impl FilePicker for QueuedPicker {
    fn pick_open(&mut self, kind: FileKind) -> Picked {
        self.next(kind)
    }

    fn pick_save(&mut self, kind: FileKind, suggested: &str, _folder: Option<&Path>) -> Picked {
        if let Ok(mut q) = self.inner.lock() {
            q.suggested.push(suggested.to_string());
        }
        self.next(kind)
    }
}
