//! BM25 over KSB statements, written out so each score can be taken apart term by term: the
//! evidence a suggestion shows is exactly the sum that ranked it.

use super::terms::{Analyzer, Token};

/// The ranking's knobs. [`Params::default`] holds the values tuned on half of the real
/// standards (see `benches/suggest.rs`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Term-frequency saturation.
    pub k1: f32,
    /// Length normalisation, 0 (none) to 1 (full).
    pub b: f32,
    /// How much the words of the duty statements count in the KSBs the duties list, beside 1
    /// for the KSB's own statement; shared among the duties when several list one KSB.
    pub duty_weight: f32,
    /// How much a word of a module's title counts, beside 1 for its other texts.
    pub title_weight: f32,
    /// How much each duty-mate of a KSB the module already maps raises the KSB's score: the
    /// score is multiplied by 1 + this × the share of the duty mapped.
    pub duty_boost: f32,
    /// The query grows with the terms of this many best KSBs (pseudo-relevance feedback) ...
    pub feedback_docs: usize,
    /// ... weighted so.
    pub feedback_weight: f32,
    /// Reciprocal rank fusion's constant: a KSB at place r of a ranking gets w / (k + r).
    pub rrf_k: f32,
    /// The learned associations' ranking's weight in the fusion, beside 1 for BM25's.
    pub learned_weight: f32,
    /// The prior's ranking's weight (how widely duties list KSBs like it, learned).
    pub prior_weight: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            k1: 2.5,
            b: 0.5,
            duty_weight: 0.5,
            title_weight: 1.5,
            duty_boost: 0.5,
            feedback_docs: 3,
            feedback_weight: 1.0,
            rrf_k: 2.0,
            learned_weight: 0.3,
            prior_weight: 0.3,
        }
    }
}

/// A text and how much its words count.
#[derive(Clone, Copy, Debug)]
pub struct Field<'a> {
    pub text: &'a str,
    pub weight: f32,
}

/// The analysed fields of one document or query.
#[derive(Clone, Debug, Default)]
pub struct Analysed {
    pub fields: Vec<(Vec<Token>, f32)>,
}

impl Analysed {
    /// Analyses fields, reusing the tokens of texts seen before (a duty statement is a field
    /// of every KSB the duty lists).
    pub fn cached<'t>(
        analyzer: &mut Analyzer,
        cache: &mut std::collections::HashMap<&'t str, Vec<Token>>,
        fields: &[Field<'t>],
    ) -> Self {
        Analysed {
            fields: fields
                .iter()
                .map(|f| {
                    let tokens = cache.entry(f.text).or_insert_with(|| analyzer.tokens(f.text)).clone();
                    (tokens, f.weight)
                })
                .collect(),
        }
    }

    pub fn new(analyzer: &mut Analyzer, fields: &[Field<'_>]) -> Self {
        Analysed {
            fields: fields.iter().map(|f| (analyzer.tokens(f.text), f.weight)).collect(),
        }
    }

    /// Weighted term frequencies, sorted by term.
    fn frequencies(&self) -> Vec<(u32, f32)> {
        let mut all: Vec<(u32, f32)> = self
            .fields
            .iter()
            .flat_map(|(tokens, w)| tokens.iter().map(move |t| (t.term, *w)))
            .collect();
        all.sort_unstable_by_key(|x| x.0);
        let mut out: Vec<(u32, f32)> = Vec::with_capacity(all.len());
        for (t, w) in all {
            match out.last_mut() {
                Some(last) if last.0 == t => last.1 += w,
                _ => out.push((t, w)),
            }
        }
        out
    }
}

/// The KSB statements, indexed.
pub struct Index {
    params: Params,
    /// Per term: (document, weighted term frequency), documents ascending.
    postings: Vec<Vec<(u32, f32)>>,
    idf: Vec<f32>,
    /// Per document, its length over the average: the BM25 normaliser's input.
    norm: Vec<f32>,
    /// Per document, its sorted term frequencies (for feedback and explanations).
    freqs: Vec<Vec<(u32, f32)>>,
}

impl Index {
    pub fn new(params: Params, docs: &[Analysed], term_count: usize) -> Self {
        let freqs: Vec<Vec<(u32, f32)>> = docs.iter().map(Analysed::frequencies).collect();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); term_count];
        let lengths: Vec<f32> = freqs.iter().map(|f| f.iter().map(|x| x.1).sum()).collect();
        for (d, f) in freqs.iter().enumerate() {
            for &(t, w) in f {
                if let Some(p) = postings.get_mut(t as usize) {
                    p.push((d as u32, w));
                }
            }
        }
        let n = docs.len() as f32;
        let idf = postings
            .iter()
            .map(|p| {
                let df = p.len() as f32;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();
        let avg = if lengths.is_empty() {
            1.0
        } else {
            (lengths.iter().sum::<f32>() / n).max(1e-6)
        };
        let norm = lengths.iter().map(|l| l / avg).collect();
        Index {
            params,
            postings,
            idf,
            norm,
            freqs,
        }
    }

    pub fn len(&self) -> usize {
        self.norm.len()
    }

    pub fn is_empty(&self) -> bool {
        self.norm.is_empty()
    }

    /// What one term of weight `q` adds to document `d` whose weighted frequency is `tf`.
    fn part(&self, term: u32, q: f32, d: usize, tf: f32) -> f32 {
        let Params { k1, b, .. } = self.params;
        let norm = self.norm.get(d).copied().unwrap_or(1.0);
        let idf = self.idf.get(term as usize).copied().unwrap_or(0.0);
        q * idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * norm))
    }

    /// The query's term weights: each term's weighted count, damped so a word repeated in a
    /// long description does not drown the rest.
    pub fn query(&self, query: &Analysed) -> Vec<(u32, f32)> {
        query.frequencies().into_iter().map(|(t, w)| (t, w.sqrt())).collect()
    }

    /// Every document's score for the query terms, into `out` (resized to the documents).
    pub fn score_into(&self, terms: &[(u32, f32)], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.len(), 0.0);
        for &(t, q) in terms {
            for &(d, tf) in self.postings.get(t as usize).map_or(&[][..], |p| p.as_slice()) {
                if let Some(s) = out.get_mut(d as usize) {
                    *s += self.part(t, q, d as usize, tf);
                }
            }
        }
    }

    /// Scores with pseudo-relevance feedback when the parameters ask for it: the query grows
    /// with the best documents' terms, and the scores are recomputed.
    pub fn score_with_feedback(&self, terms: &[(u32, f32)], out: &mut Vec<f32>) {
        self.score_into(terms, out);
        let Params {
            feedback_docs,
            feedback_weight,
            ..
        } = self.params;
        if feedback_docs == 0 || feedback_weight <= 0.0 {
            return;
        }
        let best = top(out, feedback_docs);
        let mut grown: Vec<(u32, f32)> = terms.to_vec();
        for d in best {
            let Some(f) = self.freqs.get(d) else { continue };
            let total: f32 = f.iter().map(|x| x.1).sum::<f32>().max(1e-6);
            for &(t, w) in f {
                grown.push((t, feedback_weight * w / total));
            }
        }
        grown.sort_unstable_by_key(|x| x.0);
        let mut merged: Vec<(u32, f32)> = Vec::with_capacity(grown.len());
        for (t, w) in grown {
            match merged.last_mut() {
                Some(last) if last.0 == t => last.1 += w,
                _ => merged.push((t, w)),
            }
        }
        self.score_into(&merged, out);
    }

    /// Each query term's share of document `d`'s score, largest first; only terms it shares.
    pub fn parts(&self, terms: &[(u32, f32)], d: usize) -> Vec<(u32, f32)> {
        let Some(f) = self.freqs.get(d) else {
            return Vec::new();
        };
        let mut out: Vec<(u32, f32)> = terms
            .iter()
            .filter_map(|&(t, q)| {
                let i = f.binary_search_by_key(&t, |x| x.0).ok()?;
                let tf = f.get(i)?.1;
                Some((t, self.part(t, q, d, tf)))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

/// The indices of the `n` highest scores, best first, ties by index.
pub fn top(scores: &[f32], n: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    let key = |i: &usize| scores.get(*i).copied().unwrap_or(0.0);
    if n < idx.len() {
        idx.select_nth_unstable_by(n, |a, b| key(b).total_cmp(&key(a)).then(a.cmp(b)));
        idx.truncate(n);
    }
    idx.sort_by(|a, b| key(b).total_cmp(&key(a)).then(a.cmp(b)));
    idx
}

/// A hash of the texts (and weights) suggestions read.
pub fn texts_key(
    docs: &[Vec<(String, f32)>],
    labels: &[Vec<String>],
    queries: &[Vec<(&str, f32)>],
    params: &Params,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for fields in docs {
        fields.len().hash(&mut h);
        for (t, w) in fields {
            t.hash(&mut h);
            w.to_bits().hash(&mut h);
        }
    }
    labels.hash(&mut h);
    for fields in queries {
        fields.len().hash(&mut h);
        for (t, w) in fields {
            t.hash(&mut h);
            w.to_bits().hash(&mut h);
        }
    }
    format!("{params:?}").hash(&mut h);
    h.finish()
}
