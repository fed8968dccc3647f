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

/// The whole screen's pixels now, as `xwd` dumps them.
pub fn screen(display: &str) -> Vec<u8> {
    Command::new("xwd")
        .args(["-root", "-silent"])
        .env("DISPLAY", display)
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default()
}

/// The pixels of the 24 × 24 square centred on `at` in an `xwd` dump of the screen (32 bits
/// a pixel, as Xvfb's 24-bit screens give), or nothing when the dump is not such a picture.
fn square(xwd: &[u8], at: (f32, f32)) -> Vec<u8> {
    let field = |i: usize| -> Option<usize> {
        let b = xwd.get(i * 4..i * 4 + 4)?;
        usize::try_from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])).ok()
    };
    let parts = (|| Some((field(0)?, field(4)?, field(5)?, field(11)?, field(12)?, field(19)?)))();
    let Some((header, width, height, bits, line, colours)) = parts else {
        return Vec::new();
    };
    if bits != 32 {
        return Vec::new();
    }
    let start = header + colours * 12;
    let (cx, cy) = (at.0.round() as usize, at.1.round() as usize);
    let mut out = Vec::new();
    for y in cy.saturating_sub(12)..(cy + 12).min(height) {
        let row = start + y * line;
        let (from, to) = (cx.saturating_sub(12).min(width), (cx + 12).min(width));
        out.extend_from_slice(xwd.get(row + from * 4..row + to * 4).unwrap_or_default());
    }
    out
}

/// Waits until the screen around `at` differs from `before` (a `screen` taken before the key
/// or click) and then holds still for a moment: what was asked for is painted there. A fixed
/// sleep is too short on a busy machine, where a debug build's frame can take seconds, and
/// a change elsewhere (a status line) can come a frame before the window that was asked for.
pub fn wait_painted_at(display: &str, before: &[u8], at: (f32, f32), what: &str) {
    let before = square(before, at);
    assert!(
        !before.is_empty(),
        "xwd gave no picture of the screen (is x11-apps installed?)"
    );
    let started = Instant::now();
    let mut last = before.clone();
    let mut changed = false;
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = square(&screen(display), at);
        if changed && now == last {
            return;
        }
        changed |= now != before;
        last = now;
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{what}: the screen at {at:?} {} within 60 s",
            if changed { "never settled" } else { "never changed" }
        );
    }
}

/// A virtual X display (Xvfb), stopped when dropped.
pub struct Xvfb {
    child: std::process::Child,
    /// Kept open: a closed pipe would kill Xvfb (SIGPIPE) the next time it writes there.
    out: std::io::BufReader<std::process::ChildStdout>,
    pub display: String,
    /// Real-window tests take turns: two debug builds painting with lavapipe at once, beside
    /// the other tests, make frames so slow that a drag reads as no drag.
    _turn: Option<std::sync::MutexGuard<'static, ()>>,
}

static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Xvfb {
    /// Starts Xvfb on a free display of its own choosing (`-displayfd`), so tests running at
    /// once never share one, and returns once the display takes connections: with several
    /// starting together, a server can name its display and still be gone a moment later.
    pub fn start(size: &str) -> Xvfb {
        let turn = TURN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut turn = Some(turn);
        for _ in 0..5 {
            if let Some(mut x) = Self::try_start(size) {
                x._turn = turn.take();
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
            _turn: None,
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
