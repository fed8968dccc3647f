//! Finding standards in the catalogue by reference, title, route, level and KSB text.

use std::sync::OnceLock;

use super::{CatalogueEntry, entries};

/// What a listing or a search asks for; empty fields ask for nothing.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Words that must all appear in the reference, title or route (or, with `ksb_text`,
    /// in a duty or KSB of the standard), in any case.
    pub text: String,
    pub level: Option<u8>,
    /// Part of the route's name, in any case.
    pub route: String,
    /// Also look for the words in the standards' duties and KSBs (parses them all once).
    pub ksb_text: bool,
}

/// How an entry matched a search, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    Reference,
    Title,
    Route,
    KsbText,
}

impl Filter {
    /// A filter from what someone typed: `L5`, `level 5` or `level5` among the words ask for
    /// that level; the other words are searched for.
    pub fn from_query(query: &str) -> Filter {
        let mut level = None;
        let mut words: Vec<&str> = Vec::new();
        let mut tokens = query.split_whitespace().peekable();
        while let Some(w) = tokens.next() {
            let lower = w.to_ascii_lowercase();
            let digits = lower
                .strip_prefix("level")
                .or_else(|| lower.strip_prefix('l'))
                .filter(|d| d.len() == 1);
            if let Some(l) = digits
                .and_then(|d| d.parse::<u8>().ok())
                .filter(|l| (2..=7).contains(l))
            {
                level = Some(l);
                continue;
            }
            if lower == "level"
                && let Some(l) = tokens
                    .peek()
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|l| (2..=7).contains(l))
            {
                level = Some(l);
                tokens.next();
                continue;
            }
            words.push(w);
        }
        Filter {
            text: words.join(" "),
            level,
            ..Filter::default()
        }
    }
}

/// The query with any level in it (`L4`, `level 5`) taken out, the rest as typed.
pub fn without_level(query: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut tokens = query.split_whitespace().peekable();
    while let Some(w) = tokens.next() {
        if Filter::from_query(w).level.is_some() {
            continue;
        }
        if w.eq_ignore_ascii_case("level")
            && let Some(next) = tokens.peek()
            && Filter::from_query(&format!("level {next}")).level.is_some()
        {
            tokens.next();
            continue;
        }
        kept.push(w);
    }
    kept.join(" ")
}

/// Whether `e` passes the filter, and how.
pub fn matches_entry(e: &CatalogueEntry, index: usize, f: &Filter) -> Option<Match> {
    if f.level.is_some_and(|l| l != e.level) {
        return None;
    }
    if !f.route.trim().is_empty() && !contains(&e.route, f.route.trim()) {
        return None;
    }
    let words: Vec<String> = f.text.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Some(Match::Reference);
    }
    let reference = e.reference.to_lowercase();
    if words.len() == 1 && reference.starts_with(&words[0]) {
        return Some(Match::Reference);
    }
    let head = format!("{} {} {} {}", reference, e.version, e.title, e.route).to_lowercase();
    if words.iter().all(|w| head.contains(w.as_str())) {
        let title = e.title.to_lowercase();
        return Some(if words.iter().all(|w| title.contains(w.as_str())) {
            Match::Title
        } else {
            Match::Route
        });
    }
    if f.ksb_text {
        let body = ksb_texts().get(index)?;
        if words
            .iter()
            .all(|w| body.contains(w.as_str()) || head.contains(w.as_str()))
        {
            return Some(Match::KsbText);
        }
    }
    None
}

/// Why an entry matched a search, to say beside it: the part of the standard that holds the
/// words, and for a duty or KSB its code and its text around the first word, quoted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Why {
    pub how: Match,
    /// `K12` or `D3` for a match in a KSB's or duty's text.
    pub code: String,
    /// The matched text as the standard gives it: the title, the route, or the KSB's text
    /// (cut to about 90 characters around the first word found).
    pub quote: String,
}

impl Why {
    /// `in the title: "…"`, `in the route: "…"`, `in K12's text: "…"`.
    pub fn text(&self) -> String {
        match self.how {
            Match::Reference => "in the reference".into(),
            Match::Title => format!("in the title: \u{201c}{}\u{201d}", self.quote),
            Match::Route => format!("in the route: \u{201c}{}\u{201d}", self.quote),
            Match::KsbText => format!("in {}'s text: \u{201c}{}\u{201d}", self.code, self.quote),
        }
    }
}

/// Why `e` matched the words of `f` as `how` says: for a match in the duties and KSBs, the
/// duty or KSB whose text holds the most of the words not in the title or route.
pub fn why(e: &CatalogueEntry, f: &Filter, how: Match) -> Why {
    let words: Vec<String> = f.text.split_whitespace().map(str::to_lowercase).collect();
    let plain = |how, quote: &str| Why {
        how,
        code: String::new(),
        quote: quote.to_string(),
    };
    match how {
        Match::Reference => plain(how, &e.reference),
        Match::Title => plain(how, &e.title),
        Match::Route => plain(how, &e.route),
        Match::KsbText => {
            let head = format!("{} {} {}", e.reference, e.title, e.route).to_lowercase();
            let wanted: Vec<&str> = words.iter().map(String::as_str).filter(|w| !head.contains(w)).collect();
            let Some(s) = e.load() else {
                return plain(how, "");
            };
            let texts = s
                .ksbs
                .iter()
                .map(|k| (k.code.to_string(), k.text.as_str()))
                .chain(s.duties.iter().map(|d| (d.code.clone(), d.text.as_str())));
            let best = texts
                .map(|(code, text)| {
                    let lower = text.to_lowercase();
                    (wanted.iter().filter(|w| lower.contains(**w)).count(), code, text)
                })
                .filter(|(n, ..)| *n > 0)
                .max_by_key(|(n, ..)| *n);
            match best {
                Some((_, code, text)) => Why {
                    how,
                    code,
                    quote: around(text, wanted.first().copied().unwrap_or(""), 90),
                },
                None => plain(how, ""),
            }
        }
    }
}

/// About `max` characters of `text` around the first place `word` (lower case) appears.
fn around(text: &str, word: &str, max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return text.to_string();
    }
    let lower: Vec<char> = text.to_lowercase().chars().collect();
    let needle: Vec<char> = word.chars().collect();
    // Lower-casing keeps the length of all but a few letters; where it does not, start at 0.
    let at = if lower.len() == chars.len() && !needle.is_empty() {
        lower
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
            .unwrap_or(0)
    } else {
        0
    };
    let start = at.saturating_sub(max / 3);
    let end = (start + max).min(chars.len());
    let start = end.saturating_sub(max);
    let mut out: String = chars.get(start..end).map(|c| c.iter().collect()).unwrap_or_default();
    if start > 0 {
        out = format!("…{}", out.trim_start());
    }
    if end < chars.len() {
        out = format!("{}…", out.trim_end());
    }
    out
}

/// The entries passing the filter with their index in [`entries`], best matches first, in
/// catalogue order within each.
pub fn search(f: &Filter) -> Vec<(usize, Match)> {
    let mut out: Vec<(usize, Match)> = entries()
        .iter()
        .enumerate()
        .filter_map(|(i, e)| matches_entry(e, i, f).map(|m| (i, m)))
        .collect();
    out.sort_by_key(|&(i, m)| (m, i));
    out
}

/// The duty and KSB texts of each entry, lower-cased, in [`entries`] order: built once, on
/// the first search of KSB text.
pub fn ksb_texts() -> &'static [String] {
    TEXTS.get_or_init(|| {
        entries()
            .iter()
            .map(|e| {
                let Some(s) = e.load() else {
                    return String::new();
                };
                let mut body = String::new();
                for d in &s.duties {
                    body.push_str(&d.text.to_lowercase());
                    body.push('\n');
                }
                for k in &s.ksbs {
                    body.push_str(&k.text.to_lowercase());
                    body.push('\n');
                }
                body
            })
            .collect()
    })
}

static TEXTS: OnceLock<Vec<String>> = OnceLock::new();

/// Whether the KSB texts are built yet (the app builds them on a thread, so that typing
/// never waits for them).
pub fn ksb_texts_ready() -> bool {
    TEXTS.get().is_some()
}

fn contains(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_read_from_the_query() {
        let f = Filter::from_query("nursing L5");
        assert_eq!((f.text.as_str(), f.level), ("nursing", Some(5)));
        let f = Filter::from_query("Level 4 digital");
        assert_eq!((f.text.as_str(), f.level), ("digital", Some(4)));
        let f = Filter::from_query("level4");
        assert_eq!((f.text.as_str(), f.level), ("", Some(4)));
        // Not a level: kept as words.
        let f = Filter::from_query("l10 lab level");
        assert_eq!((f.text.as_str(), f.level), ("l10 lab level", None));
    }

    #[test]
    fn searches_reference_title_route_then_ksb_text() {
        let entries = super::super::entries();
        let find = |q: &str, ksb_text: bool| -> Vec<(String, Match)> {
            let f = Filter {
                ksb_text,
                ..Filter::from_query(q)
            };
            search(&f).into_iter().map(|(i, m)| (entries[i].spec(), m)).collect()
        };
        assert_eq!(find("st0215", false)[0], ("ST0215@1.0".to_string(), Match::Reference));
        assert!(
            find("assistant practitioner health", false)
                .iter()
                .all(|(_, m)| *m == Match::Title)
        );
        let by_route = find("health and science l4", false);
        assert!(
            by_route.iter().any(|(s, m)| s == "ST0220@1.1" && *m == Match::Route),
            "{by_route:?}"
        );
        // KSB text only when asked for.
        assert!(find("confidentiality of consultation", false).is_empty());
        let by_ksb = find("confidentiality of consultation", true);
        assert!(
            by_ksb.iter().any(|(s, m)| s == "ST0220@1.1" && *m == Match::KsbText),
            "{by_ksb:?}"
        );
    }

    #[test]
    fn a_match_in_ksb_text_quotes_the_ksb() {
        let f = Filter {
            ksb_text: true,
            ..Filter::from_query("confidentiality of consultation")
        };
        let e = super::super::entries()
            .iter()
            .find(|e| e.spec() == "ST0220@1.1")
            .unwrap();
        let why = why(e, &f, Match::KsbText);
        assert!(!why.code.is_empty(), "{why:?}");
        assert!(why.quote.to_lowercase().contains("confidentiality"), "{why:?}");
        assert!(why.text().starts_with(&format!("in {}'s text: \u{201c}", why.code)));
        let title = why_title(e);
        assert_eq!(title.text(), format!("in the title: \u{201c}{}\u{201d}", e.title));
    }

    fn why_title(e: &CatalogueEntry) -> Why {
        why(e, &Filter::from_query(&e.title), Match::Title)
    }

    #[test]
    fn the_quote_is_cut_around_the_word() {
        let text = format!("{} software {}", "a ".repeat(80), "b ".repeat(80));
        let q = around(&text, "software", 40);
        assert!(q.contains("software") && q.starts_with('…') && q.ends_with('…'), "{q}");
        assert!(q.chars().count() <= 42);
    }
}
