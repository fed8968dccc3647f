//! The workbook's Findings sheet (grouped for reading, as `check` prints them) and its
//! Assessment sheet (the chain from each KSB to the assessments that evidence it).

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::analysis::{Analysis, Severity};
use crate::model::Project;

use super::{Formats, Widths, col, header_row, page_setup, row, text};

pub const FINDINGS_HEADER: [&str; 4] = ["Severity", "Finding", "What to do", "Id"];

/// One row per finding, or per kind where a kind covers many KSBs (its list in the row); the
/// KSB-mapping and Assessment sheets still give each KSB.
pub(super) fn findings_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    project: &Project,
    analysis: &Analysis,
) -> Result<(), XlsxError> {
    header_row(ws, f, &FINDINGS_HEADER)?;
    let groups = analysis.finding_groups(project);
    let rows: Vec<[String; 4]> = groups
        .iter()
        .map(|g| {
            let finding = if g.detail.is_empty() {
                g.message.clone()
            } else {
                format!("{}\n{}", g.message, g.detail)
            };
            [
                g.severity.label().to_string(),
                finding,
                g.explanation.clone(),
                g.id.clone(),
            ]
        })
        .collect();
    let mut widths = Widths::new(&FINDINGS_HEADER);
    for cells in &rows {
        for (c, s) in cells.iter().enumerate() {
            widths.see(c, s);
        }
    }
    widths.0[0] = widths.0[0].max(8);
    widths.cap(&[(1, 56), (2, 50), (3, 24)]);
    widths.apply(ws)?;
    for (i, (g, cells)) in groups.iter().zip(&rows).enumerate() {
        let r = row(i + 1)?;
        let sev = match g.severity {
            Severity::Info => &f.plain,
            other => f.marked(other),
        };
        text(ws, r, 0, &cells[0], sev)?;
        for (c, cell) in cells.iter().enumerate().skip(1) {
            text(ws, r, col(c)?, cell, &f.wrap)?;
        }
        widths.fit_row(ws, r, &[(1, &cells[1]), (2, &cells[2]), (3, &cells[3])])?;
    }
    ws.set_freeze_panes(1, 0)?;
    page_setup(ws, true)
}

/// KSB, module, learning outcome, assessment and weighting: the chain that evidences each KSB.
pub(super) fn assessment_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    project: &Project,
    analysis: &Analysis,
) -> Result<(), XlsxError> {
    use crate::report::assessment::{ASSESSMENT_HEADER, rows};
    header_row(ws, f, &ASSESSMENT_HEADER)?;
    let rows = rows(project, analysis);
    let mut widths = Widths::new(&ASSESSMENT_HEADER);
    for x in &rows {
        for (c, s) in [&x.ksb, &x.module, &x.outcome, &x.assessment, &x.kind]
            .iter()
            .enumerate()
        {
            widths.see(c, s);
        }
    }
    widths.0[6] = widths.0[6].max(12);
    widths.apply(ws)?;
    for (i, x) in rows.iter().enumerate() {
        let r = row(i + 1)?;
        for (c, s) in [&x.ksb, &x.module, &x.outcome, &x.assessment, &x.kind]
            .iter()
            .enumerate()
        {
            text(ws, r, col(c)?, s, &f.wrap)?;
        }
        if let Some(w) = x.weighting {
            ws.write_number_with_format(r, 5, f64::from(w), &f.number)?;
        }
        if x.assessed {
            text(ws, r, 6, "assessed", &f.plain)?;
        } else {
            text(ws, r, 6, "not assessed", f.marked(Severity::Warning))?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    page_setup(ws, true)
}
