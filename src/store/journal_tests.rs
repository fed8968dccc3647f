//! Tests of the crash journal: what it records, and what a crash leaves to restore.

use super::*;
use crate::model::{CellEdit, Coverage, KsbRef, Mapping};
use crate::store::journal_in_use;

#[cfg(unix)]
#[test]
fn a_journal_is_as_private_as_its_project() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let base = crate::sample::sample_project().unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let project = dir.path().join("private.ron");
    std::fs::write(&project, "x").unwrap();
    for want in [0o600, 0o640, 0o600] {
        std::fs::set_permissions(&project, std::fs::Permissions::from_mode(want)).unwrap();
        let path = journal_path(Some(&project), dir.path());
        Journal::start(&path, &base).unwrap();
        assert_eq!(mode(&path), want);
    }
    let untitled = journal_path(None, dir.path());
    Journal::start(&untitled, &base).unwrap();
    assert_eq!(mode(&untitled), 0o600);
}

#[test]
fn replays_edits_and_survives_a_torn_last_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(Some(&dir.path().join("p.ron")), dir.path());
    assert!(path.ends_with(".p.ron.journal"));
    let base = crate::sample::sample_project().unwrap();
    let mut j = Journal::start(&path, &base).unwrap();
    let mut expected = base.clone();
    for code in ["K23", "K24"] {
        let k = KsbRef::new("ST0215", code.parse().unwrap());
        let e = Edit::Cells(vec![CellEdit {
            module: "HSC502".into(),
            ksb: k.clone(),
            mapping: Some(Mapping::new("HSC502", k, Coverage::Full)),
        }]);
        j.append(&format!("Map {code}"), &e).unwrap();
        e.apply(&mut expected);
    }
    // A crash in the middle of a third write.
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"Edit(\"Map K3")
        .unwrap();
    let r = Recovery::read(&path).unwrap();
    assert_eq!(r.edits.len(), 2);
    assert_eq!(r.changes, ["Map K23", "Map K24"]);
    assert!(r.has_changes());
    assert_eq!(r.replay(), expected);
    j.discard();
    assert!(!path.exists());
}

#[test]
fn a_draft_not_yet_applied_is_recovered_until_settled() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(Some(&dir.path().join("p.ron")), dir.path());
    let base = crate::sample::sample_project().unwrap();
    let mut j = Journal::start(&path, &base).unwrap();
    let mut draft = ProgrammeDraft::from_project(&base);
    draft.rows.push(crate::model::ModuleRow::new(None));
    draft.rows.last_mut().unwrap().code = "HSC599".into();
    j.note_draft(Some(&draft)).unwrap();
    let r = Recovery::read(&path).unwrap();
    assert!(r.has_changes(), "a draft alone is work to offer");
    assert_eq!(r.draft.as_ref(), Some(&draft));
    assert_eq!(r.changes, ["Unapplied changes in the modules editor"]);
    j.note_draft(None).unwrap();
    let r = Recovery::read(&path).unwrap();
    assert_eq!(r.draft, None);
    assert!(!r.has_changes());
}

/// Two copies of the app on one project: the second neither truncates the first's
/// journal nor reads it as a crash's, until the first is gone.
#[test]
fn a_journal_a_live_copy_holds_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(Some(&dir.path().join("p.ron")), dir.path());
    let base = crate::sample::sample_project().unwrap();
    let mut first = Journal::start(&path, &base).unwrap();
    let k = KsbRef::new("ST0215", "K23".parse().unwrap());
    let e = Edit::Cells(vec![CellEdit {
        module: "HSC502".into(),
        ksb: k.clone(),
        mapping: Some(Mapping::new("HSC502", k, Coverage::Full)),
    }]);
    first.append("Map K23", &e).unwrap();
    assert!(journal_in_use(&path));
    let second = Journal::start(&path, &base).err().map(|e| e.kind());
    assert_eq!(second, Some(std::io::ErrorKind::ResourceBusy));
    assert_eq!(
        Recovery::read(&path).map(|r| r.changes),
        Some(vec!["Map K23".to_string()])
    );
    // The first copy dies: its work is a crash's now, and offered.
    drop(first);
    assert!(!journal_in_use(&path));
    assert!(Recovery::read(&path).is_some_and(|r| r.has_changes()));
    assert!(Journal::start(&path, &base).is_ok());
}

/// Each copy running at once has its own journal, and each names the project it is for.
#[test]
fn journals_of_several_copies_name_their_project() {
    let first = journal_path(Some(Path::new("/x/p.v1.ron")), Path::new(""));
    let all: Vec<PathBuf> = journal_paths(&first).collect();
    assert_eq!(all.len(), COPIES);
    assert_eq!(all[0], Path::new("/x/.p.v1.ron.journal"));
    assert_eq!(all[1], Path::new("/x/.p.v1.ron.journal-2"));
    for j in &all {
        let name = j.file_name().and_then(|n| n.to_str()).unwrap();
        assert_eq!(journal_project_name(name), Some("p.v1.ron"), "{name}");
    }
    assert_eq!(journal_project_name(".p.ron.journal-"), None);
    assert_eq!(journal_project_name(".p.ron.journal-x"), None);
    assert_eq!(journal_project_name("p.ron.journal"), None);
}

#[test]
fn undone_edits_are_not_listed_as_changes() {
    let mut net = Net::default();
    for (step, label) in [
        (Step::Edit, "A"),
        (Step::Edit, "B"),
        (Step::Undo, "B"),
        (Step::Edit, "C"),
        (Step::Undo, "C"),
        (Step::Redo, "C"),
        (Step::Undo, "C"),
        (Step::Undo, "A"),
        // Past the journal's start: an edit saved before it, undone now.
        (Step::Undo, "Saved"),
        (Step::Edit, "D"),
    ] {
        net.step(step, label.to_string());
    }
    assert_eq!(net.labels(), ["Undid Saved", "D"]);
}

/// Typing noted is restored on top of the edits, until an edit after it supersedes it.
#[test]
fn typing_is_restored_until_an_edit_supersedes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_path(Some(&dir.path().join("p.ron")), dir.path());
    let base = crate::sample::sample_project().unwrap();
    let mut j = Journal::start(&path, &base).unwrap();
    let mapped = base.mappings.first().unwrap().clone();
    let typed = CellEdit {
        module: mapped.module.clone(),
        ksb: mapped.ksb.clone(),
        mapping: Some(Mapping {
            note: "Taught in lectures".into(),
            ..mapped.clone()
        }),
    };
    j.note_typing(std::slice::from_ref(&typed)).unwrap();
    let r = Recovery::read(&path).unwrap();
    assert!(r.has_changes(), "typing alone is work to offer");
    assert_eq!(r.typing, std::slice::from_ref(&typed));
    let note = |p: &Project| p.mapping(&mapped.module, &mapped.ksb).map(|m| m.note.clone());
    assert_eq!(note(&r.replay()).as_deref(), Some("Taught in lectures"));
    // The typing applied as an edit: the edit carries it, the typing line is spent.
    j.append("Edit note", &Edit::Cells(vec![typed.clone()])).unwrap();
    let r = Recovery::read(&path).unwrap();
    assert!(r.typing.is_empty());
    assert_eq!(note(&r.replay()).as_deref(), Some("Taught in lectures"));
    // A journal written before ranges had reasons holds one cell's typing: still read.
    let legacy = ron::to_string(&Line::Typing(Some(Box::new(typed.clone())))).unwrap();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, format!("{legacy}\n").as_bytes()))
        .unwrap();
    assert_eq!(Recovery::read(&path).unwrap().typing, [typed]);
}

/// A project opened through a link and by its own path keeps one journal: a crash's work is
/// found whichever way the project is opened next.
#[cfg(unix)]
#[test]
fn a_project_reached_through_a_link_keeps_its_journal_beside_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::fs::create_dir(dir.path().join("view")).unwrap();
    let real = dir.path().join("real").join("p.ron");
    std::fs::write(&real, "x").unwrap();
    let link = dir.path().join("view").join("p.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let untitled = dir.path().join("untitled");
    assert_eq!(
        journal_path(Some(&link), &untitled),
        journal_path(Some(&std::fs::canonicalize(&real).unwrap()), &untitled)
    );
}
