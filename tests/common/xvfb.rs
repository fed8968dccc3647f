//! The real binary in a real X window: a display of its own, the app launched on it, and
//! xdotool to drive it. Shared by the Xvfb tests.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// True when Xvfb and xdotool are installed. CI must have them; elsewhere the test skips.
pub fn tools_or_skip() -> bool {
    let have = |tool: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {tool}"))
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if have("Xvfb") && have("xdotool") {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have Xvfb and xdotool (scripts/install-test-deps)"
    );
    eprintln!("skipped: Xvfb or xdotool is not installed");
    false
}

/// Runs xdotool on `display`; its output, trimmed.
pub fn xdotool(display: &str, args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .output()
        .expect("xdotool runs");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A virtual X display (Xvfb), stopped when dropped.
pub struct Xvfb {
    child: std::process::Child,
    /// Kept open: a closed pipe would kill Xvfb (SIGPIPE) the next time it writes there.
    out: std::io::BufReader<std::process::ChildStdout>,
    pub display: String,
}

impl Xvfb {
    /// Starts Xvfb on a free display of its own choosing (`-displayfd`), so tests running at
    /// once never share one, and returns once the display takes connections: with several
    /// starting together, a server can name its display and still be gone a moment later.
    pub fn start(size: &str) -> Xvfb {
        for _ in 0..5 {
            if let Some(x) = Self::try_start(size) {
                return x;
            }
        }
        panic!("Xvfb never gave a display that takes connections");
    }

    fn try_start(size: &str) -> Option<Xvfb> {
        use std::io::BufRead;
        // -noreset: by default the server resets when its last client leaves, and a client
        // connecting during that reset (the app, after a probe) is refused.
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-noreset",
                "-screen",
                "0",
                &format!("{size}x24"),
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts");
        let stdout = child.stdout.take();
        let mut x = Xvfb {
            child,
            out: std::io::BufReader::new(stdout.expect("Xvfb's stdout")),
            display: String::new(),
        };
        let mut line = String::new();
        x.out.read_line(&mut line).ok()?;
        x.display = format!(":{}", line.trim());
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            let up = Command::new("xdotool")
                .arg("getdisplaygeometry")
                .env("DISPLAY", &x.display)
                .output()
                .is_ok_and(|o| o.status.success());
            if up {
                return Some(x);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The app on a display, with its config, data and runtime folders in `dir` and no desktop
/// session (no Wayland, no D-Bus); stopped when dropped.
pub struct App {
    child: Child,
    pub display: String,
    log: std::path::PathBuf,
}

impl App {
    /// Starts the app, on `project` or on the sample; `configure` adds to its environment.
    pub fn launch(display: &str, dir: &Path, project: Option<&Path>, configure: impl FnOnce(&mut Command)) -> App {
        let log = dir.join("app.err");
        let mut command = Command::new(env!("CARGO_BIN_EXE_htq-mapper"));
        command.args(project).env("DISPLAY", display);
        for var in ["XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"] {
            command.env(var, dir);
        }
        for var in ["WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "HTQ_FILE_DIALOG"] {
            command.env_remove(var);
        }
        configure(&mut command);
        let child = command
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("a log file"))
            .spawn()
            .expect("the app starts");
        App {
            child,
            display: display.to_string(),
            log,
        }
    }

    /// The app's window, once its first frame has run: the title names the document only
    /// then, and waiting on it rather than a fixed sleep keeps tests steady on a busy machine.
    pub fn window(&self) -> String {
        let started = Instant::now();
        let window = loop {
            let w = xdotool(&self.display, &["search", "--name", "HTQ Mapper"]);
            if let Some(id) = w.lines().next().filter(|l| !l.is_empty()) {
                break id.to_string();
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "no window within 60 s; the app said: {}",
                std::fs::read_to_string(&self.log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(200));
        };
        self.wait_title(&window, "first frame", |t| t.contains(" — "));
        std::thread::sleep(Duration::from_millis(500));
        window
    }

    /// Waits until the window's title passes `ok` (it gains "* " once an edit is applied).
    pub fn wait_title(&self, window: &str, what: &str, ok: impl Fn(&str) -> bool) {
        let started = Instant::now();
        loop {
            let title = xdotool(&self.display, &["getwindowname", window]);
            if ok(&title) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{what}: title is {title:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
