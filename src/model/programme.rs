//! The provider's programme and its modules.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The kind of award; each has its own credit and level rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Award {
    FdSc,
    FdA,
    FdEng,
    Hnc,
    Hnd,
    CertHe,
    DipHe,
    Other(String),
}

/// Credit and level rules of an award, as HTQ approval reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AwardRule {
    pub total_credits: u32,
    /// Credits needed at each FHEQ level, lowest first: (level, credits).
    pub credits_by_level: &'static [(u8, u32)],
    pub min_level: u8,
    pub max_level: u8,
}

const L4_120: &[(u8, u32)] = &[(4, 120)];
const L4_L5_120: &[(u8, u32)] = &[(4, 120), (5, 120)];

impl Award {
    pub const KNOWN: [Award; 7] = [
        Award::FdSc,
        Award::FdA,
        Award::FdEng,
        Award::Hnc,
        Award::Hnd,
        Award::CertHe,
        Award::DipHe,
    ];

    pub fn parse(s: &str) -> Award {
        let key: String = s
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match key.as_str() {
            "fdsc" => Award::FdSc,
            "fda" => Award::FdA,
            "fdeng" => Award::FdEng,
            "hnc" => Award::Hnc,
            "hnd" => Award::Hnd,
            "certhe" => Award::CertHe,
            "diphe" => Award::DipHe,
            _ => Award::Other(s.trim().to_string()),
        }
    }

    pub fn rule(&self) -> Option<AwardRule> {
        let two_levels = AwardRule {
            total_credits: 240,
            credits_by_level: L4_L5_120,
            min_level: 4,
            max_level: 5,
        };
        let one_level = AwardRule {
            total_credits: 120,
            credits_by_level: L4_120,
            min_level: 4,
            max_level: 4,
        };
        match self {
            Award::FdSc | Award::FdA | Award::FdEng | Award::Hnd | Award::DipHe => Some(two_levels),
            Award::Hnc | Award::CertHe => Some(one_level),
            Award::Other(_) => None,
        }
    }
}

impl fmt::Display for Award {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Award::FdSc => "FdSc",
            Award::FdA => "FdA",
            Award::FdEng => "FdEng",
            Award::Hnc => "HNC",
            Award::Hnd => "HND",
            Award::CertHe => "CertHE",
            Award::DipHe => "DipHE",
            Award::Other(s) => s,
        };
        f.write_str(s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub title: String,
    pub award: Award,
    #[serde(default)]
    pub awarding_body: String,
    /// The highest FHEQ level of the award, such as 5 for an FdSc.
    pub level: u8,
    pub total_credits: u32,
    /// References of the aligned standards, such as `ST0215`.
    pub standards: Vec<String>,
    /// For a core-and-options standard, the occupational options the programme aligns to, by
    /// standard reference: option ids (the API's `optionId`). Its core duties count, and the
    /// chosen options' duties; with none chosen, every option's duties count.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub occupational_options: std::collections::BTreeMap<String, Vec<String>>,
}

/// A programme as people name it, award first: "FdSc Health and Social Care". A title that
/// already starts with its award ("FdSc Healthcare Science") is not given it twice.
pub fn programme_name(award: &str, title: &str) -> String {
    let starts = title
        .get(..award.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(award))
        && title
            .get(award.len()..)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
    if starts || award.is_empty() {
        title.to_string()
    } else {
        format!("{award} {title}")
    }
}

impl Programme {
    /// The programme's name, award first (see [`programme_name`]).
    pub fn name(&self) -> String {
        programme_name(&self.award.to_string(), &self.title)
    }

    /// The option ids chosen for a standard; empty when none are.
    pub fn chosen_options(&self, reference: &str) -> &[String] {
        self.occupational_options.get(reference).map_or(&[], Vec::as_slice)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ModuleStatus {
    Core,
    Optional,
}

impl ModuleStatus {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "core" | "c" | "compulsory" | "mandatory" | "required" => Some(ModuleStatus::Core),
            "optional" | "option" | "o" | "elective" => Some(ModuleStatus::Optional),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ModuleStatus::Core => "core",
            ModuleStatus::Optional => "optional",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// The provider's module code; unique in a project and the key mappings use.
    pub code: String,
    pub title: String,
    /// What the module teaches, in a sentence or a paragraph; suggestions read it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// FHEQ level, 4 to 7.
    pub level: u8,
    pub credits: u32,
    pub status: ModuleStatus,
    /// Optional modules in the same group form a "choose N of these" set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub work_based: bool,
    /// Learning outcomes, LO1 first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<super::LearningOutcome>,
    /// Assessment components and the outcomes each assesses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<super::Assessment>,
}

/// A "choose N of these" set of optional modules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionGroup {
    pub name: String,
    pub choose: u32,
}

/// The most credits one module may carry: a whole year of study.
pub const MAX_MODULE_CREDITS: u32 = 120;
/// The FHEQ levels a module may sit at.
pub const MODULE_LEVELS: std::ops::RangeInclusive<u8> = 3..=8;

/// What is wrong with a module's level or credits, with the bounds, or `None` when both are sane.
pub fn module_numbers_problem(level: u8, credits: u32) -> Option<String> {
    if credits > MAX_MODULE_CREDITS {
        return Some(format!(
            "has {credits} credits; a module carries 0 to {MAX_MODULE_CREDITS} credits"
        ));
    }
    if !MODULE_LEVELS.contains(&level) {
        return Some(format!(
            "is at Level {level}; modules sit at FHEQ Levels {} to {}",
            MODULE_LEVELS.start(),
            MODULE_LEVELS.end()
        ));
    }
    None
}

/// Characters that show as nothing: a code with one pasted in is the same code to a reader.
const INVISIBLE: [char; 7] = [
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{180E}',
];

/// A module code as it is kept: trimmed, invisible characters removed and in Unicode NFC, so
/// codes that only look alike (`Café` typed as é or as e + ◌́, or with a zero-width space)
/// are one code, and a list giving both is a list giving one code twice.
pub fn module_code(code: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    code.trim().chars().filter(|c| !INVISIBLE.contains(c)).nfc().collect()
}

/// Two module codes are one code when their keys are equal: [`module_code`]s that differ only
/// in case (`M401` and `m401`) are one module to a reader, a spreadsheet and the matrix.
pub fn module_code_key(code: &str) -> String {
    module_code(code).to_lowercase()
}

/// The most bytes one text may hold: a title, a description, a KSB's or an outcome's text, a
/// comment. The longest real ones are a few KB; a 50 MB title would make every report of the
/// programme a slow gigabyte.
pub const MAX_TEXT_BYTES: usize = 100_000;

/// What is wrong with `text` as one field, when it is longer than [`MAX_TEXT_BYTES`].
pub fn oversized_text(what: &str, text: &str) -> Option<String> {
    (text.len() > MAX_TEXT_BYTES).then(|| {
        format!(
            "{what} is {} KB long; one text may hold at most {} KB",
            text.len().div_ceil(1000),
            MAX_TEXT_BYTES / 1000
        )
    })
}

#[cfg(test)]
mod code_tests {
    #[test]
    fn codes_that_only_look_alike_are_one_code() {
        let nfc = super::module_code("Caf\u{e9}");
        assert_eq!(super::module_code("Cafe\u{301}"), nfc);
        assert_eq!(super::module_code(" Caf\u{200B}\u{e9} "), nfc);
        assert_ne!(super::module_code("Cafe"), nfc);
        assert_eq!(super::module_code_key("m401"), super::module_code_key(" M401"));
    }

    #[test]
    fn a_title_that_names_its_award_is_not_given_it_twice() {
        use super::programme_name;
        assert_eq!(programme_name("FdSc", "Healthcare Science"), "FdSc Healthcare Science");
        assert_eq!(
            programme_name("FdSc", "FdSc Healthcare Science"),
            "FdSc Healthcare Science"
        );
        assert_eq!(
            programme_name("FdSc", "fdsc Healthcare Science"),
            "fdsc Healthcare Science"
        );
        assert_eq!(programme_name("HNC", "HNCivil Engineering"), "HNC HNCivil Engineering");
        assert_eq!(programme_name("CertHE", "Cert"), "CertHE Cert");
        assert_eq!(programme_name("", "Nursing"), "Nursing");
    }
}
