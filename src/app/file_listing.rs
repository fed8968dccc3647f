//! The filesystem side of the app's own file dialog, testable without a window: what a
//! folder holds for a file kind, and what a typed path means.

use std::path::{Path, PathBuf};

use super::file_picker::FileKind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub path: PathBuf,
    pub is_dir: bool,
}

/// The folder's subfolders and its files of `kind` (every file with `all_files`), folders
/// first, then by name ignoring case. Hidden entries are left out, as desktop dialogs do.
pub fn list(folder: &Path, kind: FileKind, all_files: bool) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(folder).map_err(|e| format!("Cannot read {}: {e}", folder.display()))?;
    let mut entries: Vec<Entry> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            let path = e.path();
            // Follows symbolic links, so a link to a folder opens like one.
            let is_dir = path.is_dir();
            (is_dir || all_files || kind.matches(&path)).then_some(Entry { name, path, is_dir })
        })
        .collect();
    entries.sort_by_cached_key(|e| (!e.is_dir, e.name.to_lowercase()));
    Ok(entries)
}

/// Where a dialog starts: the preferred folder if it exists, else home, else the working folder.
pub fn start_folder(preferred: Option<&Path>) -> PathBuf {
    // A project opened as `htq-mapper p.ron` has the folder "": the working one.
    let preferred = preferred.map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p });
    let absolute = preferred.and_then(|p| std::path::absolute(p).ok());
    absolute
        .as_deref()
        .filter(|p| p.is_dir())
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("HOME").map(PathBuf::from).filter(|h| h.is_dir()))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// A typed path: `~` is home, and a relative path is taken from the folder shown.
pub fn resolve(folder: &Path, typed: &str) -> PathBuf {
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    if typed == "~" {
        return home().unwrap_or_else(|| folder.to_path_buf());
    }
    if let Some(rest) = typed.strip_prefix("~/")
        && let Some(h) = home()
    {
        return h.join(rest);
    }
    folder.join(typed)
}

/// What Enter on a typed path does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Use this file.
    Choose(PathBuf),
    /// Show this folder.
    Enter(PathBuf),
    /// Saving would replace this file: ask first.
    ConfirmReplace(PathBuf),
    /// Why not, in words.
    Problem(String),
}

/// Decides what the typed path means. `saves` is a dialog that writes; `replace` is a file
/// the user already agreed to replace.
pub fn decide(folder: &Path, typed: &str, kind: FileKind, saves: bool, replace: Option<&Path>) -> Decision {
    let typed = typed.trim();
    if kind == FileKind::Folder {
        // A folder is chosen, not entered: the one typed, or the one shown.
        let path = if typed.is_empty() {
            folder.to_path_buf()
        } else {
            resolve(folder, typed)
        };
        return if path.is_dir() {
            Decision::Choose(path)
        } else {
            Decision::Problem(format!("There is no folder {}.", path.display()))
        };
    }
    if typed.is_empty() {
        return Decision::Problem("Type a file name, or choose a file from the list.".into());
    }
    let mut path = resolve(folder, typed);
    if path.is_dir() {
        return Decision::Enter(path);
    }
    let wants_folder = typed.ends_with('/') || typed.ends_with(std::path::MAIN_SEPARATOR);
    let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
    if wants_folder || !parent.is_dir() {
        let missing = if wants_folder { &path } else { &parent };
        return Decision::Problem(format!("There is no folder {}.", missing.display()));
    }
    if !saves {
        return match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => Decision::Choose(path),
            Ok(_) => Decision::Problem(format!("{} is not a file that can be opened.", path.display())),
            Err(_) => Decision::Problem(format!(
                "There is no file {} in {}.",
                crate::fsio::file_name(&path),
                parent.display()
            )),
        };
    }
    if path.extension().is_none() {
        path.set_extension(kind.default_extension());
        if path.is_dir() {
            return Decision::Enter(path);
        }
    }
    // A report's format follows its extension: one no format has is said now, before any
    // question of replacing a file of that name.
    if kind == FileKind::Report {
        let formats: Vec<&str> = kind.filters().iter().flat_map(|(_, e)| e.iter().copied()).collect();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !formats.contains(&ext.as_str()) {
            let list: Vec<String> = formats.iter().map(|e| format!(".{e}")).collect();
            return Decision::Problem(format!(
                "`.{ext}` is not a report format: end the name in {}.",
                list.join(", ")
            ));
        }
    }
    match std::fs::symlink_metadata(&path) {
        Err(_) => Decision::Choose(path),
        Ok(_) if replace == Some(path.as_path()) => Decision::Choose(path),
        Ok(_) => Decision::ConfirmReplace(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in ["b.ron", "A.RON", "notes.txt", "m.csv", "w.xlsx", ".hidden.ron"] {
            std::fs::write(dir.path().join(f), "").unwrap();
        }
        for d in ["zoo", "Archive", ".git"] {
            std::fs::create_dir(dir.path().join(d)).unwrap();
        }
        dir
    }

    fn names(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn lists_folders_first_then_the_kinds_files() {
        let dir = folder();
        let projects = list(dir.path(), FileKind::Project, false).unwrap();
        assert_eq!(names(&projects), ["Archive", "zoo", "A.RON", "b.ron"]);
        assert!(projects[0].is_dir && !projects[2].is_dir);
        assert_eq!(projects[3].path, dir.path().join("b.ron"));
        let tables = list(dir.path(), FileKind::Table, false).unwrap();
        assert_eq!(names(&tables), ["Archive", "zoo", "m.csv", "w.xlsx"]);
        let reports = list(dir.path(), FileKind::Report, false).unwrap();
        assert_eq!(names(&reports), ["Archive", "zoo", "m.csv", "w.xlsx"]);
        let all = list(dir.path(), FileKind::Standard, true).unwrap();
        assert_eq!(
            names(&all),
            ["Archive", "zoo", "A.RON", "b.ron", "m.csv", "notes.txt", "w.xlsx"]
        );
    }

    #[test]
    fn a_missing_folder_is_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let err = list(&dir.path().join("gone"), FileKind::Project, false).unwrap_err();
        assert!(err.starts_with("Cannot read ") && err.contains("gone"), "{err}");
    }

    #[test]
    fn saving_decides_by_what_is_there() {
        let dir = folder();
        let d = dir.path();
        let save = |typed: &str, replace: Option<&Path>| decide(d, typed, FileKind::Project, true, replace);
        assert_eq!(save("new.ron", None), Decision::Choose(d.join("new.ron")));
        assert_eq!(
            save("new", None),
            Decision::Choose(d.join("new.ron")),
            "the kind's extension is added"
        );
        let full = d.join("zoo").join("p.ron");
        assert_eq!(save(&full.display().to_string(), None), Decision::Choose(full));
        assert_eq!(save("zoo", None), Decision::Enter(d.join("zoo")));
        assert_eq!(save("b.ron", None), Decision::ConfirmReplace(d.join("b.ron")));
        assert_eq!(save("b.ron", Some(&d.join("b.ron"))), Decision::Choose(d.join("b.ron")));
        assert!(matches!(save("nowhere/p.ron", None), Decision::Problem(m) if m.contains("no folder")));
        assert!(matches!(save("  ", None), Decision::Problem(_)));
        assert!(matches!(save("newdir/", None), Decision::Problem(m) if m.contains("no folder")));
    }

    #[test]
    fn opening_needs_an_existing_file() {
        let dir = folder();
        let d = dir.path();
        let folder = |typed: &str| decide(d, typed, FileKind::Folder, false, None);
        assert_eq!(folder(""), Decision::Choose(d.to_path_buf()), "the folder shown");
        assert!(matches!(folder("nowhere"), Decision::Problem(_)));
        let open = |typed: &str| decide(d, typed, FileKind::Project, false, None);
        assert_eq!(open("b.ron"), Decision::Choose(d.join("b.ron")));
        assert_eq!(open("Archive"), Decision::Enter(d.join("Archive")));
        assert!(matches!(open("missing.ron"), Decision::Problem(m) if m.contains("no file missing.ron")));
        assert!(matches!(open("x/missing.ron"), Decision::Problem(m) if m.contains("no folder")));
    }

    #[test]
    fn relative_paths_start_in_the_folder_shown() {
        let base = Path::new("/data/courses");
        assert_eq!(resolve(base, "p.ron"), base.join("p.ron"));
        assert_eq!(resolve(base, "/tmp/p.ron"), PathBuf::from("/tmp/p.ron"));
        if let Some(home) = std::env::var_os("HOME") {
            assert_eq!(resolve(base, "~/p.ron"), PathBuf::from(home).join("p.ron"));
        }
    }

    /// An export to an existing `.ron` is refused for its format before any question of
    /// replacing it (it once asked "Replace it?" first).
    #[test]
    fn an_export_with_no_report_format_is_refused_before_replace_is_asked() {
        let dir = folder();
        let d = dir.path();
        let decided = decide(d, "b.ron", FileKind::Report, true, None);
        let Decision::Problem(message) = decided else {
            panic!("{decided:?}");
        };
        assert!(message.contains("`.ron` is not a report format"), "{message}");
        assert!(matches!(
            decide(d, "w.xlsx", FileKind::Report, true, None),
            Decision::ConfirmReplace(_)
        ));
        assert!(
            matches!(decide(d, "new", FileKind::Report, true, None), Decision::Choose(p) if p.ends_with("new.xlsx"))
        );
    }

    /// The folder of a project opened by a bare name (`htq-mapper p.ron`) is the working one,
    /// not home.
    #[test]
    fn a_bare_file_name_starts_in_the_working_folder() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(start_folder(Path::new("p.ron").parent()), here);
        assert_eq!(start_folder(Some(Path::new("."))), here.join("."));
    }
}
