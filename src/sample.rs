//! The bundled sample project and standards, built into the binary so it runs anywhere,
//! and a stress project, made by code, for benchmarks.

use std::path::Path;

use crate::error::InputError;
use crate::model::{
    Award, Coverage, Duty, Ksb, KsbCode, KsbKind, KsbRef, Mapping, Module, ModuleStatus, OptionGroup, Programme,
    Project, Standard,
};

pub const SAMPLE_NAME: &str = "sample-fdsc-assistant-practitioner.ron";
const SAMPLE: &str = include_str!("../assets/sample-fdsc-assistant-practitioner.ron");

/// The bundled standards as (file name, RON text).
pub const BUNDLED_STANDARDS: [(&str, &str); 3] = [
    ("ST0215.ron", include_str!("../standards/ST0215.ron")),
    ("ST0220.ron", include_str!("../standards/ST0220.ron")),
    ("ST0413.ron", include_str!("../standards/ST0413.ron")),
];

pub fn sample_project() -> Result<Project, InputError> {
    crate::store::parse_project(Path::new(SAMPLE_NAME), SAMPLE)
}

pub fn bundled_standards() -> Vec<Standard> {
    BUNDLED_STANDARDS
        .iter()
        .filter_map(|(name, text)| crate::store::parse_ron(Path::new(name), text).ok())
        .collect()
}

/// A bundled standard as the menus list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundledStandard {
    pub reference: String,
    pub title: String,
    pub level: u8,
}

/// The bundled standards' references, titles and levels, for menus.
pub fn bundled_index() -> Vec<BundledStandard> {
    bundled_standards()
        .into_iter()
        .map(|s| BundledStandard {
            reference: s.reference,
            title: s.title,
            level: s.level,
        })
        .collect()
}

/// A project made by code for benchmarks: one Level 5 standard of `ksbs` KSBs (45% knowledge,
/// 45% skills, 10% behaviours) and duties of 12 KSBs each, and `modules` modules, half at
/// Level 4 and half at Level 5, the last four optional in a "choose 2" group.
///
/// It is fully mapped: every KSB is covered, by about one module in ten (7,200 mappings for
/// 600 KSBs and 120 modules), and one mapping in ten is partial with a workplace reason.
/// The same arguments always give the same project.
pub fn stress_project(ksbs: usize, modules: usize) -> Project {
    let modules = modules.max(1);
    let n_k = ksbs * 45 / 100;
    let n_s = ksbs * 45 / 100;
    let mut list = Vec::with_capacity(ksbs);
    for i in 0..ksbs {
        let (kind, number) = if i < n_k {
            (KsbKind::Knowledge, i + 1)
        } else if i < n_k + n_s {
            (KsbKind::Skill, i - n_k + 1)
        } else {
            (KsbKind::Behaviour, i - n_k - n_s + 1)
        };
        list.push(Ksb {
            code: KsbCode::new(kind, number as u32),
            text: format!(
                "{} {number}: the principles, methods and professional standards that apply to area {} \
                 of the occupation, and how they are used in practice",
                kind.name(),
                i % 37 + 1
            ),
            guid: None,
        });
    }
    let duties: Vec<Duty> = list
        .chunks(12)
        .enumerate()
        .map(|(i, c)| Duty {
            code: format!("D{}", i + 1),
            text: format!(
                "Carry out duty {} of the occupation safely, to the expected standard",
                i + 1
            ),
            ksbs: c.iter().map(|k| k.code).collect(),
            core: true,
            guid: None,
            options: Vec::new(),
        })
        .collect();
    let standard = Standard {
        reference: "ST9999".into(),
        title: "Stress-test practitioner".into(),
        level: 5,
        version: Some("1.0".into()),
        source: "generated".into(),
        duties,
        ksbs: list,
        ..Standard::default()
    };
    let mut project = Project::new(Programme {
        title: format!("Stress test ({ksbs} KSBs, {modules} modules)"),
        award: Award::FdSc,
        awarding_body: "Benchmark University".into(),
        level: 5,
        total_credits: 240,
        standards: vec![standard.reference.clone()],
        occupational_options: Default::default(),
    });
    let optional_from = modules.saturating_sub(4).max(modules / 2);
    for i in 0..modules {
        let level = if i < modules / 2 { 4 } else { 5 };
        let optional = i >= optional_from;
        project.modules.push(Module {
            code: format!("M{level}{:03}", i + 1),
            title: format!("Module {} of the stress test", i + 1),
            description: String::new(),
            level,
            credits: 20,
            status: if optional {
                ModuleStatus::Optional
            } else {
                ModuleStatus::Core
            },
            group: optional.then(|| "Stress option".to_string()),
            work_based: i % 10 == 9,
            outcomes: Vec::new(),
            assessments: Vec::new(),
        });
    }
    if optional_from < modules {
        project.option_groups.push(OptionGroup {
            name: "Stress option".into(),
            choose: 2,
        });
    }
    let core = optional_from.max(1);
    let mut mappings = Vec::with_capacity(ksbs * modules.div_ceil(10));
    for (ki, k) in standard.ksbs.iter().enumerate() {
        // Always a core module, so every route covers every KSB; then every tenth module on.
        let first = ki % core;
        for n in 0..modules.div_ceil(10) {
            let mi = (first + n * 10) % modules;
            let partial = n > 0 && (ki + mi).is_multiple_of(10);
            let mut m = Mapping::new(
                project.modules[mi].code.clone(),
                KsbRef::new(standard.reference.clone(), k.code),
                if partial { Coverage::Partial } else { Coverage::Full },
            );
            m.assessed = mi.is_multiple_of(3);
            if partial {
                m.workplace_reason = "Practised and signed off by the employer in the workplace".into();
            }
            mappings.push(m);
        }
    }
    project.mappings = mappings.into();
    project.standards.push(standard);
    project
}

/// A generated project with many routes, for the route benchmark and tests: the standard of
/// [`stress_project`] and its 12 modules, all core, then `groups` option groups of "choose
/// `choose` of `size`" (codes `O0101`, `O0102`, …; credits 0, 10, 20, 0, …).
///
/// KSB `i` falls in group `i % groups` and is covered so:
/// - `i % 4 == 0`: by core modules, as in [`stress_project`];
/// - `i % 4 == 1`: by every member of its group;
/// - `i % 4 == 2`: by all but `choose - 1` members, so no route misses it (fully by the
///   first only when `i % 8 == 6`, so some routes cover it in part);
/// - `i % 4 == 3`: by all but `choose` members, so exactly these KSBs are missed on some route.
pub fn options_project(ksbs: usize, groups: usize, size: usize, choose: u32) -> Project {
    let mut project = stress_project(ksbs, 12);
    for m in &mut project.modules {
        m.status = ModuleStatus::Core;
        m.group = None;
    }
    project.option_groups.clear();
    let Some(standard) = project.standards.first().cloned() else {
        return project;
    };
    // Codes sort as the standard lists them, so a binary search finds a KSB's place.
    let core_covers = |c: &KsbCode| {
        standard
            .ksbs
            .binary_search_by(|k| k.code.cmp(c))
            .is_ok_and(|i| i % 4 == 0)
    };
    let mut mappings: Vec<Mapping> = project
        .mappings
        .iter()
        .filter(|m| core_covers(&m.ksb.code))
        .cloned()
        .collect();
    let code = |g: usize, j: usize| format!("O{:02}{:02}", g + 1, j + 1);
    for g in 0..groups {
        let name = format!("Option {}", g + 1);
        for j in 0..size {
            project.modules.push(Module {
                code: code(g, j),
                title: format!("Option {} choice {}", g + 1, j + 1),
                description: String::new(),
                level: if g % 2 == 0 { 5 } else { 4 },
                credits: 10 * (j as u32 % 3),
                status: ModuleStatus::Optional,
                group: Some(name.clone()),
                work_based: false,
                outcomes: Vec::new(),
                assessments: Vec::new(),
            });
        }
        project.option_groups.push(OptionGroup { name, choose });
    }
    let choose = choose as usize;
    for (i, k) in standard.ksbs.iter().enumerate() {
        let covering = match i % 4 {
            0 => continue,
            1 => size,
            2 => (size + 1).saturating_sub(choose),
            _ => size.saturating_sub(choose),
        };
        for j in 0..covering.min(size) {
            let partial = i % 8 == 6 && j > 0;
            let coverage = if partial { Coverage::Partial } else { Coverage::Full };
            let mut m = Mapping::new(
                code(i % groups.max(1), j),
                KsbRef::new(standard.reference.clone(), k.code),
                coverage,
            );
            if partial {
                m.workplace_reason = "Completed in the workplace".into();
            }
            if groups > 0 {
                mappings.push(m);
            }
        }
    }
    project.mappings = mappings.into();
    project.programme.title = format!("Routes test ({groups} groups of choose {choose} of {size})");
    project
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_files_parse() {
        assert!(super::sample_project().is_ok());
        assert_eq!(super::bundled_standards().len(), 3);
    }

    #[test]
    fn stress_project_is_fully_mapped() {
        let p = super::stress_project(600, 120);
        assert_eq!(p.standards[0].ksbs.len(), 600);
        assert_eq!(p.modules.len(), 120);
        assert!(p.mappings.len() >= 7_000, "{}", p.mappings.len());
        let a = crate::analysis::analyse(&p);
        assert_eq!(a.summary.none, 0);
        assert_eq!(a.summary.duties_uncovered, 0);
        assert_eq!(p, super::stress_project(600, 120));
        // Small sizes do not panic.
        for (k, m) in [(0, 0), (1, 1), (3, 5), (13, 2)] {
            crate::analysis::analyse(&super::stress_project(k, m));
            crate::analysis::analyse(&super::options_project(k, m, 3, 2));
        }
    }
}
