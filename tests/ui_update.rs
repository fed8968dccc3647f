//! Standards > Update to a newer version…, driven through egui_kittest: the side-by-side diff,
//! keeping or dropping a reworded KSB's mapping, one undoable edit, and confirming in the
//! inspector what is marked for review.

use crate::common::shared;
use crate::common::ui::{cell, click_at};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui_command::UiCommand;
use htq_mapper::model::{Award, Coverage, KsbRef, Mapping, Module, ModuleStatus, Programme, Project, ops};

fn st0220(version: &str) -> std::path::PathBuf {
    shared(&format!("data/ifate-standards/versions/ST0220_{version}.json"))
}

fn r(code: &str) -> KsbRef {
    KsbRef::new("ST0220", code.parse().unwrap())
}

/// A project on ST0220 1.0 with two modules: 1.0's K2 and K3 are reworded in 1.1 (as K1
/// and K3), K27 is renumbered (K20), K16 is removed.
fn project() -> Project {
    project_on("1.0")
}

fn project_on(version: &str) -> Project {
    let mut p = Project::new(Programme {
        title: "Healthcare Science".into(),
        award: Award::FdSc,
        awarding_body: String::new(),
        level: 5,
        total_credits: 240,
        standards: Vec::new(),
        occupational_options: Default::default(),
    });
    let standard = htq_mapper::import::read_standards(&st0220(version))
        .unwrap()
        .remove(0)
        .standard;
    ops::add_standard(&mut p, standard).unwrap();
    for code in ["HCS401", "HCS402"] {
        p.modules.push(Module {
            code: code.into(),
            title: format!("Module {code}"),
            description: String::new(),
            level: 4,
            credits: 120,
            status: ModuleStatus::Core,
            group: None,
            work_based: false,
            outcomes: Vec::new(),
            assessments: Vec::new(),
        });
    }
    for (module, code) in [
        ("HCS401", "K2"),
        ("HCS402", "K2"),
        ("HCS401", "K3"),
        ("HCS401", "K27"),
        ("HCS402", "K16"),
    ] {
        p.set_mapping(Mapping::new(module, r(code), Coverage::Full));
    }
    p
}

/// The app on `project` at laptop size, with the picker its file dialogs answer from.
fn harness(project: Project) -> (Harness<'static, HtqApp>, QueuedPicker) {
    let picker = QueuedPicker::default();
    let app = HtqApp::new(project, None, Box::new(picker.clone()), RecentFiles::in_memory());
    let h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    (h, picker)
}

#[test]
fn update_to_a_newer_version_keeps_or_drops_reworded_mappings_in_one_edit() {
    let (mut h, picker) = harness(project());
    let before = h.state().project().clone();

    picker.answer(Some(st0220("1.1")));
    h.state_mut()
        .push(htq_mapper::app::command::Command::Ui(UiCommand::UpdateStandard));
    h.run_ok();
    h.run_ok();
    assert!(
        h.query_by_label("Update ST0220 from version 1.0 to version 1.1")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("0 unchanged, 3 renumbered, 48 reworded")
            .is_some()
    );
    // Three mappings of reworded KSBs (K2 twice, K3), each with its choice, kept by default.
    let keeps: Vec<_> = h.query_all_by_label_contains("mapping (marked for review)").collect();
    assert_eq!(keeps.len(), 3);
    // The removed K16's row names the mapping it drops.
    assert!(h.query_by_label("Dropped: mapped by HCS402 (full)").is_some());
    assert!(h.query_by_label_contains("older than").is_none());
    assert_eq!(h.state().project(), &before, "nothing changes until Update");

    // Drop HCS402's mapping of K2 (now K1); keep the others.
    let choice = h.get_by_label("Keep HCS402's mapping (marked for review)").rect();
    click_at(&mut h, choice.left_center() + egui::vec2(8.0, 0.0));
    h.get_by_label("Update, dropping 1 reworded mapping").click();
    h.run_ok();
    h.run_ok();

    let p = h.state().project().clone();
    assert_eq!(p.standards[0].version.as_deref(), Some("1.1"));
    assert!(
        p.mapping("HCS401", &r("K1")).is_some_and(|m| m.review),
        "K2 → K1, marked for review"
    );
    assert!(p.mapping("HCS402", &r("K1")).is_none(), "dropped on review");
    assert!(p.mapping("HCS401", &r("K3")).is_some_and(|m| m.review));
    assert!(
        p.mapping("HCS401", &r("K20")).is_some_and(|m| !m.review),
        "K27 → K20, renumbered"
    );
    assert_eq!(p.mappings.len(), 3, "K16 was removed, its mapping dropped");
    assert_eq!(p.migrations.len(), 1);
    assert_eq!(p.migrations[0].from_version.as_deref(), Some("1.0"));
    assert!(
        h.state()
            .analysis()
            .findings
            .iter()
            .any(|f| f.id == "review-mapping:HCS401:ST0220/K1")
    );

    // Confirm one in the inspector: its finding goes.
    let pos = cell(&h, "HCS401", "K1");
    click_at(&mut h, pos);
    h.run_ok();
    h.get_by_label("Confirm").click();
    h.run_ok();
    h.run_ok();
    assert!(
        h.state()
            .project()
            .mapping("HCS401", &r("K1"))
            .is_some_and(|m| !m.review)
    );
    assert!(
        !h.state()
            .analysis()
            .findings
            .iter()
            .any(|f| f.id == "review-mapping:HCS401:ST0220/K1")
    );
    assert!(
        h.state()
            .analysis()
            .findings
            .iter()
            .any(|f| f.id == "review-mapping:HCS401:ST0220/K3")
    );

    // Undo the confirmation, then the update: the project as it was.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().project(), &before);
}

/// Going back to an older version is said before it is done.
#[test]
fn an_update_to_an_older_version_says_so() {
    let (mut h, picker) = harness(project_on("1.1"));
    picker.answer(Some(st0220("1.0")));
    h.state_mut()
        .push(htq_mapper::app::command::Command::Ui(UiCommand::UpdateStandard));
    h.run_ok();
    h.run_ok();
    assert!(
        h.query_by_label_contains("Version 1.0 is older than the project's version 1.1")
            .is_some()
    );
}

/// Enter as the dialog opens never applies the update: the keyboard starts on the first
/// choice (or Cancel), not on Update. Reopened, it once started on Update.
#[test]
fn enter_on_opening_the_update_never_applies_it() {
    let (mut h, picker) = harness(project());
    let before = h.state().project().clone();
    for opening in 0..2 {
        picker.answer(Some(st0220("1.1")));
        h.state_mut()
            .push(htq_mapper::app::command::Command::Ui(UiCommand::UpdateStandard));
        for _ in 0..4 {
            h.run_ok();
        }
        if opening == 1 {
            let first = h.query_all_by_label_contains("mapping (marked for review)").next();
            assert!(
                first.is_some_and(|k| k.rect().top() < 450.0),
                "the list opens at the top"
            );
        }
        h.key_press(Key::Enter);
        h.run_ok();
        h.run_ok();
        assert!(h.state().state.update.is_some(), "still open");
        assert_eq!(h.state().project(), &before, "nothing applied");
        // Scrolled to its end, as a reader of the list would: the next opening is at the top.
        crate::common::ui::wheel(&mut h, egui::pos2(720.0, 450.0), 6, -2000.0);
        h.key_press(Key::Escape);
        h.run_ok();
        h.run_ok();
        assert!(h.state().state.update.is_none());
    }
}
