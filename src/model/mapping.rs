//! Which module covers which KSB, and how.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ksb::KsbCode;

/// A KSB named by its standard, so mappings survive reordering and several standards.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    #[serde(default = "yes")]
    pub taught: bool,
    #[serde(default)]
    pub assessed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Why the rest is left to the workplace; expected when coverage is partial.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub workplace_reason: String,
}

fn yes() -> bool {
    true
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
        }
    }

    /// The key a project keeps mappings sorted and unique by.
    pub fn key(&self) -> (&KsbRef, &str) {
        (&self.ksb, &self.module)
    }
}
