//! The three-way merge (issue 26), printed as plain figures: `cargo bench --bench merge`.
//!
//! Two copies of a fully mapped 600-KSB × 120-module programme (72,000 mappings), each with
//! 500 differences from the base (cells added, removed and changed, and a few modules
//! retitled), none in the same place: the merge itself, then the whole command's work (read
//! three files, merge, write one).

use std::hint::black_box;
use std::time::{Duration, Instant};

use htq_mapper::merge::merge;
use htq_mapper::model::{Coverage, KsbRef, Mapping, Project};
use htq_mapper::sample::stress_project;

/// Every module mapped to every KSB but the last module, left for additions.
fn base() -> Project {
    let mut p = stress_project(600, 120);
    let refs: Vec<KsbRef> = p.ksb_refs().collect();
    let mut mappings = Vec::with_capacity(refs.len() * p.modules.len());
    for r in &refs {
        for (i, m) in p.modules.iter().enumerate().take(119) {
            let c = if i % 7 == 0 { Coverage::Partial } else { Coverage::Full };
            mappings.push(Mapping::new(m.code.clone(), r.clone(), c));
        }
    }
    p.mappings = mappings.into();
    p
}

/// 500 differences from `base`: on KSBs `offset`, `offset + 2`, …, so two copies with offsets
/// 0 and 1 never touch the same cell. Each KSB gets one added cell (the last module), one
/// removed, one changed, and every tenth a retitled module.
fn edited(base: &Project, offset: usize, who: &str) -> Project {
    let mut p = base.clone();
    let refs: Vec<KsbRef> = p.ksb_refs().collect();
    let last = p.modules[119].code.clone();
    let mut n = 0;
    for r in refs.iter().skip(offset).step_by(2) {
        if n >= 500 {
            break;
        }
        let codes: Vec<String> = p.mappings_of(r).iter().map(|m| m.module.clone()).collect();
        p.set_mapping(Mapping::new(last.clone(), r.clone(), Coverage::Full));
        p.remove_mapping(&codes[1 + offset], r);
        let mut m = p
            .mapping(&codes[3 + offset], r)
            .cloned()
            .unwrap_or_else(|| Mapping::new(codes[3].clone(), r.clone(), Coverage::Full));
        m.coverage = Coverage::Partial;
        m.workplace_reason = format!("Completed on placement ({who})");
        p.set_mapping(m);
        n += 3;
        if n % 30 == 0 {
            let module = &mut p.modules[(n / 30) * 2 + offset];
            module.title = format!("{} ({who})", module.title);
            n += 1;
        }
    }
    p
}

fn median(mut f: impl FnMut()) -> (Duration, usize) {
    f();
    let start = Instant::now();
    let mut times = Vec::new();
    while times.len() < 5 || (times.len() < 200 && start.elapsed() < Duration::from_secs(3)) {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort_unstable();
    (times[times.len() / 2], times.len())
}

fn main() {
    let base = base();
    let mine = edited(&base, 0, "mine");
    let theirs = edited(&base, 1, "theirs");
    let check = merge(&base, &mine, &theirs);
    let r = &check.report;
    println!(
        "merge/600x120: {} mappings in the base; {} changes from mine, {} from theirs, {} conflicts",
        base.mappings.len(),
        r.mine.len(),
        r.theirs.len(),
        r.conflicts.len()
    );
    let (t, runs) = median(|| {
        black_box(merge(black_box(&base), black_box(&mine), black_box(&theirs)));
    });
    let verdict = if t < Duration::from_millis(50) { "met" } else { "MISSED" };
    println!(
        "merge/600x120-500-differences-each: {:.2} ms (median of {runs}) (target < 50 ms: {verdict})",
        t.as_secs_f64() * 1000.0
    );

    // The command's whole work, files included: read base, mine and theirs, merge, write.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = |name: &str| dir.path().join(name);
    for (name, p) in [("base.ron", &base), ("mine.ron", &mine), ("theirs.ron", &theirs)] {
        htq_mapper::store::save_project_plain(&path(name), p).expect("saved");
    }
    let (t, runs) = median(|| {
        let load = |name: &str| htq_mapper::store::load_project(&path(name)).expect("loads");
        let merged = merge(&load("base.ron"), &load("mine.ron"), &load("theirs.ron"));
        htq_mapper::store::save_project_plain(&path("out.ron"), &merged.project).expect("saved");
    });
    println!(
        "merge/600x120-files-read-merged-written: {:.1} ms (median of {runs})",
        t.as_secs_f64() * 1000.0
    );
}
