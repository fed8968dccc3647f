//! Mapping suggestions: which KSBs a module's texts point to, and why.
//!
//! Lexical and offline: BM25 over the KSB statements (and the duties that list them), with
//! Snowball English stems, stop words and the domain's synonyms; a module's title,
//! description and learning outcomes are the query. KSBs of a duty belong together, so a KSB
//! whose duty-mates the module already maps ranks higher. Every suggestion carries its score
//! and evidence. Suggestions never change the mapping: a person accepts or dismisses them.

mod engine;
pub mod eval;
mod index;
mod terms;

use std::collections::HashMap;

pub use engine::{Engine, Evidence, Query};
pub use index::Params;

use crate::model::{KsbCode, KsbRef, Module, Project};

/// One suggested cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub module: String,
    pub ksb: KsbRef,
    /// 0 to 1: how strongly the texts agree.
    pub score: f32,
    pub evidence: Evidence,
    /// KSBs of the same duty that the module already maps, when they raised the score.
    pub duty_mates: Vec<KsbCode>,
}

/// How many suggestions to make, and from which score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// At most this many per module.
    pub top: usize,
    /// None below this score.
    pub min_score: f32,
    pub params: Params,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            top: 5,
            min_score: 0.3,
            params: Params::default(),
        }
    }
}

/// A raw BM25 score of this size reads as 0.5.
const HALF_SCORE: f32 = 6.0;

/// A raw score as 0 to 1.
fn normalise(raw: f32) -> f32 {
    if raw <= 0.0 { 0.0 } else { raw / (raw + HALF_SCORE) }
}

/// The suggestions for a project, per module in the project's order, best first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggestions {
    pub by_module: Vec<Vec<Suggestion>>,
}

impl Suggestions {
    /// Every suggestion, module by module, best first.
    pub fn iter(&self) -> impl Iterator<Item = &Suggestion> {
        self.by_module.iter().flatten()
    }

    pub fn len(&self) -> usize {
        self.by_module.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The suggestion for a cell, by the module's index in the project.
    pub fn get(&self, module: usize, ksb: &KsbRef) -> Option<&Suggestion> {
        self.by_module.get(module)?.iter().find(|s| &s.ksb == ksb)
    }

    /// The modules suggested for a KSB, best first.
    pub fn for_ksb(&self, ksb: &KsbRef) -> Vec<&Suggestion> {
        let mut out: Vec<&Suggestion> = self.iter().filter(|s| &s.ksb == ksb).collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out
    }
}

/// The texts of a module that suggestions read, each with its weight.
pub fn module_texts<'a>(module: &'a Module, params: &Params) -> Vec<(&'a str, f32)> {
    let mut out = vec![(module.title.as_str(), params.title_weight)];
    if !module.description.trim().is_empty() {
        out.push((module.description.as_str(), 1.0));
    }
    out
}

/// The suggestions for every module of the project: its best KSBs that are neither mapped
/// to it nor dismissed for it. Deterministic: the same project gives the same suggestions.
pub fn suggest(project: &Project, options: &Options) -> Suggestions {
    let params = options.params;
    let refs: Vec<KsbRef> = project.ksb_refs().collect();
    let place: HashMap<&KsbRef, usize> = refs.iter().enumerate().map(|(i, r)| (r, i)).collect();
    // Each duty as its KSBs' places, and each KSB's duties.
    let mut duties: Vec<Vec<usize>> = Vec::new();
    let mut duties_of: Vec<Vec<usize>> = vec![Vec::new(); refs.len()];
    let mut docs: Vec<Vec<(String, f32)>> = refs
        .iter()
        .map(|r| vec![(project.ksb_text(r).to_string(), 1.0)])
        .collect();
    for s in &project.standards {
        for d in &s.duties {
            let members: Vec<usize> = d
                .ksbs
                .iter()
                .filter_map(|c| place.get(&KsbRef::new(s.reference.clone(), *c)).copied())
                .collect();
            for &k in &members {
                if let Some(fields) = docs.get_mut(k) {
                    fields.push((d.text.clone(), params.duty_weight));
                }
                if let Some(of) = duties_of.get_mut(k) {
                    of.push(duties.len());
                }
            }
            duties.push(members);
        }
    }
    let modules: HashMap<&str, usize> = project
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.code.as_str(), i))
        .collect();
    // Per module, the KSBs it maps or dismissed, as sorted places.
    let mut taken: Vec<Vec<usize>> = vec![Vec::new(); project.modules.len()];
    let mut mapped: Vec<Vec<usize>> = vec![Vec::new(); project.modules.len()];
    for m in project.mappings.iter() {
        if let (Some(&mi), Some(&k)) = (modules.get(m.module.as_str()), place.get(&m.ksb)) {
            mapped.get_mut(mi).into_iter().for_each(|v| v.push(k));
        }
    }
    for (mi, v) in mapped.iter_mut().enumerate() {
        v.sort_unstable();
        v.dedup();
        if let Some(t) = taken.get_mut(mi) {
            t.clone_from(v);
        }
    }
    for d in &project.dismissed {
        if let (Some(&mi), Some(&k)) = (modules.get(d.module.as_str()), place.get(&d.ksb)) {
            taken.get_mut(mi).into_iter().for_each(|v| v.push(k));
        }
    }
    taken.iter_mut().for_each(|v| v.sort_unstable());
    let mut engine = Engine::new(params, docs);
    let mut scores = Vec::new();
    let mut share = vec![0.0f32; duties.len()];
    let mut by_module = Vec::with_capacity(project.modules.len());
    for (mi, module) in project.modules.iter().enumerate() {
        let query = engine.query(&module_texts(module, &params));
        engine.scores(&query, &mut scores);
        let mapped = mapped.get(mi).map_or(&[][..], |v| v.as_slice());
        let taken = taken.get(mi).map_or(&[][..], |v| v.as_slice());
        // The share of each duty the module maps already.
        for (d, members) in duties.iter().enumerate() {
            let n = members.iter().filter(|k| mapped.binary_search(k).is_ok()).count();
            if let Some(s) = share.get_mut(d) {
                *s = if members.is_empty() { 0.0 } else { n as f32 / members.len() as f32 };
            }
        }
        let mut candidates: Vec<(usize, f32, f32)> = Vec::new();
        for (k, &raw) in scores.iter().enumerate() {
            if raw <= 0.0 || taken.binary_search(&k).is_ok() {
                continue;
            }
            let best_share = duties_of
                .get(k)
                .map_or(0.0, |ds| ds.iter().filter_map(|&d| share.get(d)).fold(0.0f32, |a, &b| a.max(b)));
            let boosted = raw * (1.0 + params.duty_boost * best_share);
            candidates.push((k, normalise(boosted), best_share));
        }
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut list = Vec::new();
        for (k, score, best_share) in candidates.into_iter().take(options.top) {
            if score < options.min_score {
                break;
            }
            let Some(r) = refs.get(k) else { continue };
            let evidence = engine.explain(&query, k);
            if evidence.terms.is_empty() {
                continue;
            }
            let mut duty_mates: Vec<KsbCode> = if best_share > 0.0 {
                duties_of
                    .get(k)
                    .into_iter()
                    .flatten()
                    .filter_map(|&d| duties.get(d))
                    .flatten()
                    .filter(|&&j| j != k && mapped.binary_search(&j).is_ok())
                    .filter_map(|&j| refs.get(j).map(|r| r.code))
                    .collect()
            } else {
                Vec::new()
            };
            duty_mates.sort();
            duty_mates.dedup();
            list.push(Suggestion {
                module: module.code.clone(),
                ksb: r.clone(),
                score,
                evidence,
                duty_mates,
            });
        }
        by_module.push(list);
    }
    Suggestions { by_module }
}
