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
    let mut second = std::process::Command::new(env!("CARGO_BIN_EXE_htq-mapper"))
        .arg(&second)
        .env("DISPLAY", &display)
        .env("XDG_RUNTIME_DIR", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env_remove("WAYLAND_DISPLAY")
        .spawn()
        .expect("the second run starts");
    // A run that opened a window of its own would never end: wait a while, then stop it.
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = second.kill();
            let _ = second.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        status.is_some_and(|s| s.success()),
        "the second run hands the file over and ends at once (it ran {:?}): {status:?}",
        started.elapsed()
    );
    app.wait_title(&window, "the handed file", |t| t.starts_with("second.ron"));
}
