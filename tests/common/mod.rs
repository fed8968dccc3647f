//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The project's shared material, beside the checkout.
pub fn shared(rel: &str) -> PathBuf {
    root().join("..").join("shared").join(rel)
}

pub const ST0215_PAGE: &str = "seeds/000_31628665fbef1c87.txt";
pub const ST0413_PAGE: &str = "seeds/001_61189de9173f7cd1.txt";
pub const ST0220_PAGE: &str = "seeds/004_1c8a430d2476a5dd.txt";
pub const ST0827_API: &str = "data/ifate-api/ST0827-nursing-associate.json";
pub const MINERAL_API: &str = "data/ifate-api/mineral-products-technician-L5.json";

pub fn sample_path() -> PathBuf {
    root().join("assets").join(htq_mapper::sample::SAMPLE_NAME)
}

pub fn htq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_htq-mapper"))
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// An ST0215 KSB, such as `k("K23")`.
pub fn k(code: &str) -> htq_mapper::model::KsbRef {
    htq_mapper::model::KsbRef::new("ST0215", code.parse().unwrap())
}

/// An ST0215 duty, such as `d("D7")`.
pub fn d(code: &str) -> htq_mapper::model::DutyRef {
    htq_mapper::model::DutyRef {
        standard: "ST0215".into(),
        code: code.into(),
    }
}

/// Runs `htq-mapper new` on ST0215's page with a module list, an optional matrix and extra flags.
pub fn htq_new(
    modules: &std::path::Path,
    matrix: Option<&std::path::Path>,
    out: &std::path::Path,
    extra: &[&str],
) -> Output {
    htq_new_on(&shared(ST0215_PAGE), modules, matrix, out, extra)
}

/// `htq-mapper new` on a given standard file.
pub fn htq_new_on(
    standard: &std::path::Path,
    modules: &std::path::Path,
    matrix: Option<&std::path::Path>,
    out: &std::path::Path,
    extra: &[&str],
) -> Output {
    let mut args = vec![
        "new",
        "--standard",
        standard.to_str().unwrap(),
        "--modules",
        modules.to_str().unwrap(),
    ];
    if let Some(m) = matrix {
        args.extend(["--mapping", m.to_str().unwrap()]);
    }
    args.extend(["--out", out.to_str().unwrap()]);
    args.extend(extra);
    htq(&args)
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
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
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
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(10) {
            let up = Command::new("xdotool")
                .arg("getdisplaygeometry")
                .env("DISPLAY", &x.display)
                .output()
                .is_ok_and(|o| o.status.success());
            if up {
                return Some(x);
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
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
