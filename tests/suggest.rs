//! Mapping suggestions: the command line on the sample, and the engine measured on real
//! standards against plain word overlap.

use crate::common::*;
use serde_json::Value;

/// `suggest --top N --json` on the sample: its list of suggestions.
fn sample_suggestions(top: &str) -> Vec<Value> {
    let sample = sample_path();
    let o = htq(&["suggest", sample.to_str().unwrap(), "--top", top, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    v["suggestions"].as_array().unwrap().clone()
}

#[test]
fn suggest_json_gives_each_module_its_top_unmapped_ksbs_with_terms() {
    let sample = sample_path();
    let list = sample_suggestions("3");
    let project = htq_mapper::sample::sample_project().unwrap();
    for m in &project.modules {
        let mine: Vec<&Value> = list.iter().filter(|s| s["module"] == m.code.as_str()).collect();
        assert!(
            !mine.is_empty() && mine.len() <= 3,
            "{}: {} suggestions",
            m.code,
            mine.len()
        );
    }
    for s in list {
        let ksb: htq_mapper::model::KsbRef = s["ksb"].as_str().unwrap().parse().unwrap();
        let module = s["module"].as_str().unwrap();
        assert!(
            project.mapping(module, &ksb).is_none(),
            "{module} × {ksb} is mapped already"
        );
        assert!(!s["terms"].as_array().unwrap().is_empty());
        let score = s["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
    }
    // Suggestions never count as coverage: check reads the same before and after.
    let check = htq(&["check", sample.to_str().unwrap(), "--json"]);
    let c: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(
        c["summary"]["none"],
        project.ksb_refs().filter(|k| project.mappings_of(k).is_empty()).count()
    );
}

#[test]
fn suggest_one_module_and_an_unknown_one() {
    let sample = sample_path();
    let o = htq(&["suggest", sample.to_str().unwrap(), "--module", "HSC502", "--top", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("HSC502 Leadership") && !text.contains("HSC401"), "{text}");
    let o = htq(&["suggest", sample.to_str().unwrap(), "--module", "NOPE"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no module `NOPE`") && stderr(&o).contains("HSC401"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn engine_beats_word_overlap_on_real_standards() {
    use htq_mapper::suggest::{Params, eval};
    let dir = shared("data/ifate-standards/latest-l4-l5");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut c = eval::Comparison::default();
    // Every fifth file: a quick, fixed slice of the data the bench measures in full.
    for p in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .step_by(5)
    {
        let text = std::fs::read_to_string(p).unwrap();
        for i in htq_mapper::import::parse_standards(p, &text).unwrap() {
            c.add(eval::evaluate(&i.standard, Params::default()));
        }
    }
    assert!(c.engine.duties > 100, "{} duties", c.engine.duties);
    let (ep, er, em) = c.engine.mean();
    let (op, or, om) = c.overlap.mean();
    let (rp, _, rm) = c.random.mean();
    assert!(
        ep > op && er > or && em > om,
        "engine {ep:.3} {er:.3} {em:.3}, overlap {op:.3} {or:.3} {om:.3}"
    );
    assert!(op > rp && om > rm, "overlap beats random");
}

#[test]
fn dismissed_suggestions_survive_a_save_and_load() {
    let mut p = htq_mapper::sample::sample_project().unwrap();
    let first = htq_mapper::suggest::suggest(&p, &Default::default())
        .iter()
        .next()
        .cloned()
        .unwrap();
    p.set_dismissed(&first.module, &first.ksb, true);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    htq_mapper::store::save_project(&path, &p).unwrap();
    let back = htq_mapper::store::load_project(&path).unwrap();
    assert!(back.is_dismissed(&first.module, &first.ksb));
    assert_eq!(back.dismissed, p.dismissed);
    let again = htq_mapper::suggest::suggest(&back, &Default::default());
    assert!(again.iter().all(|s| (&s.module, &s.ksb) != (&first.module, &first.ksb)));
}

/// The catalogue's standards as the model learns from them.
fn training_set() -> Vec<htq_mapper::model::Standard> {
    htq_mapper::suggest::learned::one_per_reference(htq_mapper::catalogue::entries().iter().filter_map(|e| e.load()))
}

#[test]
fn the_bundled_model_is_what_the_catalogue_trains_and_reads_back_the_same() {
    use htq_mapper::suggest::learned::Model;
    let standards = training_set();
    let refs: Vec<_> = standards.iter().collect();
    let text = Model::train(&refs).to_text();
    let bundled = std::fs::read_to_string(root().join("assets/suggest-model.tsv")).unwrap();
    assert!(
        text == bundled,
        "assets/suggest-model.tsv is stale: run scripts/train-suggest"
    );
    let back = Model::parse(&bundled).unwrap();
    assert_eq!(back.to_text(), bundled);
    // The re-ranker ships in the model: without it suggestions fall back to rank fusion.
    let r = back.reranker.as_ref().expect("the bundled model has a re-ranker");
    assert!(r.weights.iter().filter(|w| **w != 0.0).count() > 10, "{r:?}");
    assert_eq!(htq_mapper::suggest::learned::builtin().reranker.as_ref(), Some(r));
    // And its second stage, which reads each KSB's neighbours: they raise it.
    let second = r.second.as_ref().expect("the re-ranker has its neighbours' stage");
    assert!(second.weights[1] > 0.0, "neighbour_best: {second:?}");
    assert_eq!(back.standards as usize, standards.len());
    // And the term vectors the embedding features read.
    let vectors = back.embedding.as_ref().map_or(0, |e| e.len());
    assert!(vectors > 1000, "{vectors} terms with vectors");
    assert_eq!(htq_mapper::suggest::learned::builtin().embedding, back.embedding);
    let err = Model::parse("standards\t3\npair\tsafeguard\n").unwrap_err();
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn the_learned_model_beats_word_overlap_on_standards_it_never_saw() {
    use htq_mapper::suggest::folds::Folds;
    use htq_mapper::suggest::{Params, eval};
    use std::sync::Arc;
    let standards = training_set();
    let refs: Vec<_> = standards.iter().collect();
    let folds = Folds::new(&refs);
    let (mut e, mut fused) = (eval::Evaluation::default(), eval::Evaluation::default());
    // Every sixth standard held out in turn: a quick slice of what the bench measures.
    for i in (0..standards.len()).step_by(6) {
        let model = folds.model_without(i);
        // Leakage: the held-out standard (every version of it) is not in its model.
        assert_eq!(model.standards as usize, standards.len() - 1);
        assert!(model.reranker.is_some());
        // Its re-ranker learned from embedding features, so it must have them to read.
        assert!(model.embedding.is_some());
        e.add(eval::evaluate_with(
            &standards[i],
            Params::default(),
            Some(Arc::new(model)),
        ));
        // The same associations joined by rank fusion, without the re-ranker.
        let without = folds.associations_without(i);
        assert!(without.reranker.is_none());
        fused.add(eval::evaluate_with(
            &standards[i],
            Params::default(),
            Some(Arc::new(without)),
        ));
    }
    // The re-ranker is what lifts the figures: switched off, this fails.
    let (rp, rr, rm) = e.all.learned.mean();
    let (fp, fr, fm) = fused.all.learned.mean();
    assert!(
        rp > fp + 0.02 && rr > fr + 0.02 && rm > fm,
        "re-ranked {rp:.3} {rr:.3} {rm:.3}, rank fusion {fp:.3} {fr:.3} {fm:.3}"
    );
    let (kp, _, km) = e.knowledge_and_skills.learned.mean();
    let (gp, _, gm) = fused.knowledge_and_skills.learned.mean();
    assert!(
        kp > gp && km > gm,
        "K+S re-ranked {kp:.3} {km:.3}, fused {gp:.3} {gm:.3}"
    );
    // `suggest`'s floor (0.3) cuts little of what the measure counts.
    let (lp, lr, _) = e.all.listed.mean();
    assert!(
        lp > rp - 0.02 && lr > rr - 0.03,
        "listed {lp:.3} {lr:.3}, ranked {rp:.3} {rr:.3}"
    );
    for (name, c) in [("all", e.all), ("K+S", e.knowledge_and_skills)] {
        assert!(c.learned.duties > 100, "{} duties", c.learned.duties);
        let (lp, lr, lm) = c.learned.mean();
        let (op, or, om) = c.overlap.mean();
        assert!(
            lp > op && lr > or && lm > om,
            "{name}: learned {lp:.3} {lr:.3} {lm:.3}, overlap {op:.3} {or:.3} {om:.3}"
        );
    }
}

#[test]
fn learned_evidence_is_marked_as_learned_in_json() {
    let list = sample_suggestions("10");
    let mut learned = 0;
    for s in list {
        let terms: Vec<&str> = s["terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        for l in s["learned"].as_array().unwrap() {
            learned += 1;
            let (m, k, n) = (
                l["module_word"].as_str().unwrap(),
                l["ksb_word"].as_str().unwrap(),
                l["standards"].as_u64().unwrap(),
            );
            assert!(n >= 2, "an association from one standard is not learned: {l}");
            let shown = format!("{m} ≈ {k} (learned from {n} standards)");
            assert!(terms.contains(&shown.as_str()), "{shown} not in {terms:?}");
            assert!(s["module_sentence"].is_string() && s["ksb_sentence"].is_string());
        }
    }
    assert!(learned > 0, "the sample's suggestions show no learned association");
}

#[test]
fn neighbours_that_raised_a_suggestion_sit_beside_it_and_are_likely_too() {
    let list = sample_suggestions("10");
    let mut named = 0;
    for s in list {
        let ksb: htq_mapper::model::KsbRef = s["ksb"].as_str().unwrap().parse().unwrap();
        for n in s["neighbours"].as_array().unwrap() {
            named += 1;
            let code: htq_mapper::model::KsbCode = n.as_str().unwrap().parse().unwrap();
            assert_eq!(code.kind, ksb.code.kind, "{n} beside {ksb}");
            assert_eq!(code.number.abs_diff(ksb.code.number), 1, "{n} beside {ksb}");
        }
    }
    assert!(named > 0, "no suggestion of the sample names a neighbour");
    // The text output says why, in words.
    let text = htq(&["suggest", sample_path().to_str().unwrap(), "--top", "10"]);
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(
        out.contains("standards often list neighbouring statements under one duty"),
        "{out}"
    );
}
