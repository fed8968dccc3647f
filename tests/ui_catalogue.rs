//! Standards > Add from catalogue…, from the keyboard, through egui_kittest.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui::catalogue_dialog::{rows, search_id};
use htq_mapper::catalogue;

fn harness() -> Harness<'static, HtqApp> {
    // Read the KSB text now, as the dialog's thread would, so searches of it answer at once.
    catalogue::search::ksb_texts();
    let app = HtqApp::with_sample(Box::new(QueuedPicker::default()), RecentFiles::in_memory()).unwrap();
    Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

fn type_text(h: &mut Harness<'_, HtqApp>, text: &str) {
    h.event(egui::Event::Text(text.to_string()));
    h.run_ok();
}

fn press(h: &mut Harness<'_, HtqApp>, key: Key) {
    h.key_press(key);
    h.run_ok();
}

/// Opens the dialog from the command palette, as a keyboard user would.
fn open_dialog(h: &mut Harness<'_, HtqApp>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_ok();
    type_text(h, "add from catalogue");
    press(h, Key::Enter);
    h.run_ok();
    assert!(h.state().state.catalogue.is_some(), "the dialog is open");
    assert!(
        h.ctx.memory(|m| m.has_focus(search_id())),
        "typing goes to the search field"
    );
}

fn references(h: &Harness<'_, HtqApp>) -> Vec<String> {
    h.state()
        .project()
        .standards
        .iter()
        .map(|s| s.reference.clone())
        .collect()
}

#[test]
fn a_reference_typed_and_enter_adds_that_standard_as_one_undoable_edit() {
    let mut h = harness();
    open_dialog(&mut h);
    type_text(&mut h, "ST0220");
    assert!(
        h.get_by_label_contains("ST0220 1.1  Healthcare science associate")
            .rect()
            .width()
            > 0.0
    );
    press(&mut h, Key::Enter);
    h.run_ok();
    assert!(h.state().state.catalogue.is_none(), "Enter adds and closes");
    assert_eq!(references(&h), ["ST0215", "ST0220"]);
    let added = h.state().project().standard("ST0220").unwrap();
    assert_eq!(added.version.as_deref(), Some("1.1"), "the latest approved version");
    assert_eq!(added.counts(), (44, 44, 6));
    assert!(h.state().project().programme.standards.contains(&"ST0220".to_string()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(references(&h), ["ST0215"], "one undo takes it away");
}

#[test]
fn arrows_choose_among_matches_of_route_and_level() {
    let mut h = harness();
    open_dialog(&mut h);
    type_text(&mut h, "digital L4");
    let listed = rows(h.state().state.catalogue.as_ref().unwrap());
    assert!(listed.len() >= 3, "{listed:?}");
    let third = &catalogue::entries()[listed[2].0];
    assert_eq!(third.level, 4);
    assert_eq!(third.route, "Digital");
    // Two presses within one frame (fast typing, xdotool) move two rows.
    h.key_press(Key::ArrowDown);
    h.key_press(Key::ArrowDown);
    h.run_ok();
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::Enter);
    h.run_ok();
    assert!(
        h.state().project().standard(&third.reference).is_some(),
        "{}",
        third.spec()
    );
}

#[test]
fn ksb_text_finds_a_standard_and_shows_the_ksb() {
    let mut h = harness();
    open_dialog(&mut h);
    type_text(&mut h, "confidentiality of consultation/medical");
    let listed = rows(h.state().state.catalogue.as_ref().unwrap());
    let specs: Vec<String> = listed.iter().map(|(i, _)| catalogue::entries()[*i].spec()).collect();
    assert_eq!(
        specs,
        ["ST0220@1.1"],
        "only the latest version unless all versions are asked for"
    );
    assert!(h.get_by_label_contains("(in its KSBs or duties)").rect().width() > 0.0);
    assert!(
        h.get_by_label_contains("K20: Confidentiality of consultation/medical records")
            .rect()
            .width()
            > 0.0
    );
    h.get_by_label("All versions").click();
    h.run_ok();
    let listed = rows(h.state().state.catalogue.as_ref().unwrap());
    assert_eq!(listed.len(), 2, "1.0 and 1.1 both hold it");
}

#[test]
fn a_standard_already_in_the_project_is_not_added_again_and_esc_closes() {
    let mut h = harness();
    open_dialog(&mut h);
    type_text(&mut h, "ST0215");
    assert!(h.get_by_label_contains("in the project").rect().width() > 0.0);
    let before = h.state().project().clone();
    press(&mut h, Key::Enter);
    h.run_ok();
    assert!(h.state().state.catalogue.is_some(), "still open: nothing to add");
    assert_eq!(h.state().project(), &before);
    assert!(h.state().error().is_none());
    press(&mut h, Key::Escape);
    h.run_ok();
    assert!(h.state().state.catalogue.is_none());
}

#[test]
fn a_level_button_wins_over_a_level_typed_in_the_search() {
    let mut h = harness();
    open_dialog(&mut h);
    type_text(&mut h, "digital L4");
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Level 5")
        .click();
    h.run_ok();
    let dialog = h.state().state.catalogue.as_ref().unwrap();
    assert_eq!(dialog.query, "digital", "the typed level is taken out");
    let listed = rows(dialog);
    assert!(!listed.is_empty());
    assert!(listed.iter().all(|(i, _)| catalogue::entries()[*i].level == 5));
}

#[test]
fn ticking_all_versions_keeps_the_current_version_highlighted() {
    let mut h = harness();
    open_dialog(&mut h);
    type_text(&mut h, "ST0220");
    h.get_by_label("All versions").click();
    h.run_ok();
    let dialog = h.state().state.catalogue.as_ref().unwrap();
    let listed = rows(dialog);
    let versions: Vec<&str> = listed
        .iter()
        .map(|(i, _)| catalogue::entries()[*i].version.as_str())
        .collect();
    assert_eq!(versions, ["1.1", "1.0"], "the version to start on first");
    assert_eq!(dialog.selected, 0);
}

/// Every version in the Standards menu's "Update to a version in the catalogue" is in the
/// palette too, an older one said to be older; Enter opens its update dialog.
#[test]
fn the_palette_offers_the_catalogues_other_versions() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_ok();
    type_text(&mut h, "update to st0215 version 1.0");
    // Listed (and, as the one Enter runs, said again under the list).
    assert!(
        h.query_all_by_label_contains("Update to ST0215 version 1.0 (Retired, older than this project's)")
            .next()
            .is_some()
    );
    press(&mut h, Key::Enter);
    h.run_ok();
    assert!(h.state().state.update.is_some(), "the update dialog is open");
}

/// Removing a standard says how many mappings went with it and how to get them back.
#[test]
fn removing_a_standard_says_what_went_with_it() {
    let mut h = harness();
    let before = h.state().project().clone();
    let n = before.mappings.len();
    h.state_mut()
        .push(htq_mapper::app::command::Command::RemoveStandard("ST0215".into()));
    h.run_ok();
    let said = h.state().last_action().to_string();
    assert!(
        said.contains(&format!("Remove standard ST0215 and its {n} mappings")),
        "{said}"
    );
    assert!(said.contains("Undo brings them back"), "{said}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(h.state().project().mappings.len(), n);
}
