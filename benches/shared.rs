//! Saving a shared project, printed as plain figures: `cargo bench --bench shared [FILTER]`.
//!
//! Issue 24: a sign-off on a project with 100,000 sign-offs must take under 20× what it takes
//! with 10,000 (it was quadratic: 0.5 s at 10k, 47 s at 100k), and 100,000 comment threads
//! must merge and be logged in linear time. Each sign-off is timed as `htq-mapper sign-off`
//! does it: read under the lock, sign, log the change, write back with a backup.

use std::hint::black_box;
use std::time::{Duration, Instant};

use htq_mapper::model::{Comment, CommentTarget, IsoDate, Project, SignOff, Thread};
use htq_mapper::review::{change_log, merge_comments, signoff};
use htq_mapper::sample::sample_project;
use htq_mapper::store::{self, Reapply};

/// Runs `f` at least 3 times and until about 2 s have passed; prints the median.
fn bench<T>(filter: &Option<String>, name: &str, mut f: impl FnMut() -> T) -> Option<Duration> {
    if filter.as_ref().is_some_and(|x| !name.contains(x.as_str())) {
        return None;
    }
    let start = Instant::now();
    let mut times = Vec::new();
    while times.len() < 3 || (times.len() < 1000 && start.elapsed() < Duration::from_secs(2)) {
        let t = Instant::now();
        black_box(f());
        times.push(t.elapsed());
    }
    times.sort_unstable();
    let median = times[times.len() / 2];
    println!(
        "{name}: {:.1} ms (median of {})",
        median.as_secs_f64() * 1000.0,
        times.len()
    );
    Some(median)
}

/// The sample with `n` earlier sign-offs, each kept without its content (as older records
/// were), so 100,000 of them stay a file this tool reads.
fn with_sign_offs(sample: &Project, n: usize) -> Project {
    let mut p = sample.clone();
    let date = IsoDate::new(2026, 1, 2).unwrap_or(IsoDate::today());
    p.sign_offs = (0..n)
        .map(|i| SignOff {
            name: format!("Signer {i}"),
            role: "Reviewer".into(),
            date,
            hash: format!("{i:064x}"),
            content: Vec::new(),
            record_hash: String::new(),
        })
        .collect();
    p
}

fn with_threads(sample: &Project, n: usize, author: &str) -> Project {
    let mut p = sample.clone();
    p.comments = (0..n)
        .map(|i| Thread {
            id: format!("t-{author}-{i}"),
            target: CommentTarget::Programme,
            comments: vec![Comment {
                id: format!("c-{i}"),
                author: author.into(),
                at: "2026-11-25T10:00:00Z".into(),
                text: format!("Comment {i}"),
            }],
            resolved: None,
        })
        .collect();
    p
}

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let f = &filter;
    let Ok(sample) = sample_project() else {
        eprintln!("the bundled sample does not load");
        std::process::exit(1);
    };
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("no temporary folder");
        std::process::exit(1);
    };
    let mut times = Vec::new();
    for n in [10_000, 100_000] {
        let path = dir.path().join(format!("signed-{n}.ron"));
        if store::save_project(&path, &with_sign_offs(&sample, n)).is_err() {
            eprintln!("cannot write {}", path.display());
            std::process::exit(1);
        }
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        let name = format!("sign-off/{}k-sign-offs ({} MB file)", n / 1000, bytes / 1_000_000);
        let mut i = 0;
        times.push(bench(f, &name, || {
            i += 1;
            store::update_project(&path, Reapply::MergeSafe, |p| {
                let loaded = p.clone();
                let date = IsoDate::today();
                p.sign_offs.push(signoff::sign(p, &format!("Bench {i}"), "Lead", date));
                change_log::record(p, &loaded, "2026-11-25T10:00:00Z".into(), "Bench");
                Ok(())
            })
            .is_ok()
        }));
        let old = with_sign_offs(&sample, n);
        let mut new = old.clone();
        new.sign_offs.push(signoff::sign(&new, "New", "Lead", IsoDate::today()));
        bench(f, &format!("change-log/summary-{}k-sign-offs", n / 1000), || {
            change_log::summary(&old, &new)
        });
    }
    if let [Some(small), Some(big)] = times[..] {
        println!(
            "sign-off/100k ÷ 10k: {:.1}× (target < 20×: {})",
            big.as_secs_f64() / small.as_secs_f64(),
            if big.as_secs_f64() < 20.0 * small.as_secs_f64() {
                "met"
            } else {
                "MISSED"
            }
        );
    }
    // 100,000 threads here and 100,000 in a reviewer's copy, half of them the same.
    let ours = with_threads(&sample, 100_000, "ann");
    let mut theirs = with_threads(&sample, 50_000, "ann");
    theirs.comments.extend(with_threads(&sample, 50_000, "bob").comments);
    bench(f, "threads/merge-100k-into-100k", || {
        let mut p = ours.clone();
        merge_comments(&mut p, &theirs)
    });
    let mut merged = ours.clone();
    merge_comments(&mut merged, &theirs);
    bench(f, "threads/change-log-summary-100k", || {
        change_log::summary(&ours, &merged)
    });
}
