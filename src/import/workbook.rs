//! Guards between a user's workbook and calamine, which would otherwise inflate whatever a
//! zip declares and build a dense range as large as the farthest cell (one cell at XFD1048576
//! asks for 512 GiB, an allocation failure no `catch_unwind` can stop). The zip directory is
//! checked before calamine opens the file, and sheets are read cell by cell within bounds.

use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use calamine::{Data, DataRef, Reader, Sheets};
use quick_xml::events::{BytesStart, Event};

use crate::error::InputError;

use super::csv_util::header_key;
use super::table::column_letters;
use super::xls_scan::{self, XlsProblem};

/// How far a module list or matrix may reach on a sheet (CSV has no such bound).
pub const MAX_ROWS: u32 = 5_000;
pub const MAX_COLUMNS: u32 = 1_000;
/// Zip directory bounds: an .xlsx from Excel has a few dozen parts of a few MB.
const MAX_ENTRIES: usize = 10_000;
const MAX_PART: u64 = 64 << 20;
const MAX_TOTAL: u64 = 256 << 20;
/// Spreadsheet XML deflates 5–50:1; a big part packed tighter than this is a bomb.
const MAX_RATIO: u64 = 200;
const RATIO_FROM: u64 = 1 << 20;

/// The sheet chosen from a workbook, as table rows.
#[derive(Debug)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<(usize, Vec<String>)>,
    pub first_column: usize,
}

/// Reads the sheet `prefer` points at (lower-case keys, in order), or else the first with
/// anything in it. `Ok(None)`: no sheet has anything in it.
pub fn read(path: &Path, bytes: Vec<u8>, prefer: &[String]) -> Result<Option<Sheet>, InputError> {
    if bytes.starts_with(b"PK\x03\x04") {
        check_zip(path, &bytes)?;
    } else if xls_scan::is_xls(&bytes) {
        check_xls(path, &bytes)?;
    }
    // calamine parses untrusted zip and XML; a bug there must not take the app down with it,
    // nor print a panic at the user: it becomes the error below.
    quietly_catch_unwind(move || choose(path, bytes, prefer))
        .map_err(|_| unreadable(path, "the reader failed on its contents"))?
}

fn unreadable(path: &Path, detail: &str) -> InputError {
    InputError::new(path, format!("is not a spreadsheet this tool can read ({detail})"))
        .hint("save it from Excel or LibreOffice as .xlsx, or export the sheet as CSV UTF-8")
}

fn too_big(path: &Path, what: String) -> InputError {
    InputError::new(path, format!("is refused: {what}; no module list or matrix needs that"))
        .hint("copy the table alone into a new workbook and save that, or export the sheet as CSV UTF-8")
}

fn far_cell(path: &Path, sheet: &str, row: u64, column: u64) -> InputError {
    // Counts from .ods repeats can be huge; clamp them so naming the cell cannot overflow.
    let column = usize::try_from(column.min(u64::from(u32::MAX))).unwrap_or(0);
    let cell = format!("{}{}", column_letters(column), row.saturating_add(1));
    InputError::new(
        path,
        format!(
            "sheet `{sheet}`, cell {cell} is outside the {} rows × {} columns a module list or matrix may use",
            thousands(MAX_ROWS),
            thousands(MAX_COLUMNS)
        ),
    )
    .hint(format!(
        "clear {cell} and anything else below row {} or right of column {} (Ctrl+End finds the last cell), \
         or copy the table alone into a new workbook",
        thousands(MAX_ROWS),
        column_letters(MAX_COLUMNS as usize - 1)
    ))
}

fn thousands(n: u32) -> String {
    let (high, low) = (n / 1000, n % 1000);
    if high == 0 {
        low.to_string()
    } else {
        format!("{high},{low:03}")
    }
}

/// Refuses a zip whose directory promises more than a workbook needs. zip (≥ 9.0.1) fails a
/// read that inflates past a part's declared size, so declared sizes bound what calamine reads.
fn check_zip(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    // Central directory headers, counted before zip indexes them all.
    let headers = bytes.windows(4).filter(|w| *w == b"PK\x01\x02").count();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(path, &e.to_string()))?;
    let entries = headers.max(zip.len());
    if entries > MAX_ENTRIES {
        return Err(too_big(
            path,
            format!("it holds {entries} parts (at most {MAX_ENTRIES})"),
        ));
    }
    let mut total: u64 = 0;
    let mut ods = false;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| unreadable(path, &e.to_string()))?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let (size, packed) = (part.size(), part.compressed_size());
        let mb = |n: u64| n.div_ceil(1 << 20);
        if size > MAX_PART {
            let what = format!(
                "its part {name} unpacks to {} MB (at most {} MB)",
                mb(size),
                mb(MAX_PART)
            );
            return Err(too_big(path, what));
        }
        total = total.saturating_add(size);
        if total > MAX_TOTAL {
            return Err(too_big(
                path,
                format!("its parts unpack to more than {} MB", mb(MAX_TOTAL)),
            ));
        }
        if size > RATIO_FROM && size / packed.max(1) > MAX_RATIO {
            return Err(too_big(
                path,
                format!("its part {name} is packed {}:1, as zip bombs are", size / packed.max(1)),
            ));
        }
        ods |= name == "content.xml";
    }
    if ods {
        let part = zip
            .by_name("content.xml")
            .map_err(|e| unreadable(path, &e.to_string()))?;
        check_ods_extent(path, part.take(MAX_PART + 1))?;
    }
    Ok(())
}

/// A legacy .xls is walked record by record before calamine reserves its declared extent.
fn check_xls(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    match quietly_catch_unwind(|| xls_scan::scan(bytes, MAX_ROWS, MAX_COLUMNS, MAX_PART)) {
        Ok(Ok(())) | Ok(Err(XlsProblem::Unreadable)) => Ok(()),
        Ok(Err(XlsProblem::TooBig(max))) => Err(too_big(
            path,
            format!("its workbook stream is larger than {} MB", max >> 20),
        )),
        Ok(Err(XlsProblem::FarCell { sheet, row, column })) => Err(far_cell(path, &sheet, row, column)),
        Err(_) => Err(unreadable(path, "the reader failed on its contents")),
    }
}

/// calamine reads every .ods sheet densely when it opens the file, repeating each repeated row
/// and cell, so content.xml is streamed first: the cells with anything in them (counting
/// repeats) must lie within the bounds, and what the repeats expand to, in cells and in bytes
/// of text, must stay under [`MAX_CELLS`] and [`MAX_TEXT_BYTES`]. A few hundred bytes of XML can
/// otherwise ask for gigabytes.
fn check_ods_extent(path: &Path, content: impl Read) -> Result<(), InputError> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let (mut sheet, mut row, mut column) = (String::new(), 0u64, 0u64);
    // This row's repeat count, its first used column, where its last used cell ends, and the
    // bytes of text its cells expand to.
    let (mut repeat, mut used, mut row_end, mut row_text): (u64, Option<u64>, u64, u64) = (1, None, 0, 0);
    // The open cell's column repeat and text bytes so far.
    let mut cell: Option<(u64, u64)> = None;
    // The sheet's rows up to its last used one and its widest row, and the whole workbook's totals.
    let (mut rows_used, mut width) = (0u64, 0u64);
    let (mut cells_total, mut text_total) = (0u64, 0u64);
    loop {
        buf.clear();
        let (e, open) = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::Text(t)) => {
                if let Some((_, bytes)) = cell.as_mut() {
                    *bytes = bytes.saturating_add(t.len() as u64);
                }
                continue;
            }
            Ok(Event::CData(t)) => {
                if let Some((_, bytes)) = cell.as_mut() {
                    *bytes = bytes.saturating_add(t.len() as u64);
                }
                continue;
            }
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-cell" | "table:covered-table-cell" => {
                        if let Some((n, bytes)) = cell.take() {
                            row_text = row_text.saturating_add(bytes.saturating_mul(n));
                        }
                    }
                    "table:table-row" => {
                        if let Some(c) = used {
                            let last = row.saturating_add(repeat - 1);
                            if last >= u64::from(MAX_ROWS) {
                                return Err(far_cell(path, &sheet, row.max(u64::from(MAX_ROWS)), c));
                            }
                            rows_used = last.saturating_add(1);
                            width = width.max(row_end);
                        }
                        text_total = text_total.saturating_add(row_text.saturating_mul(repeat));
                        if text_total > MAX_TEXT_BYTES {
                            return Err(expands_too_far(
                                path,
                                &sheet,
                                format!("{} of text", megabytes(text_total)),
                            ));
                        }
                        row = row.saturating_add(repeat);
                    }
                    "table:table" => {
                        cells_total = cells_total.saturating_add(rows_used.saturating_mul(width));
                        if cells_total > MAX_CELLS {
                            return Err(expands_too_far(path, &sheet, format!("{} cells", grouped(cells_total))));
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) => return Ok(()),
            // calamine reports broken XML when it reads the file.
            Err(_) => return Ok(()),
            Ok(_) => continue,
        };
        match e.name().as_ref() {
            "table:table" => {
                sheet = attr(&e, "table:name").unwrap_or_default();
                (row, rows_used, width) = (0, 0, 0);
            }
            "table:table-row" => {
                repeat = count(&e, "table:number-rows-repeated");
                (column, used, row_end, row_text) = (0, None, 0, 0);
                if !open {
                    row = row.saturating_add(repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let n = count(&e, "table:number-columns-repeated");
                // A cell with a value, a formula or content; empty ones may repeat to the edge.
                if open || attr(&e, "office:value-type").is_some() || attr(&e, "table:formula").is_some() {
                    if column.saturating_add(n - 1) >= u64::from(MAX_COLUMNS) {
                        return Err(far_cell(path, &sheet, row, column.max(u64::from(MAX_COLUMNS))));
                    }
                    used.get_or_insert(column);
                    row_end = column.saturating_add(n);
                    // A value given as an attribute is text calamine keeps too.
                    let value = ["office:string-value", "office:value", "table:formula"]
                        .iter()
                        .filter_map(|a| attr(&e, a))
                        .map(|v| v.len() as u64)
                        .sum::<u64>();
                    if open {
                        cell = Some((n, value));
                    } else {
                        row_text = row_text.saturating_add(value.saturating_mul(n));
                    }
                }
                column = column.saturating_add(n);
            }
            _ => {}
        }
    }
}

/// What a workbook's repeated rows and cells may expand to when read: a 5,000-row module
/// list of 20 columns is 100,000 cells and a few MB of text, so these leave ample room.
const MAX_CELLS: u64 = 2_000_000;
const MAX_TEXT_BYTES: u64 = 32_000_000;

fn expands_too_far(path: &Path, sheet: &str, what: String) -> InputError {
    InputError::new(
        path,
        format!(
            "sheet `{sheet}` is refused: its repeated rows and cells expand to {what} (at most {} cells and {}); no module list or matrix needs that",
            grouped(MAX_CELLS),
            megabytes(MAX_TEXT_BYTES)
        ),
    )
    .hint("copy the table alone into a new workbook and save that, or export the sheet as CSV UTF-8")
}

fn megabytes(n: u64) -> String {
    format!("{} MB", grouped(n.div_ceil(1_000_000)))
}

/// 4990000 → `4,990,000`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    Some(a.value.into_owned())
}

/// A repeat count, at least 1 (an unreadable count is left for calamine to report).
fn count(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name).and_then(|v| v.trim().parse().ok()).unwrap_or(1).max(1)
}

/// A sheet's cells with text, as (row, column, text), absolute and 0-based.
type Cells = Vec<(u32, u32, String)>;

fn choose(path: &Path, bytes: Vec<u8>, prefer: &[String]) -> Result<Option<Sheet>, InputError> {
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(path, &e.to_string()))?;
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
        match sheet_cells(&mut workbook, name) {
            Err(SheetError::Expands(what)) => return Err(expands_too_far(path, name, what)),
            Ok(cells) => {
                if let Some(&(row, column, _)) = cells.iter().find(|(r, c, _)| *r >= MAX_ROWS || *c >= MAX_COLUMNS) {
                    return Err(far_cell(path, name, u64::from(row), u64::from(column)));
                }
                if !cells.is_empty() {
                    return Ok(Some(to_rows(name, cells)));
                }
            }
            Err(SheetError::Unreadable(e)) => {
                first_error.get_or_insert(e);
            }
        }
    }
    first_error.map_or(Ok(None), |e| Err(unreadable(path, &e)))
}

/// The cells of a sheet with text in them. From .xlsx and .xlsb they are streamed and the
/// first far-out cell stops the reading; .xls and .ods come from calamine's ranges, which
/// those formats bound (.ods by `check_ods_extent`).
fn sheet_cells(workbook: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> Result<Cells, SheetError> {
    let unreadable = |e: &dyn std::fmt::Display| SheetError::Unreadable(e.to_string());
    match workbook {
        Sheets::Xlsx(x) => {
            let mut r = x.worksheet_cells_reader(name).map_err(|e| unreadable(&e))?;
            stream(|| r.next_cell().map_err(|e| e.to_string()))
        }
        Sheets::Xlsb(x) => {
            let mut r = x.worksheet_cells_reader(name).map_err(|e| unreadable(&e))?;
            stream(|| r.next_cell().map_err(|e| e.to_string()))
        }
        other => {
            let range = other.worksheet_range(name).map_err(|e| unreadable(&e))?;
            let (row0, col0) = range.start().unwrap_or((0, 0));
            Ok(range
                .used_cells()
                .filter_map(|(r, c, d)| {
                    let text = cell_text(d);
                    let at = |start: u32, i: usize| start.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                    (!text.is_empty()).then(|| (at(row0, r), at(col0, c), text))
                })
                .collect())
        }
    }
}

/// Why a sheet's cells were not read.
enum SheetError {
    /// Not a sheet of cells (a chart sheet, say), or broken.
    Unreadable(String),
    /// Its cells expand to more than a table needs: what they expand to.
    Expands(String),
}

/// Collects cells with text until the sheet ends or one lies beyond the bounds (kept last).
/// A shared string is one copy in the file but one per cell here, so the cells and their
/// text are counted as they come and the reading stops past [`MAX_CELLS`] or [`MAX_TEXT_BYTES`].
fn stream<'a>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, String>,
) -> Result<Cells, SheetError> {
    let mut cells = Cells::new();
    let mut text_total = 0u64;
    while let Some(cell) = next().map_err(SheetError::Unreadable)? {
        let (row, column) = cell.get_position();
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        text_total = text_total.saturating_add(text.len() as u64);
        if text_total > MAX_TEXT_BYTES {
            return Err(SheetError::Expands(format!(
                "more than {} of text",
                megabytes(MAX_TEXT_BYTES)
            )));
        }
        if cells.len() as u64 >= MAX_CELLS {
            return Err(SheetError::Expands(format!("more than {} cells", grouped(MAX_CELLS))));
        }
        cells.push((row, column, text));
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            break;
        }
    }
    Ok(cells)
}

/// Rows in order, each from the sheet's first used column to its own last cell with text.
fn to_rows(name: &str, mut cells: Cells) -> Sheet {
    cells.sort_by_key(|&(r, c, _)| (r, c));
    // A cell given twice keeps its last value, as in the XML.
    cells.reverse();
    cells.dedup_by_key(|&mut (r, c, _)| (r, c));
    cells.reverse();
    let first_column = cells.iter().map(|&(_, c, _)| c).min().unwrap_or(0);
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for (row, column, text) in cells {
        let line = row as usize + 1;
        if rows.last().is_none_or(|(l, _)| *l != line) {
            rows.push((line, Vec::new()));
        }
        if let Some((_, cells)) = rows.last_mut() {
            let at = (column - first_column) as usize;
            cells.resize(at, String::new());
            cells.push(text);
        }
    }
    Sheet {
        name: name.to_string(),
        rows,
        first_column: first_column as usize,
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

#[cfg(test)]
#[path = "workbook_tests.rs"]
mod tests;
