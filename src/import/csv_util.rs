//! Shared CSV reading: lenient headers and located errors.

use std::path::Path;

use crate::error::InputError;

/// Lower-case letters and digits only, so `Module code`, `module_code` and `ModuleCode` match.
pub fn header_key(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Reads every record, trimming fields and dropping blank rows; each row keeps its 1-based line.
pub fn read_rows(path: &Path, text: &str) -> Result<Vec<(usize, Vec<String>)>, InputError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            InputError::new(path, format!("cannot read this CSV row: {e}"))
                .at_line(line)
                .hint("check the quotes on this line")
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        rows.push((line, fields));
    }
    Ok(rows)
}
