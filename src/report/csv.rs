//! CSV output: the KSB-mapping sheet (one row per KSB), and the matrix for re-import.

use crate::analysis::Analysis;
use crate::mark::Marked;
use crate::model::Project;

/// A spreadsheet would run a cell starting with these as a formula. Control characters are
/// dropped on the way (see `text::printable`).
pub fn neutralise(cell: &str) -> String {
    let cell = crate::text::printable(cell);
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.into_owned()
    }
}

pub const KSB_SHEET_HEADER: [&str; 11] = [
    "Standard",
    "Code",
    "Kind",
    "Text",
    "Duties",
    "Modules",
    "Overall",
    "Workplace reason",
    // Every mapping's note, `HSC401: …`, whatever the KSB's overall state.
    "Notes",
    "Assessed in",
    // For a core-and-options standard: "core", or the options whose duties need the KSB,
    // "(not chosen)" where the programme does not take them.
    "Option",
];

/// Where the sheet's columns sit, for the workbook's formats.
pub const COL_TEXT: usize = 3;
pub const COL_OVERALL: usize = 6;

/// The rows of the KSB-mapping sheet, shared by the CSV and the workbook. "Assessed in" is
/// the analysis's one answer (outcome → assessment where a module has the chain, else the
/// ticked flag); every mapping's workplace reason and note is given, whatever the KSB's state.
pub fn ksb_rows(project: &Project, analysis: &Analysis) -> Vec<[String; 11]> {
    let mut rows = Vec::with_capacity(analysis.ksbs.len());
    for k in &analysis.ksbs {
        let (Some(standard), Some(ksb)) = (project.standard(&k.ksb.standard), project.ksb(&k.ksb)) else {
            continue;
        };
        let duties: Vec<&str> = standard.duties_listing(k.ksb.code).map(|d| d.code.as_str()).collect();
        let mut modules = Vec::new();
        let mut reasons = Vec::new();
        let mut notes = Vec::new();
        for &(m, coverage) in &k.modules {
            let Some(code) = project.modules.get(m).map(|m| &m.code) else {
                continue;
            };
            modules.push(format!("{code} ({})", coverage.mark().label));
            if let Some(mapping) = project.mapping(code, &k.ksb) {
                if !mapping.workplace_reason.trim().is_empty() {
                    reasons.push(format!("{code}: {}", mapping.workplace_reason.trim()));
                }
                if !mapping.note.trim().is_empty() {
                    notes.push(format!("{code}: {}", mapping.note.trim()));
                }
            }
        }
        let assessed = analysis.assessed_in(project, k);
        rows.push([
            k.ksb.standard.clone(),
            k.ksb.code.to_string(),
            ksb.kind().name().to_string(),
            ksb.text.clone(),
            duties.join(" "),
            modules.join("; "),
            k.mark().label.to_string(),
            reasons.join("; "),
            notes.join("; "),
            assessed.join(", "),
            crate::analysis::options::ksb_option_label(standard, k.ksb.code, k.needed),
        ]);
    }
    rows
}

/// The UTF-8 byte-order mark every CSV report starts with: without it Excel on Windows reads
/// the file as the local code page and garbles curly quotes and dashes. The importers skip it.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The KSB-mapping sheet as CSV, starting with [`BOM`].
pub fn ksb_sheet_csv(project: &Project, analysis: &Analysis) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    w.write_record(KSB_SHEET_HEADER)?;
    for row in ksb_rows(project, analysis) {
        w.write_record(row.iter().map(|c| neutralise(c)))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The modules × KSBs matrix as CSV, laid out as the matrix importer reads it: KSB codes
/// down the first column, their text, then one column per module holding F, P or nothing.
/// It starts with [`BOM`], as the KSB-mapping sheet does.
pub fn matrix_csv(project: &Project, analysis: &Analysis) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    let mut header = vec!["KSB".to_string(), "Text".to_string()];
    header.extend(project.modules.iter().map(|m| neutralise(&m.code)));
    w.write_record(&header)?;
    let mut record: Vec<String> = Vec::with_capacity(header.len());
    for (col, k) in analysis.ksbs.iter().enumerate() {
        record.clear();
        record.push(neutralise(&super::matrix_ksb_label(project, &k.ksb)));
        record.push(neutralise(project.ksb_text(&k.ksb)));
        for m in 0..project.modules.len() {
            let cell = analysis.matrix.cell(m, col);
            record.push(cell.map_or("", |c| c.coverage.mark().letter).to_string());
        }
        w.write_record(&record)?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
