//! A table of text cells read from CSV or a spreadsheet, so the module-list and matrix
//! importers share one lenient reading whatever the file format.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader};

use crate::error::{self, InputError};
use crate::fsio::{self, TableFormat};

use super::csv_util::{header_key, read_rows};

/// Where a table came from, which decides how a place in it is named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A CSV file: places are "line N, column C" with C a number.
    Csv,
    /// A spreadsheet's sheet: places are "row N, column C" with C a letter, as Excel shows them.
    Sheet(String),
}

/// Non-blank rows of trimmed cells, each with the line (CSV) or row (sheet) it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub path: PathBuf,
    pub origin: Origin,
    /// 1-based line or row number, and the cells from the table's first column on.
    pub rows: Vec<(usize, Vec<String>)>,
    /// The 0-based sheet column of each row's first cell (0 for CSV).
    pub first_column: usize,
}

impl Table {
    pub fn from_csv(path: &Path, text: &str) -> Result<Table, InputError> {
        Ok(Table {
            path: path.to_path_buf(),
            origin: Origin::Csv,
            rows: read_rows(path, text)?,
            first_column: 0,
        })
    }

    /// Reads a CSV file, or a sheet of a workbook (.xlsx, .xls, .ods), by the file's extension.
    /// From a workbook, the first sheet whose name contains one of `prefer` (compared
    /// leniently, in that order) is read; failing that, the first sheet with anything in it.
    pub fn read(path: &Path, prefer: &[&str]) -> error::Result<Table> {
        Table::from_bytes(path, TableFormat::of(path), fsio::read_bounded(path)?, prefer)
    }

    /// A table from a file's bytes, already read (a dropped file is read once).
    pub fn from_bytes(path: &Path, format: TableFormat, bytes: Vec<u8>, prefer: &[&str]) -> error::Result<Table> {
        match format {
            TableFormat::Csv => {
                let text = fsio::decode_text(path, bytes)?;
                Table::from_csv(path, &text).map_err(Into::into)
            }
            TableFormat::Spreadsheet => Table::from_workbook(path, bytes, prefer).map_err(Into::into),
        }
    }

    pub fn from_workbook(path: &Path, bytes: Vec<u8>, prefer: &[&str]) -> Result<Table, InputError> {
        let unreadable = |detail: String| {
            InputError::new(path, format!("is not a spreadsheet this tool can read ({detail})"))
                .hint("save it from Excel or LibreOffice as .xlsx, or export the sheet as CSV UTF-8")
        };
        let prefer: Vec<String> = prefer.iter().map(|p| header_key(p)).collect();
        // calamine parses untrusted zip and XML; a bug there must not take the app down with it,
        // nor print a panic at the user: it becomes the error below.
        let chosen = quietly_catch_unwind(move || -> Result<Option<(String, Range<Data>)>, String> {
            let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
            let names = workbook.sheet_names();
            // Sheets named as preferred first, in the order of `prefer`, then every sheet in order.
            let mut order: Vec<&String> = prefer
                .iter()
                .flat_map(|p| names.iter().filter(move |n| header_key(n).contains(p.as_str())))
                .collect();
            order.extend(names.iter());
            let mut first_error = None;
            for name in order {
                // A sheet that cannot be read as cells (a chart sheet, say) is passed over.
                match workbook.worksheet_range(name) {
                    Ok(range) if range.used_cells().next().is_some() => return Ok(Some((name.clone(), range))),
                    Ok(_) => {}
                    Err(e) => {
                        first_error.get_or_insert_with(|| e.to_string());
                    }
                }
            }
            first_error.map_or(Ok(None), Err)
        })
        .map_err(|_| unreadable("the reader failed on its contents".into()))?
        .map_err(unreadable)?;
        let Some((name, range)) = chosen else {
            return Err(InputError::new(path, "has no sheet with anything in it")
                .hint("put the table on the workbook's first sheet, with a header row"));
        };
        let (start_row, start_col) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            if cells.iter().all(String::is_empty) {
                continue;
            }
            rows.push((start_row as usize + i + 1, cells));
        }
        Ok(Table {
            path: path.to_path_buf(),
            origin: Origin::Sheet(name),
            rows,
            first_column: start_col as usize,
        })
    }

    /// Names a place as a person would look for it: `line 3, column 2` in CSV,
    /// `row 3, column B` in a sheet. `column` is 1-based within the row's cells.
    pub fn place(&self, line: usize, column: usize) -> String {
        match self.origin {
            Origin::Csv => format!("line {line}, column {column}"),
            Origin::Sheet(_) => format!("row {line}, column {}", column_letters(self.first_column + column - 1)),
        }
    }

    /// An error at a place in the table. A CSV error carries its line and column; a sheet's
    /// error names the sheet, row and column letter in its message, as Excel shows them.
    pub fn error(&self, line: usize, column: usize, message: impl Into<String>) -> InputError {
        let message = message.into();
        match &self.origin {
            Origin::Csv => InputError::new(&self.path, message).at(line, column),
            Origin::Sheet(sheet) => InputError::new(
                &self.path,
                format!("sheet `{sheet}`, {}: {message}", self.place(line, column)),
            ),
        }
    }

    /// An error about the table as a whole, naming the sheet where there is one.
    pub fn whole_error(&self, message: impl Into<String>) -> InputError {
        match &self.origin {
            Origin::Csv => InputError::new(&self.path, message),
            Origin::Sheet(sheet) => InputError::new(&self.path, format!("sheet `{sheet}` {}", message.into())),
        }
    }
}

/// A cell as text: whole numbers without a decimal point (a level typed as 4 reads as `4`).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Bool(true) => "yes".to_string(),
        Data::Bool(false) => "no".to_string(),
        other => other.to_string().trim().to_string(),
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`, as spreadsheets name columns.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_spreadsheets() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(TableFormat::of(Path::new("m.XLSX")), TableFormat::Spreadsheet);
        assert_eq!(TableFormat::of(Path::new("m.ods")), TableFormat::Spreadsheet);
        assert_eq!(TableFormat::of(Path::new("m.csv")), TableFormat::Csv);
        assert_eq!(TableFormat::of(Path::new("m")), TableFormat::Csv);
    }

    #[test]
    fn garbage_is_a_clear_error() {
        let e = Table::from_workbook(Path::new("m.xlsx"), b"not a zip".to_vec(), &[]).unwrap_err();
        assert!(e.message.contains("is not a spreadsheet"), "{e}");
    }

    #[test]
    fn sheets_are_chosen_by_name_then_by_content() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().set_name("Empty").unwrap();
        let cover = wb.add_worksheet().set_name("Cover").unwrap();
        cover.write_string(0, 0, "Programme handbook").unwrap();
        let list = wb.add_worksheet().set_name("Module list").unwrap();
        list.write_string(2, 1, "Code").unwrap();
        list.write_number(3, 1, 4).unwrap();
        list.write_number(3, 2, 4.5).unwrap();
        list.write_boolean(3, 3, true).unwrap();
        let bytes = wb.save_to_buffer().unwrap();

        let t = Table::from_workbook(Path::new("w.xlsx"), bytes.clone(), &["module"]).unwrap();
        assert_eq!(t.origin, Origin::Sheet("Module list".into()));
        assert_eq!(t.first_column, 1);
        assert_eq!(
            t.rows,
            vec![
                (3, vec!["Code".into(), "".into(), "".into()]),
                (4, vec!["4".into(), "4.5".into(), "yes".into()])
            ]
        );
        assert_eq!(t.place(4, 2), "row 4, column C");
        let t = Table::from_workbook(Path::new("w.xlsx"), bytes, &["matrix"]).unwrap();
        assert_eq!(t.origin, Origin::Sheet("Cover".into()));
    }

    #[test]
    fn places_are_named_as_the_format_shows_them() {
        let t = Table {
            path: "m.xlsx".into(),
            origin: Origin::Sheet("Modules".into()),
            rows: Vec::new(),
            first_column: 1,
        };
        assert_eq!(t.place(3, 1), "row 3, column B");
        assert_eq!(
            t.error(3, 2, "bad").to_string(),
            "m.xlsx: sheet `Modules`, row 3, column C: bad"
        );
    }
}

thread_local! {
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into `Err` without the panic hook's report. Panics elsewhere,
/// and on other threads, are reported as before.
fn quietly_catch_unwind<R>(f: impl FnOnce() -> R + std::panic::UnwindSafe) -> std::thread::Result<R> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET_PANICS.with(|q| q.set(true));
    let result = std::panic::catch_unwind(f);
    QUIET_PANICS.with(|q| q.set(false));
    result
}
