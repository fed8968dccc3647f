//! Credits and finding counts in words, worked out once here so the status bar, the coverage
//! panel, the module editor, the HTML report and `check` all say the same thing.

use std::fmt;

use crate::model::{Module, ModuleStatus, OptionGroup};

use super::finding::{Finding, Severity};
use super::rules::LevelTotal;

/// What a student takes, in credits, against what the programme offers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CreditSummary {
    /// The least and most credits a student takes, over every route.
    pub per_route: (u32, u32),
    /// Every module's credits added up: the core and every option offered.
    pub all_options: u32,
    /// Some module is optional, so "every route" means something.
    pub has_options: bool,
}

impl CreditSummary {
    /// From the analysis's level totals (the last is all levels together).
    pub fn of(level_totals: &[LevelTotal]) -> Self {
        let all = level_totals.iter().find(|t| t.level == 0);
        Self {
            per_route: all.map_or((0, 0), |t| t.per_student),
            all_options: all.map_or(0, |t| t.core.saturating_add(t.optional_offered)),
            has_options: all.is_some_and(|t| t.optional_offered > 0),
        }
    }
}

/// "240 credits on every route (280 with all options)"; "220 to 240 credits, by route (…)".
impl fmt::Display for CreditSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (lo, hi) = self.per_route;
        if !self.has_options {
            return write!(f, "{lo} credits");
        }
        if lo == hi {
            write!(f, "{lo} credits on every route")?;
        } else {
            write!(f, "{lo} to {hi} credits, by route")?;
        }
        write!(f, " ({} with all options)", self.all_options)
    }
}

/// Credits at each level, lowest first.
type ByLevel = Vec<(u8, u32)>;

/// The core and the option groups of `modules`, as the analysis's routes see them: an
/// optional module in no group is a free extra that no route relies on.
fn core_and_groups(modules: &[Module], groups: &[OptionGroup]) -> (Vec<usize>, Vec<(usize, Vec<usize>)>) {
    let mut core = Vec::new();
    let mut named: Vec<(&str, usize, Vec<usize>)> = Vec::new();
    for (i, m) in modules.iter().enumerate() {
        match (m.status, m.group.as_deref()) {
            (ModuleStatus::Core, _) => core.push(i),
            (ModuleStatus::Optional, Some(name)) => match named.iter_mut().find(|(n, ..)| *n == name) {
                Some((.., members)) => members.push(i),
                None => {
                    let choose = groups.iter().find(|g| g.name == name).map_or(1, |g| g.choose as usize);
                    named.push((name, choose, vec![i]));
                }
            },
            (ModuleStatus::Optional, None) => {}
        }
    }
    (core, named.into_iter().map(|(_, c, m)| (c, m)).collect())
}

fn by_level(modules: &[Module], taken: impl Iterator<Item = usize>) -> ByLevel {
    let mut out: ByLevel = Vec::new();
    for m in taken.filter_map(|i| modules.get(i)) {
        match out.iter_mut().find(|(l, _)| *l == m.level) {
            Some((_, c)) => *c = c.saturating_add(m.credits),
            None => out.push((m.level, m.credits)),
        }
    }
    out.sort_unstable();
    out
}

/// Every route, as the optional modules it takes, while there are at most `limit`.
fn few_routes(groups: &[(usize, Vec<usize>)], limit: usize) -> Option<Vec<Vec<usize>>> {
    let mut routes = vec![Vec::new()];
    for (choose, members) in groups {
        let mut next = Vec::new();
        for route in &routes {
            let mut pick = Vec::new();
            combos(members, *choose, 0, &mut pick, &mut |c: &[usize]| {
                let mut r: Vec<usize> = route.clone();
                r.extend_from_slice(c);
                next.push(r);
            });
            if next.len() > limit {
                return None;
            }
        }
        routes = next;
    }
    Some(routes)
}

fn combos(items: &[usize], k: usize, start: usize, pick: &mut Vec<usize>, f: &mut dyn FnMut(&[usize])) {
    if pick.len() == k {
        return f(pick);
    }
    for i in start..items.len() {
        pick.push(items[i]);
        combos(items, k, i + 1, pick, f);
        pick.pop();
    }
}

fn levels_text(by: &[(u8, (u32, u32))]) -> String {
    let span = |(lo, hi): (u32, u32)| {
        if lo == hi {
            lo.to_string()
        } else {
            format!("{lo} to {hi}")
        }
    };
    let parts: Vec<String> = by
        .iter()
        .filter(|(l, _)| *l != 0)
        .map(|&(l, s)| format!("Level {l}: {}", span(s)))
        .collect();
    let all = by.iter().find(|(l, _)| *l == 0).map_or((0, 0), |&(_, s)| s);
    format!("{} · {} in all", parts.join(" · "), span(all))
}

/// Credits per level on each route through `modules`, a line each; one line when every
/// route has the same: "Level 4: 120 · Level 5: 120 · 240 in all, on every route". With
/// more routes than can be listed, each level's least and most.
pub fn route_level_lines(modules: &[Module], groups: &[OptionGroup]) -> Vec<String> {
    const SHOWN: usize = 6;
    let (core, groups) = core_and_groups(modules, groups);
    let exact = |by: ByLevel| -> Vec<(u8, (u32, u32))> {
        let total = by.iter().fold(0u32, |sum, (_, c)| sum.saturating_add(*c));
        by.into_iter()
            .map(|(l, c)| (l, (c, c)))
            .chain([(0, (total, total))])
            .collect()
    };
    if groups
        .iter()
        .any(|(choose, members)| *choose == 0 || *choose > members.len())
    {
        let core_only = levels_text(&exact(by_level(modules, core.iter().copied())));
        return vec![format!(
            "{core_only} (core modules only: no route through the options is possible)"
        )];
    }
    let has_options = !groups.is_empty();
    if let Some(routes) = few_routes(&groups, SHOWN) {
        let per_route: Vec<(&Vec<usize>, ByLevel)> = routes
            .iter()
            .map(|r| (r, by_level(modules, core.iter().chain(r).copied())))
            .collect();
        let first = &per_route[0].1;
        if per_route.iter().all(|(_, by)| by == first) {
            let every = if has_options { ", on every route" } else { "" };
            return vec![format!("{}{every}", levels_text(&exact(first.clone())))];
        }
        return per_route
            .into_iter()
            .map(|(chosen, by)| {
                let codes: Vec<&str> = chosen
                    .iter()
                    .filter_map(|&i| modules.get(i).map(|m| m.code.as_str()))
                    .collect();
                format!("Taking {}: {}", codes.join(" + "), levels_text(&exact(by)))
            })
            .collect();
    }
    // Too many routes to list: each group gives its fewest and most credits at each level.
    let mut levels: Vec<u8> = modules.iter().map(|m| m.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let bound = |level: Option<u8>| -> (u32, u32) {
        let at = |i: &usize| {
            modules
                .get(*i)
                .filter(|m| level.is_none_or(|l| l == m.level))
                .map_or(0, |m| m.credits)
        };
        let core: u32 = core.iter().map(at).fold(0, u32::saturating_add);
        let (mut lo, mut hi) = (core, core);
        for (choose, members) in &groups {
            let mut c: Vec<u32> = members.iter().map(at).collect();
            c.sort_unstable();
            lo = c.iter().take(*choose).fold(lo, |s, x| s.saturating_add(*x));
            hi = c.iter().rev().take(*choose).fold(hi, |s, x| s.saturating_add(*x));
        }
        (lo, hi)
    };
    let by: Vec<(u8, (u32, u32))> = levels
        .iter()
        .map(|&l| (l, bound(Some(l))))
        .chain([(0, bound(None))])
        .collect();
    let same = by.iter().all(|(_, (lo, hi))| lo == hi);
    vec![format!(
        "{}{}",
        levels_text(&by),
        if same { ", on every route" } else { ", by route" }
    )]
}

/// How many findings there are of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindingCounts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl FindingCounts {
    pub fn of(findings: &[Finding]) -> Self {
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        Self {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Info),
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.notes
    }
}

/// "17 findings: 8 errors, 6 warnings, 3 notes".
impl fmt::Display for FindingCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = |count: usize, one: &str| format!("{count} {one}{}", if count == 1 { "" } else { "s" });
        let total = self.total();
        if total == 0 {
            return f.write_str("no findings");
        }
        write!(
            f,
            "{}: {}, {}, {}",
            n(total, "finding"),
            n(self.errors, "error"),
            n(self.warnings, "warning"),
            n(self.notes, "note")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModuleStatus;

    #[test]
    fn sample_credits_and_findings_in_words() {
        let p = crate::sample::sample_project().unwrap();
        let a = crate::analysis::analyse(&p);
        assert_eq!(
            a.credits.to_string(),
            "240 credits on every route (280 with all options)"
        );
        assert_eq!(
            a.finding_counts().to_string(),
            "24 findings: 8 errors, 12 warnings, 4 notes"
        );
        assert_eq!(
            route_level_lines(&p.modules, &p.option_groups),
            ["Level 4: 120 · Level 5: 120 · 240 in all, on every route"]
        );
    }

    #[test]
    fn routes_that_differ_are_listed_one_by_one() {
        let mut p = crate::sample::sample_project().unwrap();
        let last = p.modules.len() - 1;
        p.modules[last].credits = 40;
        let a = crate::analysis::analyse(&p);
        assert_eq!(
            a.credits.to_string(),
            "240 to 260 credits, by route (300 with all options)"
        );
        let lines = route_level_lines(&p.modules, &p.option_groups);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[2], "Taking HSC507: Level 4: 120 · Level 5: 140 · 260 in all");
        for m in &mut p.modules {
            m.status = ModuleStatus::Core;
            m.group = None;
        }
        p.modules.truncate(10);
        let a = crate::analysis::analyse(&p);
        assert_eq!(a.credits.to_string(), "220 credits");
        assert_eq!(
            route_level_lines(&p.modules, &[]),
            ["Level 4: 120 · Level 5: 100 · 220 in all"]
        );
    }

    #[test]
    fn many_routes_give_each_level_its_range() {
        let mut p = crate::sample::sample_project().unwrap();
        let template = p.modules[p.modules.len() - 1].clone();
        for i in 0..5u32 {
            p.modules.push(crate::model::Module {
                code: format!("HSC51{i}"),
                credits: 20 + 10 * i,
                ..template.clone()
            });
        }
        p.option_groups[0].choose = 2;
        assert_eq!(
            route_level_lines(&p.modules, &p.option_groups),
            ["Level 4: 120 · Level 5: 140 to 210 · 260 to 330 in all, by route"]
        );
        let a = crate::analysis::analyse(&p);
        assert_eq!(
            a.credits.to_string(),
            "260 to 330 credits, by route (480 with all options)"
        );
    }
}
