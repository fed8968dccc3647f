//! A project opened while the app runs, as a second double-click on the shared drive does:
//! `htq-mapper OTHER.ron` hands the file to the running app and ends, and the app opens it.

use std::time::{Duration, Instant};

use crate::common::xvfb::{App, Xvfb, tools_or_skip, xdotool};

#[test]
fn a_second_file_opens_in_the_running_app() {
    if !tools_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first.ron"), dir.path().join("second.ron"));
    let sample = htq_mapper::sample::sample_project().unwrap();
    htq_mapper::store::save_project(&first, &sample).unwrap();
    htq_mapper::store::save_project(&second, &sample).unwrap();
    let xvfb = Xvfb::start("1280x720");
    let display = xvfb.display.clone();
    let app = App::launch(&display, dir.path(), Some(&first), |_| {});
    let window = app.window();
    assert!(xdotool(&display, &["getwindowname", &window]).starts_with("first.ron"));

    // The same environment as the running app: its display and runtime folder.
    let started = Instant::now();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_htq-mapper"))
        .arg(&second)
        .env("DISPLAY", &display)
        .env("XDG_RUNTIME_DIR", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env_remove("WAYLAND_DISPLAY")
        .status()
        .expect("the second run starts");
    assert!(
        status.success(),
        "the second run hands the file over and ends: {status:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "it did not open a window of its own"
    );
    app.wait_title(&window, "the handed file", |t| t.starts_with("second.ron"));
}
