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
/// Fields are split on commas, or on semicolons or tabs where the header row uses those.
pub fn read_rows(path: &Path, text: &str) -> Result<Vec<(usize, Vec<String>)>, InputError> {
    // The csv crate reads an unclosed quote to the end of the file as one field, which then
    // shows up as a strange value far away; say what it is, where it opens.
    if let Some((line, column)) = unclosed_quote(text) {
        return Err(InputError::new(path, "a quoted field opens here and is never closed")
            .at(line, column)
            .hint("add the closing \" to this field, or remove the opening one"));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The csv crate counts only `\n` as a line (BurntSushi/rust-csv#395), so Excel's CRLF
    // would put every row one line early and a CR-only file on line 1; lines are counted
    // here from the bytes instead, once through the text.
    let mut lines = LineCounter::new(text.as_bytes());
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| lines.record_line(p.byte() as usize));
            InputError::new(path, format!("cannot read this CSV row: {e}"))
                .at_line(line)
                .hint("check the quotes on this line")
        })?;
        let line = record.position().map_or(0, |p| lines.record_line(p.byte() as usize));
        let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        rows.push((line, fields));
    }
    Ok(rows)
}

/// The field separator: `,`, or `;` or a tab where the first line has no comma but has one
/// of those (Excel in many European locales saves "CSV" with semicolons).
fn delimiter(text: &str) -> u8 {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    if first.contains(',') {
        b','
    } else if first.contains(';') {
        b';'
    } else if first.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// 1-based line numbers of byte offsets, asked for in increasing order: `\r\n`, `\n` and a
/// lone `\r` each end a line, as in the files Excel and old Mac programs write.
pub struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0, line: 1 }
    }

    /// The line a record starting at `byte` is on: the csv crate places a record after blank
    /// lines at the first of them, so line ends there are passed over first.
    pub fn record_line(&mut self, byte: usize) -> usize {
        let skipped = self
            .bytes
            .get(byte..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        self.line_at(byte + skipped)
    }

    /// The line `byte` is on (an offset before the last one asked gives that one's line).
    pub fn line_at(&mut self, byte: usize) -> usize {
        let end = byte.min(self.bytes.len());
        while self.at < end {
            match self.bytes.get(self.at) {
                Some(b'\n') => self.line += 1,
                Some(b'\r') if self.bytes.get(self.at + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            self.at += 1;
        }
        self.line
    }
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
        // A CR ends a line unless an LF follows, which then ends it.
        let c = match c {
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\r' => '\n',
            c => c,
        };
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
    use super::{read_rows, unclosed_quote};

    #[test]
    fn rows_keep_their_true_lines_whatever_ends_them() {
        for text in ["a,b\n\nc,d\ne,f\n", "a,b\r\n\r\nc,d\r\ne,f\r\n", "a,b\r\rc,d\re,f\r"] {
            let rows = read_rows(std::path::Path::new("m.csv"), text).unwrap();
            let lines: Vec<usize> = rows.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, [1, 3, 4], "{text:?}");
        }
        // A quoted field over two lines puts the next row on the line after.
        let rows = read_rows(std::path::Path::new("m.csv"), "a,\"x\r\ny\"\r\nc,d\r\n").unwrap();
        assert_eq!(rows[1].0, 3);
    }

    #[test]
    fn unclosed_quotes_are_found_where_they_open() {
        assert_eq!(unclosed_quote("a,b\nA2,\"Unclosed,4\nx,y\n"), Some((2, 4)));
        assert_eq!(unclosed_quote("a,b\r\nA2,\"Unclosed,4\r\nx,y\r\n"), Some((2, 4)));
        assert_eq!(unclosed_quote("a,b\rA2,\"Unclosed,4\rx,y\r"), Some((2, 4)));
        assert_eq!(unclosed_quote("a,\"closed \"\"quoted\"\" text\",c\n"), None);
        assert_eq!(unclosed_quote("a,\"two\nlines\",c\n"), None);
        assert_eq!(
            unclosed_quote("size,12\" ruler\n"),
            None,
            "a quote inside a field opens nothing"
        );
    }
}
