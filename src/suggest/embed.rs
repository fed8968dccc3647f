//! A small embedding learned from the catalogue's duty–KSB links: each term gets a vector on
//! the duty side and one on the KSB side, a text is the mean of its terms' vectors, and the
//! vectors are trained so that, within each standard, a duty's vector points at the KSBs it
//! lists (listwise softmax over the standard's KSBs). Where the learned associations join
//! two terms that standards link, the embedding also joins terms that link to the same
//! things, so a module word with few links of its own still reaches its KSBs.
//!
//! Pure Rust and deterministic: a fixed start, a fixed order and AdaGrad steps, so the same
//! standards give the same vectors.

use std::collections::HashMap;

use super::terms::Analyzer;
use crate::model::Standard;

/// The vectors' length.
pub const DIM: usize = 32;
/// Passes over the training standards: 5 measured best of 3, 5, 10, 20 and 30 on every third
/// standard (`cargo bench --bench suggest -- --quick`), checked on all. More passes fit the
/// training standards' own links.
const EPOCHS: usize = 5;
/// AdaGrad's step.
const RATE: f32 = 0.2;
/// The pull of every vector towards 0 at each step: 0.003 measured best of 0.0001, 0.001,
/// 0.003, 0.01 and 0.03, as [`EPOCHS`] was.
const DECAY: f32 = 0.003;
/// A term must appear in this many standards to get a vector.
const MIN_STANDARDS: usize = 2;

pub type Vector = [f32; DIM];

/// One standard ready to learn from: its duties' terms with the KSBs each lists, and its
/// KSBs' terms (analyser ids, distinct).
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    duties: Vec<(Vec<u32>, Vec<usize>)>,
    ksbs: Vec<Vec<u32>>,
}

impl Prepared {
    pub fn of(standard: &Standard, analyzer: &mut Analyzer) -> Prepared {
        let ksbs: Vec<Vec<u32>> = standard.ksbs.iter().map(|k| analyzer.term_set(&k.text)).collect();
        let duties = standard
            .duties
            .iter()
            .map(|d| {
                let listed: Vec<usize> = standard
                    .ksbs
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| d.ksbs.contains(&k.code))
                    .map(|(i, _)| i)
                    .collect();
                (analyzer.term_set(&d.text), listed)
            })
            .filter(|d| !d.1.is_empty())
            .collect();
        Prepared { duties, ksbs }
    }
}

/// Term vectors by term name, for the duty (module) side and the KSB side.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Embedding {
    ids: HashMap<String, u32>,
    names: Vec<String>,
    duty: Vec<Vector>,
    ksb: Vec<Vector>,
}

fn mean<'a>(rows: impl Iterator<Item = &'a Vector>) -> Option<Vector> {
    let mut v = [0.0f32; DIM];
    let mut n = 0usize;
    for r in rows {
        for (a, b) in v.iter_mut().zip(r) {
            *a += b;
        }
        n += 1;
    }
    (n > 0).then(|| v.map(|x| x / n as f32))
}

fn distinct<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = names.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// In eight lanes, which the compiler keeps in vector registers: a 600 × 120 programme
/// takes 72,000 of these per suggestion run.
pub fn dot(a: &Vector, b: &Vector) -> f32 {
    let mut lanes = [0.0f32; 8];
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for (l, (p, q)) in lanes.iter_mut().zip(x.iter().zip(y)) {
            *l += p * q;
        }
    }
    lanes.iter().sum()
}

/// `v` scaled to length 1 (as it is when it has no length).
pub fn unit(v: Vector) -> Vector {
    let n = dot(&v, &v).sqrt();
    if n > 0.0 { v.map(|x| x / n) } else { v }
}

impl Embedding {
    /// A module text's vector from its terms' names: the mean of their duty-side vectors,
    /// each term once, summed in the names' order (so the same text gives the same bits).
    pub fn duty_vector<'a>(&self, names: impl Iterator<Item = &'a str>) -> Option<Vector> {
        self.mean_of(&self.duty, names)
    }

    /// A KSB statement's vector from its terms' names, as [`Embedding::duty_vector`].
    pub fn ksb_vector<'a>(&self, names: impl Iterator<Item = &'a str>) -> Option<Vector> {
        self.mean_of(&self.ksb, names)
    }

    fn mean_of<'a>(&self, side: &[Vector], names: impl Iterator<Item = &'a str>) -> Option<Vector> {
        mean(
            distinct(names)
                .into_iter()
                .filter_map(|n| side.get(*self.ids.get(n)? as usize)),
        )
    }

    /// Each term's name with its duty-side and KSB-side vectors, by name.
    pub fn rows(&self) -> impl Iterator<Item = (&str, &Vector, &Vector)> {
        self.names
            .iter()
            .zip(self.duty.iter().zip(&self.ksb))
            .map(|(n, (d, k))| (n.as_str(), d, k))
    }

    /// Adds a term's vectors, as a model file lists them.
    pub fn push(&mut self, name: &str, duty: Vector, ksb: Vector) {
        self.ids.insert(name.to_string(), self.names.len() as u32);
        self.names.push(name.to_string());
        self.duty.push(duty);
        self.ksb.push(ksb);
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Trains on some standards; term ids are `analyzer`'s.
    pub fn train(standards: &[&Prepared], analyzer: &Analyzer) -> Embedding {
        let vocab = vocabulary(standards, analyzer);
        let v = vocab.len();
        let local: HashMap<u32, u32> = vocab.iter().zip(0..).map(|(&(_, t), i)| (t, i)).collect();
        // Duty-side rows first, then the KSB side's.
        let side = |terms: &[u32], off: usize| -> Vec<u32> {
            terms.iter().filter_map(|t| Some(*local.get(t)? + off as u32)).collect()
        };
        let standards: Vec<Prepared> = standards
            .iter()
            .map(|s| Prepared {
                duties: s.duties.iter().map(|d| (side(&d.0, 0), d.1.clone())).collect(),
                ksbs: s.ksbs.iter().map(|k| side(k, v)).collect(),
            })
            .collect();
        let mut tables = Tables::new(2 * v);
        for _ in 0..EPOCHS {
            for s in &standards {
                for (terms, listed) in &s.duties {
                    tables.learn(terms, listed, &s.ksbs);
                }
            }
        }
        let Tables { mut rows, .. } = tables;
        let ksb = rows.split_off(v.min(rows.len()));
        let names: Vec<String> = vocab.iter().map(|v| v.0.to_string()).collect();
        Embedding {
            ids: names.iter().enumerate().map(|(i, n)| (n.clone(), i as u32)).collect(),
            names,
            duty: rows,
            ksb,
        }
    }
}

/// The terms of at least [`MIN_STANDARDS`] of the standards, by name, with their ids.
fn vocabulary<'a>(standards: &[&Prepared], analyzer: &'a Analyzer) -> Vec<(&'a str, u32)> {
    let mut seen: HashMap<u32, usize> = HashMap::new();
    for s in standards {
        let mut terms: Vec<u32> = s
            .ksbs
            .iter()
            .flatten()
            .chain(s.duties.iter().flat_map(|d| &d.0))
            .copied()
            .collect();
        terms.sort_unstable();
        terms.dedup();
        for t in terms {
            *seen.entry(t).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = seen
        .iter()
        .filter(|(_, n)| **n >= MIN_STANDARDS)
        .filter_map(|(&t, _)| Some((analyzer.name(t)?, t)))
        .collect();
    vocab.sort_unstable();
    vocab
}

/// The vectors while they learn, with each row's sum of squared steps (AdaGrad's).
struct Tables {
    rows: Vec<Vector>,
    sums: Vec<f32>,
}

impl Tables {
    /// Small values from a fixed xorshift sequence, so training repeats exactly.
    fn new(n: usize) -> Tables {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut random = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            ((state >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * 0.2
        };
        Tables {
            rows: (0..n).map(|_| [0.0; DIM].map(|_| random())).collect(),
            sums: vec![1e-8; n],
        }
    }

    fn mean(&self, terms: &[u32]) -> Option<Vector> {
        mean(terms.iter().filter_map(|&t| self.rows.get(t as usize)))
    }

    fn step(&mut self, terms: &[u32], grad: &Vector) {
        for &t in terms {
            let (Some(row), Some(sum)) = (self.rows.get_mut(t as usize), self.sums.get_mut(t as usize)) else {
                continue;
            };
            let g: Vector = std::array::from_fn(|i| grad[i] + DECAY * row[i]);
            *sum += dot(&g, &g) / DIM as f32;
            let r = RATE / sum.sqrt();
            for (x, gi) in row.iter_mut().zip(g) {
                *x -= r * gi;
            }
        }
    }

    /// One step of the listwise softmax loss for one duty: its standard's KSBs are the
    /// choices, and the ones it lists share the target.
    fn learn(&mut self, terms: &[u32], listed: &[usize], ksbs: &[Vec<u32>]) {
        let Some(q) = self.mean(terms) else {
            return;
        };
        let kv: Vec<Vector> = ksbs.iter().map(|k| self.mean(k).unwrap_or([0.0; DIM])).collect();
        let s: Vec<f32> = kv.iter().map(|v| dot(&q, v)).collect();
        let max = s.iter().copied().fold(f32::MIN, f32::max);
        let e: Vec<f32> = s.iter().map(|x| (x - max).exp()).collect();
        let z: f32 = e.iter().sum();
        let share = 1.0 / listed.len().max(1) as f32;
        let g: Vec<f32> = (0..e.len())
            .map(|k| e.get(k).map_or(0.0, |x| x / z) - if listed.contains(&k) { share } else { 0.0 })
            .collect();
        let mut gq = [0.0f32; DIM];
        for (gk, v) in g.iter().zip(&kv) {
            for (a, b) in gq.iter_mut().zip(v) {
                *a += gk * b;
            }
        }
        for (gk, terms) in g.iter().zip(ksbs) {
            let n = terms.len().max(1) as f32;
            self.step(terms, &q.map(|x| gk * x / n));
        }
        let n = terms.len().max(1) as f32;
        self.step(terms, &gq.map(|x| x / n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three standards alike: a duty about harm lists the safeguarding KSB, one about
    /// invoices the billing KSB. The first alone has a KSB about zebras.
    fn standards(a: &mut Analyzer) -> Vec<Prepared> {
        (0..3)
            .map(|i| {
                let mut ksbs = vec![a.term_set("safeguarding policy"), a.term_set("billing and payments")];
                if i == 0 {
                    ksbs.push(a.term_set("zebra husbandry"));
                }
                Prepared {
                    duties: vec![
                        (a.term_set("protect people from harm"), vec![0]),
                        (a.term_set("raise invoices for customers"), vec![1]),
                    ],
                    ksbs,
                }
            })
            .collect()
    }

    fn names(a: &mut Analyzer, text: &str) -> Vec<String> {
        a.term_set(text)
            .into_iter()
            .filter_map(|t| a.name(t).map(str::to_string))
            .collect()
    }

    #[test]
    fn a_duty_points_at_the_ksbs_it_lists_and_training_repeats_exactly() {
        let mut a = Analyzer::new();
        let s = standards(&mut a);
        let [harm, invoices, safeguarding, billing, zebra] = [
            "protect from harm",
            "invoices",
            "safeguarding",
            "billing payments",
            "zebra",
        ]
        .map(|t| names(&mut a, t));
        let refs: Vec<&Prepared> = s.iter().collect();
        let e = Embedding::train(&refs, &a);
        let duty = |n: &[String]| e.duty_vector(n.iter().map(String::as_str)).map(unit);
        let ksb = |n: &[String]| e.ksb_vector(n.iter().map(String::as_str));
        let (Some(h), Some(i), Some(s), Some(b)) = (duty(&harm), duty(&invoices), ksb(&safeguarding), ksb(&billing))
        else {
            panic!("every word of two standards has a vector");
        };
        assert!(dot(&h, &s) > dot(&h, &b) + 0.5, "{} {}", dot(&h, &s), dot(&h, &b));
        assert!(dot(&i, &b) > dot(&i, &s) + 0.5, "{} {}", dot(&i, &b), dot(&i, &s));
        // One standard's word is not learned.
        assert_eq!(ksb(&zebra), None);
        assert_eq!(Embedding::train(&refs, &a), e);
    }
}
