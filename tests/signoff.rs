//! Sign-off and the review CLI, run as a user would: `sign-off`, `check` (with and without
//! `--require-signoff`), `merge-comments` and `comments`.

use std::path::{Path, PathBuf};

use htq_mapper::model::{CommentTarget, Coverage, KsbRef, Mapping, ModuleStatus, Project, ReviewStatus};
use htq_mapper::review::comments::{add_thread, reply, set_duty_status, set_resolved};
use serde_json::Value;

use crate::common::*;

fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

fn code(o: &std::process::Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The sample with every KSB of its standard mapped in full by its first core module, so
/// nothing is uncovered on any route.
fn fully_covered() -> Project {
    let mut p = htq_mapper::sample::sample_project().unwrap();
    let core = p
        .modules
        .iter()
        .find(|m| m.status == ModuleStatus::Core && m.group.is_none())
        .unwrap()
        .code
        .clone();
    let refs: Vec<KsbRef> = p
        .standards
        .iter()
        .flat_map(|s| s.ksbs.iter().map(|k| KsbRef::new(s.reference.clone(), k.code)))
        .collect();
    for r in refs {
        if p.mapping(&core, &r).is_none() {
            p.mappings.set(Mapping::new(core.clone(), r, Coverage::Full));
        }
    }
    assert!(htq_mapper::analysis::analyse(&p).all_covered());
    p
}

fn save(dir: &Path, name: &str, p: &Project) -> PathBuf {
    let path = dir.join(name);
    htq_mapper::store::save_project(&path, p).unwrap();
    path
}

#[test]
fn a_stale_sign_off_shows_in_check_and_require_signoff_exits_1_until_signed_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = save(dir.path(), "covered.ron", &fully_covered());

    // Unsigned: information only, unless the flag asks for a sign-off.
    let o = htq(&["check", arg(&path)]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("\nSign-off: Not signed off\n"), "{}", stdout(&o));
    let o = htq(&["check", arg(&path), "--require-signoff"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));

    // Signed and fully covered: the flag passes.
    let o = htq(&[
        "sign-off",
        arg(&path),
        "--name",
        "Ann Lee",
        "--role",
        "Quality lead",
        "--date",
        "2026-11-25",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let saved = htq_mapper::store::load_project(&path).unwrap();
    let hash = htq_mapper::review::content_hash(&saved);
    let logged = saved.change_log.last().expect("the sign-off is in the change log");
    assert_eq!(logged.author, "Ann Lee");
    assert!(logged.summary.contains("sign-off"), "{}", logged.summary);
    assert_eq!(hash.len(), 64);
    assert!(stdout(&o).contains(&format!("Content hash: {hash}")), "{}", stdout(&o));
    assert_eq!(saved.sign_offs.len(), 1);
    assert_eq!(saved.sign_offs[0].name, "Ann Lee");
    let o = htq(&["check", arg(&path), "--require-signoff"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let want = format!("Sign-off: Signed off by Ann Lee (Quality lead) on 2026-11-25, content hash {hash}\n");
    assert!(stdout(&o).contains(&want), "{}", stdout(&o));

    // One cell changed from full to partial: still covered, but the sign-off is stale.
    let mut changed = saved.clone();
    let cell = changed
        .mappings
        .iter()
        .find(|m| m.coverage == Coverage::Full)
        .unwrap()
        .clone();
    changed.mappings.set(Mapping {
        coverage: Coverage::Partial,
        ..cell.clone()
    });
    htq_mapper::store::save_project(&path, &changed).unwrap();
    let o = htq(&["check", arg(&path)]);
    assert_eq!(code(&o), 0, "stale is information only: {}", stdout(&o));
    let text = stdout(&o);
    assert!(
        text.contains(
            "Sign-off: Sign-off by Ann Lee on 2026-11-25 is stale: the mapping changed since — 1 mapping changed\n"
        ),
        "{text}"
    );
    let item = format!("changed {} × {}: coverage full → partial", cell.module, cell.ksb);
    assert!(text.contains(&item), "{text}");
    let o = htq(&["check", arg(&path), "--require-signoff"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));

    let o = htq(&["check", arg(&path), "--json", "--require-signoff"]);
    assert_eq!(code(&o), 1);
    let v = json(&o);
    let so = &v["sign_off"];
    assert_eq!(so["state"], "stale");
    assert_eq!(so["hash"], htq_mapper::review::content_hash(&changed));
    assert_eq!(so["signed"][0]["hash"], hash.as_str());
    assert_eq!(so["signed"][0]["current"], false);
    assert_eq!(so["signed"][0]["date"], "2026-11-25");
    assert_eq!(so["record_intact"], true);
    let since = &so["changed_since"]["mappings"]["changed"];
    assert_eq!(since.as_array().unwrap().len(), 1, "{since}");
    assert_eq!(since[0]["ksb"], cell.ksb.to_string());
    assert_eq!(since[0]["to"]["coverage"], "partial");
    assert_eq!(v["open_comments"], 0);
    for key in [
        "uncovered_ksbs",
        "uncovered_duties",
        "summary",
        "findings",
        "routes",
        "standard_versions",
    ] {
        assert!(v.get(key).is_some(), "the JSON keeps `{key}`");
    }

    // Signing the changed mapping makes it hold again.
    let o = htq(&["sign-off", arg(&path), "--name", "Ann Lee", "--role", "Quality lead"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("the earlier sign-off was stale"), "{}", stdout(&o));
    let o = htq(&["check", arg(&path), "--require-signoff"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let o = htq(&["check", arg(&path), "--json"]);
    assert_eq!(json(&o)["sign_off"]["state"], "signed");
}

#[test]
fn an_uncovered_project_exits_1_either_way_and_an_unsigned_one_keeps_its_old_exit() {
    let sample = sample_path();
    for extra in [None, Some("--require-signoff")] {
        let mut args = vec!["check", arg(&sample)];
        args.extend(extra);
        let o = htq(&args);
        assert_eq!(code(&o), 1, "{args:?}");
    }
    let o = htq(&["check", arg(&sample), "--json"]);
    let v = json(&o);
    assert_eq!(v["sign_off"]["state"], "unsigned");
    assert_eq!(v["sign_off"]["signed"].as_array().unwrap().len(), 0);
    assert_eq!(v["sign_off"]["changed_since"], Value::Null);
    assert_eq!(v["duty_reviews"]["not_reviewed"], 10);
}

#[test]
fn an_edited_sign_off_record_is_named_in_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = fully_covered();
    let date = htq_mapper::model::IsoDate::new(2026, 11, 25).unwrap();
    let mut so = htq_mapper::review::signoff::sign(&p, "Ann Lee", "Quality lead", date);
    so.hash = "0".repeat(64);
    p.sign_offs.push(so);
    let path = save(dir.path(), "edited.ron", &p);
    let o = htq(&["check", arg(&path), "--require-signoff"]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("is not intact: the record was edited: the content it kept does not match its hash"),
        "{}",
        stdout(&o)
    );
    let o = htq(&["check", arg(&path), "--json"]);
    assert_eq!(json(&o)["sign_off"]["record_intact"], false);
}

const T1: &str = "2026-11-25T10:00:00Z";
const T2: &str = "2026-11-25T11:00:00Z";
const T3: &str = "2026-11-26T09:30:00Z";

/// A project and a reviewer's copy that share one thread, each having added to it.
fn two_copies(dir: &Path) -> (PathBuf, PathBuf) {
    let mut ours = htq_mapper::sample::sample_project().unwrap();
    let shared_thread = add_thread(&mut ours, CommentTarget::Programme, "Dee Designer", T1, "Draft ready");
    let mut theirs = ours.clone();
    reply(&mut ours, &shared_thread, "Dee Designer", T2, "Added HSC401 × K5").unwrap();
    reply(
        &mut theirs,
        &shared_thread,
        "Rae Reviewer",
        T2,
        "K23 is still uncovered",
    )
    .unwrap();
    let cell = CommentTarget::Cell {
        module: ours.modules[0].code.clone(),
        ksb: k("K1"),
    };
    let t = add_thread(&mut theirs, cell, "Rae Reviewer", T2, "Is this full?");
    set_resolved(&mut theirs, &t, true, "Rae Reviewer", T3);
    add_thread(
        &mut theirs,
        CommentTarget::Duty(d("D7")),
        "Rae Reviewer",
        T3,
        "No module teaches mentoring",
    );
    set_duty_status(&mut theirs, &d("D1"), ReviewStatus::Agreed, "Rae Reviewer", T3);
    (save(dir, "ours.ron", &ours), save(dir, "theirs.ron", &theirs))
}

#[test]
fn merge_comments_brings_a_reviewers_threads_and_replies_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = two_copies(dir.path());
    let before = htq_mapper::store::load_project(&ours).unwrap();
    let copy = htq_mapper::store::load_project(&theirs).unwrap();

    let o = htq(&["merge-comments", arg(&ours), arg(&theirs), "--author", "Ann Lee"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains(": 2 threads, 1 reply and 1 duty review added"),
        "{}",
        stdout(&o)
    );
    let merged = htq_mapper::store::load_project(&ours).unwrap();
    assert_eq!(merged.comments.len(), 3);
    // Every comment of both copies is there, each once.
    let all = |p: &Project| -> Vec<(String, String)> {
        p.comments
            .iter()
            .flat_map(|t| t.comments.iter().map(move |c| (t.id.clone(), c.id.clone())))
            .collect()
    };
    for c in all(&before).into_iter().chain(all(&copy)) {
        assert_eq!(all(&merged).iter().filter(|x| **x == c).count(), 1, "{c:?}");
    }
    assert_eq!(merged.comments[0].comments.len(), 3);
    assert_eq!(merged.duty_reviews.len(), 1);
    // The merge is in the change log, in the merger's name.
    let logged = merged.change_log.last().expect("a change-log entry");
    assert_eq!(logged.author, "Ann Lee");
    assert!(logged.summary.contains("2 comment threads added"), "{}", logged.summary);
    // The mapping is the project's own.
    assert_eq!(merged.mappings, before.mappings);

    // Merging again brings nothing and leaves the file alone.
    let bytes = std::fs::read(&ours).unwrap();
    let o = htq(&["merge-comments", arg(&ours), arg(&theirs)]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("Nothing new in"), "{}", stdout(&o));
    assert_eq!(std::fs::read(&ours).unwrap(), bytes);
}

#[test]
fn comments_lists_threads_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let (_, theirs) = two_copies(dir.path());
    let o = htq(&["comments", arg(&theirs), "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["total"], 3);
    assert_eq!(v["open"], 2);
    let threads = v["threads"].as_array().unwrap();
    assert_eq!(threads.len(), 3);
    let first = &threads[0];
    assert_eq!(first["target"]["kind"], "programme");
    assert_eq!(first["target"]["label"], "the programme");
    assert_eq!(first["status"], "open");
    assert_eq!(first["resolved"], Value::Null);
    assert_eq!(first["comments"][0]["author"], "Dee Designer");
    assert_eq!(first["comments"][0]["at"], T1);
    assert_eq!(first["comments"][0]["text"], "Draft ready");
    assert_eq!(first["comments"][1]["author"], "Rae Reviewer");
    let cell = &threads[1];
    assert_eq!(cell["target"]["kind"], "cell");
    assert_eq!(cell["target"]["ksb"], "ST0215/K1");
    assert_eq!(cell["status"], "resolved");
    assert_eq!(cell["resolved"]["by"], "Rae Reviewer");
    assert_eq!(threads[2]["target"]["duty"], "ST0215/D7");

    let o = htq(&["comments", arg(&theirs), "--open", "--json"]);
    let open: Vec<Value> = json(&o)["threads"].as_array().unwrap().clone();
    assert_eq!(open.len(), 2);
    assert!(open.iter().all(|t| t["status"] == "open"));

    let o = htq(&["comments", arg(&theirs), "--open"]);
    let text = stdout(&o);
    assert!(text.starts_with("3 comment threads, 2 open\n"), "{text}");
    assert!(
        text.contains(
            "\nduty ST0215/D7 — open\n  Rae Reviewer at 2026-11-26T09:30:00Z:\n    No module teaches mentoring\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Is this full?"), "{text}");

    // check counts them too.
    let o = htq(&["check", arg(&theirs)]);
    assert!(
        stdout(&o).contains("Review: duties 1 agreed, 0 query, 9 not reviewed; comment threads: 2 open of 3\n"),
        "{}",
        stdout(&o)
    );
    assert_eq!(json(&htq(&["check", arg(&theirs), "--json"]))["open_comments"], 2);
}

/// A merged file that still holds two answers to one cell is not signed: the sign-off would
/// seal both. The file is left as it was.
#[test]
fn a_project_with_merge_conflicts_left_is_not_signed() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = fully_covered();
    crate::common::with_a_merge_conflict(&mut p);
    let path = save(dir.path(), "merged.ron", &p);
    let before = std::fs::read(&path).unwrap();
    let o = htq(&["sign-off", arg(&path), "--name", "Ann", "--role", "Quality lead"]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("1 merge conflict from merging two copies is unresolved"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("nothing was signed"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn bad_input_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(not a project").unwrap();
    let sample = sample_path();
    let cases: [Vec<&str>; 4] = [
        vec!["sign-off", arg(&missing), "--name", "A", "--role", "B"],
        vec!["merge-comments", arg(&sample), arg(&bad)],
        vec!["comments", arg(&bad)],
        vec!["check", arg(&bad), "--require-signoff"],
    ];
    for args in cases {
        let o = htq(&args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stdout(&o));
        let named = if args.contains(&arg(&missing)) {
            "missing.ron"
        } else {
            "bad.ron"
        };
        assert!(stderr(&o).contains(named), "{args:?}: {}", stderr(&o));
    }
    // A blank name or a date that is not one is refused, and the file is left alone.
    let copy = save(dir.path(), "copy.ron", &htq_mapper::sample::sample_project().unwrap());
    let bytes = std::fs::read(&copy).unwrap();
    let o = htq(&["sign-off", arg(&copy), "--name", " ", "--role", "B"]);
    assert_eq!(code(&o), 2);
    // A line break or an escape code could forge a second "Sign-off:" line in check's output.
    let forged = "Ann Lee\nSign-off: Signed off by Chief Examiner";
    for (name, role) in [
        (forged, "QA"),
        ("Ann Lee", "QA\u{1b}[31m"),
        ("A\u{2028}B", "QA"),
        ("Ann\u{202e}eeL", "QA"),
    ] {
        let o = htq(&["sign-off", arg(&copy), "--name", name, "--role", role]);
        assert_eq!(code(&o), 2, "{name:?} {role:?}");
        assert!(stderr(&o).contains("one line of plain text"), "{}", stderr(&o));
    }
    let sign_dated = |date: &str| htq(&["sign-off", arg(&copy), "--name", "A", "--role", "B", "--date", date]);
    let o = sign_dated("2026-11-31");
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
    let o = sign_dated("2999-01-01");
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot be dated after today"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);

    // Another programme's file is not a reviewer's copy: nothing is merged from it.
    let mut other = htq_mapper::sample::sample_project().unwrap();
    other.programme.title = "HNC Engineering".into();
    other.programme.standards = vec!["ST0004".into()];
    other.standards.clear();
    htq_mapper::review::comments::add_thread(
        &mut other,
        htq_mapper::model::CommentTarget::Programme,
        "Raj",
        "2026-11-25T10:00:00Z",
        "Wrong file",
    );
    let other = save(dir.path(), "other.ron", &other);
    let o = htq(&["merge-comments", arg(&copy), arg(&other)]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("other.ron") && stderr(&o).contains("not a copy"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
}

/// Threads on a module since deleted and on a KSB a new version dropped are listed, and say
/// so, in `comments` (text and JSON) and in the HTML report, as in the app's comments pane.
#[test]
fn comments_on_what_the_project_no_longer_has_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = htq_mapper::sample::sample_project().unwrap();
    let cell = CommentTarget::Cell {
        module: "HSC402".into(),
        ksb: k("K3"),
    };
    add_thread(&mut p, cell, "Rae Reviewer", T1, "Where is K3 taught?");
    add_thread(
        &mut p,
        CommentTarget::Ksb(k("K99")),
        "Rae Reviewer",
        T2,
        "Dropped in 1.2?",
    );
    add_thread(&mut p, CommentTarget::Ksb(k("K5")), "Rae Reviewer", T3, "Still here");
    p.modules.retain(|m| m.code != "HSC402");
    let file = save(dir.path(), "gone.ron", &p);

    let text = stdout(&htq(&["comments", arg(&file)]));
    assert!(
        text.contains("\nHSC402 × ST0215/K3 (module removed) — open\n"),
        "{text}"
    );
    assert!(
        text.contains("\nST0215/K99 (no longer in the standard) — open\n"),
        "{text}"
    );
    assert!(text.contains("\nST0215/K5 — open\n"), "{text}");

    let v = json(&htq(&["comments", arg(&file), "--json"]));
    let gone: Vec<&Value> = v["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["target"]["gone"])
        .collect();
    assert_eq!(
        gone,
        [
            &Value::from("module removed"),
            &Value::from("no longer in the standard"),
            &Value::Null
        ]
    );

    let html = dir.path().join("report.html");
    let o = htq(&["report", arg(&file), "--out", arg(&html)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("HSC402 × ST0215/K3 (module removed)"),
        "the report's heading says it"
    );
    assert!(page.contains("ST0215/K99 (no longer in the standard)"));
}
