//! A learned re-ranker: a linear model over what the other rankings say of each KSB (BM25's
//! score and place, the learned associations' score and place, the embedding's score, share
//! and place, how either stands against the
//! KSB's scores for the programme's other modules, the breadth prior, the KSB's kind and
//! length), trained on the catalogue's duty–KSB links by listwise softmax loss (each
//! duty's own KSBs should take the probability mass), then calibrated to 0..1 by a logistic
//! fit, so a score reads as how likely a duty like the module lists the KSB.
//!
//! Forty numbers and a calibration, trained by Newton's method in a fixed order (see
//! `listwise`): the same samples give the same weights, bit for bit. A second stage
//! (`neighbours`) then reads each KSB's neighbours' first-stage probabilities.

pub use super::columns::{Column, columns};
use super::listwise;
use super::neighbours::{self, Links, Second};
use crate::model::KsbKind;

/// The ridge on the weights: 5 measured best of 0.1, 1, 5, 10, 30 and 100 on every third
/// standard (`cargo bench --bench suggest -- --quick`), checked on all.
const RIDGE: f64 = 5.0;

/// The second stage's ridge: it has few weights and many samples.
const SECOND_RIDGE: f64 = 1.0;

/// The second stage's weights beside its first (everything but the first stage's sum) are
/// scaled by this after training. Trained alone, the neighbours lift precision at 5 and
/// recall at 10 but cost mean reciprocal rank; at half they cost none. Chosen on every third
/// standard (`cargo bench --bench suggest -- --quick`) of 0.3, 0.5, 0.7 and 1 as the best
/// MRR that loses no other measure, checked on all.
const NEIGHBOUR_SHRINK: f32 = 0.5;

/// The calibrated probability is raised to this power: below 1 it lifts the scores so that
/// `suggest`'s floor of 0.3 (a probability of 0.09) cuts nothing the measure counts in a
/// duty's first ten (1.0 and 1.5 cut recall at 10), while the inspector's "accept all above"
/// at its default 0.6 (a probability of 0.36) keeps about a module's dozen best.
const SPREAD: f64 = 0.5;
const _: () = assert!(SPREAD == 0.5, "Reranker::score takes the power as a square root");

/// How many features describe one (query, KSB) pair.
pub const FEATURES: usize = 40;

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
    "lexical_over_average",
    "learned_over_average",
    "learned_column_best",
    "embedded",
    "embedded_share",
    "embedded_place",
];

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
    /// Its neighbours in its standard.
    pub links: Links,
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
        embedded: &[],
        embedded_places: &[],
    };
    let mut out = Vec::with_capacity(docs.len());
    each_row(docs, &scores, |f| {
        out.push(FIXED.iter().map(|&j| reranker.weights[j] * f[j]).sum());
    });
    out
}

/// The re-ranker's first stage (weights and calibration: probability = logistic(scale ×
/// w·f + offset)) and its second, which reads the first's scores of each KSB's neighbours.
#[derive(Clone, Debug, PartialEq)]
pub struct Reranker {
    pub weights: Features,
    pub scale: f32,
    pub offset: f32,
    pub second: Option<Second>,
}

/// One training query: its KSBs' features, their neighbours and which of them its duty lists.
pub struct Sample {
    pub features: Vec<Features>,
    pub links: Vec<Links>,
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
    /// Each document's embedding score, and its place in their ranking.
    pub embedded: &'a [f32],
    pub embedded_places: &'a [Option<u32>],
}

/// Every KSB's features for one query, into `out`.
pub fn features(docs: &[Doc], scores: &Scores<'_>, out: &mut Vec<Features>) {
    out.clear();
    each_row(docs, scores, |f| out.push(*f));
}

/// Every KSB's score for one query, into `out` (and its first-stage probability into
/// `first`): [`Reranker::finish`] of its [`features`]' sums,
/// with the fixed part from [`fixed_parts`] and only the rest worked out per query.
pub fn score_into(
    reranker: &Reranker,
    docs: &[Doc],
    fixed: &[f32],
    scores: &Scores<'_>,
    out: &mut Vec<f32>,
    first: &mut Vec<f32>,
) {
    let w = &reranker.weights;
    let maxes = scores.maxes();
    out.clear();
    for (i, d) in docs.iter().enumerate() {
        let p = scores.pair(i, maxes);
        let b = f32::from(u8::from(d.kind == Some(KsbKind::Behaviour)));
        let (lp, lrp) = (place_share(p.lex_place), place_share(p.learned_place));
        let (cl, cr) = (share(p.lex, p.column.lexical), share(p.lrn, p.column.learned));
        let flag = |c: bool| f32::from(u8::from(c));
        let raw = fixed.get(i).copied().unwrap_or(0.0)
            + w[0] * p.lex_share
            + w[1] * lp
            + w[2] * flag(p.lex > 0.0)
            + w[3] * (p.lex / (p.lex + 6.0))
            + w[4] * p.learned_share
            + w[5] * lrp
            + w[13] * p.lex_share * p.learned_share
            + w[14] * b * p.lex_share
            + w[15] * (p.lrn / (p.lrn + 1.0))
            + w[16] * flag(p.lex_place == Some(0))
            + w[17] * flag(p.learned_place == Some(0))
            + w[20] * cl
            + w[21] * cr
            + w[22] * flag(p.lex > 0.0 && p.lex >= p.column.lexical)
            + w[23] * b * p.learned_share
            + w[24] * b * cl
            + w[25] * b * cr
            + w[27] * b * lp
            + w[28] * p.column.coverage
            + w[29] * p.column.learned_mean
            + w[30] * b * p.column.coverage
            + w[31] * b * p.column.learned_mean
            + w[32] * p.cover
            + w[33] * flag(p.cover >= 0.999)
            + w[34] * over(p.lex, p.column.lexical_average)
            + w[35] * over(p.lrn, p.column.learned_average)
            + w[36] * flag(p.lrn > 0.0 && p.lrn >= p.column.learned)
            + w[37] * p.emb
            + w[38] * p.emb_share
            + w[39] * place_share(p.emb_place);
        out.push(raw);
    }
    reranker.finish(docs, out, first);
}

/// Calls `row` with each document's features, in order.
fn each_row(docs: &[Doc], scores: &Scores<'_>, mut row: impl FnMut(&Features)) {
    let maxes = scores.maxes();
    let behaviours = docs.iter().filter(|d| d.kind == Some(KsbKind::Behaviour)).count();
    let behaviour_share = behaviours as f32 / docs.len().max(1) as f32;
    let prior_max = docs.iter().map(|d| d.prior).fold(f32::MIN, f32::max);
    let flag = |c: bool| f32::from(u8::from(c));
    for (i, d) in docs.iter().enumerate() {
        let p = scores.pair(i, maxes);
        let skill = flag(d.kind == Some(KsbKind::Skill));
        let behaviour = flag(d.kind == Some(KsbKind::Behaviour));
        let (col_lex, col_learned) = (p.column.lexical, p.column.learned);
        row(&[
            p.lex_share,
            place_share(p.lex_place),
            flag(p.lex > 0.0),
            p.lex / (p.lex + 6.0),
            p.learned_share,
            place_share(p.learned_place),
            d.prior,
            place_share(Some(d.prior_place)),
            skill,
            behaviour,
            behaviour * behaviour_share,
            (d.terms as f32).ln_1p(),
            d.breadth,
            p.lex_share * p.learned_share,
            behaviour * p.lex_share,
            p.lrn / (p.lrn + 1.0),
            flag(p.lex_place == Some(0)),
            flag(p.learned_place == Some(0)),
            d.prior - prior_max,
            behaviour * place_share(Some(d.prior_place)),
            share(p.lex, col_lex),
            share(p.lrn, col_learned),
            flag(p.lex > 0.0 && p.lex >= col_lex),
            behaviour * p.learned_share,
            behaviour * share(p.lex, col_lex),
            behaviour * share(p.lrn, col_learned),
            behaviour * (d.prior - prior_max),
            behaviour * place_share(p.lex_place),
            p.column.coverage,
            p.column.learned_mean,
            behaviour * p.column.coverage,
            behaviour * p.column.learned_mean,
            p.cover,
            flag(p.cover >= 0.999),
            over(p.lex, p.column.lexical_average),
            over(p.lrn, p.column.learned_average),
            flag(p.lrn > 0.0 && p.lrn >= col_learned),
            p.emb,
            p.emb_share,
            place_share(p.emb_place),
        ]);
    }
}

/// What one query's scores say of one document, read alike by the features and the fast
/// score.
struct Pair {
    lex: f32,
    lrn: f32,
    lex_share: f32,
    learned_share: f32,
    column: Column,
    cover: f32,
    emb: f32,
    emb_share: f32,
    emb_place: Option<u32>,
    /// Its places in the lexical and the learned ranking, where it scores there at all.
    lex_place: Option<u32>,
    learned_place: Option<u32>,
}

/// How far `x` stands above a KSB's average score over the programme's queries: 1/2 at the
/// average, towards 1 far above it; 0 without a score. It reads the same for a programme of
/// five modules or fifty, as a share of the column's sum would not.
fn over(x: f32, average: f32) -> f32 {
    if x + average > 0.0 { x / (x + average) } else { 0.0 }
}

/// `x` over `max`, at most 1; 0 when `max` is not positive.
fn share(x: f32, max: f32) -> f32 {
    if max > 0.0 { (x / max).min(1.0) } else { 0.0 }
}

impl Scores<'_> {
    /// The query's best lexical and learned scores.
    fn maxes(&self) -> (f32, f32, f32) {
        let max = |s: &[f32]| s.iter().copied().fold(0.0f32, f32::max);
        (max(self.lexical), max(self.learned), max(self.embedded))
    }

    /// Document `i`'s [`Pair`], given [`Scores::maxes`].
    fn pair(&self, i: usize, (lex_max, learned_max, emb_max): (f32, f32, f32)) -> Pair {
        let emb = self.embedded.get(i).copied().unwrap_or(0.0);
        let lex = self.lexical.get(i).copied().unwrap_or(0.0).max(0.0);
        let lrn = self.learned.get(i).copied().unwrap_or(0.0).max(0.0);
        Pair {
            lex,
            lrn,
            lex_share: if lex_max > 0.0 { lex / lex_max } else { 0.0 },
            learned_share: if learned_max > 0.0 { lrn / learned_max } else { 0.0 },
            // Without other queries, the query is its own column.
            column: self.columns.get(i).copied().unwrap_or(Column {
                lexical: lex,
                learned: lrn,
                coverage: f32::from(u8::from(lex > 0.0)),
                learned_mean: share(lrn, learned_max),
                lexical_average: lex,
                learned_average: lrn,
            }),
            cover: self.covered.get(i).copied().unwrap_or(0.0),
            emb,
            emb_share: if emb_max > 0.0 { emb.max(0.0) / emb_max } else { 0.0 },
            emb_place: self.embedded_places.get(i).copied().flatten(),
            lex_place: self.places.0.get(i).copied().flatten().filter(|_| lex > 0.0),
            learned_place: self.places.1.get(i).copied().flatten().filter(|_| lrn > 0.0),
        }
    }
}

impl Default for Reranker {
    fn default() -> Self {
        Reranker {
            weights: [0.0; FEATURES],
            scale: 1.0,
            offset: 0.0,
            second: None,
        }
    }
}

impl Reranker {
    /// The first stage's weighed sum of one KSB's features.
    pub fn raw(&self, f: &Features) -> f32 {
        self.weights.iter().zip(f).map(|(w, x)| w * x).sum()
    }

    /// Every KSB's score, 0 to 1, from its first-stage weighed sum (`raw`, replaced): the
    /// calibrated probability that a duty like the module lists it, after the second stage
    /// where there is one, to the power [`SPREAD`]. `first` receives each KSB's first-stage
    /// probability, which the evidence reads to name the neighbours that raised a KSB.
    pub fn finish(&self, docs: &[Doc], raw: &mut [f32], first: &mut Vec<f32>) {
        let Some(second) = &self.second else {
            // No second stage: no neighbour raised anything.
            first.clear();
            raw.iter_mut()
                .for_each(|x| *x = calibrated(self.scale, self.offset, *x));
            return;
        };
        neighbours::probabilities(raw, (self.scale, self.offset), first);
        let stage = neighbours::Stage {
            probability: first,
            top: raw.iter().copied().fold(f32::MIN, f32::max),
            links: |i: usize| docs.get(i).map_or([None, None], |d| d.links),
            is_behaviour: |i: usize| docs.get(i).is_some_and(|d| d.kind == Some(KsbKind::Behaviour)),
        };
        // In place: a row reads the KSB's own sum and the first-stage probabilities only.
        for (i, x) in raw.iter_mut().enumerate() {
            *x = calibrated(second.scale, second.offset, second.raw(&stage.row(i, *x)));
        }
    }

    /// Trains on some queries: the first stage and its calibration, then the second stage on
    /// the first's sums, its neighbour weights shrunk by [`NEIGHBOUR_SHRINK`], and its
    /// calibration.
    pub fn train(samples: &[Sample]) -> Reranker {
        let queries: Vec<listwise::Query<'_, FEATURES>> = samples
            .iter()
            .map(|s| listwise::Query {
                rows: &s.features,
                relevant: &s.relevant,
            })
            .collect();
        let weights = listwise::train(&queries, RIDGE);
        let (scale, offset) = listwise::calibrate(&queries, &weights);
        let mut out = Reranker {
            weights,
            scale,
            offset,
            second: None,
        };
        let mut probability = Vec::new();
        let rows: Vec<Vec<[f32; neighbours::FEATURES]>> = samples
            .iter()
            .map(|s| {
                let raw: Vec<f32> = s.features.iter().map(|f| out.raw(f)).collect();
                neighbours::probabilities(&raw, (scale, offset), &mut probability);
                let stage = neighbours::Stage {
                    probability: &probability,
                    top: raw.iter().copied().fold(f32::MIN, f32::max),
                    links: |i: usize| s.links.get(i).copied().unwrap_or([None, None]),
                    is_behaviour: |i: usize| s.features.get(i).is_some_and(|f| f[9] > 0.5),
                };
                raw.iter().enumerate().map(|(i, &x)| stage.row(i, x)).collect()
            })
            .collect();
        let second: Vec<listwise::Query<'_, { neighbours::FEATURES }>> = rows
            .iter()
            .zip(samples)
            .map(|(rows, s)| listwise::Query {
                rows,
                relevant: &s.relevant,
            })
            .collect();
        let mut weights = listwise::train(&second, SECOND_RIDGE);
        weights.iter_mut().skip(1).for_each(|w| *w *= NEIGHBOUR_SHRINK);
        let (scale, offset) = listwise::calibrate(&second, &weights);
        out.second = Some(Second { weights, scale, offset });
        out
    }
}

/// A weighed sum's score: its calibrated probability to the power [`SPREAD`].
fn calibrated(scale: f32, offset: f32, raw: f32) -> f32 {
    score_of(scale * raw + offset)
}

/// The score of a calibrated log-odds `z`: the square root of its probability (the power as
/// a square root, which costs far less than a power).
fn exact_score(z: f32) -> f32 {
    (1.0 / (1.0 + (-z).exp())).sqrt()
}

/// The table of [`exact_score`] spans log-odds −16 to 16 in steps of 1/64.
const STEPS: f32 = 64.0;
const LOW: f32 = -16.0;
const ENTRIES: usize = 32 * 64 + 1;

/// [`exact_score`] read from a table between its points, within 1e-5 of it and rising where
/// it rises: a 600 × 120 programme scores 72,000 pairs on every edit, and the exponential
/// and root cost a tenth of that. Outside the table, the exact score.
fn score_of(z: f32) -> f32 {
    static TABLE: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| (0..ENTRIES).map(|i| exact_score(LOW + i as f32 / STEPS)).collect());
    let at = (z - LOW) * STEPS;
    if at.is_nan() || at < 0.0 || at >= (ENTRIES - 1) as f32 {
        return exact_score(z);
    }
    let i = at as usize;
    match (table.get(i), table.get(i + 1)) {
        (Some(&a), Some(&b)) => a + (b - a) * (at - i as f32),
        _ => exact_score(z),
    }
}

#[cfg(test)]
#[path = "rerank_tests.rs"]
mod tests;
