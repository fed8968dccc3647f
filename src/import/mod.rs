//! Reading standards, module lists and mapping matrices from the files people have:
//! IfATE page text and API JSON, and CSV or Excel workbooks.

mod csv_util;
pub mod ifate_api;
pub mod ifate_text;
pub mod matrix;
pub mod module_list;
pub mod table;
pub mod text;

use std::path::Path;

use crate::error::{self, InputError};
use crate::model::Standard;

/// A standard as imported, with anything the importer noticed but could work around.
#[derive(Clone, Debug)]
pub struct Imported {
    pub standard: Standard,
    pub warnings: Vec<String>,
}

/// Reads standards from page text, API JSON or this tool's own RON, telling them apart by content.
pub fn read_standards(path: &Path) -> error::Result<Vec<Imported>> {
    let text = error::read_text(path)?;
    parse_standards(path, &text).map_err(Into::into)
}

pub fn parse_standards(path: &Path, text: &str) -> Result<Vec<Imported>, InputError> {
    let start = text.trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        ifate_api::parse(path, text)
    } else if start.starts_with('(') || start.starts_with("Standard(") {
        let standard = crate::store::parse_ron::<Standard>(path, text)?;
        Ok(vec![Imported {
            standard,
            warnings: Vec::new(),
        }])
    } else {
        ifate_text::parse(path, text).map(|i| vec![i])
    }
}
