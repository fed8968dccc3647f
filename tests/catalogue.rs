//! The bundled catalogue against ../shared's API records, and `htq-mapper standards`.

use crate::common::*;
use htq_mapper::catalogue::{self, generate};

/// The committed catalogue is what the importer makes of ../shared today. After a change
/// to the importer or the model, `scripts/regenerate-catalogue` brings it up to date.
#[test]
fn committed_catalogue_is_regenerated_from_shared() {
    let generated = generate::generate(&shared("data/ifate-standards")).unwrap_or_else(|e| panic!("{e}"));
    let committed = generate::read_committed(&root().join("standards/catalogue")).unwrap_or_else(|e| panic!("{e}"));
    let names = |files: &[(String, String)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&committed),
        names(&generated.files),
        "run scripts/regenerate-catalogue"
    );
    for ((name, old), (_, new)) in committed.iter().zip(&generated.files) {
        assert!(
            old == new,
            "standards/catalogue/{name} differs from ../shared: run scripts/regenerate-catalogue"
        );
    }
    // 158 approved Level 4/5 records (ST0540 has no KSBs) and 8 other versions.
    assert_eq!(generated.standards, 165);
    assert_eq!(generated.skipped.len(), 1);
    assert!(generated.skipped[0].0.ends_with("ST0540_1.1.json"));
    assert!(
        generated.skipped[0].1.contains("no knowledges"),
        "{}",
        generated.skipped[0].1
    );
}

#[test]
fn versions_of_the_seed_standards() {
    let specs: Vec<String> = catalogue::version_entries("ST0220").map(|e| e.spec()).collect();
    assert_eq!(specs, ["ST0220@1.0", "ST0220@1.1"]);
    let old = catalogue::resolve("ST0220@1.0").unwrap();
    let new = catalogue::resolve("ST0220").unwrap();
    assert_eq!(old.counts(), (34, 30, 1));
    assert_eq!(new.counts(), (44, 44, 6));
    assert_eq!(new.duties.len(), 10);
    let st0215 = catalogue::entry("ST0215", "1.1").unwrap();
    assert_eq!(st0215.status, "Retired");
    assert_eq!(catalogue::latest("ST0215").unwrap().version.as_deref(), Some("1.2"));
    let st0825 = catalogue::entry("ST0825", "2.0").unwrap();
    assert_eq!(st0825.status, "In development");
    // Level 6, bundled for its versions only.
    assert_eq!(catalogue::standard("ST0413", "1.1").unwrap().level, 6);
}

#[test]
fn standards_level_5_json_lists_the_latest_approved_versions() {
    let o = htq(&["standards", "--level", "5", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let items = v.as_array().unwrap();
    // The Level 5 references of latest-l4-l5/ that have KSBs, each once.
    assert_eq!(items.len(), 42);
    for item in items {
        assert_eq!(item["level"], 5);
        assert_eq!(item["status"], "Approved for delivery");
        for key in ["reference", "version", "title", "route"] {
            assert!(item[key].is_string(), "{key} in {item}");
        }
    }
    let st0215: Vec<&serde_json::Value> = items.iter().filter(|i| i["reference"] == "ST0215").collect();
    assert_eq!(st0215.len(), 1, "only the latest version by default");
    assert_eq!(st0215[0]["version"], "1.2");
    assert_eq!(st0215[0]["title"], "Assistant practitioner (health)");
    assert_eq!(st0215[0]["route"], "Health and science");
    assert!(items.iter().all(|i| i["reference"] != "ST0220"), "ST0220 is Level 4");
}

#[test]
fn standards_filters_and_all_versions() {
    let o = htq(&["standards", "--all-versions", "--search", "ST0215", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let versions: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["version"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["1.0", "1.1", "1.2"]);

    let o = htq(&["standards", "--route", "digital", "--level", "4"]);
    let text = stdout(&o);
    assert!(o.status.success());
    assert!(text.contains("ST0825  1.1"), "{text}");
    assert!(!text.contains("2.0"), "2.0 is in development: {text}");
    assert!(
        text.lines()
            .filter(|l| l.starts_with("ST"))
            .all(|l| l.contains("Digital")),
        "{text}"
    );

    // KSB text finds a standard whose title does not say it.
    let o = htq(&["standards", "--search", "confidentiality of consultation", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().any(|i| i["reference"] == "ST0220"), "{v}");

    let o = htq(&["standards", "--search", "no standard says this zzqx"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("0 standards"), "{}", stdout(&o));
}
