//! What the bundled standards teach about their own duty–KSB links: which terms of a duty go
//! with which terms of the KSBs it lists (so "safeguarding" in a module can point to a KSB
//! about "harm" though they share no word), and which KSBs duties list widely.
//!
//! Counts, not a neural model: within each standard, every (duty, KSB) pair is either linked
//! or not, and a pair of terms (one from the duty, one from the KSB) earns a weight
//! ln((linked + α) / (expected + α)), where `expected` is what each KSB's own share of its
//! standard's duties predicts (so breadth, which the prior learns, is not counted twice). The
//! prior is the same measure per KSB term and per kind against the standard's density. Pure Rust, deterministic, and retrained by `scripts/train-suggest`.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::neighbours::{self, Second};
use super::rerank::{self, Reranker};
use super::terms::Analyzer;
use crate::model::{KsbKind, Standard};

/// Smoothing: a pair of terms seen this many times is pulled halfway to "no association".
/// 8 measured best of 1, 2, 4, 6, 8 and 16 with the re-ranker on every third standard
/// (`cargo bench --bench suggest -- --quick`, with [`KEEP_PER_TERM`]), checked on all: a
/// pair two standards link by chance no longer outweighs one that many standards link.
const ALPHA: f64 = 8.0;
/// A pair of terms must be linked in this many standards to be learned: one standard's
/// quirks are not knowledge.
const MIN_STANDARDS: u32 = 2;
/// The strongest associations kept per duty term: 80 of 40, 80, 120 and 160, measured as
/// [`ALPHA`] was.
const KEEP_PER_TERM: usize = 80;
/// Weights nearer zero than this say nothing and are dropped.
const MIN_WEIGHT: f64 = 0.15;

/// One learned association of a duty (module) term with a KSB term.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Association {
    pub term: u32,
    /// Log of linked over expected: above 0 the terms go together, below 0 they do not.
    pub weight: f32,
    /// How many standards link a duty with the one term to a KSB with the other.
    pub standards: u32,
}

#[derive(Clone, Copy, Debug, Default)]
struct PairCount {
    linked: f64,
    expected: f64,
    standards: u32,
}

/// Link counts from some standards, by term; they add and subtract, so leave-one-standard-out
/// evaluation takes one standard's counts away instead of counting again.
#[derive(Clone, Default)]
pub struct Counts {
    pairs: HashMap<(u32, u32), PairCount>,
    /// Per KSB term: (linked, expected) over every duty of its standard.
    breadth: HashMap<u32, (f64, f64)>,
    kinds: [(f64, f64); 3],
    standards: u32,
}

fn kind_index(kind: KsbKind) -> usize {
    match kind {
        KsbKind::Knowledge => 0,
        KsbKind::Skill => 1,
        KsbKind::Behaviour => 2,
    }
}

impl Counts {
    /// One standard's counts. Duties that list no KSB teach nothing and are skipped.
    pub fn of(standard: &Standard, analyzer: &mut Analyzer) -> Counts {
        let mut c = Counts::default();
        let duties: Vec<(Vec<u32>, &[crate::model::KsbCode])> = standard
            .duties
            .iter()
            .filter(|d| !d.ksbs.is_empty())
            .map(|d| (analyzer.term_set(&d.text), d.ksbs.as_slice()))
            .collect();
        let ksbs: Vec<(Vec<u32>, KsbKind, crate::model::KsbCode)> = standard
            .ksbs
            .iter()
            .map(|k| (analyzer.term_set(&k.text), k.kind(), k.code))
            .collect();
        let links: usize = duties
            .iter()
            .map(|d| d.1.iter().filter(|c| ksbs.iter().any(|k| k.2 == **c)).count())
            .sum();
        let cells = duties.len() * ksbs.len();
        if links == 0 || cells == 0 {
            return c;
        }
        c.standards = 1;
        let density = links as f64 / cells as f64;
        let mut seen: HashMap<(u32, u32), ()> = HashMap::new();
        // Each KSB's own share of duties: a pair of terms is measured against it, so a KSB
        // every duty lists (its breadth, which the prior learns) does not make its terms look
        // associated with every duty's.
        let rate: Vec<f64> = ksbs
            .iter()
            .map(|k| duties.iter().filter(|d| d.1.contains(&k.2)).count() as f64 / duties.len() as f64)
            .collect();
        for (duty_terms, listed) in &duties {
            for ((ksb_terms, kind, code), &rate) in ksbs.iter().zip(&rate) {
                let linked = if listed.contains(code) { 1.0 } else { 0.0 };
                let k = &mut c.kinds[kind_index(*kind)];
                k.0 += linked;
                k.1 += density;
                for &b in ksb_terms {
                    let e = c.breadth.entry(b).or_default();
                    e.0 += linked;
                    e.1 += density;
                }
                for &a in duty_terms {
                    for &b in ksb_terms {
                        let p = c.pairs.entry((a, b)).or_default();
                        p.linked += linked;
                        p.expected += rate;
                        if linked > 0.0 && seen.insert((a, b), ()).is_none() {
                            p.standards += 1;
                        }
                    }
                }
            }
        }
        c
    }

    /// Adds (sign 1) or takes away (sign -1) another's counts.
    pub fn add(&mut self, other: &Counts, sign: f64) {
        for (key, p) in &other.pairs {
            let e = self.pairs.entry(*key).or_default();
            e.linked += sign * p.linked;
            e.expected += sign * p.expected;
            e.standards = if sign > 0.0 {
                e.standards + p.standards
            } else {
                e.standards.saturating_sub(p.standards)
            };
        }
        for (key, b) in &other.breadth {
            let e = self.breadth.entry(*key).or_default();
            e.0 += sign * b.0;
            e.1 += sign * b.1;
        }
        for (k, o) in self.kinds.iter_mut().zip(other.kinds) {
            k.0 += sign * o.0;
            k.1 += sign * o.1;
        }
        self.standards = if sign > 0.0 {
            self.standards + other.standards
        } else {
            self.standards.saturating_sub(other.standards)
        };
    }
}

fn log_lift(linked: f64, expected: f64) -> f64 {
    ((linked.max(0.0) + ALPHA) / (expected.max(0.0) + ALPHA)).ln()
}

/// A KSB term's name, its weight and how many standards link it, while a model is built.
type NamedPair<'a> = (&'a str, f64, u32);

/// The learned associations and priors, by term name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    names: Vec<String>,
    ids: HashMap<String, u32>,
    /// Per duty term, its KSB terms, sorted by term.
    assoc: Vec<Vec<Association>>,
    /// Per KSB term: how much more (above 0) or less than its standard's density duties list
    /// KSBs that use it.
    breadth: Vec<f32>,
    /// The same per kind of KSB (knowledge, skill, behaviour).
    kinds: [f32; 3],
    /// How many standards it learned from.
    pub standards: u32,
    /// The learned re-ranker that joins the rankings, when trained; else reciprocal rank fusion.
    pub reranker: Option<Reranker>,
    /// Term vectors learned from the links, when trained.
    pub embedding: Option<super::embed::Embedding>,
}

impl Model {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        self.assoc.push(Vec::new());
        self.breadth.push(0.0);
        id
    }

    /// The model the counts hold; term ids are the analyser's that made the counts.
    pub fn from_counts(counts: &Counts, analyzer: &Analyzer) -> Model {
        let mut m = Model {
            standards: counts.standards,
            ..Model::default()
        };
        for (k, c) in m.kinds.iter_mut().zip(counts.kinds) {
            *k = log_lift(c.0, c.1) as f32;
        }
        let mut breadth: Vec<(&str, f64)> = counts
            .breadth
            .iter()
            .filter(|(_, b)| b.1 > 0.5)
            .filter_map(|(t, b)| Some((analyzer.name(*t)?, log_lift(b.0, b.1))))
            .filter(|(_, w)| w.abs() >= MIN_WEIGHT)
            .collect();
        breadth.sort_by(|a, b| a.0.cmp(b.0));
        for (name, w) in breadth {
            let id = m.intern(name);
            if let Some(b) = m.breadth.get_mut(id as usize) {
                *b = w as f32;
            }
        }
        let mut by_duty_term: HashMap<u32, Vec<(u32, f64, u32)>> = HashMap::new();
        for (&(a, b), p) in &counts.pairs {
            if p.standards < MIN_STANDARDS {
                continue;
            }
            let w = log_lift(p.linked, p.expected);
            // Only terms that go together: on the held-out standards, keeping the negative
            // associations as well ranked worse.
            if w >= MIN_WEIGHT {
                by_duty_term.entry(a).or_default().push((b, w, p.standards));
            }
        }
        let mut named: Vec<(&str, Vec<NamedPair<'_>>)> = by_duty_term
            .into_iter()
            .filter_map(|(a, list)| {
                let list = list
                    .into_iter()
                    .filter_map(|(b, w, n)| Some((analyzer.name(b)?, w, n)))
                    .collect();
                Some((analyzer.name(a)?, list))
            })
            .collect();
        named.sort_by(|x, y| x.0.cmp(y.0));
        for (a, mut list) in named {
            // The strongest, ties by name, so the file is the same on every run.
            list.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(y.0)));
            list.truncate(KEEP_PER_TERM);
            list.sort_by(|x, y| x.0.cmp(y.0));
            let a = m.intern(a);
            for (b, w, n) in list {
                let b = m.intern(b);
                m.push(a, b, w as f32, n);
            }
        }
        m.finish();
        m
    }

    fn push(&mut self, a: u32, term: u32, weight: f32, standards: u32) {
        if let Some(list) = self.assoc.get_mut(a as usize) {
            list.push(Association {
                term,
                weight,
                standards,
            });
        }
    }

    fn finish(&mut self) {
        for list in &mut self.assoc {
            list.sort_by_key(|x| x.term);
        }
    }

    pub fn id(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    pub fn name(&self, term: u32) -> &str {
        self.names.get(term as usize).map_or("", String::as_str)
    }

    pub fn associations(&self, duty_term: u32) -> &[Association] {
        self.assoc.get(duty_term as usize).map_or(&[], Vec::as_slice)
    }

    /// The association of a duty term with a KSB term, if learned.
    pub fn association(&self, duty_term: u32, ksb_term: u32) -> Option<Association> {
        let list = self.associations(duty_term);
        let i = list.binary_search_by_key(&ksb_term, |x| x.term).ok()?;
        list.get(i).copied()
    }

    pub fn breadth(&self, ksb_term: u32) -> f32 {
        self.breadth.get(ksb_term as usize).copied().unwrap_or(0.0)
    }

    pub fn kind_prior(&self, kind: KsbKind) -> f32 {
        self.kinds.get(kind_index(kind)).copied().unwrap_or(0.0)
    }

    pub fn term_count(&self) -> usize {
        self.names.len()
    }

    /// The model as text, one fact a line, sorted: the same standards give the same file.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Suggestion model learned from the bundled standards' duty-KSB links."
        );
        let _ = writeln!(
            out,
            "# Written by scripts/train-suggest; retrain rather than change it by hand."
        );
        let _ = writeln!(out, "standards\t{}", self.standards);
        for (kind, w) in KsbKind::ALL.iter().zip(self.kinds) {
            let _ = writeln!(out, "kind\t{}\t{w:.4}", kind.letter());
        }
        if let Some(r) = &self.reranker {
            for (name, w) in rerank::NAMES.iter().zip(r.weights) {
                let _ = writeln!(out, "rerank\t{name}\t{w:.6}");
            }
            let _ = writeln!(out, "calibrate\t{:.6}\t{:.6}", r.scale, r.offset);
            if let Some(n) = &r.second {
                for (name, w) in neighbours::NAMES.iter().zip(n.weights) {
                    let _ = writeln!(out, "neighbours\t{name}\t{w:.6}");
                }
                let _ = writeln!(out, "calibrate_neighbours\t{:.6}\t{:.6}", n.scale, n.offset);
            }
        }
        for (name, duty, ksb) in self.embedding.iter().flat_map(|e| e.rows()) {
            let numbers = |v: &[f32]| v.iter().map(|x| format!("{x:.3}")).collect::<Vec<_>>().join(" ");
            let _ = writeln!(out, "vector\t{name}\t{}\t{}", numbers(duty), numbers(ksb));
        }
        let mut breadth: Vec<(&String, f32)> = self
            .names
            .iter()
            .zip(self.breadth.iter().copied())
            .filter(|b| b.1 != 0.0)
            .collect();
        breadth.sort_by(|x, y| x.0.cmp(y.0));
        for (name, w) in breadth {
            let _ = writeln!(out, "breadth\t{name}\t{w:.4}");
        }
        // By name, not id: a model read back (ids in the file's order) writes the same text.
        let mut pairs: Vec<(&str, &str, f32, u32)> = self
            .assoc
            .iter()
            .enumerate()
            .flat_map(|(a, list)| {
                list.iter()
                    .map(move |x| (self.name(a as u32), self.name(x.term), x.weight, x.standards))
            })
            .collect();
        pairs.sort_by(|x, y| x.0.cmp(y.0).then(x.1.cmp(y.1)));
        for (a, b, w, n) in pairs {
            let _ = writeln!(out, "pair\t{a}\t{b}\t{w:.4}\t{n}");
        }
        out
    }

    /// Reads [`Model::to_text`]'s output; a bad line is an error naming it.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut m = Model::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = || format!("line {}: cannot read {line:?}", n + 1);
            let num = |s: Option<&&str>| s.and_then(|s| s.parse::<f32>().ok());
            match f.as_slice() {
                ["standards", v] => m.standards = v.parse().map_err(|_| bad())?,
                ["kind", k, w] => {
                    let i = match *k {
                        "K" => 0,
                        "S" => 1,
                        "B" => 2,
                        _ => return Err(bad()),
                    };
                    if let Some(slot) = m.kinds.get_mut(i) {
                        *slot = num(Some(w)).ok_or_else(bad)?;
                    }
                }
                ["rerank", name, w] => {
                    let i = rerank::NAMES.iter().position(|n| n == name).ok_or_else(bad)?;
                    let w = num(Some(w)).ok_or_else(bad)?;
                    let r = m.reranker.get_or_insert_with(Reranker::default);
                    if let Some(slot) = r.weights.get_mut(i) {
                        *slot = w;
                    }
                }
                ["neighbours", name, w] => {
                    let i = neighbours::NAMES.iter().position(|n| n == name).ok_or_else(bad)?;
                    let w = num(Some(w)).ok_or_else(bad)?;
                    let r = m.reranker.get_or_insert_with(Reranker::default);
                    if let Some(slot) = r.second.get_or_insert_with(Second::default).weights.get_mut(i) {
                        *slot = w;
                    }
                }
                ["calibrate_neighbours", a, b] => {
                    let r = m.reranker.get_or_insert_with(Reranker::default);
                    let n = r.second.get_or_insert_with(Second::default);
                    n.scale = num(Some(a)).ok_or_else(bad)?;
                    n.offset = num(Some(b)).ok_or_else(bad)?;
                }
                ["calibrate", a, b] => {
                    let r = m.reranker.get_or_insert_with(Reranker::default);
                    r.scale = num(Some(a)).ok_or_else(bad)?;
                    r.offset = num(Some(b)).ok_or_else(bad)?;
                }
                ["vector", name, duty, ksb] => {
                    let vector = |s: &str| -> Option<super::embed::Vector> {
                        let v: Vec<f32> = s.split(' ').map(|x| x.parse().ok()).collect::<Option<_>>()?;
                        v.try_into().ok()
                    };
                    let (duty, ksb) = (vector(duty).ok_or_else(bad)?, vector(ksb).ok_or_else(bad)?);
                    m.embedding.get_or_insert_with(Default::default).push(name, duty, ksb);
                }
                ["breadth", name, w] => {
                    let w = num(Some(w)).ok_or_else(bad)?;
                    let id = m.intern(name);
                    if let Some(b) = m.breadth.get_mut(id as usize) {
                        *b = w;
                    }
                }
                ["pair", a, b, w, s] => {
                    let w = num(Some(w)).ok_or_else(bad)?;
                    let s: u32 = s.parse().map_err(|_| bad())?;
                    let (a, b) = (m.intern(a), m.intern(b));
                    m.push(a, b, w, s);
                }
                _ => return Err(bad()),
            }
        }
        m.finish();
        Ok(m)
    }
}

/// The standards to learn from, each reference once: its last version (in the order given,
/// oldest first) whose duties list KSBs. Versions of one standard repeat each other, and
/// counting them twice would let a standard vouch for itself.
pub fn one_per_reference(standards: impl IntoIterator<Item = Standard>) -> Vec<Standard> {
    let mut out: Vec<Standard> = Vec::new();
    for s in standards {
        if !s.duties.iter().any(|d| !d.ksbs.is_empty()) {
            continue;
        }
        if out.last().is_some_and(|l| l.reference == s.reference) {
            out.pop();
        }
        out.push(s);
    }
    out
}

/// The model built into the binary (`assets/suggest-model.tsv`), read once.
pub fn builtin() -> std::sync::Arc<Model> {
    static MODEL: std::sync::OnceLock<std::sync::Arc<Model>> = std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| {
            std::sync::Arc::new(Model::parse(include_str!("../../assets/suggest-model.tsv")).unwrap_or_default())
        })
        .clone()
}
