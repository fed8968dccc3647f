//! A provider's mapping spreadsheet, from CSV or a workbook: KSB codes down the first column,
//! module codes across.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
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
    const NONE: [&str; 6] = ["", "-", "n", "no", "none", "0"];
    const FULL: [&str; 10] = ["f", "full", "x", "✓", "✔", "✔️", "y", "yes", "1", "fully"];
    const PARTIAL: [&str; 5] = ["p", "partial", "part", "partly", "½"];
    // Compared in place: a million-row matrix must not allocate per cell.
    let s = s.trim();
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(s));
    if is(&NONE) {
        Ok(None)
    } else if is(&FULL) {
        Ok(Some(Coverage::Full))
    } else if is(&PARTIAL) {
        Ok(Some(Coverage::Partial))
    } else {
        Err(BadMark)
    }
}

/// Resolves `K1`, `ST0215/K1` or `ST0215 K1` against the project's standards.
/// Every KSB code of the project, with the standards that have it, for lookups in O(1).
struct KsbIndex<'a>(HashMap<KsbCode, Vec<&'a str>>);

impl<'a> KsbIndex<'a> {
    fn of(project: &'a Project) -> Self {
        let mut map: HashMap<KsbCode, Vec<&str>> = HashMap::new();
        for s in &project.standards {
            for k in &s.ksbs {
                map.entry(k.code).or_default().push(s.reference.as_str());
            }
        }
        KsbIndex(map)
    }

    /// `K1` (when one standard has it), `ST0215/K1`, `ST0215 K1` or `ST0215:K1`; else what
    /// is wrong with it, in words.
    fn resolve_or_say(&self, cell: &str) -> Result<KsbRef, String> {
        self.resolve(cell).ok_or_else(|| {
            let shared = cell
                .trim()
                .parse::<KsbCode>()
                .ok()
                .and_then(|code| self.0.get(&code).filter(|have| have.len() > 1).map(|have| (code, have)));
            match shared {
                Some((code, have)) => format!(
                    "{code} is in more than one of this project's standards ({}); write which, such as {}/{code}",
                    have.join(", "),
                    have.first().copied().unwrap_or_default()
                ),
                None => format!("{} is not a KSB of this project's standards", cell.trim()),
            }
        })
    }

    /// `K1` (when one standard has it), `ST0215/K1`, `ST0215 K1` or `ST0215:K1`.
    fn resolve(&self, cell: &str) -> Option<KsbRef> {
        let cell = cell.trim();
        let (standard, code) = match cell.rsplit_once(['/', ' ', ':']) {
            Some((s, c)) => (Some(s.trim()), c),
            None => (None, cell),
        };
        let code: KsbCode = code.parse().ok()?;
        let have = self.0.get(&code)?;
        let reference = match standard {
            Some(r) => have.iter().find(|s| s.eq_ignore_ascii_case(r))?,
            // A bare code that two standards share is ambiguous.
            None if have.len() == 1 => have.first()?,
            None => return None,
        };
        Some(KsbRef::new(*reference, code))
    }
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

/// The project's module codes by their lower-case form, as matrix headers are matched.
fn module_index(project: &Project) -> HashMap<String, &str> {
    project
        .modules
        .iter()
        .map(|m| (header_code(&m.code), m.code.as_str()))
        .collect()
}

/// A header as a module code is looked up: normalised as codes are kept, in lower case.
fn header_code(h: &str) -> String {
    crate::model::module_code_key(h)
}

/// The header row: the first of the opening rows naming a module of the project, so a
/// title above the matrix is passed over; else the first row.
fn header_row(modules: &HashMap<String, &str>, rows: &[(usize, Vec<String>)]) -> usize {
    rows.iter()
        .take(10)
        .position(|(_, r)| r.iter().skip(1).any(|c| modules.contains_key(&header_code(c))))
        .unwrap_or(0)
}

/// At most this many problems are listed in one error; the rest are counted.
const MAX_LISTED_PROBLEMS: usize = 20;

/// Reads the matrix into mappings for `project`. Every unknown code or unreadable cell
/// is reported, by line (or row) and column, in one error.
pub fn parse_table(table: &Table, project: &Project) -> Result<Vec<Mapping>, InputError> {
    let module_codes = module_index(project);
    let ksbs = KsbIndex::of(project);
    let rows = table
        .rows
        .get(header_row(&module_codes, &table.rows)..)
        .unwrap_or_default();
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
        match module_codes.get(&header_code(h)) {
            // Two columns of one module would each set its cells, and the last would win
            // unseen: which one is meant is the user's call.
            Some(code) => match modules.iter().find(|(_, c)| c == code) {
                Some(&(first, _)) => problems.push((
                    *header_line,
                    i + 1,
                    format!(
                        "{h} is named again (first in column {}); keep one column per module",
                        first + 1
                    ),
                )),
                None => modules.push((i, code.to_string())),
            },
            None => problems.push((*header_line, i + 1, format!("{h} is not a module of this project"))),
        }
    }
    // A header naming no module maps nothing: an error, not "0 mappings" (module columns over
    // blank marks still pass: that is a template).
    if problems.is_empty() && modules.is_empty() {
        return Err(table
            .whole_error("names no module of this project in its first row")
            .hint("put KSB codes down the first column and module codes across the first row"));
    }
    let mut mappings: Vec<Mapping> = Vec::new();
    let mut seen: HashMap<(usize, KsbRef), usize> = HashMap::new();
    // A KSB's row given twice would let the second silently overwrite the first's marks, as a
    // module's column given twice would: both are refused.
    let mut ksb_lines: HashMap<KsbRef, usize> = HashMap::new();
    let mut ksb_rows = 0;
    for (line, row) in rows.get(1..).unwrap_or_default() {
        let first = row.first().map(String::as_str).unwrap_or("");
        let ksb = match ksbs.resolve_or_say(first) {
            Ok(ksb) => ksb,
            Err(problem) => {
                problems.push((*line, 1, problem));
                continue;
            }
        };
        if let Some(earlier) = ksb_lines.insert(ksb.clone(), *line) {
            let place = table.place(earlier, 1);
            problems.push((
                *line,
                1,
                format!("{first} is listed again (first at {place}); keep one row per KSB"),
            ));
            continue;
        }
        ksb_rows += 1;
        for (col, module) in &modules {
            let cell = row.get(*col).map(String::as_str).unwrap_or("");
            match parse_cell(cell) {
                Ok(Some(coverage)) => match seen.entry((*col, ksb.clone())) {
                    Entry::Occupied(e) => {
                        if let Some(m) = mappings.get_mut(*e.get()) {
                            m.coverage = coverage;
                        }
                    }
                    Entry::Vacant(e) => {
                        e.insert(mappings.len());
                        mappings.push(Mapping::new(module.clone(), ksb.clone(), coverage));
                    }
                },
                Ok(None) => {}
                Err(BadMark) => problems.push((*line, col + 1, format!("`{cell}` is not a coverage mark"))),
            }
        }
    }
    if let Some(&(line, column, _)) = problems.first() {
        let mut list: Vec<String> = problems
            .iter()
            .take(MAX_LISTED_PROBLEMS)
            .map(|(l, c, m)| format!("{}: {m}", table.place(*l, *c)))
            .collect();
        if problems.len() > MAX_LISTED_PROBLEMS {
            list.push(format!("… and {} more", problems.len() - MAX_LISTED_PROBLEMS));
        }
        let message = format!(
            "{} in the matrix:\n  {}",
            crate::text::counted(problems.len(), "problem", "problems"),
            list.join("\n  ")
        );
        let e = match &table.origin {
            super::table::Origin::Csv => InputError::new(&table.path, message).at(line, column),
            super::table::Origin::Sheet(_) => table.whole_error(message),
        };
        return Err(e.hint(
            "mark cells F, full, X or ✓ for full and P or partial for partial; KSB codes look like K1 or ST0215/K1",
        ));
    }
    if ksb_rows == 0 {
        return Err(table
            .whole_error("has no rows of KSB codes, so it marks nothing")
            .hint("put KSB codes such as K1 or ST0215/K1 down the first column, one row per KSB"));
    }
    Ok(mappings)
}

#[cfg(test)]
mod ambiguity_tests {
    use std::path::Path;

    #[test]
    fn a_bare_code_two_standards_share_names_them_and_asks_which() {
        let mut p = crate::sample::sample_project().unwrap();
        let other = crate::sample::bundled_standards()
            .into_iter()
            .find(|s| s.reference != "ST0215")
            .unwrap();
        let reference = other.reference.clone();
        crate::model::ops::add_standard(&mut p, other).unwrap();
        let module = p.modules[0].code.clone();
        let e = super::parse(Path::new("m.csv"), &format!("KSB,{module}\nK1,Y\n"), &p).unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("K1 is in more than one of this project's standards"),
            "{text}"
        );
        assert!(
            text.contains(&reference) && text.contains("such as ST0215/K1"),
            "{text}"
        );
        assert!(!text.contains("not a KSB"), "{text}");
    }
}
