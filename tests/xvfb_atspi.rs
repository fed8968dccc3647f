//! The app as Orca reads it: the real binary under Xvfb, on a session bus of its own with the
//! screen-reader flag set, read over AT-SPI by scripts/atspi-focused.py (python3-pyatspi).
//! After F6 F6 Right Down the focused node is the grid cell, named with its module, its KSB
//! and its coverage in words; the tree has at least 100 named table cells, at most 5 nodes
//! of unknown role and no unnamed control; F on an uncovered KSB's cell announces the new
//! coverage summary (a live region) over AT-SPI; after P the focused node is the workplace
//! reason's text field.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::xvfb::{App, Xvfb, tools_or_skip, xdotool};

/// Debian's python3, where python3-pyatspi installs (a python3 earlier on PATH may lack it).
fn python() -> PathBuf {
    let debian = PathBuf::from("/usr/bin/python3");
    if debian.exists() {
        debian
    } else {
        PathBuf::from("python3")
    }
}

/// True when the bus, its accessibility launcher and pyatspi are here too. CI must have
/// them (scripts/install-test-deps); elsewhere the test skips.
fn atspi_or_skip() -> bool {
    let runs = |program: &Path, args: &[&str]| {
        Command::new(program)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let have = runs(
        Path::new("sh"),
        &["-c", "command -v dbus-daemon && command -v dbus-send"],
    ) && Path::new("/usr/libexec/at-spi-bus-launcher").exists()
        && runs(&python(), &["-c", "import pyatspi"]);
    if have {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have dbus, at-spi2-core and python3-pyatspi (scripts/install-test-deps)"
    );
    eprintln!("skipped: dbus, at-spi2-core or python3-pyatspi is not installed");
    false
}

/// A session bus of its own, with the accessibility bus's screen-reader flag set; stopped
/// (and with it the accessibility bus it started) when dropped.
struct SessionBus {
    child: Child,
    address: String,
}

impl SessionBus {
    fn start(runtime: &Path) -> SessionBus {
        // The accessibility bus puts its socket under XDG_RUNTIME_DIR: this test's own.
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .env("XDG_RUNTIME_DIR", runtime)
            .env_remove("DISPLAY")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon starts");
        let mut line = String::new();
        let out = child.stdout.take().expect("dbus-daemon's stdout");
        std::io::BufReader::new(out)
            .read_line(&mut line)
            .expect("dbus-daemon prints its address");
        let bus = SessionBus {
            child,
            address: line.trim().to_string(),
        };
        // What a desktop sets when a screen reader runs: toolkits then build their trees.
        for flag in ["IsEnabled", "ScreenReaderEnabled"] {
            let status = Command::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.a11y.Bus",
                    "/org/a11y/bus",
                    "org.freedesktop.DBus.Properties.Set",
                    "string:org.a11y.Status",
                    &format!("string:{flag}"),
                    "variant:boolean:true",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
                .stdout(Stdio::null())
                .status()
                .expect("dbus-send runs");
            assert!(status.success(), "setting {flag} on the accessibility bus");
        }
        bus
    }

    /// Runs scripts/atspi-focused.py; its JSON.
    fn read(&self, mode: &str) -> serde_json::Value {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/atspi-focused.py");
        let out = Command::new(python())
            .arg(script)
            .args([mode, "5"])
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env_remove("DISPLAY")
            .output()
            .expect("the AT-SPI script runs");
        let text = String::from_utf8_lossy(&out.stdout);
        serde_json::from_str(text.trim())
            .unwrap_or_else(|e| panic!("{mode}: {e}: {text} {}", String::from_utf8_lossy(&out.stderr)))
    }

    /// The focused node's role and name, once `ok` accepts them (the tree follows the keys
    /// a frame or two later).
    fn focused_when(&self, what: &str, ok: impl Fn(&str, &str) -> bool) -> (String, String) {
        let started = Instant::now();
        loop {
            let node = self.read("focused");
            let role = node["role"].as_str().unwrap_or_default().to_string();
            let name = node["name"].as_str().unwrap_or_default().to_string();
            if ok(&role, &name) {
                return (role, name);
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{what}: the focused node is {role} {name:?}"
            );
            std::thread::sleep(Duration::from_millis(300));
        }
    }
}

/// scripts/atspi-focused.py listening for announcements, started before the keys that cause
/// them.
struct Listener {
    child: Child,
}

impl SessionBus {
    /// Starts listening for `seconds`; returns once the script is listening.
    fn listen(&self, seconds: f64) -> Listener {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/atspi-focused.py");
        let mut child = Command::new(python())
            .arg(script)
            .args(["events", &seconds.to_string()])
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env_remove("DISPLAY")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the AT-SPI listener starts");
        let mut line = String::new();
        let out = child.stdout.as_mut().expect("the listener's stdout");
        std::io::BufReader::new(out)
            .read_line(&mut line)
            .expect("the listener says it is ready");
        assert_eq!(line.trim(), "ready");
        Listener { child }
    }
}

impl Listener {
    /// What it heard, once its time is up: a JSON list of events.
    fn heard(self) -> serde_json::Value {
        let out = self.child.wait_with_output().expect("the listener ends");
        let text = String::from_utf8_lossy(&out.stdout);
        serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("events: {e}: {text}"))
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn orca_hears_the_focused_cell_by_module_ksb_and_coverage_and_then_the_reason_field() {
    if !tools_or_skip() || !atspi_or_skip() {
        return;
    }
    // The cell F6 F6 Right Down reaches: the second module's row, the second KSB's column.
    let sample = htq_mapper::sample::sample_project().unwrap();
    let analysis = htq_mapper::analysis::analyse(&sample);
    let grid = htq_mapper::app::grid_model::GridModel::build(&analysis, false);
    let module = sample.modules[1].code.clone();
    let ksb = grid.columns[1].ksb.clone();
    let coverage = sample
        .mapping(&module, &ksb)
        .map_or("not covered", |m| m.coverage.label());

    let dir = tempfile::tempdir().unwrap();
    let bus = SessionBus::start(dir.path());
    let xvfb = Xvfb::start("1280x720");
    let display = xvfb.display.clone();
    let app = App::launch(&display, dir.path(), None, |c| {
        c.env("DBUS_SESSION_BUS_ADDRESS", &bus.address);
    });
    let window = app.window();
    xdotool(&display, &["windowfocus", "--sync", &window]);
    xdotool(&display, &["mousemove", "1279", "719"]);
    for key in ["F6", "F6", "Right", "Down"] {
        xdotool(&display, &["key", key]);
        std::thread::sleep(Duration::from_millis(150));
    }
    let start = format!("{module} × {}, ", ksb.code);
    let (role, name) = bus.focused_when("after F6 F6 Right Down", |role, name| {
        role == "table cell" && name.starts_with(&start)
    });
    eprintln!("after F6 F6 Right Down: {role}: {name}");
    assert!(
        name.starts_with(&format!("{start}{coverage}")),
        "{name:?} should say {coverage}"
    );

    let census = bus.read("census");
    eprintln!("census: {census}");
    let count = |key: &str| census[key].as_u64().unwrap_or_default();
    assert!(count("named_table_cells") >= 100, "{census}");
    assert_eq!(count("named_table_cells"), count("table_cells"), "{census}");
    assert!(count("unknown") <= 5, "{census}");
    assert_eq!(census["unnamed_controls"], serde_json::json!([]), "{census}");
    // The window is read by its title: the file, then the programme.
    let frame = census["frames"][0].as_str().unwrap_or_default();
    assert!(
        frame.contains(&sample.programme.title) && frame.ends_with("— HTQ Mapper"),
        "{census}"
    );

    // F on a KSB no module covers: the coverage summary, a live region, is announced as it
    // changes, without the keyboard going to it (Orca speaks object:announcement).
    let (uncovered_col, uncovered) = grid
        .columns
        .iter()
        .enumerate()
        .find(|(_, c)| {
            analysis
                .ksbs
                .iter()
                .any(|k| k.ksb == c.ksb && k.needed && k.state == htq_mapper::analysis::KsbState::Uncovered)
        })
        .map(|(i, c)| (i, c.ksb.code.to_string()))
        .expect("the sample leaves a KSB uncovered");
    let s = &analysis.summary;
    let after = format!("{} full, {} partial, {} uncovered", s.full + 1, s.partial, s.none - 1);
    let listener = bus.listen(8.0);
    for _ in 1..uncovered_col {
        xdotool(&display, &["key", "Right"]);
        std::thread::sleep(Duration::from_millis(60));
    }
    let (_, name) = bus.focused_when("on the uncovered KSB", |role, name| {
        role == "table cell" && name.starts_with(&format!("{module} × {uncovered}, "))
    });
    eprintln!("on the uncovered KSB: {name}");
    xdotool(&display, &["key", "f"]);
    let heard = listener.heard();
    let announced: Vec<&str> = (heard.as_array().into_iter().flatten())
        .filter(|e| e["type"] == "object:announcement")
        .filter_map(|e| e["text"].as_str())
        .collect();
    eprintln!("announced after F: {announced:?}");
    assert!(
        announced.iter().any(|t| t.ends_with(&after)),
        "the summary ending {after:?} is announced: {heard}"
    );

    // P: partial, and the keyboard goes to the workplace reason.
    xdotool(&display, &["key", "p"]);
    let (role, name) = bus.focused_when("after P", |role, name| {
        matches!(role, "entry" | "text") && name.starts_with("Workplace reason")
    });
    eprintln!("after P: {role}: {name}");
}
