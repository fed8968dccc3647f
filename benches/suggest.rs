//! How good are the mapping suggestions? `cargo bench --bench suggest [-- --tune]`.
//!
//! On every Level 4 and 5 standard in `../shared/data/ifate-standards/latest-l4-l5`, each duty
//! plays a module whose only text is the duty statement; the engine sees the standard without
//! its duties and must find the duty's KSBs from their texts. Prints precision at 5, recall
//! at 10 and mean reciprocal rank for the engine, plain word overlap and a random ranking.
//!
//! The files are split in two by their sorted order: even places are the tuning half (the
//! defaults in `suggest::Params` were chosen on it), odd places are held out. `--tune` searches
//! the knobs on the tuning half only and prints the best, with the held-out figures beside it.

use std::path::{Path, PathBuf};

use htq_mapper::import::parse_standards;
use htq_mapper::model::Standard;
use htq_mapper::suggest::Params;
use htq_mapper::suggest::eval::{Comparison, evaluate};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ifate-standards/latest-l4-l5")
}

fn load() -> Vec<Standard> {
    let dir = data_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "No standards at {}; the evaluation needs ../shared beside the checkout.",
            dir.display()
        );
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            parse_standards(p, &text).ok()?.into_iter().next()
        })
        .map(|i| i.standard)
        .collect()
}

fn run(standards: &[&Standard], params: Params) -> Comparison {
    let mut c = Comparison::default();
    for s in standards {
        c.add(evaluate(s, params));
    }
    c
}

fn print(name: &str, c: &Comparison) {
    println!("{name} ({} duties)", c.engine.duties);
    println!("  {:<14} {:>6} {:>9} {:>6}", "ranker", "P@5", "R@10", "MRR");
    for (label, s) in [("engine", c.engine), ("word overlap", c.overlap), ("random", c.random)] {
        let (p, r, m) = s.mean();
        println!("  {label:<14} {p:>6.3} {r:>9.3} {m:>6.3}");
    }
}

/// The mean of the three engine measures: what tuning maximises.
fn objective(c: &Comparison) -> f64 {
    let (p, r, m) = c.engine.mean();
    p + r + m
}

fn main() {
    let tune = std::env::args().any(|a| a == "--tune");
    let standards = load();
    let with_duties: Vec<&Standard> = standards.iter().filter(|s| !s.duties.is_empty()).collect();
    let tuning: Vec<&Standard> = with_duties.iter().step_by(2).copied().collect();
    let held_out: Vec<&Standard> = with_duties.iter().skip(1).step_by(2).copied().collect();
    println!(
        "{} standards with duties: {} to tune on, {} held out",
        with_duties.len(),
        tuning.len(),
        held_out.len()
    );
    let mut params = Params::default();
    if tune {
        let mut best = (objective(&run(&tuning, params)), params);
        for k1 in [0.9, 1.2, 1.5, 2.0, 2.5] {
            for b in [0.3, 0.5, 0.75, 0.9] {
                for (feedback_docs, feedback_weight) in [
                    (0, 0.0),
                    (3, 0.5),
                    (3, 1.0),
                    (5, 1.0),
                    (8, 1.0),
                    (8, 1.5),
                    (12, 1.0),
                    (12, 1.5),
                ] {
                    let p = Params {
                        k1,
                        b,
                        feedback_docs,
                        feedback_weight,
                        ..params
                    };
                    let o = objective(&run(&tuning, p));
                    if o > best.0 {
                        best = (o, p);
                    }
                }
            }
        }
        params = best.1;
        println!("best on the tuning half: {params:?}");
    }
    print("tuning half", &run(&tuning, params));
    print("held-out half", &run(&held_out, params));
    print("all", &run(&with_duties, params));
}
