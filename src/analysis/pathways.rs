//! Routes through optional modules: every "choose N of these" combination a student could take.

use crate::model::{Module, ModuleStatus, OptionGroup, Project};

/// Beyond this many routes we stop enumerating and say so.
pub const MAX_ROUTES: usize = 4096;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub choose: usize,
    /// Module indices, in project order.
    pub members: Vec<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Routes {
    pub groups: Vec<Group>,
    /// Core module indices, taken on every route.
    pub core: Vec<usize>,
    /// The optional modules each route takes, one entry per route.
    pub routes: Vec<Vec<usize>>,
    /// How many routes there are in all, which may exceed those listed.
    pub total: u128,
}

impl Routes {
    pub fn of(project: &Project) -> Self {
        Self::of_modules(&project.modules, &project.option_groups)
    }

    /// The routes through `modules`, as a project or a draft in the module editor lists them.
    pub fn of_modules(modules: &[Module], option_groups: &[OptionGroup]) -> Self {
        let mut groups: Vec<Group> = Vec::new();
        let mut core = Vec::new();
        for (i, m) in modules.iter().enumerate() {
            match (m.status, &m.group) {
                (ModuleStatus::Core, _) => core.push(i),
                (ModuleStatus::Optional, Some(name)) => match groups.iter_mut().find(|g| &g.name == name) {
                    Some(g) => g.members.push(i),
                    None => {
                        let choose = option_groups
                            .iter()
                            .find(|g| &g.name == name)
                            .map_or(1, |g| g.choose as usize);
                        groups.push(Group {
                            name: name.clone(),
                            choose,
                            members: vec![i],
                        })
                    }
                },
                // An optional module in no group is a free extra; no route relies on it.
                (ModuleStatus::Optional, None) => {}
            }
        }
        let total = groups
            .iter()
            .fold(1u128, |acc, g| acc.saturating_mul(binomial(g.members.len(), g.choose)));
        let mut routes = Vec::new();
        if groups.iter().all(|g| g.choose <= g.members.len()) {
            enumerate(&groups, 0, &mut Vec::new(), &mut routes);
        }
        Self {
            groups,
            core,
            routes,
            total,
        }
    }

    pub fn truncated(&self) -> bool {
        self.total > self.routes.len() as u128
    }

    /// A route's name in the provider's words: the optional modules it takes.
    pub fn name(project: &Project, chosen: &[usize]) -> String {
        if chosen.is_empty() {
            return "the core modules".to_string();
        }
        let names: Vec<String> = chosen
            .iter()
            .map(|&i| format!("{} {}", project.modules[i].code, project.modules[i].title))
            .collect();
        format!("the route taking {}", names.join(" + "))
    }
}

fn enumerate(groups: &[Group], g: usize, chosen: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    if out.len() >= MAX_ROUTES {
        return;
    }
    let Some(group) = groups.get(g) else {
        out.push(chosen.clone());
        return;
    };
    let mut pick = Vec::with_capacity(group.choose);
    combinations(&group.members, group.choose, 0, &mut pick, &mut |combo| {
        let len = chosen.len();
        chosen.extend_from_slice(combo);
        enumerate(groups, g + 1, chosen, out);
        chosen.truncate(len);
        out.len() < MAX_ROUTES
    });
}

/// Calls `f` with each `k`-combination of `items`; `f` returns false to stop.
fn combinations(
    items: &[usize],
    k: usize,
    start: usize,
    pick: &mut Vec<usize>,
    f: &mut dyn FnMut(&[usize]) -> bool,
) -> bool {
    if pick.len() == k {
        return f(pick);
    }
    for i in start..items.len() {
        if items.len() - i < k - pick.len() {
            break;
        }
        pick.push(items[i]);
        let go_on = combinations(items, k, i + 1, pick, f);
        pick.pop();
        if !go_on {
            return false;
        }
    }
    true
}

fn binomial(n: usize, k: usize) -> u128 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    (0..k).fold(1u128, |acc, i| acc.saturating_mul((n - i) as u128) / (i as u128 + 1))
}

/// A fixed-size set of KSB indices, for cheap unions across a route's modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KsbSet(Vec<u64>);

impl KsbSet {
    pub fn new(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64)])
    }
    pub fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    pub fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
    pub fn union_with(&mut self, other: &KsbSet) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_combinations() {
        assert_eq!(binomial(4, 2), 6);
        assert_eq!(binomial(2, 3), 0);
        let mut seen = Vec::new();
        combinations(&[1, 2, 3, 4], 2, 0, &mut Vec::new(), &mut |c| {
            seen.push(c.to_vec());
            true
        });
        assert_eq!(seen.len(), 6);
        assert_eq!(seen[0], vec![1, 2]);
        assert_eq!(seen[5], vec![3, 4]);
    }
}
