//! A programme being edited as text fields: checked cheaply as it is typed, and turned
//! into a project edit whenever it is valid (see `draft_edit`).

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{
    Assessment, Award, LearningOutcome, MAX_MODULE_CREDITS, MODULE_LEVELS, Module, ModuleStatus, OptionGroup, Project,
};

/// One module row as typed; numbers stay text until applied, so a half-typed value is kept.
/// Serialised into the edit journal, so a crash keeps a row that cannot be applied yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleRow {
    /// The code the module had when the editor opened: applying starts from that module, so what
    /// the editor does not show (any field added later) is kept, and its mappings, dismissed
    /// suggestions and comment threads follow a rename. `None` for a row added here.
    pub original: Option<String>,
    pub code: String,
    pub title: String,
    /// What the module teaches, in the module specification's words; suggestions read it.
    #[serde(default)]
    pub description: String,
    pub level: String,
    pub credits: String,
    pub status: ModuleStatus,
    pub group: String,
    pub work_based: bool,
    /// Learning outcomes and assessments, edited in place.
    pub outcomes: Vec<LearningOutcome>,
    pub assessments: Vec<Assessment>,
}

impl ModuleRow {
    /// A new module: code and title empty for the user to type, level and credits those of
    /// the row before it (a programme adds modules level by level), or Level 4, 20 credits.
    pub fn new(before: Option<&ModuleRow>) -> Self {
        Self {
            original: None,
            code: String::new(),
            title: String::new(),
            description: String::new(),
            level: before.map_or_else(|| "4".into(), |r| r.level.trim().to_string()),
            credits: before.map_or_else(|| "20".into(), |r| r.credits.trim().to_string()),
            status: ModuleStatus::Core,
            group: String::new(),
            work_based: false,
            outcomes: Vec::new(),
            assessments: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeDraft {
    pub title: String,
    pub award: String,
    pub awarding_body: String,
    pub rows: Vec<ModuleRow>,
    /// Option groups as (name, how many to choose), in the order first used.
    pub groups: Vec<(String, String)>,
}

/// The field of a module row a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftField {
    Code,
    Title,
    Level,
    Credits,
    Group,
}

impl DraftField {
    pub fn label(self) -> &'static str {
        match self {
            DraftField::Code => "code",
            DraftField::Title => "title",
            DraftField::Level => "level",
            DraftField::Credits => "credits",
            DraftField::Group => "option group",
        }
    }
}

/// Something that stops a draft being applied. Rows count from 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftProblem {
    EmptyCode {
        row: usize,
    },
    DuplicateCode {
        row: usize,
        code: String,
    },
    EmptyTitle {
        row: usize,
    },
    BadLevel {
        row: usize,
        value: String,
    },
    BadCredits {
        row: usize,
        value: String,
    },
    /// Only optional modules belong to an option group.
    CoreInGroup {
        row: usize,
    },
    BadGroupChoose {
        group: String,
        value: String,
    },
    GroupChooseTooMany {
        group: String,
        choose: u32,
        modules: usize,
    },
}

impl DraftProblem {
    /// The module row, for problems in one.
    pub fn row(&self) -> Option<usize> {
        match self {
            DraftProblem::EmptyCode { row }
            | DraftProblem::DuplicateCode { row, .. }
            | DraftProblem::EmptyTitle { row }
            | DraftProblem::BadLevel { row, .. }
            | DraftProblem::BadCredits { row, .. }
            | DraftProblem::CoreInGroup { row } => Some(*row),
            DraftProblem::BadGroupChoose { .. } | DraftProblem::GroupChooseTooMany { .. } => None,
        }
    }

    /// The field of the module row, for problems in one.
    pub fn field(&self) -> Option<DraftField> {
        Some(match self {
            DraftProblem::EmptyCode { .. } | DraftProblem::DuplicateCode { .. } => DraftField::Code,
            DraftProblem::EmptyTitle { .. } => DraftField::Title,
            DraftProblem::BadLevel { .. } => DraftField::Level,
            DraftProblem::BadCredits { .. } => DraftField::Credits,
            DraftProblem::CoreInGroup { .. } => DraftField::Group,
            DraftProblem::BadGroupChoose { .. } | DraftProblem::GroupChooseTooMany { .. } => return None,
        })
    }

    /// The option group, for problems with one.
    pub fn group(&self) -> Option<&str> {
        match self {
            DraftProblem::BadGroupChoose { group, .. } | DraftProblem::GroupChooseTooMany { group, .. } => Some(group),
            _ => None,
        }
    }

    /// What is wrong, without saying where.
    pub fn message(&self) -> String {
        match self {
            DraftProblem::EmptyCode { .. } => "needs a code".into(),
            DraftProblem::DuplicateCode { code, .. } => format!("{code} is used twice"),
            DraftProblem::EmptyTitle { .. } => "needs a title".into(),
            DraftProblem::BadLevel { value, .. } => format!(
                "`{value}` is not an FHEQ level ({} to {})",
                MODULE_LEVELS.start(),
                MODULE_LEVELS.end()
            ),
            DraftProblem::BadCredits { value, .. } => {
                format!("`{value}` is not a number of credits (0 to {MAX_MODULE_CREDITS})")
            }
            DraftProblem::CoreInGroup { .. } => "only optional modules belong to a group".into(),
            DraftProblem::BadGroupChoose { value, .. } => format!("`{value}` is not a number to choose"),
            DraftProblem::GroupChooseTooMany { choose, modules, .. } => {
                format!("choose {choose} but the group has {modules} module(s)")
            }
        }
    }
}

impl fmt::Display for DraftProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row(), self.field(), self.group()) {
            (Some(row), Some(field), _) => write!(f, "row {} {}: {}", row + 1, field.label(), self.message()),
            (_, _, Some(group)) => write!(f, "group {group}: {}", self.message()),
            _ => f.write_str(&self.message()),
        }
    }
}

impl ProgrammeDraft {
    pub fn from_project(p: &Project) -> Self {
        Self {
            title: p.programme.title.clone(),
            award: p.programme.award.to_string(),
            awarding_body: p.programme.awarding_body.clone(),
            rows: p
                .modules
                .iter()
                .map(|m| ModuleRow {
                    original: Some(m.code.clone()),
                    code: m.code.clone(),
                    title: m.title.clone(),
                    description: m.description.clone(),
                    level: m.level.to_string(),
                    credits: m.credits.to_string(),
                    status: m.status,
                    group: m.group.clone().unwrap_or_default(),
                    work_based: m.work_based,
                    outcomes: m.outcomes.clone(),
                    assessments: m.assessments.clone(),
                })
                .collect(),
            groups: p
                .option_groups
                .iter()
                .map(|g| (g.name.clone(), g.choose.to_string()))
                .collect(),
        }
    }

    /// Everything that stops the draft being applied, rows first; cheap enough for every frame.
    pub fn validate(&self) -> Vec<DraftProblem> {
        let mut out = Vec::new();
        // Of two rows with one code, the one typed here (a new code, or a row added) is the
        // one to mark: the row that already had the code is not the mistake.
        let mut by_code: HashMap<String, Vec<usize>> = HashMap::new();
        for (row, r) in self.rows.iter().enumerate() {
            by_code.entry(super::module_code_key(&r.code)).or_default().push(row);
        }
        let typed = |row: usize| {
            self.rows
                .get(row)
                .is_some_and(|r| r.original.as_deref() != Some(r.code.trim()))
        };
        let duplicate = |row: usize, code: &str| {
            let rows = by_code
                .get(&super::module_code_key(code))
                .map_or(&[][..], Vec::as_slice);
            let first = rows.first() == Some(&row);
            rows.len() > 1
                && if rows.iter().any(|&r| typed(r)) {
                    typed(row)
                } else {
                    !first
                }
        };
        for (row, r) in self.rows.iter().enumerate() {
            let code = r.code.trim();
            if code.is_empty() {
                out.push(DraftProblem::EmptyCode { row });
            } else if duplicate(row, code) {
                out.push(DraftProblem::DuplicateCode {
                    row,
                    code: code.to_string(),
                });
            }
            if r.title.trim().is_empty() {
                out.push(DraftProblem::EmptyTitle { row });
            }
            // The same bounds a project file is checked against when it loads.
            if !r.level.trim().parse::<u8>().is_ok_and(|l| MODULE_LEVELS.contains(&l)) {
                out.push(DraftProblem::BadLevel {
                    row,
                    value: r.level.clone(),
                });
            }
            if !r.credits.trim().parse::<u32>().is_ok_and(|c| c <= MAX_MODULE_CREDITS) {
                out.push(DraftProblem::BadCredits {
                    row,
                    value: r.credits.clone(),
                });
            }
            if r.status == ModuleStatus::Core && !r.group.trim().is_empty() {
                out.push(DraftProblem::CoreInGroup { row });
            }
        }
        for (name, choose) in &self.groups {
            let modules = self.rows.iter().filter(|r| r.group.trim() == name).count();
            match choose.trim().parse::<u32>() {
                Ok(n) if n > 0 && n as usize <= modules => {}
                Ok(n) if n > 0 => out.push(DraftProblem::GroupChooseTooMany {
                    group: name.clone(),
                    choose: n,
                    modules,
                }),
                _ => out.push(DraftProblem::BadGroupChoose {
                    group: name.clone(),
                    value: choose.clone(),
                }),
            }
        }
        out
    }

    /// Keeps the group list in step with the groups the rows name, new ones choosing 1.
    pub fn sync_groups(&mut self) {
        for r in &self.rows {
            let g = r.group.trim();
            if !g.is_empty() && !self.groups.iter().any(|(n, _)| n == g) {
                self.groups.push((g.to_string(), "1".to_string()));
            }
        }
        let rows = &self.rows;
        self.groups.retain(|(n, _)| rows.iter().any(|r| r.group.trim() == n));
    }

    /// The rows whose level and credits are valid, as modules, and the option groups as typed:
    /// enough to total credits by level and route while the draft is still being edited.
    pub fn parsed_modules(&self) -> (Vec<Module>, Vec<OptionGroup>) {
        let modules = self
            .rows
            .iter()
            .filter_map(|r| {
                Some(Module {
                    code: r.code.trim().to_string(),
                    title: r.title.trim().to_string(),
                    description: r.description.trim().to_string(),
                    level: r.level.trim().parse().ok().filter(|l| MODULE_LEVELS.contains(l))?,
                    credits: r.credits.trim().parse().ok().filter(|&c| c <= MAX_MODULE_CREDITS)?,
                    status: r.status,
                    group: Some(r.group.trim().to_string()).filter(|g| !g.is_empty()),
                    work_based: r.work_based,
                    outcomes: r.outcomes.clone(),
                    assessments: r.assessments.clone(),
                })
            })
            .collect();
        let groups = self
            .groups
            .iter()
            .map(|(name, choose)| OptionGroup {
                name: name.clone(),
                choose: choose.trim().parse().unwrap_or(1),
            })
            .collect();
        (modules, groups)
    }

    /// Credits of the rows whose credits are a number.
    pub fn credits(&self) -> u32 {
        self.rows
            .iter()
            .filter_map(|r| r.credits.trim().parse::<u32>().ok())
            .sum()
    }

    /// The project with this draft applied, or every problem that stops it.
    pub fn apply(&self, p: &Project) -> Result<Project, Vec<DraftProblem>> {
        let problems = self.validate();
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut next = p.clone();
        next.programme.title = self.title.trim().to_string();
        next.programme.award = Award::parse(&self.award);
        next.programme.awarding_body = self.awarding_body.trim().to_string();
        // Validation passed, so the numbers parse; the fallbacks are never used.
        // Each row starts from the module it came from, so what the editor does not show
        // (any field added later) is carried over unchanged.
        next.modules = self
            .rows
            .iter()
            .map(|r| {
                let from = r.original.as_deref().and_then(|o| p.module(o));
                let mut m = from.cloned().unwrap_or_else(|| Module {
                    code: String::new(),
                    title: String::new(),
                    description: String::new(),
                    level: 4,
                    credits: 0,
                    status: r.status,
                    group: None,
                    work_based: false,
                    outcomes: Vec::new(),
                    assessments: Vec::new(),
                });
                m.code = r.code.trim().to_string();
                m.title = r.title.trim().to_string();
                m.description = r.description.trim().to_string();
                m.level = r.level.trim().parse().unwrap_or(m.level);
                m.credits = r.credits.trim().parse().unwrap_or(m.credits);
                m.status = r.status;
                m.group = Some(r.group.trim().to_string()).filter(|g| !g.is_empty());
                m.work_based = r.work_based;
                m.outcomes = r.outcomes.clone();
                m.assessments = r.assessments.clone();
                m
            })
            .collect();
        // A new award brings its rule's credits and level; an edit of anything else leaves
        // them as the file has them, so a title edit changes the title alone.
        if next.programme.award != p.programme.award
            && let Some(rule) = next.programme.award.rule()
        {
            next.programme.total_credits = rule.total_credits;
            next.programme.level = rule.max_level;
        }
        // Carry mappings, dismissals and comment threads over renames; drop the mappings and
        // dismissals of deleted modules (their threads stay, shown as on a removed module).
        let renames: HashMap<&str, &str> = self
            .rows
            .iter()
            .filter_map(|r| r.original.as_deref().map(|o| (o, r.code.trim())))
            .collect();
        super::ops::remap_module_codes(&mut next, |module| renames.get(module).map(|new| new.to_string()));
        super::ops::rehome_orphaned_threads(&mut next, p);
        // An outcome deleted here carries no KSB any more: its code leaves its module's
        // mappings, so an outcome added later under the same code starts with none.
        let gone: HashSet<(&str, &str)> = self
            .rows
            .iter()
            .filter_map(|r| Some((r, p.module(r.original.as_deref()?)?)))
            .flat_map(|(r, before)| {
                before
                    .outcomes
                    .iter()
                    .filter(|o| !r.outcomes.iter().any(|n| n.code == o.code))
                    .map(|o| (r.code.trim(), o.code.as_str()))
            })
            .collect();
        if !gone.is_empty() {
            next.mappings
                .retain_outcomes(|module, code| !gone.contains(&(module, code)));
        }
        let mut groups: Vec<OptionGroup> = Vec::new();
        for name in next.modules.iter().filter_map(|m| m.group.as_deref()) {
            if groups.iter().any(|g| g.name == name) {
                continue;
            }
            let choose = self
                .groups
                .iter()
                .find(|(n, _)| n == name)
                .and_then(|(_, c)| c.trim().parse().ok())
                .unwrap_or(1);
            groups.push(OptionGroup {
                name: name.to_string(),
                choose,
            });
        }
        next.option_groups = groups;
        Ok(next)
    }
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
