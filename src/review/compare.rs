//! What changed between two copies of a project: the programme's details, modules, mappings
//! and standards.
//!
//! Modules are matched by code, mappings by (module code, KSB reference) and standards by
//! reference. Every list comes sorted by its key, so the same two files always give the same
//! comparison, whatever order they list things in.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::model::{KsbRef, Mapping, Module, Project};

mod programme;
mod standards;
use programme::programme_fields;
use standards::compare_standards;

/// Everything that differs between an old copy (`a`) and a new one (`b`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The programme's own fields (title, award, credits, aligned standards, occupational
    /// options, option groups): all part of what a sign-off signs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub programme: Vec<FieldChange>,
    pub modules: ModuleChanges,
    pub mappings: MappingChanges,
    pub standards: StandardChanges,
}

impl Comparison {
    /// Whether the two copies are the same in everything compared.
    pub fn is_empty(&self) -> bool {
        self.programme.is_empty() && self.modules.is_empty() && self.mappings.is_empty() && self.standards.is_empty()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ModuleChanges {
    pub added: Vec<ModuleId>,
    pub removed: Vec<ModuleId>,
    pub changed: Vec<ModuleChange>,
}

impl ModuleChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A module named by its code and title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ModuleId {
    pub code: String,
    pub title: String,
}

/// A module in both copies whose fields differ; `title` is the new copy's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ModuleChange {
    pub code: String,
    pub title: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MappingChanges {
    pub added: Vec<Mapping>,
    pub removed: Vec<Mapping>,
    pub changed: Vec<MappingChange>,
}

impl MappingChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A cell mapped in both copies whose fields differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MappingChange {
    pub module: String,
    pub ksb: KsbRef,
    pub fields: Vec<FieldChange>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StandardChanges {
    pub added: Vec<StandardId>,
    pub removed: Vec<StandardId>,
    pub changed: Vec<StandardChange>,
}

impl StandardChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A standard named by its reference, title and version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StandardId {
    pub reference: String,
    pub title: String,
    pub version: Option<String>,
}

/// A standard in both copies whose version or content (duties and KSBs) differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StandardChange {
    pub reference: String,
    pub title: String,
    pub fields: Vec<FieldChange>,
    /// What a content change was, as `diff-standard` pairs the statements: "KSBs: 1
    /// reworded (K3), 1 added (K40)", then the same for duties. Empty when only the version
    /// differs, or when the statements are not at hand (a sign-off's record).
    pub statements: Vec<String>,
}

impl StandardChange {
    pub fn without_statements(reference: String, title: String, fields: Vec<FieldChange>) -> Self {
        let statements = Vec::new();
        Self {
            reference,
            title,
            fields,
            statements,
        }
    }
}

/// One field that differs: its name, and its value in each copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub from: FieldValue,
    pub to: FieldValue,
}

/// A field's value, as text, JSON and people read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    None,
    Text(String),
    /// A fixed word such as a coverage or status label, shown without quotes.
    Word(&'static str),
    Number(u64),
    Flag(bool),
    List(Vec<String>),
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::None => f.write_str("none"),
            FieldValue::Text(s) if s.is_empty() => f.write_str("\"\""),
            FieldValue::Text(s) => write!(f, "{s:?}"),
            FieldValue::Word(w) => f.write_str(w),
            FieldValue::Number(n) => write!(f, "{n}"),
            FieldValue::Flag(b) => f.write_str(if *b { "yes" } else { "no" }),
            FieldValue::List(l) if l.is_empty() => f.write_str("none"),
            FieldValue::List(l) => f.write_str(&l.join(" ")),
        }
    }
}

/// Compares an old copy `a` with a new copy `b`.
pub fn compare(a: &Project, b: &Project) -> Comparison {
    Comparison {
        programme: programme_fields(a, b),
        modules: compare_modules(&a.modules, &b.modules),
        mappings: compare_mappings(a, b),
        standards: compare_standards(&a.standards, &b.standards),
    }
}

/// The two sides of a keyed comparison, merged in key order.
enum Side<'a, T> {
    Old(&'a T),
    New(&'a T),
    Both(&'a T, &'a T),
}

fn pair_up<'a, K: Ord, T>(
    a: impl IntoIterator<Item = (K, &'a T)>,
    b: impl IntoIterator<Item = (K, &'a T)>,
) -> Vec<Side<'a, T>> {
    let mut merged: BTreeMap<K, (Option<&'a T>, Option<&'a T>)> = BTreeMap::new();
    for (k, t) in a {
        merged.entry(k).or_default().0.get_or_insert(t);
    }
    for (k, t) in b {
        merged.entry(k).or_default().1.get_or_insert(t);
    }
    merged
        .into_values()
        .filter_map(|sides| match sides {
            (Some(x), Some(y)) => Some(Side::Both(x, y)),
            (Some(x), None) => Some(Side::Old(x)),
            (None, Some(y)) => Some(Side::New(y)),
            (None, None) => None,
        })
        .collect()
}

fn compare_modules(a: &[Module], b: &[Module]) -> ModuleChanges {
    let id = |m: &Module| ModuleId {
        code: m.code.clone(),
        title: m.title.clone(),
    };
    let mut out = ModuleChanges::default();
    for side in pair_up(
        a.iter().map(|m| (m.code.as_str(), m)),
        b.iter().map(|m| (m.code.as_str(), m)),
    ) {
        match side {
            Side::Old(m) => out.removed.push(id(m)),
            Side::New(m) => out.added.push(id(m)),
            Side::Both(x, y) => {
                let fields = module_fields(x, y);
                if !fields.is_empty() {
                    out.changed.push(ModuleChange {
                        code: y.code.clone(),
                        title: y.title.clone(),
                        fields,
                    });
                }
            }
        }
    }
    out
}

/// Collects the fields whose values differ, in the order given.
struct Fields(Vec<FieldChange>);

impl Fields {
    fn check(&mut self, field: &'static str, from: FieldValue, to: FieldValue) {
        if from != to {
            self.0.push(FieldChange { field, from, to });
        }
    }

    /// A field shown by a summary (such as a count) that changed even when the summary did not.
    fn check_summary(&mut self, field: &'static str, differs: bool, from: FieldValue, to: FieldValue) {
        if differs {
            self.0.push(FieldChange { field, from, to });
        }
    }
}

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.to_string())
}

fn module_fields(x: &Module, y: &Module) -> Vec<FieldChange> {
    let mut f = Fields(Vec::new());
    f.check("title", text(&x.title), text(&y.title));
    f.check(
        "level",
        FieldValue::Number(x.level.into()),
        FieldValue::Number(y.level.into()),
    );
    f.check(
        "credits",
        FieldValue::Number(x.credits.into()),
        FieldValue::Number(y.credits.into()),
    );
    f.check(
        "status",
        FieldValue::Word(x.status.label()),
        FieldValue::Word(y.status.label()),
    );
    let group = |g: &Option<String>| g.as_deref().map_or(FieldValue::None, text);
    f.check("group", group(&x.group), group(&y.group));
    f.check(
        "work_based",
        FieldValue::Flag(x.work_based),
        FieldValue::Flag(y.work_based),
    );
    f.check("description", text(&x.description), text(&y.description));
    // Outcomes and assessments are shown by how many there are; any edit to them counts.
    let count = |n: usize| FieldValue::Number(n as u64);
    f.check_summary(
        "outcomes",
        x.outcomes != y.outcomes,
        count(x.outcomes.len()),
        count(y.outcomes.len()),
    );
    f.check_summary(
        "assessments",
        x.assessments != y.assessments,
        count(x.assessments.len()),
        count(y.assessments.len()),
    );
    f.0
}

fn compare_mappings(a: &Project, b: &Project) -> MappingChanges {
    let key = |m: &Mapping| (m.module.clone(), m.ksb.clone());
    let mut out = MappingChanges::default();
    for side in pair_up(
        a.mappings.iter().map(|m| (key(m), m)),
        b.mappings.iter().map(|m| (key(m), m)),
    ) {
        match side {
            Side::Old(m) => out.removed.push(m.clone()),
            Side::New(m) => out.added.push(m.clone()),
            Side::Both(x, y) => {
                let fields = mapping_fields(x, y);
                if !fields.is_empty() {
                    out.changed.push(MappingChange {
                        module: y.module.clone(),
                        ksb: y.ksb.clone(),
                        fields,
                    });
                }
            }
        }
    }
    out
}

fn mapping_fields(x: &Mapping, y: &Mapping) -> Vec<FieldChange> {
    let mut f = Fields(Vec::new());
    f.check(
        "coverage",
        FieldValue::Word(x.coverage.label()),
        FieldValue::Word(y.coverage.label()),
    );
    f.check("workplace_reason", text(&x.workplace_reason), text(&y.workplace_reason));
    f.check("note", text(&x.note), text(&y.note));
    f.check("taught", FieldValue::Flag(x.taught), FieldValue::Flag(y.taught));
    f.check("assessed", FieldValue::Flag(x.assessed), FieldValue::Flag(y.assessed));
    f.check("review", FieldValue::Flag(x.review), FieldValue::Flag(y.review));
    f.check(
        "outcomes",
        FieldValue::List(x.outcomes.clone()),
        FieldValue::List(y.outcomes.clone()),
    );
    f.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Coverage;

    fn sample() -> Project {
        crate::sample::sample_project().expect("the sample loads")
    }

    #[test]
    fn a_project_matches_itself() {
        let p = sample();
        assert!(compare(&p, &p).is_empty());
    }

    #[test]
    fn a_changed_cell_lists_only_the_fields_that_differ() {
        let a = sample();
        let mut b = a.clone();
        let first = b.mappings.first().cloned().expect("the sample has mappings");
        let mut m = first.clone();
        m.coverage = match m.coverage {
            Coverage::Full => Coverage::Partial,
            Coverage::Partial => Coverage::Full,
        };
        m.note = "new note".into();
        b.set_mapping(m);
        let c = compare(&a, &b);
        assert!(c.modules.is_empty() && c.standards.is_empty());
        assert_eq!(c.mappings.changed.len(), 1);
        let fields: Vec<&str> = c.mappings.changed[0].fields.iter().map(|f| f.field).collect();
        assert_eq!(fields, ["coverage", "note"]);
        assert_eq!(c.mappings.changed[0].module, first.module);
    }

    #[test]
    fn outcomes_count_as_changed_even_when_their_number_is_the_same() {
        let a = sample();
        let mut b = a.clone();
        let m = b
            .modules
            .iter_mut()
            .find(|m| !m.outcomes.is_empty())
            .expect("the sample has outcomes");
        m.outcomes[0].text.push_str(" (revised)");
        let c = compare(&a, &b);
        assert_eq!(c.modules.changed.len(), 1);
        assert_eq!(c.modules.changed[0].fields[0].field, "outcomes");
    }

    #[test]
    fn lists_are_in_key_order_whatever_the_files_order() {
        let a = sample();
        let mut b = a.clone();
        b.modules.reverse();
        assert!(compare(&a, &b).is_empty(), "reordering modules is not a change");
        let unmapped = |b: &Project, code: &str| {
            b.ksb_refs()
                .find(|k| b.mapping(code, k).is_none())
                .expect("a free cell")
        };
        // Mappings are stored by KSB then module; compare lists them by module then KSB.
        let (m1, m2) = (a.modules[0].code.clone(), a.modules[1].code.clone());
        let late = b
            .ksb_refs()
            .filter(|k| b.mapping(&m1, k).is_none())
            .last()
            .expect("a free cell");
        let early = unmapped(&b, &m2);
        b.set_mapping(Mapping::new(m2.clone(), early.clone(), Coverage::Full));
        b.set_mapping(Mapping::new(m1.clone(), late.clone(), Coverage::Full));
        let added: Vec<(String, String)> = compare(&a, &b)
            .mappings
            .added
            .iter()
            .map(|m| (m.module.clone(), m.ksb.to_string()))
            .collect();
        assert_eq!(added, [(m1, late.to_string()), (m2, early.to_string())]);
    }
}
