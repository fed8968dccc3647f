//! The app's own file dialog, as a user meets it where the desktop has none: the picker says
//! "unavailable", and everything is done by typing paths and pressing keys, at laptop size.

use std::path::Path;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command;
use htq_mapper::app::file_picker::{FileKind, QueuedPicker};
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui_command::UiCommand;

use crate::common::k;

const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

fn harness(picker: &QueuedPicker) -> Harness<'static, HtqApp> {
    let app = HtqApp::with_sample(Box::new(picker.clone()), RecentFiles::in_memory()).unwrap();
    Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

/// One edit, so that what is saved is not just the sample.
fn map_k23(h: &mut Harness<'_, HtqApp>) {
    h.state_mut().push(Command::MapKsbs {
        module: "HSC502".into(),
        ksbs: vec![k("K23")],
        label: "Map K23 to HSC502".into(),
    });
    h.run_ok();
}

fn press(h: &mut Harness<'_, HtqApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_ok();
    h.run_ok();
}

/// Types into the focused path field, which the dialog opens with all its text selected.
fn type_path(h: &mut Harness<'_, HtqApp>, path: &Path) {
    let field = h.get_by_label("Path");
    assert!(field.is_focused(), "the path field has the keyboard");
    field.type_text(&path.display().to_string());
    h.run_ok();
}

fn path_field(h: &Harness<'_, HtqApp>) -> String {
    h.get_by_label("Path").value().unwrap_or_default()
}

#[test]
fn save_as_types_a_full_path_and_enter_saves_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed.ron");
    let picker = QueuedPicker::without_native_dialog();
    let mut h = harness(&picker);
    map_k23(&mut h);
    press(&mut h, CMD_SHIFT, Key::S);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Save project as").is_some(),
        "the app's own dialog is open"
    );
    assert!(h.get_by_label("Path").is_focused(), "its path field has the keyboard");
    assert!(
        path_field(&h).ends_with(".ron"),
        "prefilled with a name: {}",
        path_field(&h)
    );

    type_path(&mut h, &path);
    assert_eq!(
        path_field(&h),
        path.display().to_string(),
        "typing replaced the suggestion"
    );
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Save project as").is_none(),
        "the dialog closed"
    );
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    let saved = htq_mapper::store::load_project(&path).expect("the file was written and loads");
    assert_eq!(&saved, h.state().project());
    assert_eq!(saved.mappings, h.state().project().mappings);
    assert!(saved.mapping("HSC502", &k("K23")).is_some());
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(!h.state().is_dirty());
    assert!(
        h.state().last_action().starts_with("Saved "),
        "{}",
        h.state().last_action()
    );
    assert_eq!(picker.asked(), [FileKind::Project], "the picker was asked first");

    // Now titled, Ctrl+S writes without a dialog.
    map_k23_again_partial(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.query_by_role_and_label(Role::Dialog, "Save project").is_none());
    assert_eq!(&htq_mapper::store::load_project(&path).unwrap(), h.state().project());
}

fn map_k23_again_partial(h: &mut Harness<'_, HtqApp>) {
    h.state_mut().push(Command::CycleCell {
        module: "HSC502".into(),
        ksb: k("K23"),
    });
    h.run_ok();
    assert!(h.state().is_dirty());
}

#[test]
fn escape_or_cancel_closes_the_dialog_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("never.ron");
    let picker = QueuedPicker::without_native_dialog();
    let mut h = harness(&picker);
    map_k23(&mut h);
    press(&mut h, CMD_SHIFT, Key::S);
    type_path(&mut h, &path);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Save project as").is_none(),
        "Escape closed it"
    );
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Save project").is_some(),
        "untitled, so Ctrl+S asks too"
    );
    h.get_by_label("Cancel").click();
    h.run_ok();
    h.run_ok();
    assert!(h.query_by_role_and_label(Role::Dialog, "Save project").is_none());
    assert!(!path.exists(), "nothing written");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    assert_eq!(h.state().path(), None);
    assert!(h.state().is_dirty(), "the edit is still unsaved");
    // Shortcuts work again once it is closed.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().mapping("HSC502", &k("K23")).is_none());
}

#[test]
fn open_a_project_by_folder_and_list_with_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a project").unwrap();
    let path = dir.path().join("other.ron");
    let mut other = htq_mapper::sample::sample_project().unwrap();
    other.programme.title = "Another programme".into();
    htq_mapper::store::save_project(&path, &other).unwrap();

    let picker = QueuedPicker::without_native_dialog();
    let mut h = harness(&picker);
    press(&mut h, Modifiers::COMMAND, Key::O);
    assert!(h.query_by_role_and_label(Role::Dialog, "Open project").is_some());
    // A folder's path and Enter show that folder.
    type_path(&mut h, dir.path());
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Open project").is_some(),
        "still open, now in the folder"
    );
    assert!(h.query_by_label("sub/").is_some());
    assert!(h.query_by_label("other.ron").is_some());
    assert!(h.query_by_label("notes.txt").is_none(), "only projects are listed");
    // Shift+Tab from the path field reaches the list's last row; Enter opens that file.
    press(&mut h, Modifiers::SHIFT, Key::Tab);
    assert!(h.get_by_label("other.ron").is_focused());
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    assert_eq!(h.state().project(), &other);
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(h.query_by_role_and_label(Role::Dialog, "Open project").is_none());
}

#[test]
fn open_by_typing_a_full_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed-open.ron");
    let mut other = htq_mapper::sample::sample_project().unwrap();
    other.programme.title = "Typed".into();
    htq_mapper::store::save_project(&path, &other).unwrap();
    let picker = QueuedPicker::without_native_dialog();
    let mut h = harness(&picker);
    press(&mut h, Modifiers::COMMAND, Key::O);
    // A missing file is a message in the dialog, which stays open.
    type_path(&mut h, &dir.path().join("missing.ron"));
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.query_by_label_contains("There is no file missing.ron").is_some());
    assert!(h.get_by_label("Path").is_focused(), "back in the field to correct it");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_path(&mut h, &path);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(h.state().project().programme.title, "Typed");
}

#[test]
fn saving_over_a_file_asks_in_the_dialog_and_a_missing_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken.ron");
    std::fs::write(&path, "someone's file").unwrap();
    let picker = QueuedPicker::without_native_dialog();
    let mut h = harness(&picker);
    map_k23(&mut h);

    press(&mut h, CMD_SHIFT, Key::S);
    type_path(&mut h, &dir.path().join("nowhere").join("p.ron"));
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.query_by_label_contains("There is no folder").is_some());
    assert!(h.state().error().is_none());

    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_path(&mut h, &path);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.query_by_label_contains("taken.ron already exists").is_some());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "someone's file",
        "not yet replaced"
    );
    // The keyboard starts on the answer that loses nothing: a second Enter keeps the file.
    assert!(h.get_by_label("Choose another name").is_focused());
    let node = h.get_by_label("Choose another name").accesskit_node();
    assert!(
        node.description()
            .is_some_and(|d| d.contains("taken.ron already exists")),
        "the question is read with the button"
    );
    press(&mut h, Modifiers::SHIFT, Key::Tab);
    assert!(h.get_by_label("Replace").is_focused(), "Shift+Tab reaches Replace");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let saved = htq_mapper::store::load_project(&path).unwrap();
    assert!(saved.mapping("HSC502", &k("K23")).is_some());
    assert_eq!(h.state().path(), Some(path.as_path()));
}

#[test]
fn save_from_the_unsaved_changes_prompt_then_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("before-new.ron");
    let picker = QueuedPicker::without_native_dialog();
    let mut h = harness(&picker);
    map_k23(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("Save").click();
    h.run_ok();
    h.run_ok();
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Save project").is_some(),
        "the app's dialog asks where"
    );
    assert!(
        h.query_by_label("Save your changes before you start a new project?")
            .is_none(),
        "one dialog at a time"
    );
    type_path(&mut h, &path);
    press(&mut h, Modifiers::NONE, Key::Enter);
    let saved = htq_mapper::store::load_project(&path).unwrap();
    assert!(saved.mapping("HSC502", &k("K23")).is_some());
    assert_eq!(
        h.state().project().programme.title,
        "Untitled programme",
        "then New went on"
    );
}

#[test]
fn import_and_export_go_through_the_app_dialog_too() {
    let dir = tempfile::tempdir().unwrap();
    let picker = QueuedPicker::without_native_dialog();
    let mut h = harness(&picker);
    let modules = dir.path().join("modules.csv");
    std::fs::write(
        &modules,
        "code,title,level,credits,status\nHSC599,Dissertation,5,20,core\n",
    )
    .unwrap();
    h.state_mut().push(Command::Ui(UiCommand::ImportModules));
    h.run_ok();
    h.run_ok();
    assert!(h.query_by_role_and_label(Role::Dialog, "Import module list").is_some());
    type_path(&mut h, &modules);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().project().module("HSC599").is_some());

    let report = dir.path().join("report.html");
    press(&mut h, Modifiers::COMMAND, Key::E);
    assert!(path_field(&h).ends_with(".xlsx"), "{}", path_field(&h));
    type_path(&mut h, &report);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    assert!(std::fs::read_to_string(&report).unwrap().contains("HSC599"));
}

#[test]
fn closing_the_window_during_the_dialog_asks_about_unsaved_changes() {
    let picker = QueuedPicker::without_native_dialog();
    let mut h = harness(&picker);
    map_k23(&mut h);
    press(&mut h, CMD_SHIFT, Key::S);
    assert!(h.query_by_role_and_label(Role::Dialog, "Save project as").is_some());
    crate::common::ui::request_close(&mut h);
    h.run_ok();
    h.run_ok();
    assert!(h.query_by_role_and_label(Role::Dialog, "Save project as").is_none());
    assert!(
        h.query_by_label("Save your changes before you close?").is_some(),
        "not hidden behind it"
    );
}

/// Export offers the formats the reports are written in; choosing one sets the extension.
#[test]
fn export_offers_a_format_choice_that_sets_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let picker = QueuedPicker::without_native_dialog();
    let mut h = harness(&picker);
    press(&mut h, Modifiers::COMMAND, Key::E);
    type_path(&mut h, &dir.path().join("mapping.xlsx"));
    h.get_by_label("HTML report (.html)").click();
    h.run_ok();
    h.run_ok();
    assert!(path_field(&h).ends_with("mapping.html"), "{}", path_field(&h));
    h.get_by_label("CSV (.csv)").click();
    h.run_ok();
    h.run_ok();
    assert!(path_field(&h).ends_with("mapping.csv"), "{}", path_field(&h));
    h.get_by_label("Path").focus();
    h.run_ok();
    press(&mut h, Modifiers::NONE, Key::Enter);
    let written = std::fs::read_to_string(dir.path().join("mapping.csv")).unwrap();
    assert!(written.contains("HSC401"), "a CSV of the mapping: {written:.200}");
    assert!(
        h.state().last_action().starts_with("Exported "),
        "{}",
        h.state().last_action()
    );
}
