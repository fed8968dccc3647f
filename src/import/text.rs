//! Tidying text pasted from web pages and APIs.

/// Collapses runs of white space (including non-breaking spaces) to one space and trims.
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Unescapes HTML entities (every named and numeric reference HTML defines; unknown ones are
/// left as written), drops tags, and tidies white space. Entities are undone twice, since API
/// texts are sometimes escaped twice (`&amp;amp;`).
pub fn html_to_text(s: &str) -> String {
    let once = html_escape::decode_html_entities(s);
    let stripped = strip_tags(&once);
    tidy(&html_escape::decode_html_entities(&stripped))
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        // Only treat `<` as a tag when it looks like one, so "a < b" survives.
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (is_tag, after.find('>')) {
            (true, Some(end)) => {
                out.push_str(&rest[..start]);
                out.push(' ');
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=start]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidies_web_text() {
        assert_eq!(tidy("  found in\u{a0} the  sector\r\n"), "found in the sector");
        assert_eq!(
            html_to_text("&lt;p&gt;A &amp;amp; B&lt;/p&gt;\r\n&lt;p&gt;&#163;5&lt;/p&gt;"),
            "A & B £5"
        );
        assert_eq!(html_to_text("a < b &unknown; c"), "a < b &unknown; c");
    }

    #[test]
    fn decodes_any_named_entity_and_leaves_broken_ones() {
        assert_eq!(
            html_to_text("caf&eacute;&nbsp;&amp;&nbsp;b&acirc;timent &ndash; &#x1F600; &rsquo;"),
            "café & bâtiment – 😀 ’"
        );
        assert_eq!(html_to_text("&#xD800; &#0; &amp x; &"), "&#xD800; &#0; &amp x; &");
    }
}
