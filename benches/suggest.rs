//! How good are the mapping suggestions on standards the engine has never seen?
//! `cargo bench --bench suggest [-- --tune] [-- --quick]`.
//!
//! Leave one standard out, over the bundled catalogue (`standards/catalogue`, each reference
//! once: its newest version whose duties list KSBs): the model is learned from every other
//! standard (all versions of the held-out one are out, as each reference is counted once), the
//! held-out standard is seen with its KSBs only (its duties removed), and each of its duties
//! plays a module whose title is the duty's text and must find the duty's own KSBs. Prints
//! precision at 5, recall at 10 and mean reciprocal rank, over all KSBs and over knowledge and
//! skills alone, for the engine with the learned model and its re-ranker, the same joined by
//! reciprocal rank fusion instead, today's lexical engine, plain word overlap and a random
//! ranking. Each held-out standard's re-ranker is trained without it (without its whole
//! group of every fifth standard, see `suggest::folds`).
//!
//! `--tune` searches the fusion's knobs on the even-placed standards and prints the odd-placed
//! ones' figures beside them; `--quick` measures every third standard only (the re-ranker's
//! ridge was chosen there); a full run also prints the other two thirds apart.

use std::sync::Arc;

use htq_mapper::catalogue;
use htq_mapper::model::Standard;
use htq_mapper::suggest::Params;
use htq_mapper::suggest::eval::{Evaluation, Scores, evaluate_with};
use htq_mapper::suggest::folds::Folds;
use htq_mapper::suggest::learned::{Model, one_per_reference};

fn load() -> Vec<Standard> {
    one_per_reference(catalogue::entries().iter().filter_map(|e| e.load()))
}

fn run(standards: &[Standard], models: &[Arc<Model>], which: &[usize], params: Params) -> Evaluation {
    let mut e = Evaluation::default();
    for &i in which {
        if let (Some(s), Some(m)) = (standards.get(i), models.get(i)) {
            e.add(evaluate_with(s, params, Some(m.clone())));
        }
    }
    e
}

/// The same models without their re-ranker: the rankings joined by reciprocal rank fusion.
fn without_reranker(models: &[Arc<Model>]) -> Vec<Arc<Model>> {
    models
        .iter()
        .map(|m| {
            let mut m = (**m).clone();
            m.reranker = None;
            Arc::new(m)
        })
        .collect()
}

fn row(label: &str, s: &Scores) {
    let (p, r, m) = s.mean();
    println!("| {label} | {p:.3} | {r:.3} | {m:.3} |");
}

fn print(name: &str, e: &Evaluation, fused: &Evaluation) {
    for (title, c, f) in [
        ("", &e.all, &fused.all),
        (
            ", knowledge and skills only",
            &e.knowledge_and_skills,
            &fused.knowledge_and_skills,
        ),
    ] {
        println!("\n| {name}{title} ({} duties) | P@5 | R@10 | MRR |", c.engine.duties);
        println!("|---|---|---|---|");
        row("engine + learned model, re-ranked", &c.learned);
        row("the same as `suggest` lists it (score ≥ 0.3)", &c.listed);
        row("engine + learned model (RRF)", &f.learned);
        row("engine today (BM25 + Snowball)", &c.engine);
        row("plain word overlap", &c.overlap);
        row("random ranking (expectation)", &c.random);
    }
}

/// What tuning maximises: the six measures of the fused ranking, summed.
fn objective(e: &Evaluation) -> f64 {
    let (a, b, c) = e.all.learned.mean();
    let (d, f, g) = e.knowledge_and_skills.learned.mean();
    a + b + c + d + f + g
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let tune = args.iter().any(|a| a == "--tune");
    let quick = args.iter().any(|a| a == "--quick");
    let standards = load();
    let refs: Vec<&Standard> = standards.iter().collect();
    let start = std::time::Instant::now();
    let folds = Folds::new(&refs);
    let which: Vec<usize> = (0..standards.len()).filter(|i| !quick || i % 3 == 0).collect();
    let models: Vec<Arc<Model>> = (0..standards.len())
        .map(|i| {
            Arc::new(if which.contains(&i) {
                folds.model_without(i)
            } else {
                Model::default()
            })
        })
        .collect();
    let fused = without_reranker(&models);
    println!(
        "{} standards with duties, leave-one-standard-out over {}; {} models (and their re-rankers) learned in {:.1} s",
        standards.len(),
        which.len(),
        which.len(),
        start.elapsed().as_secs_f64()
    );
    let mut params = Params::default();
    if tune {
        let even: Vec<usize> = which.iter().copied().step_by(2).collect();
        let odd: Vec<usize> = which.iter().copied().skip(1).step_by(2).collect();
        // The fusion's knobs matter where no re-ranker joins the rankings.
        let mut best = (objective(&run(&standards, &fused, &even, params)), params);
        for rrf_k in [5.0, 10.0, 20.0, 40.0, 60.0] {
            for learned_weight in [0.5, 1.0, 1.5, 2.0] {
                for prior_weight in [0.0, 0.25, 0.5, 1.0] {
                    let p = Params {
                        rrf_k,
                        learned_weight,
                        prior_weight,
                        ..params
                    };
                    let o = objective(&run(&standards, &fused, &even, p));
                    if o > best.0 {
                        best = (o, p);
                    }
                }
            }
        }
        params = best.1;
        println!("best on the even half: {params:?}");
        print(
            "odd half, held out from tuning",
            &run(&standards, &models, &odd, params),
            &run(&standards, &fused, &odd, params),
        );
    }
    let start = std::time::Instant::now();
    let e = run(&standards, &models, &which, params);
    let seconds = start.elapsed().as_secs_f64();
    print("leave one standard out", &e, &run(&standards, &fused, &which, params));
    if !quick {
        let rest: Vec<usize> = which.iter().copied().filter(|i| i % 3 != 0).collect();
        print(
            "the two thirds --quick leaves out",
            &run(&standards, &models, &rest, params),
            &run(&standards, &fused, &rest, params),
        );
    }
    println!("\nre-ranked evaluation in {seconds:.1} s");
}
