//! The engine: KSB texts indexed once, queries (a module's texts) ranked against them, and
//! each match explained by the terms and sentences it rests on.

use std::sync::Arc;

use super::fuse::{Fused, Learned, Signals};
use super::index::{Analysed, Field, Index, Params};
use super::learned::Model;
pub use super::rerank::columns;
use super::sentence::best_sentence;
use super::terms::Analyzer;
use crate::model::KsbCode;

/// Why a KSB was suggested for a module: the terms both texts share, strongest first, and
/// the sentence on each side that holds most of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// Shared terms as words: "wellbeing", or "safeguarding / protection" when the two sides
    /// use different words the synonyms join.
    pub terms: Vec<String>,
    pub module_sentence: String,
    /// Byte ranges of the shared words in `module_sentence`.
    pub module_marks: Vec<(usize, usize)>,
    pub ksb_sentence: String,
    /// Byte ranges of the shared words in `ksb_sentence`.
    pub ksb_marks: Vec<(usize, usize)>,
    /// Where `ksb_sentence` comes from when it is not the KSB's statement, such as "duty D3".
    pub ksb_source: String,
    /// Learned associations of a module word with a KSB word that share no stem, strongest
    /// first; each is also in `terms` as "safeguarding ≈ harm".
    pub learned: Vec<LearnedTerm>,
}

/// A module word and a KSB word that the bundled standards' duty–KSB links join.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LearnedTerm {
    pub module_word: String,
    pub ksb_word: String,
    /// How many bundled standards link a duty using the one to a KSB using the other.
    pub standards: u32,
}

/// A query made ready: its analysed texts and its term weights.
pub struct Query {
    texts: Vec<String>,
    analysed: Analysed,
    terms: Vec<(u32, f32)>,
    /// The terms in the learned model's ids, for its side of the ranking.
    learned: Vec<(u32, f32)>,
    /// Each of those terms' first word in the texts, for the evidence.
    learned_words: Vec<(u32, String)>,
    /// The module's vector in the model's embedding, of length 1.
    vector: Option<super::embed::Vector>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The KSB statements (and what else describes each KSB), indexed for ranking.
pub struct Engine {
    analyzer: Analyzer,
    texts: Vec<Vec<String>>,
    /// Per document, per field, where the text comes from ("" for the KSB's statement).
    labels: Vec<Vec<String>>,
    docs: Vec<Analysed>,
    index: Index,
    params: Params,
    learned: Option<Learned>,
    /// Per document, the distinct terms of its first field (the KSB's own statement), sorted.
    statement_terms: Vec<Vec<u32>>,
    /// Per analyser term known when the model was added, its id in the model (`u32::MAX` for
    /// none): a look-up where a term's name hashed was a tenth of indexing a large programme.
    model_ids: Vec<u32>,
}

impl Engine {
    /// Indexes documents, each a list of (text, weight) fields.
    pub fn new(params: Params, docs: Vec<Vec<(String, f32)>>) -> Self {
        Self::labelled(params, docs, Vec::new())
    }

    /// Indexes documents, each a list of (text, weight) fields, with a label per field that
    /// the evidence names when its sentence comes from there ("" for none).
    pub fn labelled(params: Params, docs: Vec<Vec<(String, f32)>>, labels: Vec<Vec<String>>) -> Self {
        let mut analyzer = Analyzer::new();
        let mut cache = std::collections::HashMap::new();
        let analysed: Vec<Analysed> = docs
            .iter()
            .map(|fields| {
                let f: Vec<Field<'_>> = fields
                    .iter()
                    .map(|(text, weight)| Field { text, weight: *weight })
                    .collect();
                Analysed::cached(&mut analyzer, &mut cache, &f)
            })
            .collect();
        // Words that only queries use get ids past the index's terms and score nothing.
        let index = Index::new(params, &analysed, analyzer.term_count());
        let statement_terms = analysed
            .iter()
            .map(|d| {
                let mut t: Vec<u32> = d
                    .fields
                    .first()
                    .into_iter()
                    .flat_map(|f| &f.0)
                    .map(|t| t.term)
                    .collect();
                t.sort_unstable();
                t.dedup();
                t
            })
            .collect();
        Engine {
            statement_terms,
            analyzer,
            labels,
            texts: docs
                .into_iter()
                .map(|f| f.into_iter().map(|(t, _)| t).collect())
                .collect(),
            docs: analysed,
            index,
            params,
            learned: None,
            model_ids: Vec::new(),
        }
    }

    /// Adds the learned side: the model, and each document's standard (any number naming it)
    /// and code, for its kind's prior and its neighbours. Only a document's first field (the
    /// KSB's own statement) is read, as in training.
    pub fn with_model(mut self, model: Arc<Model>, codes: &[(u32, KsbCode)]) -> Self {
        self.model_ids = (0..self.analyzer.term_count() as u32)
            .map(|t| self.analyzer.name(t).and_then(|n| model.id(n)).unwrap_or(u32::MAX))
            .collect();
        let docs = self
            .docs
            .iter()
            .map(|d| {
                let mut terms: Vec<u32> = d
                    .fields
                    .first()
                    .into_iter()
                    .flat_map(|(tokens, _)| tokens)
                    .filter_map(|t| self.model_id(&model, t.term))
                    .collect();
                terms.sort_unstable();
                terms.dedup();
                terms
            })
            .collect();
        let vectors = self
            .docs
            .iter()
            .map(|d| {
                let e = model.embedding.as_ref()?;
                let tokens = d.fields.first().into_iter().flat_map(|(tokens, _)| tokens);
                e.ksb_vector(tokens.filter_map(|t| self.analyzer.name(t.term)))
            })
            .collect();
        self.learned = Some(Learned::new(model, docs, vectors, codes));
        self
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn query(&mut self, fields: &[(&str, f32)]) -> Query {
        let f: Vec<Field<'_>> = fields.iter().map(|&(text, weight)| Field { text, weight }).collect();
        let analysed = Analysed::new(&mut self.analyzer, &f);
        let terms = self.index.query(&analysed);
        let texts: Vec<String> = fields.iter().map(|f| f.0.to_string()).collect();
        let (learned, learned_words) = match &self.learned {
            Some(l) => (
                terms
                    .iter()
                    .filter_map(|&(t, w)| Some((self.model_id(&l.model, t)?, w)))
                    .collect(),
                self.model_words(&l.model, &analysed, &texts, usize::MAX),
            ),
            None => (Vec::new(), Vec::new()),
        };
        let vector = self.learned.as_ref().and_then(|l| {
            let e = l.model.embedding.as_ref()?;
            let names = terms.iter().filter_map(|&(t, _)| self.analyzer.name(t));
            e.duty_vector(names).map(super::embed::unit)
        });
        Query {
            texts,
            analysed,
            terms,
            learned,
            learned_words,
            vector,
        }
    }

    /// Every document's score for the query, in document order, into `out`.
    pub fn scores(&self, query: &Query, out: &mut Vec<f32>) {
        self.index.score_with_feedback(&query.terms, out);
    }

    /// Each document's learned association score for the query (above 0: the model
    /// associates its terms with the query's), into `out`; empty without a model.
    pub fn learned_scores(&self, query: &Query, out: &mut Vec<f32>) {
        out.clear();
        if let Some(l) = &self.learned {
            l.scores(&query.learned, out);
        }
    }

    /// The final ranking's scores, 0 to 1, from the lexical scores (BM25, perhaps raised by
    /// duty mates) and the learned ones: re-ranked (or fused by rank) with the prior when
    /// there is a model, else the lexical scores as they are. `columns` holds each
    /// document's best lexical and learned scores over every module (see [`columns`]).
    pub fn fused(
        &self,
        query: &Query,
        lexical: &[f32],
        learned: &[f32],
        columns: &[super::rerank::Column],
        fused: &mut Fused,
    ) {
        let Some(l) = &self.learned else {
            fused.first.clear();
            fused.scores.clear();
            fused.scores.extend_from_slice(lexical);
            return;
        };
        let covered = self.with_signals(l, query, (lexical, learned, columns), |signals| {
            l.fuse(&self.params, signals, fused);
        });
        let out = &mut fused.scores;
        // A statement the module restates (every term of three or more) is what the module
        // says it teaches: it goes first, whatever the model expects of duties.
        let best = out.iter().copied().fold(0.0f32, f32::max);
        for ((s, c), terms) in out.iter_mut().zip(&covered).zip(&self.statement_terms) {
            if *c >= 1.0 && terms.len() >= 3 && best < 1.0 {
                *s = best + (1.0 - best) * (0.5 + 0.5 * *s);
            }
        }
    }

    /// The neighbours of document `doc` in its standard (K6 and K8 beside K7) that the
    /// re-ranker's first stage found likely for the module (`first`, from [`Engine::fused`]):
    /// what raised it in the second stage.
    pub fn likely_neighbours(&self, doc: usize, first: &[f32]) -> Vec<usize> {
        let Some(l) = &self.learned else {
            return Vec::new();
        };
        let lift = l.neighbour_lift(doc);
        l.links(doc)
            .into_iter()
            .flatten()
            .map(|j| j as usize)
            .filter(|&j| first.get(j).is_some_and(|&p| p * lift >= super::neighbours::NAMED_LIFT))
            .collect()
    }

    /// Per document, the share of its statement's terms that the query has: 1 when a module
    /// restates the KSB.
    fn covered(&self, query: &Query) -> Vec<f32> {
        let size = query.terms.iter().map(|t| t.0 as usize + 1).max().unwrap_or(0);
        let mut has = vec![false; size];
        for t in &query.terms {
            if let Some(h) = has.get_mut(t.0 as usize) {
                *h = true;
            }
        }
        self.statement_terms
            .iter()
            .map(|terms| {
                let n = terms
                    .iter()
                    .filter(|&&t| has.get(t as usize).copied().unwrap_or(false))
                    .count();
                n as f32 / terms.len().max(1) as f32
            })
            .collect()
    }

    /// The re-ranker's features of every document (empty without a model).
    pub fn features(
        &self,
        query: &Query,
        lexical: &[f32],
        learned: &[f32],
        columns: &[super::rerank::Column],
        out: &mut Vec<super::rerank::Features>,
    ) {
        out.clear();
        if let Some(l) = &self.learned {
            self.with_signals(l, query, (lexical, learned, columns), |signals| {
                l.features(signals, out)
            });
        }
    }

    /// Calls `then` with the query's [`Signals`]; gives back each statement's share covered.
    fn with_signals(
        &self,
        l: &Learned,
        query: &Query,
        (lexical, learned, columns): (&[f32], &[f32], &[super::rerank::Column]),
        then: impl FnOnce(&Signals<'_>),
    ) -> Vec<f32> {
        let covered = self.covered(query);
        let embedded = l.embedded(query.vector.as_ref());
        then(&Signals {
            lexical,
            learned,
            columns,
            covered: &covered,
            embedded: &embedded,
        });
        covered
    }

    /// Whether a model's ranking takes part.
    pub fn is_learned(&self) -> bool {
        self.learned.is_some()
    }

    /// The shared terms and sentences behind document `doc`'s score for the query.
    pub fn explain(&self, query: &Query, doc: usize) -> Evidence {
        let parts = self.index.parts(&query.terms, doc);
        let weight = |term: u32| parts.iter().find(|p| p.0 == term).map_or(0.0, |p| p.1);
        let Some(d) = self.docs.get(doc) else {
            return Evidence::default();
        };
        let (module_sentence, module_marks, module_words, _) = best_sentence(&query.analysed, &query.texts, &weight);
        let doc_texts = self.texts.get(doc).map_or(&[][..], |t| t.as_slice());
        let (ksb_sentence, ksb_marks, ksb_words, field) = best_sentence(d, doc_texts, &weight);
        let terms = parts
            .iter()
            .filter_map(|&(term, _)| {
                let m = module_words.iter().find(|w| w.0 == term);
                let k = ksb_words.iter().find(|w| w.0 == term);
                match (m, k) {
                    // Different stems under one term: a synonym, so show both words.
                    (Some(m), Some(k)) if m.1 != k.1 => Some(format!("{} / {}", m.2, k.2)),
                    (Some(m), _) => Some(m.2.clone()),
                    (None, Some(k)) => Some(k.2.clone()),
                    (None, None) => None,
                }
            })
            .collect();
        let learned = self.learned_terms(query, doc);
        // No word shared, only learned associations: the sentences holding their words, so
        // the evidence never shows an empty sentence on either side.
        let (mut module_sentence, mut ksb_sentence, mut field) = (module_sentence, ksb_sentence, field);
        if let Some(l) = learned.first() {
            if module_sentence.is_empty() {
                module_sentence = sentence_with(&query.texts, &l.module_word);
            }
            if ksb_sentence.is_empty() {
                ksb_sentence = sentence_with(doc_texts.get(..1).unwrap_or_default(), &l.ksb_word);
                field = 0;
            }
        }
        let mut terms: Vec<String> = terms;
        terms.extend(learned.iter().map(|l| {
            format!(
                "{} ≈ {} (learned from {} standards)",
                l.module_word, l.ksb_word, l.standards
            )
        }));
        Evidence {
            learned,
            terms,
            module_sentence,
            module_marks,
            ksb_sentence,
            ksb_marks,
            ksb_source: self
                .labels
                .get(doc)
                .and_then(|l| l.get(field))
                .cloned()
                .unwrap_or_default(),
        }
    }
}

/// The first sentence of `texts` that has `word` (as a word, any case), else the first one.
fn sentence_with(texts: &[String], word: &str) -> String {
    let all = texts.iter().flat_map(|t| {
        super::terms::sentences(t)
            .into_iter()
            .filter_map(move |(a, b)| t.get(a..b))
    });
    let has = |s: &&str| super::terms::words(s).any(|(_, _, w)| w == word);
    let mut first = None;
    for s in all {
        if has(&s) {
            return s.trim().to_string();
        }
        first.get_or_insert(s);
    }
    first.unwrap_or_default().trim().to_string()
}

impl Engine {
    /// The strongest learned associations behind document `doc`'s score, as words: at most
    /// three, only pairs of different terms (a shared term is shown as shared).
    fn learned_terms(&self, query: &Query, doc: usize) -> Vec<LearnedTerm> {
        let Some(l) = &self.learned else {
            return Vec::new();
        };
        let doc_texts = self.texts.get(doc).map_or(&[][..], |t| t.as_slice());
        let Some(d) = self.docs.get(doc) else {
            return Vec::new();
        };
        let ksb_words = self.model_words(&l.model, d, doc_texts, 1);
        let mut out: Vec<LearnedTerm> = Vec::new();
        for p in l.explain(&query.learned, doc) {
            if out.len() >= 3 {
                break;
            }
            if p.module_term == p.ksb_term {
                continue;
            }
            let word = |words: &[(u32, String)], term: u32| words.iter().find(|w| w.0 == term).map(|w| w.1.clone());
            let (Some(m), Some(k)) = (word(&query.learned_words, p.module_term), word(&ksb_words, p.ksb_term)) else {
                continue;
            };
            if out.iter().any(|o| o.module_word == m && o.ksb_word == k) {
                continue;
            }
            out.push(LearnedTerm {
                module_word: m,
                ksb_word: k,
                standards: p.standards,
            });
        }
        out
    }
}

impl Engine {
    /// Analyser term `t`'s id in the model: from the table, else (a word only queries use)
    /// by its name.
    fn model_id(&self, model: &Model, t: u32) -> Option<u32> {
        match self.model_ids.get(t as usize) {
            Some(&id) => (id != u32::MAX).then_some(id),
            None => model.id(self.analyzer.name(t)?),
        }
    }

    /// Each model term of the first `fields` fields, with the first word (lower case) that
    /// stands for it: what the evidence shows of a learned association.
    fn model_words(&self, model: &Model, analysed: &Analysed, texts: &[String], fields: usize) -> Vec<(u32, String)> {
        let mut out: Vec<(u32, String)> = Vec::new();
        for (f, (tokens, _)) in analysed.fields.iter().take(fields).enumerate() {
            let text = texts.get(f).map_or("", String::as_str);
            for t in tokens {
                let Some(id) = self.model_id(model, t.term) else {
                    continue;
                };
                if out.iter().any(|w| w.0 == id) {
                    continue;
                }
                if let Some(word) = text.get(t.start as usize..t.end as usize) {
                    out.push((id, word.to_lowercase()));
                }
            }
        }
        out
    }
}
