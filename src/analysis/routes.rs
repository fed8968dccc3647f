//! Routes through optional modules, checked exactly without listing them.
//!
//! A route is the core modules plus `choose` members of each option group. A KSB is missed on
//! some route exactly when no core module covers it and every group has at least `choose`
//! members that miss it; taking those members gives a route that shows the gap. So each
//! question is answered group by group, in time linear in the mappings, however many routes
//! there are (20 groups of "choose 2 of 6" make about 3 × 10^23).

use crate::model::{Coverage, DutyRef, KsbRef, ModuleStatus, Project};

use super::count::RouteCount;
use super::coverage::{DutyStatus, KsbStatus};
use super::rules::CreditGap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub choose: usize,
    /// Module indices, in project order.
    pub members: Vec<usize>,
}

/// One route: the optional modules it takes, as module indices in project order.
pub type Route = Vec<usize>;

/// A KSB (its index in `Analysis::ksbs`) that some route misses, or covers only in part, and
/// one such route.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KsbGap {
    pub ksb: usize,
    pub witness: Route,
}

/// A duty left uncovered on some route, the KSB it then lacks, and that KSB's route.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DutyGap {
    pub duty: DutyRef,
    pub ksb: KsbRef,
    pub witness: Route,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Routes {
    pub groups: Vec<Group>,
    /// Core module indices, taken on every route.
    pub core: Vec<usize>,
    /// How many routes there are: 0 when a group asks for more modules than it has.
    pub total: RouteCount,
    /// KSBs that some route misses (those no module covers among them), in `ksbs` order.
    pub gaps: Vec<KsbGap>,
    /// KSBs that every route covers, but some route only in part.
    pub partial: Vec<KsbGap>,
    /// Duties that some route leaves uncovered, in duty order.
    pub duty_gaps: Vec<DutyGap>,
    /// Where some route breaks the award's credit rule.
    pub credit_gaps: Vec<CreditGap>,
    /// Each module's group index, if it is an optional module in a group.
    group_of: Vec<Option<usize>>,
}

impl Routes {
    /// The groups, the core and the count; the gaps are filled in by `find_gaps`.
    pub fn of(project: &Project) -> Self {
        let mut groups: Vec<Group> = Vec::new();
        let mut core = Vec::new();
        let mut group_of = vec![None; project.modules.len()];
        for (i, m) in project.modules.iter().enumerate() {
            match (m.status, &m.group) {
                (ModuleStatus::Core, _) => core.push(i),
                (ModuleStatus::Optional, Some(name)) => {
                    let g = match groups.iter().position(|g| &g.name == name) {
                        Some(g) => g,
                        None => {
                            let choose = project.option_group(name).map_or(1, |g| g.choose as usize);
                            groups.push(Group {
                                name: name.clone(),
                                choose,
                                members: Vec::new(),
                            });
                            groups.len() - 1
                        }
                    };
                    groups[g].members.push(i);
                    group_of[i] = Some(g);
                }
                // An optional module in no group is a free extra; no route relies on it.
                (ModuleStatus::Optional, None) => {}
            }
        }
        let mut total = RouteCount::default();
        for g in &groups {
            total.mul_binomial(g.members.len(), g.choose);
        }
        Self {
            groups,
            core,
            total,
            group_of,
            ..Self::default()
        }
    }

    /// Whether any route exists: every group has at least as many members as it asks for.
    pub fn exist(&self) -> bool {
        !self.total.is_zero()
    }

    /// "All 3 routes through the options checked", or why there is none; `None` without options.
    pub fn checked(&self) -> Option<String> {
        if self.groups.is_empty() {
            return None;
        }
        Some(match self.total.to_u128() {
            Some(0) => "No route through the options: a group asks for more modules than it has".to_string(),
            Some(1) => "The one route through the options checked".to_string(),
            Some(2) => "Both routes through the options checked".to_string(),
            _ => format!("All {} routes through the options checked", self.total.grouped()),
        })
    }

    /// Finds the KSBs that some route misses, or covers only in part, with a route for each.
    pub(super) fn find_gaps(&mut self, ksbs: &[KsbStatus]) {
        if !self.exist() {
            return;
        }
        // Covering members per group, for the groups this KSB touches; reset after each KSB.
        let mut any = vec![0usize; self.groups.len()];
        let mut full = vec![0usize; self.groups.len()];
        let mut touched = Vec::new();
        let mut is_core = vec![false; self.group_of.len()];
        for &m in &self.core {
            if let Some(c) = is_core.get_mut(m) {
                *c = true;
            }
        }
        for (ki, k) in ksbs.iter().enumerate().filter(|(_, k)| k.needed) {
            let (mut core_any, mut core_full) = (false, false);
            let mut last = None;
            for &(m, c) in &k.modules {
                if last == Some(m) {
                    continue;
                }
                last = Some(m);
                match self.group_of.get(m).copied().flatten() {
                    Some(g) => {
                        if any[g] == 0 {
                            touched.push(g);
                        }
                        any[g] += 1;
                        full[g] += usize::from(c == Coverage::Full);
                    }
                    None if is_core.get(m).copied().unwrap_or(false) => {
                        core_any = true;
                        core_full |= c == Coverage::Full;
                    }
                    None => {}
                }
            }
            // Untouched groups have all their members free, and at least `choose` of them.
            let avoidable = |covering: &[usize]| {
                touched
                    .iter()
                    .all(|&g| self.groups[g].members.len().saturating_sub(covering[g]) >= self.groups[g].choose)
            };
            if !core_any && avoidable(&any) {
                let witness = self.avoiding(k, false);
                self.gaps.push(KsbGap { ksb: ki, witness });
            } else if !core_full && avoidable(&full) {
                let witness = self.avoiding(k, true);
                self.partial.push(KsbGap { ksb: ki, witness });
            }
            for g in touched.drain(..) {
                any[g] = 0;
                full[g] = 0;
            }
        }
    }

    /// The KSBs of `ksbs` (indices into it) that some route misses, by the same reckoning as
    /// `find_gaps`: how the assessment analysis asks which routes never assess a KSB.
    pub(super) fn gaps_among(&self, ksbs: &[KsbStatus]) -> Vec<KsbGap> {
        let mut scratch = Routes {
            gaps: Vec::new(),
            partial: Vec::new(),
            duty_gaps: Vec::new(),
            credit_gaps: Vec::new(),
            ..self.clone()
        };
        scratch.find_gaps(ksbs);
        scratch.gaps
    }

    /// The route taking, in each group, the first members (in project order) that do not cover
    /// the KSB (with `full_only`, that do not cover it fully). Called only where one exists.
    fn avoiding(&self, k: &KsbStatus, full_only: bool) -> Route {
        let covers = |m: usize| match k.modules.binary_search_by_key(&m, |&(i, _)| i) {
            Ok(i) => !full_only || k.modules[i].1 == Coverage::Full,
            Err(_) => false,
        };
        let mut route: Route = self
            .groups
            .iter()
            .flat_map(|g| g.members.iter().copied().filter(|&m| !covers(m)).take(g.choose))
            .collect();
        route.sort_unstable();
        route
    }

    /// The optional modules that cover the KSB (fully, with `full_only`), in groups or in
    /// none (a free extra a student may leave out): a route that takes none of them shows
    /// the gap.
    pub fn optional_covering(&self, k: &KsbStatus, full_only: bool) -> Vec<usize> {
        let mut out = k
            .modules
            .iter()
            .filter(|&&(m, c)| (!full_only || c == Coverage::Full) && !self.core.contains(&m))
            .map(|&(m, _)| m)
            .collect::<Vec<_>>();
        out.dedup();
        out
    }

    /// Duties that some route leaves uncovered: those listing a KSB that some route misses.
    pub(super) fn find_duty_gaps(
        &mut self,
        project: &Project,
        ksbs: &[KsbStatus],
        duties: &[DutyStatus],
        index_of: impl Fn(&KsbRef) -> Option<usize>,
    ) {
        let mut gap_of = vec![None; ksbs.len()];
        for (i, g) in self.gaps.iter().enumerate() {
            gap_of[g.ksb] = Some(i);
        }
        for d in duties {
            let Some(duty) = project.duty(&d.duty) else { continue };
            let gap = duty.ksbs.iter().find_map(|&code| {
                let ki = index_of(&KsbRef::new(d.duty.standard.clone(), code))?;
                Some((ki, gap_of.get(ki).copied().flatten()?))
            });
            if let Some((ki, gi)) = gap {
                self.duty_gaps.push(DutyGap {
                    duty: d.duty.clone(),
                    ksb: ksbs[ki].ksb.clone(),
                    witness: self.gaps[gi].witness.clone(),
                });
            }
        }
    }

    /// The module codes of a route.
    pub fn codes<'a>(project: &'a Project, route: &[usize]) -> Vec<&'a str> {
        route
            .iter()
            .filter_map(|&i| project.modules.get(i))
            .map(|m| m.code.as_str())
            .collect()
    }

    /// A route's name in the provider's words: the optional modules it takes, with their
    /// titles where there are few enough to read.
    pub fn name(project: &Project, route: &[usize]) -> String {
        if route.is_empty() {
            return "the route taking the core modules alone".to_string();
        }
        let names: Vec<String> = route
            .iter()
            .filter_map(|&i| project.modules.get(i))
            .map(|m| {
                if route.len() <= 3 {
                    format!("{} {}", m.code, m.title)
                } else {
                    m.code.clone()
                }
            })
            .collect();
        format!("the route taking {}", names.join(" + "))
    }
}
