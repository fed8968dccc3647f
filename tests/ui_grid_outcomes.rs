//! A module's learning outcomes as rows of the grid, through egui_kittest: the triangle on
//! HSC401's row shows LO1–LO3 beneath it and hides them; + and − do the same from the
//! keyboard; the View menu shows every module's.

use crate::common::ui::{click_at, rightmost};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;

fn harness() -> Harness<'static, HtqApp> {
    let app = HtqApp::with_sample(Box::new(QueuedPicker::default()), RecentFiles::in_memory()).unwrap();
    Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

const LO_ROWS: [&str; 3] = [
    "HSC401 LO1: Describe the structure and function of the major body systems",
    "HSC401 LO2: Explain the normal ranges of physiological measurements",
    "HSC401 LO3: Outline the stages of human development",
];

/// The rows of HSC401's outcomes shown, top to bottom.
fn outcome_rows(h: &Harness<'_, HtqApp>) -> Vec<f32> {
    LO_ROWS
        .iter()
        .filter_map(|l| h.query_by_label_contains(l).map(|n| n.rect().center().y))
        .collect()
}

fn y_of(h: &Harness<'_, HtqApp>, module: &str) -> f32 {
    h.get_by_label(module).rect().center().y
}

#[test]
fn the_triangle_shows_and_hides_a_modules_outcomes_as_rows() {
    let mut h = harness();
    h.run_ok();
    assert!(outcome_rows(&h).is_empty(), "collapsed at first");
    let next = y_of(&h, "HSC402");
    let k5 = rightmost(&h, "K5").x;
    let toggle = h.get_by_label("Show HSC401's learning outcomes").rect().center();
    click_at(&mut h, toggle);
    h.run_ok();
    let rows = outcome_rows(&h);
    assert_eq!(rows.len(), 3, "LO1, LO2 and LO3 shown");
    // Beneath HSC401, in order, and HSC402 moved down to make room.
    let top = y_of(&h, "HSC401");
    assert!(top < rows[0] && rows[0] < rows[1] && rows[1] < rows[2]);
    assert!(rows[2] < y_of(&h, "HSC402"));
    assert!(y_of(&h, "HSC402") > next);
    // The rows' text never widens the modules' column.
    assert_eq!(rightmost(&h, "K5").x, k5);
    assert!(h.state().state.grid.expanded.contains("HSC401"));
    // A view, not an edit: nothing to undo, nothing unsaved.
    assert!(!h.state().is_dirty());

    let toggle = h.get_by_label("Hide HSC401's learning outcomes").rect().center();
    click_at(&mut h, toggle);
    h.run_ok();
    assert!(outcome_rows(&h).is_empty(), "collapsed again");
    assert_eq!(y_of(&h, "HSC402"), next);
}

#[test]
fn plus_and_minus_on_the_focused_row_show_and_hide_its_outcomes() {
    let mut h = harness();
    let row = h.state().project().module_index("HSC401").unwrap();
    h.state_mut().state.selection.focused = Some((row, 3));
    h.run_ok();
    h.key_press(Key::Plus);
    h.run_ok();
    assert_eq!(outcome_rows(&h).len(), 3);
    // The focused cell stays on the module's row.
    assert_eq!(h.state().state.selection.focused, Some((row, 3)));
    h.key_press(Key::Minus);
    h.run_ok();
    assert!(outcome_rows(&h).is_empty());
    h.key_press(Key::Equals);
    h.run_ok();
    assert_eq!(outcome_rows(&h).len(), 3, "= is + without Shift");
}

#[test]
fn the_view_menu_shows_every_modules_outcomes() {
    let mut h = harness();
    h.get_by_label("View").click();
    h.run_ok();
    h.get_by_label_contains("Show every module's learning outcomes").click();
    h.run_ok();
    h.run_ok();
    let with = h
        .state()
        .project()
        .modules
        .iter()
        .filter(|m| !m.outcomes.is_empty())
        .count();
    assert!(with > 1);
    assert_eq!(h.state().state.grid.expanded.len(), with);
    assert_eq!(outcome_rows(&h).len(), 3);
    h.get_by_label("View").click();
    h.run_ok();
    h.get_by_label_contains("☑ Show every module's learning outcomes")
        .click();
    h.run_ok();
    h.run_ok();
    assert!(h.state().state.grid.expanded.is_empty());
    assert!(outcome_rows(&h).is_empty());
}
