//! Versions and status: what the importers keep of each version, API lists as the API serves
//! them, and which version a page shows.

use std::path::Path;

use crate::common::*;
use htq_mapper::import::{self, identify::identify_version};
use htq_mapper::model::{IsoDate, Standard, StandardStatus};

/// Every version in ../shared/data/ifate-standards/versions, through the importer.
pub fn known_versions() -> Vec<Standard> {
    let dir = shared("data/ifate-standards/versions");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| import::read_standards(f).unwrap_or_else(|e| panic!("{e}")))
        .map(|i| i.standard)
        .collect()
}

fn version(reference_version: &str) -> Standard {
    let file = shared(&format!(
        "data/ifate-standards/versions/{}.json",
        reference_version.replace('@', "_")
    ));
    import::read_standards(&file).unwrap().remove(0).standard
}

fn page(rel: &str) -> Standard {
    import::read_standards(&shared(rel)).unwrap().remove(0).standard
}

fn date(s: &str) -> Option<IsoDate> {
    IsoDate::parse(s)
}

#[test]
fn api_records_keep_version_status_dates_and_change() {
    let s = version("ST0215@1.1");
    assert_eq!(s.version.as_deref(), Some("1.1"));
    assert_eq!(s.status, Some(StandardStatus::Retired));
    assert_eq!(s.lars_code, Some(102));
    assert_eq!(s.change.as_deref(), Some("End-point assessment plan revised"));
    assert_eq!(s.approved_for_delivery, date("2016-05-19"));
    assert_eq!(s.earliest_start, date("2023-02-01"));
    assert_eq!(s.latest_start, date("2025-12-17"));
    assert_eq!(s.latest_end, None);
    assert_eq!(s.last_updated, date("2025-12-18"));
    assert!(!s.core_and_options);
    let hash = s.content_hash.clone().unwrap();
    assert_eq!(hash.len(), 64);
    assert!(hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    // 1.2 revised only the assessment plan: the same content, so the same hash.
    let next = version("ST0215@1.2");
    assert_eq!(next.status, Some(StandardStatus::Approved));
    assert_eq!(next.earliest_start, date("2025-12-18"));
    assert_eq!(next.content_hash.as_deref(), Some(hash.as_str()));
    assert_ne!(version("ST0215@1.0").content_hash.as_deref(), Some(hash.as_str()));

    let revision = version("ST0825@2.0");
    assert_eq!(
        revision.version.as_deref(),
        Some("2.0"),
        "versionNumber is empty; version is not"
    );
    assert_eq!(revision.status, Some(StandardStatus::Draft));
    assert_eq!(revision.earliest_start, date("2026-12-18"));
    assert_eq!(revision.approved_for_delivery, None, "an empty date is no date");
}

#[test]
fn the_hash_is_stable_across_runs_and_saves() {
    let s = version("ST0220@1.1");
    // Pinned: the canonical text of ST0220 1.1 hashed with SHA-256. A change to the importer's
    // text handling or to the canonical form shows here first.
    let pinned = "b220a771317898d8bf31ac6d014443066b77a784fae7ecf1e2acc441e978c9ad";
    assert_eq!(s.content_hash.as_deref(), Some(pinned));
    assert_eq!(s.compute_content_hash(), pinned);
    let text = htq_mapper::store::to_ron(&s).unwrap();
    let back: Standard = htq_mapper::store::parse_ron(Path::new("x.ron"), &text).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.compute_content_hash(), s.compute_content_hash());
}

#[test]
fn core_and_options_records_keep_options_and_each_duty_s_options() {
    let s = import::read_standards(&shared("data/ifate-standards/latest-l4-l5/ST0683_1.0.json"))
        .unwrap()
        .remove(0)
        .standard;
    assert!(s.core_and_options);
    let titles: Vec<&str> = s.options.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(titles, ["Buying assistant", "Merchandising assistant"]);
    let option_duties: Vec<&str> = s.duties.iter().filter(|d| !d.core).map(|d| d.code.as_str()).collect();
    assert_eq!(option_duties.len(), 12);
    for d in s.duties.iter().filter(|d| !d.core) {
        assert!(!d.options.is_empty(), "{} names its option", d.code);
        assert!(d.options.iter().all(|o| s.option(o).is_some()));
    }
    assert!(s.duties.iter().filter(|d| d.core).all(|d| d.options.is_empty()));
}

/// The real latest Level 4/5 records (one of which, ST0540, has no KSBs) with summary records
/// made from them, as the API's list serves them.
fn list_with_summaries() -> (String, usize, usize) {
    let dir = shared("data/ifate-standards/latest-l4-l5");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut records: Vec<serde_json::Value> = Vec::new();
    let mut summaries = 0;
    for (i, f) in files.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        if i % 20 == 0 {
            let mut summary = v.clone();
            for k in ["knowledges", "skills", "behaviours", "duties"] {
                summary.as_object_mut().unwrap().remove(k);
            }
            records.push(summary);
            summaries += 1;
        }
        records.push(v);
    }
    let n = records.len();
    (
        serde_json::to_string(&serde_json::json!({ "list": records })).unwrap(),
        n,
        summaries,
    )
}

#[test]
fn an_api_list_imports_each_full_record_and_names_those_passed_over() {
    let (list, n, summaries) = list_with_summaries();
    assert_eq!(n, 158 + summaries);
    let out = import::parse_standard_list(Path::new("list.json"), &list).unwrap();
    assert_eq!(out.imported.len(), 157);
    assert_eq!(out.passed_over.len(), summaries + 1, "the summaries and ST0540");
    assert!(out.passed_over.iter().any(|p| p.name.starts_with("ST0540 ")));
    for p in &out.passed_over {
        assert!(p.reason.contains("no knowledges, skills or behaviours"), "{p:?}");
    }
    // A single record without KSBs is still refused, with what to do.
    let one = std::fs::read_to_string(shared("data/ifate-standards/latest-l4-l5/ST0540_1.1.json")).unwrap();
    let e = import::parse_standard_list(Path::new("ST0540_1.1.json"), &one).unwrap_err();
    assert!(e.hint.unwrap().contains("summary record"));
    // A list with nothing to import is refused whole.
    let e = import::parse_standard_list(Path::new("l.json"), &format!("[{one}]")).unwrap_err();
    assert!(
        e.message.contains("no KSBs") || e.message.contains("no knowledges"),
        "{}",
        e.message
    );
}

#[test]
fn import_standard_says_how_many_records_were_passed_over_and_why() {
    let (list, _, summaries) = list_with_summaries();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("list.json");
    std::fs::write(&file, list).unwrap();
    let out = htq(&["import-standard", file.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let total = 158 + summaries;
    assert!(
        err.contains(&format!(
            "imported 157 of {total} records; passed over {}",
            summaries + 1
        )),
        "{err}"
    );
    assert!(err.contains("ST0540"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 157);
    let st0215 = json
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["reference"] == "ST0215")
        .unwrap();
    assert_eq!(st0215["version"], "1.2");
    assert_eq!(st0215["status"], "approved", "the key and its values as before");
    assert_eq!(st0215["status_text"], "Approved for delivery");
    assert_eq!(st0215["earliest_start"], "2025-12-18");
    assert_eq!(st0215["lars_code"], 102);
    assert_eq!(st0215["content_hash"].as_str().unwrap().len(), 64);
}

#[test]
fn pages_keep_their_date_and_the_not_latest_banner() {
    let st0220 = page(ST0220_PAGE);
    assert_eq!(st0220.date_updated.as_deref(), Some("14/02/2024"));
    assert!(st0220.not_latest);
    let st0215 = page(ST0215_PAGE);
    assert_eq!(st0215.date_updated.as_deref(), Some("13/09/2023"));
    assert!(!st0215.not_latest);
    assert_eq!(page(ST0413_PAGE).status, Some(StandardStatus::Draft));
}

#[test]
fn st0215_page_is_1_1_by_its_date_as_1_2_has_the_same_content() {
    let m = identify_version(&page(ST0215_PAGE), &known_versions()).unwrap();
    assert_eq!(m.version, "1.1");
    assert_eq!((m.matched, m.page_ksbs, m.version_ksbs), (72, 72, 72));
    assert!(m.exact());
    assert_eq!(m.same_content, ["1.2"]);
    assert!(m.decided_by_date);
    assert!(
        m.describe()
            .contains("1.2 has the same content, so the page's date decides"),
        "{}",
        m.describe()
    );
}

#[test]
fn st0220_page_is_1_0() {
    let m = identify_version(&page(ST0220_PAGE), &known_versions()).unwrap();
    assert_eq!(m.version, "1.0");
    assert_eq!((m.matched, m.page_ksbs), (65, 65));
    assert!(m.same_content.is_empty());
    assert!(!m.decided_by_date);
}

#[test]
fn st0413_page_is_a_draft_of_1_1_with_two_ksbs_reworded() {
    let m = identify_version(&page(ST0413_PAGE), &known_versions()).unwrap();
    assert_eq!(m.version, "1.1");
    assert_eq!((m.matched, m.page_ksbs, m.version_ksbs), (70, 72, 72));
    assert!(!m.exact());
    assert!((m.closeness() - 70.0 / 72.0).abs() < 1e-9);
    // The two: "assurance/accreditation" for "assurance, accreditation", and S9 reworded.
    let differing: Vec<String> = m.differing.iter().map(ToString::to_string).collect();
    assert_eq!(differing, ["K25", "S9"]);
}

#[test]
fn a_page_of_a_standard_with_no_known_version_is_not_identified() {
    let mut p = page(ST0215_PAGE);
    p.reference = "ST9999".into();
    assert_eq!(identify_version(&p, &known_versions()), None);
}

mod findings {
    use super::*;
    use htq_mapper::analysis::{Finding, FindingKind, Severity};
    use htq_mapper::model::{Award, Programme, Project};
    use htq_mapper::revision::versions::{version_findings, version_statuses};

    fn project(s: Standard) -> Project {
        let mut p = Project::new(Programme {
            title: "T".into(),
            award: Award::FdSc,
            awarding_body: String::new(),
            level: 5,
            total_credits: 240,
            standards: vec![s.reference.clone()],
            occupational_options: Default::default(),
        });
        p.standards.push(s);
        p
    }

    fn on(day: &str, s: Standard) -> Vec<Finding> {
        version_findings(&project(s), &known_versions(), IsoDate::parse(day).unwrap())
    }

    fn ids(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|f| f.id.as_str()).collect()
    }

    fn find<'a>(f: &'a [Finding], id: &str) -> &'a Finding {
        f.iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("no {id} in {:?}", ids(f)))
    }

    #[test]
    fn st0215_page_is_retired_1_1_and_1_2_is_current() {
        let f = on("2026-11-25", page(ST0215_PAGE));
        assert_eq!(ids(&f), ["version-closed:ST0215@1.1", "not-latest-version:ST0215@1.1"]);
        let closed = find(&f, "version-closed:ST0215@1.1");
        assert_eq!(closed.kind, FindingKind::VersionClosed);
        assert_eq!(closed.severity, Severity::Warning);
        assert_eq!(closed.message, "ST0215 1.1 is retired: no new starts after 17/12/2025");
        assert!(
            closed.explanation.contains("migrate PROJECT --to ST0215@1.2"),
            "{}",
            closed.explanation
        );
        assert_eq!(
            find(&f, "not-latest-version:ST0215@1.1").message,
            "ST0215 1.1 is not the latest approved version: 1.2 is current (approved for delivery, with starts from 18/12/2025); its duties and KSBs are the same as ST0215 1.1's, so the mapping carries over as it is"
        );
        let v = &version_statuses(
            &project(page(ST0215_PAGE)),
            &known_versions(),
            IsoDate::new(2026, 11, 25).unwrap(),
        )[0];
        assert!(
            v.summary(IsoDate::new(2026, 11, 25).unwrap())
                .contains("1.2 has the same content, so the page's date decides")
        );
    }

    /// Before 1.2's starts began (1.1 retired, 1.2 approved from 18/12/2025), 1.2 is named
    /// once, as what replaces 1.1, not as current.
    #[test]
    fn an_approved_version_not_yet_started_replaces_rather_than_is_current() {
        let day = IsoDate::new(2025, 12, 1).unwrap();
        let f = on("2025-12-01", version("ST0215@1.1"));
        assert_eq!(
            ids(&f),
            ["version-closed:ST0215@1.1", "not-latest-version:ST0215@1.1"],
            "1.2 is not also a revision coming"
        );
        let message = &find(&f, "not-latest-version:ST0215@1.1").message;
        assert!(
            message.contains("1.2 replaces it (approved for delivery, new starts from 18/12/2025)"),
            "{message}"
        );
        let line = version_statuses(&project(version("ST0215@1.1")), &known_versions(), day)[0].summary(day);
        assert!(line.contains("; 1.2 replaces it, new starts from 18/12/2025"), "{line}");
        assert_eq!(line.matches("1.2").count(), 1, "{line}");
    }

    #[test]
    fn the_current_version_has_no_finding() {
        assert_eq!(ids(&on("2026-11-25", version("ST0215@1.2"))), Vec::<&str>::new());
    }

    #[test]
    fn a_revision_in_development_with_a_future_start_is_seen_coming() {
        let f = on("2026-11-25", version("ST0825@1.1"));
        assert_eq!(ids(&f), ["revision-coming:ST0825@2.0"]);
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(f[0].message, "ST0825 2.0 is in development, new starts from 18/12/2026");
        assert!(f[0].explanation.contains("diff-standard ST0825@1.1 ST0825@2.0"));
        // A month later, 1.1's last start has passed: it is closed too.
        let later = on("2026-12-20", version("ST0825@1.1"));
        assert_eq!(ids(&later), ["version-closed:ST0825@1.1", "revision-coming:ST0825@2.0"]);
        assert_eq!(
            later[0].message,
            "ST0825 1.1 is closed to new starts: no new starts after 17/12/2026"
        );
    }

    #[test]
    fn a_standard_in_development_says_so() {
        let f = on("2026-11-25", version("ST0825@2.0"));
        assert_eq!(ids(&f), ["version-in-development:ST0825@2.0"]);
        assert_eq!(
            f[0].message,
            "ST0825 2.0 is a standard in development: not yet approved for delivery"
        );
    }

    #[test]
    fn a_copy_edited_in_place_differs_from_the_catalogue_s() {
        let mut s = version("ST0215@1.2");
        s.ksbs[3].text.push_str(" and more");
        let f = on("2026-11-25", s);
        assert_eq!(ids(&f), ["copy-differs:ST0215@1.2"]);
        assert!(
            f[0].message
                .contains("differs from the catalogue's copy of the same version")
        );
    }

    #[test]
    fn st0413_draft_page_is_1_1_now_approved_with_two_ksbs_reworded() {
        let f = on("2026-11-25", page(ST0413_PAGE));
        assert_eq!(ids(&f), ["copy-differs:ST0413@1.1"]);
        assert!(
            f[0].message
                .ends_with("70 of its 72 KSBs are the same; K25 and S9 are worded differently"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_page_copied_in_part_names_what_it_lacks() {
        let mut s = page(ST0215_PAGE);
        s.ksbs.retain(|k| !k.code.to_string().starts_with('B'));
        for d in &mut s.duties {
            d.ksbs.retain(|c| !c.to_string().starts_with('B'));
        }
        let f = on("2026-11-25", s);
        let differs = f.iter().find(|f| f.id == "copy-differs:ST0215@1.1").expect("said");
        assert!(
            differs
                .message
                .ends_with("69 of its 69 KSBs are the same; it lacks B1, B2 and B3 of the version's 72"),
            "{}",
            differs.message
        );
    }

    #[test]
    fn st0220_page_is_retired_1_0() {
        let f = on("2026-11-25", page(ST0220_PAGE));
        assert_eq!(ids(&f), ["version-closed:ST0220@1.0", "not-latest-version:ST0220@1.0"]);
        assert!(!f[1].message.contains("the same"), "1.1 rewrote 1.0: {}", f[1].message);
        // Without the catalogue, the page's own banner still says so.
        let alone = version_findings(&project(page(ST0220_PAGE)), &[], IsoDate::new(2026, 11, 25).unwrap());
        assert_eq!(ids(&alone), ["not-latest-version:ST0220"]);
        assert!(
            alone[0]
                .message
                .contains("page says it is not the latest approved version")
        );
    }
}

/// `htq-mapper check` on a project built from ST0215's seed page says the page's version, 1.1,
/// is retired and that 1.2 is current, and still exits by coverage alone.
#[test]
fn check_on_the_st0215_seed_page_says_1_1_is_retired_and_1_2_current() {
    let dir = tempfile::tempdir().unwrap();
    let modules = dir.path().join("modules.csv");
    std::fs::write(
        &modules,
        "code,title,level,credits,status\nA401,Foundations,4,120,core\nB501,Practice,5,120,core\n",
    )
    .unwrap();
    let st = page(ST0215_PAGE);
    let mut matrix = String::from("KSB,A401,B501\n");
    for k in &st.ksbs {
        matrix.push_str(&format!("{},X,\n", k.code));
    }
    let matrix_path = dir.path().join("matrix.csv");
    std::fs::write(&matrix_path, matrix).unwrap();
    let out = dir.path().join("p.ron");
    let o = htq_new(&modules, Some(&matrix_path), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = htq(&["check", out.to_str().unwrap()]);
    let text = stdout(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "version findings never change the exit code: {text}"
    );
    assert!(text.contains("Version: ST0215 1.1: Retired, no new starts after 17/12/2025; 1.2 is current (starts from 18/12/2025). Told from the page's KSBs: version 1.1 (72 of 72 KSBs the same; 1.2 has the same content, so the page's date decides)"), "{text}");
    assert!(
        text.contains("ST0215 1.1 is retired: no new starts after 17/12/2025"),
        "{text}"
    );
    assert!(
        text.contains("1.2 is current (approved for delivery, with starts from 18/12/2025)"),
        "{text}"
    );

    let o = htq(&["check", out.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let v = &j["standard_versions"][0];
    assert_eq!(v["version"], "1.1");
    assert_eq!(v["status"], "Retired");
    assert_eq!(v["latest_start"], "2025-12-17");
    assert_eq!(v["current"]["version"], "1.2");
    assert_eq!(v["current_same_content"], true);
    assert_eq!(v["identified"]["same_content"], serde_json::json!(["1.2"]));
    let ids: Vec<&str> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"version-closed:ST0215@1.1"), "{ids:?}");
    assert!(ids.contains(&"not-latest-version:ST0215@1.1"), "{ids:?}");
    // The keys check always had are still there.
    for key in [
        "uncovered_duties",
        "uncovered_ksbs",
        "partial_ksbs",
        "summary",
        "findings",
        "routes",
    ] {
        assert!(j.get(key).is_some(), "{key}");
    }
}
