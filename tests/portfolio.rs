//! `htq-mapper portfolio`: every row agrees with `check --json` on its file; unreadable files
//! are listed; the reports hold one row per programme and every path.

#[path = "../benches/common/portfolio_demo.rs"]
mod portfolio_demo;

use std::path::Path;

use serde_json::Value;

use crate::common::*;

fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

fn len(v: &Value) -> usize {
    v.as_array().map_or(usize::MAX, Vec::len)
}

fn severity_count(check: &Value, severity: &str) -> usize {
    check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == severity)
        .count()
}

/// 30 variants: two on retired ST0215 1.1, gaps, signed, stale and commented ones.
fn demo(dir: &Path) -> portfolio_demo::Demo {
    portfolio_demo::build(dir, 30, &shared(ST0215_PAGE))
}

#[test]
fn each_row_equals_check_json_on_its_file() {
    let tmp = tempfile::tempdir().unwrap();
    let d = demo(tmp.path());
    assert!(
        d.on_retired >= 2 && d.stale >= 2 && d.signed >= 2 && d.with_gaps >= 2,
        "{d:?}"
    );
    let o = htq(&["portfolio", tmp.path().to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(2), "a corrupt file makes it 2: {}", stderr(&o));
    let v = json(&o);
    let rows = v["programmes"].as_array().unwrap();
    assert_eq!(rows.len(), 30);
    assert_eq!(len(&v["unreadable"]), 2);
    for u in v["unreadable"].as_array().unwrap() {
        assert!(u["path"].as_str().unwrap().contains("corrupt-"), "{u}");
        assert!(!u["error"].as_str().unwrap().is_empty());
    }
    assert_eq!(v["skipped"], 1, "README.txt");
    for path in &d.programmes {
        let row = rows
            .iter()
            .find(|r| r["path"] == path.display().to_string())
            .unwrap_or_else(|| panic!("no row for {}", path.display()));
        let c = json(&htq(&["check", path.to_str().unwrap(), "--json"]));
        let s = &c["summary"];
        let cov = &row["coverage"];
        let at = path.display();
        assert_eq!(
            [&cov["ksbs"], &cov["full"], &cov["partial"], &cov["uncovered"]],
            [&s["ksbs"], &s["full"], &s["partial"], &s["none"]],
            "{at}"
        );
        assert_eq!(row["uncovered_duties"], len(&c["uncovered_duties"]), "{at}");
        assert_eq!(row["route_gaps"], len(&c["routes"]["gaps"]), "{at}");
        assert_eq!(row["unassessed"], len(&c["unassessed_ksbs"]), "{at}");
        assert_eq!(row["sign_off"], c["sign_off"]["state"], "{at}");
        assert_eq!(row["open_comments"], c["open_comments"], "{at}");
        assert_eq!(row["findings"]["errors"], severity_count(&c, "error"), "{at}");
        assert_eq!(row["findings"]["warnings"], severity_count(&c, "warning"), "{at}");
        assert_eq!(row["findings"]["notes"], severity_count(&c, "info"), "{at}");
        let versions = c["standard_versions"].as_array().unwrap();
        assert_eq!(len(&row["standards"]), versions.len());
        for (st, sv) in row["standards"].as_array().unwrap().iter().zip(versions) {
            assert_eq!(st["reference"], sv["reference"]);
            assert_eq!(st["version"], sv["version"]);
            assert_eq!(st["status"], sv["status"]);
            assert_eq!(st["current"], sv["current"].is_null(), "{at}");
        }
        assert!(row["title"].as_str().unwrap().contains("variant"));
        assert_eq!(row["award"], "FdSc");
    }
    let retired: Vec<&Value> = rows.iter().filter(|r| r["standards"][0]["version"] == "1.1").collect();
    assert_eq!(retired.len(), d.on_retired);
    assert!(retired.iter().all(|r| r["standards"][0]["current"] == false));
    assert!(retired.iter().all(|r| r["standards"][0]["status"] == "Retired"));
    let states: Vec<&str> = rows.iter().map(|r| r["sign_off"].as_str().unwrap()).collect();
    for state in ["signed", "stale", "unsigned"] {
        assert!(states.contains(&state), "{state}");
    }
}

/// Gaps first, then retired or superseded standards, then stale or missing sign-offs.
#[test]
fn programmes_are_ordered_by_need() {
    let tmp = tempfile::tempdir().unwrap();
    demo(tmp.path());
    let v = json(&htq(&["portfolio", tmp.path().to_str().unwrap(), "--json"]));
    let need = |r: &Value| -> u8 {
        let gap = r["coverage"]["uncovered"] != 0 || r["uncovered_duties"] != 0 || r["route_gaps"] != 0;
        let old = r["standards"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["current"] == false || s["status"] == "Retired");
        if gap {
            0
        } else if old {
            1
        } else if r["sign_off"] != "signed" {
            2
        } else {
            3
        }
    };
    let needs: Vec<u8> = v["programmes"].as_array().unwrap().iter().map(need).collect();
    assert!(needs.windows(2).all(|w| w[0] <= w[1]), "{needs:?}");
    for n in 0..4 {
        assert!(needs.contains(&n), "need {n} in {needs:?}");
    }
}

#[test]
fn exit_codes_say_covered_gap_or_unreadable() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = sample_path();
    let o = htq(&["portfolio", sample.to_str().unwrap()]);
    let check = htq(&["check", sample.to_str().unwrap()]);
    assert_eq!(o.status.code(), check.status.code(), "{}", stdout(&o));
    let mut gap = htq_mapper::sample::sample_project().unwrap();
    let first = gap.standards[0].ksbs[0].code;
    gap.mappings.retain(|m| m.ksb.code != first);
    let gap_path = tmp.path().join("gap.ron");
    htq_mapper::store::save_project(&gap_path, &gap).unwrap();
    let o = htq(&["portfolio", gap_path.to_str().unwrap(), sample.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let missing = tmp.path().join("nowhere");
    let o = htq(&[
        "portfolio",
        gap_path.to_str().unwrap(),
        missing.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["unreadable"][0]["path"], missing.display().to_string());
}

#[test]
fn reports_hold_one_row_per_programme_and_every_path() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("programmes");
    std::fs::create_dir(&dir).unwrap();
    let d = demo(&dir);
    let mut hostile = htq_mapper::sample::sample_project().unwrap();
    hostile.programme.title = "<script>alert(1)</script> =HYPERLINK(\"x\")".into();
    let hostile_path = dir.join("hostile <b>.ron");
    htq_mapper::store::save_project(&hostile_path, &hostile).unwrap();
    let n = d.programmes.len() + 1;
    let dir_arg = dir.to_str().unwrap();

    let csv_path = tmp.path().join("portfolio.csv");
    let o = htq(&["portfolio", dir_arg, "--out", csv_path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    assert_eq!(&reader.headers().unwrap()[0], "Path");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // One row per programme, then one per unreadable file (the demo has two): none dropped.
    assert_eq!(records.len(), n + 2, "one row per programme and per unreadable file");
    let unreadable = records.iter().filter(|r| r[6].starts_with("unreadable: ")).count();
    assert_eq!(unreadable, 2);
    for p in d.programmes.iter().chain([&hostile_path]) {
        assert!(
            records.iter().any(|r| r[0] == p.display().to_string()),
            "{}",
            p.display()
        );
    }
    assert!(records.iter().any(|r| r[1].starts_with("<script>")));

    let xlsx_path = tmp.path().join("portfolio.xlsx");
    assert_eq!(
        htq(&["portfolio", dir_arg, "--out", xlsx_path.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&xlsx_path).unwrap();
    let first = book.sheet_names()[0].clone();
    assert_eq!(first, "Programmes");
    let range = book.worksheet_range(&first).unwrap();
    assert_eq!(range.height(), n + 1);
    let paths: Vec<String> = range.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert!(paths.contains(&hostile_path.display().to_string()));
    let sheet_xml = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx_path).unwrap()).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut s).unwrap();
        s
    };
    assert!(sheet_xml.contains("<autoFilter"), "the header row has filters");

    let html_path = tmp.path().join("portfolio.html");
    assert_eq!(
        htq(&["portfolio", dir_arg, "--out", html_path.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(!html.contains("<script>"), "titles are escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("hostile &lt;b&gt;.ron"));
    assert!(html.contains("<svg"), "a chart");
    for p in &d.programmes {
        assert!(html.contains(&p.display().to_string()), "{}", p.display());
    }
    // Each programme links to its own report, which exists.
    let links: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(links.len(), n);
    for l in links {
        let report = tmp.path().join(l);
        let text = std::fs::read_to_string(&report).unwrap_or_else(|e| panic!("{l}: {e}"));
        assert!(text.contains("KSB mapping report"), "{l}");
    }
}

/// A path that holds no project file is not a pass, and an unreadable file keeps its row in
/// the CSV and names its path in the text.
#[test]
fn nothing_to_check_exits_2_and_unreadable_files_keep_their_rows() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = htq(&["portfolio", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds no project file"), "{}", stderr(&o));

    let missing = dir.path().join("missing.ron");
    let o = htq(&["portfolio", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let text = stdout(&o);
    assert!(text.contains(&format!("unreadable: {}", missing.display())), "{text}");

    let folder = dir.path().join("pf");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(sample_path(), folder.join("good.ron")).unwrap();
    std::fs::write(folder.join("bad.ron"), "(not a project").unwrap();
    let csv = dir.path().join("pf.csv");
    let o = htq(&["portfolio", folder.to_str().unwrap(), "--out", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let table = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(table.lines().count(), 3, "{table}");
    let bad = table
        .lines()
        .find(|l| l.contains("bad.ron"))
        .expect("the unreadable file's row");
    assert!(bad.contains("unreadable: "), "{bad}");
}

/// A row says why its standard is old whatever it needs first, and its gap total counts an
/// uncovered KSB once (it was counted again as a route gap).
#[test]
fn rows_say_a_retired_standard_and_count_each_gap_once() {
    let tmp = tempfile::tempdir().unwrap();
    demo(tmp.path());
    let p = htq_mapper::portfolio::Portfolio::open(
        &[tmp.path().to_path_buf()],
        htq_mapper::model::IsoDate::new(2026, 12, 7).unwrap(),
    );
    let retired: Vec<_> = p.rows.iter().filter(|r| r.standards.iter().any(|s| s.closed)).collect();
    assert!(!retired.is_empty());
    for r in retired {
        assert!(r.standards_text().contains("(Retired)"), "{}", r.standards_text());
    }
    let old = p.rows.iter().filter(|r| r.on_old_standard()).count();
    let o = htq(&["portfolio", tmp.path().to_str().unwrap()]);
    assert!(
        stdout(&o).contains(&format!("{old} on a retired or superseded standard in all")),
        "{}",
        stdout(&o)
    );
    let uncovered = p
        .rows
        .iter()
        .find(|r| r.coverage.uncovered > 0)
        .expect("a row with gaps");
    assert!(uncovered.route_gaps >= uncovered.coverage.uncovered);
    assert_eq!(
        uncovered.gap_count(),
        uncovered.coverage.uncovered + uncovered.uncovered_duties + uncovered.route_gaps - uncovered.coverage.uncovered
    );
}

/// A college's folder, laid out as the README's `import-standard --out standards/` leaves it:
/// the standard beside the programme is skipped, not an unreadable programme (exit 2); and one
/// programme named by several paths is one row.
#[test]
fn standards_in_the_folder_are_skipped_and_each_programme_is_one_row() {
    let tmp = tempfile::tempdir().unwrap();
    let college = tmp.path().join("college");
    std::fs::create_dir_all(college.join("standards")).unwrap();
    std::fs::create_dir_all(college.join("programmes")).unwrap();
    std::fs::copy(
        root().join("standards/ST0215.ron"),
        college.join("standards/ST0215.ron"),
    )
    .unwrap();
    let prog = college.join("programmes/p.ron");
    std::fs::copy(sample_path(), &prog).unwrap();
    let (folder, file) = (college.to_str().unwrap(), prog.to_str().unwrap());
    let o = htq(&["portfolio", folder, file, "--json"]);
    let check = htq(&["check", file]);
    assert_eq!(o.status.code(), check.status.code(), "{}{}", stdout(&o), stderr(&o));
    let j = json(&o);
    assert_eq!(len(&j["unreadable"]), 0, "{j}");
    assert_eq!(len(&j["programmes"]), 1, "{j}");
    // check on the standard says what it is.
    let o = htq(&["check", college.join("standards/ST0215.ron").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a standard (ST0215"), "{}", stderr(&o));
}

/// A file where the dashboard's folder of programme reports goes is named, with what to do,
/// not the system's bare "File exists".
#[test]
fn a_file_in_the_way_of_the_programme_reports_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = sample_path();
    let dashboard = tmp.path().join("d.html");
    std::fs::write(tmp.path().join("d-programmes"), "mine").unwrap();
    let o = htq(&[
        "portfolio",
        sample.to_str().unwrap(),
        "--out",
        dashboard.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("d-programmes") && err.contains("is a file"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("d-programmes")).unwrap(),
        "mine"
    );
}
