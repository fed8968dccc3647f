//! Reports and spreadsheet exchange: XLSX read back with calamine, round trips through the
//! matrix importer, escaping and formula injection, the command line, and the HTML report
//! rendered by headless Chromium.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;
use calamine::{Data, Reader};
use htq_mapper::analysis::analyse;
use htq_mapper::model::{Coverage, IsoDate, KsbRef, Mapping, Project};
use htq_mapper::report::{self, xlsx};

fn sample() -> Project {
    htq_mapper::sample::sample_project().unwrap()
}

/// The day every report in these tests says it was made.
pub fn made() -> IsoDate {
    IsoDate::new(2026, 11, 25).unwrap()
}

fn write(project: &Project, path: &Path) {
    report::write_report(path, project, &analyse(project), made()).unwrap();
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn cell(r: &calamine::Range<Data>, row: usize, col: usize) -> String {
    r.get((row, col)).map(|d| d.to_string()).unwrap_or_default()
}

/// The row whose `col` holds `value`.
fn find_row(r: &calamine::Range<Data>, col: usize, value: &str) -> usize {
    (0..r.height())
        .find(|&i| cell(r, i, col) == value)
        .unwrap_or_else(|| panic!("no row with {value} in column {col}"))
}

fn coverage_set(mappings: &[Mapping]) -> BTreeSet<(String, KsbRef, Coverage)> {
    mappings
        .iter()
        .map(|m| (m.module.clone(), m.ksb.clone(), m.coverage))
        .collect()
}

#[test]
fn sample_workbook_reads_back_with_calamine() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    let p = sample();
    write(&p, &path);

    let wb = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            xlsx::SHEET_KSB_MAPPING,
            xlsx::SHEET_STRUCTURE,
            xlsx::SHEET_MATRIX,
            xlsx::SHEET_FINDINGS,
            xlsx::SHEET_ASSESSMENT,
            xlsx::SHEET_DUTY_SUMMARY,
            xlsx::SHEET_COMMENTS,
            xlsx::SHEET_SIGN_OFF
        ]
    );

    let ksbs = sheet(&path, "KSB mapping");
    assert_eq!(ksbs.height(), 73, "a header and one row per KSB");
    assert_eq!(cell(&ksbs, 0, 0), "Standard");
    assert_eq!(cell(&ksbs, 0, 6), "Overall");
    let k23 = find_row(&ksbs, 1, "K23");
    assert_eq!(cell(&ksbs, k23, 0), "ST0215");
    assert_eq!(cell(&ksbs, k23, 2), "Knowledge");
    assert_eq!(cell(&ksbs, k23, 6), "none");
    let s10 = find_row(&ksbs, 1, "S10");
    assert_eq!(cell(&ksbs, s10, 6), "partial");
    assert!(cell(&ksbs, s10, 5).contains("(partial)"), "{}", cell(&ksbs, s10, 5));

    let structure = sheet(&path, "Qualification structure");
    assert_eq!(cell(&structure, 0, 0), "Code");
    assert_eq!(cell(&structure, 1, 0), "HSC401");
    assert_eq!(structure.get((1, 2)), Some(&Data::Float(4.0)), "levels are numbers");
    assert_eq!(structure.get((1, 3)), Some(&Data::Float(20.0)), "credits are numbers");
    let totals = (0..structure.width())
        .find(|&c| cell(&structure, 0, c) == "Level totals")
        .unwrap();
    let per_student = totals + 3;
    assert_eq!(cell(&structure, 0, per_student), "Credits per student");
    let l4 = find_row(&structure, totals, "Level 4");
    let l5 = find_row(&structure, totals, "Level 5");
    let all = find_row(&structure, totals, "All levels");
    assert_eq!(structure.get((l4, per_student)), Some(&Data::Float(120.0)));
    assert_eq!(structure.get((l5, per_student)), Some(&Data::Float(120.0)));
    assert_eq!(structure.get((all, per_student)), Some(&Data::Float(240.0)));

    let matrix = sheet(&path, "Matrix");
    // Module titles above the header row of codes.
    assert_eq!(cell(&matrix, 0, 2), p.modules[0].title);
    assert_eq!(cell(&matrix, 1, 0), "KSB");
    assert_eq!(cell(&matrix, 1, 2), "HSC401");
    assert_eq!(matrix.width(), 2 + p.modules.len() + 1);
    for m in p.mappings.iter().take(20) {
        let row = find_row(&matrix, 0, &m.ksb.code.to_string());
        let col = 2 + p.module_index(&m.module).unwrap();
        let letter = if m.coverage == Coverage::Full { "F" } else { "P" };
        assert_eq!(cell(&matrix, row, col), letter, "{} {}", m.module, m.ksb);
    }
    let k23 = find_row(&matrix, 0, "K23");
    assert!((2..2 + p.modules.len()).all(|c| cell(&matrix, k23, c).is_empty()));

    let findings = sheet(&path, "Findings");
    assert_eq!(cell(&findings, 0, 0), "Severity");
    // A kind over many KSBs is one row, as `check` prints it.
    assert_eq!(findings.height(), analyse(&p).finding_groups(&p).len() + 1);
    assert_eq!(cell(&findings, 1, 0), "error");
}

/// The sample with its mappings cleared, ready to take an imported matrix.
fn unmapped_sample() -> Project {
    let mut p = sample();
    p.mappings.clear();
    p
}

#[test]
fn matrix_round_trips_through_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let p = sample();
    let a = analyse(&p);
    let want = coverage_set(&p.mappings);

    let csv_path = dir.path().join("matrix.csv");
    std::fs::write(&csv_path, report::csv::matrix_csv(&p, &a).unwrap()).unwrap();
    let xlsx_path = dir.path().join("Report.XLSX");
    write(&p, &xlsx_path);

    for path in [&csv_path, &xlsx_path] {
        let mut fresh = unmapped_sample();
        let imported = htq_mapper::import::matrix::read(path, &fresh).unwrap();
        for m in imported {
            fresh.set_mapping(m);
        }
        assert_eq!(coverage_set(&fresh.mappings), want, "{}", path.display());
        let (before, after) = (analyse(&p), analyse(&fresh));
        assert_eq!(before.summary, after.summary);
    }
}

#[test]
fn the_workbook_makes_a_new_project_from_the_command_line() {
    // Modules from the structure sheet, mappings from the matrix sheet of the same workbook.
    let dir = tempfile::tempdir().unwrap();
    let p = sample();
    let workbook = dir.path().join("submission.xlsx");
    write(&p, &workbook);
    let out = dir.path().join("again.ron");
    let o = htq(&[
        "new",
        "--standard",
        root().join("standards/ST0215.ron").to_str().unwrap(),
        "--modules",
        workbook.to_str().unwrap(),
        "--mapping",
        workbook.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let again = htq_mapper::store::load_project(&out).unwrap();
    // The workbook's module list carries no outcomes or assessments (its Assessment sheet
    // is a report, not an import).
    assert_eq!(again.modules, crate::common::sample_without_outcomes().modules);
    assert_eq!(again.option_groups, p.option_groups);
    assert_eq!(coverage_set(&again.mappings), coverage_set(&p.mappings));
}

#[test]
fn xlsx_import_errors_name_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let modules = dir.path().join("modules.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Programme modules").unwrap();
    let rows = [
        ["Module code", "Module title", "FHEQ level", "Credits", "Core/Optional"],
        ["A401", "Foundations", "4", "120", "core"],
        ["B501", "Practice", "5", "lots", "core"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16 + 1, *v).unwrap();
        }
    }
    wb.save(&modules).unwrap();
    let out = dir.path().join("p.ron");
    let o = htq(&[
        "new",
        "--standard",
        root().join("standards/ST0215.ron").to_str().unwrap(),
        "--modules",
        modules.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("modules.xlsx: sheet `Programme modules`, row 3, column E: credits `lots`"),
        "{err}"
    );
    assert!(!out.exists());

    // A matrix with an unknown module and KSB, reported by row and column letter.
    let good = dir.path().join("good.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in [["KSB", "A401", "ZZ9"], ["K1", "X", ""], ["K99", "P", ""]]
        .iter()
        .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(&good).unwrap();
    let mut p = unmapped_sample();
    p.modules.truncate(1);
    p.modules[0].code = "A401".into();
    let e = htq_mapper::import::matrix::read(&good, &p).unwrap_err().to_string();
    assert!(e.contains("sheet `Sheet1`"), "{e}");
    assert!(e.contains("row 1, column C: ZZ9 is not a module"), "{e}");
    assert!(e.contains("row 3, column A: K99 is not a KSB"), "{e}");

    let garbage = dir.path().join("garbage.xlsx");
    std::fs::write(&garbage, "this is not a workbook").unwrap();
    let e = htq_mapper::import::module_list::read(&garbage).unwrap_err().to_string();
    assert!(e.contains("garbage.xlsx: is not a spreadsheet"), "{e}");
}

/// The sample with hostile text wherever a user's file can put text.
fn hostile() -> Project {
    let mut p = sample();
    p.programme.title = "<b>Bold</b> & \"quoted\"".into();
    p.modules[0].title = "<script>alert(1)</script>".into();
    p.modules[1].title = "=HYPERLINK(\"http://evil.example\",\"click\")".into();
    p.modules[2].title = "+1".into();
    p.modules[3].title = "@SUM(A1:A9)".into();
    p.modules[4].title = "-2+3".into();
    // K23 is uncovered, so its text shows in the HTML gap list.
    let k23 = p.standards[0]
        .ksbs
        .iter_mut()
        .find(|k| k.code.to_string() == "K23")
        .unwrap();
    k23.text = "=1+1 <img src=x onerror=alert(2)>".into();
    p.standards[0].duties[0].text = "<script>alert(3)</script> duty".into();
    p
}

#[test]
fn hostile_text_is_escaped_in_html() {
    let p = hostile();
    let html = report::html::report(&p, &analyse(&p), made());
    assert!(
        !html.to_lowercase().contains("<script"),
        "no script element gets through"
    );
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>Bold"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(html.contains("&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;"));
}

#[test]
fn the_sample_html_is_self_contained() {
    let p = sample();
    let html = report::html::report(&p, &analyse(&p), made());
    for needle in ["://", "<script", "<link", "@import", "url(", "<img", "<iframe"] {
        assert!(!html.contains(needle), "the report contains {needle}");
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg"));
    assert!(html.contains("@media print"));
    assert!(html.contains("Coverage by duty"));
    assert!(html.contains(">K23<"));
}

/// A standard copied from its page (ST0413, whose page carries an "in development" banner and
/// no version) is reported as `check` tells it: version 1.1 from its KSBs, and the catalogue's
/// status for 1.1, with the page's own word beside it.
#[test]
fn a_pages_standard_is_reported_with_the_version_and_status_check_gives() {
    let imported = htq_mapper::import::read_standards(&shared(ST0413_PAGE)).unwrap();
    let standard = imported.into_iter().next().unwrap().standard;
    assert!(standard.version.is_none(), "the page gives no version");
    let mut p = sample();
    p.standards = vec![standard];
    p.programme.standards = vec!["ST0413".into()];
    p.mappings.clear();
    let checked = htq_mapper::check::check(&p, &htq_mapper::revision::versions::catalogue_versions(&p), made());
    let v = &checked.versions[0];
    let status = v.status.expect("the catalogue knows ST0413 1.1").label();
    let html = report::html::report(&p, &analyse(&p), made());
    let table = &html[html.find("class=\"standards\"").expect("a standards table")..];
    let row = &table[..table.find("</table>").unwrap()];
    assert!(row.contains("<td>1.1<div"), "{row}");
    assert!(row.contains("told from its KSBs"), "{row}");
    assert!(row.contains(status), "{status}: {row}");
    assert!(row.contains("the copy says in development"), "{row}");
    assert_eq!(row.matches("not recorded").count(), 1, "the page's dates only: {row}");
}

/// A title that names its award is not given it twice, on the page or in its printed footer.
#[test]
fn a_title_with_its_award_is_not_doubled_in_the_report() {
    let mut p = sample();
    p.programme.title = format!("{} Health and Social Care", p.programme.award);
    let html = report::html::report(&p, &analyse(&p), made());
    let twice = format!("{0} {0}", p.programme.award);
    assert!(!html.contains(&twice), "{twice}");
    // The footer's text is escaped for CSS, "·" and all: the title then its separator.
    assert!(
        html.contains(&format!("content: \"{} \\0000b7 ", p.programme.title)),
        "{html}"
    );
}

#[test]
fn hostile_text_is_neutralised_in_csv_and_xlsx() {
    let p = hostile();
    let a = analyse(&p);
    let csv = String::from_utf8(report::csv::ksb_sheet_csv(&p, &a).unwrap()).unwrap();
    assert!(csv.contains(",'=1+1 <img"), "{}", csv.lines().nth(1).unwrap_or(""));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.xlsx");
    write(&p, &path);
    let structure = sheet(&path, "Qualification structure");
    let titles: Vec<String> = (1..6).map(|r| cell(&structure, r, 1)).collect();
    assert_eq!(
        titles,
        [
            "<script>alert(1)</script>",
            "'=HYPERLINK(\"http://evil.example\",\"click\")",
            "'+1",
            "'@SUM(A1:A9)",
            "'-2+3"
        ]
    );
    let ksbs = sheet(&path, "KSB mapping");
    assert_eq!(
        cell(&ksbs, find_row(&ksbs, 1, "K23"), 3),
        "'=1+1 <img src=x onerror=alert(2)>"
    );
    // No sheet holds a formula.
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    for name in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name} has a formula"
        );
    }
}

#[test]
fn report_command_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample_path();
    for name in ["r.xlsx", "r.html", "r.HTM", "r.csv"] {
        let out = dir.path().join(name);
        let o = htq(&["report", sample.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert!(stdout(&o).contains("72 KSBs"), "{}", stdout(&o));
        let bytes = std::fs::read(&out).unwrap();
        match name {
            "r.xlsx" => assert!(bytes.starts_with(b"PK")),
            "r.csv" => assert!(bytes.starts_with(b"\xEF\xBB\xBFStandard,Code,Kind")),
            _ => assert!(bytes.starts_with(b"<!DOCTYPE html>")),
        }
    }
    let out = dir.path().join("r.pdf");
    let o = htq(&["report", sample.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`.pdf` is not a report format"), "{}", stderr(&o));
    assert!(!out.exists());
}

/// A report written over a file that is no report (a module list given as --out by mistake)
/// keeps what the file held as FILE.bak, and says so; so does a portfolio.
#[test]
fn a_report_over_another_file_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample_path();
    let modules = dir.path().join("modules.csv");
    std::fs::write(&modules, "code,title,level,credits\nM401,Intro,4,20\n").unwrap();
    let o = htq(&["report", sample.to_str().unwrap(), "--out", modules.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("what it held is kept as"), "{}", stderr(&o));
    let kept = dir.path().join("modules.csv.bak");
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "code,title,level,credits\nM401,Intro,4,20\n"
    );
    // Run again (a nightly script): the backup of the user's file is not replaced by the
    // first run's report, and the note says so.
    let o = htq(&["report", sample.to_str().unwrap(), "--out", modules.to_str().unwrap()]);
    assert!(stderr(&o).contains("was left as it is"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "code,title,level,credits\nM401,Intro,4,20\n"
    );

    let matrix = dir.path().join("matrix.csv");
    std::fs::write(&matrix, "module,K1\nM401,x\n").unwrap();
    let o = htq(&["portfolio", sample.to_str().unwrap(), "--out", matrix.to_str().unwrap()]);
    assert!(stderr(&o).contains("what it held is kept as"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("matrix.csv.bak")).unwrap(),
        "module,K1\nM401,x\n"
    );
    // A new file is written with no word of a backup.
    let fresh = dir.path().join("fresh.html");
    let o = htq(&["report", sample.to_str().unwrap(), "--out", fresh.to_str().unwrap()]);
    assert!(!stderr(&o).contains("kept as"), "{}", stderr(&o));
    assert!(!dir.path().join("fresh.html.bak").exists());
}

fn tool(name: &str, args: &[&str]) -> String {
    let o = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} runs ({e}); scripts/install-test-deps installs poppler-utils"));
    assert!(o.status.success(), "{name}: {}", stderr(&o));
    stdout(&o)
}

/// Renders the sample's HTML report in headless Chromium to PDF and PNG. The PNG is kept in
/// target/ so a person can look at it.
#[test]
fn html_report_renders_and_prints_in_chromium() {
    if !chromium_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    write(&sample(), &html);
    let url = format!("file://{}", html.display());

    let pdf = dir.path().join("report.pdf");
    let profile = tempfile::tempdir().unwrap();
    chromium(profile.path(), &[&format!("--print-to-pdf={}", pdf.display()), &url]);
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"));
    assert!(pages > 1, "the report prints on {pages} page(s)");
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    for needle in ["Duty", "Coverage by duty", "K23", "Mapping matrix", "HSC401"] {
        assert!(text.contains(needle), "the PDF lacks {needle}");
    }
    let a4 = info.lines().find(|l| l.starts_with("Page size:")).unwrap_or("");
    assert!(a4.contains("(A4)"), "A4 pages: {a4}");

    let png: PathBuf = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-sample.png");
    let profile = tempfile::tempdir().unwrap();
    chromium(
        profile.path(),
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1200,1600",
            &url,
        ],
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(bytes.len() > 20_000, "the screenshot is not blank");
    println!("screenshot: {}", png.display());
}

#[test]
fn nuls_controls_and_bidi_overrides_never_reach_a_report() {
    let mut p = sample();
    p.modules[0].title = "Care\0 and \u{7}compassion\u{202E}txt.exe".into();
    p.programme.title = "Assistant\u{1b}[31m practitioner".into();
    let dir = tempfile::tempdir().unwrap();
    for name in ["r.html", "r.csv", "r.xlsx"] {
        let path = dir.path().join(name);
        write(&p, &path);
        let bytes = std::fs::read(&path).unwrap();
        let text = if name.ends_with(".xlsx") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut all = String::new();
            for i in 0..zip.len() {
                std::io::Read::read_to_string(&mut zip.by_index(i).unwrap(), &mut all).unwrap();
            }
            all
        } else {
            String::from_utf8(bytes).unwrap()
        };
        let bad = text
            .chars()
            .find(|&c| (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || c == '\u{202E}');
        assert_eq!(bad, None, "{name}");
        assert!(!text.contains("_x0000_") && !text.contains("_x001B_"), "{name}");
    }
    let csv = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(
        html.contains("Care and compassiontxt.exe"),
        "the text around the controls stays"
    );
    assert!(html.contains("Assistant[31m practitioner"));
    assert!(csv.lines().count() > 70);
}

/// The HTML report gives every KSB's statement in full, covered ones too: a reviewer checks a
/// module's evidence against its wording, and the printed report is often their only copy.
#[test]
fn the_html_report_gives_every_ksb_statement_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.html");
    let p = sample();
    write(&p, &path);
    let html = std::fs::read_to_string(&path).unwrap();
    let long: Vec<&htq_mapper::model::Ksb> = p.standards[0]
        .ksbs
        .iter()
        .filter(|k| k.text.chars().count() > 100)
        .collect();
    assert!(!long.is_empty(), "the sample has long statements");
    for k in long {
        let escaped = k
            .text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        assert!(
            html.contains(&escaped) || html.contains(&k.text),
            "{} is not in full",
            k.code
        );
    }
}
