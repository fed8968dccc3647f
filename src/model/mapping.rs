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
