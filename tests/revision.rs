//! Standards over time: `diff-standard` and `migrate` on the real versions in
//! ../shared/data/ifate-standards/versions.

use crate::common::*;
use serde_json::Value;

fn version(file: &str) -> String {
    shared(&format!("data/ifate-standards/versions/{file}.json"))
        .to_str()
        .unwrap()
        .to_string()
}

fn diff_json(old: &str, new: &str) -> Value {
    let o = htq(&["diff-standard", &version(old), &version(new), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&o)))
}

fn changes(v: &Value, what: &str, change: &str) -> Vec<(String, String)> {
    let s = |x: &Value| x.as_str().unwrap_or("").to_string();
    v[what]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["change"] == change)
        .map(|e| (s(&e["from"]), s(&e["to"])))
        .collect()
}

/// Each code of the version appears exactly once on its side.
fn each_once(v: &Value, side: &str, n: usize) {
    let mut codes: Vec<&str> = v["ksbs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e[side].as_str())
        .collect();
    assert_eq!(codes.len(), n, "{side}");
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), n, "{side}: a code appears twice");
}

#[test]
fn st0215_1_1_to_1_2_is_all_unchanged() {
    let v = diff_json("ST0215_1.1", "ST0215_1.2");
    assert_eq!(v["from"]["reference"], "ST0215");
    assert_eq!(v["from"]["version"], "1.1");
    assert_eq!(v["to"]["version"], "1.2");
    assert_eq!(changes(&v, "ksbs", "unchanged").len(), 72);
    assert_eq!(v["ksbs"].as_array().unwrap().len(), 72);
    assert_eq!(changes(&v, "duties", "unchanged").len(), 10);
    let k3 = v["ksbs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["from"] == "K3")
        .unwrap();
    assert_eq!(k3["to"], "K3");
    assert_eq!(k3["similarity"], 1.0);
}

#[test]
fn st0220_1_0_to_1_1_matches_reworded_and_renumbered_statements() {
    let v = diff_json("ST0220_1.0", "ST0220_1.1");
    each_once(&v, "from", 65);
    each_once(&v, "to", 94);
    assert!(changes(&v, "ksbs", "unchanged").is_empty());
    // Only case and punctuation changed: the same text, renumbered.
    let renumbered = changes(&v, "ksbs", "renumbered");
    assert!(renumbered.contains(&("K27".into(), "K20".into())), "{renumbered:?}");
    let reworded = changes(&v, "ksbs", "reworded");
    for pair in [
        ("K9", "K40"),
        ("S4", "S4"),
        ("K12", "K28"),
        ("S23", "S14"),
        ("K13", "K32"),
    ] {
        assert!(
            reworded.contains(&(pair.0.into(), pair.1.into())),
            "{pair:?} in {reworded:?}"
        );
    }
    // Unrelated statements stay apart: 1.0's S28 (quality improvement) is not 1.1's S2
    // (scope of the role), and K34 (leadership models) is not K24 (planning the team's work).
    let all: Vec<(String, String)> = renumbered.into_iter().chain(reworded).collect();
    for (old, new) in [("S28", "S2"), ("K34", "K24"), ("K5", "K42")] {
        assert!(!all.contains(&(old.into(), new.into())), "{old} matched to {new}");
    }
    assert_eq!(changes(&v, "duties", "added").len(), 10);
}

#[test]
fn st0825_1_1_to_2_0_shows_each_kind_of_change() {
    let v = diff_json("ST0825_1.1", "ST0825_2.0");
    each_once(&v, "from", 51);
    each_once(&v, "to", 51);
    let n = |c| changes(&v, "ksbs", c).len();
    // 38 of the 39 matched pairs keep their GUID as well: the matching agrees with IfATE's ids.
    assert_eq!(
        [n("unchanged"), n("renumbered"), n("reworded"), n("added"), n("removed")],
        [1, 6, 32, 12, 12]
    );
    assert!(changes(&v, "ksbs", "renumbered").contains(&("S5".into(), "S18".into())));
    // A kept GUID whose text became unrelated is not matched: 1.1 K25 (cloud certification)
    // and 2.0 K22 (FinOps) share one.
    assert!(changes(&v, "ksbs", "removed").contains(&("K25".into(), String::new())));
    assert!(changes(&v, "ksbs", "added").contains(&(String::new(), "K22".into())));
}

#[test]
fn every_consecutive_pair_pairs_each_statement_once() {
    let pairs = [
        ("ST0215_1.0", "ST0215_1.1"),
        ("ST0215_1.1", "ST0215_1.2"),
        ("ST0220_1.0", "ST0220_1.1"),
        ("ST0413_1.0", "ST0413_1.1"),
        ("ST0551_1.0", "ST0551_1.1"),
        ("ST0825_1.0", "ST0825_1.1"),
        ("ST0825_1.1", "ST0825_2.0"),
    ];
    for (old, new) in pairs {
        let a = htq_mapper::import::read_standards(std::path::Path::new(&version(old)))
            .unwrap()
            .remove(0)
            .standard;
        let b = htq_mapper::import::read_standards(std::path::Path::new(&version(new)))
            .unwrap()
            .remove(0)
            .standard;
        let d = htq_mapper::revision::diff(&a, &b);
        let from: Vec<_> = d.ksbs.iter().filter_map(|e| e.from).collect();
        let to: Vec<_> = d.ksbs.iter().filter_map(|e| e.to).collect();
        assert_eq!(from.len(), a.ksbs.len(), "{old}");
        assert_eq!(to.len(), b.ksbs.len(), "{new}");
        // Identical text is always matched with its twin.
        for k in &a.ksbs {
            let norm = htq_mapper::revision::words::normal(&k.text);
            if let Some(twin) = b
                .ksbs
                .iter()
                .find(|x| htq_mapper::revision::words::normal(&x.text) == norm)
            {
                let e = d.ksb_from(k.code).unwrap();
                assert!(
                    e.to.is_some_and(|t| b
                        .ksb(t)
                        .is_some_and(|x| htq_mapper::revision::words::normal(&x.text) == norm)),
                    "{old} {} has a twin {}",
                    k.code,
                    twin.code
                );
            }
        }
        // The same both ways round, and each time.
        assert_eq!(htq_mapper::revision::diff(&a, &b), d, "{old}: not deterministic");
    }
}

const MODULES: &str = "code,title,level,credits,status\nA401,Foundations,4,60,core\nA402,Practice,4,60,core\nB501,Evidence,5,60,core\nB502,Leadership,5,60,core\n";

/// A project on `standard` with every KSB mapped: the i-th KSB to module i mod 4.
fn mapped_project(dir: &std::path::Path, standard: &std::path::Path) -> std::path::PathBuf {
    let modules = dir.join("modules.csv");
    std::fs::write(&modules, MODULES).unwrap();
    let st = htq_mapper::import::read_standards(standard).unwrap().remove(0).standard;
    let mut matrix = String::from("KSB,A401,A402,B501,B502\n");
    for (i, k) in st.ksbs.iter().enumerate() {
        let mut row = [""; 4];
        row[i % 4] = "F";
        matrix.push_str(&format!("{},{}\n", k.code, row.join(",")));
    }
    let matrix_path = dir.join("matrix.csv");
    std::fs::write(&matrix_path, matrix).unwrap();
    let out = dir.join("p.ron");
    let o = htq_new_on(standard, &modules, Some(&matrix_path), &out, &["--title", "Test FdSc"]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn migrate_the_st0215_seed_project_to_1_2_carries_every_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let project = mapped_project(dir.path(), &shared(ST0215_PAGE));
    let out = dir.path().join("p-1.2.ron");
    let o = htq(&[
        "migrate",
        project.to_str().unwrap(),
        "--to",
        &version("ST0215_1.2"),
        "--out",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["carried"], 72);
    assert!(v["review"].as_array().unwrap().is_empty());
    assert!(v["dropped"].as_array().unwrap().is_empty());
    let p = htq_mapper::store::load_project(&out).unwrap();
    assert_eq!(p.standards[0].version.as_deref(), Some("1.2"));
    assert_eq!(p.mappings.len(), 72);
    assert_eq!(p.migrations.len(), 1);
    assert_eq!(p.migrations[0].to_version.as_deref(), Some("1.2"));
    // The page has no version of its own; the log names the one its KSBs and date match.
    assert_eq!(p.migrations[0].from_version.as_deref(), Some("1.1"));
    let o = htq(&["check", out.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let c: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(c["uncovered_ksbs"].as_array().unwrap().is_empty());
}

#[test]
fn migrate_st0220_1_0_to_1_1_lists_dropped_and_review() {
    let dir = tempfile::tempdir().unwrap();
    let project = mapped_project(dir.path(), std::path::Path::new(&version("ST0220_1.0")));
    let o = htq(&[
        "migrate",
        project.to_str().unwrap(),
        "--to",
        &version("ST0220_1.1"),
        "--author",
        "Quality team",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("ST0220: version 1.0 → version 1.1"), "{text}");
    assert!(text.contains("Marked for review: 48 mappings"), "{text}");
    assert!(text.contains("Dropped: 14 mappings"), "{text}");
    assert!(text.contains("Carried: 3 mappings (3 to a renumbered KSB)"), "{text}");
    assert!(text.contains("Added KSBs, uncovered until mapped: 43"), "{text}");
    // Written over the project, the old one kept beside it.
    let p = htq_mapper::store::load_project(&project).unwrap();
    assert_eq!(p.standards[0].version.as_deref(), Some("1.1"));
    assert_eq!(p.mappings.iter().filter(|m| m.review).count(), 48);
    let k20 = htq_mapper::model::KsbRef::new("ST0220", "K20".parse().unwrap());
    assert_eq!(p.mappings_of(&k20).len(), 1, "1.0's K27 carried to 1.1's K20");
    assert!(!p.mappings_of(&k20)[0].review);
    // The rewrite is in the change log, under the name given.
    assert_eq!(p.change_log.len(), 1);
    assert_eq!(p.change_log[0].author, "Quality team");
    assert!(
        p.change_log[0].summary.contains("1 standard changed"),
        "{}",
        p.change_log[0].summary
    );
    // check lists what is still to review, and the added KSBs as uncovered.
    let o = htq(&["check", project.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let c: Value = serde_json::from_slice(&o.stdout).unwrap();
    let review = c["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "review-mapping")
        .count();
    assert_eq!(review, 48);
    assert_eq!(c["uncovered_ksbs"].as_array().unwrap().len(), 43);
}

#[test]
fn migrate_refuses_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let project = mapped_project(dir.path(), &shared(ST0215_PAGE));
    let before = std::fs::read(&project).unwrap();
    // Another standard than the project's: exit 2 and the project untouched.
    let o = htq(&["migrate", project.to_str().unwrap(), "--to", &version("ST0220_1.1")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ST0220"), "{}", stderr(&o));
    let missing = dir.path().join("nothing.json");
    let o = htq(&["migrate", project.to_str().unwrap(), "--to", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nothing.json"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn catalogue_references_name_versions() {
    let o = htq(&["diff-standard", "ST0215@1.1", "ST0215@1.2", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(changes(&v, "ksbs", "unchanged").len(), 72);
    // The human output: grouped, with word-level differences.
    let o = htq(&["diff-standard", "ST0220@1.0", "ST0220@1.1"]);
    let text = stdout(&o);
    assert!(
        text.contains("KSBs:   0 unchanged, 3 renumbered, 48 reworded, 43 added, 14 removed"),
        "{text}"
    );
    assert!(
        text.contains("K27 → K20  Confidentiality of consultation/medical records"),
        "{text}"
    );
    assert!(text.contains("{+The importance of+} critical reflection"), "{text}");
    // Two different standards: allowed (a successor may take a new reference), named as such.
    let o = htq(&["diff-standard", "ST0116@1.2", "ST0117"]);
    let text = stdout(&o);
    assert!(text.starts_with("ST0116 version 1.2 → ST0117 version "), "{text}");
    assert!(
        text.contains("these are two different standards (ST0116 and ST0117)"),
        "{text}"
    );
    let o = htq(&["diff-standard", "ST0215@9.9", "ST0215@1.2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ST0215@9.9"), "{}", stderr(&o));

    let dir = tempfile::tempdir().unwrap();
    let project = mapped_project(dir.path(), &shared(ST0215_PAGE));
    let o = htq(&["migrate", project.to_str().unwrap(), "--to", "ST0215@1.2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Carried: 72 mappings (0 to a renumbered KSB)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn statements_that_share_a_few_words_but_no_meaning_are_removed_and_added() {
    use htq_mapper::revision::diff::SHARED_MEANING;
    use htq_mapper::suggest::Meaning;
    // Two different standards: "How to use feedback to create a personal development plan"
    // (ST0215 K20) and "The scope of own role and the importance of continuing personal and
    // professional development" (ST0220 K41) share words, and were paired as one reworded.
    let v = diff_json("ST0215_1.1", "ST0220_1.1");
    let reworded = changes(&v, "ksbs", "reworded");
    assert!(!reworded.contains(&("K20".into(), "K41".into())), "{reworded:?}");
    assert!(changes(&v, "ksbs", "removed").iter().any(|(f, _)| f == "K20"));
    // Every pair the diff keeps shares meaning as suggestions read it.
    let old = htq_mapper::import::read_standards(std::path::Path::new(&version("ST0215_1.1"))).unwrap();
    let new = htq_mapper::import::read_standards(std::path::Path::new(&version("ST0220_1.1"))).unwrap();
    let text = |s: &htq_mapper::model::Standard, code: &str| {
        s.ksbs.iter().find(|k| k.code.to_string() == code).unwrap().text.clone()
    };
    let mut m = Meaning::new();
    for (f, t) in &reworded {
        let a = m.terms(&text(&old[0].standard, f));
        let b = m.terms(&text(&new[0].standard, t));
        assert!(Meaning::similarity(&a, &b) >= SHARED_MEANING, "{f} -> {t}");
    }
}

/// A colleague's copy moved back to ST0215 1.0 took the lead's project back with it, losing
/// 71 mappings, as "0 changes, no conflicts" and exit 0. Now nothing of theirs to the
/// standard comes in, the command says so and exits 1; `migrate` to a retired version says
/// it is retired.
#[test]
fn merging_a_copy_moved_back_to_an_older_version_keeps_mine_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let lead = dir.path().join("lead.ron");
    std::fs::copy(sample_path(), &lead).unwrap();
    let copy = dir.path().join("copy.ron");
    let p = |p: &std::path::Path| p.to_str().unwrap().to_string();
    assert!(htq(&["send-copy", &p(&lead), "--out", &p(&copy)]).status.success());
    let older = shared("data/ifate-standards/versions/ST0215_1.0.json");
    let o = htq(&["migrate", &p(&copy), "--to", &p(&older)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = htq_mapper::store::load_project(&lead).unwrap();

    let o = htq(&["merge", &p(&lead), &p(&copy)]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let said = stdout(&o);
    assert!(
        said.contains("Not merged: theirs moved ST0215 back from 1.2 to 1.0"),
        "{said}"
    );
    let after = htq_mapper::store::load_project(&lead).unwrap();
    assert_eq!(after.standard("ST0215").unwrap().version.as_deref(), Some("1.2"));
    assert_eq!(after.mappings, before.mappings);

    let o = htq(&["migrate", &p(&lead), "--to", "ST0215@1.1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Note: ST0215 1.1: Retired"), "{}", stdout(&o));
}

/// After `migrate`, `check` still says which mappings the new version dropped (a tester
/// found only the KSBs it left uncovered, with no word of what had covered them).
#[test]
fn check_names_the_mappings_a_migration_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let modules = dir.path().join("modules.csv");
    std::fs::write(
        &modules,
        "code,title,level,credits,status\nM401,Practice,4,120,core\nM501,Science,5,120,core\n",
    )
    .unwrap();
    let matrix = dir.path().join("matrix.csv");
    std::fs::write(&matrix, "KSB,M401,M501\nK8,X,\nK1,,X\n").unwrap();
    let project = dir.path().join("p.ron");
    let o = htq_new_on(
        &std::path::PathBuf::from(version("ST0220_1.0")),
        &modules,
        Some(&matrix),
        &project,
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let p = project.to_str().unwrap();
    let o = htq(&["migrate", p, "--to", &version("ST0220_1.1")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = htq(&["check", p]);
    let said = stdout(&o);
    assert!(
        said.contains("1 mapping was dropped on the way to ST0220 1.1, which removed their KSBs: M401 × K8"),
        "{said}"
    );
}

/// Threads on KSBs that the version moved to lacks go to the programme, each saying what it
/// was on; `migrate` now counts them, as a tester looked for them where they had been.
#[test]
fn migrate_says_how_many_comment_threads_moved_to_the_programme() {
    use htq_mapper::model::CommentTarget;
    let dir = tempfile::tempdir().unwrap();
    let mut p = htq_mapper::sample::sample_project().unwrap();
    let k = |c: &str| htq_mapper::model::KsbRef::new("ST0215", c.parse().unwrap());
    // 1.0 has no K1 of 1.2's; 1.2's K3 is 1.0's K5, so its thread follows it.
    for code in ["K1", "K3"] {
        htq_mapper::review::comments::add_thread(
            &mut p,
            CommentTarget::Ksb(k(code)),
            "Rae",
            "2026-12-01T10:00:00Z",
            "?",
        );
    }
    let file = dir.path().join("p.ron");
    htq_mapper::store::save_project(&file, &p).unwrap();
    let f = file.to_str().unwrap();
    let o = htq(&[
        "migrate",
        f,
        "--to",
        "ST0215@1.0",
        "--out",
        dir.path().join("old.ron").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Comment threads moved to the programme: 1 ("),
        "{}",
        stdout(&o)
    );
    let o = htq(&["migrate", f, "--to", "ST0215@1.0", "--json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["threads_moved_to_programme"], 1);
}
