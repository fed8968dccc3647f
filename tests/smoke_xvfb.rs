//! The real binary in a real X window (Xvfb): drag a chip onto a module with xdotool,
//! press Ctrl+S, and check the saved file. Chip and row positions come from the same
//! layout run through kittest at the same window size. And with no desktop file dialog
//! (no portal, no zenity), Save As opens the app's own, where a typed path saves.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::xvfb::{App, Xvfb, tools_or_skip, xdotool};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::model::KsbRef;

/// Where the chip and the module row are, laid out as the real window lays them out.
fn positions(project_path: &Path) -> (egui::Pos2, egui::Pos2) {
    let project = htq_mapper::store::load_project(project_path).unwrap();
    let app = HtqApp::new(
        project,
        Some(project_path.to_path_buf()),
        Box::new(QueuedPicker::default()),
        RecentFiles::in_memory(),
    );
    let h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_eframe(|_cc| app);
    let chip = h
        .get_all_by_label("K23")
        .map(|n| n.rect().center())
        .min_by(|a, b| a.x.total_cmp(&b.x))
        .unwrap();
    let row = h.get_by_label("HSC502").rect().center();
    (chip, row)
}

#[test]
fn drag_a_chip_and_save_in_a_real_window() {
    if !tools_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("smoke.ron");
    htq_mapper::store::save_project(&path, &htq_mapper::sample::sample_project().unwrap()).unwrap();
    let (chip, row) = positions(&path);

    // A display of its own: tests in one process run at once and share a pid.
    let xvfb = Xvfb::start("1600x1000");
    let display = xvfb.display.clone();
    let app = App::launch(&display, dir.path(), Some(&path), |_| {});
    let window = app.window();
    let geometry = xdotool(&display, &["getwindowgeometry", "--shell", &window]);
    let field = |name: &str| -> f32 {
        geometry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    let origin = egui::vec2(field("X"), field("Y"));
    let at = |p: egui::Pos2| {
        let p = p + origin;
        (format!("{}", p.x.round()), format!("{}", p.y.round()))
    };

    let (cx, cy) = at(chip);
    // Pauses long enough for a frame between steps even on a busy machine (the debug build
    // under lavapipe, beside the other tests): a press, moves and release in one frame are
    // no drag at all.
    xdotool(&display, &["mousemove", "--sync", &cx, &cy]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&display, &["mousedown", "1"]);
    std::thread::sleep(Duration::from_millis(250));
    for t in [0.1, 0.2, 0.4, 0.6, 0.8, 1.0] {
        let (x, y) = at(chip.lerp(row, t));
        xdotool(&display, &["mousemove", &x, &y]);
        std::thread::sleep(Duration::from_millis(150));
    }
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&display, &["mouseup", "1"]);
    std::thread::sleep(Duration::from_millis(300));
    // With no window manager, nothing gives the window keyboard focus but us.
    xdotool(&display, &["windowfocus", &window]);
    std::thread::sleep(Duration::from_millis(200));
    xdotool(&display, &["key", "ctrl+s"]);

    let k23 = KsbRef::new("ST0215", "K23".parse().unwrap());
    let started = Instant::now();
    loop {
        if let Ok(p) = htq_mapper::store::load_project(&path)
            && p.mapping("HSC502", &k23).is_some()
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "the saved file never held HSC502 × K23"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        htq_mapper::store::backup_path(&path).exists(),
        "the previous version is kept as .bak"
    );
}

#[test]
fn save_as_with_no_desktop_dialog_in_a_real_window() {
    if !tools_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // An empty PATH folder: no zenity to find. No session bus: no portal.
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let path: PathBuf = dir.path().join("typed-in-the-window.ron");

    // A display of its own: tests in one process run at once and share a pid.
    let xvfb = Xvfb::start("1280x720");
    let display = xvfb.display.clone();
    // No project: the untitled sample, which only Save As can keep.
    let app = App::launch(&display, dir.path(), None, |c| {
        c.env("PATH", &bin).env("HOME", dir.path());
    });
    let window = app.window();
    // With no window manager, nothing gives the window keyboard focus but us.
    xdotool(&display, &["windowfocus", "--sync", &window]);
    std::thread::sleep(Duration::from_millis(200));
    xdotool(&display, &["key", "ctrl+shift+s"]);
    // The dialog opens with its path field focused and its text selected: typing replaces it.
    std::thread::sleep(Duration::from_millis(700));
    xdotool(&display, &["type", "--delay", "20", &path.display().to_string()]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&display, &["key", "Return"]);

    let started = Instant::now();
    let saved = loop {
        if let Ok(p) = htq_mapper::store::load_project(&path) {
            break p;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "nothing was saved at {}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    let sample = htq_mapper::sample::sample_project().unwrap();
    assert_eq!(
        saved.mappings, sample.mappings,
        "the sample's mappings, saved where typed"
    );
    assert_eq!(saved, sample);
}
