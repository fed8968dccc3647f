//! Resolving one merge conflict: take mine, take theirs, keep the value the project holds now
//! (after editing it), or give a cell's mapping. A structural edit in place: the app applies
//! it to a copy and records that as one undoable edit, as it does the other `ops`.

use super::conflict::MergeConflict;
use super::fields::{copy_mapping_field, copy_module_field, copy_programme_field};
use super::mapping::Mapping;
use super::project::Project;

/// How to settle a conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// This copy's side, as it was before the merge.
    Mine,
    /// The other copy's side.
    Theirs,
    /// What the project holds now: the working value, perhaps edited since.
    Current,
    /// For a cell: this mapping, or no mapping.
    Cell(Option<Mapping>),
}

impl Choice {
    pub fn label(&self) -> &'static str {
        match self {
            Choice::Mine => "Take mine",
            Choice::Theirs => "Take theirs",
            Choice::Current => "Keep as edited",
            Choice::Cell(_) => "Set",
        }
    }
}

/// Why a conflict cannot be resolved so.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("there is no merge conflict {0} in this project; it may be resolved already")]
    NoSuchConflict(String),
    #[error("{0} is not a cell: choose mine, theirs or the value it holds now")]
    NotACell(String),
    #[error("the mapping given is for {given}, not for {cell}")]
    OtherCell { cell: String, given: String },
}

/// Resolves the conflict whose id is `id` (see [`MergeConflict::id`]) and removes it from
/// the project; returns what the edit did, for the undo history: `Take theirs: M401 × ST0215/K1`.
pub fn resolve_conflict(project: &mut Project, id: &str, choice: Choice) -> Result<String, ResolveError> {
    let Some(at) = project.merge_conflicts.iter().position(|c| c.id() == id) else {
        return Err(ResolveError::NoSuchConflict(id.to_string()));
    };
    let conflict = project.merge_conflicts.remove(at);
    let label = format!("{}: {}", choice.label(), conflict.label());
    let applied = apply(project, &conflict, choice);
    if applied.is_err() {
        project.merge_conflicts.insert(at, conflict);
    }
    applied.map(|()| label)
}

fn apply(project: &mut Project, conflict: &MergeConflict, choice: Choice) -> Result<(), ResolveError> {
    let mine = matches!(choice, Choice::Mine);
    match (conflict, choice) {
        (_, Choice::Current) => {}
        (MergeConflict::Mapping { module, ksb, .. }, Choice::Cell(value)) => match value {
            Some(m) if (m.module.as_str(), &m.ksb) != (module.as_str(), ksb) => {
                return Err(ResolveError::OtherCell {
                    cell: conflict.label(),
                    given: format!("{} × {}", m.module, m.ksb),
                });
            }
            Some(m) => {
                project.set_mapping(m);
            }
            None => {
                project.remove_mapping(module, ksb);
            }
        },
        (_, Choice::Cell(_)) => return Err(ResolveError::NotACell(conflict.label())),
        (
            MergeConflict::Mapping {
                module,
                ksb,
                fields,
                mine: m,
                theirs: t,
            },
            _,
        ) => {
            let (side, other) = if mine { (m, t) } else { (t, m) };
            match (side, other, project.mapping(module, ksb).cloned()) {
                (None, _, _) => {
                    project.remove_mapping(module, ksb);
                }
                (Some(side), Some(_), Some(mut now)) => {
                    for f in fields {
                        copy_mapping_field(&mut now, side, f);
                    }
                    project.set_mapping(now);
                }
                (Some(side), _, _) => {
                    project.set_mapping(side.clone());
                }
            }
        }
        (
            MergeConflict::Module {
                code,
                fields,
                mine: m,
                theirs: t,
            },
            _,
        ) => {
            let (side, other) = if mine { (m, t) } else { (t, m) };
            let at = project.module_index(code);
            match (side, other, at.and_then(|i| project.modules.get_mut(i))) {
                (None, _, _) => remove_module(project, code),
                (Some(side), Some(_), Some(now)) => {
                    for f in fields {
                        copy_module_field(now, side, f);
                    }
                }
                (Some(side), _, Some(now)) => *now = side.clone(),
                (Some(side), _, None) => project.modules.push(side.clone()),
            }
        }
        (
            MergeConflict::Programme {
                fields,
                mine: m,
                theirs: t,
            },
            _,
        ) => {
            let side = if mine { m } else { t };
            for f in fields {
                copy_programme_field(&mut project.programme, side, f);
            }
        }
        (
            MergeConflict::OptionGroup {
                name,
                mine: m,
                theirs: t,
            },
            _,
        ) => {
            let side = if mine { m } else { t };
            let at = project.option_groups.iter().position(|g| &g.name == name);
            match (side, at) {
                (None, Some(i)) => {
                    project.option_groups.remove(i);
                }
                (None, None) => {}
                (Some(g), Some(i)) => project.option_groups[i] = g.clone(),
                (Some(g), None) => project.option_groups.push(g.clone()),
            }
        }
        (
            MergeConflict::Standard {
                reference,
                mine: m,
                theirs: t,
            },
            _,
        ) => {
            let side = if mine { m } else { t };
            let at = project.standards.iter().position(|s| &s.reference == reference);
            match (side, at) {
                (None, _) => {
                    super::ops::remove_standard(project, reference);
                }
                (Some(s), Some(i)) => project.standards[i] = s.clone(),
                (Some(s), None) => {
                    project.standards.push(s.clone());
                    if !project.programme.standards.contains(reference) {
                        project.programme.standards.push(reference.clone());
                    }
                }
            }
        }
    }
    Ok(())
}

/// Removes a module, its mappings and the conflicts on its cells: the side taken deleted it.
fn remove_module(project: &mut Project, code: &str) {
    project.modules.retain(|m| m.code != code);
    project.mappings.retain(|m| m.module != code);
    project
        .merge_conflicts
        .retain(|c| c.cell().is_none_or(|(module, _)| module != code));
}
