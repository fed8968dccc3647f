//! The coverage graph: duties → KSBs ← modules, with each mapping as an edge.
//!
//! Held as flat arrays indexed by integer ids rather than as a general graph: KSBs are
//! numbered across standards in `Project::ksb_refs` order, modules in project order, and each
//! KSB's incoming mapping edges sit together in one array. A dense 600 × 120 programme has
//! 72,000 edges, and walking them as slices rather than linked edge lists, with no hashing per
//! mapping, is what keeps its analysis within a few milliseconds.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Coverage, KsbCode, KsbRef, Project};

/// A mapping edge into a KSB: which module, which mapping of the project, how fully.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cover {
    pub module: usize,
    pub mapping: usize,
    pub coverage: Coverage,
}

pub struct CoverageGraph {
    /// Where each standard's KSB ids start; a standard's KSBs are numbered in its order.
    pub ksb_offsets: Vec<usize>,
    /// The mapping edges, grouped by KSB id: KSB `k`'s are `covers[cover_starts[k]..cover_starts[k + 1]]`.
    covers: Vec<Cover>,
    cover_starts: Vec<usize>,
    /// Per KSB id, whether some duty lists it.
    listed: Vec<bool>,
    /// Per standard, per duty: the KSB ids it lists, as its edges lead.
    pub duty_ksbs: Vec<Vec<Vec<usize>>>,
    /// How many KSBs each module covers (its edges).
    degrees: Vec<usize>,
    /// Mappings that name a module or KSB the project does not have.
    pub dangling: Vec<usize>,
}

impl CoverageGraph {
    pub fn build(project: &Project) -> Self {
        let n_ksb: usize = project.standards.iter().map(|s| s.ksbs.len()).sum();
        let mut ksb_offsets = Vec::with_capacity(project.standards.len());
        let mut listed = vec![false; n_ksb];
        let mut duty_ksbs = Vec::with_capacity(project.standards.len());
        // A later KSB or standard of the same name takes the place of an earlier one.
        let mut ksb_index: HashMap<(&str, KsbCode), usize> = HashMap::with_capacity(n_ksb);
        let mut offset = 0;
        for s in &project.standards {
            ksb_offsets.push(offset);
            for (ki, k) in s.ksbs.iter().enumerate() {
                ksb_index.insert((s.reference.as_str(), k.code), offset + ki);
            }
            let duties: Vec<Vec<usize>> = s
                .duties
                .iter()
                .map(|d| {
                    d.ksbs
                        .iter()
                        .filter_map(|code| ksb_index.get(&(s.reference.as_str(), *code)).copied())
                        .inspect(|&k| listed[k] = true)
                        .collect()
                })
                .collect();
            duty_ksbs.push(duties);
            offset += s.ksbs.len();
        }

        // Module codes in code order, for a binary search per mapping instead of a hash; of
        // two modules with one code the later counts, as it did when this was a map.
        let mut by_code: Vec<(&str, usize)> = project
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.code.as_str(), i))
            .collect();
        by_code.sort_unstable();
        by_code.dedup_by(|later, first| {
            let same = later.0 == first.0;
            if same {
                first.1 = later.1;
            }
            same
        });
        // The place in `by_code` of a module code. Mappings of one KSB come in module-code
        // order, so the place after the last one found is a good first guess.
        let place_of = |code: &str, guess: usize| -> Option<usize> {
            match by_code.get(guess) {
                Some(&(c, _)) if same(c, code) => Some(guess),
                _ => by_code.binary_search_by(|(c, _)| (*c).cmp(code)).ok(),
            }
        };

        let mut dangling = Vec::new();
        let mut edges: Vec<(usize, Cover)> = Vec::with_capacity(project.mappings.len());
        let mut per_ksb = vec![0usize; n_ksb + 1];
        let mut degrees = vec![0usize; project.modules.len()];
        // Mappings are sorted by KSB, so look each KSB up once per run of its mappings.
        let mut last: Option<(&KsbRef, Option<usize>)> = None;
        let mut guess = 0;
        for (i, m) in project.mappings.iter().enumerate() {
            let ksb = match last {
                Some((r, k)) if r.code == m.ksb.code && same(&r.standard, &m.ksb.standard) => k,
                _ => {
                    let k = ksb_index.get(&(m.ksb.standard.as_str(), m.ksb.code)).copied();
                    last = Some((&m.ksb, k));
                    guess = 0;
                    k
                }
            };
            let place = place_of(&m.module, guess);
            match (place, ksb) {
                (Some(place), Some(k)) => {
                    guess = place + 1;
                    let module = by_code[place].1;
                    per_ksb[k + 1] += 1;
                    degrees[module] += 1;
                    edges.push((
                        k,
                        Cover {
                            module,
                            mapping: i,
                            coverage: m.coverage,
                        },
                    ));
                }
                _ => dangling.push(i),
            }
        }
        // Group the edges by KSB id (a counting sort; each KSB's keep their mapping order).
        for k in 0..n_ksb {
            per_ksb[k + 1] += per_ksb[k];
        }
        let cover_starts = per_ksb.clone();
        let mut next = per_ksb;
        let blank = Cover {
            module: 0,
            mapping: 0,
            coverage: Coverage::Partial,
        };
        let mut covers = vec![blank; edges.len()];
        for (k, c) in edges {
            covers[next[k]] = c;
            next[k] += 1;
        }
        Self {
            ksb_offsets,
            covers,
            cover_starts,
            listed,
            duty_ksbs,
            degrees,
            dangling,
        }
    }

    /// How many KSB ids there are, across standards.
    pub fn ksb_count(&self) -> usize {
        self.listed.len()
    }

    fn range(&self, ksb: usize) -> Range<usize> {
        let start = self.cover_starts.get(ksb).copied().unwrap_or(0);
        let end = self.cover_starts.get(ksb + 1).copied().unwrap_or(start);
        start..end
    }

    /// What covers a KSB, in mapping order.
    pub fn covering(&self, ksb: usize) -> &[Cover] {
        self.covers.get(self.range(ksb)).unwrap_or_default()
    }

    /// Whether any duty lists this KSB.
    pub fn listed_by_a_duty(&self, ksb: usize) -> bool {
        self.listed.get(ksb).copied().unwrap_or(false)
    }

    /// How many KSBs a module covers.
    pub fn module_degree(&self, module: usize) -> usize {
        self.degrees.get(module).copied().unwrap_or(0)
    }
}

/// String equality for the short codes compared once per mapping, without a call to `memcmp`
/// (a quarter of a dense programme's analysis went there).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}
