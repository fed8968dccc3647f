//! The project file's layout, read and written without making RON do all the work.
//!
//! Format 3 writes each mapping on one line, `(module: "M1", ksb: "ST0215/K5", coverage: Full)`,
//! leaving out `taught: true`, `assessed: false` and empty text, so a 7,000-mapping programme
//! is about a third of the size it was and `git diff` still shows one changed mapping as one
//! changed line.
//!
//! Loading walks the top level of the file with a small scanner that only finds where each
//! field's value starts and ends. The mappings are then read by a hand-written parser that knows
//! the fields a mapping had when it was written; a mapping with anything else in it (a field
//! added later, an escape in a string, a comment) is handed to RON on its own, so every field
//! serde knows still loads, and errors still name the line and column in the file. Everything
//! but the mappings goes through RON as before. When the scanner is unsure of anything, the
//! caller parses the whole file with RON instead.

use std::ops::Range;
use std::path::Path;

use crate::error::InputError;
use crate::model::{Mapping, Mappings, Project};

use super::quick::quick_mapping;
use super::ron_io::{parse_ron, to_ron};
use super::seen::SeenStandards;

/// The top-level fields of a project file: each name and the byte range of its value.
pub struct TopLevel<'a> {
    fields: Vec<(&'a str, Range<usize>)>,
}

impl<'a> TopLevel<'a> {
    /// Finds the top-level fields, or `None` when the text is not a plain RON struct this
    /// scanner understands (then RON itself reads it and reports any error).
    pub fn scan(text: &'a str) -> Option<Self> {
        let b = text.as_bytes();
        let mut i = skip_ws(b, 0)?;
        // An optional struct name, as in `Project(...)`.
        let name_end = ident_end(b, i);
        i = skip_ws(b, name_end)?;
        if b.get(i) != Some(&b'(') {
            return None;
        }
        i += 1;
        let mut fields = Vec::new();
        loop {
            i = skip_ws(b, i)?;
            if b.get(i) == Some(&b')') {
                i += 1;
                break;
            }
            let end = ident_end(b, i);
            if end == i {
                return None;
            }
            let name = text.get(i..end)?;
            i = skip_ws(b, end)?;
            if b.get(i) != Some(&b':') {
                return None;
            }
            let start = skip_ws(b, i + 1)?;
            let value_end = value_end(b, start)?;
            if fields.iter().any(|(n, _)| *n == name) {
                return None;
            }
            fields.push((name, start..value_end));
            i = skip_ws(b, value_end)?;
            match b.get(i) {
                Some(b',') => i += 1,
                Some(b')') => {}
                _ => return None,
            }
        }
        (skip_ws(b, i)? == b.len()).then_some(Self { fields })
    }

    fn field(&self, name: &str) -> Option<Range<usize>> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, r)| r.clone())
    }

    /// The `format_version`, when it is a plain number.
    pub fn format_version(&self, text: &str) -> Option<u32> {
        text.get(self.field("format_version")?)?.parse().ok()
    }
}

/// Parses a format 2 or 3 project whose top level `scan` read: the mappings by hand, the
/// rest by RON with the mappings' text taken out (line numbers kept, for its errors). With
/// `seen`, standards whose exact text was read before are cloned rather than read again.
pub fn parse_fast(
    path: &Path,
    text: &str,
    top: &TopLevel,
    seen: Option<&SeenStandards>,
) -> Result<Project, InputError> {
    let mappings = top.field("mappings");
    let standards_span = top.field("standards").filter(|_| seen.is_some());
    let known = seen
        .zip(standards_span.clone())
        .and_then(|(seen, span)| seen.get(text.get(span)?));
    let mut cut: Vec<Range<usize>> = mappings.iter().cloned().collect();
    if known.is_some() {
        cut.extend(standards_span.clone());
    }
    cut.sort_by_key(|r| r.start);
    let mut project: Project = parse_ron(path, &without(text, &cut))?;
    if let Some(span) = mappings {
        project.mappings = parse_mappings(path, text, span)?;
    }
    match (known, seen, standards_span) {
        (Some(standards), _, _) => project.standards = standards,
        (None, Some(seen), Some(span)) => {
            if let Some(t) = text.get(span) {
                seen.put(t, &project.standards);
            }
        }
        _ => {}
    }
    Ok(project)
}

/// `text` with each value in `cut` (in order, not overlapping) made an empty list, keeping
/// its line breaks so RON's errors still name the right line.
fn without(text: &str, cut: &[Range<usize>]) -> String {
    let removed: usize = cut.iter().map(ExactSizeIterator::len).sum();
    let mut rest = String::with_capacity(text.len() - removed.min(text.len()) + cut.len() * 2);
    let mut from = 0;
    for span in cut {
        let (Some(before), Some(value)) = (text.get(from..span.start), text.get(span.clone())) else {
            continue;
        };
        rest.push_str(before);
        rest.push_str("[]");
        rest.extend(std::iter::repeat_n('\n', value.bytes().filter(|&c| c == b'\n').count()));
        from = span.end;
    }
    rest.push_str(text.get(from..).unwrap_or_default());
    rest
}

/// The mappings list at `span` in `text`, one element at a time.
fn parse_mappings(path: &Path, text: &str, span: Range<usize>) -> Result<Mappings, InputError> {
    let b = text.as_bytes();
    let whole = |_| parse_ron_at::<Mappings>(path, text, span.clone());
    let mut seen = std::collections::HashMap::with_capacity(span.len() / 48);
    if b.get(span.start) != Some(&b'[') {
        return whole(());
    }
    let mut list = Vec::with_capacity(span.len() / 48);
    let mut i = span.start + 1;
    loop {
        let Some(at) = skip_ws(b, i) else {
            return whole(());
        };
        i = at;
        if b.get(i) == Some(&b']') {
            break;
        }
        let Some(end) = value_end(b, i) else {
            return whole(());
        };
        let one = &text[i..end];
        let m = match quick_mapping(one) {
            Some(m) => m,
            None => parse_ron_at::<Mapping>(path, text, i..end)?,
        };
        if let Some(first) = seen.insert((m.module.clone(), m.ksb.clone()), i) {
            // Placed only when found, so a clean file costs no line counting.
            let (line, column) = crate::fsio::line_column(&b[..i]);
            let first = crate::fsio::line_column(&b[..first]).0;
            return Err(InputError::new(
                path,
                format!("{} (first on line {first})", crate::model::repeat_message(&m)),
            )
            .at(line, column)
            .hint("delete one of the two lines, keeping the coverage you mean"));
        }
        list.push(m);
        let Some(at) = skip_ws(b, end) else {
            return whole(());
        };
        i = at;
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b']') => {}
            _ => return whole(()),
        }
    }
    if i + 1 != span.end {
        return whole(());
    }
    Ok(Mappings::from(list))
}

/// Parses `text[range]` with RON, placing any error where it is in the whole text.
fn parse_ron_at<T: serde::de::DeserializeOwned>(path: &Path, text: &str, range: Range<usize>) -> Result<T, InputError> {
    let part = text.get(range.clone()).unwrap_or_default();
    super::ron_io::parse_ron_part(path, part, range.end >= text.len()).map_err(|mut e| {
        let (line, column) = crate::fsio::line_column(text.as_bytes().get(..range.start).unwrap_or_default());
        if let Some(l) = e.line {
            if l <= 1 {
                e.column = e.column.map(|c| c + column - 1);
            }
            e.line = Some(l + line - 1);
        }
        e
    })
}

pub(super) fn skip_plain_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

pub(super) fn ident_end(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_') {
        i += 1;
    }
    i
}

/// Skips whitespace and comments; `None` for a comment that never ends.
fn skip_ws(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        i = skip_plain_ws(b, i);
        match (b.get(i), b.get(i + 1)) {
            (Some(b'/'), Some(b'/')) => {
                i = b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| i + n);
            }
            (Some(b'/'), Some(b'*')) => {
                // RON's block comments nest.
                let mut depth = 0usize;
                loop {
                    match (b.get(i), b.get(i + 1)) {
                        (Some(b'/'), Some(b'*')) => {
                            depth += 1;
                            i += 2;
                        }
                        (Some(b'*'), Some(b'/')) => {
                            depth -= 1;
                            i += 2;
                            if depth == 0 {
                                break;
                            }
                        }
                        (Some(_), _) => i += 1,
                        (None, _) => return None,
                    }
                }
            }
            _ => return Some(i),
        }
    }
}

/// Where the value starting at `i` ends: past its closing bracket for a list, struct or map,
/// past the closing quote for a string, else at the next `,` or closing bracket. `None` for
/// anything this scanner does not follow (raw strings, characters, unbalanced brackets).
fn value_end(b: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => i = string_end(b, i)?,
            b'\'' => return None,
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) && (i == start || !is_ident(b[i - 1])) => {
                return None;
            }
            b'/' if matches!(b.get(i + 1), Some(b'/' | b'*')) => i = skip_ws(b, i)?,
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return Some(trim_end(b, start, i));
                }
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b',' if depth == 0 => return Some(trim_end(b, start, i)),
            _ => {
                i += 1;
                while b.get(i).is_some_and(|&c| PLAIN[usize::from(c)]) {
                    i += 1;
                }
            }
        }
    }
    (depth == 0).then(|| trim_end(b, start, i))
}

/// Bytes `value_end` passes over without a second look: none opens or closes anything.
const PLAIN: [bool; 256] = {
    let mut plain = [true; 256];
    let special = b"\"'r/([{)]},";
    let mut k = 0;
    while k < special.len() {
        plain[special[k] as usize] = false;
        k += 1;
    }
    plain
};

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn trim_end(b: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && b[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

/// Past the closing quote of the string opening at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        // Most of a project is text inside strings: jump to the next quote or escape.
        j += memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
        match b.get(j)? {
            b'"' => return Some(j + 1),
            _ => j += 2,
        }
    }
}

/// The project as format 3 writes it: RON's layout for everything, but one line per mapping.
pub fn write(project: &Project) -> Result<String, ron::Error> {
    let skeleton = Project {
        format_version: crate::model::FORMAT_VERSION,
        programme: project.programme.clone(),
        modules: project.modules.clone(),
        option_groups: project.option_groups.clone(),
        mappings: Mappings::new(),
        standards: project.standards.clone(),
        dismissed: project.dismissed.clone(),
        migrations: project.migrations.clone(),
        comments: project.comments.clone(),
        duty_reviews: project.duty_reviews.clone(),
        sign_offs: project.sign_offs.clone(),
        change_log: project.change_log.clone(),
        merge_conflicts: project.merge_conflicts.clone(),
        copy_base: project.copy_base.clone(),
    };
    let text = to_ron(&skeleton)?;
    const EMPTY: &str = "\n    mappings: [],\n";
    let Some(at) = text.find(EMPTY) else {
        return Err(ron::Error::Message(
            "the project's mappings are not where they belong".into(),
        ));
    };
    let one_line = ron::ser::PrettyConfig::new()
        .compact_structs(true)
        .compact_arrays(true)
        .compact_maps(true)
        .new_line("\n");
    let mut out = String::with_capacity(text.len() + project.mappings.len() * 64);
    out.push_str(&text[..at]);
    if project.mappings.is_empty() {
        out.push_str(EMPTY);
    } else {
        out.push_str("\n    mappings: [\n");
        for m in &project.mappings {
            out.push_str("        ");
            out.push_str(&ron::ser::to_string_pretty(m, one_line.clone())?);
            out.push_str(",\n");
        }
        out.push_str("    ],\n");
    }
    out.push_str(&text[at + EMPTY.len()..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scanner_finds_top_level_fields() {
        let text =
            "// c\n(\n  format_version: 3, /* a (nested /* one */) */ a: [\"]\", (b: \")\")],\n  c: Some(\"x\"),\n)\n";
        let top = TopLevel::scan(text).unwrap();
        assert_eq!(top.format_version(text), Some(3));
        assert_eq!(&text[top.field("a").unwrap()], "[\"]\", (b: \")\")]");
        assert_eq!(&text[top.field("c").unwrap()], "Some(\"x\")");
        for odd in [
            "(a: 'x')",
            "(a: r\"x\")",
            "(a: [)",
            "(a: 1) x",
            "(a: 1, a: 2)",
            "#![enable(x)] (a: 1)",
        ] {
            assert!(TopLevel::scan(odd).is_none(), "{odd}");
        }
    }
}
