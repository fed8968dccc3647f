//! `htq-mapper compare`: what changed between two copies of a project.

use crate::common::*;
use htq_mapper::model::KsbRef;
use serde_json::{Value, json};

fn json_of(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// The sample and a copy with one cell added, one removed, one turned from full to partial
/// and one module retitled.
struct Edited {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    added: (String, KsbRef),
    removed: (String, KsbRef),
    partial: (String, KsbRef),
    retitled: (String, String, String),
}

fn edited_sample() -> Edited {
    let EditedSample {
        project: p,
        added,
        removed,
        partial,
        retitled,
    } = crate::common::edited_sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.ron");
    htq_mapper::store::save_project(&path, &p).unwrap();
    Edited {
        _dir: dir,
        path,
        added,
        removed,
        partial,
        retitled,
    }
}

#[test]
fn three_cells_and_a_title_are_exactly_what_compare_prints() {
    let e = edited_sample();
    let sample = sample_path();
    let (a, b) = (sample.to_str().unwrap(), e.path.to_str().unwrap());

    let o = htq(&["compare", a, b]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (code, old, new) = &e.retitled;
    // The cells in (module, KSB) order, as compare lists them.
    let expected = format!(
        "Comparing {a} (old) with {b} (new)\n\
         \nModules: 0 added, 0 removed, 1 changed\n  changed  {code} {new}: title {old:?} → {new:?}\n\
         \nMappings: 1 added, 1 removed, 1 changed\n  added    {} × {} (full)\n  removed  {} × {} (full)\n  \
         changed  {} × {}: coverage full → partial\n\
         \nStandards: no change\n",
        e.added.0, e.added.1, e.removed.0, e.removed.1, e.partial.0, e.partial.1,
    );
    assert_eq!(stdout(&o), expected);

    let o = htq(&["compare", a, b, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let expected = json!({
        "modules": {
            "added": [],
            "removed": [],
            "changed": [{"code": code, "title": new, "fields": ["title"], "from": {"title": old}, "to": {"title": new}}],
        },
        "mappings": {
            "added": [{"module": e.added.0, "ksb": e.added.1.to_string(), "coverage": "full"}],
            "removed": [{"module": e.removed.0, "ksb": e.removed.1.to_string(), "coverage": "full"}],
            "changed": [{
                "module": e.partial.0, "ksb": e.partial.1.to_string(),
                "from": {"coverage": "full"}, "to": {"coverage": "partial"},
            }],
        },
        "standards": {"added": [], "removed": [], "changed": []},
    });
    assert_eq!(json_of(&o), expected);
}

#[test]
fn the_other_way_round_swaps_added_and_removed() {
    let e = edited_sample();
    let o = htq(&[
        "compare",
        e.path.to_str().unwrap(),
        sample_path().to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["mappings"]["added"][0]["module"], e.removed.0.as_str());
    assert_eq!(v["mappings"]["removed"][0]["module"], e.added.0.as_str());
    assert_eq!(v["mappings"]["changed"][0]["to"], json!({"coverage": "full"}));
    assert_eq!(v["modules"]["changed"][0]["title"], e.retitled.1.as_str());
}

#[test]
fn a_project_compared_with_itself_has_no_change() {
    let sample = sample_path();
    let s = sample.to_str().unwrap();
    let o = htq(&["compare", s, s]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "Comparing {s} (old) with {s} (new)\nNo differences in the programme, modules, mappings or standards.\n"
        )
    );
    let o = htq(&["compare", s, s, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let empty = json!({"added": [], "removed": [], "changed": []});
    assert_eq!(
        json_of(&o),
        json!({"modules": empty, "mappings": empty, "standards": empty})
    );
}

#[test]
fn a_standard_edited_in_the_copy_shows_which_statements_changed() {
    let mut p = htq_mapper::sample::sample_project().unwrap();
    let s = &mut p.standards[0];
    s.ksbs[0].text.push_str(" and more");
    let first = s.ksbs[0].code.to_string();
    let last = s.ksbs.pop().unwrap().code.to_string();
    let old_title = std::mem::replace(&mut s.title, "Renamed in the copy".into());
    let reference = s.reference.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.ron");
    htq_mapper::store::save_project(&path, &p).unwrap();
    let o = htq(&[
        "compare",
        sample_path().to_str().unwrap(),
        path.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["standards"]["changed"][0]["reference"], reference.as_str());
    assert_eq!(v["standards"]["changed"][0]["fields"], json!(["title", "content_hash"]));
    // Which statements changed, as diff-standard pairs them, not only the hashes.
    let said = format!("KSBs: 1 reworded ({first}), 1 removed ({last})");
    assert_eq!(v["standards"]["changed"][0]["statements"], json!([said]));
    let o = htq(&["compare", sample_path().to_str().unwrap(), path.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(text.contains(&format!("  changed  {reference} ")), "{text}");
    assert!(text.contains(&said), "{text}");
    assert!(
        text.contains(&format!("title \"{old_title}\" → \"Renamed in the copy\"")),
        "{text}"
    );
    assert!(!text.contains("content_hash"), "the hashes stay in the JSON: {text}");
}

#[test]
fn an_unreadable_copy_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "(format_version: 3, programme: oops").unwrap();
    let o = htq(&["compare", sample_path().to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("broken.ron"), "{err}");
    // The same message as `check` gives for the same file.
    let c = htq(&["check", bad.to_str().unwrap()]);
    assert_eq!(c.status.code(), Some(2));
    assert_eq!(stderr(&c), err);
    let missing = dir.path().join("missing.ron");
    let o = htq(&["compare", missing.to_str().unwrap(), sample_path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.ron"), "{}", stderr(&o));
}
