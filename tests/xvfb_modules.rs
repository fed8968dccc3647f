//! The modules editor through the real window (Xvfb + xdotool): a new module's code typed at
//! xdotool's speed, then `kill -9`. The next start offers the work back, Enter restores it,
//! the editor reopens on the new row, and its title typed, Escape and Ctrl+S save the module.

use std::time::{Duration, Instant};

use crate::common::xvfb::{App, Xvfb, screen, tools_or_skip, wait_painted_at, xdotool};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::store::{Recovery, journal_path};

#[test]
fn a_module_typed_then_killed_is_offered_back_and_saved() {
    if !tools_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("modules.ron");
    htq_mapper::store::save_project(&path, &htq_mapper::sample::sample_project().unwrap()).unwrap();

    // Where Add module is, laid out as the window will lay it out.
    let app = HtqApp::new(
        htq_mapper::store::load_project(&path).unwrap(),
        Some(path.clone()),
        Box::new(QueuedPicker::default()),
        RecentFiles::in_memory(),
    );
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_eframe(|_cc| app);
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run();
    let add = h.get_by_label("Add module").rect().center();
    drop(h);

    let xvfb = Xvfb::start("1280x720");
    let display = xvfb.display.clone();
    let app = App::launch(&display, dir.path(), Some(&path), |_| {});
    let window = app.window();
    xdotool(&display, &["windowfocus", "--sync", &window]);
    let before = screen(&display);
    xdotool(&display, &["key", "ctrl+m"]);
    // As a person waits for the editor to show (a debug build on a busy machine is slow).
    wait_painted_at(&display, &before, (add.x, add.y), "the modules editor after Ctrl+M");
    let (x, y) = (format!("{}", add.x.round()), format!("{}", add.y.round()));
    xdotool(&display, &["mousemove", "--sync", &x, &y]);
    std::thread::sleep(Duration::from_millis(150));
    xdotool(&display, &["click", "1"]);
    // Typed as quickly as a person's hand goes from the mouse to the keys: the row is
    // empty, with the keyboard in its code; no title yet, so nothing applies.
    std::thread::sleep(Duration::from_millis(150));
    xdotool(&display, &["type", "--delay", "12", "HSC599"]);
    // The draft reaches the journal within moments of the last key; then the kill.
    let journal = journal_path(Some(&path), dir.path());
    let started = Instant::now();
    let row = loop {
        let found = Recovery::read(&journal)
            .and_then(|r| r.draft)
            .and_then(|d| d.rows.into_iter().find(|r| r.code == "HSC599"));
        if let Some(row) = found {
            break row;
        }
        if started.elapsed() > Duration::from_secs(15) {
            let shot = std::env::temp_dir().join("htq-xvfb-modules-no-journal.png");
            let _ = std::process::Command::new("import")
                .args(["-display", &display, "-window", "root"])
                .arg(&shot)
                .status();
            panic!("the typed code never reached the journal (screen: {})", shot.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    drop(app); // SIGKILL: no exit handler runs
    assert!(
        Recovery::read(&journal).is_some_and(|r| r.has_changes()),
        "the kill keeps the journal"
    );
    assert!(row.title.is_empty());

    let app = App::launch(&display, dir.path(), Some(&path), |_| {});
    let window = app.window();
    xdotool(&display, &["windowfocus", "--sync", &window]);
    let before = screen(&display);
    xdotool(&display, &["key", "Return"]); // Restore has the keyboard
    wait_painted_at(&display, &before, (add.x, add.y), "the editor reopened by Restore");
    // The editor reopened with the keyboard in the new row's code; its title is next.
    xdotool(&display, &["key", "Tab"]);
    xdotool(&display, &["type", "--delay", "12", "Dissertation in Practice"]);
    xdotool(&display, &["key", "Escape"]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&display, &["key", "ctrl+s"]);
    let started = Instant::now();
    loop {
        let saved = htq_mapper::store::load_project(&path).ok();
        if let Some(m) = saved.as_ref().and_then(|p| p.module("HSC599")) {
            assert_eq!(m.title, "Dissertation in Practice");
            assert_eq!((m.level, m.credits), (5, 20), "level and credits of the row before");
            break;
        }
        if started.elapsed() > Duration::from_secs(15) {
            let shot = std::env::temp_dir().join("htq-xvfb-modules-never-saved.png");
            let _ = std::process::Command::new("import")
                .args(["-display", &display, "-window", "root"])
                .arg(&shot)
                .status();
            panic!("the saved file never held HSC599 (screen: {})", shot.display());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}
