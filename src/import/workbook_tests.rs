use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;

use super::*;
use crate::import::table::{Origin, Table};

const PATH: &str = "w.xlsx";

fn zip_of(parts: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        w.start_file(*name, SimpleFileOptions::default().compression_method(method))
            .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A one-sheet .xlsx, the sheet named `Modules`, with `cells` (reference, text) in order.
fn xlsx(dimension: &str, cells: &[(&str, &str)]) -> Vec<u8> {
    let mut sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>"#
    );
    for (r, t) in cells {
        sheet += &format!(r#"<row><c r="{r}" t="inlineStr"><is><t>{t}</t></is></c></row>"#);
    }
    sheet += "</sheetData></worksheet>";
    let rels = |kind: &str, target: &str| {
        format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/></Relationships>"#
        )
    };
    let workbook = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Modules" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    zip_of(
        &[
            (
                "[Content_Types].xml",
                br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
            ),
            ("_rels/.rels", rels("officeDocument", "xl/workbook.xml").as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
            (
                "xl/_rels/workbook.xml.rels",
                rels("worksheet", "worksheets/sheet1.xml").as_bytes(),
            ),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ],
        zip::CompressionMethod::Deflated,
    )
}

fn read_table(bytes: Vec<u8>) -> Result<Table, InputError> {
    Table::from_workbook(Path::new(PATH), bytes, &["module"])
}

#[test]
fn a_far_cell_is_refused_by_name_without_a_dense_range() {
    let e = read_table(xlsx(
        "A1:XFD1048576",
        &[("A1", "Code"), ("B1", "Title"), ("XFD1048576", "x")],
    ))
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("w.xlsx: sheet `Modules`, cell XFD1048576 is outside the 5,000 rows × 1,000 columns"),
        "{e}"
    );
    assert!(e.contains("hint:"), "{e}");
    for (cell, named) in [("ALM1", "ALM1"), ("A5001", "A5001")] {
        let e = read_table(xlsx("A1:B1", &[("A1", "Code"), (cell, "x")])).unwrap_err();
        assert!(e.message.contains(&format!("cell {named} is outside")), "{e}");
    }
}

#[test]
fn cells_at_the_bounds_and_a_wild_dimension_are_read_sparsely() {
    let t = read_table(xlsx(
        "A1:XFD1048576",
        &[("B2", "Code"), ("ALL5000", "x"), ("C2", "Title")],
    ))
    .unwrap();
    assert_eq!(t.origin, Origin::Sheet("Modules".into()));
    assert_eq!(t.first_column, 1);
    assert_eq!(t.rows[0], (2, vec!["Code".to_string(), "Title".to_string()]));
    assert_eq!(t.rows[1].0, 5000);
    assert_eq!(t.rows[1].1.len(), 999);
    assert_eq!(t.place(5000, 999), "row 5000, column ALL");
}

#[test]
fn zip_directories_beyond_bounds_are_refused_before_inflating() {
    // 2 MB of spaces packs about 1000:1.
    let spaces = vec![b' '; 2 << 20];
    let bomb = zip_of(
        &[("xl/worksheets/sheet1.xml", &spaces)],
        zip::CompressionMethod::Deflated,
    );
    let e = read_table(bomb).unwrap_err().to_string();
    assert!(
        e.contains("xl/worksheets/sheet1.xml is packed") && e.contains("zip bombs"),
        "{e}"
    );

    let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("{i}")).collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let e = read_table(zip_of(&parts, zip::CompressionMethod::Stored)).unwrap_err();
    assert!(e.message.contains("10001 parts"), "{e}");
}

/// Rewrites every size field of the zip's one deflated part named `name` to `size`.
fn declare_size(bytes: &mut [u8], name: &str, size: u32) {
    let find = |bytes: &[u8], sig: &[u8], from: usize| {
        (from..bytes.len() - 4)
            .find(|&i| &bytes[i..i + 4] == sig && bytes[i..].windows(name.len()).take(80).any(|w| w == name.as_bytes()))
    };
    let local = find(bytes, b"PK\x03\x04", 0).unwrap();
    bytes[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
    let central = find(bytes, b"PK\x01\x02", 0).unwrap();
    bytes[central + 24..central + 28].copy_from_slice(&size.to_le_bytes());
}

#[test]
fn a_part_that_inflates_past_its_declared_size_is_refused() {
    let cells: Vec<(String, String)> = (1..=2000).map(|r| (format!("A{r}"), "text".to_string())).collect();
    let cells: Vec<(&str, &str)> = cells.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut bytes = xlsx("A1:A2000", &cells);
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 100);
    let e = read_table(bytes).unwrap_err();
    assert!(e.message.contains("is not a spreadsheet this tool can read"), "{e}");
}

/// A one-sheet .ods named `Modules` whose table holds `rows`, as content.xml has them.
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Modules">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            (
                "META-INF/manifest.xml",
                br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#,
            ),
            ("content.xml", content.as_bytes()),
        ],
        zip::CompressionMethod::Deflated,
    )
}

fn ods_cell(text: &str, repeat: u32) -> String {
    format!(
        r#"<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

#[test]
fn ods_cells_are_bounded_before_calamine_expands_them() {
    let header = format!(
        "<table:table-row>{}{}</table:table-row>",
        ods_cell("Code", 1),
        ods_cell("Title", 1)
    );
    // The empty edges LibreOffice writes are fine.
    let edges = r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#;
    let t = read_table(ods(&format!("{header}{edges}"))).unwrap();
    assert_eq!(t.rows, vec![(1, vec!["Code".to_string(), "Title".to_string()])]);

    let wide = format!(
        "<table:table-row><table:table-cell/>{}</table:table-row>",
        ods_cell("x", 16384)
    );
    let e = read_table(ods(&format!("{header}{wide}"))).unwrap_err();
    assert!(e.message.contains("sheet `Modules`, cell ALM2 is outside"), "{e}");

    let tall = format!(
        r#"<table:table-row table:number-rows-repeated="1048575">{}</table:table-row>"#,
        ods_cell("x", 1)
    );
    let e = read_table(ods(&format!("{header}{tall}"))).unwrap_err();
    assert!(e.message.contains("cell A5001 is outside"), "{e}");
}
