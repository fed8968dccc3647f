//! Small text helpers shared by the analysis, the reports and the app.

use std::borrow::Cow;

/// Text fit for a report: NULs, other control characters (line breaks and tabs aside) and
/// the bidirectional overrides that can make a file's text read other than it is, removed.
pub fn printable(text: &str) -> Cow<'_, str> {
    let unwanted = |c: char| {
        (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if text.contains(unwanted) {
        Cow::Owned(text.chars().filter(|&c| !unwanted(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Cuts text to about `max` characters at a word boundary, with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    // One pass to the cut, not a count of the whole text and a copy of its start.
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let cut = text.get(..end).unwrap_or(text);
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut.get(..i).unwrap_or(cut),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// A count and its noun, singular or plural: `1 module`, `2 modules`, `0 modules`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod printable_tests {
    use super::printable;

    #[test]
    fn controls_and_bidi_overrides_go_line_breaks_stay() {
        assert_eq!(
            printable("Care\0 plan\u{7}\r\nline 2\tend\u{202E}txt"),
            "Care plan\nline 2\tend".to_string() + "txt"
        );
        assert!(matches!(printable("plain é text"), std::borrow::Cow::Borrowed(_)));
    }
}

#[cfg(test)]
mod counted_tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::counted(1, "module", "modules"), "1 module");
        assert_eq!(super::counted(0, "module", "modules"), "0 modules");
        assert_eq!(super::counted(2, "duty", "duties"), "2 duties");
    }
}
