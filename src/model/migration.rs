//! The record a project keeps of each move of a standard to another of its versions.

use serde::{Deserialize, Serialize};

use super::ksb::KsbCode;

/// One migration: the standard, the versions it went between, and what became of the
/// mappings. Kept in the project, so a reviewer sees where its mapping came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrationRecord {
    pub standard: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_version: Option<String>,
    /// Mappings carried as they were: their KSB's text is unchanged (perhaps renumbered).
    pub carried: usize,
    /// Of those, the mappings whose KSB took another code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renumbered: Vec<CarriedMapping>,
    /// Mappings carried to a reworded KSB, marked for review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<CarriedMapping>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<DroppedMapping>,
    /// KSBs new in this version: uncovered until mapped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<KsbCode>,
    /// Reviews of duties this version removes, kept here as their duty is gone (the others
    /// follow their duty to its new code).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped_reviews: Vec<super::DutyReview>,
}

/// A module's mapping moved from one KSB code to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriedMapping {
    pub module: String,
    pub from: KsbCode,
    pub to: KsbCode,
}

/// Why a mapping did not survive a migration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DropReason {
    /// The newer version has no such KSB.
    Removed,
    /// The KSB was reworded and whoever migrated chose not to keep the mapping.
    DroppedOnReview,
    /// The older version had no such KSB either: the mapping pointed nowhere.
    NotInOldVersion,
}

impl DropReason {
    pub fn label(self) -> &'static str {
        match self {
            DropReason::Removed => "the KSB was removed",
            DropReason::DroppedOnReview => "dropped on review of the rewording",
            DropReason::NotInOldVersion => "the older version had no such KSB",
        }
    }
}

/// A mapping a migration dropped, with the KSB's text in the older version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DroppedMapping {
    pub module: String,
    pub ksb: KsbCode,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    pub reason: DropReason,
    /// The mapping's own words, kept so they outlive the backup: its note and workplace
    /// reason.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub workplace_reason: String,
}
