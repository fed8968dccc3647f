//! The learned side of a ranking, and its fusion with the lexical one: the learned model
//! scores each KSB by the associations of its terms with the module's, a prior says how
//! widely duties list KSBs like it, and reciprocal rank fusion joins the three rankings, so
//! no scale has to be matched to BM25's.

use std::sync::Arc;

use super::index::Params;
use super::learned::Model;
use super::rerank::{self, Doc, Features};
use crate::model::{KsbCode, KsbKind};

/// The indexed KSBs in the model's terms.
pub struct Learned {
    pub model: Arc<Model>,
    /// Per KSB, the model's ids of its statement's terms, sorted and distinct.
    pub docs: Vec<Vec<u32>>,
    /// Each KSB's place in the prior's ranking, which no query changes.
    prior_ranks: Vec<Option<u32>>,
    /// What each KSB brings to the re-ranker's features whatever the query.
    info: Vec<Doc>,
    /// The part of each KSB's re-ranked score that no query changes.
    fixed: Vec<f32>,
    /// Each KSB's vector in the model's embedding.
    vectors: Vec<Option<super::embed::Vector>>,
}

/// One query's final scores, 0 to 1, and each KSB's first-stage probability in the
/// re-ranker (empty without one), which names the neighbours that raised a KSB.
#[derive(Default)]
pub struct Fused {
    pub scores: Vec<f32>,
    pub first: Vec<f32>,
}

/// One learned association behind a suggestion, for the evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct LearnedPair {
    pub module_term: u32,
    pub ksb_term: u32,
    pub weight: f32,
    pub standards: u32,
}

impl Learned {
    /// `docs` are each KSB's model term ids, `vectors` its vector in the model's embedding.
    pub fn new(
        model: Arc<Model>,
        docs: Vec<Vec<u32>>,
        vectors: Vec<Option<super::embed::Vector>>,
        codes: &[(u32, KsbCode)],
    ) -> Self {
        let kinds: Vec<Option<KsbKind>> = codes.iter().map(|c| Some(c.1.kind)).collect();
        let links = super::neighbours::links(codes);
        let breadth: Vec<f32> = docs
            .iter()
            .map(|terms| terms.iter().map(|&t| model.breadth(t)).sum::<f32>() / terms.len().max(1) as f32)
            .collect();
        let prior: Vec<f32> = breadth
            .iter()
            .enumerate()
            .map(|(d, b)| kinds.get(d).copied().flatten().map_or(0.0, |k| model.kind_prior(k)) + b)
            .collect();
        // The prior: its kind's and its terms' breadth.
        let prior_ranks = ranks(&prior, false);
        let info: Vec<Doc> = (0..docs.len())
            .map(|d| Doc {
                kind: kinds.get(d).copied().flatten(),
                prior: prior.get(d).copied().unwrap_or(0.0),
                prior_place: prior_ranks.get(d).copied().flatten().unwrap_or(0),
                breadth: breadth.get(d).copied().unwrap_or(0.0),
                terms: docs.get(d).map_or(0, |t| t.len() as u32),
                links: links.get(d).copied().unwrap_or([None, None]),
            })
            .collect();
        let fixed = model
            .reranker
            .as_ref()
            .map(|r| rerank::fixed_parts(r, &info))
            .unwrap_or_default();
        Learned {
            model,
            docs,
            prior_ranks,
            info,
            fixed,
            vectors,
        }
    }

    /// Each KSB's embedding score for a module's vector (0 without one).
    pub fn embedded(&self, query: Option<&super::embed::Vector>) -> Vec<f32> {
        (0..self.docs.len())
            .map(|d| match (query, self.vectors.get(d).copied().flatten()) {
                (Some(q), Some(v)) => super::embed::dot(q, &v),
                _ => 0.0,
            })
            .collect()
    }

    /// The re-ranker's features of every KSB for one query.
    pub fn features(&self, signals: &Signals<'_>, out: &mut Vec<Features>) {
        with_scores(signals, |scores| {
            rerank::features(&self.info, scores, out);
        });
    }

    /// Each KSB's association score with the query's (model term, weight) pairs.
    pub fn scores(&self, query: &[(u32, f32)], out: &mut Vec<f32>) {
        let mut expanded = vec![0.0f32; self.model.term_count()];
        for &(a, q) in query {
            for x in self.model.associations(a) {
                if let Some(e) = expanded.get_mut(x.term as usize) {
                    *e += q * x.weight;
                }
            }
        }
        out.clear();
        out.extend(self.docs.iter().map(|terms| {
            let sum: f32 = terms.iter().filter_map(|&t| expanded.get(t as usize)).sum();
            sum / (terms.len().max(1) as f32).sqrt()
        }));
    }

    /// Reciprocal rank fusion of the lexical scores with this model's scores (from
    /// [`Learned::scores`]) and its prior.
    /// With a re-ranker in the model, its calibrated scores instead, and each KSB's
    /// first-stage probability (empty without one).
    pub fn fuse(&self, params: &Params, signals: &Signals<'_>, out: &mut Fused) {
        let Some(r) = &self.model.reranker else {
            out.first.clear();
            fuse_ranks(
                params,
                signals.lexical,
                signals.learned,
                &self.prior_ranks,
                &mut out.scores,
            );
            return;
        };
        with_scores(signals, |scores| {
            rerank::score_into(r, &self.info, &self.fixed, scores, &mut out.scores, &mut out.first);
        });
    }

    /// How much a certain neighbour adds to KSB `doc`'s log-odds in the re-ranker's second
    /// stage (0 without one).
    pub fn neighbour_lift(&self, doc: usize) -> f32 {
        let behaviour = self.info.get(doc).is_some_and(|d| d.kind == Some(KsbKind::Behaviour));
        let second = self.model.reranker.as_ref().and_then(|r| r.second.as_ref());
        second.map_or(0.0, |s| s.lift(behaviour))
    }

    /// KSB `doc`'s neighbours in its standard.
    pub fn links(&self, doc: usize) -> super::neighbours::Links {
        self.info.get(doc).map_or([None, None], |d| d.links)
    }

    /// The positive associations between the query's terms and KSB `doc`'s, strongest first.
    pub fn explain(&self, query: &[(u32, f32)], doc: usize) -> Vec<LearnedPair> {
        let Some(terms) = self.docs.get(doc) else {
            return Vec::new();
        };
        let mut out: Vec<LearnedPair> = query
            .iter()
            .flat_map(|&(a, q)| {
                terms.iter().filter_map(move |&b| {
                    let x = self.model.association(a, b)?;
                    (x.weight > 0.0).then_some(LearnedPair {
                        module_term: a,
                        ksb_term: b,
                        weight: q * x.weight,
                        standards: x.standards,
                    })
                })
            })
            .collect();
        out.sort_by(|x, y| {
            y.weight
                .total_cmp(&x.weight)
                .then(x.module_term.cmp(&y.module_term))
                .then(x.ksb_term.cmp(&y.ksb_term))
        });
        out
    }
}

/// A key that sorts scores high to low, then documents by index: the f32's bits made to
/// order as unsigned numbers, inverted, above the index. Sorting plain integers keeps a
/// 600 × 120 programme's rankings inside the frame budget.
fn descending(score: f32, doc: usize) -> u64 {
    let bits = score.to_bits();
    let ascending = if bits >> 31 == 1 { !bits } else { bits | 0x8000_0000 };
    (u64::from(!ascending) << 32) | doc as u64
}

/// Each document's place in a ranking by `scores`, best first from 0; `None` for documents a
/// sparse ranking (BM25: nothing shared) leaves out.
fn ranks(scores: &[f32], sparse: bool) -> Vec<Option<u32>> {
    let mut keys: Vec<u64> = scores
        .iter()
        .enumerate()
        .filter(|&(_, &s)| !sparse || s > 0.0)
        .map(|(d, &s)| descending(s, d))
        .collect();
    keys.sort_unstable();
    let mut out = vec![None; scores.len()];
    for (r, k) in keys.iter().enumerate() {
        if let Some(o) = out.get_mut((k & 0xFFFF_FFFF) as usize) {
            *o = Some(r as u32);
        }
    }
    out
}

/// The re-ranker reads the places of this many best documents of a ranking; the rest count
/// as unplaced. Sorting only them keeps a 600 × 120 programme inside its time.
const PLACED: usize = 32;

/// What one query's rankings say of every KSB: the lexical scores (BM25), the learned
/// associations' scores (from [`Learned::scores`]), each KSB's scores over the programme's
/// modules, the share of its statement's terms the query has, and its embedding score (from
/// [`Learned::embedded`]).
pub struct Signals<'a> {
    pub lexical: &'a [f32],
    pub learned: &'a [f32],
    pub columns: &'a [rerank::Column],
    pub covered: &'a [f32],
    pub embedded: &'a [f32],
}

/// The re-ranker's view of one query's scores, with each ranking's places worked out.
fn with_scores(s: &Signals<'_>, then: impl FnOnce(&rerank::Scores<'_>)) {
    let places = (top_places(s.lexical), top_places(s.learned));
    let embedded_places = top_places(s.embedded);
    then(&rerank::Scores {
        lexical: s.lexical,
        learned: s.learned,
        places: (&places.0, &places.1),
        columns: s.columns,
        covered: s.covered,
        embedded: s.embedded,
        embedded_places: &embedded_places,
    });
}

/// Each document's place among the [`PLACED`] best positive scores, best first from 0.
fn top_places(scores: &[f32]) -> Vec<Option<u32>> {
    let mut keys: Vec<u64> = scores
        .iter()
        .enumerate()
        .filter(|&(_, &s)| s > 0.0)
        .map(|(d, &s)| descending(s, d))
        .collect();
    if keys.len() > PLACED {
        keys.select_nth_unstable(PLACED);
        keys.truncate(PLACED);
    }
    keys.sort_unstable();
    let mut out = vec![None; scores.len()];
    for (r, k) in keys.iter().enumerate() {
        if let Some(o) = out.get_mut((k & 0xFFFF_FFFF) as usize) {
            *o = Some(r as u32);
        }
    }
    out
}

/// Reciprocal rank fusion of the lexical scores, the learned scores and the prior's ranks:
/// the square root of the sum over the best possible, so a KSB first in all three scores 1.
fn fuse_ranks(params: &Params, lexical: &[f32], learned: &[f32], prior: &[Option<u32>], out: &mut Vec<f32>) {
    let k = params.rrf_k.max(0.0);
    let weights = [1.0, params.learned_weight, params.prior_weight];
    let (lexical_ranks, learned_ranks) = (ranks(lexical, true), ranks(learned, false));
    let lists: [&[Option<u32>]; 3] = [&lexical_ranks, &learned_ranks, prior];
    let best: f32 = weights.iter().sum::<f32>() / (k + 1.0);
    out.clear();
    out.extend((0..lexical.len()).map(|d| {
        let sum: f32 = lists
            .iter()
            .zip(weights)
            .filter_map(|(l, w)| Some(w / (k + 1.0 + l.get(d).copied().flatten()? as f32)))
            .sum();
        // The square root spreads the scores as BM25's did, so the threshold slider (0.3 by
        // default) still keeps about a module's dozen best KSBs.
        if best > 0.0 { (sum / best).sqrt() } else { 0.0 }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fuse(params: &Params, lexical: &[f32], learned: &[f32], prior: &[f32], out: &mut Vec<f32>) {
        fuse_ranks(params, lexical, learned, &ranks(prior, false), out);
    }

    #[test]
    fn ranks_order_scores_high_to_low_then_by_index() {
        let r = ranks(&[0.5, -1.0, 2.0, 0.5, 0.0], false);
        assert_eq!(r, vec![Some(1), Some(4), Some(0), Some(2), Some(3)]);
        let sparse = ranks(&[0.5, -1.0, 2.0, 0.0], true);
        assert_eq!(sparse, vec![Some(1), None, Some(0), None]);
    }

    #[test]
    fn first_everywhere_scores_one_and_no_shared_word_counts_nothing_lexically() {
        let params = Params::default();
        let mut out = Vec::new();
        // Document 0 leads all three; document 2 shares no word (lexical 0).
        fuse(&params, &[3.0, 1.0, 0.0], &[0.9, 0.5, 0.7], &[1.0, 0.0, 0.5], &mut out);
        assert!((out[0] - 1.0).abs() < 1e-6, "{out:?}");
        assert!(out[0] > out[1] && out[0] > out[2]);
        let mut alone = Vec::new();
        fuse(
            &params,
            &[0.0, 0.0, 0.0],
            &[0.9, 0.5, 0.7],
            &[1.0, 0.0, 0.5],
            &mut alone,
        );
        assert!(alone[2] < out[2] + 1e-6 && alone[0] < out[0], "{alone:?} {out:?}");
    }
}
