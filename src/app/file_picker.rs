//! File dialogs behind a small trait, so tests can answer them.

use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Project,
    Standard,
    Report,
    /// A module list or mapping matrix: CSV or a workbook.
    Table,
}

pub trait FilePicker {
    fn pick_open(&mut self, kind: FileKind) -> Option<PathBuf>;
    fn pick_save(&mut self, kind: FileKind, suggested: &str, folder: Option<&Path>) -> Option<PathBuf>;
}

/// The platform's dialogs, through rfd.
pub struct RfdPicker;

fn dialog(kind: FileKind) -> rfd::FileDialog {
    let d = rfd::FileDialog::new();
    match kind {
        FileKind::Project => d.add_filter("HTQ Mapper project", &["ron"]),
        FileKind::Standard => d
            .add_filter("Standard (IfATE page text, API JSON or RON)", &["txt", "json", "ron"])
            .add_filter("All files", &["*"]),
        FileKind::Table => d
            .add_filter("CSV or workbook", &["csv", "xlsx", "xls", "ods"])
            .add_filter("All files", &["*"]),
        FileKind::Report => d
            .add_filter("Excel workbook", &["xlsx"])
            .add_filter("HTML report", &["html"])
            .add_filter("CSV", &["csv"]),
    }
}

impl FilePicker for RfdPicker {
    fn pick_open(&mut self, kind: FileKind) -> Option<PathBuf> {
        dialog(kind).pick_file()
    }

    fn pick_save(&mut self, kind: FileKind, suggested: &str, folder: Option<&Path>) -> Option<PathBuf> {
        let mut d = dialog(kind).set_file_name(suggested);
        if let Some(f) = folder {
            d = d.set_directory(f);
        }
        d.save_file()
    }
}

/// Answers dialogs from a queue; for tests and scripted runs. Clones share the queue.
#[derive(Clone, Default)]
pub struct QueuedPicker {
    inner: std::sync::Arc<std::sync::Mutex<Queue>>,
}

#[derive(Default)]
struct Queue {
    answers: std::collections::VecDeque<Option<PathBuf>>,
    asked: Vec<FileKind>,
}

impl QueuedPicker {
    /// Queues the answer to the next dialog; `None` is a cancelled dialog.
    pub fn answer(&self, path: Option<PathBuf>) {
        if let Ok(mut q) = self.inner.lock() {
            q.answers.push_back(path);
        }
    }

    /// The dialogs asked for so far.
    pub fn asked(&self) -> Vec<FileKind> {
        self.inner.lock().map(|q| q.asked.clone()).unwrap_or_default()
    }

    fn next(&self, kind: FileKind) -> Option<PathBuf> {
        let mut q = self.inner.lock().ok()?;
        q.asked.push(kind);
        q.answers.pop_front().flatten()
    }
}

impl FilePicker for QueuedPicker {
    fn pick_open(&mut self, kind: FileKind) -> Option<PathBuf> {
        self.next(kind)
    }

    fn pick_save(&mut self, kind: FileKind, _suggested: &str, _folder: Option<&Path>) -> Option<PathBuf> {
        self.next(kind)
    }
}
