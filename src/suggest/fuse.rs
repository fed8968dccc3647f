//! The learned side of a ranking, and its fusion with the lexical one: the learned model
//! scores each KSB by the associations of its terms with the module's, a prior says how
//! widely duties list KSBs like it, and reciprocal rank fusion joins the three rankings, so
//! no scale has to be matched to BM25's.

use std::sync::Arc;

use super::index::Params;
use super::learned::Model;
use crate::model::KsbKind;

/// The indexed KSBs in the model's terms.
pub struct Learned {
    pub model: Arc<Model>,
    /// Per KSB, the model's ids of its statement's terms, sorted and distinct.
    pub docs: Vec<Vec<u32>>,
    /// Per KSB, the prior: its kind's and its terms' breadth.
    prior: Vec<f32>,
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
    pub fn new(model: Arc<Model>, docs: Vec<Vec<u32>>, kinds: &[Option<KsbKind>]) -> Self {
        let prior = docs
            .iter()
            .enumerate()
            .map(|(d, terms)| {
                let kind = kinds.get(d).copied().flatten().map_or(0.0, |k| model.kind_prior(k));
                let breadth: f32 = terms.iter().map(|&t| model.breadth(t)).sum::<f32>() / terms.len().max(1) as f32;
                kind + breadth
            })
            .collect();
        Learned { model, docs, prior }
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

    pub fn prior(&self) -> &[f32] {
        &self.prior
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

/// Each document's place in a ranking by `scores`, best first from 0; `None` for documents a
/// sparse ranking (BM25: nothing shared) leaves out.
fn ranks(scores: &[f32], sparse: bool) -> Vec<Option<usize>> {
    let mut idx: Vec<usize> = (0..scores.len()).filter(|&i| !sparse || scores[i] > 0.0).collect();
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut out = vec![None; scores.len()];
    for (r, &d) in idx.iter().enumerate() {
        if let Some(o) = out.get_mut(d) {
            *o = Some(r);
        }
    }
    out
}

/// Reciprocal rank fusion of the lexical scores, the learned scores and the prior, scaled so
/// a KSB first in all three scores 1.
pub fn fuse(params: &Params, lexical: &[f32], learned: &[f32], prior: &[f32], out: &mut Vec<f32>) {
    let k = params.rrf_k.max(0.0);
    let weights = [1.0, params.learned_weight, params.prior_weight];
    let lists = [ranks(lexical, true), ranks(learned, false), ranks(prior, false)];
    let best: f32 = weights.iter().sum::<f32>() / (k + 1.0);
    out.clear();
    out.extend((0..lexical.len()).map(|d| {
        let sum: f32 = lists
            .iter()
            .zip(weights)
            .filter_map(|(l, w)| Some(w / (k + 1.0 + l.get(d).copied().flatten()? as f32)))
            .sum();
        if best > 0.0 { sum / best } else { 0.0 }
    }));
}
