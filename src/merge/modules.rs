//! Modules merged field by field (each outcome and assessment a field of its own), and the
//! programme's details likewise.

use std::collections::HashSet;

use super::three_way::{differing, line_up, merge_fields};
use super::{Action, Change, Item, Report, Side};
use crate::model::fields::{
    PROGRAMME_FIELDS, copy_module_field, copy_programme_field, module_field_eq, module_fields, programme_field_eq,
};
use crate::model::{MergeConflict, Module, Programme};

fn change(code: &str, action: Action, fields: Vec<String>) -> Change {
    Change {
        item: Item::Module,
        key: code.to_string(),
        action,
        fields,
    }
}

/// The merged modules. A module one side deleted while the other changed it, or changed its
/// mappings, is a conflict: it stays (as the side that kept it has it) until resolved.
pub fn merge(
    base: &[Module],
    mine: &[Module],
    theirs: &[Module],
    touched_mine: &HashSet<String>,
    touched_theirs: &HashSet<String>,
    report: &mut Report,
) -> Vec<Module> {
    let mut out = Vec::with_capacity(mine.len().max(theirs.len()));
    for l in line_up(base, mine, theirs, |m| m.code.as_str()) {
        let conflict = |mine: Option<&Module>, theirs: Option<&Module>, fields: Vec<String>| MergeConflict::Module {
            code: l.key.to_string(),
            fields,
            mine: mine.cloned(),
            theirs: theirs.cloned(),
        };
        match (l.base, l.mine, l.theirs) {
            (_, None, None) => {
                if l.base.is_some() {
                    report.push(Side::Both, change(l.key, Action::Removed, Vec::new()));
                }
            }
            (None, Some(m), None) => {
                report.push(Side::Mine, change(l.key, Action::Added, Vec::new()));
                out.push(m.clone());
            }
            (None, None, Some(t)) => {
                report.push(Side::Theirs, change(l.key, Action::Added, Vec::new()));
                out.push(t.clone());
            }
            (None, Some(m), Some(t)) => {
                if m == t {
                    report.push(Side::Both, change(l.key, Action::Added, Vec::new()));
                } else {
                    let fields = differing(m, t, module_fields(&[m, t]), module_field_eq);
                    report.conflict(conflict(Some(m), Some(t), fields));
                }
                out.push(m.clone());
            }
            (Some(b), Some(m), None) => {
                if m == b && !touched_mine.contains(l.key) {
                    report.push(Side::Theirs, change(l.key, Action::Removed, Vec::new()));
                } else {
                    report.conflict(conflict(Some(m), None, vec!["module".into()]));
                    out.push(m.clone());
                }
            }
            (Some(b), None, Some(t)) => {
                if t == b && !touched_theirs.contains(l.key) {
                    report.push(Side::Mine, change(l.key, Action::Removed, Vec::new()));
                } else {
                    report.conflict(conflict(None, Some(t), vec!["module".into()]));
                    out.push(t.clone());
                }
            }
            (Some(b), Some(m), Some(t)) => {
                let fields = module_fields(&[b, m, t]);
                let (merged, f) = merge_fields(b, m, t, fields, module_field_eq, copy_module_field);
                report.fields(|| change(l.key, Action::Changed, Vec::new()), &f);
                if !f.conflicts.is_empty() {
                    report.conflict(conflict(Some(m), Some(t), f.conflicts));
                }
                out.push(merged);
            }
        }
    }
    out
}

/// The programme's details, field by field; its list of standards merges as a set, so each
/// side may align to a standard of its own.
pub fn merge_programme(base: &Programme, mine: &Programme, theirs: &Programme, report: &mut Report) -> Programme {
    let (mut out, f) = merge_fields(
        base,
        mine,
        theirs,
        PROGRAMME_FIELDS,
        programme_field_eq,
        copy_programme_field,
    );
    let change = || Change {
        item: Item::Programme,
        key: "programme".into(),
        action: Action::Changed,
        fields: Vec::new(),
    };
    report.fields(change, &f);
    if !f.conflicts.is_empty() {
        report.conflict(MergeConflict::Programme {
            fields: f.conflicts,
            mine: mine.clone(),
            theirs: theirs.clone(),
        });
    }
    out.standards = merge_set(&base.standards, &mine.standards, &theirs.standards);
    for (side, list) in [(Side::Mine, &mine.standards), (Side::Theirs, &theirs.standards)] {
        if *list != base.standards && out.standards != base.standards {
            report.push(
                side,
                Change {
                    fields: vec!["standards".into()],
                    ..change()
                },
            );
        }
    }
    out
}

/// A list as a set: what either side added is in, what either removed is out; mine's order,
/// then theirs' additions.
fn merge_set(base: &[String], mine: &[String], theirs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = mine
        .iter()
        .filter(|x| theirs.contains(x) || !base.contains(x))
        .cloned()
        .collect();
    for x in theirs {
        if !base.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}
