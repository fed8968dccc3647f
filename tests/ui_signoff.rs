//! Review > Sign off… driven through egui_kittest: the dialog, the keyboard, the status bar,
//! and a sign-off that goes stale on an edit and holds again on undo.

use crate::common::k;
use crate::common::ui::{cell, click_at};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui::sign_off::{SignOffKind, name_id, role_id};
use htq_mapper::model::IsoDate;

fn harness(author: &str) -> Harness<'static, HtqApp> {
    let mut app = HtqApp::with_sample(Box::new(QueuedPicker::default()), RecentFiles::in_memory()).unwrap();
    app.state.layout.author = author.to_string();
    Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

fn type_text(h: &mut Harness<'_, HtqApp>, text: &str) {
    h.input_mut().events.push(egui::Event::Text(text.into()));
    h.run_ok();
}

fn focused(h: &Harness<'_, HtqApp>, id: egui::Id) -> bool {
    h.ctx.memory(|m| m.has_focus(id))
}

fn open_dialog(h: &mut Harness<'_, HtqApp>) {
    h.get_by_label("Review").click();
    h.run_ok();
    h.get_by_label_contains("Sign off…").click();
    h.run_ok();
}

/// The app on `p` at a laptop's size, reviewer Ann Lee, with the sign-off dialog open.
fn dialog_on(p: htq_mapper::model::Project) -> Harness<'static, HtqApp> {
    let mut app = HtqApp::new(p, None, Box::new(QueuedPicker::default()), RecentFiles::in_memory());
    app.state.layout.author = "Ann Lee".into();
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.run_ok();
    open_dialog(&mut h);
    h
}

#[test]
fn sign_off_with_the_keyboard_goes_stale_on_an_edit_and_holds_again_on_undo() {
    let mut h = harness("Ann Lee");
    assert!(h.query_by_label("Not signed off").is_some(), "the status bar says so");
    let hash = h.state().sign_off().hash.clone();
    open_dialog(&mut h);
    assert!(h.state().state.sign_off.is_some(), "the dialog is open");
    // The hash is shown in full; the name is the reviewer's from preferences, and has the keyboard.
    assert!(h.query_by_label(&hash).is_some(), "the dialog shows {hash}");
    assert!(focused(&h, name_id()), "the name field has the keyboard");
    let dialog = h.state().state.sign_off.clone().unwrap();
    assert_eq!(dialog.name, "Ann Lee");
    assert_eq!(dialog.date, IsoDate::today().to_string());

    // Enter with no role signs nothing; Tab reaches the role.
    h.key_press(Key::Enter);
    h.run_ok();
    assert!(h.state().project().sign_offs.is_empty());
    h.key_press(Key::Tab);
    h.run_ok();
    assert!(focused(&h, role_id()), "Tab moves to the role");
    type_text(&mut h, "Quality lead");
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();

    let app = h.state();
    assert!(app.state.sign_off.is_none(), "signing closes the dialog");
    let signed = &app.project().sign_offs;
    assert_eq!(signed.len(), 1);
    assert_eq!(
        (signed[0].name.as_str(), signed[0].role.as_str()),
        ("Ann Lee", "Quality lead")
    );
    assert_eq!(signed[0].hash, hash);
    assert_eq!(app.sign_off().state, SignOffKind::Signed);
    assert!(app.is_dirty(), "a sign-off is an edit");
    let status = format!("Signed off · {}…", &hash[..4]);
    assert!(h.query_by_label(&status).is_some(), "the status bar shows {status}");

    // An edit to a cell makes it stale; undo brings the sign-off back.
    let pos = cell(&h, "HSC503", "K5");
    click_at(&mut h, pos);
    click_at(&mut h, pos);
    assert!(h.state().project().mapping("HSC503", &k("K5")).is_some());
    assert_eq!(h.state().sign_off().state, SignOffKind::Stale);
    assert_eq!(
        h.state().sign_off().counts.as_deref(),
        Some("1 mapping added"),
        "what changed since"
    );
    assert!(h.query_by_label("Sign-off stale").is_some());
    // The status bar opens the list, which says what changed.
    h.get_by_label("Sign-off stale").click();
    h.run_ok();
    assert!(
        h.query_by_label("Changed since the latest sign-off: 1 mapping added")
            .is_some(),
        "the window says what changed"
    );
    h.key_press(Key::Escape);
    h.run_ok();
    assert!(!h.state().state.sign_offs_open, "Esc closes the list");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert!(h.state().project().mapping("HSC503", &k("K5")).is_none());
    assert_eq!(h.state().sign_off().state, SignOffKind::Signed);
    assert!(h.query_by_label(&status).is_some());

    // Undoing the sign-off itself leaves the mapping unsigned.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert!(h.state().project().sign_offs.is_empty());
    assert_eq!(h.state().sign_off().state, SignOffKind::Unsigned);
}

/// Typing faster than frames: the name, Tab and the role arrive in one frame, as xdotool (or a
/// quick typist on a slow machine) sends them. The role must not end up in the name.
#[test]
fn text_typed_after_tab_in_the_same_frame_goes_to_the_next_field() {
    let mut h = harness("");
    open_dialog(&mut h);
    let tab = |pressed| egui::Event::Key {
        key: Key::Tab,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    let events = [
        egui::Event::Text("Ann Lee".into()),
        tab(true),
        tab(false),
        egui::Event::Text("Quality lead".into()),
    ];
    h.input_mut().events.extend(events);
    h.run_ok();
    let d = h.state().state.sign_off.clone().unwrap();
    assert_eq!((d.name.as_str(), d.role.as_str()), ("Ann Lee", "Quality lead"));
    assert!(focused(&h, role_id()), "the keyboard is in the role, not one further");
    type_text(&mut h, ", QA");
    assert_eq!(h.state().state.sign_off.as_ref().unwrap().role, "Quality lead, QA");
}

#[test]
fn esc_cancels_the_dialog_and_a_name_typed_there_becomes_the_reviewers() {
    let mut h = harness("");
    open_dialog(&mut h);
    assert_eq!(h.state().state.sign_off.as_ref().unwrap().name, "");
    h.key_press(Key::Escape);
    h.run_ok();
    assert!(h.state().state.sign_off.is_none(), "Esc closes it");
    assert!(h.state().project().sign_offs.is_empty(), "and signs nothing");

    open_dialog(&mut h);
    type_text(&mut h, "Raj Patel");
    h.key_press(Key::Tab);
    h.run_ok();
    type_text(&mut h, "Employer representative");
    h.get_by_label("Sign").click();
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().project().sign_offs.len(), 1);
    assert_eq!(h.state().state.layout.author, "Raj Patel");
}

#[test]
fn the_dialog_lists_what_is_open_first_and_the_reviewer_can_still_sign() {
    use htq_mapper::model::{CommentTarget, ReviewStatus};
    use htq_mapper::review::comments::{add_thread, set_duty_status};
    use htq_mapper::review::open_items::OpenItems;
    let mut p = htq_mapper::sample::sample_project().unwrap();
    let cell = CommentTarget::Cell {
        module: "HSC503".into(),
        ksb: k("K5"),
    };
    add_thread(
        &mut p,
        cell,
        "Bo Reyes",
        "2026-12-01T10:00:00Z",
        "Is K5 really assessed here?",
    );
    set_duty_status(
        &mut p,
        &crate::common::d("D3"),
        ReviewStatus::Query,
        "Bo Reyes",
        "2026-12-01T10:05:00Z",
    );
    let open = OpenItems::of(&p);
    let duties: usize = p.standards.iter().map(|s| s.duties.len()).sum();
    assert_eq!(open.queries.len(), 1);
    let mut h = dialog_on(p);
    let headline = format!(
        "Still open: 1 open comment thread · 1 duty marked query · {} of {duties} duties not reviewed",
        open.not_reviewed
    );
    assert!(
        h.query_by_label(&headline).is_some(),
        "the dialog says first: {headline}"
    );
    assert!(h.query_by_label_contains("Is K5 really assessed here?").is_some());
    assert!(h.query_by_label_contains("Query on duty ST0215/D3").is_some());
    // Signing is still possible, and the status line says what was open.
    h.key_press(Key::Tab);
    h.run_ok();
    type_text(&mut h, "Quality lead");
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().project().sign_offs.len(), 1);
    assert!(
        h.state().last_action().contains("still open: 1 open comment thread"),
        "{}",
        h.state().last_action()
    );
}

/// With a merge conflict left, the dialog says why no one can sign, and Enter signs nothing.
#[test]
fn a_merge_conflict_left_stops_the_sign_off_and_says_why() {
    let mut p = htq_mapper::sample::sample_project().unwrap();
    crate::common::with_a_merge_conflict(&mut p);
    let mut h = dialog_on(p);
    assert!(
        h.query_by_label_contains("Cannot sign off: 1 merge conflict from merging two copies is unresolved")
            .is_some(),
        "the dialog says why"
    );
    h.key_press(Key::Tab);
    h.run_ok();
    type_text(&mut h, "Quality lead");
    h.key_press(Key::Enter);
    h.run_ok();
    assert!(h.state().project().sign_offs.is_empty(), "nothing was signed");
    assert!(h.query_by_label("Resolve the merge conflicts first").is_some());
}

/// Tab from the date goes on to Sign and Cancel, and Shift+Tab comes back: a screen reader's
/// user finds the buttons by tabbing, where the fields used to go round among themselves.
#[test]
fn tab_reaches_sign_and_cancel() {
    let mut h = harness("Ann Lee");
    open_dialog(&mut h);
    h.key_press(Key::Tab);
    h.run_ok();
    type_text(&mut h, "Quality lead");
    h.key_press(Key::Tab);
    h.run_ok();
    assert!(focused(&h, htq_mapper::app::ui::sign_off::date_id()));
    h.key_press(Key::Tab);
    h.run_ok();
    assert!(h.get_by_label("Sign").is_focused(), "Tab from the date reaches Sign");
    h.key_press(Key::Tab);
    h.run_ok();
    assert!(h.get_by_label("Cancel").is_focused(), "then Cancel");
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run_ok();
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run_ok();
    assert!(
        focused(&h, htq_mapper::app::ui::sign_off::date_id()),
        "Shift+Tab comes back"
    );
    // Space on Sign signs.
    h.key_press(Key::Tab);
    h.run_ok();
    h.key_press(Key::Space);
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().project().sign_offs.len(), 1);
}

/// At 1024×600 zoomed to 2 (512 × 300 points) the dialog hung off every edge: its labels off
/// the left, the hash off the right, Sign below the foot. It now fits, Sign in view.
#[test]
fn on_a_small_zoomed_window_the_dialog_fits_with_sign_in_view() {
    let mut h = harness("Ann Lee");
    h.set_size(egui::vec2(512.0, 300.0));
    h.run_ok();
    open_dialog(&mut h);
    h.run_ok();
    let screen = h.ctx.content_rect();
    for label in ["Sign", "Cancel", "Name"] {
        let r = h.get_by_label(label).rect();
        assert!(screen.contains_rect(r), "{label} at {r:?}, the window {screen:?}");
    }
}
