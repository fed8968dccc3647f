//! Training on the catalogue with standards left out: each standard's counts kept apart, so a
//! model can leave any one out, and the re-ranker trained on features that models without
//! each standard's group gave.

use std::sync::{Arc, OnceLock};

use super::embed::{Embedding, Prepared};
use super::learned::{Counts, Model};
use super::rerank::Reranker;
use super::terms::Analyzer;
use crate::model::Standard;

/// Standards are split into this many groups (by their place, every fifth) to train the
/// re-ranker on features that a model without the standard's own group gave: features a
/// model had learned from the standard itself would flatter the learned side.
const GROUPS: usize = 5;

impl Model {
    /// Trains on some standards (each reference once: versions of one standard repeat it).
    pub fn train(standards: &[&Standard]) -> Model {
        Folds::new(standards).model()
    }
}

/// Each standard's counts kept apart, so a model can leave any one of them out.
pub struct Folds {
    analyzer: Analyzer,
    each: Vec<Counts>,
    total: Counts,
    standards: Vec<Standard>,
    prepared: Vec<Prepared>,
    /// Per group, the re-ranker trained without it, once asked for.
    rerankers: Vec<OnceLock<Option<Reranker>>>,
}

impl Folds {
    /// Counts each standard (each reference once).
    pub fn new(standards: &[&Standard]) -> Folds {
        let mut analyzer = Analyzer::new();
        let each: Vec<Counts> = standards.iter().map(|s| Counts::of(s, &mut analyzer)).collect();
        let prepared: Vec<Prepared> = standards.iter().map(|s| Prepared::of(s, &mut analyzer)).collect();
        let mut total = Counts::default();
        for c in &each {
            total.add(c, 1.0);
        }
        Folds {
            analyzer,
            each,
            total,
            standards: standards.iter().map(|s| (*s).clone()).collect(),
            prepared,
            rerankers: (0..GROUPS).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The model of every standard, with its re-ranker.
    pub fn model(&self) -> Model {
        let mut m = self.model_leaving(&[]);
        m.reranker = self.train_reranker(None);
        m
    }

    /// The model of every standard but the `i`th, with a re-ranker that never saw the `i`th
    /// standard either (trained without its whole group).
    pub fn model_without(&self, i: usize) -> Model {
        let mut m = self.model_leaving(&[i]);
        m.reranker = self
            .rerankers
            .get(i % GROUPS)
            .and_then(|r| r.get_or_init(|| self.train_reranker(Some(i % GROUPS))).clone());
        m
    }

    /// The model of every standard but the `i`th, joining its rankings by reciprocal rank
    /// fusion (no re-ranker, and no embedding, which only the re-ranker reads).
    pub fn associations_without(&self, i: usize) -> Model {
        self.associations_leaving(&[i])
    }

    fn associations_leaving(&self, out: &[usize]) -> Model {
        let mut c = self.total.clone();
        for &i in out {
            if let Some(one) = self.each.get(i) {
                c.add(one, -1.0);
            }
        }
        Model::from_counts(&c, &self.analyzer)
    }

    /// The associations and the embedding of every standard but those in `out`.
    fn model_leaving(&self, out: &[usize]) -> Model {
        let mut m = self.associations_leaving(out);
        let kept: Vec<&Prepared> = (0..self.prepared.len())
            .filter(|i| !out.contains(i))
            .filter_map(|i| self.prepared.get(i))
            .collect();
        m.embedding = Some(Embedding::train(&kept, &self.analyzer));
        m
    }

    /// The re-ranker learned from every group but `held_out`: each standard's features come
    /// from a model that left out its own group (and the held-out one).
    fn train_reranker(&self, held_out: Option<usize>) -> Option<Reranker> {
        let members = |g: usize| (0..self.standards.len()).filter(move |i| i % GROUPS == g);
        let mut samples = Vec::new();
        for g in (0..GROUPS).filter(|&g| Some(g) != held_out) {
            let mut out: Vec<usize> = members(g).collect();
            out.extend(held_out.into_iter().flat_map(members));
            let model = Arc::new(self.model_leaving(&out));
            for s in members(g).filter_map(|i| self.standards.get(i)) {
                samples.extend(super::eval::samples(s, super::Params::default(), model.clone()));
            }
        }
        (!samples.is_empty()).then(|| Reranker::train(&samples))
    }
}
