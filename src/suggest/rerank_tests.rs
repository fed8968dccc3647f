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
            Sample { features, relevant }
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
        let scores: Vec<f32> = s.features.iter().map(|f| r.score(f)).collect();
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
    let docs: Vec<Doc> = (0..6)
        .map(|d| Doc {
            kind: Some(KsbKind::ALL[d % 3]),
            prior: 0.2 * d as f32,
            prior_place: (5 - d) as u32,
            breadth: -0.1 * d as f32,
            terms: 3 + d as u32,
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
    };
    let (mut f, mut fast) = (Vec::new(), Vec::new());
    features(&docs, &scores, &mut f);
    score_into(&r, &docs, &fixed_parts(&r, &docs), &scores, &mut fast);
    for (row, s) in f.iter().zip(&fast) {
        assert!((r.score(row) - s).abs() < 1e-5, "{} {s}", r.score(row));
    }
}

#[test]
fn columns_hold_each_ksbs_best_match_and_coverage() {
    let c = columns([(&[2.0, 0.0][..], &[0.5, 1.0][..]), (&[1.0, 3.0][..], &[0.0, 2.0][..])]);
    assert_eq!(c[0].lexical, 2.0);
    assert_eq!(c[1].lexical, 3.0);
    assert_eq!(c[0].coverage, 1.0);
    assert_eq!(c[1].coverage, 0.5);
    assert_eq!(c[1].learned, 2.0);
}
