//! Saving a file that others save too: an advisory lock held while the file is read, changed
//! and written back, and a compare-and-swap just before the rename, so that two saves at once
//! never lose one of them and nothing is reported as saved when it was not.
//!
//! The lock is the standard library's `File::lock` (flock on Unix, LockFileEx on Windows) on a
//! lock file beside the project, `.NAME.lock`. It is never the project file itself: a save
//! renames a new file over the project, so a lock on the old one would guard nothing, and on
//! Windows a lock on the project would stop others reading it. The lock file is left in place;
//! removing it would let two saves each lock a different file of the same name.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{self, Error, InputError};
use crate::model::Project;

/// How long a save waits for another save of the same file before giving up, in ms: 30 s
/// for the command line (scripts queue their saves), less for the app (see [`wait_briefly`]).
static LOCK_WAIT_MS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(30_000);

/// The app waits this long for another save, so its window never hangs for half a minute
/// while a colleague's save (or a stuck lock) holds the file; it then says so and keeps the work.
pub fn wait_briefly() {
    LOCK_WAIT_MS.store(3_000, std::sync::atomic::Ordering::Relaxed);
}

fn lock_wait() -> Duration {
    Duration::from_millis(LOCK_WAIT_MS.load(std::sync::atomic::Ordering::Relaxed))
}
/// How often a waiting save tries the lock again.
const LOCK_RETRY: Duration = Duration::from_millis(10);
/// How many times a merge-safe change is re-applied to a file a save without the lock changed.
const REAPPLY_LIMIT: usize = 5;

/// The lock file that guards `path`: `plan.ron` → `.plan.ron.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".lock");
    path.with_file_name(name)
}

/// An exclusive advisory lock on saving one file; released when dropped.
#[derive(Debug)]
pub struct SaveLock {
    // Closing the file releases the lock.
    _file: std::fs::File,
}

/// Takes the lock on saving `path`, waiting a while for another save to finish (see
/// [`LOCK_WAIT_MS`]).
pub fn lock(path: &Path) -> error::Result<SaveLock> {
    // Saves through a link and through the file it names must wait for each other.
    let lock = lock_path(&super::atomic::real_path(path));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock)
        // A lock file made by someone else may be read-only to us; a read handle still locks.
        // Failing that too, the first error says why (a folder we may not write to, not
        // "no such file").
        .or_else(|first| std::fs::File::open(&lock).map_err(|_| first))
        .map_err(|e| {
            Error::from(
                InputError::new(
                    path,
                    format!("cannot be saved: its lock file {} cannot be made ({e})", lock.display()),
                )
                .hint("check that you may write to the project's folder; nothing was saved"),
            )
        })?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(SaveLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < lock_wait() => std::thread::sleep(LOCK_RETRY),
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(InputError::new(
                    path,
                    format!(
                        "is being saved by someone else, and has been for over {} s; nothing was saved",
                        lock_wait().as_secs()
                    ),
                )
                .hint("try again in a moment; if it persists, check who has the project open")
                .into());
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&lock, e)),
        }
    }
}

/// A cheap identity of a file's bytes, to notice when someone else saved over it.
pub fn fingerprint_of(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The fingerprint of the file at `path` now, or `None` when it cannot be read.
pub fn fingerprint(path: &Path) -> Option<u64> {
    std::fs::read(path).ok().map(|b| fingerprint_of(&b))
}

/// Whether a change may be re-applied to a file someone else changed meanwhile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reapply {
    /// It only adds records (a sign-off, merged comments, descriptors): apply it to theirs.
    MergeSafe,
    /// It rewrites what was read (a migration): stop and say the file changed.
    No,
}

/// What [`update_project`] did.
#[derive(Debug)]
pub struct Updated<T> {
    /// What the change returned, from its last (saved) application.
    pub value: T,
    /// Whether anything changed, and so was saved.
    pub saved: bool,
    /// The project as saved (or as read, when nothing changed).
    pub project: Project,
}

/// Reads the project at `path`, applies `change` and saves it in place (keeping `FILE.bak`),
/// all under the file's save lock. Just before the rename the file is compared with what was
/// read: if a save that did not take the lock changed it, a merge-safe change is applied again
/// to the file as it now is; any other change stops with the file untouched and an error
/// saying so. Nothing is written when `change` leaves the project as it was.
pub fn update_project<T>(
    path: &Path,
    reapply: Reapply,
    mut change: impl FnMut(&mut Project) -> error::Result<T>,
) -> error::Result<Updated<T>> {
    let _lock = lock(path)?;
    let mut bytes = crate::fsio::read_bounded(path)?;
    for _ in 0..REAPPLY_LIMIT {
        let text = crate::fsio::decode_text(path, bytes.clone())?;
        let loaded = super::parse_project(path, &text)?;
        let mut project = loaded.clone();
        let value = change(&mut project)?;
        if project == loaded {
            return Ok(Updated {
                value,
                saved: false,
                project,
            });
        }
        let new_text = super::checked_text(path, &project)?;
        let now = crate::fsio::read_bounded(path)?;
        if now == bytes {
            super::atomic::write_replacing(path, new_text.as_bytes(), super::Replace::WithBackup, Some(&now))?;
            return Ok(Updated {
                value,
                saved: true,
                project,
            });
        }
        if reapply == Reapply::No {
            return Err(changed_on_disk(path, &now).into());
        }
        bytes = now;
    }
    Err(changed_on_disk(path, &bytes).into())
}

/// Saves `project` over `path` under its save lock, but only if the file is still the one
/// whose fingerprint is `expected` (`None`: whatever is there). Keeps `FILE.bak`.
pub fn save_project_if_unchanged(path: &Path, project: &Project, expected: Option<u64>) -> error::Result<()> {
    let text = super::checked_text(path, project)?;
    let _lock = lock(path)?;
    let now = match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(path, e)),
    };
    if let (Some(want), Some(now)) = (expected, &now)
        && fingerprint_of(now) != want
    {
        return Err(changed_on_disk(path, now).into());
    }
    // A file being replaced that is no project (cut short by a failed copy) does not take the
    // place of a backup that is one: that backup is the last good version.
    let backup = super::atomic::backup_path(&super::atomic::real_path(path));
    let old = now
        .as_deref()
        .filter(|old| !backup.exists() || loads(path, old) || !backup_loads(&backup, path));
    let replace = if old.is_some() || now.is_none() {
        super::Replace::WithBackup
    } else {
        super::Replace::Yes
    };
    super::atomic::write_replacing(path, text.as_bytes(), replace, old)
}

fn loads(path: &Path, bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|t| super::parse_project(path, t).is_ok())
}

fn backup_loads(backup: &Path, path: &Path) -> bool {
    std::fs::read(backup).is_ok_and(|b| loads(path, &b))
}

/// "changed since it was read", with who saved it last when the file says.
pub fn changed_on_disk(path: &Path, now: &[u8]) -> InputError {
    let by = std::str::from_utf8(now)
        .ok()
        .and_then(|t| super::parse_project(path, t).ok())
        .and_then(|p| p.change_log.last().cloned())
        .map(|e| {
            if e.author.is_empty() {
                format!(" (last saved at {})", e.at)
            } else {
                format!(" (last saved by {} at {})", e.author, e.at)
            }
        })
        .unwrap_or_default();
    InputError::new(
        path,
        format!("changed on disk since it was read{by}, by a save that did not wait its turn; nothing was saved"),
    )
    .hint("run the command again on the file as it is now")
}
