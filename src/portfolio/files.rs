//! Finding a portfolio's project files: the paths given, and every `.ron` under the folders
//! given. Other files are counted as skipped; a path that cannot be read is kept with its error.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::Unreadable;

/// What the paths hold.
#[derive(Debug, Default)]
pub struct Found {
    /// Project files (`*.ron`), sorted, each once.
    pub projects: Vec<PathBuf>,
    /// Files that are not project files.
    pub skipped: usize,
    /// Paths and folders that could not be read.
    pub unreadable: Vec<Unreadable>,
}

/// A project file is a `.ron`, in any case.
pub fn is_project_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// The project files of `paths`: files as given, folders searched recursively (a folder
/// reached twice through links is searched once).
pub fn find(paths: &[PathBuf]) -> Found {
    let mut found = Found::default();
    let mut seen_dirs = HashSet::new();
    // One programme is one row, however many paths or links name its file.
    let mut seen_files = HashSet::new();
    let mut stack: Vec<PathBuf> = paths.iter().rev().cloned().collect();
    while let Some(path) = stack.pop() {
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                found.unreadable.push(Unreadable::new(&path, e.to_string()));
                continue;
            }
        };
        if meta.is_dir() {
            let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if !seen_dirs.insert(key) {
                continue;
            }
            match std::fs::read_dir(&path) {
                Ok(read) => {
                    let mut children: Vec<PathBuf> = read.flatten().map(|e| e.path()).collect();
                    children.sort();
                    stack.extend(children.into_iter().rev());
                }
                Err(e) => found
                    .unreadable
                    .push(Unreadable::new(&path, format!("folder cannot be read: {e}"))),
            }
        } else if is_project_file(&path) {
            let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if seen_files.insert(key) {
                found.projects.push(path);
            }
        } else if !crate::store::is_companion(&path) {
            found.skipped += 1;
        }
    }
    found.projects.sort();
    found.projects.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_searched_and_other_files_counted() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("level 5");
        std::fs::create_dir(&sub).unwrap();
        for name in ["a.ron", "README.txt", ".a.ron.lock", "a.ron.bak"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::write(sub.join("B.RON"), "x").unwrap();
        std::fs::write(sub.join("notes.md"), "x").unwrap();
        let missing = dir.path().join("gone.ron");
        let found = find(&[dir.path().to_path_buf(), missing.clone()]);
        assert_eq!(found.projects, [dir.path().join("a.ron"), sub.join("B.RON")]);
        assert_eq!(found.skipped, 2);
        assert_eq!(found.unreadable.len(), 1);
        assert_eq!(found.unreadable[0].path, missing);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_back_to_a_parent_folder_is_searched_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let found = find(&[dir.path().to_path_buf()]);
        assert_eq!(found.projects.len(), 1);
    }
}
