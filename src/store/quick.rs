//! Mappings read by hand, as this build writes them: one line each, with the fields a mapping
//! has. Anything else (a field added later, an escape in a string, a comment) gives `None`,
//! and RON reads that mapping instead, so every field serde knows still loads.

use crate::model::{Coverage, KsbRef, Mapping};

use super::layout::{ident_end, skip_plain_ws};

/// A mapping written as this build writes them, or `None` for anything else.
pub(super) fn quick_mapping(s: &str) -> Option<Mapping> {
    let b = s.as_bytes();
    if b.first() != Some(&b'(') {
        return None;
    }
    let mut i = 1;
    let (mut module, mut ksb, mut coverage) = (None, None, None);
    let (mut taught, mut assessed, mut note, mut reason) = (None, None, None, None);
    let (mut review, mut outcomes) = (None, None);
    loop {
        i = skip_plain_ws(b, i);
        if b.get(i) == Some(&b')') {
            i += 1;
            break;
        }
        let end = ident_end(b, i);
        let name = s.get(i..end)?;
        i = skip_plain_ws(b, end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_plain_ws(b, i + 1);
        let fresh = match name {
            "module" => module.replace(quick_string(s, &mut i)?.to_string()).is_none(),
            "ksb" => ksb.replace(quick_string(s, &mut i)?.parse::<KsbRef>().ok()?).is_none(),
            "coverage" => coverage.replace(quick_coverage(s, &mut i)?).is_none(),
            "taught" => taught.replace(quick_bool(s, &mut i)?).is_none(),
            "assessed" => assessed.replace(quick_bool(s, &mut i)?).is_none(),
            "note" => note.replace(quick_string(s, &mut i)?.to_string()).is_none(),
            "workplace_reason" => reason.replace(quick_string(s, &mut i)?.to_string()).is_none(),
            "review" => review.replace(quick_bool(s, &mut i)?).is_none(),
            "outcomes" => outcomes.replace(quick_strings(s, &mut i)?).is_none(),
            _ => return None,
        };
        if !fresh {
            return None;
        }
        i = skip_plain_ws(b, i);
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b')') => {}
            _ => return None,
        }
    }
    if i != b.len() {
        return None;
    }
    let mut m = Mapping::new(module?, ksb?, coverage?);
    m.taught = taught.unwrap_or(true);
    m.assessed = assessed.unwrap_or(false);
    m.note = note.unwrap_or_default();
    m.workplace_reason = reason.unwrap_or_default();
    m.review = review.unwrap_or(false);
    m.outcomes = outcomes.unwrap_or_default();
    Some(m)
}

/// A string with no escapes in it; RON reads the others.
fn quick_string<'a>(s: &'a str, i: &mut usize) -> Option<&'a str> {
    let b = s.as_bytes();
    if b.get(*i) != Some(&b'"') {
        return None;
    }
    let start = *i + 1;
    let len = b.get(start..)?.iter().position(|&c| c == b'"' || c == b'\\')?;
    if b[start + len] != b'"' {
        return None;
    }
    *i = start + len + 1;
    s.get(start..start + len)
}

/// A list of strings with no escapes, as learning outcome codes are written: `["LO1", "LO2"]`.
fn quick_strings(s: &str, i: &mut usize) -> Option<Vec<String>> {
    let b = s.as_bytes();
    if b.get(*i) != Some(&b'[') {
        return None;
    }
    let mut list = Vec::new();
    *i = skip_plain_ws(b, *i + 1);
    loop {
        if b.get(*i) == Some(&b']') {
            *i += 1;
            return Some(list);
        }
        list.push(quick_string(s, i)?.to_string());
        *i = skip_plain_ws(b, *i);
        match b.get(*i) {
            Some(b',') => *i = skip_plain_ws(b, *i + 1),
            Some(b']') => {}
            _ => return None,
        }
    }
}

fn quick_word<'a>(s: &'a str, i: &mut usize) -> &'a str {
    let end = ident_end(s.as_bytes(), *i);
    let word = s.get(*i..end).unwrap_or_default();
    *i = end;
    word
}

fn quick_coverage(s: &str, i: &mut usize) -> Option<Coverage> {
    match quick_word(s, i) {
        "Full" => Some(Coverage::Full),
        "Partial" => Some(Coverage::Partial),
        _ => None,
    }
}

fn quick_bool(s: &str, i: &mut usize) -> Option<bool> {
    match quick_word(s, i) {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_mappings_read_what_is_written_and_nothing_else() {
        let m =
            quick_mapping("(module: \"M1\", ksb: \"ST1/K2\", coverage: Partial, taught: false, note: \"n\")").unwrap();
        assert_eq!(
            (m.module.as_str(), m.ksb.to_string(), m.coverage),
            ("M1", "ST1/K2".into(), Coverage::Partial)
        );
        assert!(!m.taught && !m.assessed);
        assert_eq!(m.note, "n");
        let m =
            quick_mapping("(module: \"M1\", ksb: \"ST1/K2\", coverage: Full, outcomes: [\"LO1\", \"LO3\"])").unwrap();
        assert_eq!(m.outcomes, ["LO1", "LO3"]);
        assert_eq!(
            quick_mapping("(module: \"M1\", ksb: \"ST1/K2\", coverage: Full, outcomes: [])")
                .unwrap()
                .outcomes,
            Vec::<String>::new()
        );
        for other in [
            "(module: \"M1\", ksb: \"ST1/K2\", coverage: Full, outcomes: [\"LO1\" \"LO2\"])",
            "(module: \"M1\", ksb: \"ST1/K2\", coverage: Full, outcomes: [LO1])",
            "(module: \"M1\", ksb: \"ST1/K2\", coverage: Full, outcomes: [\"LO1\",,])",
            "(module: \"M1\", ksb: \"ST1/K2\", coverage: Full, outcomes: [\"LO1\"], outcomes: [])",
            "(module: \"M1\", ksb: \"ST1/K2\", coverage: Full, later: 1)",
            "(module: \"M\\\"1\", ksb: \"ST1/K2\", coverage: Full)",
            "(module: \"M1\", module: \"M2\", ksb: \"ST1/K2\", coverage: Full)",
            "(module: \"M1\", ksb: \"ST1/K2\")",
            "(module: \"M1\", ksb: \"K2\", coverage: Full)",
        ] {
            assert!(quick_mapping(other).is_none(), "{other}");
        }
    }
}
