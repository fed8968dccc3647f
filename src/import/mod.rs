//! Reading standards, module lists and mapping matrices from the files people have:
//! IfATE page text and API JSON, and CSV or Excel workbooks.

mod csv_util;
pub mod descriptors;
pub mod docx;
pub mod identify;
pub mod ifate_api;
pub mod ifate_text;
pub mod matrix;
pub mod module_list;
mod outcome_numbers;
pub mod table;
pub mod text;
pub mod workbook;
mod xls_scan;

use std::path::Path;

use crate::error::{self, InputError};
use crate::fsio::{Input, InputKind, TableFormat};
use crate::model::Standard;

use module_list::ModuleList;
use table::Table;

/// A standard as imported, with anything the importer noticed but could work around.
#[derive(Clone, Debug)]
pub struct Imported {
    pub standard: Standard,
    pub warnings: Vec<String>,
}

pub use ifate_api::{ApiImport, PassedOver};

/// Reads standards from page text, API JSON or this tool's own RON, telling them apart by content.
pub fn read_standards(path: &Path) -> error::Result<Vec<Imported>> {
    read_standard_list(path).map(|l| l.imported)
}

/// As `read_standards`, with the records of an API list that were passed over and why.
pub fn read_standard_list(path: &Path) -> error::Result<ApiImport> {
    let text = crate::fsio::read_text(path)?;
    parse_standard_list(path, &text).map_err(Into::into)
}

pub fn parse_standards(path: &Path, text: &str) -> Result<Vec<Imported>, InputError> {
    parse_standard_list(path, text).map(|l| l.imported)
}

pub fn parse_standard_list(path: &Path, text: &str) -> Result<ApiImport, InputError> {
    let list = parse_any_standards(path, text)?;
    for i in &list.imported {
        check_text_sizes(path, text, &i.standard)?;
    }
    Ok(list)
}

/// Refuses a standard with a text longer than one field may hold, placed where it starts.
pub fn check_text_sizes(path: &Path, text: &str, s: &Standard) -> Result<(), InputError> {
    let fields = std::iter::once((format!("{}'s title", s.reference), &s.title))
        .chain(
            s.ksbs
                .iter()
                .map(|k| (format!("{} {}'s text", s.reference, k.code), &k.text)),
        )
        .chain(
            s.duties
                .iter()
                .map(|d| (format!("{} duty {}'s text", s.reference, d.code), &d.text)),
        );
    for (what, field) in fields {
        if let Some(problem) = crate::model::oversized_text(&what, field) {
            let e =
                InputError::new(path, problem).hint("check that this is the standard you meant; no KSB is that long");
            let start: String = field.chars().take(40).collect();
            return Err(match crate::store::locate(text, &start, 0) {
                Some((l, c)) => e.at(l, c),
                None => e,
            });
        }
    }
    Ok(())
}

fn parse_any_standards(path: &Path, text: &str) -> Result<ApiImport, InputError> {
    let start = text.trim_start();
    let imported = if start.starts_with('{') || start.starts_with('[') {
        return ifate_api::parse_list(path, text);
    } else if start.starts_with('(') || start.starts_with("Standard(") {
        // A project is RON too; say so rather than "Unexpected field `format_version`".
        if text.contains("format_version:") && text.contains("mappings:") {
            return Err(InputError::new(path, "is an HTQ Mapper project, not a standard").hint(
                "give the standard's own file (IfATE page text, API JSON or a standard's RON), or a catalogue reference such as ST0215@1.2 where the command takes one",
            ));
        }
        let standard = crate::store::parse_ron::<Standard>(path, text)?;
        vec![Imported {
            standard,
            warnings: Vec::new(),
        }]
    } else {
        vec![ifate_text::parse(path, text)?]
    };
    Ok(ApiImport {
        imported,
        passed_over: Vec::new(),
    })
}

/// A table file, read once: a module list, or a mapping matrix to read against a project.
#[derive(Clone, Debug)]
pub enum TableInput {
    Modules(ModuleList),
    Matrix(Table),
}

/// Reads a module list or a matrix, told apart by the header: a module list names code and
/// title columns. From a workbook, each is read from the sheet its name suggests.
pub fn read_table(input: Input) -> error::Result<TableInput> {
    let InputKind::Table(format) = input.kind else {
        return Err(InputError::new(&input.path, "is not a CSV file or a workbook")
            .hint("module lists and mapping matrices are read from .csv, .xlsx, .xls or .ods files")
            .into());
    };
    let path = input.path;
    let first = Table::from_bytes(&path, format, input.bytes.clone(), &module_list::SHEET_NAMES)?;
    if module_list::looks_like(&first) {
        return Ok(TableInput::Modules(module_list::parse_table(&first)?));
    }
    let table = match format {
        TableFormat::Csv => first,
        TableFormat::Spreadsheet => Table::from_bytes(&path, format, input.bytes, &matrix::SHEET_NAMES)?,
    };
    Ok(TableInput::Matrix(table))
}
