//! Issue 24: a project that several people save at once never loses work. Pairs (and a crowd)
//! of real `htq-mapper` processes sign off and merge comments into one file at the same
//! moment: every process that exits 0 has its record in the file, one that does not says
//! why, the file always loads, a reader never sees it empty and no `.bak` is ever empty.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use htq_mapper::model::{CommentTarget, Project};
use htq_mapper::review::comments::add_thread;

use crate::common::*;

fn start(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_htq-mapper"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Reads `path` over and over until told to stop; counts the reads that found it empty.
struct Reader {
    stop: Arc<AtomicBool>,
    empty: Arc<AtomicUsize>,
    reads: Arc<AtomicUsize>,
    thread: std::thread::JoinHandle<()>,
}

impl Reader {
    fn start(path: PathBuf) -> Reader {
        let (stop, empty, reads) = (Arc::default(), Arc::default(), Arc::default());
        let (s, e, r): (Arc<AtomicBool>, Arc<AtomicUsize>, Arc<AtomicUsize>) =
            (Arc::clone(&stop), Arc::clone(&empty), Arc::clone(&reads));
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                if let Ok(bytes) = std::fs::read(&path) {
                    r.fetch_add(1, Ordering::Relaxed);
                    if bytes.is_empty() {
                        e.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        });
        Reader {
            stop,
            empty,
            reads,
            thread,
        }
    }

    /// (reads, empty reads).
    fn finish(self) -> (usize, usize) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap();
        (self.reads.load(Ordering::Relaxed), self.empty.load(Ordering::Relaxed))
    }
}

/// What happened to a group of processes run at once on one project.
#[derive(Default, Debug)]
struct Tally {
    runs: usize,
    succeeded: usize,
    refused: usize,
    lost: Vec<String>,
    empty_backups: usize,
}

/// Checks one group's outcome: `present(project, i)` says whether process `i`'s work is in
/// the file. Every process that exited 0 must have its work there; every other one must say
/// why on stderr; the file must load and its `.bak` must not be empty.
fn settle(path: &Path, outputs: &[Output], present: impl Fn(&Project, usize) -> bool, tally: &mut Tally) {
    let project = htq_mapper::store::load_project(path).unwrap_or_else(|e| panic!("the file loads: {e}"));
    let mut any = false;
    for (i, o) in outputs.iter().enumerate() {
        tally.runs += 1;
        if o.status.success() {
            any = true;
            tally.succeeded += 1;
            if !present(&project, i) {
                tally.lost.push(format!("process {i}: {}", stdout(o)));
            }
        } else {
            tally.refused += 1;
            assert_eq!(o.status.code(), Some(2), "a refusal exits 2: {}", stderr(o));
            assert!(!stderr(o).trim().is_empty(), "a refusal says why");
        }
    }
    assert!(
        any,
        "at least one of each group succeeds: {:?}",
        outputs.iter().map(stderr).collect::<Vec<_>>()
    );
    let bak = htq_mapper::store::backup_path(path);
    if std::fs::metadata(&bak).is_ok_and(|m| m.len() == 0) {
        tally.empty_backups += 1;
    }
}

/// The sample at `path`, put there whole: the reader polls the path before it exists, and a
/// plain copy would show it the file empty while the copy is being written.
fn place_sample(path: &Path) {
    let tmp = path.with_extension("ron.part");
    std::fs::copy(sample_path(), &tmp).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn sign_off_group(dir: &Path, group: usize, size: usize, tally: &mut Tally) {
    let path = dir.join(format!("s{group}.ron"));
    place_sample(&path);
    let names: Vec<String> = (0..size).map(|i| format!("Signer {group}-{i}")).collect();
    let children: Vec<Child> = names
        .iter()
        .map(|n| start(&["sign-off", arg(&path), "--name", n, "--role", "Reviewer"]))
        .collect();
    let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    settle(
        &path,
        &outputs,
        |p, i| p.sign_offs.iter().any(|s| s.name == names[i]),
        tally,
    );
}

/// A reviewer's copy of the sample with one thread of its own; returns it and the thread's id.
fn reviewer_copy(dir: &Path, name: &str) -> (PathBuf, String) {
    let mut copy = htq_mapper::sample::sample_project().unwrap();
    let id = add_thread(
        &mut copy,
        CommentTarget::Programme,
        name,
        "2026-11-25T10:00:00Z",
        &format!("A point from {name}"),
    );
    let path = dir.join(format!("{name}.ron"));
    htq_mapper::store::save_project(&path, &copy).unwrap();
    (path, id)
}

fn merge_group(dir: &Path, group: usize, size: usize, tally: &mut Tally) {
    let path = dir.join(format!("m{group}.ron"));
    place_sample(&path);
    let copies: Vec<(PathBuf, String)> = (0..size)
        .map(|i| reviewer_copy(dir, &format!("reviewer-{group}-{i}")))
        .collect();
    let children: Vec<Child> = copies
        .iter()
        .map(|(c, _)| start(&["merge-comments", arg(&path), arg(c)]))
        .collect();
    let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    settle(
        &path,
        &outputs,
        |p, i| p.comments.iter().any(|t| t.id == copies[i].1),
        tally,
    );
}

fn report(what: &str, t: &Tally, reads: (usize, usize)) {
    eprintln!(
        "{what}: {} processes, {} exited 0, {} refused, {} successes lost, {} empty .bak, {} reads ({} empty)",
        t.runs,
        t.succeeded,
        t.refused,
        t.lost.len(),
        t.empty_backups,
        reads.0,
        reads.1
    );
    assert!(
        t.lost.is_empty(),
        "{what}: work reported as saved was lost: {:?}",
        t.lost
    );
    assert_eq!(t.empty_backups, 0, "{what}: a .bak was left empty");
    assert_eq!(reads.1, 0, "{what}: a reader saw the project empty");
}

#[test]
fn twenty_pairs_of_sign_offs_at_once_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut tally = Tally::default();
    // A reader polls the first pair's file throughout.
    let reader = Reader::start(dir.path().join("s0.ron"));
    for pair in 0..20 {
        sign_off_group(dir.path(), pair, 2, &mut tally);
    }
    report("20 pairs of sign-off", &tally, reader.finish());
}

#[test]
fn ten_pairs_of_comment_merges_at_once_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut tally = Tally::default();
    let reader = Reader::start(dir.path().join("m0.ron"));
    for pair in 0..10 {
        merge_group(dir.path(), pair, 2, &mut tally);
    }
    report("10 pairs of merge-comments", &tally, reader.finish());
}

#[test]
fn eight_processes_signing_and_merging_into_one_file_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crowd.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let reader = Reader::start(path.clone());
    let copies: Vec<(PathBuf, String)> = (0..4)
        .map(|i| reviewer_copy(dir.path(), &format!("crowd-{i}")))
        .collect();
    let names: Vec<String> = (0..4).map(|i| format!("Crowd signer {i}")).collect();
    let mut children: Vec<Child> = Vec::new();
    for i in 0..4 {
        children.push(start(&["sign-off", arg(&path), "--name", &names[i], "--role", "Lead"]));
        children.push(start(&["merge-comments", arg(&path), arg(&copies[i].0)]));
    }
    let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let mut tally = Tally::default();
    settle(
        &path,
        &outputs,
        |p, i| {
            if i % 2 == 0 {
                p.sign_offs.iter().any(|s| s.name == names[i / 2])
            } else {
                p.comments.iter().any(|t| t.id == copies[i / 2].1)
            }
        },
        &mut tally,
    );
    report("8 processes on one file", &tally, reader.finish());
    assert_eq!(tally.succeeded, 8, "with the lock, none needs to be refused");
}

#[test]
fn a_save_that_did_not_wait_its_turn_is_noticed_before_the_rename() {
    // A change made between reading and writing (here: by the change itself, as a save that
    // takes no lock would) is seen: a migration-like change stops and the file is untouched;
    // a merge-safe one is applied again to the file as it now is.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    std::fs::copy(sample_path(), &path).unwrap();
    let other = |title: &str| {
        let mut p = htq_mapper::sample::sample_project().unwrap();
        p.programme.title = title.into();
        p.change_log.push(htq_mapper::model::ChangeLogEntry {
            at: "2026-11-25T10:00:00Z".into(),
            author: "Someone else".into(),
            summary: "programme details changed".into(),
        });
        htq_mapper::store::write_atomic(
            &path,
            htq_mapper::store::project_to_string(&p).unwrap().as_bytes(),
            false,
        )
        .unwrap();
    };
    let mut first = true;
    let e = htq_mapper::store::update_project(&path, htq_mapper::store::Reapply::No, |p| {
        if std::mem::take(&mut first) {
            other("Changed meanwhile");
        }
        p.modules[0].title.push_str(" (mine)");
        Ok(())
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("changed on disk since it was read (last saved by Someone else"),
        "{e}"
    );
    let now = htq_mapper::store::load_project(&path).unwrap();
    assert_eq!(now.programme.title, "Changed meanwhile", "theirs is kept");
    assert!(!now.modules[0].title.contains("(mine)"), "nothing of ours was written");

    let mut first = true;
    let updated = htq_mapper::store::update_project(&path, htq_mapper::store::Reapply::MergeSafe, |p| {
        if std::mem::take(&mut first) {
            other("Changed again");
        }
        p.modules[0].title.push_str(" (mine)");
        Ok(())
    })
    .unwrap();
    assert!(updated.saved);
    let now = htq_mapper::store::load_project(&path).unwrap();
    assert_eq!(now.programme.title, "Changed again", "theirs is kept");
    assert!(now.modules[0].title.ends_with(" (mine)"), "and ours is applied to it");
}

/// A project opened through a link (a shortcut into the shared drive) is saved into the
/// shared file: the link stays a link, and everyone opening the shared file sees the save.
#[cfg(unix)]
#[test]
fn a_sign_off_through_a_link_lands_in_the_shared_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("shared")).unwrap();
    let real = dir.path().join("shared/prog.ron");
    std::fs::copy(sample_path(), &real).unwrap();
    let link = dir.path().join("prog.ron");
    std::os::unix::fs::symlink("shared/prog.ron", &link).unwrap();
    let out = htq(&["sign-off", arg(&link), "--name", "Ann Lee", "--role", "QA"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    let shared = htq_mapper::store::load_project(&real).unwrap();
    assert_eq!(shared.sign_offs.last().map(|s| s.name.as_str()), Some("Ann Lee"));
}
