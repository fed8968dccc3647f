//! A project: one file holding everything a reviewer needs offline.

use serde::{Deserialize, Serialize};

use super::conflict::{CopyBase, MergeConflict};
use super::ksb::Ksb;
use super::mapping::{DutyRef, KsbRef, Mapping, Mappings};
use super::migration::MigrationRecord;
use super::programme::{Module, OptionGroup, Programme};
use super::review::{ChangeLogEntry, DutyReview, SignOff, Thread};
use super::standard::{Duty, Standard};

/// The project file format this build writes. Format 1 wrote each mapping's KSB as a
/// `(standard, code)` struct; format 2 writes it as one string; format 3 writes each mapping on
/// one line and leaves out fields at their defaults (`taught: true`, `assessed: false`).
/// Older formats load and migrate.
pub const FORMAT_VERSION: u32 = 3;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub format_version: u32,
    pub programme: Programme,
    /// In the order the provider lists them; the grid shows them so.
    pub modules: Vec<Module>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub option_groups: Vec<OptionGroup>,
    pub mappings: Mappings,
    /// A snapshot of each aligned standard, so one file is enough to review offline.
    pub standards: Vec<Standard>,
    /// Each move of a standard to another of its versions, oldest first: from which version,
    /// and what was carried, marked for review, dropped and added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub migrations: Vec<MigrationRecord>,
    /// Suggestions a person turned down, so they are not offered again; sorted and unique.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<Dismissal>,
    /// Comment threads on cells, KSBs, duties, modules and the programme.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Thread>,
    /// Each duty's review status, where one was set; sorted by duty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duty_reviews: Vec<DutyReview>,
    /// Sign-offs of the whole mapping, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sign_offs: Vec<SignOff>,
    /// One entry per save that changed something, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub change_log: Vec<ChangeLogEntry>,
    /// What a merge of two copies left undecided; `check` fails while any is left.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merge_conflicts: Vec<MergeConflict>,
    /// In a copy sent for editing: the content it started from, the base of a merge back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_base: Option<CopyBase>,
}

/// A suggested cell someone dismissed: this module does not teach this KSB.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dismissal {
    pub module: String,
    pub ksb: KsbRef,
}

impl Project {
    pub fn new(programme: Programme) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            programme,
            modules: Vec::new(),
            option_groups: Vec::new(),
            mappings: Mappings::new(),
            standards: Vec::new(),
            migrations: Vec::new(),
            dismissed: Vec::new(),
            comments: Vec::new(),
            duty_reviews: Vec::new(),
            sign_offs: Vec::new(),
            change_log: Vec::new(),
            merge_conflicts: Vec::new(),
            copy_base: None,
        }
    }

    /// Whether the suggestion of this cell was dismissed.
    pub fn is_dismissed(&self, module: &str, ksb: &KsbRef) -> bool {
        self.dismissed
            .binary_search_by(|d| (d.module.as_str(), &d.ksb).cmp(&(module, ksb)))
            .is_ok()
    }

    /// Marks a cell's suggestion dismissed (or not); returns whether it was before.
    pub fn set_dismissed(&mut self, module: &str, ksb: &KsbRef, dismissed: bool) -> bool {
        self.dismissed.sort();
        self.dismissed.dedup();
        match self
            .dismissed
            .binary_search_by(|d| (d.module.as_str(), &d.ksb).cmp(&(module, ksb)))
        {
            Ok(i) => {
                if !dismissed {
                    self.dismissed.remove(i);
                }
                true
            }
            Err(i) => {
                if dismissed {
                    self.dismissed.insert(
                        i,
                        Dismissal {
                            module: module.to_string(),
                            ksb: ksb.clone(),
                        },
                    );
                }
                false
            }
        }
    }

    pub fn standard(&self, reference: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.reference == reference)
    }

    pub fn module(&self, code: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.code == code)
    }

    pub fn module_index(&self, code: &str) -> Option<usize> {
        self.modules.iter().position(|m| m.code == code)
    }

    /// A KSB by its reference: the one lookup the analysis, the grid and the reports share.
    pub fn ksb(&self, r: &KsbRef) -> Option<&Ksb> {
        self.standard(&r.standard)?.ksb(r.code)
    }

    /// A KSB's statement, or "" when the project does not hold it.
    pub fn ksb_text(&self, r: &KsbRef) -> &str {
        self.ksb(r).map_or("", |k| k.text.as_str())
    }

    pub fn duty(&self, r: &DutyRef) -> Option<&Duty> {
        self.standard(&r.standard)?.duty(&r.code)
    }

    /// A duty's statement, or "" when the project does not hold it.
    pub fn duty_text(&self, r: &DutyRef) -> &str {
        self.duty(r).map_or("", |d| d.text.as_str())
    }

    pub fn has_ksb(&self, ksb: &KsbRef) -> bool {
        self.ksb(ksb).is_some()
    }

    /// Every KSB of every aligned standard, in standard then code order.
    pub fn ksb_refs(&self) -> impl Iterator<Item = KsbRef> + '_ {
        self.standards
            .iter()
            .flat_map(|s| s.ksbs.iter().map(move |k| KsbRef::new(s.reference.clone(), k.code)))
    }

    pub fn mapping(&self, module: &str, ksb: &KsbRef) -> Option<&Mapping> {
        self.mappings.get(module, ksb)
    }

    /// Every mapping of one KSB, found by binary search.
    pub fn mappings_of(&self, ksb: &KsbRef) -> &[Mapping] {
        self.mappings.of_ksb(ksb)
    }

    /// How many mappings are to the KSBs of standard `reference`: what removing it takes.
    pub fn mapping_count_of_standard(&self, reference: &str) -> usize {
        self.mappings.iter().filter(|m| m.ksb.standard == reference).count()
    }

    /// Inserts or replaces the mapping for its (module, KSB), returning the one it replaced.
    pub fn set_mapping(&mut self, mapping: Mapping) -> Option<Mapping> {
        self.mappings.set(mapping)
    }

    pub fn remove_mapping(&mut self, module: &str, ksb: &KsbRef) -> Option<Mapping> {
        self.mappings.remove(module, ksb)
    }

    /// The "choose N" record of an option group, if the project has one.
    pub fn option_group(&self, name: &str) -> Option<&OptionGroup> {
        self.option_groups.iter().find(|g| g.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Award, Coverage};

    fn project() -> Project {
        Project::new(Programme {
            title: "T".into(),
            award: Award::FdSc,
            awarding_body: String::new(),
            level: 5,
            total_credits: 240,
            standards: vec!["ST0215".into()],
            occupational_options: Default::default(),
        })
    }

    fn k(s: &str) -> KsbRef {
        KsbRef::new("ST0215", s.parse().unwrap())
    }

    #[test]
    fn mappings_stay_sorted_and_unique() {
        let mut p = project();
        p.set_mapping(Mapping::new("B", k("K2"), Coverage::Full));
        p.set_mapping(Mapping::new("A", k("K10"), Coverage::Full));
        p.set_mapping(Mapping::new("A", k("K2"), Coverage::Partial));
        let old = p.set_mapping(Mapping::new("A", k("K2"), Coverage::Full));
        assert_eq!(old.map(|m| m.coverage), Some(Coverage::Partial));
        let keys: Vec<String> = p.mappings.iter().map(|m| format!("{}:{}", m.ksb, m.module)).collect();
        assert_eq!(keys, ["ST0215/K2:A", "ST0215/K2:B", "ST0215/K10:A"]);
        assert_eq!(p.mappings_of(&k("K2")).len(), 2);
        assert_eq!(p.mappings_of(&k("K3")).len(), 0);
        assert!(p.remove_mapping("A", &k("K2")).is_some());
        assert!(p.mapping("A", &k("K2")).is_none());
    }
}
