//! What the app says in words, driven through egui_kittest: counts that agree with `check`,
//! labelled theme choices, error titles, the recovery offer and the module editor's problems.

use crate::common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui_command::UiCommand;
use htq_mapper::model::KsbRef;

fn harness(app: HtqApp) -> Harness<'static, HtqApp> {
    Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

fn sample_app(picker: QueuedPicker) -> HtqApp {
    HtqApp::with_sample(Box::new(picker), RecentFiles::in_memory()).unwrap()
}

#[test]
fn the_app_counts_findings_and_credits_as_check_does() {
    let out = common::htq(&["check", common::sample_path().to_str().unwrap(), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap().len();
    let credits = json["credits"]["text"].as_str().unwrap();
    assert_eq!(credits, "240 credits on every route (280 with all options)");

    let mut h = harness(sample_app(QueuedPicker::default()));
    h.run_ok();
    assert_eq!(h.state().analysis().findings.len(), findings);
    assert!(
        h.query_by_label(&format!("Findings ({findings})")).is_some(),
        "the coverage panel's heading counts what check counts"
    );
    assert!(
        h.query_by_label("8 errors · 12 warnings · 4 notes; 4 on duties, above")
            .is_some()
    );
    assert!(
        h.query_by_label_contains(credits).is_some(),
        "the status bar gives the per-route figure"
    );
    assert!(h.query_by_label_contains("280 credits ·").is_none());
}

#[test]
fn the_theme_menu_names_its_choices() {
    // kittest panics on a glyph no font has, so opening the menu checks the fonts too.
    let mut h = harness(sample_app(QueuedPicker::default()));
    h.get_by_label("View").click();
    h.run_ok();
    for label in ["Follow system", "Light", "Dark"] {
        assert!(h.query_by_label(label).is_some(), "{label}");
    }
    h.get_by_label("Light").click();
    h.run_ok();
    assert_eq!(h.ctx.options(|o| o.theme_preference), egui::ThemePreference::Light);
    assert!(!h.ctx.global_style().visuals.dark_mode);
    h.get_by_label("View").click();
    h.run_ok();
    h.get_by_label("Dark").click();
    h.run_ok();
    assert!(h.ctx.global_style().visuals.dark_mode);
}

#[test]
fn an_error_is_titled_by_what_failed_and_shows_no_backticks() {
    let dir = tempfile::tempdir().unwrap();
    let modules = dir.path().join("modules.csv");
    std::fs::write(
        &modules,
        "code,title,level,credits,status\nA1,x,4,20,core\nA2,y,four,20,core\n",
    )
    .unwrap();
    let picker = QueuedPicker::default();
    let mut h = harness(sample_app(picker.clone()));
    picker.answer(Some(modules));
    h.state_mut().push(Command::Ui(UiCommand::ImportModules));
    h.run_ok();
    h.run_ok();
    let message = h.state().error().expect("an error dialog").to_string();
    assert!(message.contains("`four`"), "the error keeps its code span: {message}");
    assert_eq!(
        h.state().error_title(),
        Some("Could not import modules from modules.csv")
    );
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Could not import modules from modules.csv")
            .is_some()
    );
    let shown = h
        .query_all_by_label_contains("four")
        .filter_map(|n| n.value())
        .collect::<Vec<_>>();
    assert!(shown.iter().any(|l| l.contains("four")), "{shown:?}");
    assert!(shown.iter().all(|l| !l.contains('`')), "{shown:?}");
}

fn cycle(app: &mut HtqApp, module: &str, code: &str) {
    app.push(Command::CycleCell {
        module: module.into(),
        ksb: KsbRef::new("ST0215", code.parse().unwrap()),
    });
}

#[test]
fn the_restore_offer_lists_only_edits_still_in_effect() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    htq_mapper::store::save_project(&path, &htq_mapper::sample::sample_project().unwrap()).unwrap();
    let open = || {
        let project = htq_mapper::store::load_project(&path).unwrap();
        HtqApp::new(
            project,
            Some(path.clone()),
            Box::new(QueuedPicker::default()),
            RecentFiles::in_memory(),
        )
        .with_journal(dir.path().to_path_buf())
    };
    {
        // Two edits, the second undone, then redone and undone again; then a crash.
        let mut h = harness(open());
        cycle(h.state_mut(), "HSC502", "K23");
        h.run_ok();
        cycle(h.state_mut(), "HSC502", "K24");
        h.run_ok();
        for key in [Key::Z, Key::Y, Key::Z] {
            h.key_press_modifiers(Modifiers::COMMAND, key);
            h.run_ok();
        }
        assert!(h.state().project().mapping("HSC502", &common::k("K24")).is_none());
        // Dropped unsaved, as a crash leaves it: the journal stays, its lock goes.
        drop(h);
    }
    let mut h = harness(open());
    h.run_ok();
    assert_eq!(h.state().recovery().map(|r| r.edits.len()), Some(5));
    assert!(
        h.query_by_label_contains("closed without saving 1 edit to").is_some(),
        "one edit is still in effect"
    );
    assert!(h.query_by_label("- Set HSC502 × K23 full").is_some());
    assert!(
        h.query_by_label_contains("- Set HSC502 × K24").is_none(),
        "the undone edit is not offered"
    );
    assert!(h.query_by_label_contains("Undid").is_none());
    assert!(h.query_by_label_contains("Redid").is_none());
    h.get_by_label("Restore").click();
    h.run_ok();
    assert!(h.state().project().mapping("HSC502", &common::k("K23")).is_some());
    assert!(
        h.state().last_action().contains("Restore 1 unsaved edit"),
        "{}",
        h.state().last_action()
    );
}

fn set_field(h: &mut Harness<'_, HtqApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run_ok();
}

#[test]
fn the_module_editor_lists_problems_and_credits_per_route_as_typed() {
    let mut h = harness(sample_app(QueuedPicker::default()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_ok();
    h.run_ok();
    let every_route = "Level 4: 120 · Level 5: 120 · 240 in all, on every route";
    assert!(h.query_by_label(every_route).is_some());

    // An option worth more credits makes the routes differ: one line per route.
    set_field(&mut h, "Credits of module 11", "40");
    assert!(h.query_by_label(every_route).is_none());
    assert!(
        h.query_by_label("Taking HSC505: Level 4: 120 · Level 5: 140 · 260 in all")
            .is_some()
    );
    assert!(
        h.query_by_label("Taking HSC507: Level 4: 120 · Level 5: 120 · 240 in all")
            .is_some()
    );

    // Problems are listed in words, each on its own line, without backticks.
    set_field(&mut h, "Credits of module 2", "twenty");
    set_field(&mut h, "Level of module 3", "9");
    assert!(h.query_by_label("2 problems to fix:").is_some());
    assert!(
        h.query_by_label("• row 2 credits: twenty is not a number of credits (0 to 120)")
            .is_some()
    );
    assert!(
        h.query_by_label("• row 3 level: 9 is not an FHEQ level (3 to 8)")
            .is_some()
    );
    // Rows 2 and 3 no longer count, so Level 4 drops to 80.
    assert!(
        h.query_by_label("Taking HSC506: Level 4: 80 · Level 5: 120 · 200 in all")
            .is_some()
    );
}
