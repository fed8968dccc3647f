//! Edits to the project: each applies itself and returns its inverse, which is how undo works.

use serde::{Deserialize, Serialize};

use super::{DutyReview, KsbRef, Mapping, Module, OptionGroup, Programme, Project, Thread};

/// One cell of the mapping grid set to a mapping, or cleared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellEdit {
    pub module: String,
    pub ksb: KsbRef,
    pub mapping: Option<Mapping>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Sets cells; the common, cheap edit.
    Cells(Vec<CellEdit>),
    /// Replaces the whole project: for structural edits to modules, standards or the programme.
    Project(Box<Project>),
    /// Replaces the programme's details, modules and option groups: an edit made in the modules
    /// editor that renames and deletes no module, journalled without the standards and mappings.
    Programme(Box<ProgrammeParts>),
    /// Dismisses a suggested cell, or takes the dismissal back.
    Dismiss {
        module: String,
        ksb: KsbRef,
        dismissed: bool,
    },
    /// Replaces the review records: the comment threads and the duties' review statuses.
    /// Comments are edited without copying (or journalling) the whole project.
    Review {
        comments: Vec<Thread>,
        duty_reviews: Vec<DutyReview>,
    },
}

/// What [`Edit::Programme`] replaces.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeParts {
    pub programme: Programme,
    pub modules: Vec<Module>,
    pub option_groups: Vec<OptionGroup>,
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it.
    pub fn apply(self, project: &mut Project) -> Edit {
        match self {
            Edit::Cells(cells) => {
                let mut inverse = Vec::with_capacity(cells.len());
                for c in cells {
                    let old = match c.mapping {
                        Some(m) => project.set_mapping(m),
                        None => project.remove_mapping(&c.module, &c.ksb),
                    };
                    inverse.push(CellEdit {
                        module: c.module,
                        ksb: c.ksb,
                        mapping: old,
                    });
                }
                // Undo must restore in reverse order when a batch touches a cell twice.
                inverse.reverse();
                Edit::Cells(inverse)
            }
            Edit::Project(mut p) => {
                // The change log records saves, not edits: undo and redo leave it as it is.
                p.change_log = std::mem::take(&mut project.change_log);
                Edit::Project(Box::new(std::mem::replace(project, *p)))
            }
            Edit::Programme(parts) => {
                let ProgrammeParts {
                    programme,
                    modules,
                    option_groups,
                } = *parts;
                Edit::Programme(Box::new(ProgrammeParts {
                    programme: std::mem::replace(&mut project.programme, programme),
                    modules: std::mem::replace(&mut project.modules, modules),
                    option_groups: std::mem::replace(&mut project.option_groups, option_groups),
                }))
            }
            Edit::Dismiss { module, ksb, dismissed } => {
                let was = project.set_dismissed(&module, &ksb, dismissed);
                Edit::Dismiss {
                    module,
                    ksb,
                    dismissed: was,
                }
            }
            Edit::Review { comments, duty_reviews } => Edit::Review {
                comments: std::mem::replace(&mut project.comments, comments),
                duty_reviews: std::mem::replace(&mut project.duty_reviews, duty_reviews),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Coverage;

    #[test]
    fn cells_undo_to_the_same_project() {
        let mut p = crate::sample::sample_project().unwrap();
        let before = p.clone();
        let k = KsbRef::new("ST0215", "K23".parse().unwrap());
        let edit = Edit::Cells(vec![
            CellEdit {
                module: "HSC502".into(),
                ksb: k.clone(),
                mapping: Some(Mapping::new("HSC502", k.clone(), Coverage::Full)),
            },
            CellEdit {
                module: "HSC502".into(),
                ksb: k.clone(),
                mapping: Some(Mapping::new("HSC502", k.clone(), Coverage::Partial)),
            },
            CellEdit {
                module: "HSC401".into(),
                ksb: KsbRef::new("ST0215", "K5".parse().unwrap()),
                mapping: None,
            },
        ]);
        let inverse = edit.apply(&mut p);
        assert_eq!(p.mapping("HSC502", &k).map(|m| m.coverage), Some(Coverage::Partial));
        let redo = inverse.apply(&mut p);
        assert_eq!(p, before);
        redo.apply(&mut p);
        assert_eq!(p.mapping("HSC502", &k).map(|m| m.coverage), Some(Coverage::Partial));
    }
}
