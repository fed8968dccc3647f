//! Project files: loading with checks and migration, and atomic saving.

mod atomic;
mod journal;
mod journal_lock;
mod layout;
mod migrate;
pub mod places;
mod quick;
mod ron_io;
mod seen;
mod shared;

use std::path::Path;

use serde::Deserialize;

pub use atomic::{
    Kept, Replace, backup_path, remove_stale_temporaries, write_atomic, write_file, write_keeping_first_backup,
};
pub use journal::{Journal, Recovery, Step, default_untitled_dir, journal_path, journal_paths, journal_project_name};
pub use journal_lock::{claim, journal_in_use};
pub use ron_io::{locate, parse_ron, to_ron};
pub use seen::SeenStandards;
pub use shared::{
    Reapply, SaveLock, Updated, changed_on_disk, fingerprint, fingerprint_of, lock, lock_path,
    save_project_if_unchanged, update_project, wait_briefly,
};

/// Whether `path` is a file the store keeps beside a project: its `.bak`, its save lock or
/// its journal. Told by the same names the store gives them, so the two cannot drift.
pub fn is_companion(path: &std::path::Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let hidden = name.strip_prefix('.');
    [
        name.strip_suffix(".bak"),
        hidden.and_then(|n| n.strip_suffix(".lock")),
        journal_project_name(name),
    ]
    .into_iter()
    .flatten()
    .map(|project| path.with_file_name(project))
    .any(|p| {
        backup_path(&p) == path
            || lock_path(&p) == path
            || journal_paths(&journal_path(Some(&p), std::path::Path::new(""))).any(|j| j == path)
    })
}

use crate::error::{self, Error, InputError};
use crate::model::{FORMAT_VERSION, Project, Standard};

/// Just enough of a project to learn its format version before parsing the rest.
#[derive(Deserialize)]
struct Header {
    format_version: u32,
}

pub fn load_project(path: &Path) -> error::Result<Project> {
    let text = crate::fsio::read_text(path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        remove_stale_temporaries(dir);
    }
    parse_project(path, &text).map_err(Into::into)
}

/// Whether the first line reads as a CSV header (`code,title,…`) rather than RON.
fn looks_tabular(text: &str) -> bool {
    let line = text.trim_start_matches('\u{feff}').lines().next().unwrap_or("");
    !line.trim_start().starts_with('(') && (line.matches(',').count() >= 2 || line.contains('\t') || line.contains(';'))
}

pub fn parse_project(path: &Path, text: &str) -> Result<Project, InputError> {
    parse_project_seen(path, text, None)
}

/// As [`parse_project`], reading each standards text once across the files given the same
/// `seen` (a portfolio's).
pub fn parse_project_seen(path: &Path, text: &str, seen: Option<&SeenStandards>) -> Result<Project, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(path, "is empty")
            .hint("open a project saved by HTQ Mapper, or make one with `htq-mapper new`"));
    }
    // The usual case: a plain file whose top level the scanner follows, read without making
    // RON parse each of thousands of mappings.
    if let Some(top) = layout::TopLevel::scan(text)
        && matches!(top.format_version(text), Some(2..=FORMAT_VERSION))
    {
        let mut project = layout::parse_fast(path, text, &top, seen)?;
        check_project(path, text, &project)?;
        // Format 2 differs from 3 only in layout, so it is up to date once read.
        project.format_version = FORMAT_VERSION;
        return Ok(project);
    }
    // A project is RON, which opens with `(`: anything else is another kind of file, and
    // the parser's complaint about it ("Expected struct `Header`") would not say so.
    let first = text.trim_start_matches('\u{feff}').trim_start().chars().next();
    if first.is_some_and(|c| c != '(' && !c.is_alphabetic()) || looks_tabular(text) {
        let hint = match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv" | "xlsx" | "xls" | "ods") => {
                "this looks like a module list or a mapping matrix: make a project from it with `htq-mapper new --standard … --modules …`"
            }
            Some("json" | "txt") => {
                "this looks like a standard: make a project from it with `htq-mapper new --standard FILE --modules …`"
            }
            _ => "open a project saved by HTQ Mapper, or make one with `htq-mapper new`",
        };
        return Err(InputError::new(path, "is not an HTQ Mapper project file (a project starts with `(`)").hint(hint));
    }
    let header: Header = parse_ron(path, text).map_err(|e| {
        if let Some(s) = as_standard(text) {
            InputError::new(
                path,
                format!("is a standard ({} {}), not a project", s.reference, s.title),
            )
            .hint("make a project from it with `htq-mapper new --standard FILE --modules …`")
        } else if e.message.contains("format_version") {
            InputError {
                message: "is not an HTQ Mapper project: it has no format_version".into(),
                ..e
            }
        } else {
            e
        }
    })?;
    if header.format_version > FORMAT_VERSION {
        return Err(InputError::new(
            path,
            format!(
                "was made by a newer version of HTQ Mapper (project format {}; this version reads up to {FORMAT_VERSION})",
                header.format_version
            ),
        )
        .hint("update HTQ Mapper to open it"));
    }
    let mut project: Project = match header.format_version {
        1 => parse_ron::<migrate::ProjectV1>(path, text)?.migrate(),
        _ => parse_ron(path, text)?,
    };
    check_project(path, text, &project)?;
    project.format_version = FORMAT_VERSION;
    Ok(project)
}

/// Rejects what would make mappings ambiguous: repeated module codes, standards or KSB codes.
fn check_project(path: &Path, text: &str, p: &Project) -> Result<(), InputError> {
    let located = |needle: String, nth: usize, message: String, hint: &str| {
        let e = InputError::new(path, message).hint(hint);
        match locate(text, &needle, nth) {
            Some((l, c)) => e.at(l, c),
            None => e,
        }
    };
    let mut codes = std::collections::HashSet::with_capacity(p.modules.len());
    for (i, m) in p.modules.iter().enumerate() {
        if m.code.trim().is_empty() {
            return Err(InputError::new(path, format!("module {} has no code", i + 1)).hint("give every module a code"));
        }
        // Codes that only look alike (NFC vs NFD, a zero-width space) are one code.
        if !codes.insert(crate::model::module_code(&m.code)) {
            return Err(located(
                format!("code: \"{}\"", m.code),
                1,
                format!("module code {} is used twice", m.code),
                "module codes must be unique; rename one of them",
            ));
        }
        if let Some(problem) = crate::model::module_numbers_problem(m.level, m.credits) {
            return Err(located(
                format!("code: \"{}\"", m.code),
                0,
                format!("module {} {problem}", m.code),
                "correct the module's credits or level in the project file",
            ));
        }
    }
    let mut references = std::collections::HashSet::with_capacity(p.standards.len());
    for s in &p.standards {
        if !references.insert(s.reference.as_str()) {
            return Err(located(
                format!("reference: \"{}\"", s.reference),
                1,
                format!("standard {} is included twice", s.reference),
                "keep one copy of each standard",
            ));
        }
        check_standard(path, text, s)?;
    }
    check_text_sizes(path, text, p)?;
    // Merges and replies find a thread by its id, so two threads must not share one.
    let mut threads = std::collections::HashSet::with_capacity(p.comments.len());
    for t in &p.comments {
        if !threads.insert(t.id.as_str()) {
            return Err(located(
                format!("id: \"{}\"", t.id),
                1,
                format!("comment thread id {} is used twice", t.id),
                "thread ids must be unique; change one of them (any text no other thread uses)",
            ));
        }
    }
    Ok(())
}

/// Refuses a text longer than one field may hold (a title, a KSB, a comment), so no single
/// field can make every report of the project a gigabyte. Names are made only for a text
/// found too long, so a clean project costs one length test per text.
fn check_text_sizes(path: &Path, text: &str, p: &Project) -> Result<(), InputError> {
    let max = crate::model::MAX_TEXT_BYTES;
    let check = |field: &str, what: &dyn Fn() -> String| -> Result<(), InputError> {
        let Some(problem) = crate::model::oversized_text(&what(), field) else {
            return Ok(());
        };
        let e = InputError::new(path, problem).hint("shorten it in the file, or open a backup");
        let start: String = field.chars().take(40).collect();
        Err(match locate(text, &start, 0) {
            Some((l, c)) => e.at(l, c),
            None => e,
        })
    };
    if p.programme.title.len() > max {
        check(&p.programme.title, &|| "the programme's title".into())?;
    }
    for m in &p.modules {
        if m.title.len() > max || m.description.len() > max {
            check(&m.title, &|| format!("module {}'s title", m.code))?;
            check(&m.description, &|| format!("module {}'s description", m.code))?;
        }
    }
    for s in &p.standards {
        for k in s.ksbs.iter().filter(|k| k.text.len() > max) {
            check(&k.text, &|| format!("{} {}'s text", s.reference, k.code))?;
        }
    }
    for t in &p.comments {
        for c in t.comments.iter().filter(|c| c.text.len() > max) {
            check(&c.text, &|| format!("a comment in thread {}", t.id))?;
        }
    }
    Ok(())
}

/// The standard a RON text holds, when it is one (a file `import-standard` wrote, or one of
/// the bundled ones) rather than a project.
pub fn as_standard(text: &str) -> Option<Standard> {
    ron::from_str::<Standard>(text.trim_start_matches('\u{feff}')).ok()
}

pub fn check_standard(path: &Path, text: &str, s: &Standard) -> Result<(), InputError> {
    let mut codes = std::collections::HashSet::with_capacity(s.ksbs.len());
    for k in &s.ksbs {
        if !codes.insert(k.code) {
            let e = InputError::new(path, format!("{} lists {} twice", s.reference, k.code))
                .hint("each KSB code should appear once in a standard");
            return Err(match locate(text, &format!("code: \"{}\"", k.code), 1) {
                Some((l, c)) => e.at(l, c),
                None => e,
            });
        }
    }
    Ok(())
}

/// Saves a project over `path` under its save lock, keeping the old file as `FILE.bak`.
pub fn save_project(path: &Path, project: &Project) -> error::Result<()> {
    save_project_with(path, project, Replace::WithBackup)
}

/// Saves a project; `Replace::No` creates the file and never replaces one.
pub fn save_project_with(path: &Path, project: &Project, replace: Replace) -> error::Result<()> {
    let text = checked_text(path, project)?;
    // Creating never replaces anyone's file, so only a replacing save waits its turn.
    let _lock = if replace == Replace::No {
        None
    } else {
        Some(lock(path)?)
    };
    write_file(path, text.as_bytes(), replace)
}

/// Saves a project over `path` with no save lock and no `.bak` beside it: for a temporary file
/// another program owns and cleans up, such as the one git hands a merge driver, where a
/// `.NAME.lock` or `NAME.bak` would be left behind in the work tree. Still atomic.
pub fn save_project_plain(path: &Path, project: &Project) -> error::Result<()> {
    let text = checked_text(path, project)?;
    write_file(path, text.as_bytes(), Replace::Yes)
}

/// The project's text, refused (with the readers' own message) when it is more than they read.
fn checked_text(path: &Path, project: &Project) -> error::Result<String> {
    let text = project_to_string(project).map_err(|e| Error::io(path, std::io::Error::other(e)))?;
    crate::fsio::check_writable_size(path, text.len())?;
    Ok(text)
}

/// The bytes a project saves as: the same project always gives the same bytes.
pub fn project_to_string(project: &Project) -> Result<String, ron::Error> {
    layout::write(project)
}

pub fn load_standard(path: &Path) -> error::Result<Standard> {
    let text = crate::fsio::read_text(path)?;
    let s: Standard = parse_ron(path, &text)?;
    check_standard(path, &text, &s)?;
    Ok(s)
}

pub fn save_standard(path: &Path, standard: &Standard, replace: Replace) -> error::Result<()> {
    let text = to_ron(standard).map_err(|e| Error::io(path, std::io::Error::other(e)))?;
    crate::fsio::check_writable_size(path, text.len())?;
    write_file(path, text.as_bytes(), replace)
}
