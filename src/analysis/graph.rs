//! The coverage graph: duties → KSBs ← modules, with each mapping as an edge.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{Coverage, KsbCode, Project};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    /// (standard index, duty index)
    Duty(usize, usize),
    /// (standard index, KSB index)
    Ksb(usize, usize),
    /// Module index.
    Module(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// A duty lists a KSB.
    Lists,
    /// A module covers a KSB; the index is the mapping's position in the project.
    Maps { coverage: Coverage, mapping: usize },
}

pub struct CoverageGraph {
    pub graph: DiGraph<Node, Edge>,
    /// KSB nodes per standard, in the standard's KSB order.
    pub ksb_nodes: Vec<Vec<NodeIndex>>,
    pub duty_nodes: Vec<Vec<NodeIndex>>,
    pub module_nodes: Vec<NodeIndex>,
    /// Mappings that name a module or KSB the project does not have.
    pub dangling: Vec<usize>,
}

impl CoverageGraph {
    pub fn build(project: &Project) -> Self {
        let n_ksb: usize = project.standards.iter().map(|s| s.ksbs.len()).sum();
        let n_duty: usize = project.standards.iter().map(|s| s.duties.len()).sum();
        let mut graph = DiGraph::with_capacity(n_ksb + n_duty + project.modules.len(), project.mappings.len());

        let mut ksb_nodes = Vec::with_capacity(project.standards.len());
        let mut duty_nodes = Vec::with_capacity(project.standards.len());
        let mut ksb_index: HashMap<(&str, KsbCode), NodeIndex> = HashMap::with_capacity(n_ksb);
        for (si, s) in project.standards.iter().enumerate() {
            let nodes: Vec<NodeIndex> = (0..s.ksbs.len()).map(|ki| graph.add_node(Node::Ksb(si, ki))).collect();
            for (k, &n) in s.ksbs.iter().zip(&nodes) {
                ksb_index.insert((s.reference.as_str(), k.code), n);
            }
            let duties: Vec<NodeIndex> = (0..s.duties.len())
                .map(|di| graph.add_node(Node::Duty(si, di)))
                .collect();
            for (d, &dn) in s.duties.iter().zip(&duties) {
                for code in &d.ksbs {
                    if let Some(&kn) = ksb_index.get(&(s.reference.as_str(), *code)) {
                        graph.add_edge(dn, kn, Edge::Lists);
                    }
                }
            }
            ksb_nodes.push(nodes);
            duty_nodes.push(duties);
        }
        let module_nodes: Vec<NodeIndex> = (0..project.modules.len())
            .map(|mi| graph.add_node(Node::Module(mi)))
            .collect();
        let module_index: HashMap<&str, NodeIndex> = project
            .modules
            .iter()
            .zip(&module_nodes)
            .map(|(m, &n)| (m.code.as_str(), n))
            .collect();

        let mut dangling = Vec::new();
        // Mappings are sorted by KSB, so look each KSB up once per run of its mappings.
        let mut last: Option<(&crate::model::KsbRef, Option<NodeIndex>)> = None;
        for (i, m) in project.mappings.iter().enumerate() {
            let ksb = match last {
                Some((r, n)) if r == &m.ksb => n,
                _ => {
                    let n = ksb_index.get(&(m.ksb.standard.as_str(), m.ksb.code)).copied();
                    last = Some((&m.ksb, n));
                    n
                }
            };
            match (module_index.get(m.module.as_str()), ksb) {
                (Some(&mn), Some(kn)) => {
                    graph.add_edge(
                        mn,
                        kn,
                        Edge::Maps {
                            coverage: m.coverage,
                            mapping: i,
                        },
                    );
                }
                _ => dangling.push(i),
            }
        }
        Self {
            graph,
            ksb_nodes,
            duty_nodes,
            module_nodes,
            dangling,
        }
    }

    /// What covers a KSB node: (module index, mapping index, coverage).
    pub fn covering(&self, ksb: NodeIndex) -> impl Iterator<Item = (usize, usize, Coverage)> + '_ {
        self.graph.edges_directed(ksb, Direction::Incoming).filter_map(|e| {
            match (*e.weight(), self.graph[e.source()]) {
                (Edge::Maps { coverage, mapping }, Node::Module(module)) => Some((module, mapping, coverage)),
                _ => None,
            }
        })
    }

    /// The KSB nodes a duty lists, along its edges.
    pub fn listed(&self, duty: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.neighbors_directed(duty, Direction::Outgoing)
    }

    /// Whether any duty lists this KSB node.
    pub fn listed_by_a_duty(&self, ksb: NodeIndex) -> bool {
        self.graph
            .edges_directed(ksb, Direction::Incoming)
            .any(|e| *e.weight() == Edge::Lists)
    }

    /// The code of the KSB a node stands for.
    pub fn ksb_code(&self, project: &Project, node: NodeIndex) -> Option<KsbCode> {
        match self.graph.node_weight(node)? {
            Node::Ksb(si, ki) => Some(project.standards.get(*si)?.ksbs.get(*ki)?.code),
            _ => None,
        }
    }

    /// How many KSBs a module node covers.
    pub fn module_degree(&self, module: NodeIndex) -> usize {
        self.graph.edges_directed(module, Direction::Outgoing).count()
    }
}
