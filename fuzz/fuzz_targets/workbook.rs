#![no_main]
//! Real workbook containers built from the input: an .xlsx whose sheet XML has a dimension ref
//! and cell references drawn from the input (extremes such as XFD1048576 among them), or an .ods
//! whose rows and cells repeat by counts from the input, or a real .xls with its records'
//! positions overwritten. Each is read as a table, then as a
//! module list and as a matrix. A dense range built from a far-out cell would abort here (an
//! allocation failure) or trip libFuzzer's memory limit.

use std::io::{Cursor, Write};
use std::path::Path;
use std::sync::OnceLock;

use htq_mapper::import::{matrix, module_list, table::Table};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

fn project() -> &'static htq_mapper::model::Project {
    static P: OnceLock<htq_mapper::model::Project> = OnceLock::new();
    P.get_or_init(|| htq_mapper::sample::sample_project().expect("the bundled sample"))
}

fn letters(mut n: u64) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A 0-based row or column: small, at or past the bounds, at Excel's edge, or anything.
fn index(u: &mut Unstructured, bound: u64, edge: u64) -> Result<u64> {
    Ok(match u.int_in_range(0..=5)? {
        0 | 1 => u.int_in_range(0..=12)?,
        2 => bound - 1 + u.int_in_range(0..=2)?,
        3 => edge - 1 + u.int_in_range(0..=1)?,
        4 => u.arbitrary::<u32>()?.into(),
        _ => u.arbitrary::<u64>()?,
    })
}

/// A cell reference such as B3 or XFD1048576, or now and then the input's own text.
fn reference(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 16)? {
        return Ok(u.arbitrary::<&str>()?.replace(['"', '<', '&'], ""));
    }
    let column = index(u, 1_000, 16_384)?;
    let row = index(u, 5_000, 1_048_576)?;
    Ok(format!("{}{}", letters(column), row.saturating_add(1)))
}

fn text(u: &mut Unstructured) -> Result<String> {
    const WORDS: [&str; 12] = [
        "Code", "Title", "Level", "Credits", "Status", "KSB", "HSC401", "K1", "X", "P", "4", "core",
    ];
    Ok(if u.ratio(3, 4)? {
        (*u.choose(&WORDS)?).to_string()
    } else {
        u.arbitrary::<&str>()?.replace(['<', '&'], "")
    })
}

fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        let _ = w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored),
        );
        let _ = w.write_all(data.as_bytes());
    }
    w.finish().map(Cursor::into_inner).unwrap_or_default()
}

fn xlsx(u: &mut Unstructured) -> Result<Vec<u8>> {
    let mut sheet = String::from(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#);
    if u.arbitrary()? {
        sheet += &format!(r#"<dimension ref="{}:{}"/>"#, reference(u)?, reference(u)?);
    }
    sheet += "<sheetData>";
    for _ in 0..u.int_in_range(0..=24)? {
        let r = if u.ratio(3, 4)? {
            format!(r#" r="{}""#, reference(u)?)
        } else {
            String::new()
        };
        let cell = match u.int_in_range(0..=2)? {
            0 => format!(r#"<c{r} t="inlineStr"><is><t>{}</t></is></c>"#, text(u)?),
            1 => format!("<c{r}><v>{}</v></c>", u.arbitrary::<i32>()?),
            _ => format!("<c{r}/>"),
        };
        sheet += &format!("<row>{cell}</row>");
    }
    sheet += "</sheetData></worksheet>";
    let rels = |kind: &str, target: &str| {
        format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/></Relationships>"#
        )
    };
    let workbook = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Modules" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    Ok(zip_of(&[
        ("[Content_Types].xml", String::new()),
        ("_rels/.rels", rels("officeDocument", "xl/workbook.xml")),
        ("xl/workbook.xml", workbook.to_string()),
        ("xl/_rels/workbook.xml.rels", rels("worksheet", "worksheets/sheet1.xml")),
        ("xl/worksheets/sheet1.xml", sheet),
    ]))
}

fn ods(u: &mut Unstructured) -> Result<Vec<u8>> {
    let mut rows = String::new();
    for _ in 0..u.int_in_range(0..=8)? {
        rows += &format!(
            r#"<table:table-row table:number-rows-repeated="{}">"#,
            index(u, 5_000, 1_048_576)?.max(1)
        );
        for _ in 0..u.int_in_range(0..=4)? {
            let repeat = index(u, 1_000, 16_384)?.max(1);
            if u.arbitrary()? {
                rows += &format!(
                    r#"<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                    text(u)?
                );
            } else {
                rows += &format!(r#"<table:table-cell table:number-columns-repeated="{repeat}"/>"#);
            }
        }
        rows += "</table:table-row>";
    }
    let content = format!(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Modules">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#;
    Ok(zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet".to_string()),
        ("META-INF/manifest.xml", manifest.to_string()),
        ("content.xml", content),
    ]))
}

/// A real legacy .xls module list with row, column and extent fields overwritten from the input:
/// calamine reserves a sheet's declared DIMENSIONS and builds ranges to its farthest cell.
fn xls(u: &mut Unstructured) -> Result<Vec<u8>> {
    let mut bytes = include_bytes!("../../tests/corpus/modules/modules.xls").to_vec();
    for _ in 0..u.int_in_range(1..=6)? {
        let at = u.choose_index(bytes.len() - 4)?;
        let value = index(u, 5_000, 65_536)?;
        if u.arbitrary()? {
            bytes[at..at + 2].copy_from_slice(&(value as u16).to_le_bytes());
        } else {
            bytes[at..at + 4].copy_from_slice(&(value as u32).to_le_bytes());
        }
    }
    Ok(bytes)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(bytes) = (match u.int_in_range(0..=7).unwrap_or(0) {
        0 | 1 => ods(&mut u),
        2 | 3 => xls(&mut u),
        _ => xlsx(&mut u),
    }) else {
        return;
    };
    let path = Path::new("fuzz.xlsx");
    if let Ok(t) = Table::from_workbook(path, bytes.clone(), &module_list::SHEET_NAMES) {
        assert!(t.rows.len() <= 5_000 && t.rows.iter().all(|(_, r)| t.first_column + r.len() <= 1_000));
        let _ = module_list::parse_table(&t);
    }
    if let Ok(t) = Table::from_workbook(path, bytes, &matrix::SHEET_NAMES) {
        let _ = matrix::parse_table(&t, project());
    }
});
