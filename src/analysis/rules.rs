//! Approval rules on levels and credits.

use crate::model::{Award, Module, ModuleStatus, Project};

use super::pathways::Routes;

/// The FHEQ levels a programme's modules may sit at.
pub fn level_range(project: &Project) -> (u8, u8) {
    match project.programme.award.rule() {
        Some(rule) => (rule.min_level, rule.max_level),
        None => (4, project.programme.level.max(4)),
    }
}

/// Credits by level for one route: core modules plus the chosen options.
pub fn credits_by_level(project: &Project, routes: &Routes, chosen: &[usize]) -> Vec<(u8, u32)> {
    credits_by_level_of(&project.modules, routes, chosen)
}

/// Credits by level for one route through `modules`.
pub fn credits_by_level_of(modules: &[Module], routes: &Routes, chosen: &[usize]) -> Vec<(u8, u32)> {
    let mut by_level: Vec<(u8, u32)> = Vec::new();
    for &i in routes.core.iter().chain(chosen) {
        let Some(m) = modules.get(i) else { continue };
        match by_level.iter_mut().find(|(l, _)| *l == m.level) {
            Some((_, c)) => *c = c.saturating_add(m.credits),
            None => by_level.push((m.level, m.credits)),
        }
    }
    by_level.sort_unstable();
    by_level
}

/// A way one route breaks the award's credit rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CreditProblem {
    Total { have: u32, need: u32 },
    Level { level: u8, have: u32, need: u32 },
}

impl CreditProblem {
    /// The finding's stable id, built from the rule and the figure: `credits:level-5:100`.
    pub fn id(&self) -> String {
        match self {
            CreditProblem::Total { have, .. } => format!("credits:total:{have}"),
            CreditProblem::Level { level, have, .. } => format!("credits:level-{level}:{have}"),
        }
    }

    /// The sentence, after "The programme": "totals 220 credits; an FdSc needs 240".
    pub fn describe(&self, award: &Award) -> String {
        match *self {
            CreditProblem::Total { have, need } => {
                format!("totals {have} credits; {} needs {need}", with_article(award))
            }
            CreditProblem::Level { level, have, need } => {
                format!(
                    "has {have} credits at Level {level}; {} needs {need}",
                    with_article(award)
                )
            }
        }
    }
}

/// What breaks the award's credit rule on one route.
pub fn credit_problems(award: &Award, by_level: &[(u8, u32)]) -> Vec<CreditProblem> {
    let Some(rule) = award.rule() else { return Vec::new() };
    let total = by_level.iter().fold(0u32, |sum, (_, c)| sum.saturating_add(*c));
    let mut problems = Vec::new();
    if total != rule.total_credits {
        problems.push(CreditProblem::Total {
            have: total,
            need: rule.total_credits,
        });
    }
    for &(level, need) in rule.credits_by_level {
        let have = by_level.iter().find(|(l, _)| *l == level).map_or(0, |(_, c)| *c);
        if have != need {
            problems.push(CreditProblem::Level { level, have, need });
        }
    }
    problems
}

/// Credits at one FHEQ level, as the qualification-structure sheet totals them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelTotal {
    /// The FHEQ level, or 0 for all levels together.
    pub level: u8,
    /// Credits of core modules.
    pub core: u32,
    /// Credits of all optional modules offered at this level.
    pub optional_offered: u32,
    /// The least and most credits a student takes at this level, over every route checked.
    pub per_student: (u32, u32),
}

/// Credit totals by level, lowest first, then one for all levels (level 0).
pub fn level_totals(project: &Project, routes: &Routes) -> Vec<LevelTotal> {
    level_totals_of(&project.modules, routes)
}

/// Credit totals by level of `modules`, as [`level_totals`] gives them for a project.
pub fn level_totals_of(modules: &[Module], routes: &Routes) -> Vec<LevelTotal> {
    let mut levels: Vec<u8> = modules.iter().map(|m| m.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let per_route: Vec<Vec<(u8, u32)>> = if routes.routes.is_empty() {
        vec![credits_by_level_of(modules, routes, &[])]
    } else {
        routes
            .routes
            .iter()
            .map(|r| credits_by_level_of(modules, routes, r))
            .collect()
    };
    let at = |by: &[(u8, u32)], level: Option<u8>| -> u32 {
        by.iter()
            .filter(|(l, _)| level.is_none_or(|x| x == *l))
            .fold(0u32, |sum, (_, c)| sum.saturating_add(*c))
    };
    let span = |level: Option<u8>| {
        let all = per_route.iter().map(|r| at(r, level));
        (all.clone().min().unwrap_or(0), all.max().unwrap_or(0))
    };
    let credits = |level: Option<u8>, status: ModuleStatus| -> u32 {
        modules
            .iter()
            .filter(|m| m.status == status && level.is_none_or(|l| l == m.level))
            .fold(0u32, |sum, m| sum.saturating_add(m.credits))
    };
    let total = |level: Option<u8>| LevelTotal {
        level: level.unwrap_or(0),
        core: credits(level, ModuleStatus::Core),
        optional_offered: credits(level, ModuleStatus::Optional),
        per_student: span(level),
    };
    levels.iter().map(|&l| total(Some(l))).chain([total(None)]).collect()
}

/// "an FdSc", "a CertHE": the article follows how the letters are said.
pub fn with_article(award: &Award) -> String {
    let name = award.to_string();
    let an = name.starts_with(['F', 'H', 'A', 'E', 'I', 'O', 'M', 'N', 'L', 'R', 'S', 'X']);
    format!("{} {name}", if an { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    #[test]
    fn sample_totals_by_level() {
        let p = crate::sample::sample_project().unwrap();
        let t = crate::analysis::analyse(&p).level_totals;
        let shown: Vec<(u8, (u32, u32))> = t.iter().map(|t| (t.level, t.per_student)).collect();
        assert_eq!(shown, [(4, (120, 120)), (5, (120, 120)), (0, (240, 240))]);
        assert_eq!(t[1].core, 100);
        assert_eq!(t[1].optional_offered, 60);
    }
}
