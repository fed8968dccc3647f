//! What a three-way merge of two copies could not decide, kept in the project until someone
//! does: both sides of each item changed two ways, or edited on one side and deleted on the
//! other. And the base a copy sent for editing records, so it can be merged back.
//!
//! While a conflict stands the project holds a working value for the item (mine's, or the
//! side that kept it when the other deleted it), so the file loads and reads as one mapping.

use serde::{Deserialize, Serialize};

use super::mapping::{KsbRef, Mapping};
use super::programme::{Module, OptionGroup, Programme};
use super::standard::Standard;

/// One item changed two ways. `mine` and `theirs` are each side's whole item as it was in
/// that copy (`None` where that side deleted it); `fields` names what differs.
/// A project holds a few, so the variants stay plain values rather than boxes.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MergeConflict {
    /// One cell of the grid. Fields: `coverage`, `taught`, `assessed`, `note`,
    /// `workplace_reason`, `outcomes`, `review`, or `mapping` when one side deleted it.
    Mapping {
        module: String,
        ksb: KsbRef,
        fields: Vec<String>,
        mine: Option<Mapping>,
        theirs: Option<Mapping>,
    },
    /// A module. Fields: `title`, `description`, `level`, `credits`, `status`, `group`,
    /// `work_based`, `outcome LO2`, `assessment A1`, or `module` when one side deleted it.
    Module {
        code: String,
        fields: Vec<String>,
        mine: Option<Module>,
        theirs: Option<Module>,
    },
    /// The programme's details. Fields: `title`, `award`, `awarding_body`, `level`,
    /// `total_credits`, `occupational_options`.
    Programme {
        fields: Vec<String>,
        mine: Programme,
        theirs: Programme,
    },
    OptionGroup {
        name: String,
        mine: Option<OptionGroup>,
        theirs: Option<OptionGroup>,
    },
    /// An aligned standard's copy (its version or content).
    Standard {
        reference: String,
        mine: Option<Standard>,
        theirs: Option<Standard>,
    },
}

impl MergeConflict {
    /// The id `check` gives its finding: `merge-conflict:M401:ST0215/K1` for a cell,
    /// `merge-conflict:module:M501`, `merge-conflict:programme`,
    /// `merge-conflict:option-group:NAME`, `merge-conflict:standard:ST0215`.
    pub fn id(&self) -> String {
        match self {
            MergeConflict::Mapping { module, ksb, .. } => format!("merge-conflict:{module}:{ksb}"),
            MergeConflict::Module { code, .. } => format!("merge-conflict:module:{code}"),
            MergeConflict::Programme { .. } => "merge-conflict:programme".into(),
            MergeConflict::OptionGroup { name, .. } => format!("merge-conflict:option-group:{name}"),
            MergeConflict::Standard { reference, .. } => format!("merge-conflict:standard:{reference}"),
        }
    }

    /// What the conflict is on, as people read it: `M401 × ST0215/K1`, `module M501`.
    pub fn label(&self) -> String {
        match self {
            MergeConflict::Mapping { module, ksb, .. } => format!("{module} × {ksb}"),
            MergeConflict::Module { code, .. } => format!("module {code}"),
            MergeConflict::Programme { .. } => "the programme's details".into(),
            MergeConflict::OptionGroup { name, .. } => format!("option group {name}"),
            MergeConflict::Standard { reference, .. } => format!("standard {reference}"),
        }
    }

    /// The fields that differ; a whole item for option groups and standards.
    pub fn fields(&self) -> Vec<String> {
        match self {
            MergeConflict::Mapping { fields, .. }
            | MergeConflict::Module { fields, .. }
            | MergeConflict::Programme { fields, .. } => fields.clone(),
            MergeConflict::OptionGroup { .. } => vec!["option_group".into()],
            MergeConflict::Standard { .. } => vec!["standard".into()],
        }
    }

    /// The module the conflict is on or in, for a cell or a module.
    pub fn module(&self) -> Option<&str> {
        match self {
            MergeConflict::Mapping { module, .. } => Some(module),
            MergeConflict::Module { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The cell, for a mapping conflict: what the grid puts a badge on.
    pub fn cell(&self) -> Option<(&str, &KsbRef)> {
        match self {
            MergeConflict::Mapping { module, ksb, .. } => Some((module, ksb)),
            _ => None,
        }
    }

    /// Whether one side deleted the item and the other edited it.
    pub fn is_edit_and_delete(&self) -> bool {
        match self {
            MergeConflict::Mapping { mine, theirs, .. } => mine.is_none() || theirs.is_none(),
            MergeConflict::Module { mine, theirs, .. } => mine.is_none() || theirs.is_none(),
            MergeConflict::OptionGroup { mine, theirs, .. } => mine.is_none() || theirs.is_none(),
            MergeConflict::Standard { mine, theirs, .. } => mine.is_none() || theirs.is_none(),
            MergeConflict::Programme { .. } => false,
        }
    }
}

/// What a copy sent for editing started from: the canonical content lines a sign-off keeps
/// (see `crate::review::signoff`), so a merge back needs no separate base file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopyBase {
    /// When the copy was made, `2026-11-25T10:04:05Z`.
    pub sent: String,
    /// SHA-256 of the lines, as a sign-off's hash is.
    pub hash: String,
    pub content: Vec<String>,
}
