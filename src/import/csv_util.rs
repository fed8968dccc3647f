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
    // The csv crate reads an unclosed quote to the end of the file as one field, which then
    // shows up as a strange value far away; say what it is, where it opens.
    if let Some((line, column)) = unclosed_quote(text) {
        return Err(InputError::new(path, "a quoted field opens here and is never closed")
            .at(line, column)
            .hint("add the closing \" to this field, or remove the opening one"));
    }
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

/// Where a quoted field opens that no quote closes, as CSV reads quotes: only a quote that
/// starts a field opens one, and inside it `""` is a quote character.
fn unclosed_quote(text: &str) -> Option<(usize, usize)> {
    let (mut line, mut column) = (1, 0);
    let mut open: Option<(usize, usize)> = None;
    let mut field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        match (open.is_some(), c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                column += 1;
            }
            (true, '"') => open = None,
            (false, '"') if field_start => open = Some((line, column)),
            (false, ',') => field_start = true,
            (_, '\n') => {
                (line, column) = (line + 1, 0);
                field_start = open.is_none();
            }
            (false, c) if c.is_whitespace() => {}
            (false, _) => field_start = false,
            (true, _) => {}
        }
    }
    open
}

#[cfg(test)]
mod quote_tests {
    use super::unclosed_quote;

    #[test]
    fn unclosed_quotes_are_found_where_they_open() {
        assert_eq!(unclosed_quote("a,b\nA2,\"Unclosed,4\nx,y\n"), Some((2, 4)));
        assert_eq!(unclosed_quote("a,\"closed \"\"quoted\"\" text\",c\n"), None);
        assert_eq!(unclosed_quote("a,\"two\nlines\",c\n"), None);
        assert_eq!(
            unclosed_quote("size,12\" ruler\n"),
            None,
            "a quote inside a field opens nothing"
        );
    }
}
