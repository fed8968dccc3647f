//! Atomic file writes: a reader sees the old file or the new one, never half of either.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The backup kept beside a file: `plan.ron` → `plan.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes to a temporary file in the same folder, syncs it, then renames it over `path`.
/// With `keep_backup`, the previous version is kept as `FILE.bak` first.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".htq-save-").suffix(".tmp");
    // A temporary file is private (0600); the file it becomes keeps the permissions of the
    // one it replaces, or gets the usual 0644, so a shared report or project stays readable.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| Error::io(path, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    if keep_backup && path.exists() {
        // A hard link keeps the old bytes without copying; fall back to a copy where links fail.
        let bak = backup_path(path);
        let _ = std::fs::remove_file(&bak);
        if std::fs::hard_link(path, &bak).is_err() {
            std::fs::copy(path, &bak).map_err(|e| Error::io(&bak, e))?;
        }
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    // Make the rename itself durable.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    remove_stale_temporaries(&dir);
    Ok(())
}

/// Temporary files left by a save that was killed mid-write. One over an hour old belongs to
/// no save still running, so it goes.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let stale = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if name.starts_with(".htq-save-") && name.ends_with(".tmp") && stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_keeps_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        write_atomic(&path, b"one", true).unwrap();
        write_atomic(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), b"one");
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"));
        assert_eq!(leftovers.count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.html");
        write_atomic(&path, b"one", false).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"two", false).unwrap();
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn stale_temporaries_from_killed_saves_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".htq-save-killed.tmp");
        let fresh = dir.path().join(".htq-save-running.tmp");
        for p in [&stale, &fresh] {
            std::fs::write(p, b"half").unwrap();
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        write_atomic(&dir.path().join("p.ron"), b"x", true).unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists(), "another save may still be writing it");
    }

    #[test]
    fn failure_leaves_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder").join("p.ron");
        assert!(write_atomic(&missing, b"x", true).is_err());
        assert!(!missing.exists());
    }
}
