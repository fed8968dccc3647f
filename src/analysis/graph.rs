//! The coverage graph: duties → KSBs ← modules, with each mapping as an edge.
//!
//! Held as petgraph's compressed sparse row graph, so that each node's edges sit together in
//! one slice: a dense 600 × 120 programme has 72,000 edges, and walking them as slices, with
//! no hashing per mapping, keeps its analysis within a few milliseconds. A row holds a node's
//! outgoing edges, so edges point from what is needed to what provides it: a duty to the KSBs
//! it lists, a KSB to the modules that cover it.
//!
//! Nodes are numbered in three runs: KSBs (across standards, in `Project::ksb_refs` order),
//! then modules (in module-code order, which is the order a KSB's mappings come in), then
//! duties.

use std::collections::HashMap;

use petgraph::Directed;
use petgraph::csr::Csr;

use crate::model::{Coverage, KsbCode, KsbRef, Project};

/// A mapping edge into a KSB: which module, which mapping of the project, how fully.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cover {
    pub module: usize,
    pub mapping: usize,
    pub coverage: Coverage,
}

/// What an edge of the graph says. Kept to eight bytes, with `u32` node ids: building the
/// graph copies every edge, and a dense programme has tens of thousands. Project files are
/// bounded in size far below four billion of anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// A KSB is covered by the target module, through the project's mapping of this index.
    CoveredBy { mapping: u32, coverage: Coverage },
    /// A duty lists the target KSB.
    Lists,
}

pub struct CoverageGraph {
    graph: Csr<(), Edge, Directed, u32>,
    /// The project index of each module node, in node order (module-code order).
    module_of_node: Vec<usize>,
    /// The node id of the first module.
    first_module: usize,
    /// Where each standard's KSB ids start; a standard's KSBs are numbered in its order.
    pub ksb_offsets: Vec<usize>,
    /// Where each standard's duty nodes start.
    duty_offsets: Vec<usize>,
    /// Per KSB id, whether some duty lists it.
    listed: Vec<bool>,
    /// How many KSBs each module (by project index) covers.
    degrees: Vec<usize>,
    /// Mappings that name a module or KSB the project does not have.
    pub dangling: Vec<usize>,
}

impl CoverageGraph {
    pub fn build(project: &Project) -> Self {
        let n_ksb: usize = project.standards.iter().map(|s| s.ksbs.len()).sum();
        let mut ksb_offsets = Vec::with_capacity(project.standards.len());
        // A later KSB or standard of the same name takes the place of an earlier one.
        let mut ksb_index: HashMap<(&str, KsbCode), usize> = HashMap::with_capacity(n_ksb);
        let mut offset = 0;
        for s in &project.standards {
            ksb_offsets.push(offset);
            for (ki, k) in s.ksbs.iter().enumerate() {
                ksb_index.insert((s.reference.as_str(), k.code), offset + ki);
            }
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
        let module_node = |place: usize| n_ksb + place;
        let first_duty = n_ksb + by_code.len();

        let mut dangling = Vec::new();
        let mut edges: Vec<(u32, u32, Edge)> = Vec::with_capacity(project.mappings.len());
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
            match (
                place,
                ksb.and_then(id),
                id(module_node(place.unwrap_or(0))),
                u32::try_from(i),
            ) {
                (Some(place), Some(k), Some(node), Ok(mapping)) => {
                    guess = place + 1;
                    degrees[by_code[place].1] += 1;
                    let coverage = m.coverage;
                    edges.push((k, node, Edge::CoveredBy { mapping, coverage }));
                }
                _ => dangling.push(i),
            }
        }
        // Rows come in node order. Mappings sort by reference and code, which is KSB-id order
        // whenever the standards are listed by reference and their KSBs by code, as usual;
        // otherwise gather each KSB's edges in one run with a counting sort, keeping each
        // KSB's own edges in mapping order, which is module-code order.
        let mut edges = if edges.windows(2).all(|w| w[0].0 <= w[1].0) {
            edges
        } else {
            gather_by_ksb(edges, n_ksb)
        };

        let mut listed = vec![false; n_ksb];
        let mut duty_offsets = Vec::with_capacity(project.standards.len());
        let mut duty = first_duty;
        for s in &project.standards {
            duty_offsets.push(duty);
            for d in &s.duties {
                let mut ids: Vec<usize> = d
                    .ksbs
                    .iter()
                    .filter_map(|code| ksb_index.get(&(s.reference.as_str(), *code)).copied())
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                for k in ids {
                    listed[k] = true;
                    if let (Some(d), Some(k)) = (id(duty), id(k)) {
                        edges.push((d, k, Edge::Lists));
                    }
                }
                duty += 1;
            }
        }
        // Sorted by construction; should a project break the mapping order, sort and retry.
        let graph = match Csr::from_sorted_edges(&edges) {
            Ok(g) => g,
            Err(_) => {
                edges.sort_by_key(|&(a, b, _)| (a, b));
                edges.dedup_by_key(|&mut (a, b, _)| (a, b));
                Csr::from_sorted_edges(&edges).unwrap_or_default()
            }
        };
        Self {
            graph,
            module_of_node: by_code.iter().map(|&(_, i)| i).collect(),
            first_module: n_ksb,
            ksb_offsets,
            duty_offsets,
            listed,
            degrees,
            dangling,
        }
    }

    /// A node's outgoing edges; none for a node past the last one with edges.
    fn out(&self, node: usize) -> (&[u32], &[Edge]) {
        match id(node) {
            Some(n) if node < self.graph.node_count() => (self.graph.neighbors_slice(n), self.graph.edges_slice(n)),
            _ => (&[], &[]),
        }
    }

    /// How many KSB ids there are, across standards.
    pub fn ksb_count(&self) -> usize {
        self.listed.len()
    }

    /// What covers a KSB, in module-code order.
    pub fn covering(&self, ksb: usize) -> impl Iterator<Item = Cover> + '_ {
        let (targets, edges) = self.ksb_edges(ksb);
        targets.iter().zip(edges).filter_map(|(&t, e)| match *e {
            Edge::CoveredBy { mapping, coverage } => Some(Cover {
                module: *self.module_of_node.get((t as usize).checked_sub(self.first_module)?)?,
                mapping: mapping as usize,
                coverage,
            }),
            Edge::Lists => None,
        })
    }

    /// How many mappings cover a KSB.
    pub fn cover_count(&self, ksb: usize) -> usize {
        self.ksb_edges(ksb).1.len()
    }

    fn ksb_edges(&self, ksb: usize) -> (&[u32], &[Edge]) {
        if ksb < self.listed.len() {
            self.out(ksb)
        } else {
            (&[], &[])
        }
    }

    /// The KSB ids a duty lists (`duty` indexes the standard's duties), in KSB order.
    pub fn duty_ksbs(&self, standard: usize, duty: usize) -> impl Iterator<Item = usize> + '_ {
        let node = self
            .duty_offsets
            .get(standard)
            .map_or(usize::MAX, |o| o.saturating_add(duty));
        self.out(node).0.iter().map(|&k| k as usize)
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

/// The edges grouped by their KSB (source) id, each group in its original order.
fn gather_by_ksb(edges: Vec<(u32, u32, Edge)>, n_ksb: usize) -> Vec<(u32, u32, Edge)> {
    let mut starts = vec![0usize; n_ksb + 1];
    for &(k, _, _) in &edges {
        starts[k as usize + 1] += 1;
    }
    for k in 0..n_ksb {
        starts[k + 1] += starts[k];
    }
    let mut sorted = vec![(0, 0, Edge::Lists); edges.len()];
    for e in edges {
        let k = e.0 as usize;
        sorted[starts[k]] = e;
        starts[k] += 1;
    }
    sorted
}

/// A node id, when it fits the graph's `u32` ids.
fn id(n: usize) -> Option<u32> {
    u32::try_from(n).ok()
}

/// String equality for the short codes compared once per mapping, without a call to `memcmp`
/// (a quarter of a dense programme's analysis went there).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KsbKind, Mapping};

    /// A second standard listed after ST0215 but sorting before it: its mappings come first in
    /// the project's order, though its KSB ids come last, so the edges must be regrouped.
    #[test]
    fn standards_listed_out_of_reference_order_keep_each_ksbs_covers() {
        let mut p = crate::sample::sample_project().unwrap();
        let mut early = p.standards[0].clone();
        early.reference = "ST0001".into();
        p.standards.push(early);
        let k1 = KsbCode::new(KsbKind::Knowledge, 1);
        p.set_mapping(Mapping::new("HSC404", KsbRef::new("ST0001", k1), Coverage::Partial));
        let g = CoverageGraph::build(&p);
        let ids = |s: &str, code: KsbCode| {
            let si = p.standards.iter().position(|x| x.reference == s).unwrap();
            g.ksb_offsets[si] + p.standards[si].ksbs.iter().position(|k| k.code == code).unwrap()
        };
        let hsc404 = p.module_index("HSC404").unwrap();
        let covers: Vec<Cover> = g.covering(ids("ST0001", k1)).collect();
        assert_eq!(covers.len(), 1);
        assert_eq!((covers[0].module, covers[0].coverage), (hsc404, Coverage::Partial));
        // ST0215's own KSBs keep exactly the modules the project maps to them.
        for k in &p.standards[0].ksbs {
            let r = KsbRef::new("ST0215", k.code);
            let mut want: Vec<usize> = p
                .mappings
                .iter()
                .filter(|m| m.ksb == r)
                .map(|m| p.module_index(&m.module).unwrap())
                .collect();
            let mut got: Vec<usize> = g.covering(ids("ST0215", k.code)).map(|c| c.module).collect();
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "{r}");
        }
        // Both standards' duties still lead to their own KSBs.
        assert!(g.duty_ksbs(1, 0).all(|k| k >= g.ksb_offsets[1]));
        assert!(g.duty_ksbs(0, 0).all(|k| k < g.ksb_offsets[1]));
        assert!(g.duty_ksbs(0, 0).next().is_some());
    }
}
