//! The bundled catalogue: every approved Level 4 and 5 standard, and every version of a few,
//! made from the IfATE API records by the project's own importer (see [`generate`]) and
//! built into the binary.
//!
//! Nothing is read until it is asked for: the first call parses a small index (one line per
//! standard-version), and each standard is parsed only when it is wanted, so
//! `check`, the app's start and anything else that does not use the catalogue pay nothing.

mod data;
pub mod generate;
pub mod search;
pub mod update;
pub mod user;

use std::cmp::Ordering;
use std::path::PathBuf;
use std::sync::{OnceLock, RwLock};

use crate::model::Standard;

pub use search::{Filter, matches_entry};

/// The index's file name in `standards/catalogue/`.
pub const INDEX_FILE: &str = "index.tsv";
pub(crate) const INDEX_HEADER: &str = "reference\tversion\tlevel\tstatus\troute\ttitle";
/// The status of a version that providers can deliver, as the API words it.
pub const APPROVED: &str = "Approved for delivery";

/// One bundled standard-version, as the index lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueEntry {
    pub reference: String,
    pub version: String,
    pub title: String,
    pub level: u8,
    /// The API's word: "Approved for delivery", "Retired", "In development", …
    pub status: String,
    /// Empty when the record names none.
    pub route: String,
    /// Bundled in the binary, or from the user's catalogue.
    pub origin: Origin,
}

/// Where a catalogue entry's standard is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// In the binary, made when it was built.
    Bundled,
    /// In the user's catalogue (see [`user`]): this RON file, holding what a record the user
    /// gave `catalogue update` said.
    User(PathBuf),
}

impl CatalogueEntry {
    pub fn is_approved(&self) -> bool {
        self.status.eq_ignore_ascii_case(APPROVED)
    }

    /// `ST0215@1.2`, the form [`resolve`] reads.
    pub fn spec(&self) -> String {
        format!("{}@{}", self.reference, self.version)
    }

    /// The standard itself, parsed now.
    pub fn load(&self) -> Option<Standard> {
        match &self.origin {
            Origin::Bundled => data::load(&file_name(&self.reference, &self.version)),
            Origin::User(path) => user::load(path),
        }
    }
}

/// Every standard-version bundled in the binary, sorted by reference then version.
pub fn bundled_entries() -> &'static [CatalogueEntry] {
    static INDEX: OnceLock<Vec<CatalogueEntry>> = OnceLock::new();
    INDEX.get_or_init(|| parse_index(data::INDEX))
}

/// The catalogue as this process knows it, read once and kept until [`reload`].
static KNOWN: RwLock<Option<&'static [CatalogueEntry]>> = RwLock::new(None);

/// Every known standard-version: the bundled ones with the user's catalogue laid over them
/// (its newer knowledge of a version replaces the bundled entry; its new versions are added),
/// sorted by reference then version (oldest first).
pub fn entries() -> &'static [CatalogueEntry] {
    if let Some(known) = *KNOWN.read().unwrap_or_else(|e| e.into_inner()) {
        return known;
    }
    let mut slot = KNOWN.write().unwrap_or_else(|e| e.into_inner());
    slot.get_or_insert_with(read_known)
}

/// Reads the user's catalogue again, after `catalogue update` or the app's Standards > Update
/// catalogue from a file…: later calls see the new versions. The previous list is kept in
/// memory (entries handed out stay valid); it is small and updates are rare.
pub fn reload() {
    let fresh = read_known();
    *KNOWN.write().unwrap_or_else(|e| e.into_inner()) = Some(fresh);
}

fn read_known() -> &'static [CatalogueEntry] {
    let laid = match user::dir() {
        Some(dir) => {
            let checked = user::read_checked(&dir);
            *PROBLEMS.write().unwrap_or_else(|e| e.into_inner()) = checked.problems;
            user::lay_over(bundled_entries(), checked.entries)
        }
        None => bundled_entries().to_vec(),
    };
    Box::leak(laid.into_boxed_slice())
}

/// What of the user's catalogue could not be used when it was last read.
static PROBLEMS: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// What of the user's catalogue could not be used (an index line that does not read, a file
/// gone or empty), once the catalogue has been read; empty before.
pub fn problems() -> Vec<String> {
    PROBLEMS.read().unwrap_or_else(|e| e.into_inner()).clone()
}

/// A bundled standard-version, such as `standard("ST0215", "1.1")`.
pub fn standard(reference: &str, version: &str) -> Option<Standard> {
    entry(reference, version)?.load()
}

/// The index entry of one standard-version.
pub fn entry(reference: &str, version: &str) -> Option<&'static CatalogueEntry> {
    let reference = reference.trim();
    let version = version.trim();
    entries()
        .iter()
        .find(|e| e.reference.eq_ignore_ascii_case(reference) && compare_versions(&e.version, version).is_eq())
}

/// The index entries of every bundled version of a reference, oldest first.
pub fn version_entries(reference: &str) -> impl Iterator<Item = &'static CatalogueEntry> {
    let reference = reference.trim().to_string();
    entries()
        .iter()
        .filter(move |e| e.reference.eq_ignore_ascii_case(&reference))
}

/// Every bundled version of a reference, oldest first.
pub fn versions(reference: &str) -> Vec<Standard> {
    version_entries(reference).filter_map(CatalogueEntry::load).collect()
}

/// The index entry of a reference's latest version approved for delivery.
pub fn latest_entry(reference: &str) -> Option<&'static CatalogueEntry> {
    version_entries(reference).filter(|e| e.is_approved()).last()
}

/// The latest version of a reference that is approved for delivery.
pub fn latest(reference: &str) -> Option<Standard> {
    latest_entry(reference)?.load()
}

/// The entry a spec names: `ST0215@1.1` that version, `ST0215` its latest approved version.
pub fn resolve_entry(spec: &str) -> Option<&'static CatalogueEntry> {
    match spec.trim().split_once('@') {
        Some((reference, version)) => entry(reference, version),
        None => latest_entry(spec),
    }
}

/// The standard a spec names: `ST0215@1.1` that version, `ST0215` its latest approved version.
pub fn resolve(spec: &str) -> Option<Standard> {
    resolve_entry(spec)?.load()
}

/// The latest approved version of each reference, in reference order: what a programme can
/// align to today. References with no approved version list their newest version.
pub fn latest_entries() -> Vec<&'static CatalogueEntry> {
    let mut out: Vec<&'static CatalogueEntry> = Vec::new();
    for group in entries().chunk_by(|a, b| a.reference == b.reference) {
        let pick = group.iter().rev().find(|e| e.is_approved()).or(group.last());
        out.extend(pick);
    }
    out
}

/// Orders versions by their numbers: `1.9` < `1.10` < `2.0`; `1` equals `1.0`.
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let parts = |v: &str| -> Vec<u64> {
        let mut p: Vec<u64> = v.trim().split('.').map(|n| n.trim().parse().unwrap_or(0)).collect();
        while p.len() > 1 && p.last() == Some(&0) {
            p.pop();
        }
        p
    };
    parts(a).cmp(&parts(b)).then_with(|| a.trim().cmp(b.trim()))
}

/// The catalogue's file for one standard-version: `ST0215_1.2.ron`.
pub fn file_name(reference: &str, version: &str) -> String {
    format!("{reference}_{version}.ron")
}

fn parse_index(text: &str) -> Vec<CatalogueEntry> {
    let mut out: Vec<CatalogueEntry> = text
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut f = line.split('\t');
            Some(CatalogueEntry {
                reference: f.next()?.to_string(),
                version: f.next()?.to_string(),
                level: f.next()?.parse().ok()?,
                status: f.next()?.to_string(),
                route: f.next()?.to_string(),
                title: f.next()?.to_string(),
                origin: Origin::Bundled,
            })
        })
        .collect();
    sort_entries(&mut out);
    out
}

/// By reference, then version by number.
fn sort_entries(entries: &mut [CatalogueEntry]) {
    entries.sort_by(|a, b| {
        a.reference
            .cmp(&b.reference)
            .then_with(|| compare_versions(&a.version, &b.version))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_by_number() {
        assert_eq!(compare_versions("1.9", "1.10"), Ordering::Less);
        assert_eq!(compare_versions("2.0", "1.10"), Ordering::Greater);
        assert_eq!(compare_versions("1.1", "1.1"), Ordering::Equal);
        assert_eq!(
            compare_versions("1.0", "1"),
            Ordering::Greater,
            "equal numbers still order by text"
        );
    }

    #[test]
    fn every_index_entry_loads_as_its_own_standard() {
        assert!(entries().len() > 150, "{}", entries().len());
        for e in entries() {
            let s = e.load().unwrap_or_else(|| panic!("{} does not load", e.spec()));
            assert_eq!(s.reference, e.reference);
            assert_eq!(s.version.as_deref(), Some(e.version.as_str()));
            assert_eq!(s.level, e.level);
            assert!(!s.ksbs.is_empty(), "{}", e.spec());
        }
    }

    #[test]
    fn specs_resolve_to_a_version_or_the_latest_approved() {
        assert_eq!(resolve("ST0215@1.1").and_then(|s| s.version), Some("1.1".into()));
        assert_eq!(resolve("ST0215").and_then(|s| s.version), Some("1.2".into()));
        assert_eq!(resolve(" st0215 @ 1.0 ").and_then(|s| s.version), Some("1.0".into()));
        // 2.0 is in development: the latest approved is still 1.1.
        assert_eq!(latest_entry("ST0825").map(|e| e.version.as_str()), Some("1.1"));
        // Two approved versions: the later one.
        assert_eq!(latest_entry("ST0127").map(|e| e.version.as_str()), Some("1.5"));
        assert!(resolve("ST0215@9.9").is_none());
        assert!(resolve("ST9999").is_none());
        assert!(resolve("").is_none());
        let v: Vec<String> = versions("ST0215").into_iter().filter_map(|s| s.version).collect();
        assert_eq!(v, ["1.0", "1.1", "1.2"]);
    }

    #[test]
    fn without_a_user_catalogue_the_known_entries_are_the_bundled_ones() {
        // Unit tests read no user catalogue (see `user::dir`).
        assert_eq!(entries(), bundled_entries());
    }

    #[test]
    fn the_binary_holds_exactly_the_indexed_files() {
        let mut indexed: Vec<String> = entries().iter().map(|e| file_name(&e.reference, &e.version)).collect();
        indexed.sort();
        let packed: Vec<&str> = data::names().collect();
        assert_eq!(packed, indexed);
    }

    #[test]
    fn entries_are_sorted_and_unique() {
        for w in entries().windows(2) {
            let order = w[0]
                .reference
                .cmp(&w[1].reference)
                .then_with(|| compare_versions(&w[0].version, &w[1].version));
            assert_eq!(order, Ordering::Less, "{} then {}", w[0].spec(), w[1].spec());
        }
    }
}
