//! What the grid draws, rebuilt once per project change so a frame only reads it.

use std::ops::Range;

use crate::analysis::{Analysis, KsbState};
use crate::model::{Coverage, KsbKind, KsbRef, Project};

pub struct KsbColumn {
    pub ksb: KsbRef,
    /// `K12`, ready to draw.
    pub code: String,
    pub state: KsbState,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellMark {
    pub coverage: Coverage,
    /// A note or workplace reason is recorded.
    pub annotated: bool,
    pub assessed: bool,
}

pub struct ColumnGroup {
    pub columns: Range<usize>,
    pub title: String,
    pub kind: KsbKind,
}

#[derive(Default)]
pub struct GridModel {
    pub columns: Vec<KsbColumn>,
    pub groups: Vec<ColumnGroup>,
    rows: usize,
    /// Row-major: `cells[row * columns.len() + col]`.
    cells: Vec<Option<CellMark>>,
    /// Modules that map no KSB, flagged in their row.
    unmapped_rows: Vec<bool>,
}

impl GridModel {
    pub fn build(project: &Project, analysis: &Analysis) -> Self {
        let mut columns = Vec::with_capacity(analysis.ksbs.len());
        let mut groups: Vec<ColumnGroup> = Vec::new();
        for k in &analysis.ksbs {
            let i = columns.len();
            let kind = k.ksb.code.kind;
            match groups.last_mut() {
                Some(g)
                    if g.kind == kind
                        && columns
                            .get(g.columns.start)
                            .is_some_and(|c: &KsbColumn| c.ksb.standard == k.ksb.standard) =>
                {
                    g.columns.end = i + 1;
                }
                _ => groups.push(ColumnGroup {
                    columns: i..i + 1,
                    title: format!("{} {}", k.ksb.standard, kind.name()),
                    kind,
                }),
            }
            columns.push(KsbColumn {
                ksb: k.ksb.clone(),
                code: k.ksb.code.to_string(),
                state: k.state,
            });
        }
        for g in &mut groups {
            let n = g.columns.len();
            let plural = match g.kind {
                KsbKind::Knowledge => "Knowledge".to_string(),
                KsbKind::Skill => "Skills".to_string(),
                KsbKind::Behaviour => "Behaviours".to_string(),
            };
            let standard = g.title.split(' ').next().unwrap_or("").to_string();
            g.title = format!("{standard} {plural} ({n})");
        }
        let rows = project.modules.len();
        let mut cells = vec![None; rows * columns.len()];
        // Analysis lists KSBs in column order, each with its covering modules.
        for (col, k) in analysis.ksbs.iter().enumerate() {
            for &(row, coverage) in &k.modules {
                let m = project.mapping(&project.modules[row].code, &k.ksb);
                cells[row * columns.len() + col] = Some(CellMark {
                    coverage,
                    annotated: m.is_some_and(|m| !m.note.is_empty() || !m.workplace_reason.is_empty()),
                    assessed: m.is_some_and(|m| m.assessed),
                });
            }
        }
        let mut unmapped_rows = vec![true; rows];
        for k in &analysis.ksbs {
            for &(row, _) in &k.modules {
                unmapped_rows[row] = false;
            }
        }
        Self {
            columns,
            groups,
            rows,
            cells,
            unmapped_rows,
        }
    }

    pub fn row_is_unmapped(&self, row: usize) -> bool {
        self.unmapped_rows.get(row).copied().unwrap_or(false)
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cell(&self, row: usize, col: usize) -> Option<CellMark> {
        if row >= self.rows || col >= self.columns.len() {
            return None;
        }
        self.cells[row * self.columns.len() + col]
    }

    pub fn column_of(&self, ksb: &KsbRef) -> Option<usize> {
        self.columns.iter().position(|c| &c.ksb == ksb)
    }
}
