//! Measuring suggestions on real standards: each duty plays a module whose only text is the
//! duty statement, the engine sees the standard without its duties, and the duty's own KSBs
//! are the right answers. Precision at 5, recall at 10 and mean reciprocal rank, beside a
//! random ranking and plain word overlap.

use std::collections::HashSet;
use std::sync::Arc;

use super::index::{Params, top};
use super::learned::Model;
use super::rerank::Sample;
use super::{Engine, terms};
use crate::model::{KsbKind, Standard};

/// Sums of the three measures over some duties; [`Scores::mean`] divides them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    pub precision_at_5: f64,
    pub recall_at_10: f64,
    pub mrr: f64,
    pub duties: usize,
}

impl Scores {
    pub fn add(&mut self, other: Scores) {
        self.precision_at_5 += other.precision_at_5;
        self.recall_at_10 += other.recall_at_10;
        self.mrr += other.mrr;
        self.duties += other.duties;
    }

    /// The means: (precision@5, recall@10, MRR).
    pub fn mean(&self) -> (f64, f64, f64) {
        let n = self.duties.max(1) as f64;
        (self.precision_at_5 / n, self.recall_at_10 / n, self.mrr / n)
    }

    /// One ranking of all documents, best first, against the right answers.
    fn of_ranking(ranking: &[usize], relevant: &HashSet<usize>) -> Scores {
        let hits = |n: usize| ranking.iter().take(n).filter(|d| relevant.contains(d)).count() as f64;
        let first = ranking.iter().position(|d| relevant.contains(d));
        Scores {
            precision_at_5: hits(5) / 5.0,
            recall_at_10: hits(10) / relevant.len().max(1) as f64,
            mrr: first.map_or(0.0, |r| 1.0 / (r + 1) as f64),
            duties: 1,
        }
    }

    /// What a random ranking of `n` documents scores on average with `r` right answers, exactly.
    fn random(n: usize, r: usize) -> Scores {
        let (nf, rf) = (n as f64, r as f64);
        let mut mrr = 0.0;
        // P(first right answer at rank k) = r/(n-k+1) × Π_{i<k} (1 - r/(n-i+1)).
        let mut none_yet = 1.0;
        for k in 1..=n.saturating_sub(r) + 1 {
            let left = (n - k + 1) as f64;
            mrr += none_yet * (rf / left) / k as f64;
            none_yet *= 1.0 - rf / left;
        }
        Scores {
            precision_at_5: rf / nf * 5.0_f64.min(nf) / 5.0,
            recall_at_10: 10.0_f64.min(nf) / nf,
            mrr,
            duties: 1,
        }
    }
}

/// The rankers' scores over some standards: today's lexical engine, the engine fused with a
/// learned model (when one is given), plain word overlap and a random ranking.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Comparison {
    pub engine: Scores,
    pub learned: Scores,
    /// The same ranking cut where `suggest` stops listing (below the default threshold).
    pub listed: Scores,
    pub overlap: Scores,
    pub random: Scores,
}

impl Comparison {
    pub fn add(&mut self, other: Comparison) {
        self.engine.add(other.engine);
        self.learned.add(other.learned);
        self.listed.add(other.listed);
        self.overlap.add(other.overlap);
        self.random.add(other.random);
    }
}

/// A standard's comparison over all its KSBs, and over knowledge and skills alone
/// (behaviours dropped from the rankings and from the right answers).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evaluation {
    pub all: Comparison,
    pub knowledge_and_skills: Comparison,
}

impl Evaluation {
    pub fn add(&mut self, other: Evaluation) {
        self.all.add(other.all);
        self.knowledge_and_skills.add(other.knowledge_and_skills);
    }
}

/// A ranking of every document, best first; documents with no evidence (a score of 0 or less
/// where `evidence` is given) go last, as `suggest` leaves them out.
fn ranking(scores: &[f32], evidence: Option<&[bool]>) -> Vec<usize> {
    let mut order = top(scores, scores.len());
    if let Some(e) = evidence {
        order.sort_by_key(|&d| !e.get(d).copied().unwrap_or(false));
    }
    order
}

/// Scores one standard: every duty that lists KSBs is a query, the standard's KSB statements
/// (not its duties) are the documents. With a model, the learned ranking is measured too; the
/// model must not have been trained on this standard.
pub fn evaluate(standard: &Standard, params: Params) -> Comparison {
    evaluate_with(standard, params, None).all
}

/// [`evaluate`], over all KSBs and over knowledge and skills alone, with an optional model.
pub fn evaluate_with(standard: &Standard, params: Params, model: Option<Arc<Model>>) -> Evaluation {
    let mut out = Evaluation::default();
    let texts: Vec<&str> = standard.ksbs.iter().map(|k| k.text.as_str()).collect();
    if texts.is_empty() {
        return out;
    }
    let kinds: Vec<Option<KsbKind>> = standard.ksbs.iter().map(|k| Some(k.kind())).collect();
    let mut engine = Engine::new(params, texts.iter().map(|t| vec![(t.to_string(), 1.0)]).collect());
    if let Some(m) = model {
        engine = engine.with_model(m, &codes(standard));
    }
    let plain: Vec<HashSet<String>> = texts.iter().map(|t| plain_words(t)).collect();
    let behaviour: Vec<bool> = kinds.iter().map(|k| *k == Some(KsbKind::Behaviour)).collect();
    let scored = score_duties(&mut engine, standard);
    let columns = super::engine::columns(scored.iter().map(|d| (d.1.as_slice(), d.2.as_slice())));
    let mut buffer = super::Fused::default();
    for (duty, (query, scores, assoc)) in standard.duties.iter().zip(&scored) {
        let relevant: HashSet<usize> = duty
            .ksbs
            .iter()
            .filter_map(|c| standard.ksbs.iter().position(|k| k.code == *c))
            .collect();
        if relevant.is_empty() {
            continue;
        }
        let lexical_evidence: Vec<bool> = scores.iter().map(|&s| s > 0.0).collect();
        let words = plain_words(&duty.text);
        let overlap: Vec<f32> = plain.iter().map(|p| p.intersection(&words).count() as f32).collect();
        let rankings = [ranking(scores, Some(&lexical_evidence)), ranking(&overlap, None)];
        let learned = engine.is_learned().then(|| {
            engine.fused(query, scores, assoc, &columns, &mut buffer);
            let fused = &buffer.scores;
            // As `suggest` does, only KSBs with evidence (shared or learned) are suggested.
            let evidence: Vec<bool> = scores.iter().zip(assoc).map(|(&s, &a)| s > 0.0 || a > 0.0).collect();
            let min = super::Options::default().min_score;
            let r = ranking(fused, Some(&evidence));
            let listed: Vec<usize> = r
                .iter()
                .copied()
                .filter(|&d| evidence.get(d).copied().unwrap_or(false) && fused.get(d).is_some_and(|&s| s >= min))
                .collect();
            (r, listed)
        });
        for (ks, comparison) in [(false, &mut out.all), (true, &mut out.knowledge_and_skills)] {
            let keep = |d: &usize| !ks || !behaviour.get(*d).copied().unwrap_or(false);
            let relevant: HashSet<usize> = relevant.iter().copied().filter(keep).collect();
            if relevant.is_empty() {
                continue;
            }
            let measure = |r: &[usize]| {
                let r: Vec<usize> = r.iter().copied().filter(keep).collect();
                Scores::of_ranking(&r, &relevant)
            };
            let [engine_ranking, overlap_ranking] = &rankings;
            comparison.engine.add(measure(engine_ranking));
            comparison.overlap.add(measure(overlap_ranking));
            if let Some((l, listed)) = &learned {
                comparison.learned.add(measure(l));
                comparison.listed.add(measure(listed));
            }
            let n = (0..texts.len()).filter(keep).count();
            comparison.random.add(Scores::random(n, relevant.len()));
        }
    }
    out
}

/// The re-ranker's training queries from one standard: each duty that lists KSBs, with every
/// KSB's features (the model must not have learned from this standard) and whether the duty
/// lists it.
pub fn samples(standard: &Standard, params: Params, model: Arc<Model>) -> Vec<Sample> {
    let texts: Vec<String> = standard.ksbs.iter().map(|k| k.text.clone()).collect();
    if texts.is_empty() {
        return Vec::new();
    }
    let codes = codes(standard);
    let links = super::neighbours::links(&codes);
    let mut engine = Engine::new(params, texts.into_iter().map(|t| vec![(t, 1.0)]).collect()).with_model(model, &codes);
    let scored = score_duties(&mut engine, standard);
    let columns = super::engine::columns(scored.iter().map(|d| (d.1.as_slice(), d.2.as_slice())));
    let mut out = Vec::new();
    for (duty, (query, scores, assoc)) in standard.duties.iter().zip(&scored) {
        let relevant: Vec<bool> = standard.ksbs.iter().map(|k| duty.ksbs.contains(&k.code)).collect();
        if !relevant.contains(&true) {
            continue;
        }
        let mut features = Vec::new();
        engine.features(query, scores, assoc, &columns, &mut features);
        out.push(Sample {
            features,
            links: links.clone(),
            relevant,
        });
    }
    out
}

/// Each KSB of one standard with its code, as the engine's model reads them.
fn codes(standard: &Standard) -> Vec<(u32, crate::model::KsbCode)> {
    standard.ksbs.iter().map(|k| (0, k.code)).collect()
}

/// Every duty of the standard as a module of one programme: its query, its lexical scores
/// and its learned scores, in the duties' order.
fn score_duties(engine: &mut Engine, standard: &Standard) -> Vec<(super::Query, Vec<f32>, Vec<f32>)> {
    standard
        .duties
        .iter()
        .map(|duty| {
            let query = engine.query(&[(duty.text.as_str(), 1.0)]);
            let (mut scores, mut learned) = (Vec::new(), Vec::new());
            engine.scores(&query, &mut scores);
            engine.learned_scores(&query, &mut learned);
            (query, scores, learned)
        })
        .collect()
}

/// The baseline's words: lower case, NLTK's English stop words out, no stemming, no weights.
fn plain_words(text: &str) -> HashSet<String> {
    let stop = stop_words::lookup("en").unwrap_or(&[]);
    terms::words(text)
        .map(|(_, _, w)| w)
        .filter(|w| !stop.contains(&w.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_of_a_known_ranking() {
        let relevant: HashSet<usize> = [2, 7].into_iter().collect();
        let s = Scores::of_ranking(&[5, 2, 9, 1, 0, 7, 3], &relevant);
        assert_eq!(s.precision_at_5, 0.2);
        assert_eq!(s.recall_at_10, 1.0);
        assert_eq!(s.mrr, 0.5);
    }

    #[test]
    fn random_expectations() {
        // One right answer in 4: MRR is the mean of 1, 1/2, 1/3, 1/4.
        let s = Scores::random(4, 1);
        assert!((s.mrr - (1.0 + 0.5 + 1.0 / 3.0 + 0.25) / 4.0).abs() < 1e-9, "{}", s.mrr);
        assert!((s.recall_at_10 - 1.0).abs() < 1e-9);
    }
}
