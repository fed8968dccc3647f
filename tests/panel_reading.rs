//! Reports a panel can read (issue 25): every reason and note in every format, one answer to
//! "assessed" across `check --json`, the workbook and the HTML, the sign-off in the workbook,
//! findings grouped for reading, and a search that says why it matched. On the real sample
//! and ST0215's page from ../shared.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;
use crate::panel_reports::{made, signed};
use calamine::{Data, Reader};
use htq_mapper::analysis::analyse;
use htq_mapper::model::{Coverage, Project};
use htq_mapper::report::{self, xlsx};

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn cell(r: &calamine::Range<Data>, row: usize, col: usize) -> String {
    r.get((row, col)).map(|d| d.to_string()).unwrap_or_default()
}

fn column(r: &calamine::Range<Data>, name: &str) -> usize {
    (0..r.width())
        .find(|&c| cell(r, 0, c) == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// A project from ST0215's real page where M401 covers K1 in full with a note, and M402
/// covers it in part with a workplace reason: K1 is fully covered overall.
fn reason_and_note(dir: &Path) -> std::path::PathBuf {
    let modules = dir.join("modules.csv");
    std::fs::write(
        &modules,
        "code,title,level,credits,status\nM401,Foundations of care,4,60,core\nM402,Work-based practice,4,60,core\n",
    )
    .unwrap();
    let matrix = dir.join("matrix.csv");
    std::fs::write(&matrix, "KSB,M401,M402\nK1,F,P\nK2,F,\n").unwrap();
    let out = dir.join("p.ron");
    let o = htq_new(&modules, Some(&matrix), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut p = htq_mapper::store::load_project(&out).unwrap();
    let mut full = p.mapping("M401", &k("K1")).unwrap().clone();
    full.note = "Taught through the anatomy lectures in weeks 1 to 4".into();
    p.set_mapping(full);
    let mut part = p.mapping("M402", &k("K1")).unwrap().clone();
    assert_eq!(part.coverage, Coverage::Partial);
    part.workplace_reason = "Applied on placement under the ward's supervision".into();
    p.set_mapping(part);
    htq_mapper::store::save_project(&out, &p).unwrap();
    out
}

#[test]
fn a_partial_mapping_beside_a_full_one_keeps_its_reason_and_note_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let project = reason_and_note(dir.path());
    let p = htq_mapper::store::load_project(&project).unwrap();
    let a = analyse(&p);
    assert_eq!(a.ksb(&k("K1")).unwrap().state, htq_mapper::analysis::KsbState::Full);
    for ext in ["html", "xlsx", "csv"] {
        let out = dir.path().join(format!("r.{ext}"));
        let o = htq(&["report", project.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(
        html.contains("Applied on placement under the ward&#39;s supervision")
            || html.contains("Applied on placement under the ward's supervision")
    );
    assert!(html.contains("Taught through the anatomy lectures in weeks 1 to 4"));
    let row = &html[html.find("id=\"ksb-ST0215-K1\"").expect("K1's evidence row")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("workplace reason: Applied on placement"), "{row}");
    assert!(row.contains("note: Taught through the anatomy"), "{row}");
    println!("K1's evidence row in the HTML: {row}");

    let s = sheet(&dir.path().join("r.xlsx"), xlsx::SHEET_KSB_MAPPING);
    let k1 = (1..s.height()).find(|&r| cell(&s, r, 1) == "K1").unwrap();
    assert_eq!(
        cell(&s, k1, column(&s, "Workplace reason")),
        "M402: Applied on placement under the ward's supervision"
    );
    assert_eq!(
        cell(&s, k1, column(&s, "Notes")),
        "M401: Taught through the anatomy lectures in weeks 1 to 4"
    );
    let csv = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    let csv = csv.trim_start_matches('\u{feff}');
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains(",Workplace reason,Notes,Assessed in,"),
        "the first line is the header"
    );
    let k1 = csv.lines().find(|l| l.starts_with("ST0215,K1,")).unwrap();
    assert!(
        k1.contains("M402: Applied on placement") && k1.contains("M401: Taught through"),
        "{k1}"
    );
}

/// `check --json`'s answer: KSB → the modules that assess it.
fn assessed_in_json(project: &Path) -> BTreeMap<String, Vec<String>> {
    let o = htq(&["check", project.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["assessed_in"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let modules = x["modules"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap().to_string());
            (x["ksb"].as_str().unwrap().to_string(), modules.collect())
        })
        .collect()
}

#[test]
fn the_workbook_and_the_html_say_what_check_json_says_about_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample_path();
    let want = assessed_in_json(&sample);
    let p = htq_mapper::store::load_project(&sample).unwrap();
    let a = analyse(&p);
    assert_eq!(want.len(), a.ksbs.iter().filter(|k| !k.modules.is_empty()).count());
    let chained = want.values().filter(|m| !m.is_empty()).count();
    assert!(chained > 30, "the sample assesses many KSBs: {chained}");

    let path = dir.path().join("r.xlsx");
    report::write_report(&path, &p, &a, made()).unwrap();
    // "Assessed in" on the KSB-mapping sheet.
    let s = sheet(&path, xlsx::SHEET_KSB_MAPPING);
    let col = column(&s, "Assessed in");
    let mut rows = 0;
    for r in 1..s.height() {
        let ksb = format!("{}/{}", cell(&s, r, 0), cell(&s, r, 1));
        let got: Vec<String> = cell(&s, r, col)
            .split(", ")
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect();
        match want.get(&ksb) {
            Some(modules) => assert_eq!(&got, modules, "{ksb}: Assessed in"),
            None => assert!(got.is_empty(), "{ksb} is covered by no module"),
        }
        rows += 1;
    }
    assert_eq!(rows, a.ksbs.len());
    // The Assessment sheet: the modules with an "assessed" row for each KSB.
    let s = sheet(&path, xlsx::SHEET_ASSESSMENT);
    let mut by_sheet: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in 1..s.height() {
        let list = by_sheet.entry(cell(&s, r, 0)).or_default();
        let module = cell(&s, r, 1);
        if cell(&s, r, 6) == "assessed" && !list.contains(&module) {
            list.push(module);
        }
    }
    assert_eq!(
        by_sheet, want,
        "the Assessment sheet agrees with check --json on every KSB"
    );
    println!(
        "{rows} KSB rows; Assessed in, the Assessment sheet and check --json agree on all {} covered KSBs ({chained} assessed, {} not)",
        want.len(),
        want.len() - chained
    );
    // The HTML's evidence table.
    let html = report::html::report(&p, &a, made());
    for (ksb, modules) in &want {
        let id = format!("id=\"ksb-{}\"", ksb.replace('/', "-"));
        let row = &html[html.find(&id).unwrap_or_else(|| panic!("no row {id}"))..];
        let cell = &row[row.find("<td class=\"assessed-in\">").unwrap() + 24..];
        let cell = &cell[..cell.find("</td>").unwrap()];
        if modules.is_empty() {
            assert!(cell.contains("not assessed"), "{ksb}: {cell}");
        } else {
            assert_eq!(cell, modules.join(", "), "{ksb}");
        }
    }
}

#[test]
fn the_workbook_has_a_sign_off_sheet_unsigned_signed_and_stale() {
    let dir = tempfile::tempdir().unwrap();
    let text_of = |p: &Project, name: &str| -> String {
        let path = dir.path().join(name);
        report::write_report(&path, p, &analyse(p), made()).unwrap();
        let mut wb = calamine::open_workbook_auto(&path).unwrap();
        let sheet_name = wb
            .sheet_names()
            .into_iter()
            .find(|n| n.contains("Sign"))
            .expect("a sheet named with Sign");
        let r = wb.worksheet_range(&sheet_name).unwrap();
        r.rows()
            .map(|row| row.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" | "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let unsigned = text_of(&htq_mapper::sample::sample_project().unwrap(), "unsigned.xlsx");
    let stands = |t: &str| {
        t.lines()
            .find(|l| l.starts_with("Where it stands"))
            .unwrap_or("")
            .to_string()
    };
    println!("unsigned: {}", stands(&unsigned));
    assert!(unsigned.contains("Not signed off"), "{unsigned}");
    assert!(unsigned.contains("Signature"), "lines to sign on paper");
    // What is signed against, in `check`'s words.
    let p = htq_mapper::sample::sample_project().unwrap();
    let known = htq_mapper::revision::versions::catalogue_versions(&p);
    let line = htq_mapper::revision::versions::version_statuses(&p, &known, made())[0].summary(made());
    assert!(unsigned.contains(&format!("Standard | {line}")), "{line}\n{unsigned}");

    let p = signed();
    let intact = text_of(&p, "signed.xlsx");
    assert!(
        intact.contains("Dr Alex Morgan") && intact.contains("Programme leader"),
        "{intact}"
    );
    assert!(intact.contains(&p.sign_offs[0].hash));
    assert!(intact.contains("intact") && intact.contains("matches"), "{intact}");
    assert!(!intact.contains("stale") && !intact.contains("Signature"), "{intact}");

    let mut edited = p.clone();
    let first = edited.mappings.iter().next().unwrap().clone();
    edited.mappings.remove(&first.module, &first.ksb);
    let stale = text_of(&edited, "stale.xlsx");
    println!("signed: {}\nsigned, then edited: {}", stands(&intact), stands(&stale));
    assert!(stale.contains("stale"), "{stale}");
    assert!(stale.contains("1 mapping removed"), "what changed since: {stale}");
    assert!(
        stale.contains(&format!("removed {} × {}", first.module, first.ksb)),
        "{stale}"
    );
    assert!(
        stale.contains(&htq_mapper::review::content_hash(&edited)),
        "the hash to sign now"
    );
}

/// The sample less its outcomes and assessments, every mapping ticked assessed but those of
/// the first `n` covered KSBs: exactly `n` KSBs taught but never assessed.
fn taught_not_assessed(n: usize) -> (Project, Vec<String>) {
    let mut p = sample_without_outcomes();
    let a = analyse(&p);
    let chosen: Vec<_> = a
        .ksbs
        .iter()
        .filter(|k| !k.modules.is_empty())
        .take(n)
        .map(|k| k.ksb.clone())
        .collect();
    assert_eq!(chosen.len(), n, "the sample covers at least {n} KSBs");
    let cells: Vec<_> = p.mappings.iter().cloned().collect();
    for mut m in cells {
        m.assessed = !chosen.contains(&m.ksb);
        p.set_mapping(m);
    }
    (p, chosen.iter().map(|k| k.code.to_string()).collect())
}

#[test]
fn thirty_four_ksbs_taught_but_never_assessed_read_as_one_finding() {
    let dir = tempfile::tempdir().unwrap();
    let (p, codes) = taught_not_assessed(34);
    let path = dir.path().join("p.ron");
    htq_mapper::store::save_project(&path, &p).unwrap();
    let o = htq(&["check", path.to_str().unwrap()]);
    let text = stdout(&o);
    let names_one = |line: &str| {
        line.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| codes.iter().any(|c| c == w))
    };
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| names_one(l) && l.to_lowercase().contains("assess"))
        .collect();
    assert!(!lines.is_empty() && lines.len() <= 3, "{lines:#?}\n{text}");
    println!(
        "{} line(s) of check's text name them and speak of assessment:",
        lines.len()
    );
    for l in &lines {
        println!("  {l}");
    }
    assert!(text.contains("34 KSBs are taught but never assessed: "), "{text}");
    let all_named = codes.iter().all(|c| {
        lines
            .iter()
            .any(|l| l.split(|ch: char| !ch.is_ascii_alphanumeric()).any(|w| w == c))
    });
    assert!(all_named, "every one of the 34 is named: {lines:#?}");
    assert!(
        text.contains("What to do: ") && text.contains("mark the mappings assessed in bulk"),
        "{text}"
    );
    assert!(text.contains("add an assessment"), "{text}");

    let o = htq(&["check", path.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["unassessed_ksbs"].as_array().unwrap().len(), 34);
    println!(
        "check --json: unassessed_ksbs lists {}",
        v["unassessed_ksbs"].as_array().unwrap().len()
    );
    let per_ksb = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "unassessed-ksb")
        .count();
    assert_eq!(per_ksb, 34, "--json keeps one finding per KSB");

    // The reports read it as one finding too.
    let a = analyse(&p);
    let html = report::html::report(&p, &a, made());
    assert_eq!(
        html.matches("is taught but never assessed").count(),
        0,
        "{}",
        "no per-KSB lines"
    );
    assert_eq!(html.matches("34 KSBs are taught but never assessed").count(), 1);
    let xlsx_path = dir.path().join("r.xlsx");
    report::write_report(&xlsx_path, &p, &a, made()).unwrap();
    let s = sheet(&xlsx_path, xlsx::SHEET_FINDINGS);
    let rows: Vec<String> = (1..s.height()).map(|r| cell(&s, r, 1)).collect();
    assert_eq!(
        rows.iter().filter(|r| r.contains("taught but never assessed")).count(),
        1
    );
}

#[test]
fn a_search_says_why_each_standard_matched() {
    let o = htq(&["standards", "--search", "software"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    let golf = lines
        .iter()
        .position(|l| l.contains("Golf course manager"))
        .expect("Golf course manager mentions software in a KSB");
    let why = lines[golf + 1];
    assert!(why.trim_start().starts_with("matched in "), "{why}");
    assert!(
        why.contains("'s text: \u{201c}") && why.to_lowercase().contains("software"),
        "{why}"
    );
    let by_title = lines
        .iter()
        .position(|l| l.to_lowercase().contains("software") && !l.trim_start().starts_with("matched"))
        .unwrap();
    assert!(
        lines[by_title + 1].contains("matched in the title"),
        "{}",
        lines[by_title + 1]
    );

    let o = htq(&["standards", "--search", "software", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let golf = v
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["title"].as_str().unwrap().contains("Golf course manager"))
        .unwrap();
    assert_eq!(golf["matched"]["in"], "ksb_text");
    assert!(
        golf["matched"]["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("software")
    );
}
