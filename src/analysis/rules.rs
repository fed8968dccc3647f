//! Approval rules on levels and credits.

use crate::model::{Award, Project};

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
    let mut by_level: Vec<(u8, u32)> = Vec::new();
    for &i in routes.core.iter().chain(chosen) {
        let m = &project.modules[i];
        match by_level.iter_mut().find(|(l, _)| *l == m.level) {
            Some((_, c)) => *c += m.credits,
            None => by_level.push((m.level, m.credits)),
        }
    }
    by_level.sort_unstable();
    by_level
}

/// What breaks the award's credit rule on one route, as plain sentences.
pub fn credit_problems(award: &Award, by_level: &[(u8, u32)]) -> Vec<String> {
    let Some(rule) = award.rule() else { return Vec::new() };
    let total: u32 = by_level.iter().map(|(_, c)| c).sum();
    let mut problems = Vec::new();
    if total != rule.total_credits {
        problems.push(format!(
            "totals {total} credits; {} needs {}",
            with_article(award),
            rule.total_credits
        ));
    }
    for &(level, needed) in rule.credits_by_level {
        let have = by_level.iter().find(|(l, _)| *l == level).map_or(0, |(_, c)| *c);
        if have != needed {
            problems.push(format!(
                "has {have} credits at Level {level}; {} needs {needed}",
                with_article(award)
            ));
        }
    }
    problems
}

/// "an FdSc", "a CertHE": the article follows how the letters are said.
pub fn with_article(award: &Award) -> String {
    let name = award.to_string();
    let an = name.starts_with(['F', 'H', 'A', 'E', 'I', 'O', 'M', 'N', 'L', 'R', 'S', 'X']);
    format!("{} {name}", if an { "an" } else { "a" })
}
