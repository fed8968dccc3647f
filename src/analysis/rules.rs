//! Approval rules on levels and credits.

use crate::model::{Award, ModuleStatus, Project};

use super::routes::{Route, Routes};

/// The FHEQ levels a programme's modules may sit at.
pub fn level_range(project: &Project) -> (u8, u8) {
    match project.programme.award.rule() {
        Some(rule) => (rule.min_level, rule.max_level),
        None => (4, project.programme.level.max(4)),
    }
}

/// Credits by level for one route: core modules plus the chosen options.
pub fn credits_by_level(project: &Project, routes: &Routes, chosen: &[usize]) -> Vec<(u8, u32)> {
    let mut by_level: Vec<(u8, u32)> = Vec::new();
    for &i in routes.core.iter().chain(chosen) {
        let Some(m) = project.modules.get(i) else { continue };
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
    /// The FHEQ level of the rule, or 0 for the total.
    pub fn level(&self) -> u8 {
        match *self {
            CreditProblem::Total { .. } => 0,
            CreditProblem::Level { level, .. } => level,
        }
    }

    /// (credits the route has, credits the award needs).
    pub fn figures(&self) -> (u32, u32) {
        match *self {
            CreditProblem::Total { have, need } | CreditProblem::Level { have, need, .. } => (have, need),
        }
    }

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
    /// The least and most credits a student takes at this level, over every route (exact).
    pub per_student: (u32, u32),
}

/// The fewest and most credits a route takes at one level (or at all levels), each with a
/// route that takes them. Exact: each group contributes its `choose` smallest (or largest)
/// members, independently of the others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditBound {
    pub min: u64,
    pub min_route: Route,
    pub max: u64,
    pub max_route: Route,
}

/// Credits at `level` (all levels for `None`) over every route; the core alone where no
/// route exists.
pub fn credit_bound(project: &Project, routes: &Routes, level: Option<u8>) -> CreditBound {
    let credits = |i: usize| -> u64 {
        project
            .modules
            .get(i)
            .filter(|m| level.is_none_or(|l| l == m.level))
            .map_or(0, |m| u64::from(m.credits))
    };
    let core = routes.core.iter().fold(0u64, |sum, &i| sum.saturating_add(credits(i)));
    let mut b = CreditBound {
        min: core,
        min_route: Vec::new(),
        max: core,
        max_route: Vec::new(),
    };
    if !routes.exist() {
        return b;
    }
    for g in &routes.groups {
        // Ties go to the earlier module, so the routes are the same from run to run.
        let mut by: Vec<(u64, usize)> = g.members.iter().map(|&i| (credits(i), i)).collect();
        by.sort_unstable();
        for &(c, i) in by.iter().take(g.choose) {
            b.min = b.min.saturating_add(c);
            b.min_route.push(i);
        }
        by.sort_unstable_by_key(|&(c, i)| (std::cmp::Reverse(c), i));
        for &(c, i) in by.iter().take(g.choose) {
            b.max = b.max.saturating_add(c);
            b.max_route.push(i);
        }
    }
    b.min_route.sort_unstable();
    b.max_route.sort_unstable();
    b
}

/// A credit rule that some route breaks: the fewest (or most) credits any route takes, and
/// one route that takes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditGap {
    pub problem: CreditProblem,
    pub witness: Route,
    /// Every route takes the same credits here, so the whole programme breaks the rule.
    pub every_route: bool,
}

/// Where some route breaks the award's credit rule: at most two gaps per rule, one for the
/// fewest credits and one for the most.
pub fn credit_gaps(project: &Project, routes: &Routes) -> Vec<CreditGap> {
    let Some(rule) = project.programme.award.rule() else {
        return Vec::new();
    };
    if !routes.exist() {
        return Vec::new();
    }
    let checks =
        std::iter::once((None, rule.total_credits)).chain(rule.credits_by_level.iter().map(|&(l, n)| (Some(l), n)));
    let mut gaps = Vec::new();
    for (level, need) in checks {
        let b = credit_bound(project, routes, level);
        let every_route = b.min == b.max;
        let too_few = (b.min < u64::from(need)).then_some((b.min, b.min_route));
        let too_many = (b.max > u64::from(need)).then_some((b.max, b.max_route));
        for (have, witness) in too_few.into_iter().chain(too_many) {
            let have = u32::try_from(have).unwrap_or(u32::MAX);
            let problem = match level {
                None => CreditProblem::Total { have, need },
                Some(level) => CreditProblem::Level { level, have, need },
            };
            gaps.push(CreditGap {
                problem,
                witness,
                every_route,
            });
        }
    }
    gaps
}

/// Credit totals by level, lowest first, then one for all levels (level 0).
pub fn level_totals(project: &Project, routes: &Routes) -> Vec<LevelTotal> {
    let mut levels: Vec<u8> = project.modules.iter().map(|m| m.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let credits = |level: Option<u8>, status: ModuleStatus| -> u32 {
        project
            .modules
            .iter()
            .filter(|m| m.status == status && level.is_none_or(|l| l == m.level))
            .fold(0u32, |sum, m| sum.saturating_add(m.credits))
    };
    let narrow = |c: u64| u32::try_from(c).unwrap_or(u32::MAX);
    let total = |level: Option<u8>| {
        let b = credit_bound(project, routes, level);
        LevelTotal {
            level: level.unwrap_or(0),
            core: credits(level, ModuleStatus::Core),
            optional_offered: credits(level, ModuleStatus::Optional),
            per_student: (narrow(b.min), narrow(b.max)),
        }
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
