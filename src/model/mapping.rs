//! Which module covers which KSB, and how.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ksb::KsbCode;

/// A KSB named by its standard, so mappings survive reordering and several standards.
/// Files write it as one string, `"ST0215/K5"` (project format 2 and later).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KsbRef {
    pub standard: String,
    pub code: KsbCode,
}

impl KsbRef {
    pub fn new(standard: impl Into<String>, code: KsbCode) -> Self {
        Self {
            standard: standard.into(),
            code,
        }
    }
}

impl fmt::Display for KsbRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.standard, self.code)
    }
}

impl std::str::FromStr for KsbRef {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a KSB reference: write the standard and code, such as ST0215/K5");
        let (standard, code) = s.rsplit_once('/').ok_or_else(bad)?;
        let code: KsbCode = code.parse().map_err(|_| bad())?;
        if standard.trim().is_empty() {
            return Err(bad());
        }
        Ok(KsbRef::new(standard.trim(), code))
    }
}

impl Serialize for KsbRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for KsbRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// A duty named by its standard.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DutyRef {
    pub standard: String,
    pub code: String,
}

impl fmt::Display for DutyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.standard, self.code)
    }
}

/// How fully one module covers one KSB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Coverage {
    /// Covered in part; the rest is better delivered in the workplace.
    Partial,
    Full,
}

impl Coverage {
    pub fn label(self) -> &'static str {
        match self {
            Coverage::Full => "full",
            Coverage::Partial => "partial",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    pub module: String,
    pub ksb: KsbRef,
    pub coverage: Coverage,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub taught: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub assessed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Why the rest is left to the workplace; expected when coverage is partial.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub workplace_reason: String,
    /// The codes of the module's learning outcomes that carry this KSB.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
    /// Carried from an older version of the standard whose KSB was worded differently: it
    /// stays until someone confirms the module still covers the KSB as it now reads.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub review: bool,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Mapping {
    pub fn new(module: impl Into<String>, ksb: KsbRef, coverage: Coverage) -> Self {
        Self {
            module: module.into(),
            ksb,
            coverage,
            taught: true,
            assessed: false,
            note: String::new(),
            workplace_reason: String::new(),
            outcomes: Vec::new(),
            review: false,
        }
    }

    /// The key a project keeps mappings sorted and unique by.
    pub fn key(&self) -> (&KsbRef, &str) {
        (&self.ksb, &self.module)
    }
}

/// A project's mappings, kept sorted by (KSB, module) and unique, so saves are stable and
/// every lookup is a binary search. The only way in is through methods that keep that true.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Mappings(Vec<Mapping>);

impl Mappings {
    pub fn new() -> Self {
        Self(Vec::new())
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Keeps the mappings `keep` says yes to; order is kept, so sortedness is too.
    pub fn retain(&mut self, keep: impl FnMut(&Mapping) -> bool) {
        self.0.retain(keep);
    }

    fn search(&self, module: &str, ksb: &KsbRef) -> Result<usize, usize> {
        self.0.binary_search_by(|m| m.key().cmp(&(ksb, module)))
    }

    pub fn get(&self, module: &str, ksb: &KsbRef) -> Option<&Mapping> {
        self.search(module, ksb).ok().and_then(|i| self.0.get(i))
    }

    /// Every mapping of one KSB, found by binary search.
    pub fn of_ksb(&self, ksb: &KsbRef) -> &[Mapping] {
        let start = self.0.partition_point(|m| &m.ksb < ksb);
        let rest = self.0.get(start..).unwrap_or_default();
        let len = rest.partition_point(|m| &m.ksb == ksb);
        rest.get(..len).unwrap_or_default()
    }

    /// Inserts or replaces the mapping for its (module, KSB), returning the one it replaced.
    pub fn set(&mut self, mapping: Mapping) -> Option<Mapping> {
        match self.search(&mapping.module, &mapping.ksb) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i], mapping)),
            Err(i) => {
                self.0.insert(i, mapping);
                None
            }
        }
    }

    pub fn remove(&mut self, module: &str, ksb: &KsbRef) -> Option<Mapping> {
        self.search(module, ksb).ok().map(|i| self.0.remove(i))
    }

    /// Keeps each mapping's outcome links that `keep` (given its module and the outcome's code)
    /// says yes to; modules and KSBs stay, so order does too.
    pub fn retain_outcomes(&mut self, mut keep: impl FnMut(&str, &str) -> bool) {
        for Mapping { module, outcomes, .. } in &mut self.0 {
            outcomes.retain(|o| keep(module, o));
        }
    }

    /// Gives each mapping the module code `to` returns for its module, dropping those it
    /// returns `None` for: how renamed and deleted modules carry over. Re-sorts after.
    pub fn remap_modules(&mut self, mut to: impl FnMut(&str) -> Option<String>) {
        self.0.retain_mut(|m| match to(&m.module) {
            Some(code) => {
                m.module = code;
                true
            }
            None => false,
        });
        self.sort();
    }

    fn sort(&mut self) {
        // Stable, so of two mappings with one key the first is kept, as a file lists them.
        self.0.sort_by(|a, b| a.key().cmp(&b.key()));
        self.0.dedup_by(|later, first| later.key() == first.key());
    }
}

impl From<Vec<Mapping>> for Mappings {
    fn from(list: Vec<Mapping>) -> Self {
        let mut m = Mappings(list);
        m.sort();
        m
    }
}

impl FromIterator<Mapping> for Mappings {
    fn from_iter<I: IntoIterator<Item = Mapping>>(iter: I) -> Self {
        Mappings::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a Mappings {
    type Item = &'a Mapping;
    type IntoIter = std::slice::Iter<'a, Mapping>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Read-only access as a sorted slice; changes go through the methods above.
impl std::ops::Deref for Mappings {
    type Target = [Mapping];
    fn deref(&self) -> &[Mapping] {
        &self.0
    }
}

/// A file that lists one cell twice is refused rather than collapsed: keeping either entry
/// would silently drop the other on the next save.
impl<'de> Deserialize<'de> for Mappings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let list = Vec::<Mapping>::deserialize(deserializer)?;
        if let Some(m) = first_repeat(&list) {
            return Err(serde::de::Error::custom(repeat_message(m)));
        }
        Ok(Mappings::from(list))
    }
}

/// The first mapping whose module and KSB an earlier one in `list` already has.
pub fn first_repeat(list: &[Mapping]) -> Option<&Mapping> {
    let mut seen = std::collections::HashSet::with_capacity(list.len());
    list.iter().find(|m| !seen.insert(m.key()))
}

/// What is wrong with a mapping listed twice.
pub fn repeat_message(m: &Mapping) -> String {
    format!(
        "the mapping {} × {} is listed twice; keep one of the two entries (the other would be lost on the next save)",
        m.module, m.ksb
    )
}
