//! Credits and finding counts in words, worked out once here so the status bar, the coverage
//! panel, the module editor, the HTML report and `check` all say the same thing.

use std::fmt;

use crate::model::{Module, OptionGroup};

use super::finding::{Finding, Severity};
use super::pathways::Routes;
use super::rules::{LevelTotal, credits_by_level_of, level_totals_of};

/// What a student takes, in credits, against what the programme offers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CreditSummary {
    /// The least and most credits a student takes, over the routes checked.
    pub per_route: (u32, u32),
    /// Every module's credits added up: the core and every option offered.
    pub all_options: u32,
    /// Some module is optional, so "every route" means something.
    pub has_options: bool,
    /// There were more routes than could be checked.
    pub truncated: bool,
}

impl CreditSummary {
    /// From the analysis's level totals (the last is all levels together).
    pub fn of(level_totals: &[LevelTotal], routes: &Routes) -> Self {
        let all = level_totals.iter().find(|t| t.level == 0);
        Self {
            per_route: all.map_or((0, 0), |t| t.per_student),
            all_options: all.map_or(0, |t| t.core.saturating_add(t.optional_offered)),
            has_options: all.is_some_and(|t| t.optional_offered > 0),
            truncated: routes.truncated() && !routes.routes.is_empty(),
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
        let every = if self.truncated {
            "every route checked"
        } else {
            "every route"
        };
        if lo == hi {
            write!(f, "{lo} credits on {every}")?;
        } else {
            write!(f, "{lo} to {hi} credits, by route")?;
        }
        write!(f, " ({} with all options)", self.all_options)
    }
}

/// Credits at each level, lowest first.
type ByLevel = Vec<(u8, u32)>;

/// Credits per level on each route through `modules`, a line each; one line when every
/// route has the same: "Level 4: 120 · Level 5: 120 · 240 in all, on every route".
pub fn route_level_lines(modules: &[Module], groups: &[OptionGroup]) -> Vec<String> {
    const SHOWN: usize = 6;
    let routes = Routes::of_modules(modules, groups);
    let levels = |by: &[(u8, u32)]| {
        let total = by.iter().fold(0u32, |sum, (_, c)| sum.saturating_add(*c));
        let parts: Vec<String> = by.iter().map(|(l, c)| format!("Level {l}: {c}")).collect();
        format!("{} · {total} in all", parts.join(" · "))
    };
    let per_route: Vec<(&[usize], ByLevel)> = routes
        .routes
        .iter()
        .map(|r| (r.as_slice(), credits_by_level_of(modules, &routes, r)))
        .collect();
    let has_options = level_totals_of(modules, &routes)
        .last()
        .is_some_and(|t| t.optional_offered > 0);
    match per_route.first() {
        None => vec![format!(
            "{} (core modules only: no route through the options is possible)",
            levels(&credits_by_level_of(modules, &routes, &[]))
        )],
        Some((_, first)) if per_route.iter().all(|(_, by)| by == first) => {
            let every = if has_options { ", on every route" } else { "" };
            vec![format!("{}{every}", levels(first))]
        }
        Some(_) => {
            let mut lines: Vec<String> = per_route
                .iter()
                .take(SHOWN)
                .map(|(chosen, by)| {
                    let codes: Vec<&str> = chosen
                        .iter()
                        .filter_map(|&i| modules.get(i).map(|m| m.code.as_str()))
                        .collect();
                    format!("Taking {}: {}", codes.join(" + "), levels(by))
                })
                .collect();
            if per_route.len() > SHOWN {
                lines.push(format!("and {} more routes", per_route.len() - SHOWN));
            }
            lines
        }
    }
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

/// "17 findings: 9 errors, 6 warnings, 2 notes".
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
            "17 findings: 9 errors, 6 warnings, 2 notes"
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
}
