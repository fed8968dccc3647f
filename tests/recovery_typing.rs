//! A note typed in the inspector and not yet applied (the field still has the keyboard) is
//! journalled, so a crash keeps it. It was lost: only applied edits were journalled.

use egui_kittest::Harness;
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::model::KsbRef;

use crate::common::ui::{cell, click_at};

/// The sample saved in a folder of its own.
fn saved_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    htq_mapper::store::save_project(&path, &htq_mapper::sample::sample_project().unwrap()).unwrap();
    (dir, path)
}

/// The app on `path`, journalling beside it, as a start after a crash finds it.
fn open_journalled(dir: &std::path::Path, path: &std::path::Path) -> HtqApp {
    HtqApp::new(
        htq_mapper::store::load_project(path).unwrap(),
        Some(path.to_path_buf()),
        Box::new(QueuedPicker::default()),
        RecentFiles::in_memory(),
    )
    .with_journal(dir.to_path_buf())
}

/// Restores what the journal offers, in one frame.
fn restore(app: &mut HtqApp) {
    app.push(Command::RestoreRecovery);
    let ctx = egui::Context::default();
    ctx.run_ui(egui::RawInput::default(), |ui| app.show(ui))
        .textures_delta
        .clear();
}

#[test]
fn a_note_typed_and_not_applied_survives_a_crash() {
    let (dir, path) = saved_sample();
    let open = || open_journalled(dir.path(), &path);
    let k1 = KsbRef::new("ST0215", "K1".parse().unwrap());
    {
        let mut h = Harness::builder()
            .with_size([1280.0, 720.0])
            .with_max_steps(12)
            .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), open());
        let pos = cell(&h, "HSC402", "K1");
        click_at(&mut h, pos);
        h.state_mut().push(Command::FocusNote);
        h.run_ok();
        h.run_ok();
        h.event(egui::Event::Text("Taught in lectures".into()));
        h.run_ok();
        h.run_ok();
        assert_ne!(
            h.state().project().mapping("HSC402", &k1).map(|m| m.note.as_str()),
            Some("Taught in lectures"),
            "still typing: not applied yet"
        );
        // The app dies here, the note's field still with the keyboard.
    }
    let mut app = open();
    let offered = app.recovery().expect("the typing is offered");
    assert!(
        offered.changes.iter().any(|c| c.contains("HSC402 × ST0215/K1")),
        "{:?}",
        offered.changes
    );
    restore(&mut app);
    assert_eq!(
        app.project().mapping("HSC402", &k1).map(|m| m.note.as_str()),
        Some("Taught in lectures")
    );
}

/// The same for a range's shared workplace reason, typed after P and not yet applied: it was
/// not journalled, and a crash lost it.
#[test]
fn a_ranges_reason_typed_and_not_applied_survives_a_crash() {
    let (dir, path) = saved_sample();
    let open = || open_journalled(dir.path(), &path);
    let k = |c: &str| KsbRef::new("ST0215", c.parse().unwrap());
    let reason = "Delta crash test";
    {
        let mut h = Harness::builder()
            .with_size([1280.0, 720.0])
            .with_max_steps(12)
            .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), open());
        let from = cell(&h, "HSC401", "K1");
        click_at(&mut h, from);
        for key in [egui::Key::ArrowDown, egui::Key::ArrowRight] {
            h.key_press_modifiers(egui::Modifiers::SHIFT, key);
            h.run_ok();
        }
        h.key_press(egui::Key::P);
        h.run_ok();
        h.event(egui::Event::Text(reason.into()));
        h.run_ok();
        h.run_ok();
        let applied = h
            .state()
            .project()
            .mapping("HSC401", &k("K1"))
            .map(|m| m.workplace_reason.clone());
        assert_ne!(applied.as_deref(), Some(reason), "still typing: not applied yet");
        // The app dies here, the range's reason still with the keyboard.
    }
    let mut app = open();
    let offered = app.recovery().expect("the typing is offered");
    assert!(
        offered
            .changes
            .iter()
            .any(|c| c.contains("workplace reason of 4 cells")),
        "{:?}",
        offered.changes
    );
    restore(&mut app);
    for (m, c) in [("HSC401", "K1"), ("HSC401", "K2"), ("HSC402", "K1"), ("HSC402", "K2")] {
        assert_eq!(
            app.project().mapping(m, &k(c)).map(|x| x.workplace_reason.as_str()),
            Some(reason),
            "{m} × {c}"
        );
    }
}
