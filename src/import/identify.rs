//! Which version of a standard a page shows, told by its KSB content.
//!
//! IfATE pages copied as text do not say their version. Their KSBs do: each known version's
//! KSB statements are matched against the page's, ignoring case and spacing, and
//! the version sharing the most wins. Versions whose duties and KSBs are identical (ST0215 1.1
//! and 1.2 differ only in their assessment plan) cannot be told apart by content: the page's
//! "Date updated" then decides, as the version that had started by that date.

use std::collections::HashMap;

use crate::model::{IsoDate, Standard};

/// The version a page shows, and how sure that is.
#[derive(Clone, Debug, PartialEq)]
pub struct VersionMatch {
    pub reference: String,
    /// The version, such as `1.1`.
    pub version: String,
    /// The page's KSBs whose statement the version has, ignoring case and spacing (each
    /// statement of the version used once).
    pub matched: usize,
    /// The page's KSBs.
    pub page_ksbs: usize,
    /// The version's KSBs.
    pub version_ksbs: usize,
    /// Other versions whose duties and KSBs are the same as this one's, oldest first.
    pub same_content: Vec<String>,
    /// Versions matched equally well by content, so the page's date chose among them.
    pub decided_by_date: bool,
    /// The page's KSBs whose statement the version does not have, as worded.
    pub differing: Vec<crate::model::KsbCode>,
    /// The version's KSBs that the page has neither as worded nor under their code: a page
    /// copied in part lacks them.
    pub missing: Vec<crate::model::KsbCode>,
}

impl VersionMatch {
    /// How close the match is, 0 to 1: shared statements over the larger of the two lists.
    pub fn closeness(&self) -> f64 {
        let n = self.page_ksbs.max(self.version_ksbs);
        if n == 0 { 0.0 } else { self.matched as f64 / n as f64 }
    }

    /// Every KSB of the page is in the version, and the version has no other.
    pub fn exact(&self) -> bool {
        self.matched == self.page_ksbs && self.matched == self.version_ksbs
    }

    /// "version 1.1 (72 of 72 KSBs the same; 1.2 has the same content, so the page's date decides)".
    pub fn describe(&self) -> String {
        let mut s = format!(
            "version {} ({} of {} KSBs the same",
            self.version, self.matched, self.page_ksbs
        );
        if !self.same_content.is_empty() {
            let others = self.same_content.join(" and ");
            let verb = if self.same_content.len() == 1 { "has" } else { "have" };
            s.push_str(&format!("; {others} {verb} the same content"));
        }
        if self.decided_by_date {
            s.push_str(", so the page's date decides");
        }
        s.push(')');
        s
    }
}

/// The statement as compared between a page and a version: lower case, one space between
/// words, typographic quotes and dashes as plain ones. Punctuation stays: "assurance/
/// accreditation" and "assurance, accreditation" are worded differently.
pub fn same_text_key(text: &str) -> String {
    if text.is_ascii() {
        return ascii_key(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '\u{2018}' | '\u{2019}' => out.push('\''),
                '\u{201c}' | '\u{201d}' => out.push('"'),
                '\u{2013}' | '\u{2014}' => out.push('-'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// `same_text_key` of plain ASCII, byte by byte: the same key, made without decoding.
fn ascii_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for &b in text.as_bytes() {
        // The ASCII characters `split_whitespace` splits on.
        if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            gap = !out.is_empty();
        } else {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(char::from(b.to_ascii_lowercase()));
        }
    }
    out
}

/// How many of the page's KSB statements (`page_keys`, their `same_text_key`s) `version`
/// has, each used once.
fn shared(page_keys: &[String], version: &Standard) -> usize {
    in_version(page_keys, version).filter(|&found| found).count()
}

/// For each of the page's statements in turn, whether `version` has it (each of the version's
/// statements used once).
fn in_version<'a>(page_keys: &'a [String], version: &Standard) -> impl Iterator<Item = bool> + 'a {
    let mut pool: HashMap<String, usize> = HashMap::with_capacity(version.ksbs.len());
    for k in &version.ksbs {
        *pool.entry(same_text_key(&k.text)).or_default() += 1;
    }
    page_keys.iter().map(move |k| match pool.get_mut(k.as_str()) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    })
}

/// `1.10` after `1.9`: versions compared number by number.
pub fn version_order(a: &str, b: &str) -> std::cmp::Ordering {
    let nums = |v: &str| -> Vec<u32> { v.split('.').map(|p| p.trim().parse().unwrap_or(0)).collect() };
    nums(a).cmp(&nums(b)).then_with(|| a.cmp(b))
}

/// The version of `page` among `known` (the versions of any standards; those of other
/// references are passed over), or `None` when no known version of it shares a KSB.
pub fn identify_version(page: &Standard, known: &[Standard]) -> Option<VersionMatch> {
    let page_keys: Vec<String> = page.ksbs.iter().map(|k| same_text_key(&k.text)).collect();
    let mut scored: Vec<(&Standard, &str, usize)> = known
        .iter()
        .filter(|v| v.reference == page.reference)
        .filter_map(|v| Some((v, v.version.as_deref().filter(|s| !s.is_empty())?)))
        .map(|(v, name)| (v, name, shared(&page_keys, v)))
        .filter(|&(_, _, n)| n > 0)
        .collect();
    scored.sort_by(|a, b| version_order(a.1, b.1));
    let closeness = |v: &Standard, n: usize| n as f64 / page.ksbs.len().max(v.ksbs.len()).max(1) as f64;
    let best = scored.iter().map(|&(v, _, n)| closeness(v, n)).fold(0.0, f64::max);
    let tied: Vec<&(&Standard, &str, usize)> = scored.iter().filter(|&&(v, _, n)| closeness(v, n) == best).collect();
    let page_date = page.date_updated.as_deref().and_then(IsoDate::parse);
    // Among equals, the latest version that had started by the page's date; without a date
    // (or when none had), the latest of them.
    let dated = page_date.and_then(|d| {
        tied.iter()
            .rev()
            .find(|(v, _, _)| v.earliest_start.is_some_and(|s| s <= d))
            .copied()
    });
    let &&(chosen, version, matched) = dated.as_ref().or(tied.last())?;
    let same_content = tied
        .iter()
        .filter(|(v, name, _)| *name != version && v.same_content(chosen))
        .map(|(_, name, _)| name.to_string())
        .collect();
    Some(VersionMatch {
        reference: page.reference.clone(),
        version: version.to_string(),
        matched,
        page_ksbs: page.ksbs.len(),
        version_ksbs: chosen.ksbs.len(),
        same_content,
        decided_by_date: tied.len() > 1 && dated.is_some(),
        differing: page
            .ksbs
            .iter()
            .zip(in_version(&page_keys, chosen))
            .filter(|(_, found)| !found)
            .map(|(k, _)| k.code)
            .collect(),
        missing: chosen
            .ksbs
            .iter()
            .zip(in_version(&version_keys(chosen), page))
            .filter(|(k, found)| !found && !page.ksbs.iter().any(|p| p.code == k.code))
            .map(|(k, _)| k.code)
            .collect(),
    })
}

fn version_keys(version: &Standard) -> Vec<String> {
    version.ksbs.iter().map(|k| same_text_key(&k.text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_ignores_case_spacing_and_typographic_quotes_only() {
        assert_eq!(
            same_text_key("Standard  Operating ‘Procedures’"),
            same_text_key("standard operating 'procedures'")
        );
        for text in ["  Two\twords \r\n here\u{b} ", "UPPER lower", "", " ", "a\u{c}b"] {
            assert_eq!(ascii_key(text), slow_key(text), "{text:?}");
        }
        assert_ne!(
            same_text_key("assurance/accreditation"),
            same_text_key("assurance, accreditation")
        );
    }

    /// `same_text_key` as it reads a text that is not ASCII.
    fn slow_key(text: &str) -> String {
        let with_marker = format!("{text}\u{e9}");
        let key = same_text_key(&with_marker);
        key.strip_suffix('\u{e9}').unwrap_or(&key).trim_end().to_string()
    }

    #[test]
    fn versions_order_by_number() {
        assert!(version_order("1.9", "1.10").is_lt());
        assert!(version_order("2.0", "1.10").is_gt());
    }
}
