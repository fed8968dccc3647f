//! Older project formats, read as they were written and brought up to date.

use serde::Deserialize;

use crate::model::{Coverage, KsbCode, KsbRef, Mapping, Module, OptionGroup, Programme, Project, Standard};

/// Format 1: mappings named their KSB as a `(standard, code)` struct.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectV1 {
    #[allow(dead_code)]
    format_version: u32,
    programme: Programme,
    modules: Vec<Module>,
    #[serde(default)]
    option_groups: Vec<OptionGroup>,
    mappings: Vec<MappingV1>,
    standards: Vec<Standard>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KsbRefV1 {
    standard: String,
    code: KsbCode,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingV1 {
    module: String,
    ksb: KsbRefV1,
    coverage: Coverage,
    #[serde(default = "yes")]
    taught: bool,
    #[serde(default)]
    assessed: bool,
    #[serde(default)]
    note: String,
    #[serde(default)]
    workplace_reason: String,
}

fn yes() -> bool {
    true
}

impl ProjectV1 {
    pub fn migrate(self) -> Project {
        Project {
            format_version: crate::model::FORMAT_VERSION,
            programme: self.programme,
            modules: self.modules,
            option_groups: self.option_groups,
            mappings: self
                .mappings
                .into_iter()
                .map(|m| Mapping {
                    module: m.module,
                    ksb: KsbRef::new(m.ksb.standard, m.ksb.code),
                    coverage: m.coverage,
                    taught: m.taught,
                    assessed: m.assessed,
                    note: m.note,
                    workplace_reason: m.workplace_reason,
                    outcomes: Vec::new(),
                    review: false,
                })
                .collect(),
            standards: self.standards,
            dismissed: Vec::new(),
            migrations: Vec::new(),
            comments: Vec::new(),
            duty_reviews: Vec::new(),
            sign_offs: Vec::new(),
            change_log: Vec::new(),
            merge_conflicts: Vec::new(),
            copy_base: None,
        }
    }
}
