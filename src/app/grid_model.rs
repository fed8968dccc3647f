//! The grid's columns and their groups, rebuilt once per project change so a frame only
//! reads them. Cells come from the analysis's coverage matrix, which uses the same columns.

use std::ops::Range;

use crate::analysis::{Analysis, KsbState};
use crate::model::{KsbKind, KsbRef};

use super::layout::KindFilter;

pub struct KsbColumn {
    pub ksb: KsbRef,
    /// The column in the analysis's coverage matrix (the grid may show a subset).
    pub index: usize,
    /// `K12`, ready to draw.
    pub code: String,
    pub state: KsbState,
    /// False for a KSB only options the programme did not choose need: no gap, shown muted.
    pub needed: bool,
}

pub struct ColumnGroup {
    pub columns: Range<usize>,
    pub title: String,
    pub kind: KsbKind,
}

#[derive(Default)]
pub struct GridModel {
    /// One per KSB shown, in `Analysis::ksbs` order, as the coverage matrix's columns are.
    pub columns: Vec<KsbColumn>,
    pub groups: Vec<ColumnGroup>,
    rows: usize,
    /// The kinds of KSB shown (the standards panel's Knowledge, Skills and Behaviours).
    pub kinds: KindFilter,
    /// Which cells, KSBs, duties and modules have comment threads (see `with_comments`).
    pub comments: super::comment_index::CommentIndex,
    /// The cells with a merge conflict, by (module index, grid column): each gets a badge.
    pub conflicts: std::collections::HashSet<(usize, usize)>,
}

impl GridModel {
    /// The grid of every KSB, or with `gaps_only` of the KSBs not yet fully covered on every
    /// route.
    pub fn build(analysis: &Analysis, gaps_only: bool) -> Self {
        Self::build_of_kinds(analysis, gaps_only, KindFilter::default())
    }

    /// The grid of the KSBs of the kinds `kinds` shows, gaps only or all.
    pub fn build_of_kinds(analysis: &Analysis, gaps_only: bool, kinds: KindFilter) -> Self {
        let mut columns: Vec<KsbColumn> = Vec::with_capacity(analysis.ksbs.len());
        let mut groups: Vec<ColumnGroup> = Vec::new();
        // A KSB some route through the options misses needs work too, though some module
        // covers it fully: the route-gap finding is an error.
        let mut on_some_routes = vec![false; analysis.ksbs.len()];
        for g in &analysis.routes.gaps {
            if let Some(x) = on_some_routes.get_mut(g.ksb) {
                *x = true;
            }
        }
        for (index, k) in analysis.ksbs.iter().enumerate() {
            let done = (k.state == KsbState::Full || !k.needed) && !on_some_routes[index];
            if (gaps_only && done) || !kinds.shows(k.ksb.code.kind) {
                continue;
            }
            let i = columns.len();
            let kind = k.ksb.code.kind;
            match groups.last_mut() {
                Some(g)
                    if g.kind == kind
                        && columns
                            .get(g.columns.start)
                            .is_some_and(|c| c.ksb.standard == k.ksb.standard) =>
                {
                    g.columns.end = i + 1;
                }
                _ => groups.push(ColumnGroup {
                    columns: i..i + 1,
                    title: k.ksb.standard.clone(),
                    kind,
                }),
            }
            columns.push(KsbColumn {
                ksb: k.ksb.clone(),
                index,
                code: k.ksb.code.to_string(),
                state: k.state,
                needed: k.needed,
            });
        }
        for g in &mut groups {
            let plural = match g.kind {
                KsbKind::Knowledge => "Knowledge",
                KsbKind::Skill => "Skills",
                KsbKind::Behaviour => "Behaviours",
            };
            g.title = format!("{} {plural} ({})", g.title, g.columns.len());
        }
        Self {
            columns,
            groups,
            rows: analysis.matrix.rows(),
            kinds,
            comments: Default::default(),
            conflicts: Default::default(),
        }
    }

    /// Indexes the project's comment threads against these columns.
    pub fn with_comments(mut self, project: &crate::model::Project) -> Self {
        self.comments = super::comment_index::CommentIndex::build(project, &self);
        self
    }

    /// Finds the cells of the project's merge conflicts among these columns.
    pub fn with_conflicts(mut self, project: &crate::model::Project) -> Self {
        let cells = project.merge_conflicts.iter().filter_map(|c| c.cell());
        self.conflicts = cells
            .filter_map(|(module, ksb)| Some((project.module_index(module)?, self.column_of(ksb)?)))
            .collect();
        self
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn column_of(&self, ksb: &KsbRef) -> Option<usize> {
        self.columns.iter().position(|c| &c.ksb == ksb)
    }
}

/// One row of the grid as drawn: a module, or one of the learning outcomes of an expanded
/// module (indices into `Project::modules` and `Module::outcomes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridRow {
    Module(usize),
    Outcome { module: usize, outcome: usize },
}

impl GridRow {
    /// The module the row belongs to.
    pub fn module(self) -> usize {
        match self {
            GridRow::Module(m) | GridRow::Outcome { module: m, .. } => m,
        }
    }
}

/// The grid's drawn rows. With nothing expanded, row `i` is module `i` and nothing is
/// allocated, so a frame of a large project costs what it did before outcomes had rows.
pub enum RowMap {
    Modules(usize),
    Rows(Vec<GridRow>),
}

impl RowMap {
    /// The rows for `modules` (each with its count of learning outcomes) when the modules
    /// `expanded(i)` says are open show their outcomes beneath them.
    pub fn new(outcomes: &[usize], expanded: impl Fn(usize) -> bool) -> Self {
        let open: Vec<usize> = (0..outcomes.len())
            .filter(|&m| outcomes[m] > 0 && expanded(m))
            .collect();
        if open.is_empty() {
            return RowMap::Modules(outcomes.len());
        }
        let extra: usize = open.iter().map(|&m| outcomes[m]).sum();
        let mut rows = Vec::with_capacity(outcomes.len() + extra);
        let mut open = open.into_iter().peekable();
        for (m, &n) in outcomes.iter().enumerate() {
            rows.push(GridRow::Module(m));
            if open.next_if_eq(&m).is_some() {
                rows.extend((0..n).map(|o| GridRow::Outcome { module: m, outcome: o }));
            }
        }
        RowMap::Rows(rows)
    }

    pub fn len(&self) -> usize {
        match self {
            RowMap::Modules(n) => *n,
            RowMap::Rows(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, row: usize) -> Option<GridRow> {
        match self {
            RowMap::Modules(n) => (row < *n).then_some(GridRow::Module(row)),
            RowMap::Rows(rows) => rows.get(row).copied(),
        }
    }

    /// The drawn row of a module (to scroll to it).
    pub fn row_of_module(&self, module: usize) -> usize {
        match self {
            RowMap::Modules(_) => module,
            RowMap::Rows(rows) => rows
                .iter()
                .position(|r| *r == GridRow::Module(module))
                .unwrap_or(module),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_toggles_leave_out_the_columns_of_the_other_kinds() {
        let project = crate::sample::sample_project().unwrap();
        let analysis = crate::analysis::analyse(&project);
        let all = GridModel::build(&analysis, false);
        let skills = KindFilter {
            knowledge: false,
            skills: true,
            behaviours: false,
        };
        let grid = GridModel::build_of_kinds(&analysis, false, skills);
        let want = all.columns.iter().filter(|c| c.ksb.code.kind == KsbKind::Skill).count();
        assert!(want > 0 && want < all.columns.len());
        assert_eq!(grid.columns.len(), want);
        assert!(grid.groups.iter().all(|g| g.kind == KsbKind::Skill));
        // Columns still point at their KSB in the analysis's matrix.
        for c in &grid.columns {
            assert_eq!(analysis.ksbs[c.index].ksb, c.ksb);
        }
    }

    /// K25, K26, S25 and S26 are covered fully by HSC506 alone, an option: a route without
    /// it misses them, an error, so the gaps-only grid keeps their columns.
    #[test]
    fn gaps_only_keeps_the_ksbs_some_route_misses() {
        let project = crate::sample::sample_project().unwrap();
        let analysis = crate::analysis::analyse(&project);
        let gaps = GridModel::build(&analysis, true);
        let shown: Vec<String> = gaps.columns.iter().map(|c| c.ksb.code.to_string()).collect();
        for code in ["K25", "K26", "S25", "S26", "K23"] {
            assert!(shown.contains(&code.to_string()), "{code} in {shown:?}");
        }
        assert!(!shown.contains(&"K1".to_string()), "K1 is covered on every route");
    }

    #[test]
    fn expanded_modules_are_followed_by_their_outcomes() {
        let none = RowMap::new(&[2, 0, 3], |_| false);
        assert_eq!(none.len(), 3);
        assert_eq!(none.get(2), Some(GridRow::Module(2)));
        assert_eq!(none.get(3), None);
        // Module 1 has no outcomes: expanding it shows nothing more.
        let rows = RowMap::new(&[2, 0, 3], |m| m != 0);
        assert_eq!(rows.len(), 6);
        assert_eq!(
            (0..6).filter_map(|r| rows.get(r)).collect::<Vec<_>>(),
            [
                GridRow::Module(0),
                GridRow::Module(1),
                GridRow::Module(2),
                GridRow::Outcome { module: 2, outcome: 0 },
                GridRow::Outcome { module: 2, outcome: 1 },
                GridRow::Outcome { module: 2, outcome: 2 },
            ]
        );
        assert_eq!(rows.row_of_module(2), 2);
        let first = RowMap::new(&[2, 0, 3], |m| m == 0);
        assert_eq!(first.row_of_module(1), 3);
        assert_eq!(first.get(2).map(GridRow::module), Some(0));
    }
}
