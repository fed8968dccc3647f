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

/// Up to ten items as "K1, K2 and K3", or "K1, … K10 and 4 more"; empty for none.
pub fn list_and<T: ToString>(items: &[T]) -> String {
    let named: Vec<String> = items.iter().take(10).map(ToString::to_string).collect();
    let more = items.len().saturating_sub(named.len());
    match (named.as_slice(), more) {
        ([], _) => String::new(),
        ([one], _) => one.clone(),
        ([rest @ .., last], 0) => format!("{} and {last}", rest.join(", ")),
        _ => format!("{} and {more} more", named.join(", ")),
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
mod list_and_tests {
    #[test]
    fn lists_join_with_and_and_stop_at_ten() {
        assert_eq!(super::list_and::<&str>(&[]), "");
        assert_eq!(super::list_and(&["B1"]), "B1");
        assert_eq!(super::list_and(&["B1", "B2", "B3"]), "B1, B2 and B3");
        let many: Vec<String> = (1..=13).map(|i| format!("K{i}")).collect();
        assert_eq!(
            super::list_and(&many),
            "K1, K2, K3, K4, K5, K6, K7, K8, K9, K10 and 3 more"
        );
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
