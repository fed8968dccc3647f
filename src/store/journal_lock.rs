//! The locks that keep copies of the app apart on one project's journals: a running copy
//! locks the journal it writes, and a copy offering a crash's work locks that journal until
//! the offer is answered. Locks are advisory (`flock` on Unix, which network mounts map onto
//! `fcntl` locks; `LockFileEx` on Windows); where a drive keeps none, journals work unguarded,
//! as before locks were taken.

use std::fs::{File, OpenOptions};
use std::path::Path;

/// Opens a journal to lock it: for writing too (never creating or truncating), as network
/// mounts take an exclusive lock only on a file open for writing; read-only where it cannot be.
fn open(path: &Path) -> Option<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .or_else(|_| File::open(path))
        .ok()
}

/// A crash's journal that this copy offers back: locked while the offer stands, so a copy
/// opened meanwhile neither offers the same work again nor, answering it, removes the journal
/// that restoring here starts. `None` when a running copy writes it or another offers it.
pub fn claim(path: &Path) -> Option<File> {
    let file = open(path)?;
    match file.try_lock() {
        Ok(()) => still_named(&file, path).then_some(file),
        Err(std::fs::TryLockError::WouldBlock) => None,
        // No locks on this drive: offered unguarded, as before.
        Err(std::fs::TryLockError::Error(_)) => Some(file),
    }
}

/// Whether a running copy of the app holds the journal at `path` (it locks it while it
/// writes): its work is live, not left by a crash, and is not to be offered or removed.
pub fn journal_in_use(path: &Path) -> bool {
    open(path).is_some_and(|f| matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)))
}

/// Whether `path` still names the file `file` has open. A lock taken on a file that its last
/// holder removed meanwhile locks nothing anyone else will open: the name may be another
/// copy's new journal by now.
#[cfg(unix)]
pub fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Windows does not let a file that is open be removed unless every handle allows it; a
/// removed name is then gone for good, so the open file is the named one while the name is.
#[cfg(not(unix))]
pub fn still_named(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lock won on a journal whose name was removed (and taken by a new file) is no claim.
    #[test]
    fn a_claim_on_a_removed_journal_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".p.ron.journal");
        std::fs::write(&path, "old").unwrap();
        let held = claim(&path).expect("claimed");
        assert!(claim(&path).is_none(), "held by the first claim");
        assert!(journal_in_use(&path));
        // Another copy opened the old file before it was removed and replaced.
        let stale = open(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, "new").unwrap();
        drop(held);
        assert!(stale.try_lock().is_ok());
        assert!(!still_named(&stale, &path), "its name is another file's now");
        assert!(claim(&path).is_some(), "the new file is free");
    }
}
