//! Reports a panel can file (issue 15), the workbook and CSV: every sheet's printed header and
//! footer (programme, date, content hash), print titles, the duty summary and comments sheets,
//! module titles in the matrix; the CSV's byte-order mark. The projects are `panel_reports`'.

use std::io::Read;
use std::path::Path;

use crate::common::*;
use crate::panel_reports::{made, reviewed, sample};
use calamine::{Data, Reader};
use htq_mapper::analysis::analyse;
use htq_mapper::model::Project;
use htq_mapper::report::{self, xlsx};
use htq_mapper::review::content_hash;

fn workbook(p: &Project, path: &Path) {
    report::write_report(path, p, &analyse(p), made()).unwrap();
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn cell(r: &calamine::Range<Data>, row: usize, col: usize) -> String {
    r.get((row, col)).map(|d| d.to_string()).unwrap_or_default()
}

fn row_of(r: &calamine::Range<Data>, col: usize, value: &str) -> usize {
    (0..r.height())
        .find(|&i| cell(r, i, col) == value)
        .unwrap_or_else(|| panic!("no row with {value} in column {col}"))
}

#[test]
fn the_workbook_has_a_duty_summary_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    let p = reviewed();
    workbook(&p, &path);
    let s = sheet(&path, xlsx::SHEET_DUTY_SUMMARY);
    let header: Vec<String> = (0..s.width()).map(|c| cell(&s, 0, c)).collect();
    assert_eq!(header, xlsx::DUTY_SUMMARY_HEADER);
    let st = &p.standards[0];
    assert_eq!(s.height(), 1 + st.duties.len(), "a row per duty");
    let a = analyse(&p);
    for (i, duty) in st.duties.iter().enumerate() {
        let r = row_of(&s, 1, &duty.code);
        assert_eq!(r, i + 1);
        assert_eq!(cell(&s, r, 0), "ST0215");
        assert_eq!(cell(&s, r, 2), duty.text);
        let codes: Vec<String> = duty.ksbs.iter().map(ToString::to_string).collect();
        assert_eq!(cell(&s, r, 3), codes.join(" "));
        assert_eq!(s.get((r, 4)), Some(&Data::Float(duty.ksbs.len() as f64)));
        let full = duty
            .ksbs
            .iter()
            .filter(|&&c| {
                a.ksb(&htq_mapper::model::KsbRef::new("ST0215", c))
                    .is_some_and(|k| k.state == htq_mapper::analysis::KsbState::Full)
            })
            .count();
        assert_eq!(s.get((r, 5)), Some(&Data::Float(full as f64)), "{}", duty.code);
    }
    assert_eq!(cell(&s, 1, 8), "agreed");
    assert_eq!(cell(&s, 2, 8), "query");
    assert_eq!(cell(&s, 3, 8), "not reviewed");
    assert!(cell(&s, 1, 9).starts_with("Priya Shah 2026-11-22"));
    let status = a.duties.iter().find(|x| x.duty.code == "D1").unwrap().state;
    assert_eq!(cell(&s, 1, 7), htq_mapper::mark::Marked::mark(status).label);
}

#[test]
fn the_workbook_has_a_comments_sheet_one_row_per_comment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    workbook(&reviewed(), &path);
    let s = sheet(&path, xlsx::SHEET_COMMENTS);
    let header: Vec<String> = (0..s.width()).map(|c| cell(&s, 0, c)).collect();
    assert_eq!(header, xlsx::COMMENTS_HEADER);
    assert_eq!(s.height(), 1 + 4, "four comments in three threads");
    let rows: Vec<Vec<String>> = (1..s.height())
        .map(|r| (0..s.width()).map(|c| cell(&s, r, c)).collect())
        .collect();
    assert_eq!(rows[0][0], "HSC401 × ST0215/K1");
    assert!(rows[0][1].starts_with("Anatomy and Physiology for Health · "));
    assert_eq!(rows[0][2], "open");
    assert_eq!(rows[0][3], "Priya Shah");
    assert_eq!(rows[0][4], "2026-11-20 09:15");
    assert!(rows[0][5].starts_with("Is K1 really full here?"));
    assert_eq!(rows[1][2], "reply (open)");
    assert_eq!(rows[1][3], "Sam Jones");
    assert_eq!(rows[2][0], "duty ST0215/D2");
    assert_eq!(rows[3][0], "module HSC402");
    assert_eq!(rows[3][2], "resolved by Sam Jones 2026-11-19 11:00");
}

#[test]
fn the_matrix_header_gives_module_titles_above_the_codes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    let p = sample();
    workbook(&p, &path);
    let m = sheet(&path, xlsx::SHEET_MATRIX);
    for (i, module) in p.modules.iter().enumerate() {
        assert_eq!(cell(&m, 0, 2 + i), module.title, "title of {}", module.code);
        assert_eq!(cell(&m, 1, 2 + i), module.code);
    }
    // The matrix still imports back, passing over the titles.
    let mut fresh = p.clone();
    fresh.mappings.clear();
    let imported = htq_mapper::import::matrix::read(&path, &fresh).unwrap();
    assert_eq!(imported.len(), p.mappings.len());
}

/// A part of the .xlsx package as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn between<'a>(xml: &'a str, open: &str, close: &str) -> &'a str {
    let start = xml.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    &xml[start..start + xml[start..].find(close).unwrap()]
}

#[test]
fn every_sheet_prints_programme_date_and_hash_in_its_header_and_footer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    let mut p = reviewed();
    p.programme.title = "Health & Social Care (Assistant Practitioner)".into();
    workbook(&p, &path);
    let hash = content_hash(&p);
    let sheets = calamine::open_workbook_auto(&path).unwrap().sheet_names().len();
    assert_eq!(sheets, 8);
    for i in 1..=sheets {
        let xml = part(&path, &format!("xl/worksheets/sheet{i}.xml"));
        let header = between(&xml, "<oddHeader>", "</oddHeader>");
        let footer = between(&xml, "<oddFooter>", "</oddFooter>");
        // `&` is doubled for Excel, then written as `&amp;` in the XML.
        assert!(
            header.starts_with("&amp;LFdSc Health &amp;&amp; Social Care (Assistant Practitioner)"),
            "sheet{i}: {header}"
        );
        assert!(header.ends_with("&amp;R25 November 2026"), "sheet{i}: {header}");
        assert!(footer.contains(&hash), "sheet{i}: {footer}");
        assert!(footer.contains("Page &amp;P of &amp;N"), "sheet{i}: {footer}");
    }
    let book = part(&path, "xl/workbook.xml");
    for (name, titles) in [
        ("'KSB mapping'", "$1:$1"),
        ("Matrix", "$A:$B,Matrix!$1:$2"),
        ("'Duty summary'", "$A:$B,'Duty summary'!$1:$1"),
        ("Comments", "$1:$1"),
    ] {
        assert!(
            book.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId="),
            "print titles are defined"
        );
        assert!(
            book.contains(&format!(">{name}!{titles}</definedName>")),
            "{name}: {book}"
        );
    }
}

// ---- CSV.

#[test]
fn csv_reports_start_with_a_utf8_byte_order_mark_and_still_import() {
    let p = reviewed();
    let a = analyse(&p);
    let sheet = report::csv::ksb_sheet_csv(&p, &a).unwrap();
    assert!(sheet.starts_with(b"\xEF\xBB\xBFStandard,Code,Kind"));
    let matrix = report::csv::matrix_csv(&p, &a).unwrap();
    assert!(matrix.starts_with(b"\xEF\xBB\xBFKSB,Text,HSC401"));

    // The command line's CSV report too.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.csv");
    let o = htq(&[
        "report",
        sample_path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read(&out)
            .unwrap()
            .starts_with(b"\xEF\xBB\xBFStandard,Code,Kind")
    );

    // The importers skip the mark: the matrix and a module list saved with one read back.
    let path = dir.path().join("matrix.csv");
    std::fs::write(&path, &matrix).unwrap();
    let mut fresh = p.clone();
    fresh.mappings.clear();
    assert_eq!(
        htq_mapper::import::matrix::read(&path, &fresh).unwrap().len(),
        p.mappings.len()
    );
    let list = dir.path().join("modules.csv");
    std::fs::write(
        &list,
        b"\xEF\xBB\xBFCode,Title,Level,Credits,Status\nHSC401,Anatomy,4,20,core\n",
    )
    .unwrap();
    let read = htq_mapper::import::module_list::read(&list).unwrap();
    assert_eq!(read.modules.len(), 1);
    assert_eq!(read.modules[0].code, "HSC401");
}
