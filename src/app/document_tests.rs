//! The document's own tests: saves, merges from disk, undo and the journal.

use super::*;
use crate::model::{CellEdit, Coverage, KsbRef, Mapping};

fn cell() -> Edit {
    let k = KsbRef::new("ST0215", "K23".parse().unwrap());
    Edit::Cells(vec![CellEdit {
        module: "HSC502".into(),
        ksb: k.clone(),
        mapping: Some(Mapping::new("HSC502", k, Coverage::Full)),
    }])
}

/// The sample saved as `p.ron` in `dir`: its path, and the project as saved.
fn saved_sample(dir: &std::path::Path) -> (std::path::PathBuf, crate::model::Project) {
    let path = dir.join("p.ron");
    let p = crate::sample::sample_project().unwrap();
    crate::store::save_project(&path, &p).unwrap();
    (path, p)
}

#[test]
fn untitled_sample_is_clean_until_edited_and_undo_brings_it_back() {
    let mut d = Document::new(crate::sample::sample_project().unwrap(), None);
    assert!(!d.is_dirty());
    assert_eq!(d.display_name(), "Untitled (sample)");
    d.edit(cell(), "Map K23".into());
    assert!(d.is_dirty());
    assert_eq!(d.undo().map(|a| a.label).as_deref(), Some("Undid Map K23"));
    assert!(d.undo().is_none());
    assert_eq!(d.redo().map(|a| a.label).as_deref(), Some("Redid Map K23"));
}

#[test]
fn save_notices_a_change_on_disk_and_overwrite_forces_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, p) = saved_sample(dir.path());
    let mut d = Document::new(p.clone(), Some(path.clone())).with_journal(dir.path().to_path_buf());
    d.edit(cell(), "Map K23".into());
    let journal = crate::store::journal_path(Some(&path), dir.path());
    assert!(journal.exists(), "the edit is journalled");
    let mut other = p;
    other.programme.title = "Someone else's".into();
    crate::store::save_project(&path, &other).unwrap();
    assert_eq!(d.save_target(SaveMode::Current), SaveTarget::ChangedOnDisk);
    assert!(d.is_dirty());
    assert_eq!(
        d.save_target(SaveMode::OverwriteChanged),
        SaveTarget::Path(path.clone())
    );
    d.save_to(&path, "", "2026-11-25T10:00:00Z".into()).unwrap();
    assert!(!d.is_dirty());
    assert!(!journal.exists(), "saved work needs no journal");
    assert_eq!(d.save_target(SaveMode::Current), SaveTarget::Path(path.clone()));
    assert_eq!(d.save_target(SaveMode::AskForPath), SaveTarget::Ask);
}

#[test]
fn a_save_racing_another_is_refused_under_the_lock_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (path, p) = saved_sample(dir.path());
    let mut d = Document::new(p.clone(), Some(path.clone()));
    d.edit(cell(), "Map K23".into());
    assert_eq!(d.save_target(SaveMode::Current), SaveTarget::Path(path.clone()));
    // Someone saves between the check and the write.
    let mut other = p;
    other.programme.title = "Someone else's".into();
    crate::store::save_project(&path, &other).unwrap();
    let e = d.save_to(&path, "", "2026-11-25T10:00:00Z".into()).unwrap_err();
    assert!(e.to_string().contains("changed on disk since it was read"), "{e}");
    assert!(d.is_dirty(), "our edit is still here to save");
    let on_disk = crate::store::load_project(&path).unwrap();
    assert_eq!(on_disk.programme.title, "Someone else's", "theirs was not overwritten");
}

#[test]
fn a_failed_save_changes_nothing_and_untitled_asks() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = Document::new(crate::sample::sample_project().unwrap(), None);
    assert_eq!(d.save_target(SaveMode::Current), SaveTarget::Ask);
    d.edit(cell(), "Map K23".into());
    assert!(
        d.save_to(
            &dir.path().join("missing").join("p.ron"),
            "Ann",
            "2026-11-25T10:00:00Z".into()
        )
        .is_err()
    );
    assert!(d.is_dirty());
    assert!(d.project().change_log.is_empty(), "a failed save logs nothing");
    assert_eq!(d.path(), None);
    let path = dir.path().join("p.ron");
    d.save_to(&path, "", "2026-11-25T10:00:00Z".into()).unwrap();
    assert_eq!(d.path(), Some(path.as_path()));
    assert!(!d.is_dirty());
}

#[test]
fn a_save_logs_what_changed_once_and_undo_keeps_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut d = Document::new(crate::sample::sample_project().unwrap(), None);
    d.edit(cell(), "Map K23".into());
    d.save_to(&path, "Ann", "2026-11-25T10:00:00Z".into()).unwrap();
    let log = &d.project().change_log;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].summary, "1 mapping added");
    assert_eq!(log[0].author, "Ann");
    assert_eq!(
        crate::store::load_project(&path).unwrap().change_log,
        *log,
        "the entry is saved"
    );
    d.save_to(&path, "Ann", "2026-11-25T10:01:00Z".into()).unwrap();
    assert_eq!(d.project().change_log.len(), 1, "nothing changed, nothing logged");
    let mut next = d.project().clone();
    next.programme.title = "Renamed".into();
    d.edit(Edit::Project(Box::new(next)), "Rename".into());
    d.save_to(&path, "Bob", "2026-11-25T10:02:00Z".into()).unwrap();
    assert_eq!(d.project().change_log.len(), 2);
    d.undo();
    assert_eq!(d.project().change_log.len(), 2, "undo leaves the log alone");
    assert_ne!(d.project().programme.title, "Renamed");
}

/// A journal that cannot be written leaves the document saying so until the next save, not
/// in one message the next action replaces.
#[test]
fn a_journal_that_cannot_be_written_is_remembered_until_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let (path, p) = saved_sample(dir.path());
    // A folder where the journal would go: it cannot be written.
    std::fs::create_dir(crate::store::journal_path(Some(&path), dir.path())).unwrap();
    let mut d = Document::new(p, Some(path.clone())).with_journal(dir.path().to_path_buf());
    assert!(!d.journal_failing());
    let applied = d.edit(cell(), "Map K23".into());
    assert!(
        applied
            .journal_problem
            .is_some_and(|p| p.starts_with("Crash recovery is off"))
    );
    assert!(d.journal_failing());
    d.save_to(&path, "", "2026-11-25T10:00:00Z".into()).unwrap();
    assert!(!d.journal_failing(), "saved, the work is safe");
}

/// Overwriting a file cut short (a failed copy) keeps the last good backup: the broken file
/// does not take its place as FILE.bak.
#[test]
fn overwriting_a_broken_file_keeps_the_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (path, p) = saved_sample(dir.path());
    let mut d = Document::new(p.clone(), Some(path.clone()));
    d.edit(cell(), "Map K23".into());
    d.save_to(&path, "", "2026-11-25T10:00:00Z".into()).unwrap();
    let backup = crate::store::backup_path(&path);
    assert_eq!(
        crate::store::load_project(&backup).unwrap(),
        p,
        "the first save's backup"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.len() / 2]).unwrap();
    d.edit(cell(), "Map K23 again".into());
    assert_eq!(
        d.save_target(SaveMode::OverwriteChanged),
        SaveTarget::Path(path.clone())
    );
    d.save_to(&path, "", "2026-11-25T10:01:00Z".into()).unwrap();
    assert_eq!(crate::store::load_project(&backup).unwrap(), p, "the good backup stays");
}

/// A journal a clean-up removed while the app writes it, or a project file a colleague
/// renamed, strands the crash recovery: the document says so until the save.
#[test]
fn a_removed_journal_or_renamed_file_is_not_safe_from_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let (path, p) = saved_sample(dir.path());
    let journal = crate::store::journal_path(Some(&path), dir.path());
    let mut d = Document::new(p.clone(), Some(path.clone())).with_journal(dir.path().to_path_buf());
    d.edit(cell(), "Map K23".into());
    assert!(!d.journal_failing());
    std::fs::remove_file(&journal).unwrap();
    d.edit(cell(), "Map K23 again".into());
    assert!(d.journal_failing(), "a removed journal");
    d.save_to(&path, "", "2026-11-25T10:00:00Z".into()).unwrap();
    d.edit(cell(), "Map K23 a third time".into());
    assert!(!d.journal_failing(), "a fresh journal after the save");
    std::fs::rename(&path, dir.path().join("renamed.ron")).unwrap();
    d.edit(cell(), "Map K23 a fourth time".into());
    assert!(d.journal_failing(), "a renamed file");
}
