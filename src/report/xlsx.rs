//! The XLSX workbook, in the shape of the HTQ submission: a KSB-mapping sheet, the
//! qualification structure with totals by level, the modules × KSBs matrix (module codes with
//! their titles above), the findings, the assessment chain, a summary per duty and the
//! comments. Every sheet prints with the programme, the date made and the content hash in its
//! header and footer, and its header row (and code columns) on every page.
//!
//! Text is only ever written with `write_string` (never as a formula), and text that a
//! spreadsheet would read as a formula is prefixed with `'`, as in the CSV.

use rust_xlsxwriter::{ColNum, Color, Format, FormatAlign, FormatBorder, RowNum, Workbook, Worksheet, XlsxError};

use crate::analysis::{Analysis, Severity};
use crate::mark::{Marked, Palette, Tone};
use crate::model::{IsoDate, Project};

use super::csv::{COL_OVERALL, COL_TEXT, KSB_SHEET_HEADER, ksb_rows, neutralise};
use super::{matrix_ksb_label, shorten};

pub const SHEET_KSB_MAPPING: &str = "KSB mapping";
pub const SHEET_STRUCTURE: &str = "Qualification structure";
pub const SHEET_MATRIX: &str = "Matrix";
pub const SHEET_FINDINGS: &str = "Findings";
pub const SHEET_ASSESSMENT: &str = "Assessment";
pub const SHEET_DUTY_SUMMARY: &str = "Duty summary";
pub const SHEET_COMMENTS: &str = "Comments";
pub const SHEET_SIGN_OFF: &str = "Sign-off";

mod findings;
mod review;
mod sign_off;

pub use findings::FINDINGS_HEADER;
pub use review::{COMMENTS_HEADER, DUTY_SUMMARY_HEADER, page_footer, page_header};
pub use sign_off::{SIGNERS_HEADER, state_words};

/// Excel refuses longer text in one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// The widest a column is sized to, in characters; longer text wraps.
const MAX_WIDTH: usize = 60;

const HEADER_FILL: u32 = 0x1F3A5F;

struct Formats {
    header: Format,
    /// A module's title above its code in the matrix, turned to read upwards.
    title: Format,
    wrap: Format,
    plain: Format,
    number: Format,
    bold_number: Format,
    bold: Format,
    /// One per tone, in `TONES` order, coloured from the print palette the HTML report uses too.
    tones: [Format; 5],
    blank: Format,
}

const TONES: [Tone; 5] = [Tone::Full, Tone::Partial, Tone::Uncovered, Tone::Warning, Tone::Info];

impl Formats {
    fn new() -> Self {
        let top = Format::new().set_align(FormatAlign::Top);
        let cell = |tone: Tone| {
            Format::new()
                .set_background_color(Color::RGB(Palette::PRINT.fill(tone).to_u32()))
                .set_font_color(Color::RGB(Palette::PRINT.ink(tone).to_u32()))
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xD0D0D0))
        };
        Self {
            header: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            title: Format::new()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_rotation(90)
                .set_align(FormatAlign::Bottom)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            wrap: top.clone().set_text_wrap(),
            plain: top.clone(),
            number: top.clone().set_align(FormatAlign::Center),
            bold_number: top.clone().set_bold().set_align(FormatAlign::Center),
            bold: top.set_bold(),
            tones: TONES.map(cell),
            blank: Format::new()
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xE4E4E4)),
        }
    }

    /// The coloured cell format for anything with a mark.
    fn marked(&self, m: impl Marked) -> &Format {
        let tone = m.mark().tone;
        let i = TONES.iter().position(|t| *t == tone).unwrap_or(2);
        &self.tones[i]
    }
}

/// Writes text safely: neutralised against formula injection, cut to what a cell holds.
fn text(ws: &mut Worksheet, row: RowNum, col: ColNum, s: &str, f: &Format) -> Result<(), XlsxError> {
    let mut s = neutralise(s);
    if s.chars().count() > MAX_CELL_CHARS {
        s = s.chars().take(MAX_CELL_CHARS - 1).collect::<String>() + "…";
    }
    ws.write_string_with_format(row, col, s, f)?;
    Ok(())
}

/// Keeps the widest cell of each column, to size columns to their contents.
struct Widths(Vec<usize>);

impl Widths {
    fn new(header: &[&str]) -> Self {
        Self(header.iter().map(|h| h.chars().count().min(MAX_WIDTH)).collect())
    }

    fn see(&mut self, col: usize, s: &str) {
        let w = s.lines().map(|l| l.chars().count()).max().unwrap_or(0).min(MAX_WIDTH);
        if let Some(x) = self.0.get_mut(col) {
            *x = (*x).max(w);
        }
    }

    /// Narrows columns to at most these widths, so the sheet prints legibly when fitted to
    /// the page's width: their text wraps instead.
    fn cap(&mut self, caps: &[(usize, usize)]) {
        for &(c, max) in caps {
            if let Some(w) = self.0.get_mut(c) {
                *w = (*w).min(max);
            }
        }
    }

    fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (i, &w) in self.0.iter().enumerate() {
            ws.set_column_width(col(i)?, (w + 2) as f64)?;
        }
        Ok(())
    }

    /// Gives a row the height its wrapped cells need. Spreadsheets do not all grow rows to
    /// fit wrapped text on opening (LibreOffice does not), so the height is set here from
    /// an estimate of the lines each cell wraps to.
    fn fit_row(&self, ws: &mut Worksheet, r: RowNum, cells: &[(usize, &str)]) -> Result<(), XlsxError> {
        let lines = cells
            .iter()
            .map(|&(c, s)| {
                let width = self.0.get(c).copied().unwrap_or(MAX_WIDTH).max(1);
                s.lines()
                    .map(|l| l.chars().count().div_ceil(width).max(1))
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(r, ROW_HEIGHT * lines.min(40) as f64)?;
        }
        Ok(())
    }
}

/// Excel's default row height, in points, for one line of its default font.
const ROW_HEIGHT: f64 = 15.0;

fn col(i: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(i).map_err(|_| XlsxError::ParameterError(format!("column {i} is beyond what a sheet holds")))
}

fn row(i: usize) -> Result<RowNum, XlsxError> {
    RowNum::try_from(i).map_err(|_| XlsxError::ParameterError(format!("row {i} is beyond what a sheet holds")))
}

fn header_row(ws: &mut Worksheet, f: &Formats, header: &[&str]) -> Result<(), XlsxError> {
    for (i, h) in header.iter().enumerate() {
        text(ws, 0, col(i)?, h, &f.header)?;
    }
    Ok(())
}

/// Gives the header row the height its wrapped headings need, once the widths are set.
fn fit_header(ws: &mut Worksheet, widths: &Widths, header: &[&str]) -> Result<(), XlsxError> {
    let cells: Vec<(usize, &str)> = header.iter().copied().enumerate().collect();
    widths.fit_row(ws, 0, &cells)
}

/// Prints on A4 landscape with narrow margins and the header row on every page; `fit_width`
/// fits the sheet to one page wide. Each sheet's columns are capped so that fitting keeps the
/// text at 8 pt or more (checked by printing through LibreOffice in the tests).
fn page_setup(ws: &mut Worksheet, fit_width: bool) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    ws.set_paper_size(A4)
        .set_landscape()
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.25, 0.25)
        .set_repeat_rows(0, 0)?;
    if fit_width {
        ws.set_print_fit_to_pages(1, 0);
    }
    Ok(())
}

/// The whole workbook as the bytes of an .xlsx file, made on `made`.
pub fn workbook(project: &Project, analysis: &Analysis, made: IsoDate) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    ksb_mapping_sheet(wb.add_worksheet().set_name(SHEET_KSB_MAPPING)?, &f, project, analysis)?;
    structure_sheet(wb.add_worksheet().set_name(SHEET_STRUCTURE)?, &f, project, analysis)?;
    matrix_sheet(wb.add_worksheet().set_name(SHEET_MATRIX)?, &f, project, analysis)?;
    findings::findings_sheet(wb.add_worksheet().set_name(SHEET_FINDINGS)?, &f, project, analysis)?;
    findings::assessment_sheet(wb.add_worksheet().set_name(SHEET_ASSESSMENT)?, &f, project, analysis)?;
    review::duty_summary_sheet(wb.add_worksheet().set_name(SHEET_DUTY_SUMMARY)?, &f, project, analysis)?;
    review::comments_sheet(wb.add_worksheet().set_name(SHEET_COMMENTS)?, &f, project)?;
    let hash = crate::review::content_hash(project);
    sign_off::sign_off_sheet(wb.add_worksheet().set_name(SHEET_SIGN_OFF)?, &f, project, &hash, made)?;
    let header = page_header(project, made);
    let footer = page_footer(&hash);
    for ws in wb.worksheets_mut() {
        ws.set_header(header.as_str()).set_footer(footer.as_str());
    }
    wb.save_to_buffer()
}

fn ksb_mapping_sheet(ws: &mut Worksheet, f: &Formats, project: &Project, analysis: &Analysis) -> Result<(), XlsxError> {
    header_row(ws, f, &KSB_SHEET_HEADER)?;
    let mut widths = Widths::new(&KSB_SHEET_HEADER);
    let rows = ksb_rows(project, analysis);
    for cells in &rows {
        for (c, cell) in cells.iter().enumerate() {
            widths.see(c, cell);
        }
    }
    // About 150 characters across: fitted to A4 landscape, text stays above 8 pt.
    widths.0[COL_TEXT] = 38;
    widths.cap(&[(4, 9), (5, 18), (7, 24), (8, 20), (9, 11), (10, 12)]);
    widths.apply(ws)?;
    fit_header(ws, &widths, &KSB_SHEET_HEADER)?;
    // `ksb_rows` skips KSBs its standard no longer has; keep the states in step with the rows.
    let states = analysis.ksbs.iter().filter(|k| project.has_ksb(&k.ksb));
    const WRAPPED: [usize; 7] = [COL_TEXT, 4, 5, 7, 8, 9, 10];
    for (i, (cells, state)) in rows.iter().zip(states).enumerate() {
        let r = row(i + 1)?;
        for (c, cell) in cells.iter().enumerate() {
            let format = match c {
                COL_OVERALL => f.marked(state),
                c if WRAPPED.contains(&c) => &f.wrap,
                _ => &f.plain,
            };
            text(ws, r, col(c)?, cell, format)?;
        }
        let wrapped: Vec<(usize, &str)> = WRAPPED.iter().map(|&c| (c, cells[c].as_str())).collect();
        widths.fit_row(ws, r, &wrapped)?;
    }
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, row(rows.len().max(1))?, col(KSB_SHEET_HEADER.len() - 1)?)?;
    page_setup(ws, true)
}

const STRUCTURE_HEADER: [&str; 9] = [
    "Code",
    "Title",
    "Level",
    "Credits",
    "Status",
    "Option group",
    "Choose",
    "Work-based",
    "Description",
];
/// Totals sit beside the module list, so the sheet still reads back as a module list.
const TOTALS_HEADER: [&str; 4] = [
    "Level totals",
    "Core credits",
    "Optional offered",
    "Credits per student",
];
const TOTALS_COL: usize = STRUCTURE_HEADER.len() + 1;

fn structure_sheet(ws: &mut Worksheet, f: &Formats, project: &Project, analysis: &Analysis) -> Result<(), XlsxError> {
    header_row(ws, f, &STRUCTURE_HEADER)?;
    let mut widths = Widths::new(&STRUCTURE_HEADER);
    for (i, m) in project.modules.iter().enumerate() {
        let r = row(i + 1)?;
        let group = m.group.as_deref().unwrap_or("");
        let choose = m
            .group
            .as_deref()
            .and_then(|g| project.option_group(g))
            .map(|g| g.choose.to_string())
            .unwrap_or_default();
        let cells = [
            m.code.as_str(),
            m.title.as_str(),
            "",
            "",
            m.status.label(),
            group,
            choose.as_str(),
            if m.work_based { "yes" } else { "" },
            m.description.as_str(),
        ];
        for (c, cell) in cells.iter().enumerate() {
            if c == 2 || c == 3 {
                continue;
            }
            text(ws, r, col(c)?, cell, if c == 1 || c == 8 { &f.wrap } else { &f.plain })?;
            widths.see(c, cell);
        }
        ws.write_number_with_format(r, 2, m.level, &f.number)?;
        ws.write_number_with_format(r, 3, m.credits, &f.number)?;
    }
    widths.cap(&[(1, 30), (5, 12), (8, 34)]);
    widths.apply(ws)?;
    for (i, m) in project.modules.iter().enumerate() {
        widths.fit_row(ws, row(i + 1)?, &[(1, &m.title), (8, &m.description)])?;
    }
    fit_header(ws, &widths, &STRUCTURE_HEADER)?;

    for (i, h) in TOTALS_HEADER.iter().enumerate() {
        text(ws, 0, col(TOTALS_COL + i)?, h, &f.header)?;
        // Headings wrap to two lines rather than widen the sheet.
        ws.set_column_width(col(TOTALS_COL + i)?, 11)?;
    }
    ws.set_row_height(0, 2.0 * ROW_HEIGHT)?;
    ws.set_column_width(col(TOTALS_COL - 1)?, 3)?;
    for (i, t) in analysis.level_totals.iter().enumerate() {
        let r = row(i + 1)?;
        let (label, nf) = if t.level == 0 {
            ("All levels".to_string(), &f.bold_number)
        } else {
            (format!("Level {}", t.level), &f.number)
        };
        text(
            ws,
            r,
            col(TOTALS_COL)?,
            &label,
            if t.level == 0 { &f.bold } else { &f.plain },
        )?;
        ws.write_number_with_format(r, col(TOTALS_COL + 1)?, t.core, nf)?;
        ws.write_number_with_format(r, col(TOTALS_COL + 2)?, t.optional_offered, nf)?;
        let (lo, hi) = t.per_student;
        if lo == hi {
            ws.write_number_with_format(r, col(TOTALS_COL + 3)?, lo, nf)?;
        } else {
            text(ws, r, col(TOTALS_COL + 3)?, &format!("{lo} to {hi}"), &f.plain)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    page_setup(ws, true)
}

/// The first row of the matrix that names KSBs: below the row of module titles and the row
/// of module codes.
pub const MATRIX_FIRST_KSB_ROW: usize = 2;

/// KSBs down, modules across, as a provider's mapping spreadsheet is laid out, so the
/// sheet imports back as a matrix. Each mapped cell holds F or P and is coloured. Above the
/// row of module codes, each module's title reads upwards; the importer passes over that row,
/// as it passes over any title above a matrix.
fn matrix_sheet(ws: &mut Worksheet, f: &Formats, project: &Project, analysis: &Analysis) -> Result<(), XlsxError> {
    const TEXT_WIDTH: usize = 48;
    /// Titles longer than this are cut, to keep the title row a sensible height.
    const TITLE_CHARS: usize = 60;
    let codes = row(MATRIX_FIRST_KSB_ROW - 1)?;
    ws.write_blank(0, 0, &f.header)?;
    text(ws, 0, 1, "Module titles", &f.header)?;
    text(ws, codes, 0, "KSB", &f.header)?;
    text(ws, codes, 1, "Text", &f.header)?;
    let mut code_width = 4;
    let mut longest_title = 0;
    for (i, m) in project.modules.iter().enumerate() {
        let c = col(i + 2)?;
        let title = shorten(&m.title, TITLE_CHARS);
        longest_title = longest_title.max(title.chars().count());
        text(ws, 0, c, &title, &f.title)?;
        text(ws, codes, c, &m.code, &f.header)?;
        ws.set_column_width(c, (m.code.chars().count().max(3) + 2) as f64)?;
    }
    // Upright text needs about 6 points a character; a long title wraps to a second line.
    ws.set_row_height(
        0,
        (6.0 * longest_title.min(TITLE_CHARS / 2 + 2) as f64).max(ROW_HEIGHT) + 6.0,
    )?;
    let overall = col(project.modules.len() + 2)?;
    ws.write_blank(0, overall, &f.header)?;
    text(ws, codes, overall, "Overall", &f.header)?;
    ws.set_column_width(overall, 9)?;
    for (i, k) in analysis.ksbs.iter().enumerate() {
        let r = row(i + MATRIX_FIRST_KSB_ROW)?;
        let label = matrix_ksb_label(project, &k.ksb);
        code_width = code_width.max(label.chars().count());
        text(ws, r, 0, &label, &f.bold)?;
        text(ws, r, 1, &shorten(project.ksb_text(&k.ksb), TEXT_WIDTH), &f.plain)?;
        for m in 0..project.modules.len() {
            // Blank cells get a faint border so the grid reads, and stop text spilling over.
            match analysis.matrix.cell(m, i) {
                Some(cell) => text(ws, r, col(m + 2)?, cell.coverage.mark().letter, f.marked(cell.coverage))?,
                None => ws.write_blank(r, col(m + 2)?, &f.blank).map(|_| ())?,
            }
        }
        text(ws, r, overall, k.mark().label, f.marked(k))?;
    }
    ws.set_column_width(0, (code_width + 2) as f64)?;
    ws.set_column_width(1, (TEXT_WIDTH + 2) as f64)?;
    ws.set_freeze_panes(codes + 1, 2)?;
    // A wide matrix prints across pages rather than shrinking past reading.
    page_setup(ws, project.modules.len() <= 30)?;
    ws.set_repeat_rows(0, codes)?;
    ws.set_repeat_columns(0, 1)?;
    Ok(())
}
