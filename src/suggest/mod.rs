//! Mapping suggestions: which KSBs a module's texts point to, and why.
//!
//! Lexical and offline: BM25 over the KSB statements (and the duties that list them), with
//! Snowball English stems, stop words and the domain's synonyms; a module's title,
//! description and learning outcomes are the query. KSBs of a duty belong together, so a KSB
//! whose duty-mates the module already maps ranks higher. Every suggestion carries its score
//! and evidence. Suggestions never change the mapping: a person accepts or dismisses them.

mod columns;
pub mod embed;
mod engine;
pub mod eval;
pub mod folds;
mod fuse;
mod index;
pub mod learned;
mod listing;
mod listwise;
mod meaning;
pub mod neighbours;
pub mod rerank;
mod sentence;
mod terms;

use std::collections::HashMap;

use listing::{Context, Marks, per_module};

pub use engine::{Engine, Evidence, LearnedTerm, Query};
pub use fuse::Fused;
pub use index::Params;
pub use meaning::Meaning;

use crate::model::{KsbCode, KsbRef, Module, Project};

/// One suggested cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub module: String,
    pub ksb: KsbRef,
    /// 0 to 1: how strongly the texts agree.
    pub score: f32,
    pub evidence: Evidence,
    /// KSBs of the same duty that the module already maps, when they raised the score: the
    /// duty of the KSB's that the module maps most of.
    pub duty_mates: Vec<KsbCode>,
    /// That duty's code ("D2"), when there are mates.
    pub mates_duty: Option<String>,
    /// The KSB's neighbours in its standard (K6 and K8 beside K7) that are likely for the
    /// module too: standards tend to list neighbouring statements under one duty, so they
    /// raised the score. A regularity of how standards are written, not of the texts.
    pub neighbours: Vec<KsbCode>,
}

impl Suggestion {
    /// "Same duty (D2) as K5 and K34", when the module maps others of the KSB's duty.
    pub fn duty_mates_note(&self) -> Option<String> {
        let codes: Vec<String> = self.duty_mates.iter().map(|c| c.to_string()).collect();
        let duty = self
            .mates_duty
            .as_deref()
            .map_or_else(String::new, |d| format!(" ({d})"));
        (!codes.is_empty()).then(|| format!("Same duty{duty} as {}", codes.join(", ")))
    }

    /// "Next to K6 and K8 in the standard, which also look likely for this module", when its
    /// neighbours raised it.
    pub fn neighbours_note(&self) -> Option<String> {
        let codes: Vec<String> = self.neighbours.iter().map(|c| c.to_string()).collect();
        let verb = if codes.len() == 1 { "looks" } else { "look" };
        (!codes.is_empty()).then(|| {
            format!(
                "Next to {} in the standard, which also {verb} likely for this module",
                codes.join(" and ")
            )
        })
    }
}

/// Why a neighbour can raise a suggestion, for the words beside [`Suggestion::neighbours_note`].
pub const NEIGHBOURS_WHY: &str = "standards often list neighbouring statements under one duty";

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

/// One module's scores before the final ranking.
struct Scored {
    /// BM25's.
    scores: Vec<f32>,
    /// Each KSB's best share of a duty the module maps.
    best_share: Vec<f32>,
    /// BM25's, raised by duty mates.
    boosted: Vec<f32>,
    /// The learned associations'.
    assoc: Vec<f32>,
}

/// The suggestions for a project, per module in the project's order, best first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggestions {
    pub by_module: Vec<Vec<Suggestion>>,
    /// Per module, the score of every KSB it could be suggested (over the floor, listed in
    /// `by_module` or not), best first.
    pub scores_by_module: Vec<Vec<f32>>,
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

    /// How many KSBs a module could be suggested with a score of at least `threshold`,
    /// beyond the few `by_module` lists: what "accept all above" maps.
    pub fn count_above(&self, module: usize, threshold: f32) -> usize {
        self.scores_by_module
            .get(module)
            .map_or(0, |s| s.partition_point(|&x| x >= threshold))
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
    // Learning outcomes say what the module teaches, in the same register as KSBs.
    out.extend(module.outcomes.iter().map(|lo| (lo.text.as_str(), 1.0)));
    out
}

/// The suggestions for every module of the project: its best KSBs that are neither mapped
/// to it nor dismissed for it. Deterministic: the same project gives the same suggestions.
pub fn suggest(project: &Project, options: &Options) -> Suggestions {
    Suggester::default().suggest(project, options)
}

/// Suggestions rerun after each edit: the indexed texts are kept while no text changes, so
/// an edit to the mapping only re-ranks.
#[derive(Default)]
pub struct Suggester {
    /// A hash of every text and weight the index was built from, the index, and the queries.
    cached: Option<(u64, Engine, Vec<Query>)>,
}

impl Suggester {
    pub fn suggest(&mut self, project: &Project, options: &Options) -> Suggestions {
        suggest_cached(project, options, &mut self.cached)
    }
}

fn suggest_cached(project: &Project, options: &Options, cached: &mut Option<(u64, Engine, Vec<Query>)>) -> Suggestions {
    let params = options.params;
    let refs: Vec<KsbRef> = project.ksb_refs().collect();
    let place: HashMap<&KsbRef, usize> = refs.iter().enumerate().map(|(i, r)| (r, i)).collect();
    // Each duty as its KSBs' places, and each KSB's duties.
    let mut duties: Vec<Vec<usize>> = Vec::new();
    let mut duty_codes: Vec<String> = Vec::new();
    let mut duties_of: Vec<Vec<usize>> = vec![Vec::new(); refs.len()];
    let mut docs: Vec<Vec<(String, f32)>> = refs
        .iter()
        .map(|r| vec![(project.ksb_text(r).to_string(), 1.0)])
        .collect();
    let mut labels: Vec<Vec<String>> = vec![vec![String::new()]; refs.len()];
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
                if let Some(l) = labels.get_mut(k) {
                    l.push(format!("duty {}", d.code));
                }
                if let Some(of) = duties_of.get_mut(k) {
                    of.push(duties.len());
                }
            }
            duties.push(members);
            duty_codes.push(d.code.clone());
        }
    }
    // A KSB listed under many duties (behaviours often are under all) must not take all their
    // words: the duty weight is shared among its duties.
    for fields in &mut docs {
        let n = fields.len().saturating_sub(1).max(1) as f32;
        for f in fields.iter_mut().skip(1) {
            f.1 /= n;
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
    let module_fields: Vec<Vec<(&str, f32)>> = project.modules.iter().map(|m| module_texts(m, &params)).collect();
    // The codes too: the re-ranker's neighbours come from them.
    let key = index::texts_key(&docs, &labels, &module_fields, &params) ^ codes_key(&refs);
    if cached.as_ref().is_none_or(|c| c.0 != key) {
        // Each KSB's standard by its place in the project, for its neighbours.
        let standard: HashMap<&str, u32> = project
            .standards
            .iter()
            .enumerate()
            .map(|(i, s)| (s.reference.as_str(), i as u32))
            .collect();
        let codes: Vec<(u32, KsbCode)> = refs
            .iter()
            .map(|r| (standard.get(r.standard.as_str()).copied().unwrap_or(u32::MAX), r.code))
            .collect();
        let mut engine = Engine::labelled(params, docs, labels).with_model(learned::builtin(), &codes);
        let queries = module_fields.iter().map(|f| engine.query(f)).collect();
        *cached = Some((key, engine, queries));
    }
    let Some((_, engine, queries)) = cached.as_ref() else {
        return Suggestions::default();
    };
    // First every module's lexical and learned scores: the re-ranker reads each KSB's best
    // match over all modules (a KSB is taught somewhere, most likely where it matches best).
    // Modules are independent here and below, so they are worked out in parallel, each
    // thread with its own buffers; the results keep the modules' order.
    let ctx = Context {
        options,
        engine,
        refs: &refs,
        duties: &duties,
        duty_codes: &duty_codes,
        duties_of: &duties_of,
        mapped: &mapped,
        taken: &taken,
    };
    let (modules, work) = (project.modules.len(), project.modules.len() * refs.len());
    let scored: Vec<Option<Scored>> = per_module(
        modules,
        work,
        || (vec![0.0f32; duties.len()], Marks::new(refs.len())),
        |(share, marks), mi| Some(ctx.scored(queries.get(mi)?, mi, share, marks)),
    );
    let columns = engine::columns(
        scored
            .iter()
            .flatten()
            .map(|s| (s.boosted.as_slice(), s.assoc.as_slice())),
    );
    let (by_module, scores_by_module) = per_module(
        modules,
        work,
        || (Fused::default(), Marks::new(refs.len()), Marks::new(refs.len())),
        |(fused, mapped, taken), mi| match (project.modules.get(mi), queries.get(mi), scored.get(mi)) {
            (Some(module), Some(query), Some(Some(s))) => {
                ctx.listed(module, mi, query, s, &columns, fused, [mapped, taken])
            }
            _ => Default::default(),
        },
    )
    .into_iter()
    .unzip();
    Suggestions {
        by_module,
        scores_by_module,
    }
}

/// A hash of the KSBs' standards and codes, in order.
fn codes_key(refs: &[KsbRef]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    refs.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests;
