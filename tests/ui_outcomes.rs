//! Learning outcomes and assessments in the app, through egui_kittest: the inspector links a
//! cell to an assessment, and the "taught but never assessed" finding clears.

use crate::common::k;
use crate::common::ui::Dropped;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;

fn harness(filter: &str) -> Harness<'static, HtqApp> {
    let mut app = HtqApp::with_sample(Box::new(QueuedPicker::default()), RecentFiles::in_memory()).unwrap();
    app.state.standards.filter = filter.to_string();
    Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

/// Focuses a cell as a click on it would (clicks on cells are tested in ui_app).
fn focus(h: &mut Harness<'_, HtqApp>, module: &str, ksb: &str) {
    let row = h.state().project().module_index(module).unwrap();
    let col = h.state().analysis().ksb_index(&k(ksb)).unwrap();
    h.state_mut().state.selection.focused = Some((row, col));
    h.run_ok();
    h.run_ok();
}

fn has_finding(h: &Harness<'_, HtqApp>, id: &str) -> bool {
    h.state().analysis().findings.iter().any(|f| f.id == id)
}

#[test]
fn the_inspector_sets_an_assessment_and_the_unassessed_finding_clears() {
    let mut h = harness("");
    assert!(has_finding(&h, "unassessed-ksb:ST0215/K36"));
    focus(&mut h, "HSC401", "K36");
    // The inspector shows the outcome that carries the cell and says it is not assessed.
    h.get_by_label_contains("LO3 Outline the stages");
    h.get_by_label_contains("Not assessed");
    h.get_by_label_contains("A2 Annotated poster").click();
    h.run_ok();
    h.run_ok();
    assert!(
        !has_finding(&h, "unassessed-ksb:ST0215/K36"),
        "A2 now assesses LO3, which carries K36"
    );
    assert!(!has_finding(&h, "outcome-unassessed:HSC401/LO3"));
    let a2 = &h.state().project().module("HSC401").unwrap().assessments[1];
    assert_eq!(a2.outcomes, ["LO1", "LO3"]);
    h.get_by_label_contains("Assessed by A2");
    assert!(
        h.state().last_action().contains("Assess HSC401 × K36 by A2"),
        "{}",
        h.state().last_action()
    );
    // One undoable edit.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert!(has_finding(&h, "unassessed-ksb:ST0215/K36"));
    assert!(h.state().analysis().ksb(&k("K36")).is_some_and(|s| !s.assessed));
}

#[test]
fn unticking_the_outcome_that_carries_a_cell_unassesses_it() {
    let mut h = harness("K34");
    assert!(!has_finding(&h, "unassessed-ksb:ST0215/K34"));
    focus(&mut h, "HSC401", "K34");
    h.get_by_label_contains("LO1 Describe the structure").click();
    h.run_ok();
    h.run_ok();
    assert!(
        h.state()
            .project()
            .mapping("HSC401", &k("K34"))
            .unwrap()
            .outcomes
            .is_empty()
    );
    assert!(has_finding(&h, "unassessed-ksb:ST0215/K34"));
}

#[test]
fn the_modules_editor_adds_a_learning_outcome_in_one_undoable_edit() {
    let mut h = harness("");
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_ok();
    h.run_ok();
    // The details are below the modules: Details scrolls the page to them.
    h.get_by_label("Details of module 1").click();
    h.run_ok();
    h.run_ok();
    h.get_by_label("Add learning outcome").click();
    h.run_ok();
    h.get_by_label("Text of LO4 of module 1").click();
    h.run_ok();
    h.get_by_label("Text of LO4 of module 1")
        .type_text("Explain how genetics shapes health");
    h.run_ok();
    h.get_by_label("Close").click();
    h.run_ok();
    h.run_ok();
    let m = h.state().project().module("HSC401").unwrap();
    assert_eq!(m.outcomes.len(), 4);
    assert_eq!(m.outcomes[3].text, "Explain how genetics shapes health");
    assert!(has_finding(&h, "outcome-unmapped:HSC401/LO4"));
    assert!(has_finding(&h, "outcome-unassessed:HSC401/LO4"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(h.state().project().module("HSC401").unwrap().outcomes.len(), 3);
}

#[test]
fn dropping_a_word_module_specification_imports_it_in_one_edit() {
    let mut h = harness("");
    let docx = crate::common::root().join("tests/descriptors/HSC502-module-descriptor.docx");
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(docx)));
    h.run_ok();
    h.run_ok();
    assert!(h.state().error().is_none());
    let m = h.state().project().module("HSC502").unwrap();
    assert_eq!(
        m.outcomes.len(),
        4,
        "the specification's four outcomes replace the sample's three"
    );
    assert_eq!(m.assessments[0].outcomes, ["LO1", "LO3", "LO4"]);
    assert!(
        h.state().last_action().contains("HSC502"),
        "{}",
        h.state().last_action()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(h.state().project().module("HSC502").unwrap().outcomes.len(), 3);
}

/// An assessment assesses outcomes, not cells: HSC403's A1 assesses LO1, which carries K12,
/// K13, S12 and S13. On K12 its checkbox says so before unticking, and the edit's name says
/// what went with it (a designer once lost three KSBs' assessment without a word).
#[test]
fn unticking_a_shared_assessment_names_the_other_ksbs_it_takes() {
    let mut h = harness("K12");
    focus(&mut h, "HSC403", "K12");
    h.get_by_label_contains("· also K13 S12 S13").click();
    h.run_ok();
    h.run_ok();
    let action = h.state().last_action().to_string();
    assert!(
        action.contains("Stop assessing HSC403 × K12 by A1 (and K13 S12 S13, which share its outcomes)"),
        "{action}"
    );
}

/// "Not assessed: …" shares a row with the Taught box: it must not widen the right panel
/// (it once grew the panel by 120 px, which the app then kept between runs).
#[test]
fn the_not_assessed_line_never_widens_the_inspector() {
    let mut h = harness("K12");
    focus(&mut h, "HSC403", "K12");
    h.get_by_label_contains("· also K13 S12 S13").click();
    h.run_ok();
    h.run_ok();
    h.get_by_label_contains("Not assessed");
    assert_eq!(
        h.state().state.layout.coverage_share,
        None,
        "the panel kept its default width"
    );
}

/// The inspector says which modules assess the focused KSB as `Analysis::assessed_in` does
/// (the answer `check --json` and the reports give): several modules through their outcome
/// chains, and none for a KSB taught but never assessed. Before an edit and after it.
#[test]
fn the_inspector_names_the_modules_that_assess_a_ksb_as_the_reports_do() {
    let mut h = harness("");
    let said = |h: &Harness<'_, HtqApp>, ksb: &str| {
        let a = h.state().analysis();
        let s = a.ksb(&k(ksb)).unwrap();
        a.assessed_in(h.state().project(), s).join(", ")
    };
    assert_eq!(said(&h, "B1"), "HSC402, HSC406");
    focus(&mut h, "HSC402", "B1");
    h.get_by_label("Assessed in HSC402, HSC406");
    focus(&mut h, "HSC401", "K36");
    assert_eq!(said(&h, "K36"), "");
    h.get_by_label_contains("Taught but never assessed");
    // HSC401's A2 takes LO3, which carries K36: the line follows the analysis.
    h.get_by_label_contains("A2 Annotated poster").click();
    h.run_ok();
    h.run_ok();
    assert_eq!(said(&h, "K36"), "HSC401");
    h.get_by_label("Assessed in HSC401");
}
