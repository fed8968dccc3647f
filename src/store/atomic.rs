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

/// The file a write to `path` must replace: where a symbolic link points, so a project
/// opened through a link (a shortcut to the shared drive) is saved in the shared file, not
/// over the link. A link that points nowhere is replaced, as nothing else can be written.
pub fn real_path(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    path.to_path_buf()
}

/// How a write treats a file already at the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// Replace it, keeping the old version as `FILE.bak`.
    WithBackup,
    /// Replace it.
    Yes,
    /// Never replace it, even one that appears while writing: the write fails instead.
    No,
}

/// Writes to a temporary file in the same folder, syncs it, then renames it over `path`.
/// With `keep_backup`, the previous version is kept as `FILE.bak` first.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), Error> {
    write_file(
        path,
        bytes,
        if keep_backup { Replace::WithBackup } else { Replace::Yes },
    )
}

/// What a write that keeps the file it replaces did with that file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// There was no file.
    Nothing,
    /// It is now `FILE.bak`.
    AsBackup,
    /// A `FILE.bak` was there already and was left as it is; the file replaced was not kept.
    EarlierBackup,
}

/// Writes over `path` atomically, keeping the file it replaces as `FILE.bak` unless a
/// `FILE.bak` is there already. A report rewritten every night keeps the file it first
/// replaced (a module list given as --out by mistake), not last night's report over it.
pub fn write_keeping_first_backup(path: &Path, bytes: &[u8]) -> Result<Kept, Error> {
    let existed = path.is_file();
    if existed && !backup_path(path).exists() {
        write_atomic(path, bytes, true)?;
        return Ok(Kept::AsBackup);
    }
    write_atomic(path, bytes, false)?;
    Ok(if existed { Kept::EarlierBackup } else { Kept::Nothing })
}

/// Writes atomically: a reader sees no file or the old one, or the whole new one.
pub fn write_file(path: &Path, bytes: &[u8], replace: Replace) -> Result<(), Error> {
    let old = match replace {
        Replace::WithBackup => match std::fs::read(path) {
            Ok(b) => Some(b),
            // Nothing there to keep; the write itself says why it cannot be made, if it cannot.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                None
            }
            Err(e) => return Err(Error::io(path, e)),
        },
        Replace::Yes | Replace::No => None,
    };
    write_replacing(path, bytes, replace, old.as_deref())
}

/// Writes `bytes` to `path` atomically; with `Replace::WithBackup`, `old` (the bytes being
/// replaced, when there are any) becomes `FILE.bak`.
pub(super) fn write_replacing(path: &Path, bytes: &[u8], replace: Replace, old: Option<&[u8]>) -> Result<(), Error> {
    let real = real_path(path);
    let path = real.as_path();
    // A rename would replace a read-only file as readily as any other: someone made it so,
    // often to keep a signed-off version as it is.
    if replace != Replace::No && std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(crate::InputError::new(path, "is read-only, so it was left as it is")
            .hint("save a copy elsewhere (Save As, or another --out), or ask whoever made it read-only")
            .into());
    }
    let dir = folder_of(path);
    let tmp = temporary(path, &dir, bytes)?;
    if replace == Replace::WithBackup
        && let Some(old) = old
    {
        // A fresh file renamed into place: never a link to the live file, which a later copy
        // through the link would truncate under its readers.
        let bak = backup_path(path);
        temporary(path, &dir, old)?
            .persist(&bak)
            .map_err(|e| Error::io(&bak, e.error))?;
    }
    if replace == Replace::No {
        // A hard link fails if the path exists, so nothing that appeared meanwhile is replaced.
        tmp.persist_noclobber(path).map_err(|e| Error::io(path, e.error))?;
    } else {
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    }
    // Make the rename itself durable.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    remove_stale_temporaries(&dir);
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A synced temporary file in `dir` holding `bytes`, with the mode `path` has or will get.
fn temporary(path: &Path, dir: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, Error> {
    let mut builder = tempfile::Builder::new();
    // The owner's pid in the name tells a later save whether the writer is still alive.
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600); the file it becomes keeps the permissions of the
    // one it replaces, or gets the usual 0644, so a shared report or project stays readable.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    // Without this, the error names the temporary file in a folder that does not exist.
    if !dir.is_dir() {
        return Err(missing_folder(path, dir).into());
    }
    // The OS error alone, so the message names the file asked for, not the temporary one.
    let plain = |e: std::io::Error| std::io::Error::from(e.kind());
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::io(path, plain(e)))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    Ok(tmp)
}

/// Why `dir` cannot take `path`: a file stands where a folder should (`report.html/out.csv`),
/// or the folder does not exist.
fn missing_folder(path: &Path, dir: &Path) -> crate::InputError {
    let file = dir.ancestors().find(|a| a.exists() && !a.is_dir());
    match file {
        Some(f) => crate::InputError::new(
            path,
            format!("cannot be written: {} is a file, not a folder", f.display()),
        )
        .hint("choose a path in a folder"),
        None => crate::InputError::new(
            path,
            format!("cannot be written: the folder {} does not exist", dir.display()),
        )
        .hint("create the folder first, or choose one that exists"),
    }
}

const TEMP_PREFIX: &str = ".htq-save-";
const TEMP_SUFFIX: &str = ".tmp";

/// Removes temporary files left by saves that were killed mid-write: at once when the
/// process named in the file is gone, else once over an hour old. Runs on every save and
/// when a project is opened.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let Some(middle) = name.strip_prefix(TEMP_PREFIX).and_then(|n| n.strip_suffix(TEMP_SUFFIX)) else {
            continue;
        };
        let owner_gone = middle
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
            .is_some_and(|pid| pid != std::process::id() && !process_alive(pid));
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if owner_gone || old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Whether a process is running, where the platform can say; elsewhere assume it is.
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
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
    fn a_write_through_a_link_replaces_the_file_it_points_to() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("shared")).unwrap();
        let real = dir.path().join("shared/p.ron");
        let link = dir.path().join("p.ron");
        std::fs::write(&real, b"one").unwrap();
        std::os::unix::fs::symlink("shared/p.ron", &link).unwrap();
        write_atomic(&link, b"two", true).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"two");
        assert_eq!(std::fs::read(backup_path(&real)).unwrap(), b"one");
        assert_eq!(real_path(&link), std::fs::canonicalize(&real).unwrap());
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
    fn temporaries_of_dead_processes_go_at_once_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        // pid 4194304 is above Linux's largest, so never alive.
        let dead = dir.path().join(".htq-save-4194304-abc.tmp");
        let mine = dir.path().join(format!(".htq-save-{}-def.tmp", std::process::id()));
        for p in [&dead, &mine] {
            std::fs::write(p, b"half").unwrap();
        }
        remove_stale_temporaries(dir.path());
        assert!(!dead.exists(), "its writer is gone");
        assert!(mine.exists(), "a live save may still be writing it");
    }

    #[cfg(unix)]
    #[test]
    fn a_backup_that_is_a_link_to_the_live_file_never_truncates_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        write_atomic(&path, b"one", true).unwrap();
        // An older save left FILE.bak as a hard link to the live file.
        let bak = backup_path(&path);
        std::fs::hard_link(&path, &bak).unwrap();
        let mut live = std::fs::File::open(&path).unwrap();
        write_atomic(&path, b"two", true).unwrap();
        let mut seen = Vec::new();
        std::io::Read::read_to_end(&mut live, &mut seen).unwrap();
        assert_eq!(seen, b"one", "a reader of the old file still sees all of it");
        assert_eq!(std::fs::read(&bak).unwrap(), b"one");
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }

    #[test]
    fn a_read_only_file_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("signed.ron");
        std::fs::write(&path, b"signed").unwrap();
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms).unwrap();
        let e = write_atomic(&path, b"new", true).unwrap_err();
        assert!(e.to_string().contains("is read-only"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), b"signed");
        assert!(!backup_path(&path).exists());
    }

    #[test]
    fn creating_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.ron");
        write_file(&path, b"one", Replace::No).unwrap();
        assert!(write_file(&path, b"two", Replace::No).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn failure_leaves_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder").join("p.ron");
        assert!(write_atomic(&missing, b"x", true).is_err());
        assert!(!missing.exists());
    }
}
