//! `htq-mapper merge` and `send-copy` (issue 26): two colleagues' copies of one programme made
//! by `new` on ST0215's real page, merged three ways; git's merge driver; and the merge's laws
//! as property tests.

use std::path::{Path, PathBuf};

use crate::common::*;
use htq_mapper::merge::merge;
use htq_mapper::model::{Choice, Coverage, Mapping, MergeConflict, Project, resolve_conflict};
use htq_mapper::store::{load_project, save_project};
use proptest::prelude::*;
use serde_json::{Value, json};

const MODULES: &str = "code,title,level,credits,status\n\
    M401,Foundations,4,60,core\nM402,Practice One,4,40,core\nM403,Practice Two,4,20,core\n\
    M501,Advanced Practice,5,100,core\nM502,Research,5,20,core\n";
const MATRIX: &str = "KSB,M401,M402,M403,M501,M502\nK1,X,,,,\nK2,,X,,,\nK3,,X,,,\nK4,,,,X,\n";

fn json_of(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// A base project made by `new`, at `dir/name`.
fn made_by_new(dir: &Path, name: &str) -> PathBuf {
    let modules = dir.join("modules.csv");
    let matrix = dir.join("matrix.csv");
    std::fs::write(&modules, MODULES).unwrap();
    std::fs::write(&matrix, MATRIX).unwrap();
    let out = dir.join(name);
    let o = htq_new(&modules, Some(&matrix), &out, &["--title", "FdSc Merge"]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

/// Loads `from`, edits it and saves it as `to`.
fn edited(from: &Path, to: &Path, edit: impl FnOnce(&mut Project)) -> PathBuf {
    let mut p = load_project(from).unwrap();
    edit(&mut p);
    save_project(to, &p).unwrap();
    to.to_path_buf()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn partial_with_reason(p: &mut Project, module: &str, code: &str, reason: &str) {
    let mut m = p.mapping(module, &k(code)).unwrap().clone();
    m.coverage = Coverage::Partial;
    m.workplace_reason = reason.into();
    p.set_mapping(m);
}

fn mine_edit(p: &mut Project) {
    p.set_mapping(Mapping::new("M403", k("K5"), Coverage::Full));
    partial_with_reason(p, "M402", "K2", "Completed on placement");
}

fn theirs_edit(p: &mut Project) {
    p.set_mapping(Mapping::new("M502", k("S3"), Coverage::Full));
    p.remove_mapping("M402", &k("K3")).unwrap();
    p.modules.iter_mut().find(|m| m.code == "M501").unwrap().title = "Advanced Practice in Care".into();
}

#[test]
fn two_sets_of_edits_merge_cleanly_and_compare_lists_exactly_them() {
    let dir = tempfile::tempdir().unwrap();
    let base = made_by_new(dir.path(), "base.ron");
    let mine = edited(&base, &dir.path().join("mine.ron"), mine_edit);
    let theirs = edited(&base, &dir.path().join("theirs.ron"), theirs_edit);
    let out = dir.path().join("out.ron");
    let o = htq(&["merge", s(&mine), s(&theirs), "--base", s(&base), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));

    let c = json_of(&htq(&["compare", s(&base), s(&out), "--json"]));
    let cell = |m: &str, code: &str, cov: &str| json!({"module": m, "ksb": format!("ST0215/{code}"), "coverage": cov});
    assert_eq!(
        c["mappings"]["added"],
        json!([cell("M403", "K5", "full"), cell("M502", "S3", "full")])
    );
    assert_eq!(c["mappings"]["removed"], json!([cell("M402", "K3", "full")]));
    assert_eq!(
        c["mappings"]["changed"],
        json!([{"module": "M402", "ksb": "ST0215/K2",
            "from": {"coverage": "full", "workplace_reason": ""},
            "to": {"coverage": "partial", "workplace_reason": "Completed on placement"}}])
    );
    assert_eq!(c["modules"]["added"], json!([]));
    assert_eq!(c["modules"]["removed"], json!([]));
    let changed = &c["modules"]["changed"];
    assert_eq!(changed.as_array().map(Vec::len), Some(1), "{changed}");
    assert_eq!(changed[0]["code"], "M501");
    assert_eq!(changed[0]["fields"], json!(["title"]));
    assert_eq!(c["standards"], json!({"added": [], "removed": [], "changed": []}));
    // Written to --out: MINE is untouched and has no backup.
    assert_eq!(load_project(&mine).unwrap(), {
        let mut p = load_project(&base).unwrap();
        mine_edit(&mut p);
        p
    });
    assert!(!dir.path().join("mine.ron.bak").exists());
}

#[test]
fn json_says_what_came_from_each_side() {
    let dir = tempfile::tempdir().unwrap();
    let base = made_by_new(dir.path(), "base.ron");
    let mine = edited(&base, &dir.path().join("mine.ron"), mine_edit);
    let theirs = edited(&base, &dir.path().join("theirs.ron"), theirs_edit);
    let out = dir.path().join("out.ron");
    let o = htq(&[
        "merge",
        s(&mine),
        s(&theirs),
        "--base",
        s(&base),
        "--out",
        s(&out),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = json_of(&o);
    assert_eq!(j["clean"], true);
    assert_eq!(j["conflicts"], json!([]));
    assert_eq!(
        j["from_mine"],
        json!([
            {"item": "mapping", "key": "M402:ST0215/K2", "change": "changed", "fields": ["coverage", "workplace_reason"]},
            {"item": "mapping", "key": "M403:ST0215/K5", "change": "added"},
        ])
    );
    assert_eq!(
        j["from_theirs"],
        json!([
            {"item": "mapping", "key": "M402:ST0215/K3", "change": "removed"},
            {"item": "mapping", "key": "M502:ST0215/S3", "change": "added"},
            {"item": "module", "key": "M501", "change": "changed", "fields": ["title"]},
        ])
    );
    assert_eq!(j["from_both"], json!([]));
}

fn noted(p: &mut Project, note: &str) {
    let mut m = p.mapping("M401", &k("K1")).unwrap().clone();
    m.note = note.into();
    p.set_mapping(m);
}

#[test]
fn a_cell_changed_two_ways_is_kept_as_a_conflict_that_check_reports_until_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let base = made_by_new(dir.path(), "base.ron");
    let mine = edited(&base, &dir.path().join("mine.ron"), |p| {
        mine_edit(p);
        noted(p, "Covered in the lab sessions");
    });
    let mine_bytes = std::fs::read(&mine).unwrap();
    let theirs = edited(&base, &dir.path().join("theirs.ron"), |p| {
        theirs_edit(p);
        noted(p, "Covered on placement");
    });
    // Written over MINE, keeping MINE.bak.
    let o = htq(&["merge", s(&mine), s(&theirs), "--base", s(&base), "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json_of(&o);
    assert_eq!(j["clean"], false);
    assert_eq!(j["conflicts"][0]["id"], "merge-conflict:M401:ST0215/K1");
    assert_eq!(j["conflicts"][0]["fields"], json!(["note"]));
    assert_eq!(j["conflicts"][0]["mine"]["note"], "Covered in the lab sessions");
    assert_eq!(j["conflicts"][0]["theirs"]["note"], "Covered on placement");
    assert_eq!(std::fs::read(dir.path().join("mine.ron.bak")).unwrap(), mine_bytes);

    // The written file loads and keeps every other edit of both sides.
    let merged = load_project(&mine).unwrap();
    assert!(merged.mapping("M403", &k("K5")).is_some());
    assert!(merged.mapping("M502", &k("S3")).is_some());
    assert!(merged.mapping("M402", &k("K3")).is_none());
    assert_eq!(merged.mapping("M402", &k("K2")).unwrap().coverage, Coverage::Partial);
    assert_eq!(merged.module("M501").unwrap().title, "Advanced Practice in Care");
    assert_eq!(merged.merge_conflicts.len(), 1);

    let o = htq(&["check", s(&mine), "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let ids: Vec<String> = json_of(&o)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["id"].as_str().map(String::from))
        .filter(|id| id.starts_with("merge-conflict"))
        .collect();
    assert_eq!(ids, ["merge-conflict:M401:ST0215/K1"]);

    // A portfolio lists it first, as needing its conflicts resolved.
    let folder = dir.path().join("portfolio");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(&mine, folder.join("merged.ron")).unwrap();
    std::fs::copy(&base, folder.join("other.ron")).unwrap();
    let o = htq(&["portfolio", s(&folder), "--json"]);
    let rows = json_of(&o)["programmes"].clone();
    assert_eq!(rows[0]["merge_conflicts"], 1, "{rows}");
    assert!(rows[0]["path"].as_str().unwrap().ends_with("merged.ron"), "{rows}");
    assert_eq!(rows[1]["merge_conflicts"], 0, "{rows}");
    let text = stdout(&htq(&["portfolio", s(&folder)]));
    assert!(text.contains("1 merge conflicts to resolve"), "{text}");

    // Taking theirs resolves it: the note is theirs, and check has no conflict left.
    let mut p = merged.clone();
    let label = resolve_conflict(&mut p, "merge-conflict:M401:ST0215/K1", Choice::Theirs).unwrap();
    assert_eq!(label, "Take theirs: M401 × ST0215/K1");
    assert_eq!(p.mapping("M401", &k("K1")).unwrap().note, "Covered on placement");
    assert!(p.merge_conflicts.is_empty());
    save_project(&mine, &p).unwrap();
    let o = htq(&["check", s(&mine), "--json"]);
    let findings = json_of(&o)["findings"].to_string();
    assert!(!findings.contains("merge-conflict"), "{findings}");
    // A file without conflicts writes no trace of the field.
    assert!(!std::fs::read_to_string(&mine).unwrap().contains("merge_conflicts"));
}

#[test]
fn a_cell_edited_on_one_side_and_deleted_on_the_other_keeps_the_edit_until_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let base = made_by_new(dir.path(), "base.ron");
    let mine = edited(&base, &dir.path().join("mine.ron"), |p| noted(p, "Week 3"));
    let theirs = edited(&base, &dir.path().join("theirs.ron"), |p| {
        p.remove_mapping("M401", &k("K1")).unwrap();
    });
    let o = htq(&["merge", s(&mine), s(&theirs), "--base", s(&base)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let mut p = load_project(&mine).unwrap();
    assert_eq!(p.mapping("M401", &k("K1")).unwrap().note, "Week 3");
    assert!(matches!(
        &p.merge_conflicts[..],
        [MergeConflict::Mapping { theirs: None, .. }]
    ));
    resolve_conflict(&mut p, "merge-conflict:M401:ST0215/K1", Choice::Theirs).unwrap();
    assert!(p.mapping("M401", &k("K1")).is_none(), "theirs deleted it");
}

#[test]
fn a_sent_copy_merges_back_without_a_base() {
    let dir = tempfile::tempdir().unwrap();
    let lead = made_by_new(dir.path(), "lead.ron");
    let copy = dir.path().join("copy.ron");
    let o = htq(&["send-copy", s(&lead), "--out", s(&copy)]);
    assert!(o.status.success(), "{}", stderr(&o));
    edited(&copy, &copy, theirs_edit);
    edited(&lead, &lead, mine_edit);

    let o = htq(&["merge", s(&lead), s(&copy)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let p = load_project(&lead).unwrap();
    for (m, code) in [("M403", "K5"), ("M502", "S3")] {
        assert!(p.mapping(m, &k(code)).is_some(), "{m} × {code}");
    }
    assert!(p.mapping("M402", &k("K3")).is_none());
    assert_eq!(p.mapping("M402", &k("K2")).unwrap().coverage, Coverage::Partial);
    assert_eq!(p.module("M501").unwrap().title, "Advanced Practice in Care");
    assert!(p.copy_base.is_none(), "the lead's file is not a copy");

    // Two copies with no recorded base and no --base: exit 2, saying so.
    let other = edited(&lead, &dir.path().join("other.ron"), |_| {});
    let o = htq(&["merge", s(&lead), s(&other)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("records no base, and no --base was given"),
        "{}",
        stderr(&o)
    );
}

/// The merge command `send-copy` prints can be pasted, spaces and all; and `--force` never
/// writes the copy over the project it copies, through a link or not.
#[cfg(unix)]
#[test]
fn send_copy_prints_a_command_to_paste_and_never_overwrites_its_project() {
    let dir = tempfile::tempdir().unwrap();
    let lead = made_by_new(dir.path(), "lead.ron");
    let copy = dir.path().join("colleague's copy.ron");
    let o = htq(&["send-copy", s(&lead), "--out", s(&copy)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stdout(&o);
    let quoted = format!("'{}'", s(&copy).replace('\'', "'\\''"));
    assert!(
        said.contains(&format!("htq-mapper merge {} {quoted}`", s(&lead))),
        "{said}"
    );
    let pasted = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("printf '%s' {quoted}"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&pasted.stdout),
        s(&copy),
        "the shell reads it back"
    );

    let before = std::fs::read(&lead).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&lead, &link).unwrap();
    for out in [&lead, &link] {
        let o = htq(&["send-copy", s(&lead), "--out", s(out), "--force"]);
        assert_eq!(o.status.code(), Some(2), "{}", s(out));
        assert!(stderr(&o).contains("is also an input"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&lead).unwrap(), before, "the project is as it was");
}

#[test]
fn an_unreadable_copy_exits_2_naming_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let base = made_by_new(dir.path(), "base.ron");
    let broken = dir.path().join("theirs.ron");
    let text = std::fs::read_to_string(&base)
        .unwrap()
        .replace("coverage: Full", "coverage: Fulll");
    std::fs::write(&broken, text).unwrap();
    let o = htq(&["merge", s(&base), s(&broken), "--base", s(&base)]);
    assert_eq!(o.status.code(), Some(2));
    let line = std::fs::read_to_string(&broken)
        .unwrap()
        .lines()
        .position(|l| l.contains("Fulll"))
        .unwrap()
        + 1;
    assert!(stderr(&o).contains(&format!("theirs.ron:{line}:")), "{}", stderr(&o));
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", no_user_data())
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) {
    let o = git(dir, args);
    assert!(o.status.success(), "git {args:?}: {}{}", stdout(&o), stderr(&o));
}

#[test]
fn git_merges_two_branches_that_add_mappings_at_the_same_place() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    let made = dir.path().join("made");
    std::fs::create_dir(&made).unwrap();
    let base = made_by_new(&made, "plan.ron");
    let plan = repo.join("plan.ron");
    std::fs::copy(&base, &plan).unwrap();
    git_ok(&repo, &["init", "-q", "-b", "main"]);
    git_ok(&repo, &["config", "user.name", "Test"]);
    git_ok(&repo, &["config", "user.email", "test@example.org"]);
    let driver = format!("{} merge %A %B --base %O", env!("CARGO_BIN_EXE_htq-mapper"));
    git_ok(&repo, &["config", "merge.htq.driver", &driver]);
    std::fs::write(repo.join(".gitattributes"), "*.ron merge=htq\n").unwrap();
    git_ok(&repo, &["add", "."]);
    git_ok(&repo, &["commit", "-qm", "base"]);
    // Both new cells sort straight after M401 × K1, so their lines land at the same place.
    for (branch, module) in [("a", "M403"), ("b", "M501")] {
        git_ok(&repo, &["checkout", "-qb", branch, "main"]);
        // Saved as an editor would, with no .bak or lock beside it.
        let mut p = load_project(&plan).unwrap();
        p.set_mapping(Mapping::new(module, k("K1"), Coverage::Full));
        htq_mapper::store::save_project_plain(&plan, &p).unwrap();
        git_ok(&repo, &["commit", "-qam", branch]);
    }
    git_ok(&repo, &["checkout", "-q", "a"]);
    let o = git(&repo, &["merge", "-q", "--no-edit", "b"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"), "{text}");
    let p = load_project(&plan).unwrap();
    for module in ["M401", "M403", "M501"] {
        assert!(p.mapping(module, &k("K1")).is_some(), "{module} × K1");
    }
    let o = htq(&["check", s(&plan)]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    // Nothing left behind: no .bak or lock of git's temporary files, a clean work tree.
    let status = git(&repo, &["status", "--porcelain", "--ignored"]);
    assert_eq!(stdout(&status), "", "left in the work tree");
}

/// A project of four modules and 12 KSBs, and a random set of mappings of it.
fn small(cells: &[(usize, usize, u8)]) -> Project {
    let mut p = htq_mapper::sample::stress_project(12, 4);
    p.mappings.clear();
    let refs: Vec<_> = p.ksb_refs().collect();
    for &(m, r, how) in cells {
        let module = p.modules[m % 4].code.clone();
        let mut x = Mapping::new(module, refs[r % refs.len()].clone(), Coverage::Full);
        match how % 4 {
            1 => x.coverage = Coverage::Partial,
            2 => x.note = "n".into(),
            3 => x.assessed = true,
            _ => {}
        }
        p.set_mapping(x);
    }
    p
}

fn cells() -> impl Strategy<Value = Vec<(usize, usize, u8)>> {
    prop::collection::vec((0usize..4, 0usize..12, 0u8..4), 0..30)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn merging_with_an_unchanged_side_gives_the_other(b in cells(), a in cells()) {
        let (base, a) = (small(&b), small(&a));
        let m = merge(&base, &a, &base);
        prop_assert_eq!(&m.project.mappings, &a.mappings);
        prop_assert!(m.report.conflicts.is_empty());
        let m = merge(&base, &base, &a);
        prop_assert_eq!(&m.project.mappings, &a.mappings);
    }

    #[test]
    fn the_sides_swapped_hold_the_same_mappings_and_conflicts(b in cells(), x in cells(), y in cells()) {
        let (base, x, y) = (small(&b), small(&x), small(&y));
        let one = merge(&base, &x, &y);
        let other = merge(&base, &y, &x);
        let keys = |p: &Project| p.mappings.iter().map(|m| m.key()).map(|(k, m)| (k.clone(), m.to_string())).collect::<Vec<_>>();
        prop_assert_eq!(keys(&one.project), keys(&other.project));
        let ids = |p: &Project| { let mut v: Vec<String> = p.merge_conflicts.iter().map(MergeConflict::id).collect(); v.sort(); v };
        prop_assert_eq!(ids(&one.project), ids(&other.project));
        // Outside the conflicts, the cells are the same whichever side is mine.
        for m in one.project.mappings.iter() {
            let id = format!("merge-conflict:{}:{}", m.module, m.ksb);
            if !ids(&one.project).contains(&id) {
                prop_assert_eq!(Some(m), other.project.mapping(&m.module, &m.ksb));
            }
        }
    }

    #[test]
    fn no_edit_of_either_side_is_lost_without_a_conflict(b in cells(), x in cells(), y in cells()) {
        use htq_mapper::model::fields::{MAPPING_FIELDS, mapping_field_eq};
        let (base, x, y) = (small(&b), small(&x), small(&y));
        let merged = merge(&base, &x, &y).project;
        let conflicted = |m: &str, k: &htq_mapper::model::KsbRef| merged.merge_conflicts.iter().any(|c| c.cell() == Some((m, k)));
        for side in [&x, &y] {
            let keys = side.mappings.iter().chain(base.mappings.iter()).map(|m| (m.module.clone(), m.ksb.clone()));
            for (module, ksb) in keys {
                if conflicted(&module, &ksb) {
                    continue;
                }
                let (was, now, got) = (base.mapping(&module, &ksb), side.mapping(&module, &ksb), merged.mapping(&module, &ksb));
                match (was, now, got) {
                    // Each field the side changed holds the side's value.
                    (Some(was), Some(now), Some(got)) => {
                        for f in MAPPING_FIELDS {
                            if !mapping_field_eq(was, now, f) {
                                prop_assert!(mapping_field_eq(now, got, f), "{} of {} × {}", f, module, ksb);
                            }
                        }
                    }
                    // An addition or a removal stands.
                    (was, now, got) if was != now => prop_assert_eq!(got, now, "{} × {}", module, ksb),
                    _ => {}
                }
            }
        }
    }
}

/// A copy sent before the lead migrated to a new version of the standard: its mapping and its
/// comment on 1.0's K27 land on 1.1's K20, the same statement, not on 1.1's K27 (another one).
#[test]
fn a_copy_sent_before_a_migration_merges_onto_the_new_versions_ksbs() {
    let dir = tempfile::tempdir().unwrap();
    let modules = dir.path().join("m.csv");
    std::fs::write(
        &modules,
        "code,title,level,credits,status\nM401,Intro,4,60,core\nM502,Opt,5,60,core\n",
    )
    .unwrap();
    let lead = dir.path().join("prog.ron");
    let o = htq(&[
        "new",
        "--standard",
        "ST0220@1.0",
        "--modules",
        s(&modules),
        "--out",
        s(&lead),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let copy = dir.path().join("leader.ron");
    let o = htq(&["send-copy", s(&lead), "--out", s(&copy)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let k27 = htq_mapper::model::KsbRef::new("ST0220", "K27".parse().unwrap());
    edited(&copy, &copy, |p| {
        p.set_mapping(Mapping::new("M502", k27.clone(), Coverage::Full));
        let target = htq_mapper::model::CommentTarget::Ksb(k27.clone());
        htq_mapper::review::comments::add_thread(p, target, "Reviewer", "2026-12-07T10:00:00Z", "Is this taught?");
    });
    let o = htq(&["migrate", s(&lead), "--to", "ST0220@1.1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let review = dir.path().join("review.ron");
    std::fs::copy(&lead, &review).unwrap();

    let o = htq(&["merge", s(&lead), s(&copy)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("theirs: ST0220 1.0 → 1.1"), "{}", stdout(&o));
    let p = load_project(&lead).unwrap();
    let k20 = htq_mapper::model::KsbRef::new("ST0220", "K20".parse().unwrap());
    assert!(p.mapping("M502", &k20).is_some(), "their mapping is on K20");
    assert!(p.mapping("M502", &k27).is_none(), "not on 1.1's K27");

    let o = htq(&["merge-comments", s(&review), s(&copy)]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The copy differs by its one mapping, not by the migration it was carried across.
    let out = stdout(&o);
    let note = out.lines().find(|l| l.starts_with("Note:")).unwrap_or_default();
    assert!(note.contains("(1 mapping added)"), "{out}");
    let r = load_project(&review).unwrap();
    let thread = r
        .comments
        .iter()
        .find(|t| t.comments[0].text == "Is this taught?")
        .unwrap();
    assert_eq!(thread.target, htq_mapper::model::CommentTarget::Ksb(k20));
}
