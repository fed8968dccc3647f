//! Suggestions in the app: accepting one maps the cell (coverage updates) as one undoable
//! edit; dismissing one is remembered in the project; the switch hides them.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::model::{Coverage, KsbRef};

fn harness() -> Harness<'static, HtqApp> {
    let app = HtqApp::with_sample(Box::new(QueuedPicker::default()), RecentFiles::in_memory()).unwrap();
    Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

/// Focuses a module's best suggested cell and returns its KSB.
fn focus_top_suggestion(h: &mut Harness<'_, HtqApp>, module: &str) -> KsbRef {
    let app = h.state();
    let row = app.project().module_index(module).unwrap();
    let s = app.suggestions().by_module[row]
        .first()
        .expect("the module has suggestions");
    let ksb = s.ksb.clone();
    let col = app.project().ksb_refs().position(|k| k == ksb).unwrap();
    h.state_mut().state.selection.focused = Some((row, col));
    h.run_ok();
    ksb
}

#[test]
fn accept_a_suggestion_then_undo_it() {
    let mut h = harness();
    let ksb = focus_top_suggestion(&mut h, "HSC502");
    let before = h.state().analysis().summary.clone();
    let covered_by = |h: &Harness<'_, HtqApp>| h.state().analysis().ksb(&ksb).unwrap().modules.len();
    let was = covered_by(&h);
    assert!(h.state().project().mapping("HSC502", &ksb).is_none());

    // The first "Accept" is the focused cell's, above the KSB's list.
    h.get_all_by_label("Accept").next().expect("an Accept button").click();
    h.run_ok();
    let app = h.state();
    let m = app.project().mapping("HSC502", &ksb).expect("accepting maps the cell");
    assert_eq!(m.coverage, Coverage::Full);
    assert_eq!(covered_by(&h), was + 1, "coverage counts the new mapping");
    assert!(app.analysis().summary != before || was > 0);
    let row = app.project().module_index("HSC502").unwrap();
    assert!(
        app.suggestions().get(row, &ksb).is_none(),
        "a mapped cell is no longer suggested"
    );
    assert!(
        app.last_action().contains("Accept the suggestion"),
        "{}",
        app.last_action()
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    let app = h.state();
    assert!(app.project().mapping("HSC502", &ksb).is_none(), "undo removes it");
    assert_eq!(covered_by(&h), was);
    assert_eq!(h.state().analysis().summary, before);
    assert!(
        h.state().suggestions().get(row, &ksb).is_some(),
        "and it is suggested again"
    );
    assert!(!h.state().is_dirty());
}

#[test]
fn dismiss_is_remembered_and_the_switch_hides_suggestions() {
    let mut h = harness();
    let ksb = focus_top_suggestion(&mut h, "HSC404");
    h.get_all_by_label("Dismiss").next().expect("a Dismiss button").click();
    h.run_ok();
    let app = h.state();
    assert!(app.project().is_dismissed("HSC404", &ksb));
    assert!(
        app.project().mapping("HSC404", &ksb).is_none(),
        "dismissing maps nothing"
    );
    let row = app.project().module_index("HSC404").unwrap();
    assert!(app.suggestions().get(row, &ksb).is_none());
    assert!(h.query_by_label("You dismissed this suggestion.").is_some());

    h.get_by_label("View").click();
    h.run_ok();
    h.get_by_label_contains("☑ Show suggestions").click();
    h.run_ok();
    assert!(h.state().suggestions().is_empty(), "switched off");
    assert!(h.query_by_label("Suggestions").is_none());
}

/// "Accept all N suggestions … scoring 0.30 or more" maps all of them in one click, not only
/// the few the grid shows (which once took five a click and refilled), and N, in the label
/// before the click, is how many it maps (once it said no count and mapped 31 cells where the
/// grid marked 5).
#[test]
fn accept_every_suggestion_above_the_threshold_takes_them_all_in_one_edit() {
    let mut h = harness();
    let module = "HSC406";
    focus_top_suggestion(&mut h, module);
    h.state_mut().state.inspector.accept_threshold = 0.3;
    // The inspector alone on the right, so the button sits on screen.
    h.state_mut().state.layout.show_coverage = false;
    h.run_ok();
    let every = htq_mapper::suggest::suggest(
        h.state().project(),
        &htq_mapper::suggest::Options {
            top: usize::MAX,
            min_score: 0.3,
            ..Default::default()
        },
    );
    let row = h.state().project().module_index(module).unwrap();
    let wanted = every.by_module[row].len();
    assert!(
        wanted > 5,
        "the sample's {module} has more suggestions than the grid shows: {wanted}"
    );
    let before = h.state().project().mappings.len();
    h.get_by_label(&format!(
        "Accept all {wanted} suggestions for {module} scoring 0.30 or more"
    ))
    .click();
    h.run_ok();
    assert_eq!(h.state().project().mappings.len(), before + wanted);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(
        h.state().project().mappings.len(),
        before,
        "one undo takes them all back"
    );
    // Above every score, the disabled button says why rather than offer one.
    h.state_mut().state.inspector.accept_threshold = 0.95;
    h.run_ok();
    assert!(
        h.query_by_label(&format!("No suggestion for {module} scores 0.95 or more"))
            .is_some()
    );
}

#[test]
fn the_inspector_says_when_neighbours_raised_a_suggestion() {
    let mut h = harness();
    let app = h.state();
    // The first suggestion of any module that its neighbours raised.
    let (row, s) = app
        .suggestions()
        .by_module
        .iter()
        .enumerate()
        .find_map(|(row, list)| list.iter().find(|s| !s.neighbours.is_empty()).map(|s| (row, s.clone())))
        .expect("a suggestion of the sample names its neighbours");
    let col = app.project().ksb_refs().position(|k| k == s.ksb).unwrap();
    h.state_mut().state.selection.focused = Some((row, col));
    h.run_ok();
    let line = format!(
        "{}: standards often list neighbouring statements under one duty",
        s.neighbours_note().unwrap()
    );
    assert!(
        h.query_by_label(&line).is_some(),
        "the inspector shows {line:?} for {} × {}",
        s.module,
        s.ksb
    );
}
