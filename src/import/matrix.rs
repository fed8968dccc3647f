//! A provider's mapping spreadsheet, from CSV or a workbook: KSB codes down the first column,
//! module codes across.

use std::path::Path;

use crate::error::InputError;
use crate::model::{Coverage, KsbCode, KsbRef, Mapping, Project};

use super::csv_util::header_key;
use super::table::Table;

/// A matrix cell that is not a coverage mark.
#[derive(Debug, PartialEq, Eq)]
pub struct BadMark;

/// Reads a cell: F, full, X or ✓ is full; P or partial is partial; blank is none.
pub fn parse_cell(s: &str) -> Result<Option<Coverage>, BadMark> {
    match s.trim().to_lowercase().as_str() {
        "" | "-" | "n" | "no" | "none" | "0" => Ok(None),
        "f" | "full" | "x" | "✓" | "✔" | "✔️" | "y" | "yes" | "1" | "fully" => Ok(Some(Coverage::Full)),
        "p" | "partial" | "part" | "partly" | "½" => Ok(Some(Coverage::Partial)),
        _ => Err(BadMark),
    }
}

/// Resolves `K1`, `ST0215/K1` or `ST0215 K1` against the project's standards.
fn resolve_ksb(project: &Project, cell: &str) -> Option<KsbRef> {
    let cell = cell.trim();
    let (standard, code) = match cell.rsplit_once(['/', ' ', ':']) {
        Some((s, c)) => (Some(s.trim()), c),
        None => (None, cell),
    };
    let code: KsbCode = code.parse().ok()?;
    let mut candidates = project
        .standards
        .iter()
        .filter(|s| standard.is_none_or(|r| r.eq_ignore_ascii_case(&s.reference)))
        .filter(|s| s.ksb(code).is_some());
    let first = candidates.next()?;
    // A bare code that two standards share is ambiguous.
    if standard.is_none() && candidates.next().is_some() {
        return None;
    }
    Some(KsbRef::new(first.reference.clone(), code))
}

fn is_description_column(header: &str) -> bool {
    matches!(
        header_key(header).as_str(),
        "text"
            | "description"
            | "ksbtext"
            | "ksbdescription"
            | "statement"
            | "duty"
            | "duties"
            | "kind"
            | "type"
            | "standard"
            | "overall"
            | "coverage"
            | "notes"
            | "comments"
    )
}

/// Sheets whose names contain these are read first from a workbook.
pub const SHEET_NAMES: [&str; 3] = ["matrix", "mapping", "ksb"];

/// Reads a matrix from CSV or a workbook (.xlsx, .xls, .ods), by the file's extension.
pub fn read(path: &Path, project: &Project) -> crate::Result<Vec<Mapping>> {
    let table = Table::read(path, &SHEET_NAMES)?;
    parse_table(&table, project).map_err(Into::into)
}

/// Reads CSV text into mappings for `project`.
pub fn parse(path: &Path, text: &str, project: &Project) -> Result<Vec<Mapping>, InputError> {
    parse_table(&Table::from_csv(path, text)?, project)
}

fn is_module(project: &Project, cell: &str) -> bool {
    project.modules.iter().any(|m| m.code.eq_ignore_ascii_case(cell))
}

/// The header row: the first of the opening rows naming a module of the project, so a
/// title above the matrix is passed over; else the first row.
fn header_row(project: &Project, rows: &[(usize, Vec<String>)]) -> usize {
    rows.iter()
        .take(10)
        .position(|(_, r)| r.iter().skip(1).any(|c| is_module(project, c)))
        .unwrap_or(0)
}

/// Reads the matrix into mappings for `project`. Every unknown code or unreadable cell
/// is reported, by line (or row) and column, in one error.
pub fn parse_table(table: &Table, project: &Project) -> Result<Vec<Mapping>, InputError> {
    let rows = &table.rows[header_row(project, &table.rows)..];
    let Some((header_line, header)) = rows.first() else {
        return Err(table
            .whole_error("is empty")
            .hint("put KSB codes down the first column and module codes across the first row"));
    };
    let mut problems: Vec<(usize, usize, String)> = Vec::new();
    let mut modules: Vec<(usize, String)> = Vec::new();
    for (i, h) in header.iter().enumerate().skip(1) {
        if h.is_empty() || is_description_column(h) {
            continue;
        }
        match project.modules.iter().find(|m| m.code.eq_ignore_ascii_case(h)) {
            Some(m) => modules.push((i, m.code.clone())),
            None => problems.push((*header_line, i + 1, format!("{h} is not a module of this project"))),
        }
    }
    let mut mappings = Vec::new();
    for (line, row) in &rows[1..] {
        let first = row.first().map(String::as_str).unwrap_or("");
        let Some(ksb) = resolve_ksb(project, first) else {
            problems.push((*line, 1, format!("{first} is not a KSB of this project's standards")));
            continue;
        };
        for (col, module) in &modules {
            let cell = row.get(*col).map(String::as_str).unwrap_or("");
            match parse_cell(cell) {
                Ok(Some(coverage)) => mappings.push(Mapping::new(module.clone(), ksb.clone(), coverage)),
                Ok(None) => {}
                Err(BadMark) => problems.push((*line, col + 1, format!("`{cell}` is not a coverage mark"))),
            }
        }
    }
    if let Some(&(line, column, _)) = problems.first() {
        let list: Vec<String> = problems
            .iter()
            .map(|(l, c, m)| format!("{}: {m}", table.place(*l, *c)))
            .collect();
        let message = format!("{} problem(s) in the matrix:\n  {}", problems.len(), list.join("\n  "));
        let e = match &table.origin {
            super::table::Origin::Csv => InputError::new(&table.path, message).at(line, column),
            super::table::Origin::Sheet(_) => table.whole_error(message),
        };
        return Err(e.hint(
            "mark cells F, full, X or ✓ for full and P or partial for partial; KSB codes look like K1 or ST0215/K1",
        ));
    }
    Ok(mappings)
}
