//! The modules editor at a laptop's size, through egui_kittest: a module with six outcomes and
//! four assessments still shows Close, outcome texts and assessment titles are wide enough to
//! read, and Add module starts an empty row with the keyboard in its code.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::model::{Assessment, AssessmentKind, LearningOutcome};

fn laptop_harness() -> Harness<'static, HtqApp> {
    let mut p = htq_mapper::sample::sample_project().unwrap();
    let m = &mut p.modules[0];
    for n in m.outcomes.len() + 1..=6 {
        m.outcomes.push(LearningOutcome {
            code: format!("LO{n}"),
            text: format!("Outcome {n}: apply what the module teaches to safe, person-centred care in practice"),
        });
    }
    for n in m.assessments.len() + 1..=4 {
        m.assessments.push(Assessment {
            code: format!("A{n}"),
            title: format!("Assessment {n}: a practice observation signed off by the mentor"),
            kind: AssessmentKind::WorkBasedObservation,
            weighting: 0,
            outcomes: vec![format!("LO{n}")],
        });
    }
    let app = HtqApp::new(p, None, Box::new(QueuedPicker::default()), RecentFiles::in_memory());
    Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

/// The laptop harness with the modules editor open (Ctrl+M).
fn editor_open() -> Harness<'static, HtqApp> {
    let mut h = laptop_harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_ok();
    h
}

#[test]
fn at_1280_by_720_close_stays_on_screen_and_texts_are_readable() {
    let mut h = laptop_harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_ok();
    h.get_by_label("Details of module 1").click();
    h.run_ok();
    h.run_ok();
    let close = h.get_by_label("Close").rect();
    assert!(close.max.y <= 720.0 && close.min.y > 0.0, "Close at {close:?}");
    let outcome = h.get_by_label("Text of LO6 of module 1").rect();
    assert!(outcome.width() >= 600.0, "outcome text {} px wide", outcome.width());
    assert!(outcome.max.y <= close.min.y, "the last outcome is scrolled into view");
    let title = h.get_by_label("Title of A4 of module 1").rect();
    assert!(title.width() >= 300.0, "assessment title {} px wide", title.width());
    assert!(h.query_by_label("Description of module 1").is_some());
}

#[test]
fn add_module_starts_an_empty_row_with_the_keyboard_in_its_code() {
    let mut h = laptop_harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_ok();
    let n = h.state().project().modules.len();
    h.get_by_label("Add module").click();
    h.run_ok();
    h.run_ok();
    let (code_name, title_name) = (
        format!("Code of module {}", n + 1),
        format!("Title of module {}", n + 1),
    );
    let code = h.get_by_label(&code_name);
    assert!(code.is_focused(), "the keyboard is in the new code");
    assert_eq!(code.value().as_deref(), Some(""));
    let title = h.get_by_label(&title_name);
    assert_eq!(title.value().as_deref(), Some(""));
    code.type_text("HSC599");
    h.run_ok();
    h.get_by_label(&title_name).click();
    h.run_ok();
    h.get_by_label(&title_name).type_text("Dissertation");
    h.run_ok();
    h.key_press(Key::Escape);
    h.run_ok();
    h.run_ok();
    let p = h.state().project();
    assert_eq!(p.modules.len(), n + 1);
    let m = p.module("HSC599").expect("the new module is in the project");
    assert_eq!(m.title, "Dissertation");
    assert_eq!(h.state().last_action(), "Add module HSC599");
}

#[test]
fn add_learning_outcome_and_add_assessment_give_the_keyboard_to_the_new_field() {
    // Typed straight after the click, with no click in the field: the letters must land there.
    let mut h = laptop_harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_ok();
    h.get_by_label("Details of module 1").click();
    h.run_ok();
    h.get_by_label("Add learning outcome").click();
    h.run_ok();
    let outcome = h.get_by_label("Text of LO7 of module 1");
    assert!(outcome.is_focused(), "the keyboard is in the new outcome");
    h.input_mut()
        .events
        .push(egui::Event::Text("Reflect on own practice".into()));
    h.run_ok();
    assert_eq!(
        h.get_by_label("Text of LO7 of module 1").value().as_deref(),
        Some("Reflect on own practice")
    );
    // Below the page's fold at 1280×720: clicked as a screen reader does, not by pointer.
    h.get_by_label("Add assessment").click_accesskit();
    h.run_ok();
    assert!(h.get_by_label("Title of A5 of module 1").is_focused());
    h.input_mut().events.push(egui::Event::Text("Viva".into()));
    h.run_ok();
    h.key_press(Key::Escape);
    h.run_ok();
    h.run_ok();
    let m = &h.state().project().modules[0];
    let lo = m.outcomes.iter().find(|o| o.code == "LO7").expect("LO7 in the project");
    assert_eq!(lo.text, "Reflect on own practice");
    let a = m
        .assessments
        .iter()
        .find(|a| a.code == "A5")
        .expect("A5 in the project");
    assert_eq!(a.title, "Viva");
}

/// The layer a widget is drawn on, from the last frame.
fn layer_of(h: &Harness<'_, HtqApp>, id: egui::Id) -> Option<egui::LayerId> {
    h.ctx.read_response(id).map(|r| r.layer_id)
}

/// Tab and Shift+Tab never put the keyboard on a control hidden behind the editor: they once
/// went on to the status bar and the panels under the window, where Enter would act unseen.
/// Add module is a few Shift+Tabs from the page's start (here, where the window covers the
/// menu and status bars, at most four), not a Tab past every control of every row.
#[test]
fn tab_never_lands_behind_the_editor_and_add_module_is_near_its_start() {
    let mut h = laptop_harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    for _ in 0..4 {
        h.run_ok();
    }
    let editor = egui::LayerId::new(egui::Order::Middle, egui::Id::unique("modules-editor"));
    let window = h.ctx.memory(|m| m.area_rect(editor.id)).expect("the editor is shown");
    let focused = |h: &Harness<'_, HtqApp>| h.ctx.memory(|m| m.focused()).expect("a control has the keyboard");
    assert_eq!(layer_of(&h, focused(&h)), Some(editor), "the editor has the keyboard");
    // In the editor and within its window (not scrolled below its fold), or outside it.
    let in_sight = |h: &Harness<'_, HtqApp>| {
        let r = h.ctx.read_response(focused(h)).expect("drawn");
        window.contains(r.rect.center()) == (r.layer_id == editor)
    };
    let mut add_module_at = None;
    for n in 1..=30 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
        h.run_ok();
        h.run_ok();
        assert!(in_sight(&h), "after {n} Shift+Tabs the keyboard is out of sight");
        if add_module_at.is_none() && h.get_by_label("Add module").is_focused() {
            add_module_at = Some(n);
        }
    }
    assert!(
        add_module_at.is_some_and(|n| n <= 4),
        "Add module after {add_module_at:?} Shift+Tabs"
    );
    for n in 1..=30 {
        h.key_press(Key::Tab);
        h.run_ok();
        h.run_ok();
        assert!(in_sight(&h), "after {n} Tabs the keyboard is out of sight");
    }
    // Enter on Add module gives a new row with the keyboard in its code.
    let n = h.state().project().modules.len();
    while !h.get_by_label("Add module").is_focused() {
        h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
        h.run_ok();
        h.run_ok();
    }
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    assert!(h.get_by_label(&format!("Code of module {}", n + 1)).is_focused());
}

/// While the editor holds a change it cannot apply (a duplicate code), a save says the change
/// is not in the file, and the status bar does not say "Saved".
#[test]
fn a_save_with_editor_changes_held_back_says_they_are_not_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let picker = QueuedPicker::default();
    let app = HtqApp::with_sample(Box::new(picker.clone()), RecentFiles::in_memory()).unwrap();
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_ok();
    {
        let editor = h.state_mut().state.modules_editor.as_mut().unwrap();
        let first = editor.draft.rows[0].code.clone();
        editor.draft.rows[1].code = first;
        editor.draft.rows[2].title.push_str(" X");
    }
    h.run_ok();
    picker.answer(Some(path.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    h.run_ok();
    assert!(path.exists(), "saved");
    let said = h.state().last_action().to_string();
    assert!(said.contains("without the modules editor's changes"), "{said}");
    assert!(h.query_by_label("Saved").is_none(), "the status bar does not say Saved");
    assert!(h.query_by_label("Editor changes not applied").is_some());
}

/// Delete from the keyboard leaves the keyboard in the code of the row now in its place, not
/// nowhere (a screen reader then reads on from there).
#[test]
fn delete_from_the_keyboard_asks_then_leaves_the_keyboard_on_the_next_row() {
    let mut h = laptop_harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_ok();
    let second = h.state().project().modules[1].code.clone();
    let third = h.state().project().modules[2].code.clone();
    let delete = format!("Delete module 2, {second}");
    h.get_by_label(&delete).focus();
    h.run_ok();
    // A module with mappings asks first, with the keyboard on Keep: a Space or Enter on a
    // Delete reached by Tab (unseen, zoomed in) took the module at once.
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().project().modules.len(), 13, "nothing deleted yet");
    let keep_label = format!("Keep module 2, {second}");
    let keep = h.get_by_label(&keep_label);
    assert!(keep.is_focused(), "the keyboard is on Keep");
    let why = keep.accesskit_node().description().unwrap_or_default();
    assert!(
        why.starts_with(&format!("Delete module 2, {second}? It maps ")),
        "{why}"
    );
    h.key_press(Key::Enter);
    h.run_ok();
    assert!(
        h.query_by_label(&format!("Keep module 2, {second}")).is_none(),
        "Keep keeps it"
    );
    h.get_by_label(&delete).focus();
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    h.get_by_label(&delete).focus();
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    assert!(
        h.get_by_label("Code of module 2").is_focused(),
        "the keyboard is on the next row's code"
    );
    assert_eq!(
        h.get_by_label("Code of module 2").value().as_deref(),
        Some(third.as_str())
    );
}

/// Zoomed in on a laptop, the rows' buttons lay past the editor's right edge, with no way to
/// scroll to them, and Tab put the keyboard there unseen.
#[test]
fn zoomed_in_a_row_s_delete_reached_by_tab_is_scrolled_into_view() {
    let mut h = editor_open();
    h.ctx.set_zoom_factor(2.0);
    h.run_ok();
    let code = h.state().project().modules[0].code.clone();
    h.get_by_label("Module 1 is work-based").focus();
    h.run_ok();
    let label = format!("Delete module 1, {code}");
    for _ in 0..6 {
        if h.get_by_label(&label).is_focused() {
            break;
        }
        h.key_press(Key::Tab);
        h.run_ok();
    }
    let delete = h.get_by_label(&label);
    assert!(delete.is_focused(), "Tab reaches Delete");
    let at = delete.rect();
    let screen = h.ctx.content_rect();
    assert!(
        screen.contains_rect(at),
        "Delete at {at:?} lies within the window {screen:?}"
    );
}

/// Details from the keyboard: the page scrolls to the module's details and the keyboard goes
/// with it, to the description, not nowhere (the button scrolled out of view lost it).
#[test]
fn details_from_the_keyboard_puts_the_keyboard_in_the_description() {
    let mut h = editor_open();
    h.get_by_label("Details of module 1").focus();
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    assert!(
        h.get_by_label("Description of module 1").is_focused(),
        "the keyboard is in the description"
    );
}

/// Tabbed into, a filled field's text is selected, so what is typed replaces it: "6" typed in
/// a Level of 4 made 46, and "15" in Credits of 20 made 2015.
#[test]
fn tab_into_a_filled_field_selects_it_so_typing_replaces_it() {
    let mut h = editor_open();
    h.get_by_label("Title of module 1").focus();
    h.run_ok();
    h.key_press(Key::Tab);
    h.run_ok();
    assert!(h.get_by_label("Level of module 1").is_focused());
    h.event(egui::Event::Text("5".into()));
    h.run_ok();
    h.key_press(Key::Tab);
    h.run_ok();
    h.event(egui::Event::Text("15".into()));
    h.run_ok();
    assert_eq!(h.get_by_label("Level of module 1").value().as_deref(), Some("5"));
    assert_eq!(h.get_by_label("Credits of module 1").value().as_deref(), Some("15"));
}

/// Esc with a row that cannot be applied asks, says why with the button that has the
/// keyboard, and Keep editing takes the keyboard back to that row, not nowhere.
#[test]
fn keep_editing_goes_back_to_the_row_to_fix() {
    let mut h = editor_open();
    let n = h.state().project().modules.len();
    h.get_by_label("Add module").click();
    h.run_ok();
    h.run_ok();
    let code_name = format!("Code of module {}", n + 1);
    h.get_by_label(&code_name).type_text("HSC700");
    h.run_ok();
    h.key_press(Key::Escape);
    h.run_ok();
    h.run_ok();
    let keep = h.get_by_label("Keep editing");
    assert!(keep.is_focused());
    assert!(
        keep.accesskit_node()
            .description()
            .is_some_and(|d| d.contains("cannot be applied until fixed")),
        "why is read with the button"
    );
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    assert!(
        h.get_by_label(&code_name).is_focused(),
        "the keyboard is back on the row to fix"
    );
}

/// Delete on an outcome that carries mapped KSBs asks in the button's place, naming them; a
/// second press there deletes that outcome, never the one that moved under the pointer.
#[test]
fn deleting_an_outcome_that_carries_ksbs_asks_first() {
    let mut h = laptop_harness();
    let carried: Vec<String> = h
        .state()
        .project()
        .mappings
        .iter()
        .filter(|m| m.module == "HSC401" && m.outcomes.iter().any(|o| o == "LO2"))
        .map(|m| m.ksb.code.to_string())
        .collect();
    assert!(!carried.is_empty(), "the sample maps a KSB through HSC401's LO2");
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_ok();
    h.get_by_label("Details of module 1").click();
    h.run_ok();
    h.run_ok();
    h.get_by_label("Delete LO2 of module 1").click();
    h.run_ok();
    assert!(h.query_by_label("Text of LO2 of module 1").is_some(), "not deleted yet");
    let said = format!("LO2 carries {}", carried[0]);
    assert!(
        h.query_by_label_contains(&said).is_some(),
        "says what it carries: {said}"
    );
    let keep = h.get_by_label("Keep").rect();
    assert!(keep.max.x <= 1280.0, "Keep is on screen: {keep:?}");
    h.get_by_label("Keep").click();
    h.run_ok();
    assert!(
        h.query_by_label("Delete LO2 of module 1").is_some(),
        "kept, asking no more"
    );
    h.get_by_label("Delete LO2 of module 1").click();
    h.run_ok();
    h.get_by_label("Delete LO2").click();
    h.run_ok();
    assert!(h.query_by_label("Text of LO2 of module 1").is_none());
    assert!(h.query_by_label("Text of LO1 of module 1").is_some(), "LO1 stays");
}

/// "Add module" is a command: from the palette it opens the editor with a new row whose code
/// has the keyboard, and what is typed at once is the code.
#[test]
fn add_module_from_the_palette_starts_a_row_with_the_keyboard_in_its_code() {
    let mut h = laptop_harness();
    let n = h.state().project().modules.len();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_ok();
    h.event(egui::Event::Text("add module".into()));
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    h.event(egui::Event::Text("HSC598".into()));
    h.run_ok();
    let label = format!("Code of module {}", n + 1);
    let code = h.get_by_label(&label);
    assert!(code.is_focused());
    assert_eq!(code.value().as_deref(), Some("HSC598"));
    // Opened from the palette, the editor is the top window: Esc is its own, and asks, as the
    // row has no title yet.
    h.key_press(Key::Escape);
    h.run_ok();
    h.run_ok();
    assert!(h.query_by_label("Keep editing").is_some(), "Esc reached the editor");
}

/// Ctrl+M on a new project put the keyboard in "Untitled programme" with the cursor at its
/// end: typing at once made "Untitled programmeFdSc Applied Lab Science".
#[test]
fn a_title_typed_as_the_editor_opens_replaces_the_one_there() {
    let mut h = editor_open();
    assert!(
        h.get_by_label("Programme title").is_focused(),
        "the editor starts at the title"
    );
    h.event(egui::Event::Text("FdSc Applied Lab Science".into()));
    h.run_ok();
    assert_eq!(
        h.get_by_label("Programme title").value().as_deref(),
        Some("FdSc Applied Lab Science")
    );
}
