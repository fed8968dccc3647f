//! Coverage analysis on the bundled sample and on projects built around it.

use crate::common::{d, k};
use htq_mapper::analysis::{DutyState, FindingKind, KsbState, Severity, analyse};
use htq_mapper::model::{Coverage, KsbRef, Mapping, ModuleStatus, Project};
use htq_mapper::sample;

fn sample_project() -> Project {
    sample::sample_project().unwrap()
}

#[test]
fn the_sample_is_an_fdsc_with_an_option_group() {
    let p = sample_project();
    assert_eq!(p.modules.len(), 13);
    let credits = |level| {
        p.modules
            .iter()
            .filter(|m| m.level == level && m.status == ModuleStatus::Core)
            .map(|m| m.credits)
            .sum::<u32>()
    };
    assert_eq!(credits(4), 120);
    assert_eq!(credits(5) + 20, 120, "core plus one 20-credit option");
    let a = analyse(&p);
    assert!(
        !a.findings.iter().any(|f| f.kind == FindingKind::Credits),
        "the sample meets the FdSc credit rule"
    );
}

/// A misspelt group name in the module list splits a group: the stray module makes a group of
/// one that students must take, and the two names are a letter apart. Both are said.
#[test]
fn a_misspelt_option_group_is_named() {
    let mut p = sample_project();
    let a = analyse(&p);
    assert!(
        !a.findings.iter().any(|f| f.kind == FindingKind::OptionGroup),
        "the sample's group is sound"
    );
    let stray = p.modules.iter_mut().rev().find(|m| m.group.is_some()).unwrap();
    let code = stray.code.clone();
    stray.group = Some("Level 5 otpion".into());
    let a = analyse(&p);
    let said: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::OptionGroup)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said.contains(&format!(
            "Option group Level 5 otpion offers 1 module and students choose 1: every student takes {code}, so it is core in effect"
        )
        .as_str()),
        "{said:?}"
    );
    assert!(
        said.contains(&"Option groups Level 5 option and Level 5 otpion have nearly the same name: is one misspelt?"),
        "{said:?}"
    );
    // Names apart in more than spelling are left alone.
    p.modules.iter_mut().find(|m| m.code == code).unwrap().group = Some("Specialist pathway".into());
    p.modules.push({
        let mut m = p.modules.iter().find(|m| m.code == code).unwrap().clone();
        m.code = "HSC599".into();
        m
    });
    let a = analyse(&p);
    assert!(
        !a.findings.iter().any(|f| f.kind == FindingKind::OptionGroup),
        "{:?}",
        a.findings
    );
}

#[test]
fn duty_states_follow_their_ksbs() {
    let p = sample_project();
    let a = analyse(&p);
    assert_eq!(a.duty(&d("D7")).unwrap().state, DutyState::Uncovered);
    assert_eq!(a.duty(&d("D3")).unwrap().state, DutyState::Partial);
    assert_eq!(a.duty(&d("D1")).unwrap().state, DutyState::Covered);
    let held: Vec<String> = a
        .duty(&d("D7"))
        .unwrap()
        .held_back_by
        .iter()
        .map(|(c, _)| c.to_string())
        .collect();
    assert_eq!(
        held,
        ["K23", "K24", "S23", "S24"]
            .iter()
            .filter(|c| **c != "S24")
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
    );

    // Mapping the missing KSBs clears the flag; a partial one makes the duty partial.
    let mut p = p;
    for c in ["K23", "K24"] {
        p.set_mapping(Mapping::new("HSC502", k(c), Coverage::Full));
    }
    p.set_mapping(Mapping::new("HSC502", k("S23"), Coverage::Partial));
    let a = analyse(&p);
    let d7 = a.duty(&d("D7")).unwrap();
    assert_eq!(d7.state, DutyState::Partial);
    assert_eq!(a.ksb(&k("S23")).unwrap().state, KsbState::Partial);
    assert!(
        a.findings
            .iter()
            .any(|f| f.id == "partial-without-reason:HSC502:ST0215/S23")
    );
}

#[test]
fn optional_only_and_route_gaps() {
    let a = analyse(&sample_project());
    let k25 = a.ksb(&k("K25")).unwrap();
    assert!(k25.optional_only);
    // The two routes that miss K25, K26, S25 and S26 share one cause: not taking HSC506.
    let gaps: Vec<_> = a.findings.iter().filter(|f| f.kind == FindingKind::RouteGap).collect();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let gap = gaps[0];
    assert_eq!(gap.id, "route-gap:ST0215/K25+ST0215/K26+ST0215/S25+ST0215/S26");
    assert!(
        gap.message
            .starts_with("A student who does not take HSC506 misses ST0215/K25")
    );
    assert!(
        gap.message.contains("HSC505 Mental Health and Wellbeing"),
        "{}",
        gap.message
    );
    assert!(gap.message.contains("duty ST0215/D8"), "{}", gap.message);
    assert_eq!(a.routes.total.to_string(), "3");
    assert_eq!(
        a.routes.checked().as_deref(),
        Some("All 3 routes through the options checked")
    );
    // K35 is covered fully by HSC505 and HSC506, only in part by HSC507.
    let partial = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::RoutePartial)
        .expect("route partial");
    assert_eq!(partial.id, "route-partial:ST0215/K35");
    assert!(partial.message.contains("HSC507"), "{}", partial.message);
}

/// An optional module in no group is one a student may leave out: a KSB only it covers is
/// missed by a student who does not take it, not by "every student", and the route shown
/// is the core modules alone (the finding once ended "for example, the core modules").
#[test]
fn a_ksb_only_an_ungrouped_option_covers_names_that_option() {
    let mut p = sample_project();
    for m in &mut p.modules {
        m.group = None;
    }
    let a = analyse(&p);
    let gap = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::RouteGap && f.id.contains("K25"))
        .expect("a route gap");
    assert!(
        gap.message.starts_with("A student who does not take HSC506 misses"),
        "{}",
        gap.message
    );
    assert!(
        gap.message
            .ends_with("for example, the route taking the core modules alone"),
        "{}",
        gap.message
    );
    assert!(!a.findings.iter().any(|f| f.message.starts_with("Every student")));
    // Once every KSB is mapped, the report does not say some are not covered.
    let uncovered: Vec<_> = a
        .ksbs
        .iter()
        .filter(|k| k.modules.is_empty())
        .map(|k| k.ksb.clone())
        .collect();
    for ksb in uncovered {
        p.set_mapping(htq_mapper::model::Mapping::new(
            "HSC401",
            ksb,
            htq_mapper::model::Coverage::Full,
        ));
    }
    let a = analyse(&p);
    assert_eq!((a.summary.none, a.routes.gaps.is_empty()), (0, false));
    let html = htq_mapper::report::html::report(&p, &a, htq_mapper::model::IsoDate::new(2026, 12, 7).unwrap());
    assert!(html.contains("some routes through the optional modules miss KSBs"));
    assert!(!html.contains("Some duties or KSBs are not covered"));
}

#[test]
fn level_six_standard_and_credit_rules_are_flagged() {
    let mut p = sample_project();
    let st0413 = sample::bundled_standards()
        .into_iter()
        .find(|s| s.reference == "ST0413")
        .unwrap();
    p.programme.standards.push(st0413.reference.clone());
    p.standards.push(st0413);
    p.modules[0].credits = 40;
    p.modules[1].level = 6;
    let a = analyse(&p);
    let level = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::StandardLevel)
        .unwrap();
    assert_eq!(level.severity, Severity::Error);
    assert!(level.message.contains("Level 6"));
    assert!(
        a.findings
            .iter()
            .any(|f| f.kind == FindingKind::Credits && f.message.contains("an FdSc needs 240"))
    );
    assert!(a.findings.iter().any(|f| f.id == "module-level:HSC402"));
}

#[test]
fn a_standard_without_duties_says_so_and_still_counts_ksbs() {
    let mut p = sample_project();
    let st0220 = sample::bundled_standards()
        .into_iter()
        .find(|s| s.reference == "ST0220")
        .unwrap();
    p.programme.standards = vec!["ST0220".into()];
    p.standards = vec![st0220];
    p.mappings.clear();
    p.set_mapping(Mapping::new(
        "HSC401",
        KsbRef::new("ST0220", "K16".parse().unwrap()),
        Coverage::Full,
    ));
    let a = analyse(&p);
    assert!(a.duties.is_empty(), "no duties are invented");
    assert!(a.findings.iter().any(|f| f.id == "duties-unknown:ST0220"));
    assert_eq!(a.summary.ksbs, 65);
    assert_eq!(a.summary.full, 1);
}

/// A project of one real catalogue standard, with the sample's modules and no mapping.
fn catalogue_project(file: &str) -> Project {
    let path = crate::common::root().join("standards/catalogue").join(file);
    let st = htq_mapper::store::load_standard(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut p = sample_project();
    p.programme.standards = vec![st.reference.clone()];
    p.standards = vec![st];
    p.mappings.clear();
    p
}

#[test]
fn duties_that_list_no_ksb_are_not_counted_covered() {
    // ST0048 1.0's record lists six duties and links no KSB to any: with nothing mapped,
    // none may read as covered.
    let a = analyse(&catalogue_project("ST0048_1.0.ron"));
    assert_eq!(a.summary.duties_covered, 0);
    assert!(a.duties.is_empty());
    let unknown = a
        .findings
        .iter()
        .find(|f| f.id == "duties-unknown:ST0048")
        .expect("said");
    assert!(unknown.message.contains("links no KSB"), "{}", unknown.message);
    assert!(a.findings.iter().all(|f| f.kind != FindingKind::KsbInNoDuty));
    assert_eq!(a.summary.none, 21);

    // ST1312 2.0 links KSBs to 15 of its 17 duties: those 15 are checked, the other two named.
    let a = analyse(&catalogue_project("ST1312_2.0.ron"));
    assert_eq!(a.summary.duties, 15);
    assert_eq!(a.summary.duties_uncovered, 15);
    assert_eq!(a.summary.duties_covered, 0);
    let named = a
        .findings
        .iter()
        .find(|f| f.id == "duties-without-ksbs:ST1312")
        .expect("named");
    assert!(named.message.contains("list no KSB"), "{}", named.message);
    assert_eq!(named.severity, Severity::Info);
}

#[test]
fn a_duty_listing_a_code_the_copy_does_not_define_is_uncovered() {
    // A page copied without its behaviours: every duty lists B1 to B3, which the copy lacks.
    // Fully mapped otherwise, the duties must not read as covered.
    let mut p = sample_project();
    p.standards[0].ksbs.retain(|k| k.code.to_string() != "B2");
    let a = analyse(&p);
    let listing_b2 = p.standards[0]
        .duties
        .iter()
        .filter(|d| d.ksbs.iter().any(|c| c.to_string() == "B2"))
        .count();
    assert!(listing_b2 > 0);
    assert_eq!(a.summary.duties_uncovered, listing_b2);
    let named = a
        .findings
        .iter()
        .find(|f| f.id == "undefined-ksb:ST0215")
        .expect("named");
    assert_eq!(named.severity, Severity::Error);
    assert!(
        named.message.contains("list B2, which the project's copy"),
        "{}",
        named.message
    );
    let d1 = a.duties.iter().find(|s| s.duty == d("D1")).expect("D1");
    assert_eq!(d1.state, DutyState::Uncovered);
    assert!(d1.held_back_by.iter().any(|(c, _)| c.to_string() == "B2"));
}

#[test]
fn mappings_to_missing_modules_are_reported_not_dropped() {
    let mut p = sample_project();
    p.set_mapping(Mapping::new("GONE1", k("K1"), Coverage::Full));
    let a = analyse(&p);
    assert!(
        a.findings
            .iter()
            .any(|f| f.kind == FindingKind::DanglingMapping && f.message.contains("GONE1"))
    );
    assert!(p.mapping("GONE1", &k("K1")).is_some());
}

#[test]
fn unmapped_modules_are_flagged() {
    let mut p = sample_project();
    p.mappings.retain(|m| m.module != "HSC404");
    let a = analyse(&p);
    assert!(a.findings.iter().any(|f| f.id == "unmapped-module:HSC404"));
}
