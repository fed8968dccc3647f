//! The edit journal: every completed edit is appended and synced, so a crash, a
//! `kill -9` or a power cut loses nothing. The first line is the project as last
//! saved; each further line is one edit, in RON on a single line.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::model::{Edit, ProgrammeDraft, Project};

#[derive(Serialize, Deserialize)]
enum Line {
    Base(Box<Project>),
    Edit(String, Edit),
    /// Undo or redo of the edit labelled so, and the edit that did it.
    Undo(String, Edit),
    Redo(String, Edit),
    /// An edit joined to the one before it: one step to undo, one change to list.
    Join(String, Edit),
    /// The modules editor's draft while it holds what is not applied yet (a row without its
    /// code, say); `None` once it is applied or given up.
    Draft(Option<Box<ProgrammeDraft>>),
    /// A note or workplace reason typed in the inspector and not applied yet, as the cell
    /// would be with it; `None` once applied or given up. Any edit after it supersedes it
    /// (the app notes it again if it is still unapplied).
    /// One cell's typing, as journals before ranges had reasons wrote it.
    Typing(Option<Box<crate::model::CellEdit>>),
    /// The cells as the inspector's unapplied typing would leave them: one cell's note or
    /// reason, or a range's shared reason; none when the typing was applied or given up.
    TypingCells(Vec<crate::model::CellEdit>),
}

/// What a journal line records: an edit, or undoing or redoing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Edit,
    /// An edit joined to the last (see `History::apply_joined`).
    Join,
    Undo,
    Redo,
}

/// Where a project's journal lives: beside it as `.NAME.journal`, or for an untitled
/// project in the user's data folder.
pub fn journal_path(project: Option<&Path>, untitled_dir: &Path) -> PathBuf {
    match project {
        Some(p) => {
            // Beside the file itself, however it was reached: a project opened through a link
            // and by its own path keeps one journal, so a crash's work is found either way.
            let p = super::atomic::real_path(p);
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            p.with_file_name(format!(".{name}.journal"))
        }
        None => untitled_dir.join("untitled.journal"),
    }
}

/// How many copies of the app may journal one project at once, each in its own file.
const COPIES: usize = 8;

/// The journals that copies of the app running at once keep for one project: `first` (from
/// [`journal_path`]), then `.NAME.journal-2` to `-8`. Each copy locks the one it writes, so
/// two copies on a shared file each keep their own crash recovery.
pub fn journal_paths(first: &Path) -> impl Iterator<Item = PathBuf> + use<> {
    let first = first.to_path_buf();
    let more = first.clone();
    std::iter::once(first).chain((2..=COPIES).map(move |n| {
        let mut name = more.as_os_str().to_owned();
        name.push(format!("-{n}"));
        PathBuf::from(name)
    }))
}

/// The project's file name in a journal's (`.NAME.journal` or `.NAME.journal-2`).
pub fn journal_project_name(journal_name: &str) -> Option<&str> {
    let hidden = journal_name.strip_prefix('.')?;
    let copy = hidden
        .rsplit_once("-")
        .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(hidden, |(rest, _)| rest);
    copy.strip_suffix(".journal")
}

/// A journal holds the whole project, so it is no more readable than the project: the
/// project's own mode (less any execute bits), or 0600 for an untitled project.
#[cfg(unix)]
fn journal_mode(journal: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    let name = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let project = journal_project_name(&name).map(|n| journal.with_file_name(n));
    project
        .and_then(|p| std::fs::metadata(p).ok())
        .map_or(0o600, |m| m.permissions().mode() & 0o666)
}

/// The platform's data folder for recovery files: `$XDG_DATA_HOME/htq-mapper/recovery` on
/// Linux (see [`super::places`] for the others).
pub fn default_untitled_dir() -> PathBuf {
    super::places::data_home(super::places::env)
        .unwrap_or_else(std::env::temp_dir)
        .join("htq-mapper")
        .join("recovery")
}

pub struct Journal {
    path: PathBuf,
    file: File,
}

impl Journal {
    /// Starts a journal whose base is `base`, replacing any old one, and holds a lock on it
    /// while it lives. A journal another copy of the app holds is left alone: the error is
    /// `ResourceBusy` (two copies on one project once wiped each other's recovery).
    pub fn start(path: &Path, base: &Project) -> std::io::Result<Journal> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = OpenOptions::new();
        // Truncated only once it is ours (below).
        options.create(true).write(true).truncate(false);
        #[cfg(unix)]
        let mode = {
            use std::os::unix::fs::OpenOptionsExt;
            let mode = journal_mode(path);
            options.mode(mode);
            mode
        };
        let mut file = options.open(path)?;
        let busy = || {
            std::io::Error::new(
                std::io::ErrorKind::ResourceBusy,
                "another copy of HTQ Mapper has this project open and is journalling it",
            )
        };
        match file.try_lock() {
            // Removed by the copy that held it, between the open and the lock: not this name's.
            Ok(()) if !super::journal_lock::still_named(&file, path) => return Err(busy()),
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(busy()),
            // A drive that keeps no locks (some network mounts): journalled as before, unguarded.
            Err(std::fs::TryLockError::Error(_)) => {}
        }
        file.set_len(0)?;
        // An old journal keeps its mode through truncation; give it the project's.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        let line = ron::to_string(&Line::Base(Box::new(base.clone()))).map_err(std::io::Error::other)?;
        file.write_all(line.as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        Ok(Journal {
            path: path.to_path_buf(),
            file,
        })
    }

    /// Appends one applied edit and syncs it to disk before returning.
    pub fn append(&mut self, label: &str, edit: &Edit) -> std::io::Result<()> {
        self.append_step(Step::Edit, label, edit)
    }

    /// Appends an edit, undo or redo; `label` is the edit's own label, also for an undo.
    pub fn append_step(&mut self, step: Step, label: &str, edit: &Edit) -> std::io::Result<()> {
        let (label, edit) = (label.to_string(), edit.clone());
        let line = match step {
            Step::Edit => Line::Edit(label, edit),
            Step::Join => Line::Join(label, edit),
            Step::Undo => Line::Undo(label, edit),
            Step::Redo => Line::Redo(label, edit),
        };
        let mut line = ron::to_string(&line).map_err(std::io::Error::other)?;
        line.push('\n');
        // One write per line, so a torn write can only damage the last line.
        self.file.write_all(line.as_bytes())?;
        self.file.sync_data()
    }

    /// Records the modules editor's unapplied draft, or with `None` that it has none now.
    pub fn note_draft(&mut self, draft: Option<&ProgrammeDraft>) -> std::io::Result<()> {
        let line = Line::Draft(draft.cloned().map(Box::new));
        let mut line = ron::to_string(&line).map_err(std::io::Error::other)?;
        line.push('\n');
        self.file.write_all(line.as_bytes())?;
        self.file.sync_data()
    }

    /// Records the inspector's unapplied typing (or that there is none), so a crash keeps it.
    pub fn note_typing(&mut self, typing: &[crate::model::CellEdit]) -> std::io::Result<()> {
        let line = Line::TypingCells(typing.to_vec());
        let mut line = ron::to_string(&line).map_err(std::io::Error::other)?;
        line.push('\n');
        self.file.write_all(line.as_bytes())?;
        self.file.sync_data()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the journal: after a clean save, or when the user discards the work.
    pub fn discard(self) {
        // Removed while still locked, so no other copy starts in it meanwhile.
        let _ = std::fs::remove_file(&self.path);
        drop(self.file);
    }
}

/// Work found in a journal after the app did not close cleanly.
#[derive(Clone, Debug)]
pub struct Recovery {
    pub path: PathBuf,
    pub base: Project,
    /// Labels and edits in the order they were applied, undos and redos included.
    pub edits: Vec<(String, Edit)>,
    /// The edits still in effect, oldest first: those undone and not redone are left out.
    pub changes: Vec<String>,
    /// The modules editor's draft, when the crash came while it held unapplied work.
    pub draft: Option<ProgrammeDraft>,
    /// A note or reason being typed when the app stopped: the cell as it would be with it.
    pub typing: Vec<crate::model::CellEdit>,
    pub modified: Option<SystemTime>,
}

/// One change still in effect after a run of edits, undos and redos.
enum Change {
    Did(String),
    /// An edit saved before the journal began, undone since.
    Undid(String),
    /// An edit undone before the journal began, redone since.
    Redid(String),
}

/// Follows undo and redo as the history did, to tell which edits are still in effect.
#[derive(Default)]
struct Net {
    done: Vec<Change>,
    undone: Vec<Change>,
}

impl Net {
    fn step(&mut self, step: Step, label: String) {
        match step {
            Step::Edit => {
                self.done.push(Change::Did(label));
                self.undone.clear();
            }
            Step::Join => {}
            Step::Undo => match self.done.last() {
                Some(Change::Did(_) | Change::Redid(_)) => self.undone.extend(self.done.pop()),
                _ => self.done.push(Change::Undid(label)),
            },
            Step::Redo => match self.undone.pop() {
                Some(c) => self.done.push(c),
                None if matches!(self.done.last(), Some(Change::Undid(_))) => {
                    self.done.pop();
                }
                None => self.done.push(Change::Redid(label)),
            },
        }
    }

    fn labels(self) -> Vec<String> {
        self.done
            .into_iter()
            .map(|c| match c {
                Change::Did(l) => l,
                Change::Undid(l) => format!("Undid {l}"),
                Change::Redid(l) => format!("Redid {l}"),
            })
            .collect()
    }
}

impl Recovery {
    /// Reads a journal; a last line cut short by a crash is dropped. `None` when there
    /// is no journal or nothing usable in it.
    pub fn read(path: &Path) -> Option<Recovery> {
        Self::read_from(&File::open(path).ok()?, path)
    }

    /// [`Recovery::read`] through a handle already open on `path`, such as a claim's
    /// (`store::claim`; where locks bar other handles, as on Windows, it is the one that can
    /// read it).
    pub fn read_from(file: &File, path: &Path) -> Option<Recovery> {
        let modified = file.metadata().ok().and_then(|m| m.modified().ok());
        let mut lines = BufReader::new(file).lines();
        let Ok(Line::Base(base)) = ron::from_str::<Line>(&lines.next()?.ok()?) else {
            return None;
        };
        let mut edits = Vec::new();
        let mut net = Net::default();
        let mut draft = None;
        let mut typing = Vec::new();
        for line in lines {
            let line = line.ok().and_then(|l| ron::from_str::<Line>(&l).ok());
            // An edit after the typing was noted applied it, or came after it was given up.
            if matches!(
                line,
                Some(Line::Edit(..) | Line::Join(..) | Line::Undo(..) | Line::Redo(..))
            ) {
                typing.clear();
            }
            let (step, label, edit) = match line {
                Some(Line::Draft(d)) => {
                    draft = d.map(|d| *d);
                    continue;
                }
                Some(Line::Typing(t)) => {
                    typing = t.map(|t| vec![*t]).unwrap_or_default();
                    continue;
                }
                Some(Line::TypingCells(t)) => {
                    typing = t;
                    continue;
                }
                Some(Line::Join(label, edit)) => {
                    edits.push((label, edit));
                    continue;
                }
                Some(Line::Edit(label, edit)) => (Step::Edit, label, edit),
                Some(Line::Undo(label, edit)) => (Step::Undo, label, edit),
                Some(Line::Redo(label, edit)) => (Step::Redo, label, edit),
                _ => break,
            };
            let shown = match step {
                Step::Edit | Step::Join => label.clone(),
                Step::Undo => format!("Undid {label}"),
                Step::Redo => format!("Redid {label}"),
            };
            edits.push((shown, edit));
            net.step(step, label);
        }
        let mut changes = net.labels();
        if draft.is_some() {
            changes.push("Unapplied changes in the modules editor".into());
        }
        match typing.as_slice() {
            [] => {}
            [t] => changes.push(format!(
                "Typing in the note or reason of {} × {}, not yet applied",
                t.module, t.ksb
            )),
            [t, ..] => changes.push(format!(
                "Typing in the workplace reason of {} cells ({} × {} and more), not yet applied",
                typing.len(),
                t.module,
                t.ksb
            )),
        }
        Some(Recovery {
            path: path.to_path_buf(),
            base: *base,
            edits,
            changes,
            draft,
            typing,
            modified,
        })
    }

    /// The project with every journalled edit applied.
    pub fn replay(&self) -> Project {
        let mut p = self.base.clone();
        for (_, e) in &self.edits {
            e.clone().apply(&mut p);
        }
        if !self.typing.is_empty() {
            crate::model::Edit::Cells(self.typing.clone()).apply(&mut p);
        }
        p
    }

    /// Whether replaying changes anything, or a draft waits, so an empty journal is not offered.
    pub fn has_changes(&self) -> bool {
        self.draft.is_some() || ((!self.edits.is_empty() || !self.typing.is_empty()) && self.replay() != self.base)
    }
}

#[cfg(test)]
#[path = "journal_tests.rs"]
mod tests;
