//! The workspace from the keyboard and the inspector, through egui_kittest: Tab into the
//! grid, map a KSB, set it partial with a workplace reason typed in the inspector, save.

use crate::common::k;
use crate::common::ui::{cell, click_at, drag, leftmost};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::focus::grid_focus_id;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui::inspector::{NOTE_ID, REASON_ID};
use htq_mapper::model::Coverage;

fn harness(picker: QueuedPicker) -> Harness<'static, HtqApp> {
    let app = HtqApp::with_sample(Box::new(picker), RecentFiles::in_memory()).unwrap();
    Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

fn focused(h: &Harness<'_, HtqApp>, id: egui::Id) -> bool {
    h.ctx.memory(|m| m.has_focus(id))
}

fn press(h: &mut Harness<'_, HtqApp>, key: Key, times: usize) {
    for _ in 0..times {
        h.key_press(key);
        h.run_ok();
    }
}

fn type_text(h: &mut Harness<'_, HtqApp>, text: &str) {
    h.event(egui::Event::Text(text.to_string()));
    h.run_ok();
}

/// Tabs until the grid has the keyboard; the number of stops it took.
fn tab_to_grid(h: &mut Harness<'_, HtqApp>) -> usize {
    for n in 1..=200 {
        h.key_press(Key::Tab);
        h.run_ok();
        if focused(h, grid_focus_id()) {
            return n;
        }
    }
    panic!("Tab never reached the grid");
}

#[test]
fn a_keyboard_only_session_maps_a_ksb_partially_with_a_reason_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keyboard.ron");
    let picker = QueuedPicker::default();
    let mut h = harness(picker.clone());
    let stops = tab_to_grid(&mut h);
    assert!(stops < 200);
    // The grid starts on its first cell; walk to HSC502 × K23 (row 8, column 23).
    let row = h
        .state()
        .project()
        .modules
        .iter()
        .position(|m| m.code == "HSC502")
        .unwrap();
    assert!(h.state().project().mapping("HSC502", &k("K23")).is_none());
    press(&mut h, Key::ArrowDown, row);
    press(&mut h, Key::ArrowRight, 22);
    assert_eq!(h.state().state.selection.focused, Some((row, 22)));
    // P sets it partial and puts the keyboard in the inspector's reason field.
    press(&mut h, Key::P, 1);
    h.run_ok();
    assert_eq!(
        h.state().project().mapping("HSC502", &k("K23")).map(|m| m.coverage),
        Some(Coverage::Partial)
    );
    assert!(
        focused(&h, egui::Id::unique(REASON_ID)),
        "the reason field has the keyboard"
    );
    // Spaces typed there stay text: they never cycle the cell.
    type_text(&mut h, "Taught on placement by the practice educator");
    assert_eq!(
        h.state().project().mapping("HSC502", &k("K23")).map(|m| m.coverage),
        Some(Coverage::Partial)
    );
    // Ctrl+S applies the typed reason first, then asks where (the sample is untitled).
    picker.answer(Some(path.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    let saved = htq_mapper::store::load_project(&path).unwrap();
    let m = saved.mapping("HSC502", &k("K23")).unwrap();
    assert_eq!(m.coverage, Coverage::Partial);
    assert_eq!(m.workplace_reason, "Taught on placement by the practice educator");
    // One undo takes back the reason alone, a second the partial mapping.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    let m = h.state().project().mapping("HSC502", &k("K23")).cloned().unwrap();
    assert_eq!((m.coverage, m.workplace_reason.as_str()), (Coverage::Partial, ""));
}

#[test]
fn enter_opens_the_inspector_where_a_note_is_typed_and_applied_on_leaving() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    // HSC401 × K5 is mapped in the sample.
    let col = 4;
    press(&mut h, Key::ArrowRight, col);
    press(&mut h, Key::Enter, 1);
    h.run_ok();
    // The keyboard is in the inspector now; Tab on to the note field.
    assert!(!focused(&h, grid_focus_id()));
    for _ in 0..12 {
        if focused(&h, egui::Id::unique(NOTE_ID)) {
            break;
        }
        press(&mut h, Key::Tab, 1);
    }
    assert!(focused(&h, egui::Id::unique(NOTE_ID)), "Tab reaches the note field");
    type_text(&mut h, "Assessed in the OSCE");
    assert!(
        h.state().project().mapping("HSC401", &k("K5")).unwrap().note.is_empty(),
        "a draft until left"
    );
    // Escape leaves the field: the note is applied as one edit, and keys reach the grid again.
    press(&mut h, Key::Escape, 1);
    h.run_ok();
    assert_eq!(
        h.state().project().mapping("HSC401", &k("K5")).unwrap().note,
        "Assessed in the OSCE"
    );
    assert_eq!(h.state().last_action(), "Edit note on HSC401 × K5");
}

#[test]
fn shift_arrows_select_a_rectangle_and_f_sets_it_in_one_edit() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    let before = h.state().project().mappings.len();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run_ok();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run_ok();
    assert!(h.state().state.selection.is_range());
    press(&mut h, Key::F, 1);
    let p = h.state().project();
    for (m, c) in [("HSC401", "K1"), ("HSC401", "K2"), ("HSC402", "K1"), ("HSC402", "K2")] {
        assert_eq!(
            p.mapping(m, &k(c)).map(|m| m.coverage),
            Some(Coverage::Full),
            "{m} × {c}"
        );
    }
    let added = p.mappings.len() - before;
    assert!(added > 0);
    // One undo takes the whole rectangle back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(h.state().project().mappings.len(), before);
}

#[test]
fn the_command_palette_finds_and_runs_a_command() {
    let mut h = harness(QueuedPicker::default());
    assert!(h.state().state.layout.show_standards);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_ok();
    assert!(h.state().state.palette.is_some());
    type_text(&mut h, "standards panel");
    press(&mut h, Key::Enter, 1);
    h.run_ok();
    assert!(h.state().state.palette.is_none());
    assert!(!h.state().state.layout.show_standards, "the palette ran the toggle");
    // Gaps only: the grid keeps the KSBs that need work.
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run_ok();
    assert!(h.state().state.layout.gaps_only);
    assert!(
        h.get_by_label_contains("showing 12 of 72 KSBs: gaps only")
            .rect()
            .width()
            > 0.0
    );
}

#[test]
fn at_1280_by_720_the_grid_gets_at_least_half_the_width() {
    let mut h = harness(QueuedPicker::default());
    h.run_ok();
    let grid_left = h.get_by_label("Module").rect().left();
    let coverage_left = h.get_by_label("Coverage").rect().left();
    assert!(
        coverage_left - grid_left >= 640.0,
        "grid from {grid_left} to {coverage_left}"
    );
}

#[test]
fn a_module_dropped_on_any_cell_of_a_column_maps_it() {
    let mut h = harness(QueuedPicker::default());
    h.run_ok();
    let from = h.get_by_label("HSC404").rect().center();
    // A cell well down the column, on another module's row.
    let to = cell(&h, "HSC506", "K2");
    drag(&mut h, from, to);
    assert!(h.state().project().mapping("HSC404", &k("K2")).is_some());
    assert!(h.state().project().mapping("HSC506", &k("K2")).is_none());
}

#[test]
fn ctrl_click_picks_chips_that_drag_together() {
    let mut app = HtqApp::with_sample(Box::new(QueuedPicker::default()), RecentFiles::in_memory()).unwrap();
    app.state.standards.filter = "identify".into();
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    for code in ["K23", "S23"] {
        h.get_all_by_label(code)
            .min_by(|a, b| a.rect().center().x.total_cmp(&b.rect().center().x))
            .unwrap()
            .click_modifiers(Modifiers::COMMAND);
        h.run_ok();
    }
    assert_eq!(h.state().state.standards.picked, vec![k("K23"), k("S23")]);
    let from = leftmost(&h, "K23");
    let to = h.get_by_label("HSC502").rect().center();
    drag(&mut h, from, to);
    let p = h.state().project();
    assert!(p.mapping("HSC502", &k("K23")).is_some() && p.mapping("HSC502", &k("S23")).is_some());
    assert_eq!(h.state().last_action(), "Map K23, S23 to HSC502 (2 KSBs)");
}

#[test]
fn undo_while_typing_takes_the_text_back_and_it_stays_back() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    press(&mut h, Key::ArrowRight, 4); // HSC401 × K5, mapped full
    press(&mut h, Key::P, 1);
    h.run_ok();
    type_text(&mut h, "On placement");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    h.run_ok();
    // Undo applied the typed reason as its own edit, then took it back.
    let m = h.state().project().mapping("HSC401", &k("K5")).cloned().unwrap();
    assert_eq!((m.coverage, m.workplace_reason.as_str()), (Coverage::Partial, ""));
    // Leaving the field does not bring it back.
    press(&mut h, Key::Escape, 1);
    h.run_ok();
    assert_eq!(
        h.state()
            .project()
            .mapping("HSC401", &k("K5"))
            .unwrap()
            .workplace_reason,
        ""
    );
    assert_eq!(h.state().state.inspector.draft.workplace_reason, "");
}

fn click_cell(h: &mut Harness<'_, HtqApp>, module: &str, ksb: &str) {
    let pos = cell(h, module, ksb);
    click_at(h, pos);
    h.run_ok();
}

#[test]
fn clicking_a_cell_to_partial_sends_typing_to_its_reason() {
    let mut h = harness(QueuedPicker::default());
    h.run_ok();
    click_cell(&mut h, "HSC401", "K5"); // focus: nothing changes
    assert_eq!(
        h.state().project().mapping("HSC401", &k("K5")).map(|m| m.coverage),
        Some(Coverage::Full)
    );
    click_cell(&mut h, "HSC401", "K5"); // full → partial
    h.run_ok();
    assert!(focused(&h, egui::Id::unique(REASON_ID)));
    type_text(&mut h, "Safety lab fire drill");
    // The typed F and spaces stayed text: the cell is still partial.
    assert_eq!(
        h.state().project().mapping("HSC401", &k("K5")).map(|m| m.coverage),
        Some(Coverage::Partial)
    );
    assert_eq!(
        h.state().state.inspector.draft.workplace_reason,
        "Safety lab fire drill"
    );
    // One click on Full while the field has the keyboard: the text and the click both count.
    // (The inspector scrolled down to the field as it took the keyboard: Full is scrolled back
    // into view first, as a person would, which leaves the keyboard in the field.)
    h.get_by_label("Full").scroll_to_me();
    h.run_ok();
    assert!(focused(&h, egui::Id::unique(REASON_ID)));
    h.get_by_label("Full").click();
    h.run_ok();
    h.run_ok();
    let m = h.state().project().mapping("HSC401", &k("K5")).cloned().unwrap();
    assert_eq!(m.coverage, Coverage::Full);
    assert_eq!(m.workplace_reason, "Safety lab fire drill");
}

#[test]
fn f6_walks_the_panes_and_fast_arrows_all_count() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    press(&mut h, Key::ArrowDown, 1); // a focused cell, so the inspector has one to show
    press(&mut h, Key::F6, 1); // the inspector
    press(&mut h, Key::F6, 1); // the standards list
    assert!(!focused(&h, grid_focus_id()));
    press(&mut h, Key::F6, 1); // the grid, past the inspector drawn before it
    h.run_ok();
    assert!(
        focused(&h, grid_focus_id()),
        "F6 from the standards list reaches the grid"
    );
    // Five presses inside one frame (a fast typist, key repeat) move five cells.
    let right = egui::Event::Key {
        key: Key::ArrowRight,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    h.input_mut().events.extend(std::iter::repeat_n(right, 5));
    h.run_ok();
    assert_eq!(h.state().state.selection.focused, Some((1, 5)));
}

#[test]
fn the_cell_menu_sets_partial_and_hands_the_keyboard_to_the_reason() {
    let mut h = harness(QueuedPicker::default());
    h.run_ok();
    let pos = cell(&h, "HSC503", "K5");
    h.hover_at(pos);
    h.run_ok();
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Secondary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Secondary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_ok();
    assert!(
        h.state().project().mapping("HSC503", &k("K5")).is_none(),
        "a menu, no edit yet"
    );
    h.get_by_role_and_label(egui::accesskit::Role::Button, "partial")
        .click();
    h.run_ok();
    h.run_ok();
    assert_eq!(
        h.state().project().mapping("HSC503", &k("K5")).map(|m| m.coverage),
        Some(Coverage::Partial)
    );
    assert_eq!(h.state().last_action(), "Set HSC503 × K5 partial");
    assert!(focused(&h, egui::Id::unique(REASON_ID)));
}

/// F and Delete typed between arrows in one burst (a quick typist, or keys queued while the
/// app was busy) each edit the cell they were typed on. The arrows once moved the selection
/// before the edits were applied: "F → F → F" set only the last cell, and "Delete →" cleared
/// the next cell instead of this one.
#[test]
fn coverage_keys_typed_between_arrows_in_one_burst_edit_their_own_cells() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    let key = |key| egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    let coverage =
        |h: &Harness<'_, HtqApp>, code: &str| h.state().project().mapping("HSC401", &k(code)).map(|m| m.coverage);
    for code in ["K1", "K2", "K3"] {
        assert_eq!(coverage(&h, code), None, "{code} starts unmapped");
    }
    // From HSC401 × K1: F → F → F in one frame.
    h.input_mut().events.extend([
        key(Key::F),
        key(Key::ArrowRight),
        key(Key::F),
        key(Key::ArrowRight),
        key(Key::F),
    ]);
    h.run_ok();
    h.run_ok();
    for code in ["K1", "K2", "K3"] {
        assert_eq!(coverage(&h, code), Some(Coverage::Full), "{code}");
    }
    // Back on K2: Delete → in one frame clears K2, not K3.
    press(&mut h, Key::ArrowLeft, 1);
    h.input_mut().events.extend([key(Key::Delete), key(Key::ArrowRight)]);
    h.run_ok();
    h.run_ok();
    assert_eq!(coverage(&h, "K2"), None);
    assert_eq!(coverage(&h, "K3"), Some(Coverage::Full));
    assert_eq!(h.state().state.selection.focused, Some((0, 2)));
}

/// Enter on a mapped cell puts the keyboard on its own coverage in the inspector, so a
/// second Enter changes nothing. It once landed on "None", and the second Enter unmapped
/// the cell.
#[test]
fn a_second_enter_in_the_inspector_leaves_the_cell_as_it_was() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    press(&mut h, Key::ArrowRight, 4); // HSC401 × K5, mapped full
    press(&mut h, Key::Enter, 1);
    h.run_ok();
    assert!(!focused(&h, grid_focus_id()), "the inspector has the keyboard");
    press(&mut h, Key::Enter, 1);
    h.run_ok();
    press(&mut h, Key::Space, 1);
    h.run_ok();
    assert_eq!(
        h.state().project().mapping("HSC401", &k("K5")).map(|m| m.coverage),
        Some(Coverage::Full),
        "{}",
        h.state().last_action()
    );
}

/// Ctrl+Z straight after P takes the cell back, and with it the reason field that had the
/// keyboard: the grid takes the keyboard, so the next key acts. It was left nowhere.
#[test]
fn undo_that_takes_the_reason_field_away_gives_the_keyboard_to_the_grid() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    press(&mut h, Key::ArrowRight, 1); // HSC401 × K2, unmapped
    press(&mut h, Key::P, 1);
    h.run_ok();
    assert!(focused(&h, egui::Id::unique(REASON_ID)));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().project().mapping("HSC401", &k("K2")), None);
    press(&mut h, Key::F, 1);
    h.run_ok();
    assert_eq!(
        h.state().project().mapping("HSC401", &k("K2")).map(|m| m.coverage),
        Some(Coverage::Full),
        "{}",
        h.state().last_action()
    );
}

/// P on a range puts the keyboard in one workplace reason for all its partial cells: the
/// letters typed next (spaces, f) once cycled and set the cells instead.
#[test]
fn p_on_a_range_takes_one_reason_for_all_its_cells() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    // HSC401 and HSC402 × K1 to K3.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run_ok();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run_ok();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run_ok();
    press(&mut h, Key::P, 1);
    assert!(
        focused(&h, egui::Id::unique(REASON_ID)),
        "the range's reason field has the keyboard"
    );
    type_text(&mut h, "Delivered on placement for all of them");
    press(&mut h, Key::Escape, 1);
    h.run_ok();
    let cells: Vec<(&str, &str)> = ["HSC401", "HSC402"]
        .iter()
        .flat_map(|m| ["K1", "K2", "K3"].map(|c| (*m, c)))
        .collect();
    let state = |h: &Harness<'_, HtqApp>| -> Vec<(Coverage, String)> {
        cells
            .iter()
            .map(|(m, c)| {
                let x = h.state().project().mapping(m, &k(c)).unwrap();
                (x.coverage, x.workplace_reason.clone())
            })
            .collect()
    };
    for (coverage, reason) in state(&h) {
        assert_eq!(coverage, Coverage::Partial);
        assert_eq!(reason, "Delivered on placement for all of them");
    }
    // One undo takes the reason back from all six, leaving them partial, and the field
    // shows the cells as they now are.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    h.run_ok();
    assert!(state(&h).iter().all(|(c, r)| *c == Coverage::Partial && r.is_empty()));
    assert_eq!(h.state().state.inspector.range_reason.text, "");
}

/// In the gaps-only view, F covers the focused gap and its column goes: the keyboard stays on
/// the grid, on the gap now in its place (it once fell to the table, and the next F mapped a
/// cell off screen). Leaving the view keeps the same KSB focused, scrolled into sight.
#[test]
fn covering_a_gap_in_the_gaps_only_view_keeps_the_keyboard_on_a_cell() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run_ok();
    let column = |h: &Harness<'_, HtqApp>| {
        let (_, c) = h.state().state.selection.focused.expect("a focused cell");
        h.state().grid_column_ksb(c).expect("a column")
    };
    let first = column(&h);
    press(&mut h, Key::F, 1);
    h.run_ok();
    assert_eq!(
        h.state().project().mapping("HSC401", &first).map(|m| m.coverage),
        Some(Coverage::Full)
    );
    let next = column(&h);
    assert_ne!(next, first, "the covered gap's column is gone");
    assert!(focused(&h, grid_focus_id()), "the grid keeps the keyboard");
    // Back to every KSB: the same KSB stays focused, and in view.
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run_ok();
    h.run_ok();
    assert_eq!(column(&h), next);
    let name = format!("HSC401 × {},", next.code);
    let cell_rect = h
        .get_by(|n| n.role() == egui::accesskit::Role::GridCell && n.label().is_some_and(|l| l.starts_with(&name)))
        .rect();
    assert!(
        cell_rect.max.x <= 1280.0 && cell_rect.min.x >= 0.0,
        "in view: {cell_rect:?}"
    );
}

/// Covering the last gap in the gaps-only view leaves no column: the grid says so (not
/// "Nothing to map yet"), and leaving the view focuses that cell again.
#[test]
fn covering_every_gap_says_so_and_the_cell_comes_back_with_its_column() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run_ok();
    let mut last = None;
    for _ in 0..40 {
        let Some((_, c)) = h.state().state.selection.focused else {
            break;
        };
        last = h.state().grid_column_ksb(c);
        press(&mut h, Key::F, 1);
        h.run_ok();
    }
    assert!(h.state().grid_column_ksb(0).is_none(), "every gap is covered");
    assert!(h.query_by_label("No KSB to show here").is_some());
    assert!(h.query_by_label("Nothing to map yet").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run_ok();
    let (_, c) = h.state().state.selection.focused.expect("the cell is focused again");
    assert_eq!(h.state().grid_column_ksb(c), last);
}

/// Ctrl+Z in one cell's reason field never brings back what was typed in another cell's: the
/// field is one widget for every cell, and its undo history must not be.
#[test]
fn undo_in_a_reason_field_never_brings_back_another_cells_reason() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    // HSC401 × K4 (not mapped in the sample), then K5.
    press(&mut h, Key::ArrowRight, 3);
    press(&mut h, Key::P, 1);
    h.run_ok();
    assert!(focused(&h, egui::Id::unique(REASON_ID)));
    type_text(&mut h, "Typed for K4");
    // The text stands a while: egui's field keeps it as an undo point.
    for _ in 0..8 {
        h.step();
    }
    press(&mut h, Key::Escape, 1);
    assert_eq!(
        h.state()
            .project()
            .mapping("HSC401", &k("K4"))
            .map(|m| m.workplace_reason.as_str()),
        Some("Typed for K4")
    );
    press(&mut h, Key::ArrowRight, 1);
    // A quick typist: P, then "abc" and Ctrl+Z within a second, a frame each.
    h.key_press(Key::P);
    h.step();
    h.step();
    assert!(focused(&h, egui::Id::unique(REASON_ID)));
    for c in ["a", "b", "c"] {
        h.event(egui::Event::Text(c.into()));
        h.step();
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    assert_eq!(
        h.state().state.inspector.draft.workplace_reason,
        "",
        "K4's reason came back"
    );
    press(&mut h, Key::Escape, 1);
    let m = h.state().project().mapping("HSC401", &k("K5")).cloned().unwrap();
    assert_eq!((m.coverage, m.workplace_reason.as_str()), (Coverage::Partial, ""));
}

/// Return in the reason field, then Esc, leaves no reason of a blank line: it was stored and
/// read out as "reason: \n".
#[test]
fn a_reason_of_blank_lines_is_no_reason() {
    let mut h = harness(QueuedPicker::default());
    tab_to_grid(&mut h);
    press(&mut h, Key::ArrowRight, 3);
    press(&mut h, Key::P, 1);
    assert!(focused(&h, egui::Id::unique(REASON_ID)));
    press(&mut h, Key::Enter, 1);
    type_text(&mut h, "  ");
    press(&mut h, Key::Escape, 1);
    let m = h.state().project().mapping("HSC401", &k("K4")).cloned().unwrap();
    assert_eq!((m.coverage, m.workplace_reason.as_str()), (Coverage::Partial, ""));
    // Text with blank lines around it keeps the text alone.
    press(&mut h, Key::P, 1);
    assert!(focused(&h, egui::Id::unique(REASON_ID)));
    type_text(&mut h, "On placement");
    press(&mut h, Key::Enter, 1);
    press(&mut h, Key::Escape, 1);
    let m = h.state().project().mapping("HSC401", &k("K4")).cloned().unwrap();
    assert_eq!(m.workplace_reason, "On placement");
}

/// Clicked round full → partial → none → full, a cell comes back with its note and outcome
/// links, as it looks: the cycle used to drop them unseen.
#[test]
fn cycling_a_cell_round_to_full_keeps_its_note_and_links() {
    let mut h = harness(QueuedPicker::default());
    let mut p = h.state().project().clone();
    let before = p.mapping("HSC401", &k("K5")).cloned().unwrap();
    assert_eq!(before.coverage, Coverage::Full);
    assert!(!before.outcomes.is_empty(), "the sample links K5 to an outcome");
    p.mappings.set(htq_mapper::model::Mapping {
        note: "Taught in week 3".into(),
        ..before.clone()
    });
    let noted = p.mapping("HSC401", &k("K5")).cloned().unwrap();
    h.state_mut().push(htq_mapper::app::command::Command::SetCell {
        module: "HSC401".into(),
        ksb: k("K5"),
        mapping: Some(noted.clone()),
        label: "note".into(),
    });
    h.run_ok();
    let at = cell(&h, "HSC401", "K5");
    click_at(&mut h, at);
    h.run_ok();
    for _ in 0..3 {
        click_at(&mut h, at);
        h.run_ok();
    }
    assert_eq!(h.state().project().mapping("HSC401", &k("K5")), Some(&noted));
}

/// Scrolled down in one cell's inspector, another cell opens the inspector at its top, where
/// its name is: it used to keep the scroll and show the next cell's texts unnamed.
#[test]
fn another_cell_opens_the_inspector_at_its_top() {
    let mut h = harness(QueuedPicker::default());
    let first = cell(&h, "HSC401", "K5");
    click_at(&mut h, first);
    let top = h.get_by_label("Inspector").rect().min.y;
    let inside = h.get_by_label("Inspector").rect().center() + egui::vec2(0.0, 120.0);
    crate::common::ui::wheel(&mut h, inside, 10, -60.0);
    let scrolled = h.query_by_label("Inspector").map(|n| n.rect().min.y);
    assert!(
        scrolled.is_none_or(|y| y < top - 20.0),
        "the wheel scrolled the inspector"
    );
    let second = cell(&h, "HSC501", "K11");
    click_at(&mut h, second);
    h.run_ok();
    assert_eq!(h.get_by_label("Inspector").rect().min.y, top, "back at its top");
}

/// Hiding the focused cell's kind hands the keyboard to the cell now in its place; showing
/// the kind again gives it back to the cell the reviewer chose (it used to stay on the
/// stand-in, where the next key or comment went).
#[test]
fn a_cell_hidden_by_a_filter_gets_the_keyboard_back_when_shown_again() {
    let mut h = harness(QueuedPicker::default());
    let at = cell(&h, "HSC402", "K3");
    click_at(&mut h, at);
    let focused_ksb = |h: &Harness<'_, HtqApp>| {
        let (_, c) = h.state().state.selection.focused.expect("a focused cell");
        h.state().grid_column_ksb(c).expect("its column").code.to_string()
    };
    assert_eq!(focused_ksb(&h), "K3");
    h.get_by_label("Knowledge").click();
    h.run_ok();
    assert_ne!(focused_ksb(&h), "K3", "a stand-in while knowledge is hidden");
    h.get_by_label("Knowledge").click();
    h.run_ok();
    assert_eq!(focused_ksb(&h), "K3", "back on the cell chosen");
}
