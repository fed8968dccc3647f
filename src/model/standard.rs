//! An occupational standard: its duties and the KSBs each one needs.

use serde::{Deserialize, Serialize};

use super::date::IsoDate;
use super::ksb::{Ksb, KsbCode};

pub use super::status::StandardStatus;

/// One occupational option of a core-and-options standard, as the API names it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardOption {
    /// The API's `optionId`, which duties' `mappedOptions` name.
    pub id: String,
    pub title: String,
}

/// A duty of the occupation and the KSBs it lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Duty {
    /// `D1`, `D2`, … in the order the standard lists them.
    pub code: String,
    pub text: String,
    pub ksbs: Vec<KsbCode>,
    /// Option duties apply only to one of the standard's options.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub core: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// For an option duty: the ids of the options it belongs to (the API's `mappedOptions`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// An approved Higher Technical Qualification that the page lists against the standard.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListedHtq {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    #[serde(default)]
    pub applicant: String,
    #[serde(default)]
    pub awarding_body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_date: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// IfATE reference such as `ST0215`; the key every mapping uses.
    pub reference: String,
    pub title: String,
    pub level: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StandardStatus>,
    /// The page's "Date updated", as the page writes it (`13/09/2023`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_updated: Option<String>,
    /// The page said "This is not the latest approved version".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_latest: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lars_code: Option<u32>,
    /// What this version changed, in the API's words ("End-point assessment plan revised").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_for_delivery: Option<IsoDate>,
    /// The first day an apprentice may start on this version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest_start: Option<IsoDate>,
    /// The last day an apprentice may start on this version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_start: Option<IsoDate>,
    /// The last day an apprentice on this version may finish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_end: Option<IsoDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<IsoDate>,
    /// Core-and-options: apprentices take the core duties plus those of one option.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub core_and_options: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<StandardOption>,
    /// SHA-256 of the duties and KSBs as imported (see `content_hash`), in lowercase hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
    /// What it was imported from, such as `IfATE page text` or `IfATE API`.
    #[serde(default)]
    pub source: String,
    /// Empty when the source lists no duties: duty coverage is then unknown (as it is when no
    /// duty lists a KSB).
    #[serde(default)]
    pub duties: Vec<Duty>,
    pub ksbs: Vec<Ksb>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub htqs: Vec<ListedHtq>,
}

impl Standard {
    /// "ST0215 Assistant practitioner (health)", or the reference alone where the title is
    /// missing or only repeats it (a page that gave no title).
    pub fn name(&self) -> String {
        let title = self.title.trim();
        if title.is_empty() || title == self.reference {
            self.reference.clone()
        } else {
            format!("{} {title}", self.reference)
        }
    }

    pub fn ksb(&self, code: KsbCode) -> Option<&Ksb> {
        // Standards list KSBs in code order, so a binary search finds them; a list out of
        // order still answers, by the slower scan.
        match self.ksbs.binary_search_by_key(&code, |k| k.code) {
            Ok(i) => self.ksbs.get(i),
            Err(_) => self.ksbs.iter().find(|k| k.code == code),
        }
    }

    pub fn duty(&self, code: &str) -> Option<&Duty> {
        self.duties.iter().find(|d| d.code == code)
    }

    /// The name its file is saved under: the reference where it has the shape of a real one
    /// (letters then digits: `ST0215`, `LARS434`), else a name made safe from it, so that a
    /// reference such as `../../x` can never lead a write outside the chosen folder.
    pub fn file_stem(&self) -> String {
        if is_reference(&self.reference) {
            return self.reference.clone();
        }
        let safe: String = self
            .reference
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let safe: String = safe.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
        let safe: String = safe.chars().take(40).collect();
        format!("standard-{}", if safe.is_empty() { "unnamed" } else { &safe })
    }

    /// Whether the source linked its duties to KSBs; without that, duty coverage is unknown.
    /// Some IfATE records list duties but map no KSB to any of them (ST0048 1.0, ST0542 1.1).
    pub fn duties_known(&self) -> bool {
        self.duties.iter().any(|d| !d.ksbs.is_empty())
    }

    /// Why duty coverage is unknown, in words after the reference, or `None` when it is known.
    pub fn duties_unknown_reason(&self) -> Option<&'static str> {
        if self.duties_known() {
            None
        } else if self.duties.is_empty() {
            Some("lists no duties")
        } else {
            Some("lists duties but links no KSB to any of them")
        }
    }

    /// The codes of duties that list no KSB where others do: there is nothing to cover, so
    /// their coverage cannot be checked.
    pub fn duties_without_ksbs(&self) -> Vec<&str> {
        if !self.duties_known() {
            return Vec::new();
        }
        self.duties
            .iter()
            .filter(|d| d.ksbs.is_empty())
            .map(|d| d.code.as_str())
            .collect()
    }

    /// Codes its duties list that it does not define, each once, in code order: a copy cut
    /// short lists them, and no module can map them.
    pub fn undefined_ksbs(&self) -> Vec<KsbCode> {
        let defined: std::collections::HashSet<KsbCode> = self.ksbs.iter().map(|k| k.code).collect();
        let mut codes: Vec<KsbCode> = self
            .duties
            .iter()
            .flat_map(|d| &d.ksbs)
            .filter(|c| !defined.contains(c))
            .copied()
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// KSBs that no duty lists, in code order.
    pub fn ksbs_in_no_duty(&self) -> Vec<KsbCode> {
        if !self.duties_known() {
            return Vec::new();
        }
        let mut listed: Vec<KsbCode> = self.duties.iter().flat_map(|d| d.ksbs.iter().copied()).collect();
        listed.sort();
        listed.dedup();
        self.ksbs
            .iter()
            .map(|k| k.code)
            .filter(|c| listed.binary_search(c).is_err())
            .collect()
    }

    /// How many KSBs of each kind: (knowledge, skills, behaviours).
    pub fn counts(&self) -> (usize, usize, usize) {
        use super::ksb::KsbKind::*;
        let n = |kind| self.ksbs.iter().filter(|k| k.kind() == kind).count();
        (n(Knowledge), n(Skill), n(Behaviour))
    }

    /// The duties that list a KSB, in duty order.
    pub fn duties_listing(&self, code: KsbCode) -> impl Iterator<Item = &Duty> {
        self.duties.iter().filter(move |d| d.ksbs.contains(&code))
    }

    /// The SHA-256 of the duties and KSBs, in lowercase hex: the same content gives the
    /// same hash whatever the source's spacing (see `super::content_hash`).
    pub fn compute_content_hash(&self) -> String {
        super::content_hash::of(self)
    }

    /// Whether `other` has the same content, as their hashes would say (without hashing
    /// when the two are equal field for field).
    pub fn same_content(&self, other: &Standard) -> bool {
        super::content_hash::same(self, other)
    }

    /// Fills `content_hash` from the content.
    pub fn with_content_hash(mut self) -> Self {
        self.content_hash = Some(self.compute_content_hash());
        self
    }

    /// `ST0215 1.2`, or the reference alone when the version is unknown.
    pub fn reference_and_version(&self) -> String {
        match self.version.as_deref().filter(|v| !v.is_empty()) {
            Some(v) => format!("{} {v}", self.reference),
            None => self.reference.clone(),
        }
    }

    pub fn option(&self, id: &str) -> Option<&StandardOption> {
        self.options.iter().find(|o| o.id == id)
    }

    /// Whether a duty applies to a programme that chose `chosen` options of this standard:
    /// core duties always; an option duty when it belongs to a chosen option, or to any option
    /// when the standard is not core-and-options or none was chosen (nothing is then left out).
    pub fn duty_applies(&self, duty: &Duty, chosen: &[String]) -> bool {
        duty.core || !self.core_and_options || chosen.is_empty() || duty.options.iter().any(|o| chosen.contains(o))
    }
}

/// Letters then digits, as IfATE references and LARS fallbacks are: `ST0215`, `LARS434`.
pub fn is_reference(s: &str) -> bool {
    let letters = s.chars().take_while(char::is_ascii_uppercase).count();
    let digits = &s[letters..];
    (2..=4).contains(&letters) && (1..=6).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(reference: &str) -> String {
        Standard {
            reference: reference.into(),
            level: 5,
            ..Standard::default()
        }
        .file_stem()
    }

    #[test]
    fn file_names_never_leave_the_folder() {
        assert_eq!(named("ST0215"), "ST0215");
        assert_eq!(named("LARS434"), "LARS434");
        assert_eq!(named("../../escaped/X"), "standard-escaped-X");
        assert_eq!(named("/home/someone/programme"), "standard-home-someone-programme");
        assert_eq!(named(".."), "standard-unnamed");
        assert_eq!(named("Sé/1"), "standard-S-1");
        for r in ["../../escaped/X", "/abs", "..", "a\\b", "ST0215/../x"] {
            let stem = named(r);
            assert!(!stem.contains(['/', '\\', '.']), "{r} → {stem}");
        }
    }
}
