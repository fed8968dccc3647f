//! RON in and out, with errors that point at the line and column.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::InputError;

/// Parses RON, turning serde's complaint into a located message with a hint.
pub fn parse_ron<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, InputError> {
    parse_ron_part(path, text, true)
}

/// [`parse_ron`] of a part of a file; `ends_file` says whether the file ends where it does
/// (only then can an error at its end mean the file was cut short).
pub fn parse_ron_part<T: DeserializeOwned>(path: &Path, text: &str, ends_file: bool) -> Result<T, InputError> {
    ron::Options::default().from_str(text).map_err(|e| {
        let message = plain_names(&e.code.to_string());
        let hint = match &e.code {
            ron::Error::NoSuchStructField { .. } => {
                "remove this field or correct its spelling; it may come from a newer version of HTQ Mapper"
            }
            ron::Error::MissingStructField { .. } => "add the missing field",
            ron::Error::Eof => "the file ends too early; it may have been cut short while copying",
            ron::Error::ExceededRecursionLimit => {
                "the file is nested far deeper than any project; it is not a project file"
            }
            _ => "correct the file at this place, or open it in HTQ Mapper from a backup",
        };
        // An error where the text stops usually means a file cut short, whatever the parser expected.
        let at_end = ends_file && e.span.start.line >= text.lines().count().max(1) && !text.ends_with('\n');
        let hint = if at_end {
            "the file ends too early; it may have been cut short while copying or saving"
        } else {
            hint
        };
        InputError::new(path, message)
            .at(e.span.start.line, e.span.start.col)
            .hint(hint)
    })
}

/// The parser names the program's own types ("Expected struct `Header`"): a reader of the
/// file knows them by what they are.
fn plain_names(message: &str) -> String {
    const NAMES: [(&str, &str); 8] = [
        ("struct `Header`", "an HTQ Mapper project"),
        ("struct `Project`", "an HTQ Mapper project"),
        (
            "struct `DutyRef`",
            "a duty, written (standard: \"ST0215\", code: \"D7\")",
        ),
        ("struct `Mapping`", "a mapping"),
        ("struct `Module`", "a module"),
        ("struct `Standard`", "a standard"),
        ("struct `Thread`", "a comment thread"),
        ("struct `Programme`", "the programme's details"),
    ];
    NAMES
        .iter()
        .fold(message.to_string(), |m, (internal, plain)| m.replace(internal, plain))
}

/// Pretty RON with a fixed layout, so equal data always gives equal bytes.
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .separate_tuple_members(false);
    let mut out = ron::ser::to_string_pretty(value, config)?;
    out.push('\n');
    Ok(out)
}

/// 1-based line and column of the `nth` (0-based) occurrence of `needle`, for errors found after parsing.
pub fn locate(text: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    let (offset, _) = text.match_indices(needle).nth(nth)?;
    Some(crate::fsio::line_column(&text.as_bytes()[..offset]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_what_the_file_holds_not_the_programs_types() {
        let Err(e) = parse_ron::<crate::store::Header>(Path::new("g.ron"), "garbage") else {
            panic!("garbage parsed");
        };
        assert!(e.message.contains("an HTQ Mapper project"), "{}", e.message);
        assert!(!e.message.contains("Header"), "{}", e.message);
        let e = parse_ron::<crate::model::DutyRef>(Path::new("d.ron"), "\"ST0215/D7\"").unwrap_err();
        assert!(e.message.contains("a duty, written (standard:"), "{}", e.message);
    }
}
