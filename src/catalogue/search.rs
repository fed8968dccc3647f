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
    /// Also look for the words in the standards' duties and KSBs (inflates them all once).
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
