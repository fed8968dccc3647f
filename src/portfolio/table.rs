//! The portfolio as a table: one header row and one row per programme, as CSV and as the first
//! sheet of an XLSX workbook (with filters on the header). Text is neutralised as the other
//! reports do it, so a title starting with `=` stays text in a spreadsheet.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::report::neutralise;

use super::{Portfolio, Row};

/// The columns, in order.
pub const HEADER: [&str; 20] = [
    "Path",
    "Title",
    "Award",
    "Standards",
    "Status",
    "Latest approved",
    "Needs first",
    "KSBs",
    "Full",
    "Partial",
    "Uncovered",
    "% full",
    "Uncovered duties",
    "Route gaps",
    "Taught not assessed",
    "Sign-off",
    "Open comments",
    "Errors",
    "Warnings",
    "Notes",
];

/// The first column that holds a number.
const FIRST_NUMBER: usize = 7;

/// The sheet's name.
pub const SHEET: &str = "Programmes";

/// A row's cells: text first, then the numbers (from [`FIRST_NUMBER`]).
fn cells(r: &Row) -> (Vec<String>, Vec<f64>) {
    let status = r
        .standards
        .iter()
        .map(|s| s.status.unwrap_or("unknown"))
        .collect::<Vec<_>>()
        .join(", ");
    let latest = r
        .standards
        .iter()
        .map(|s| match (&s.current_version, s.current) {
            (Some(v), _) => format!("no: {v} is current"),
            (None, true) => "yes".to_string(),
            (None, false) => "no".to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let text = vec![
        r.path.display().to_string(),
        r.title.clone(),
        r.award.clone(),
        r.standards_text(),
        status,
        latest,
        r.need().label().to_string(),
    ];
    let c = &r.coverage;
    let n = |v: usize| v as f64;
    let numbers = vec![
        n(c.ksbs),
        n(c.full),
        n(c.partial),
        n(c.uncovered),
        (r.percent_full() * 10.0).round() / 10.0,
        n(r.uncovered_duties),
        n(r.route_gaps),
        n(r.unassessed),
    ];
    (text, numbers)
}

/// The cells after the numbers: sign-off and the counts after it.
fn tail(r: &Row) -> (String, [f64; 4]) {
    (
        r.sign_off.word().to_string(),
        [
            r.open_comments as f64,
            r.findings.errors as f64,
            r.findings.warnings as f64,
            r.findings.notes as f64,
        ],
    )
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    }
}

/// The CSV: one header row, then one row per programme, in the portfolio's order, then one per
/// file that could not be read (its path, and "unreadable: why" under "Needs first"), so a
/// file is never dropped from the table.
pub fn csv(p: &Portfolio) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)?;
    for r in &p.rows {
        let (text, numbers) = cells(r);
        let (sign_off, counts) = tail(r);
        let mut record: Vec<String> = text.iter().map(|t| neutralise(t)).collect();
        record.extend(numbers.iter().copied().map(number_text));
        record.push(sign_off);
        record.extend(counts.iter().copied().map(number_text));
        w.write_record(&record)?;
    }
    for u in &p.unreadable {
        let mut record = vec![String::new(); HEADER.len()];
        if let Some(path) = record.first_mut() {
            *path = neutralise(&u.path.display().to_string());
        }
        if let Some(need) = record.get_mut(FIRST_NUMBER - 1) {
            *need = neutralise(&format!("unreadable: {}", u.error.replace('\n', " ")));
        }
        w.write_record(&record)?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The workbook: the programmes on the first sheet, under a header row with filters, and the
/// files that could not be read on a second sheet when there are any.
pub fn workbook(p: &Portfolio) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold();
    let ws = book.add_worksheet().set_name(SHEET)?;
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string_with_format(0, col(c)?, *h, &header)?;
    }
    for (i, r) in p.rows.iter().enumerate() {
        let row = row_num(i + 1)?;
        let (text, numbers) = cells(r);
        for (c, t) in text.iter().enumerate() {
            ws.write_string(row, col(c)?, neutralise(t))?;
        }
        for (c, n) in numbers.iter().enumerate() {
            ws.write_number(row, col(FIRST_NUMBER + c)?, *n)?;
        }
        let (sign_off, counts) = tail(r);
        let at = FIRST_NUMBER + numbers.len();
        ws.write_string(row, col(at)?, sign_off)?;
        for (c, n) in counts.iter().enumerate() {
            ws.write_number(row, col(at + 1 + c)?, *n)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, row_num(p.rows.len().max(1))?, col(HEADER.len() - 1)?)?;
    for (c, width) in [(0, 48.0), (1, 40.0), (3, 16.0), (4, 22.0), (5, 20.0), (6, 26.0)] {
        ws.set_column_width(col(c)?, width)?;
    }
    if !p.unreadable.is_empty() {
        let ws = book.add_worksheet().set_name("Unreadable")?;
        ws.write_string_with_format(0, 0, "Path", &header)?;
        ws.write_string_with_format(0, 1, "Error", &header)?;
        for (i, u) in p.unreadable.iter().enumerate() {
            let row = row_num(i + 1)?;
            ws.write_string(row, 0, neutralise(&u.path.display().to_string()))?;
            ws.write_string(row, 1, neutralise(&u.error))?;
        }
        ws.set_column_width(0, 48.0)?;
        ws.set_column_width(1, 80.0)?;
    }
    book.save_to_buffer()
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::ParameterError(format!("column {c}")))
}

fn row_num(r: usize) -> Result<u32, XlsxError> {
    u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)
}
