//! The re-ranker's training, its fast score and the columns.

use super::*;

/// Queries of four documents where feature `lexical_place` marks the listed ones and
/// `behaviour` marks none of them.
fn samples() -> Vec<Sample> {
    (0..30)
        .map(|q| {
            let features = (0..4)
                .map(|d| {
                    let mut f = [0.0f32; FEATURES];
                    f[1] = if d == q % 4 { 1.0 } else { 0.1 * d as f32 };
                    f[9] = if d == (q + 1) % 4 { 1.0 } else { 0.0 };
                    f
                })
                .collect();
            let relevant = (0..4).map(|d| d == q % 4).collect();
            Sample {
                features,
                links: vec![[None, None]; 4],
                relevant,
            }
        })
        .collect()
}

#[test]
fn training_learns_what_marks_the_listed_and_repeats_bit_for_bit() {
    let r = Reranker::train(&samples());
    assert!(r.weights[1] > 0.5, "{:?}", r.weights);
    assert!(r.weights[9] < 0.0, "{:?}", r.weights);
    assert_eq!(r, Reranker::train(&samples()), "the same samples give the same weights");
    for s in samples() {
        let mut scores: Vec<f32> = s.features.iter().map(|f| r.raw(f)).collect();
        r.finish(&[], &mut scores, &mut Vec::new());
        assert!(scores.iter().all(|x| (0.0..=1.0).contains(x)), "{scores:?}");
        let best = (0..4).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap();
        assert!(s.relevant[best], "{scores:?}");
    }
}

#[test]
fn the_fast_score_is_the_score_of_the_features() {
    let mut r = Reranker::default();
    for (j, w) in r.weights.iter_mut().enumerate() {
        *w = 0.1 * j as f32 - 1.3;
    }
    r.second = Some(Second {
        weights: [1.2, 0.8, -0.3, 0.5, 0.1, 0.4, 0.7, -0.2, 0.3],
        scale: 0.9,
        offset: -0.5,
    });
    let docs: Vec<Doc> = (0..6)
        .map(|d| Doc {
            kind: Some(KsbKind::ALL[d % 3]),
            prior: 0.2 * d as f32,
            prior_place: (5 - d) as u32,
            breadth: -0.1 * d as f32,
            terms: 3 + d as u32,
            links: [
                d.checked_sub(1).map(|x| x as u32),
                Some(d as u32 + 1).filter(|&x| x < 6),
            ],
        })
        .collect();
    let lexical = [0.0, 3.0, 1.0, 7.5, 0.0, 2.0];
    let learned = [1.0, 0.0, 2.0, 0.5, 0.3, 0.0];
    let places = (
        [None, Some(1), Some(3), Some(0), None, Some(2)],
        [Some(1), None, Some(0), Some(2), Some(3), None],
    );
    let columns = columns([
        (&lexical[..], &learned[..]),
        (&[1.0, 4.0, 0.0, 7.5, 1.0, 0.0][..], &learned[..]),
    ]);
    let covered = [0.0, 0.5, 1.0, 0.25, 0.0, 1.0];
    let scores = Scores {
        lexical: &lexical,
        learned: &learned,
        places: (&places.0, &places.1),
        columns: &columns,
        covered: &covered,
        embedded: &[0.2, -0.1, 0.6, 0.0, 0.3, 0.1],
        embedded_places: &[Some(2), None, Some(0), None, Some(1), Some(3)],
    };
    let (mut f, mut fast) = (Vec::new(), Vec::new());
    features(&docs, &scores, &mut f);
    let (mut first, mut first_full) = (Vec::new(), Vec::new());
    score_into(&r, &docs, &fixed_parts(&r, &docs), &scores, &mut fast, &mut first);
    let mut full: Vec<f32> = f.iter().map(|row| r.raw(row)).collect();
    r.finish(&docs, &mut full, &mut first_full);
    for (a, b) in full.iter().zip(&fast).chain(first.iter().zip(&first_full)) {
        assert!((a - b).abs() < 1e-5, "{a} {b}");
    }
    assert_eq!(first.len(), 6);
}

#[test]
fn columns_hold_each_ksbs_best_match_and_coverage() {
    let c = columns([(&[2.0, 0.0][..], &[0.5, 1.0][..]), (&[1.0, 3.0][..], &[0.0, 2.0][..])]);
    assert_eq!(c[0].lexical, 2.0);
    assert_eq!(c[1].lexical, 3.0);
    assert_eq!(c[0].coverage, 1.0);
    assert_eq!(c[1].coverage, 0.5);
    assert_eq!(c[1].learned, 2.0);
    assert_eq!(c[0].lexical_average, 1.5);
    assert_eq!(c[1].learned_average, 1.5);
}

#[test]
fn a_match_for_one_module_stands_above_a_match_for_every_module() {
    // KSB 0 matches both modules alike; KSB 1 matches the first module as well and the
    // second not at all.
    let lexical = [[2.0, 2.0], [2.0, 0.0]];
    let learned = [[1.0, 1.0], [1.0, 0.0]];
    let columns = columns(lexical.iter().zip(&learned).map(|(a, b)| (&a[..], &b[..])));
    let scores = Scores {
        lexical: &lexical[0],
        learned: &learned[0],
        places: (&[], &[]),
        columns: &columns,
        covered: &[],
        embedded: &[],
        embedded_places: &[],
    };
    let mut f = Vec::new();
    features(&[Doc::default(), Doc::default()], &scores, &mut f);
    let at = |name: &str| NAMES.iter().position(|n| *n == name).unwrap_or(usize::MAX);
    for name in ["lexical_over_average", "learned_over_average"] {
        let j = at(name);
        assert_eq!(f[0][j], 0.5, "{name}: at its average");
        assert!(f[1][j] > 0.6, "{name}: above its average, {}", f[1][j]);
    }
    // Both are the best match in their column, for the learned side too.
    assert_eq!(f[0][at("learned_column_best")], 1.0);
    assert_eq!(f[1][at("learned_column_best")], 1.0);
}

/// Queries of eight documents in a row where the duty lists two neighbours, and the features
/// mark only one of them (the other looks like any unlisted document).
fn neighbour_samples() -> Vec<Sample> {
    (0..40)
        .map(|q| {
            let marked = q % 7;
            let partner = marked + 1;
            let features = (0..8)
                .map(|d| {
                    let mut f = [0.0f32; FEATURES];
                    f[1] = if d == marked {
                        1.0
                    } else {
                        0.1 * ((d * 3 + q) % 5) as f32
                    };
                    f
                })
                .collect();
            let links = (0..8u32)
                .map(|d| [d.checked_sub(1), Some(d + 1).filter(|&x| x < 8)])
                .collect();
            let relevant = (0..8).map(|d| d == marked || d == partner).collect();
            Sample {
                features,
                links,
                relevant,
            }
        })
        .collect()
}

#[test]
fn the_second_stage_learns_that_neighbours_go_together() {
    let samples = neighbour_samples();
    let r = Reranker::train(&samples);
    let second = r.second.as_ref().expect("a second stage");
    assert!(second.weights[1] > 0.0, "neighbour_best: {:?}", second.weights);
    let (mut raised, mut first) = (0, Vec::new());
    for (q, s) in samples.iter().enumerate() {
        let mut scores: Vec<f32> = s.features.iter().map(|f| r.raw(f)).collect();
        let before = scores.clone();
        let docs: Vec<Doc> = s
            .links
            .iter()
            .map(|&links| Doc {
                links,
                ..Doc::default()
            })
            .collect();
        r.finish(&docs, &mut scores, &mut first);
        let partner = q % 7 + 1;
        let place = |v: &[f32]| v.iter().filter(|&&x| x > v[partner]).count();
        if place(&scores) < place(&before) {
            raised += 1;
        }
    }
    assert!(raised >= 30, "the listed neighbour rose in {raised} of 40 queries");
}

#[test]
fn the_score_table_is_the_exact_score_and_keeps_its_order() {
    let mut last = 0.0f32;
    for i in -2000..2000 {
        let z = i as f32 / 97.0;
        let (fast, exact) = (score_of(z), exact_score(z));
        assert!((fast - exact).abs() < 1e-5, "{z}: {fast} {exact}");
        assert!(fast >= last, "{z}: {fast} after {last}");
        last = fast;
    }
    assert_eq!(score_of(-40.0), exact_score(-40.0));
    assert_eq!(score_of(f32::INFINITY), 1.0);
    assert_eq!(score_of(f32::NEG_INFINITY), 0.0);
    assert_eq!(score_of(f32::NAN).is_nan(), exact_score(f32::NAN).is_nan());
}
