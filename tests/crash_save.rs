//! A process killed with SIGKILL in the middle of saving, many times at varied moments,
//! always leaves a file that loads as the old version or the new one.
//! `CRASH_ITERATIONS=200` (see scripts/crash-test) runs it longer.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use htq_mapper::model::{Coverage, Mapping, Project};

fn old_version() -> Project {
    htq_mapper::sample::sample_project().unwrap()
}

/// A much larger file, so kills often land mid-write.
fn new_version() -> Project {
    let mut p = old_version();
    let ksbs: Vec<_> = p.ksb_refs().collect();
    let modules: Vec<String> = p.modules.iter().map(|m| m.code.clone()).collect();
    for m in &modules {
        for k in &ksbs {
            let mut mapping = Mapping::new(m.clone(), k.clone(), Coverage::Partial);
            mapping.workplace_reason = "Observed and signed off by the employer in the workplace".into();
            p.set_mapping(mapping);
        }
    }
    p
}

/// Run as a child process: save the two versions in turn until killed.
#[test]
fn child_saves_forever() {
    let Ok(path) = std::env::var("HTQ_SAVE_LOOP") else {
        return;
    };
    let path = Path::new(&path);
    let (a, b) = (old_version(), new_version());
    let mut first = true;
    loop {
        for p in [&b, &a] {
            htq_mapper::store::save_project(path, p).unwrap();
            if first {
                println!("\nSTARTED");
                first = false;
            }
        }
    }
}

#[test]
fn kill_during_save_leaves_old_or_new() {
    let iterations: u64 = std::env::var("CRASH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let (a, b) = (old_version(), new_version());
    let (mut passed, mut failed) = (0, 0);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..iterations {
        htq_mapper::store::save_project(&path, &a).unwrap();
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "crash_save::child_saves_forever",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("HTQ_SAVE_LOOP", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let started = BufReader::new(out)
            .lines()
            .map_while(Result::ok)
            .any(|l| l.contains("STARTED"));
        // Varied moments: 0 to 40 ms into the loop, from a fixed pseudo-random sequence.
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_micros((seed >> 33) % 40_000));
        child.kill().unwrap();
        let _ = child.wait();
        let ok = started
            && match htq_mapper::store::load_project(&path) {
                Ok(p) => p == a || p == b,
                Err(e) => {
                    eprintln!("iteration {i}: {e}");
                    false
                }
            };
        if ok { passed += 1 } else { failed += 1 }
    }
    println!("{passed} passed, {failed} failed");
    assert_eq!(failed, 0);
}
