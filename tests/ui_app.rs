//! The real app driven through egui_kittest: drag and drop, clicks, keys, editors, files.

use crate::common;

use crate::common::ui::{Dropped, cell, click_at, drag, leftmost, request_close, rightmost};
use crate::common::{d, k};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use htq_mapper::analysis::DutyState;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::model::Coverage;

fn app_with(picker: QueuedPicker, filter: &str) -> HtqApp {
    let mut app = HtqApp::with_sample(Box::new(picker), RecentFiles::in_memory()).unwrap();
    app.state.standards.filter = filter.to_string();
    app
}

fn harness(app: HtqApp) -> Harness<'static, HtqApp> {
    Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

#[test]
fn drag_a_ksb_chip_onto_a_module() {
    let mut h = harness(app_with(QueuedPicker::default(), "K23"));
    let before = h.state().analysis().duty(&d("D7")).unwrap().held_back_by.len();
    assert!(h.state().project().mapping("HSC502", &k("K23")).is_none());
    let from = leftmost(&h, "K23");
    let to = h.get_by_label("HSC502").rect().center();
    drag(&mut h, from, to);
    let app = h.state();
    let m = app
        .project()
        .mapping("HSC502", &k("K23"))
        .expect("K23 is mapped to HSC502 after the drop");
    assert_eq!(m.coverage, Coverage::Full);
    let d7 = app.analysis().duty(&d("D7")).unwrap();
    assert_eq!(d7.held_back_by.len(), before - 1, "K23 no longer holds Duty 7 back");
    assert!(app.is_dirty());
    assert!(app.last_action().contains("Map K23 to HSC502"), "{}", app.last_action());
}

#[test]
fn drag_a_duty_onto_a_module_clears_its_flag() {
    let mut h = harness(app_with(QueuedPicker::default(), ""));
    assert_eq!(h.state().analysis().duty(&d("D7")).unwrap().state, DutyState::Uncovered);
    let from = h
        .get_all_by_label_contains("D7 Support the development")
        .map(|n| n.rect().center())
        .min_by(|a, b| a.x.total_cmp(&b.x))
        .unwrap();
    let to = h.get_by_label("HSC502").rect().center();
    drag(&mut h, from, to);
    let app = h.state();
    assert_eq!(app.analysis().duty(&d("D7")).unwrap().state, DutyState::Covered);
    for code in ["K23", "K24", "S23"] {
        assert!(app.project().mapping("HSC502", &k(code)).is_some(), "{code}");
    }
    assert!(
        app.last_action().starts_with("Map D7 to HSC502"),
        "{}",
        app.last_action()
    );
    // The coverage panel shows the new state on the next frame.
    h.run_ok();
    assert_eq!(h.state().analysis().summary.duties_uncovered, 1);
}

#[test]
fn drag_a_module_onto_a_ksb_column() {
    let mut h = harness(app_with(QueuedPicker::default(), ""));
    let from = h.get_by_label("HSC404").rect().center();
    let to = rightmost(&h, "K2");
    drag(&mut h, from, to);
    assert!(h.state().project().mapping("HSC404", &k("K2")).is_some());
}

#[test]
fn click_cycles_a_cell_and_undo_redo_restore_it() {
    let mut h = harness(app_with(QueuedPicker::default(), ""));
    let pos = cell(&h, "HSC503", "K5");
    // The first click focuses the cell and changes nothing; each click after cycles it.
    click_at(&mut h, pos);
    assert!(h.state().project().mapping("HSC503", &k("K5")).is_none());
    assert!(!h.state().is_dirty());
    let states: Vec<Option<Coverage>> = (0..3)
        .map(|_| {
            click_at(&mut h, pos);
            h.state().project().mapping("HSC503", &k("K5")).map(|m| m.coverage)
        })
        .collect();
    assert_eq!(
        states,
        [Some(Coverage::Full), Some(Coverage::Partial), None],
        "none, full, partial, none"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(
        h.state().project().mapping("HSC503", &k("K5")).map(|m| m.coverage),
        Some(Coverage::Partial)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert!(h.state().project().mapping("HSC503", &k("K5")).is_none());
    assert!(!h.state().is_dirty(), "undone back to the untouched sample");
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    h.run_ok();
    assert_eq!(
        h.state().project().mapping("HSC503", &k("K5")).map(|m| m.coverage),
        Some(Coverage::Full)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_ok();
    assert_eq!(
        h.state().project().mapping("HSC503", &k("K5")).map(|m| m.coverage),
        Some(Coverage::Partial)
    );
}

#[test]
fn arrow_keys_space_and_delete_work_on_the_focused_cell() {
    let mut h = harness(app_with(QueuedPicker::default(), ""));
    let pos = cell(&h, "HSC401", "K5");
    click_at(&mut h, pos); // focuses K5 on HSC401 (full)
    click_at(&mut h, pos); // a click on the focused cell makes it partial
    // Partial sends the keyboard to the workplace reason; Escape hands it back to the grid.
    h.key_press(Key::Escape);
    h.run_ok();
    assert_eq!(
        h.state().project().mapping("HSC401", &k("K5")).map(|m| m.coverage),
        Some(Coverage::Partial)
    );
    h.key_press(Key::ArrowDown);
    h.run_ok();
    h.key_press(Key::Space);
    h.run_ok();
    assert_eq!(
        h.state().project().mapping("HSC402", &k("K5")).map(|m| m.coverage),
        Some(Coverage::Full)
    );
    h.key_press(Key::Delete);
    h.run_ok();
    assert!(h.state().project().mapping("HSC402", &k("K5")).is_none());
    h.key_press(Key::ArrowUp);
    h.key_press(Key::Delete);
    h.run_ok();
    assert!(h.state().project().mapping("HSC401", &k("K5")).is_none());
}

#[test]
fn search_filters_the_standards_panel() {
    let mut h = harness(app_with(QueuedPicker::default(), ""));
    let left = |h: &Harness<'_, HtqApp>, code: &str| {
        h.query_all_by_label(code)
            .filter(|n| n.rect().center().x < 300.0)
            .count()
    };
    assert_eq!(left(&h, "K1"), 0, "covered duties start collapsed");
    assert_eq!(left(&h, "K9"), 1, "duties that need work start open");
    let search = h.get_by_role(Role::TextInput);
    search.click();
    h.run_ok();
    h.get_by_role(Role::TextInput).type_text("legislation");
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().state.standards.filter, "legislation");
    assert_eq!(left(&h, "K1"), 1, "the matching chip shows");
    assert_eq!(left(&h, "K9"), 0, "others are filtered out");
    // Ctrl+F puts the cursor back in the search box.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_ok();
    h.run_ok();
    assert!(h.get_by_role(Role::TextInput).is_focused());
}

/// The modules editor applies as the user goes: a title is in the project once its field is
/// left; a bad value holds everything back, is listed in words, and closing then asks first.
#[test]
fn edit_a_module_live_and_hold_back_bad_values() {
    let mut h = harness(app_with(QueuedPicker::default(), ""));
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_ok();
    h.run_ok();
    h.get_by_label("Title of module 1").click();
    h.run_ok();
    h.key_press(Key::End);
    h.get_by_label("Title of module 1").type_text(" II");
    h.run_ok();
    h.get_by_label("Credits of module 2").click();
    h.run_ok();
    h.run_ok();
    assert_eq!(
        h.state().project().modules[0].title,
        "Anatomy and Physiology for Health II",
        "applied once the field was left, no Apply button"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Credits of module 2").type_text("twenty");
    h.run_ok();
    assert!(
        h.query_by_label("• row 2 credits: twenty is not a number of credits (0 to 120)")
            .is_some(),
        "bad credits are listed in words"
    );
    h.get_by_label("Close").click();
    h.run_ok();
    h.run_ok();
    assert!(
        h.query_by_label("Keep editing").is_some(),
        "closing with a bad value asks first"
    );
    assert_eq!(h.state().project().modules[1].credits, 20, "nothing bad applied");
    h.get_by_label("Keep editing").click();
    h.run_ok();
    h.get_by_label("Credits of module 2").click();
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Credits of module 2").type_text("30");
    h.run_ok();
    h.key_press(Key::Escape);
    h.run_ok();
    h.run_ok();
    assert!(h.query_by_label("Title of module 1").is_none(), "Esc closed the editor");
    assert_eq!(
        h.state().project().modules[1].credits,
        30,
        "closing applied the last value"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(h.state().project().modules[1].credits, 20);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(
        h.state().project().modules[0].title,
        "Anatomy and Physiology for Health"
    );
}

#[test]
fn save_and_open_round_trip_through_the_picker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("programme.ron");
    let picker = QueuedPicker::default();
    let mut h = harness(app_with(picker.clone(), ""));
    // Untitled: Ctrl+S asks where.
    picker.answer(Some(path.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    assert_eq!(h.state().path(), Some(path.as_path()));
    let saved = htq_mapper::store::load_project(&path).unwrap();
    assert_eq!(&saved, h.state().project());
    assert!(h.state().window_title().contains("programme.ron"));

    // An edit, then Open: the unsaved-changes prompt comes first.
    let pos = cell(&h, "HSC503", "K5");
    click_at(&mut h, pos); // focus the cell
    click_at(&mut h, pos);
    assert!(h.state().is_dirty());
    assert!(h.state().window_title().starts_with("* "));
    // A screen reader reads the window by the same title.
    assert_eq!(
        h.root().accesskit_node().label().as_deref(),
        Some(h.state().window_title())
    );
    picker.answer(Some(path.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_ok();
    h.run_ok();
    h.get_by_label("Don't save").click();
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().project(), &saved, "reopened as saved, the edit discarded");
    assert!(!h.state().is_dirty());
    assert_eq!(picker.asked().len(), 2);
}

#[test]
fn a_bad_file_shows_an_error_and_keeps_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format_version: 1, programme: (\n  title: 3,\n").unwrap();
    let picker = QueuedPicker::default();
    let mut h = harness(app_with(picker.clone(), ""));
    let before = h.state().project().clone();
    picker.answer(Some(bad));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_ok();
    h.run_ok();
    let err = h.state().error().expect("an error dialog").to_string();
    assert!(err.contains("bad.ron:2:"), "{err}");
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Dialog, "Could not open bad.ron")
            .is_some()
    );
    h.get_by_label("OK").click();
    h.run_ok();
    h.run_ok();
    assert!(h.state().error().is_none());
    assert_eq!(h.state().project(), &before);
}

/// Opens the coverage panel's line for the five uncovered KSBs, which lists each of them.
fn open_uncovered(h: &mut Harness<'_, HtqApp>) {
    h.get_by_label_contains("5 KSBs are not covered by any module")
        .scroll_to_me();
    h.run_ok();
    h.get_by_label_contains("5 KSBs are not covered by any module").click();
    h.run_ok();
}

#[test]
fn clicking_a_finding_focuses_the_grid() {
    let mut h = harness(app_with(QueuedPicker::default(), ""));
    let in_grid = |h: &Harness<'_, HtqApp>| {
        h.query_all_by_label("K23")
            .filter(|n| n.rect().center().x > 320.0)
            .count()
    };
    assert_eq!(in_grid(&h), 0, "K23's column starts off-screen");
    open_uncovered(&mut h);
    h.get_by_label_contains("ST0215/K23 (The tools").click();
    h.run_ok();
    h.run_ok();
    assert_eq!(
        h.state().state.grid.highlight,
        Some(htq_mapper::analysis::Target::Ksb(k("K23")))
    );
    assert_eq!(in_grid(&h), 1, "the grid scrolled to K23's column");
}

#[test]
fn clicking_a_route_gap_shows_its_route_until_the_next_finding() {
    let mut h = harness(app_with(QueuedPicker::default(), ""));
    // The finding sits below the fold of the coverage panel.
    h.get_by_label_contains("A student who does not take HSC506")
        .scroll_to_me();
    h.run_ok();
    h.get_by_label_contains("A student who does not take HSC506").click();
    h.run_ok();
    assert_eq!(h.state().state.grid.route, Some(vec!["HSC505".to_string()]));
    assert_eq!(
        h.state().state.grid.highlight,
        Some(htq_mapper::analysis::Target::Ksb(k("K25")))
    );
    open_uncovered(&mut h);
    h.get_by_label_contains("ST0215/K23 (The tools").scroll_to_me();
    h.run_ok();
    h.get_by_label_contains("ST0215/K23 (The tools").click();
    h.run_ok();
    assert_eq!(
        h.state().state.grid.route,
        None,
        "another finding shows every route again"
    );
}

#[test]
fn dropping_files_imports_standards_and_opens_projects() {
    let mut h = harness(app_with(QueuedPicker::default(), ""));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(common::shared(common::ST0220_PAGE))));
    h.run_ok();
    h.run_ok();
    let app = h.state();
    assert!(
        app.project().standard("ST0220").is_some(),
        "the dropped page became a standard"
    );
    assert_eq!(
        app.analysis().summary.ksbs,
        72 + 65,
        "a programme may align to several standards"
    );
    assert!(
        h.query_by_label_contains("ST0220 Healthcare science associate")
            .is_some()
    );
    // Undo removes it again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert!(h.state().project().standard("ST0220").is_none());

    // A Level 6 standard shows its warning where it applies.
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(common::shared(common::ST0413_PAGE))));
    h.run_ok();
    h.run_ok();
    assert!(
        h.query_by_label("Level 6: HTQs align to Level 4 or 5 standards")
            .is_some()
    );

    // A dropped project opens, after the unsaved-changes prompt.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.ron");
    let mut other = htq_mapper::sample::sample_project().unwrap();
    other.programme.title = "Another programme".into();
    htq_mapper::store::save_project(&path, &other).unwrap();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.run_ok();
    h.run_ok();
    h.get_by_label("Don't save").click();
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().project().programme.title, "Another programme");
    assert_eq!(h.state().path(), Some(path.as_path()));
}

#[test]
fn dropping_spreadsheets_imports_modules_and_mappings() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_with(QueuedPicker::default(), ""));
    let modules = dir.path().join("modules.csv");
    std::fs::write(
        &modules,
        "code,title,level,credits,status\nHSC599,Dissertation,5,20,core\n",
    )
    .unwrap();
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(modules)));
    h.run_ok();
    h.run_ok();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    assert!(
        h.state().project().module("HSC599").is_some(),
        "the dropped module list was imported"
    );
    assert!(
        h.state().last_action().contains("1 new and 0 updated"),
        "{}",
        h.state().last_action()
    );

    let matrix = dir.path().join("matrix.csv");
    std::fs::write(&matrix, "KSB,HSC599,HSC502\nK23,X,P\n").unwrap();
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(matrix)));
    h.run_ok();
    h.run_ok();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    let p = h.state().project();
    assert_eq!(
        p.mapping("HSC599", &k("K23")).map(|m| m.coverage),
        Some(Coverage::Full),
        "the dropped matrix was imported"
    );
    assert_eq!(
        p.mapping("HSC502", &k("K23")).map(|m| m.coverage),
        Some(Coverage::Partial)
    );
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = harness(app_with(QueuedPicker::default(), ""));
    let pos = cell(&h, "HSC503", "K5");
    click_at(&mut h, pos); // focus the cell
    click_at(&mut h, pos);
    request_close(&mut h);
    h.step();
    let cancelled = h.output().viewport_output[&egui::ViewportId::ROOT]
        .commands
        .iter()
        .any(|c| matches!(c, egui::ViewportCommand::CancelClose));
    assert!(cancelled, "the close was held back");
    h.run_ok();
    assert!(h.query_by_label("Save your changes before you close?").is_some());
    h.get_by_label("Cancel").click();
    h.run_ok();
    assert!(h.state().is_dirty(), "nothing was lost");
}

#[test]
fn a_failed_save_says_so_and_keeps_everything() {
    let picker = QueuedPicker::default();
    let mut h = harness(app_with(picker.clone(), ""));
    let pos = cell(&h, "HSC503", "K5");
    click_at(&mut h, pos); // focus the cell
    click_at(&mut h, pos);
    let before = h.state().project().clone();
    let dir = tempfile::tempdir().unwrap();
    picker.answer(Some(dir.path().join("no-such-folder").join("p.ron")));
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    h.run_ok();
    h.run_ok();
    let err = h.state().error().expect("an error dialog").to_string();
    assert!(
        err.contains("no-such-folder") && err.contains("Nothing was written"),
        "{err}"
    );
    assert_eq!(h.state().project(), &before);
    assert!(h.state().is_dirty());
    assert_eq!(h.state().path(), None);
}

fn run_command(h: &mut Harness<'_, HtqApp>, cmd: htq_mapper::app::ui_command::UiCommand) {
    h.state_mut().push(htq_mapper::app::command::Command::Ui(cmd));
    h.run_ok();
    h.run_ok();
}

#[test]
fn export_reports_and_import_spreadsheets_from_the_app() {
    use htq_mapper::app::ui_command::UiCommand;
    let dir = tempfile::tempdir().unwrap();
    let picker = QueuedPicker::default();
    let mut h = harness(app_with(picker.clone(), ""));

    for name in ["r.xlsx", "r.html", "r.csv"] {
        picker.answer(Some(dir.path().join(name)));
        run_command(&mut h, UiCommand::Export);
        assert!(h.state().error().is_none(), "{name}: {:?}", h.state().error());
    }
    assert_eq!(
        &std::fs::read(dir.path().join("r.xlsx")).unwrap()[..2],
        b"PK",
        "a workbook (zip)"
    );
    assert!(
        std::fs::read_to_string(dir.path().join("r.html"))
            .unwrap()
            .contains("Duty")
    );

    // A module list adds and updates modules in one undoable edit.
    let modules = dir.path().join("modules.csv");
    std::fs::write(
        &modules,
        "code,title,level,credits,status\nHSC401,Anatomy and Physiology,4,20,core\nHSC599,Dissertation,5,20,core\n",
    )
    .unwrap();
    picker.answer(Some(modules));
    run_command(&mut h, UiCommand::ImportModules);
    assert!(h.state().project().module("HSC599").is_some());
    assert_eq!(
        h.state().project().module("HSC401").unwrap().title,
        "Anatomy and Physiology"
    );
    assert!(
        h.state().last_action().contains("1 new and 1 updated"),
        "{}",
        h.state().last_action()
    );

    // A matrix maps what it marks; bad codes show where they are.
    let matrix = dir.path().join("matrix.csv");
    std::fs::write(&matrix, "KSB,HSC599,HSC502\nK23,X,P\nK24,F,\n").unwrap();
    picker.answer(Some(matrix.clone()));
    run_command(&mut h, UiCommand::ImportMatrix);
    assert_eq!(
        h.state().project().mapping("HSC502", &k("K23")).map(|m| m.coverage),
        Some(Coverage::Partial)
    );
    assert!(h.state().project().mapping("HSC599", &k("K24")).is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert!(
        h.state().project().mapping("HSC599", &k("K24")).is_none(),
        "one undo takes the whole import back"
    );

    std::fs::write(&matrix, "KSB,HSC599\nK23,X\nK999,X\n").unwrap();
    picker.answer(Some(matrix));
    run_command(&mut h, UiCommand::ImportMatrix);
    let err = h.state().error().expect("unknown codes are reported").to_string();
    assert!(err.contains("K999"), "{err}");
    assert!(
        h.state().project().mapping("HSC599", &k("K23")).is_none(),
        "nothing half-imported"
    );
}
