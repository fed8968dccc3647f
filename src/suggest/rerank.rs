//! A learned re-ranker: a linear model over what the other rankings say of each KSB (BM25's
//! score and place, the learned associations' score and place, the breadth prior, the KSB's
//! kind and length), trained on the catalogue's duty–KSB links by listwise softmax loss (each
//! duty's own KSBs should take the probability mass), then calibrated to 0..1 by a logistic
//! fit, so a score reads as how likely a duty like the module lists the KSB.
//!
//! Thirty-four numbers and a calibration, trained by Newton's method in a fixed order: the same samples give the
//! same weights, bit for bit.

use crate::model::KsbKind;

/// The ridge on the weights: 5 measured best of 0.1, 1, 5, 10, 30 and 100 on every third
/// standard (`cargo bench --bench suggest -- --quick`), checked on all.
const RIDGE: f64 = 5.0;

/// The calibrated probability is raised to this power: below 1 it lifts the scores so that
/// `suggest`'s floor of 0.3 (a probability of 0.09) cuts nothing the measure counts in a
/// duty's first ten (1.0 and 1.5 cut recall at 10), while the inspector's "accept all above"
/// at its default 0.6 (a probability of 0.36) keeps about a module's dozen best.
const SPREAD: f64 = 0.5;
const _: () = assert!(SPREAD == 0.5, "Reranker::score takes the power as a square root");

/// How many features describe one (query, KSB) pair.
pub const FEATURES: usize = 34;

/// One (query, KSB) pair's features, in [`NAMES`]' order.
pub type Features = [f32; FEATURES];

/// The features' names, as the model file writes them.
pub const NAMES: [&str; FEATURES] = [
    "lexical_share",
    "lexical_place",
    "lexical_any",
    "lexical_saturated",
    "learned_share",
    "learned_place",
    "prior",
    "prior_place",
    "skill",
    "behaviour",
    "behaviour_share",
    "length",
    "breadth",
    "lexical_x_learned",
    "behaviour_x_lexical",
    "learned_saturated",
    "lexical_first",
    "learned_first",
    "prior_gap",
    "behaviour_x_prior_place",
    "lexical_column_share",
    "learned_column_share",
    "lexical_column_best",
    "behaviour_x_learned",
    "behaviour_x_lexical_column",
    "behaviour_x_learned_column",
    "behaviour_x_prior_gap",
    "behaviour_x_lexical_place",
    "coverage",
    "learned_mean",
    "behaviour_x_coverage",
    "behaviour_x_learned_mean",
    "covered",
    "covered_all",
];

/// What a KSB's scores are over several queries (a programme's modules): a KSB is taught
/// somewhere, most likely where its texts match best, and one that matches many modules is
/// probably listed widely.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Column {
    /// Its best lexical score.
    pub lexical: f32,
    /// Its best learned score.
    pub learned: f32,
    /// The share of queries it shares a term with.
    pub coverage: f32,
    /// Its learned score over each query's best, on average.
    pub learned_mean: f32,
}

/// Each document's [`Column`] over some queries' (lexical, learned) scores.
pub fn columns<'a>(queries: impl IntoIterator<Item = (&'a [f32], &'a [f32])>) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::new();
    let mut n = 0usize;
    for (lexical, learned) in queries {
        n += 1;
        if out.len() < lexical.len() {
            out.resize(lexical.len(), Column::default());
        }
        let best = learned.iter().copied().fold(0.0f32, f32::max);
        for (i, c) in out.iter_mut().enumerate() {
            let lex = lexical.get(i).copied().unwrap_or(0.0);
            let lrn = learned.get(i).copied().unwrap_or(0.0);
            c.lexical = c.lexical.max(lex);
            c.learned = c.learned.max(lrn);
            c.coverage += f32::from(u8::from(lex > 0.0));
            if best > 0.0 {
                c.learned_mean += lrn.max(0.0) / best;
            }
        }
    }
    for c in &mut out {
        c.coverage /= n.max(1) as f32;
        c.learned_mean /= n.max(1) as f32;
    }
    out
}

/// What a KSB brings to every query: its kind, the prior, its terms' breadth, its length.
#[derive(Clone, Copy, Debug, Default)]
pub struct Doc {
    pub kind: Option<KsbKind>,
    pub prior: f32,
    /// Its place in the prior's ranking, best first from 0.
    pub prior_place: u32,
    pub breadth: f32,
    /// How many distinct model terms its statement has.
    pub terms: u32,
}

/// The features of a KSB that no query changes, by index in [`NAMES`].
const FIXED: [usize; 10] = [6, 7, 8, 9, 10, 11, 12, 18, 19, 26];

/// Each KSB's fixed features weighed: the part of its score no query changes, worked out once
/// per index so the 600 × 120 programme's suggestions score only what a query changes.
pub fn fixed_parts(reranker: &Reranker, docs: &[Doc]) -> Vec<f32> {
    let empty = vec![0.0f32; docs.len()];
    let scores = Scores {
        lexical: &empty,
        learned: &empty,
        places: (&[], &[]),
        columns: &[],
        covered: &[],
    };
    let mut out = Vec::with_capacity(docs.len());
    each_row(docs, &scores, |f| {
        out.push(FIXED.iter().map(|&j| reranker.weights[j] * f[j]).sum());
    });
    out
}

/// The re-ranker's weights and its calibration (score = logistic(a × w·f + b)).
#[derive(Clone, Debug, PartialEq)]
pub struct Reranker {
    pub weights: Features,
    pub scale: f32,
    pub offset: f32,
}

/// One training query: its KSBs' features and which of them its duty lists.
pub struct Sample {
    pub features: Vec<Features>,
    pub relevant: Vec<bool>,
}

fn place_share(place: Option<u32>) -> f32 {
    place.map_or(0.0, |p| 1.0 / (1.0 + p as f32))
}

/// What one query's ranking knows of each document.
pub struct Scores<'a> {
    pub lexical: &'a [f32],
    pub learned: &'a [f32],
    /// Each document's place in the lexical and the learned ranking.
    pub places: (&'a [Option<u32>], &'a [Option<u32>]),
    /// Each document's scores over every query of the programme.
    pub columns: &'a [Column],
    /// The share of each document's statement terms that the query has.
    pub covered: &'a [f32],
}

/// Every KSB's features for one query, into `out`.
pub fn features(docs: &[Doc], scores: &Scores<'_>, out: &mut Vec<Features>) {
    out.clear();
    each_row(docs, scores, |f| out.push(*f));
}

/// Every KSB's score for one query, into `out`: [`Reranker::score`] of its [`features`],
/// with the fixed part from [`fixed_parts`] and only the rest worked out per query.
pub fn score_into(reranker: &Reranker, docs: &[Doc], fixed: &[f32], scores: &Scores<'_>, out: &mut Vec<f32>) {
    let Scores {
        lexical,
        learned,
        places,
        columns,
        covered,
    } = *scores;
    let w = &reranker.weights;
    let max = |s: &[f32]| s.iter().copied().fold(0.0f32, f32::max);
    let (lex_max, learned_max) = (max(lexical), max(learned));
    let share = |x: f32, max: f32| if max > 0.0 { (x / max).min(1.0) } else { 0.0 };
    out.clear();
    for (i, d) in docs.iter().enumerate() {
        let lex = lexical.get(i).copied().unwrap_or(0.0).max(0.0);
        let lrn = learned.get(i).copied().unwrap_or(0.0).max(0.0);
        let lex_share = if lex_max > 0.0 { lex / lex_max } else { 0.0 };
        let learned_share = if learned_max > 0.0 { lrn / learned_max } else { 0.0 };
        let b = f32::from(u8::from(d.kind == Some(KsbKind::Behaviour)));
        let column = columns.get(i).copied().unwrap_or(Column {
            lexical: lex,
            learned: lrn,
            coverage: f32::from(u8::from(lex > 0.0)),
            learned_mean: share(lrn, learned_max),
        });
        let cover = covered.get(i).copied().unwrap_or(0.0);
        let lex_place = places.0.get(i).copied().flatten().filter(|_| lex > 0.0);
        let learned_place = places.1.get(i).copied().flatten().filter(|_| lrn > 0.0);
        let (lp, lrp) = (place_share(lex_place), place_share(learned_place));
        let (cl, cr) = (share(lex, column.lexical), share(lrn, column.learned));
        let flag = |c: bool| f32::from(u8::from(c));
        let raw = fixed.get(i).copied().unwrap_or(0.0)
            + w[0] * lex_share
            + w[1] * lp
            + w[2] * flag(lex > 0.0)
            + w[3] * (lex / (lex + 6.0))
            + w[4] * learned_share
            + w[5] * lrp
            + w[13] * lex_share * learned_share
            + w[14] * b * lex_share
            + w[15] * (lrn / (lrn + 1.0))
            + w[16] * flag(lex_place == Some(0))
            + w[17] * flag(learned_place == Some(0))
            + w[20] * cl
            + w[21] * cr
            + w[22] * flag(lex > 0.0 && lex >= column.lexical)
            + w[23] * b * learned_share
            + w[24] * b * cl
            + w[25] * b * cr
            + w[27] * b * lp
            + w[28] * column.coverage
            + w[29] * column.learned_mean
            + w[30] * b * column.coverage
            + w[31] * b * column.learned_mean
            + w[32] * cover
            + w[33] * flag(cover >= 0.999);
        out.push(reranker.calibrated(raw));
    }
}

/// Calls `row` with each document's features, in order.
fn each_row(docs: &[Doc], scores: &Scores<'_>, mut row: impl FnMut(&Features)) {
    let Scores {
        lexical,
        learned,
        places,
        columns,
        covered,
    } = *scores;
    let max = |s: &[f32]| s.iter().copied().fold(0.0f32, f32::max);
    let (lex_max, learned_max) = (max(lexical), max(learned));
    let share = |x: f32, max: f32| if max > 0.0 { (x / max).min(1.0) } else { 0.0 };
    let behaviours = docs.iter().filter(|d| d.kind == Some(KsbKind::Behaviour)).count();
    let behaviour_share = behaviours as f32 / docs.len().max(1) as f32;
    let prior_max = docs.iter().map(|d| d.prior).fold(f32::MIN, f32::max);
    for (i, d) in docs.iter().enumerate() {
        let lex = lexical.get(i).copied().unwrap_or(0.0).max(0.0);
        let lrn = learned.get(i).copied().unwrap_or(0.0).max(0.0);
        let lex_share = if lex_max > 0.0 { lex / lex_max } else { 0.0 };
        let learned_share = if learned_max > 0.0 { lrn / learned_max } else { 0.0 };
        let skill = f32::from(u8::from(d.kind == Some(KsbKind::Skill)));
        let behaviour = f32::from(u8::from(d.kind == Some(KsbKind::Behaviour)));
        // Without other queries, the query is its own column.
        let column = columns.get(i).copied().unwrap_or(Column {
            lexical: lex,
            learned: lrn,
            coverage: f32::from(u8::from(lex > 0.0)),
            learned_mean: share(lrn, learned_max),
        });
        let (col_lex, col_learned) = (column.lexical, column.learned);
        let cover = covered.get(i).copied().unwrap_or(0.0);
        let first = |p: &[Option<u32>], any: bool| f32::from(u8::from(any && p.get(i).copied().flatten() == Some(0)));
        row(&[
            lex_share,
            place_share(places.0.get(i).copied().flatten().filter(|_| lex > 0.0)),
            f32::from(u8::from(lex > 0.0)),
            lex / (lex + 6.0),
            learned_share,
            place_share(places.1.get(i).copied().flatten().filter(|_| lrn > 0.0)),
            d.prior,
            place_share(Some(d.prior_place)),
            skill,
            behaviour,
            behaviour * behaviour_share,
            (d.terms as f32).ln_1p(),
            d.breadth,
            lex_share * learned_share,
            behaviour * lex_share,
            lrn / (lrn + 1.0),
            first(places.0, lex > 0.0),
            first(places.1, lrn > 0.0),
            d.prior - prior_max,
            behaviour * place_share(Some(d.prior_place)),
            share(lex, col_lex),
            share(lrn, col_learned),
            f32::from(u8::from(lex > 0.0 && lex >= col_lex)),
            behaviour * learned_share,
            behaviour * share(lex, col_lex),
            behaviour * share(lrn, col_learned),
            behaviour * (d.prior - prior_max),
            behaviour * place_share(places.0.get(i).copied().flatten().filter(|_| lex > 0.0)),
            column.coverage,
            column.learned_mean,
            behaviour * column.coverage,
            behaviour * column.learned_mean,
            cover,
            f32::from(u8::from(cover >= 0.999)),
        ]);
    }
}

impl Default for Reranker {
    fn default() -> Self {
        Reranker {
            weights: [0.0; FEATURES],
            scale: 1.0,
            offset: 0.0,
        }
    }
}

fn dot(w: &Features, f: &Features) -> f64 {
    w.iter().zip(f).map(|(&a, &b)| f64::from(a) * f64::from(b)).sum()
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl Reranker {
    /// The score, 0 to 1: the calibrated probability that a duty like the module lists the
    /// KSB, to the power [`SPREAD`].
    pub fn score(&self, f: &Features) -> f32 {
        self.calibrated(self.weights.iter().zip(f).map(|(w, x)| w * x).sum())
    }

    /// The score of a weighed sum of features. In f32: a 600 × 120 programme scores 72,000
    /// pairs on every edit.
    fn calibrated(&self, raw: f32) -> f32 {
        let p = 1.0 / (1.0 + (-(self.scale * raw + self.offset)).exp());
        // The power as a square root, which costs far less than a power.
        p.sqrt()
    }

    /// Trains on some queries: listwise softmax loss with a little ridge, by Newton's method,
    /// then the calibration by logistic regression on the raw scores.
    pub fn train(samples: &[Sample]) -> Reranker {
        let mut w = [0.0f64; FEATURES];
        for _ in 0..40 {
            let mut grad = [0.0f64; FEATURES];
            let mut hess = [[0.0f64; FEATURES]; FEATURES];
            for s in samples {
                let relevant = s.relevant.iter().filter(|&&r| r).count();
                if relevant == 0 || s.features.is_empty() {
                    continue;
                }
                let wf: Features = w.map(|x| x as f32);
                let scores: Vec<f64> = s.features.iter().map(|f| dot(&wf, f)).collect();
                let top = scores.iter().copied().fold(f64::MIN, f64::max);
                let exp: Vec<f64> = scores.iter().map(|x| (x - top).exp()).collect();
                let z: f64 = exp.iter().sum();
                let mut mean = [0.0f64; FEATURES];
                for (f, e) in s.features.iter().zip(&exp) {
                    let p = e / z;
                    for (m, &x) in mean.iter_mut().zip(f) {
                        *m += p * f64::from(x);
                    }
                }
                let t = 1.0 / relevant as f64;
                for ((f, e), &r) in s.features.iter().zip(&exp).zip(&s.relevant) {
                    let p = e / z;
                    let target = if r { t } else { 0.0 };
                    for a in 0..FEATURES {
                        let fa = f64::from(f[a]);
                        grad[a] += (p - target) * fa;
                        let da = fa - mean[a];
                        for b in 0..FEATURES {
                            hess[a][b] += p * da * (f64::from(f[b]) - mean[b]);
                        }
                    }
                }
            }
            for a in 0..FEATURES {
                grad[a] += RIDGE * w[a];
                hess[a][a] += RIDGE;
            }
            let step = solve(hess, grad);
            let size: f64 = step.iter().map(|x| x * x).sum::<f64>().sqrt();
            for (x, s) in w.iter_mut().zip(step) {
                *x -= s;
            }
            if size < 1e-7 {
                break;
            }
        }
        let weights: Features = w.map(|x| x as f32);
        let (scale, offset) = calibrate(samples, &weights);
        Reranker { weights, scale, offset }
    }
}

/// A logistic fit of "listed" on the raw score: (scale, offset).
fn calibrate(samples: &[Sample], weights: &Features) -> (f32, f32) {
    let points: Vec<(f64, f64)> = samples
        .iter()
        .flat_map(|s| {
            s.features
                .iter()
                .zip(&s.relevant)
                .map(|(f, &r)| (dot(weights, f), if r { 1.0 } else { 0.0 }))
        })
        .collect();
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..30 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-6, 0.0, 1e-6);
        for &(x, y) in &points {
            let p = logistic(a * x + b);
            let (e, v) = (p - y, p * (1.0 - p));
            ga += e * x;
            gb += e;
            haa += v * x * x;
            hab += v * x;
            hbb += v;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let (da, db) = ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det);
        a -= da;
        b -= db;
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    (a as f32, b as f32)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (a is small and, with the
/// ridge, positive definite).
fn solve(mut a: [[f64; FEATURES]; FEATURES], mut b: [f64; FEATURES]) -> [f64; FEATURES] {
    for col in 0..FEATURES {
        let pivot = (col..FEATURES)
            .max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let d = a[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        let pivot_row = a[col];
        for row in col + 1..FEATURES {
            let f = a[row][col] / d;
            for (x, p) in a[row].iter_mut().zip(pivot_row).skip(col) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0f64; FEATURES];
    for col in (0..FEATURES).rev() {
        let s: f64 = (col + 1..FEATURES).map(|k| a[col][k] * x[k]).sum();
        let d = a[col][col];
        x[col] = if d.abs() < 1e-12 { 0.0 } else { (b[col] - s) / d };
    }
    x
}

#[cfg(test)]
#[path = "rerank_tests.rs"]
mod tests;
