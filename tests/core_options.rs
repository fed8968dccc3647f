//! Core and options, on a real core-and-options standard: ST0624 Food and drink engineer
//! (Level 4), whose Mechanical and Electrical options each have KSBs of their own.

use crate::common::*;
use htq_mapper::analysis::{self, FindingKind};
use htq_mapper::model::{Award, Coverage, KsbRef, Mapping, Module, ModuleStatus, Programme, Project, Standard, ops};

const FILE: &str = "data/ifate-standards/latest-l4-l5/ST0624_1.1.json";
/// The KSBs that only the Electrical option's duty lists (worked out from the record).
const ELECTRICAL_ONLY: [&str; 12] = [
    "K23", "K24", "K25", "K26", "K27", "K28", "K29", "S17", "S18", "S19", "S20", "S21",
];

fn st0624() -> Standard {
    htq_mapper::import::read_standards(&shared(FILE))
        .unwrap()
        .remove(0)
        .standard
}

fn option_id(s: &Standard, title_start: &str) -> String {
    s.options
        .iter()
        .find(|o| o.title.starts_with(title_start))
        .unwrap()
        .id
        .clone()
}

/// One core module mapping every KSB but the Electrical option's own.
fn project() -> Project {
    let s = st0624();
    let mut p = Project::new(Programme {
        title: "Food Engineering".into(),
        award: Award::Hnc,
        awarding_body: String::new(),
        level: 4,
        total_credits: 120,
        standards: Vec::new(),
        occupational_options: Default::default(),
    });
    p.modules.push(Module {
        code: "FE401".into(),
        title: "Food engineering".into(),
        level: 4,
        credits: 120,
        status: ModuleStatus::Core,
        group: None,
        work_based: false,
        description: Default::default(),
        outcomes: Vec::new(),
        assessments: Vec::new(),
    });
    for k in &s.ksbs {
        if !ELECTRICAL_ONLY.contains(&k.code.to_string().as_str()) {
            p.set_mapping(Mapping::new("FE401", KsbRef::new("ST0624", k.code), Coverage::Full));
        }
    }
    ops::add_standard(&mut p, s).unwrap();
    p
}

#[test]
fn the_record_is_core_and_options_with_one_duty_per_option() {
    let s = st0624();
    assert!(s.core_and_options);
    assert_eq!(s.options.len(), 2);
    assert_eq!(s.duties.iter().filter(|d| !d.core).count(), 2);
}

#[test]
fn ksbs_only_an_unchosen_option_needs_are_no_gaps() {
    let mut p = project();
    // No option chosen: every option's duties count, so the Electrical KSBs are gaps.
    let a = analysis::analyse(&p);
    assert_eq!(a.summary.none, 12);
    assert_eq!(a.summary.ksbs, 58);
    assert_eq!(a.summary.duties, 12);
    assert_eq!(a.summary.duties_uncovered, 1);
    assert!(!a.all_covered());
    assert!(a.findings.iter().any(|f| f.id == "options-not-chosen:ST0624"));

    // The programme aligns to the Mechanical option: the core duties and its duty count.
    let mechanical = option_id(&p.standards[0], "Mechanical");
    assert!(ops::set_occupational_options(
        &mut p,
        "ST0624",
        &[mechanical.clone(), "no-such-id".into()]
    ));
    assert_eq!(
        p.programme.chosen_options("ST0624"),
        std::slice::from_ref(&mechanical),
        "unknown ids are dropped"
    );
    let a = analysis::analyse(&p);
    assert_eq!(a.summary.ksbs, 46);
    assert_eq!(a.summary.ksbs_not_needed, 12);
    assert_eq!(a.summary.none, 0);
    assert_eq!(a.summary.duties, 11);
    assert_eq!(a.summary.duties_uncovered, 0);
    assert_eq!(a.uncovered_ksbs().count(), 0);
    assert!(a.all_covered());
    assert!(!a.findings.iter().any(|f| f.kind == FindingKind::UncoveredKsb));
    let chosen = a.findings.iter().find(|f| f.id == "options-chosen:ST0624").unwrap();
    assert!(
        chosen
            .message
            .contains("Mechanical food and drink engineer: 12 KSBs only other options need are not counted"),
        "{}",
        chosen.message
    );

    // The Electrical option instead: its own KSBs are gaps again, the Mechanical ones are not.
    let electrical = option_id(&p.standards[0], "Electrical");
    assert!(ops::set_occupational_options(&mut p, "ST0624", &[electrical]));
    let a = analysis::analyse(&p);
    assert_eq!(a.summary.none, 12);
    assert_eq!(a.summary.ksbs_not_needed, 9);
    let gaps: Vec<String> = a.uncovered_ksbs().map(|k| k.ksb.code.to_string()).collect();
    assert_eq!(gaps, ELECTRICAL_ONLY);

    // Removing the standard forgets its options.
    assert!(ops::remove_standard(&mut p, "ST0624"));
    assert!(p.programme.occupational_options.is_empty());
}

#[test]
fn check_and_reports_say_which_options_were_chosen() {
    let mut p = project();
    let mechanical = option_id(&p.standards[0], "Mechanical");
    ops::set_occupational_options(&mut p, "ST0624", &[mechanical]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.ron");
    htq_mapper::store::save_project(&file, &p).unwrap();
    // The choice is kept in the project file.
    assert_eq!(htq_mapper::store::load_project(&file).unwrap(), p);

    let o = htq(&["check", file.to_str().unwrap()]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(
        text.contains("Options of ST0624: options chosen: Mechanical food and drink engineer"),
        "{text}"
    );
    assert!(text.contains("KSBs not counted: 12"), "{text}");

    let o = htq(&["check", file.to_str().unwrap(), "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        j["options"][0]["chosen"],
        serde_json::json!(["Mechanical food and drink engineer"])
    );
    assert_eq!(j["summary"]["ksbs_not_needed"], 12);
    assert_eq!(j["uncovered_ksbs"], serde_json::json!([]));

    let a = analysis::analyse(&p);
    let csv = String::from_utf8(htq_mapper::report::csv::ksb_sheet_csv(&p, &a).unwrap()).unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",Option"));
    assert!(csv.contains("Electrical food and drink engineer (not chosen)"));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("ST0624,K19,") && l.ends_with(",Mechanical food and drink engineer"))
    );
    let html = htq_mapper::report::html::report(&p, &a, htq_mapper::model::IsoDate::new(2026, 11, 25).unwrap());
    assert!(html.contains("options chosen: Mechanical food and drink engineer"));
    // The reports count what check counts: the Electrical option's KSBs are not gaps.
    let electrical = csv.lines().find(|l| l.starts_with("ST0624,K23,")).expect("K23's row");
    assert!(electrical.contains(",not needed,"), "{electrical}");
    assert!(!csv.contains(",none,"), "{csv}");
    assert!(html.contains("Every KSB is fully covered."));
    assert!(html.contains("12 KSBs needed only by options the programme does not take are not counted."));
    assert!(!html.contains("No module maps it"));
    // Knowledge and skills by kind: every needed one full, none missing.
    assert!(html.contains("22 of 22 full, 0 partial, 0 none"));
    assert!(html.contains("16 of 16 full, 0 partial, 0 none"));
    let xlsx = dir.path().join("r.xlsx");
    let o = htq(&["report", file.to_str().unwrap(), "--out", xlsx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// The standards panel's option checkboxes choose the programme's options as one undoable edit.
#[test]
fn the_standards_panel_chooses_options_as_one_undoable_edit() {
    use egui::{Key, Modifiers};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use htq_mapper::app::HtqApp;
    use htq_mapper::app::file_picker::QueuedPicker;
    use htq_mapper::app::recent::RecentFiles;

    let p = project();
    let mechanical = option_id(&p.standards[0], "Mechanical");
    let app = HtqApp::new(p, None, Box::new(QueuedPicker::default()), RecentFiles::in_memory());
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.run_ok();
    assert_eq!(h.state().analysis().summary.none, 12);
    h.get_by_label_contains("until then every option's duties count");
    h.get_by_label("Mechanical food and drink engineer").click();
    h.run_ok();
    assert_eq!(h.state().project().programme.chosen_options("ST0624"), [mechanical]);
    assert_eq!(h.state().analysis().summary.none, 0, "the analysis follows the choice");
    assert!(
        h.query_by_label_contains("until then every option's duties count")
            .is_none()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert!(
        h.state().project().programme.chosen_options("ST0624").is_empty(),
        "one undo takes it back"
    );
    assert_eq!(h.state().analysis().summary.none, 12);
}

/// Choosing an occupational option changes what a sign-off signs, so the comparison with the
/// signed copy says what changed. It once said "no change" beside "Sign-off stale".
#[test]
fn a_sign_off_stale_from_an_option_says_the_option_changed() {
    let mut p = project();
    let signed = p.clone();
    let mechanical = option_id(&p.standards[0], "Mechanical");
    assert!(ops::set_occupational_options(&mut p, "ST0624", &[mechanical]));
    let c = htq_mapper::review::compare::compare(&signed, &p);
    assert!(!c.is_empty());
    assert_eq!(c.counts(), "programme details changed");
    let text = c.to_string();
    assert!(
        text.contains("occupational_options none → \"ST0624 Mechanical food and drink engineer"),
        "{text}"
    );
    // A sign-off's content names standards without their options: the titles come from the
    // project as it is now (they once showed as the options' ids).
    let mut from_content = signed.clone();
    from_content.standards[0].options.clear();
    let text = htq_mapper::review::compare::compare(&from_content, &p).to_string();
    assert!(text.contains("Mechanical food and drink engineer"), "{text}");
    let mut q = p.clone();
    q.option_groups.clear();
    q.programme.title = "Food engineering".into();
    assert!(
        htq_mapper::review::compare::compare(&p, &q)
            .to_string()
            .contains("title")
    );
}
