//! Tests of the domain edits the app and the command line share.

use super::*;
use crate::model::{Edit, ModuleStatus};

#[test]
fn set_coverage_changes_only_what_differs_and_keeps_notes() {
    let mut p = crate::sample::sample_project().unwrap();
    let mapped = p.mappings[0].clone();
    let module = mapped.module.clone();
    let mut noted = mapped.clone();
    noted.note = "kept".into();
    Edit::Cells(vec![CellEdit {
        module: module.clone(),
        ksb: mapped.ksb.clone(),
        mapping: Some(noted),
    }])
    .apply(&mut p);
    let unmapped = p.ksb_refs().find(|k| p.mapping(&module, k).is_none()).unwrap();
    let cells = vec![(module.clone(), mapped.ksb.clone()), (module.clone(), unmapped.clone())];
    let edits = set_coverage(&p, &cells, Some(Coverage::Partial));
    assert_eq!(edits.len(), 2 - usize::from(mapped.coverage == Coverage::Partial));
    Edit::Cells(edits).apply(&mut p);
    let m = p.mapping(&module, &mapped.ksb).unwrap();
    assert_eq!((m.coverage, m.note.as_str()), (Coverage::Partial, "kept"));
    assert_eq!(p.mapping(&module, &unmapped).unwrap().coverage, Coverage::Partial);
    assert!(set_coverage(&p, &cells, Some(Coverage::Partial)).is_empty());
    assert_eq!(set_coverage(&p, &cells, None).len(), 2);
}

fn k(code: &str) -> KsbRef {
    KsbRef::new("ST0215", code.parse().unwrap())
}

fn module(code: &str, title: &str) -> Module {
    Module {
        code: code.into(),
        title: title.into(),
        description: String::new(),
        level: 4,
        credits: 20,
        status: ModuleStatus::Core,
        group: None,
        work_based: false,
        outcomes: Vec::new(),
        assessments: Vec::new(),
    }
}

#[test]
fn standards_add_once_and_remove_with_their_mappings() {
    let mut p = crate::sample::sample_project().unwrap();
    let st = p.standard("ST0215").unwrap().clone();
    assert_eq!(
        add_standard(&mut p, st.clone()),
        Err(OpsError::StandardPresent("ST0215".into()))
    );
    assert!(!p.mappings.is_empty());
    assert!(remove_standard(&mut p, "ST0215"));
    assert!(p.standards.is_empty() && p.programme.standards.is_empty() && p.mappings.is_empty());
    assert!(!remove_standard(&mut p, "ST0215"));
    add_standard(&mut p, st).unwrap();
    assert_eq!(p.programme.standards, ["ST0215"]);
}

#[test]
fn merging_updates_known_codes_and_appends_new_ones() {
    let mut p = crate::sample::sample_project().unwrap();
    let n = p.modules.len();
    let first = p.modules[0].code.clone();
    let counts = merge_modules(
        &mut p,
        vec![
            module(&first, "Renamed"),
            module("NEW1", "New"),
            module("NEW1", "Newer"),
        ],
        vec![OptionGroup {
            name: "G".into(),
            choose: 1,
        }],
    );
    assert_eq!(counts, MergeCounts { added: 1, updated: 2 });
    assert_eq!(p.modules.len(), n + 1);
    assert_eq!(p.modules[0].title, "Renamed");
    assert_eq!(p.module("NEW1").map(|m| m.title.as_str()), Some("Newer"));
    assert!(p.option_group("G").is_some());
}

#[test]
fn cycling_goes_none_full_partial_none_and_keeps_notes() {
    let mut p = crate::sample::sample_project().unwrap();
    let (m, ksb) = ("HSC502", k("K23"));
    assert!(p.mapping(m, &ksb).is_none());
    let mut words = Vec::new();
    for _ in 0..3 {
        let (edit, word) = cycle_cell(&p, m, &ksb);
        words.push(word);
        Edit::Cells(vec![edit]).apply(&mut p);
        if word == "full"
            && let Some(mut x) = p.mapping(m, &ksb).cloned()
        {
            x.note = "kept".into();
            p.set_mapping(x);
        }
        if word == "partial" {
            assert_eq!(p.mapping(m, &ksb).map(|x| x.note.as_str()), Some("kept"));
        }
    }
    assert_eq!(words, ["full", "partial", "none"]);
    assert!(p.mapping(m, &ksb).is_none());
}

#[test]
fn mapping_ksbs_skips_mapped_unknown_and_bad_modules() {
    let p = crate::sample::sample_project().unwrap();
    let mapped = p.mappings.iter().find(|m| m.module == "HSC502").unwrap().clone();
    let unknown = KsbRef::new("ST9999", "K1".parse().unwrap());
    let fresh = k("K23");
    let cells = map_ksbs(&p, "HSC502", &[mapped.ksb.clone(), unknown, fresh.clone()]);
    let got: Vec<&KsbRef> = cells.iter().map(|c| &c.ksb).collect();
    assert_eq!(got, [&fresh]);
    assert!(map_ksbs(&p, "NO-SUCH-MODULE", &[fresh]).is_empty());
}

/// An import that links a module's outcomes replaces its old links; one that links none
/// keeps them on the outcomes it keeps and drops those to outcomes it removes.
#[test]
fn imported_outcomes_replace_the_links_they_give_and_drop_dangling_ones() {
    let mut p = crate::sample::sample_project().unwrap();
    let linked = |p: &Project, lo: &str| -> Vec<String> {
        let mut v: Vec<String> = (p.mappings.iter())
            .filter(|m| m.module == "HSC402" && m.outcomes.iter().any(|o| o == lo))
            .map(|m| m.ksb.code.to_string())
            .collect();
        v.sort();
        v
    };
    assert!(linked(&p, "LO1").len() > 1, "the sample links several KSBs to LO1");
    let lo = |code: &str, text: &str| LearningOutcome {
        code: code.into(),
        text: text.into(),
    };
    let only = vec![lo("LO1", "Use digital tools to keep care records")];
    set_outcomes(
        &mut p,
        "HSC402",
        only.clone(),
        Vec::new(),
        &[("LO1".into(), "K1".into())],
    )
    .unwrap();
    assert_eq!(linked(&p, "LO1"), ["K1"]);
    assert!(linked(&p, "LO2").is_empty(), "LO2 is gone");
    set_outcomes(&mut p, "HSC402", only, Vec::new(), &[]).unwrap();
    assert_eq!(linked(&p, "LO1"), ["K1"], "words alone keep the links");
    set_outcomes(&mut p, "HSC402", vec![lo("LO2", "Other")], Vec::new(), &[]).unwrap();
    assert!(linked(&p, "LO1").is_empty());
}

#[test]
fn a_workplace_reason_goes_to_the_partial_cells_only() {
    let mut p = crate::sample::sample_project().unwrap();
    let cells: Vec<(String, KsbRef)> = ["K1", "K2", "K3"]
        .iter()
        .map(|c| ("HSC401".to_string(), KsbRef::new("ST0215", c.parse().unwrap())))
        .collect();
    Edit::Cells(set_coverage(&p, &cells, Some(Coverage::Full))).apply(&mut p);
    Edit::Cells(set_coverage(&p, &cells[..2], Some(Coverage::Partial))).apply(&mut p);
    let edits = set_workplace_reason(&p, &cells, "Delivered on placement");
    assert_eq!(edits.len(), 2, "the full cell is left alone");
    Edit::Cells(edits).apply(&mut p);
    let reason = |c: &(String, KsbRef)| p.mapping(&c.0, &c.1).map(|m| m.workplace_reason.clone());
    assert_eq!(reason(&cells[0]).as_deref(), Some("Delivered on placement"));
    assert_eq!(reason(&cells[1]).as_deref(), Some("Delivered on placement"));
    assert_eq!(reason(&cells[2]).as_deref(), Some(""));
    assert!(set_workplace_reason(&p, &cells, "Delivered on placement").is_empty());
}
