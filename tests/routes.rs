//! Routes through the options: the exact analysis agrees with listing every route, on random
//! small programmes, and every witness route really shows its gap.

use proptest::prelude::*;

use htq_mapper::analysis::{Analysis, CreditProblem, analyse};
use htq_mapper::model::{
    Award, Coverage, Duty, Ksb, KsbCode, KsbKind, KsbRef, Mapping, Module, ModuleStatus, OptionGroup, Programme,
    Project, Standard,
};

/// A random programme: core modules, option groups, free extras, KSBs, duties and mappings.
#[derive(Clone, Debug)]
struct Spec {
    award: u8,
    core: usize,
    extras: usize,
    /// (members, choose, declared in `option_groups`).
    groups: Vec<(usize, usize, bool)>,
    ksbs: usize,
    /// Per module: (level, credits).
    numbers: Vec<(u8, u32)>,
    /// Per (module, KSB): 0 none, 1 partial, 2 full, row by row; sparse on purpose.
    cells: Vec<u8>,
    /// Each duty's KSBs, as indices.
    duties: Vec<Vec<usize>>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let groups = proptest::collection::vec((1usize..5, 0usize..6, proptest::bool::weighted(0.85)), 0..4);
    (0u8..4, 0usize..3, 0usize..2, groups, 1usize..7).prop_flat_map(|(award, core, extras, groups, ksbs)| {
        let groups: Vec<_> = groups.into_iter().map(|(n, k, d)| (n, k.min(n + 1), d)).collect();
        let modules = core + extras + groups.iter().map(|g| g.0).sum::<usize>();
        let numbers =
            proptest::collection::vec((4u8..7, prop_oneof![Just(0u32), Just(10), Just(20), Just(40)]), modules);
        let cells = proptest::collection::vec(prop_oneof![6 => Just(0u8), 1 => Just(1), 2 => Just(2)], modules * ksbs);
        let duties = proptest::collection::vec(proptest::collection::vec(0..ksbs, 1..4), 0..4);
        (
            Just(award),
            Just(core),
            Just(extras),
            Just(groups),
            Just(ksbs),
            numbers,
            cells,
            duties,
        )
            .prop_map(|(award, core, extras, groups, ksbs, numbers, cells, duties)| Spec {
                award,
                core,
                extras,
                groups,
                ksbs,
                numbers,
                cells,
                duties,
            })
    })
}

fn code(i: usize) -> KsbCode {
    KsbCode::new(KsbKind::Knowledge, i as u32 + 1)
}

fn ksb(i: usize) -> KsbRef {
    KsbRef::new("ST0001", code(i))
}

/// The project, and each group's (member indices, choose), as the spec lays them out: core
/// modules first, then each group's members, then the free extras.
fn build(s: &Spec) -> (Project, Vec<(Vec<usize>, usize)>) {
    let award = [Award::FdSc, Award::Hnc, Award::CertHe, Award::Other("BSc".into())][s.award as usize % 4].clone();
    let mut p = Project::new(Programme {
        title: "Random".into(),
        award,
        awarding_body: String::new(),
        level: 5,
        total_credits: 240,
        standards: vec!["ST0001".into()],
        occupational_options: Default::default(),
    });
    let mut members: Vec<Vec<usize>> = Vec::new();
    let push = |p: &mut Project, status, group: Option<String>| {
        let i = p.modules.len();
        let (level, credits) = s.numbers[i];
        p.modules.push(Module {
            code: format!("M{i}"),
            title: format!("Module {i}"),
            description: String::new(),
            level,
            credits,
            status,
            group,
            work_based: false,
            outcomes: Vec::new(),
            assessments: Vec::new(),
        });
        i
    };
    for _ in 0..s.core {
        push(&mut p, ModuleStatus::Core, None);
    }
    for (g, &(n, choose, declared)) in s.groups.iter().enumerate() {
        let name = format!("G{g}");
        members.push(
            (0..n)
                .map(|_| push(&mut p, ModuleStatus::Optional, Some(name.clone())))
                .collect(),
        );
        if declared {
            p.option_groups.push(OptionGroup {
                name,
                choose: choose as u32,
            });
        }
    }
    for _ in 0..s.extras {
        push(&mut p, ModuleStatus::Optional, None);
    }
    // An undeclared group is "choose 1", as the analysis reads it.
    let chooses: Vec<usize> = s.groups.iter().map(|&(_, k, d)| if d { k } else { 1 }).collect();
    for m in 0..p.modules.len() {
        for k in 0..s.ksbs {
            let coverage = match s.cells[m * s.ksbs + k] {
                1 => Coverage::Partial,
                2 => Coverage::Full,
                _ => continue,
            };
            p.set_mapping(Mapping::new(format!("M{m}"), ksb(k), coverage));
        }
    }
    p.standards.push(Standard {
        reference: "ST0001".into(),
        title: "Random".into(),
        level: 5,
        source: "test".into(),
        duties: s
            .duties
            .iter()
            .enumerate()
            .map(|(i, ks)| Duty {
                code: format!("D{}", i + 1),
                text: "Duty".into(),
                ksbs: ks.iter().map(|&k| code(k)).collect(),
                core: true,
                guid: None,
                options: Vec::new(),
            })
            .collect(),
        ksbs: (0..s.ksbs)
            .map(|i| Ksb {
                code: code(i),
                text: "KSB".into(),
                guid: None,
            })
            .collect(),
        ..Standard::default()
    });
    (p, members.into_iter().zip(chooses).collect())
}

/// Every `k`-subset of `items`, in order.
fn subsets(items: &[usize], k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for (i, &x) in items.iter().enumerate() {
        for mut rest in subsets(&items[i + 1..], k - 1) {
            rest.insert(0, x);
            out.push(rest);
        }
    }
    out
}

/// Every route, listed: one subset of each group, joined and sorted.
fn all_routes(groups: &[(Vec<usize>, usize)]) -> Vec<Vec<usize>> {
    let mut routes = vec![Vec::new()];
    for (members, k) in groups {
        let picks = subsets(members, *k);
        routes = routes
            .iter()
            .flat_map(|r| {
                picks.iter().map(move |p| {
                    let mut x: Vec<usize> = r.iter().chain(p).copied().collect();
                    x.sort_unstable();
                    x
                })
            })
            .collect();
    }
    routes
}

/// The best coverage of KSB `k` on a route: its core modules and the options it takes.
fn best(p: &Project, core: usize, route: &[usize], k: usize) -> Option<Coverage> {
    (0..core)
        .chain(route.iter().copied())
        .filter_map(|m| p.mapping(&p.modules[m].code, &ksb(k)).map(|x| x.coverage))
        .max()
}

/// Credits on a route at one level (0: all levels).
fn credits(p: &Project, core: usize, route: &[usize], level: u8) -> u32 {
    (0..core)
        .chain(route.iter().copied())
        .map(|m| &p.modules[m])
        .filter(|m| level == 0 || m.level == level)
        .map(|m| m.credits)
        .sum()
}

fn is_route(groups: &[(Vec<usize>, usize)], route: &[usize]) -> bool {
    let in_groups = groups.iter().map(|(m, _)| m.len()).sum::<usize>();
    let taken: usize = groups
        .iter()
        .map(|(m, k)| {
            let n = route.iter().filter(|x| m.contains(x)).count();
            if n == *k { n } else { in_groups + 1 }
        })
        .sum();
    route.windows(2).all(|w| w[0] < w[1]) && taken == route.len()
}

fn codes(refs: impl Iterator<Item = KsbRef>) -> Vec<String> {
    refs.map(|r| r.to_string()).collect()
}

/// Checks the analysis against every route listed; returns what disagrees.
fn compare(s: &Spec) -> Result<(), TestCaseError> {
    let (p, groups) = build(s);
    let a: Analysis = analyse(&p);
    let routes = if groups.iter().all(|(m, k)| k <= &m.len()) {
        all_routes(&groups)
    } else {
        Vec::new()
    };
    prop_assert_eq!(a.routes.total.to_string(), routes.len().to_string());

    // KSBs: missed on some route; else only partly covered on some route.
    let missed: Vec<usize> = (0..s.ksbs)
        .filter(|&k| routes.iter().any(|r| best(&p, s.core, r, k).is_none()))
        .collect();
    let part: Vec<usize> = (0..s.ksbs)
        .filter(|k| !missed.contains(k))
        .filter(|&k| routes.iter().any(|r| best(&p, s.core, r, k) == Some(Coverage::Partial)))
        .collect();
    let ksb_of = |i: usize| a.ksbs[i].ksb.clone();
    prop_assert_eq!(
        codes(a.routes.gaps.iter().map(|g| ksb_of(g.ksb))),
        codes(missed.iter().map(|&k| ksb(k)))
    );
    prop_assert_eq!(
        codes(a.routes.partial.iter().map(|g| ksb_of(g.ksb))),
        codes(part.iter().map(|&k| ksb(k)))
    );
    for g in &a.routes.gaps {
        prop_assert!(is_route(&groups, &g.witness), "{:?} is not a route", g.witness);
        prop_assert_eq!(best(&p, s.core, &g.witness, g.ksb), None);
    }
    for g in &a.routes.partial {
        prop_assert!(is_route(&groups, &g.witness), "{:?} is not a route", g.witness);
        prop_assert_eq!(best(&p, s.core, &g.witness, g.ksb), Some(Coverage::Partial));
    }

    // Duties: uncovered on some route exactly when they list a KSB some route misses.
    let duty_missed: Vec<String> = s
        .duties
        .iter()
        .enumerate()
        .filter(|(_, ks)| ks.iter().any(|k| missed.contains(k)))
        .map(|(i, _)| format!("ST0001/D{}", i + 1))
        .collect();
    prop_assert_eq!(
        a.routes
            .duty_gaps
            .iter()
            .map(|d| d.duty.to_string())
            .collect::<Vec<_>>(),
        duty_missed
    );
    for d in &a.routes.duty_gaps {
        let k = d.ksb.code.number as usize - 1;
        let listed = &s.duties[d.duty.code[1..].parse::<usize>().unwrap() - 1];
        prop_assert!(listed.contains(&k));
        prop_assert!(is_route(&groups, &d.witness));
        prop_assert_eq!(best(&p, s.core, &d.witness, k), None);
    }

    // Credits: each rule's verdict, the fewest and most credits, and routes that take them.
    let span = |level: u8| {
        let all = routes.iter().map(|r| credits(&p, s.core, r, level));
        match (all.clone().min(), all.max()) {
            (Some(lo), Some(hi)) => (lo, hi),
            _ => {
                let core = credits(&p, s.core, &[], level);
                (core, core)
            }
        }
    };
    for t in &a.level_totals {
        prop_assert_eq!(t.per_student, span(t.level), "level {}", t.level);
    }
    let mut expected = Vec::new();
    if let (Some(rule), false) = (p.programme.award.rule(), routes.is_empty()) {
        for (level, need) in std::iter::once((0, rule.total_credits)).chain(rule.credits_by_level.iter().copied()) {
            let (lo, hi) = span(level);
            if lo < need {
                expected.push((level, lo, need, lo == hi));
            }
            if hi > need {
                expected.push((level, hi, need, lo == hi));
            }
        }
    }
    let got: Vec<(u8, u32, u32, bool)> = a
        .routes
        .credit_gaps
        .iter()
        .map(|g| {
            let (have, need) = g.problem.figures();
            (g.problem.level(), have, need, g.every_route)
        })
        .collect();
    prop_assert_eq!(got, expected);
    for g in &a.routes.credit_gaps {
        prop_assert!(is_route(&groups, &g.witness));
        let (have, _) = g.problem.figures();
        prop_assert_eq!(credits(&p, s.core, &g.witness, g.problem.level()), have);
        prop_assert_eq!(matches!(g.problem, CreditProblem::Total { .. }), g.problem.level() == 0);
    }
    // A KSB some route misses keeps `check` from passing, as one no module covers does.
    let s = &a.summary;
    prop_assert_eq!(
        a.all_covered(),
        missed.is_empty() && s.none == 0 && s.duties_uncovered == 0
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn exact_routes_agree_with_listing_every_route(s in spec()) {
        compare(&s)?;
    }
}
