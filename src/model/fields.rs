//! An item's fields by name: which differ between two copies, and copying one across. A merge
//! decides field by field, and resolving a conflict takes the named fields from one side; both
//! go through these tables, so the two cannot disagree on what a field is.

use super::mapping::Mapping;
use super::programme::{Module, Programme};

/// A mapping's fields, as `compare` and merge conflicts name them.
pub const MAPPING_FIELDS: [&str; 7] = [
    "coverage",
    "taught",
    "assessed",
    "note",
    "workplace_reason",
    "outcomes",
    "review",
];

/// Whether a mapping's field holds the same in `a` and `b` (an unknown name: yes).
pub fn mapping_field_eq(a: &Mapping, b: &Mapping, field: &str) -> bool {
    match field {
        "coverage" => a.coverage == b.coverage,
        "taught" => a.taught == b.taught,
        "assessed" => a.assessed == b.assessed,
        "note" => a.note == b.note,
        "workplace_reason" => a.workplace_reason == b.workplace_reason,
        "outcomes" => a.outcomes == b.outcomes,
        "review" => a.review == b.review,
        _ => true,
    }
}

/// Copies one field of `from` into `to`.
pub fn copy_mapping_field(to: &mut Mapping, from: &Mapping, field: &str) {
    match field {
        "coverage" => to.coverage = from.coverage,
        "taught" => to.taught = from.taught,
        "assessed" => to.assessed = from.assessed,
        "note" => to.note.clone_from(&from.note),
        "workplace_reason" => to.workplace_reason.clone_from(&from.workplace_reason),
        "outcomes" => to.outcomes.clone_from(&from.outcomes),
        "review" => to.review = from.review,
        _ => {}
    }
}

/// A module's own fields; its outcomes and assessments are fields one each, `outcome LO2`
/// and `assessment A1` (see [`module_fields`]).
pub const MODULE_FIELDS: [&str; 7] = [
    "title",
    "description",
    "level",
    "credits",
    "status",
    "group",
    "work_based",
];

const OUTCOME: &str = "outcome ";
const ASSESSMENT: &str = "assessment ";

/// Every field of the modules given: the plain ones, then one per outcome and assessment code
/// any of them has, in the order the modules list them.
pub fn module_fields(modules: &[&Module]) -> Vec<String> {
    let mut out: Vec<String> = MODULE_FIELDS.iter().map(|f| f.to_string()).collect();
    let mut add = |name: String| {
        if !out.contains(&name) {
            out.push(name);
        }
    };
    for m in modules {
        for o in &m.outcomes {
            add(format!("{OUTCOME}{}", o.code));
        }
    }
    for m in modules {
        for a in &m.assessments {
            add(format!("{ASSESSMENT}{}", a.code));
        }
    }
    out
}

/// Whether a module's field holds the same in `a` and `b` (an unknown name: yes).
pub fn module_field_eq(a: &Module, b: &Module, field: &str) -> bool {
    if let Some(code) = field.strip_prefix(OUTCOME) {
        return a.outcomes.iter().find(|o| o.code == code) == b.outcomes.iter().find(|o| o.code == code);
    }
    if let Some(code) = field.strip_prefix(ASSESSMENT) {
        return a.assessments.iter().find(|x| x.code == code) == b.assessments.iter().find(|x| x.code == code);
    }
    match field {
        "title" => a.title == b.title,
        "description" => a.description == b.description,
        "level" => a.level == b.level,
        "credits" => a.credits == b.credits,
        "status" => a.status == b.status,
        "group" => a.group == b.group,
        "work_based" => a.work_based == b.work_based,
        _ => true,
    }
}

/// Copies one field of `from` into `to`: an outcome or assessment `from` lacks is removed, one
/// `to` lacks is put where `from` has it.
pub fn copy_module_field(to: &mut Module, from: &Module, field: &str) {
    if let Some(code) = field.strip_prefix(OUTCOME) {
        copy_keyed(&mut to.outcomes, &from.outcomes, |o| o.code == code);
        return;
    }
    if let Some(code) = field.strip_prefix(ASSESSMENT) {
        copy_keyed(&mut to.assessments, &from.assessments, |a| a.code == code);
        return;
    }
    match field {
        "title" => to.title.clone_from(&from.title),
        "description" => to.description.clone_from(&from.description),
        "level" => to.level = from.level,
        "credits" => to.credits = from.credits,
        "status" => to.status = from.status,
        "group" => to.group.clone_from(&from.group),
        "work_based" => to.work_based = from.work_based,
        _ => {}
    }
}

/// Makes the item `is` picks out in `to` what it is in `from`: replaced, added at `from`'s
/// place, or removed.
fn copy_keyed<T: Clone>(to: &mut Vec<T>, from: &[T], is: impl Fn(&T) -> bool) {
    let at_from = from.iter().position(&is);
    let at_to = to.iter().position(&is);
    match (at_from.and_then(|i| from.get(i)), at_to) {
        (Some(item), Some(i)) => {
            if let Some(slot) = to.get_mut(i) {
                *slot = item.clone();
            }
        }
        (Some(item), None) => {
            let i = at_from.unwrap_or(to.len()).min(to.len());
            to.insert(i, item.clone());
        }
        (None, Some(i)) => {
            to.remove(i);
        }
        (None, None) => {}
    }
}

/// The programme's fields a merge decides one by one; its standards merge as a list.
pub const PROGRAMME_FIELDS: [&str; 6] = [
    "title",
    "award",
    "awarding_body",
    "level",
    "total_credits",
    "occupational_options",
];

pub fn programme_field_eq(a: &Programme, b: &Programme, field: &str) -> bool {
    match field {
        "title" => a.title == b.title,
        "award" => a.award == b.award,
        "awarding_body" => a.awarding_body == b.awarding_body,
        "level" => a.level == b.level,
        "total_credits" => a.total_credits == b.total_credits,
        "occupational_options" => a.occupational_options == b.occupational_options,
        "standards" => a.standards == b.standards,
        _ => true,
    }
}

pub fn copy_programme_field(to: &mut Programme, from: &Programme, field: &str) {
    match field {
        "title" => to.title.clone_from(&from.title),
        "award" => to.award.clone_from(&from.award),
        "awarding_body" => to.awarding_body.clone_from(&from.awarding_body),
        "level" => to.level = from.level,
        "total_credits" => to.total_credits = from.total_credits,
        "occupational_options" => to.occupational_options.clone_from(&from.occupational_options),
        "standards" => to.standards.clone_from(&from.standards),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LearningOutcome, ModuleStatus};

    fn module(outcomes: &[&str]) -> Module {
        Module {
            code: "M1".into(),
            title: "T".into(),
            description: String::new(),
            level: 4,
            credits: 20,
            status: ModuleStatus::Core,
            group: None,
            work_based: false,
            outcomes: outcomes
                .iter()
                .map(|c| LearningOutcome {
                    code: c.to_string(),
                    text: format!("text of {c}"),
                })
                .collect(),
            assessments: Vec::new(),
        }
    }

    #[test]
    fn an_outcome_copies_to_its_place_and_a_missing_one_is_removed() {
        let mut to = module(&["LO1", "LO3"]);
        let from = module(&["LO1", "LO2", "LO3"]);
        assert!(!module_field_eq(&to, &from, "outcome LO2"));
        copy_module_field(&mut to, &from, "outcome LO2");
        assert_eq!(to, from);
        copy_module_field(&mut to, &module(&["LO1"]), "outcome LO3");
        let codes: Vec<&str> = to.outcomes.iter().map(|o| o.code.as_str()).collect();
        assert_eq!(codes, ["LO1", "LO2"]);
        let fields = module_fields(&[&from, &module(&["LO4"])]);
        assert_eq!(fields.len(), MODULE_FIELDS.len() + 4);
        assert_eq!(fields.last().map(String::as_str), Some("outcome LO4"));
    }
}
