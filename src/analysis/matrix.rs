//! The module × KSB matrix: the one view of who covers what that the grid and every report read.

use crate::model::{Coverage, Mapping};

/// What one cell of the matrix shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellMark {
    pub coverage: Coverage,
    pub taught: bool,
    pub assessed: bool,
    /// A note or a workplace reason is recorded.
    pub annotated: bool,
    /// Marked for review (carried to a reworded KSB by a standard's migration).
    pub review: bool,
}

impl CellMark {
    /// The mark of a mapping; `assessed` as its module's assessments say (see
    /// [`crate::model::mapping_assessed`]).
    pub fn of(m: &Mapping, assessed: bool) -> Self {
        Self {
            coverage: m.coverage,
            taught: m.taught,
            assessed,
            annotated: !m.note.is_empty() || !m.workplace_reason.is_empty(),
            review: m.review,
        }
    }
}

/// Rows are the project's modules in its order; columns are KSBs in `Analysis::ksbs` order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoverageMatrix {
    rows: usize,
    columns: usize,
    /// Row-major: `cells[row * columns + column]`.
    cells: Vec<Option<CellMark>>,
    /// How many KSBs each module covers.
    row_counts: Vec<usize>,
}

impl CoverageMatrix {
    pub fn new(rows: usize, columns: usize) -> Self {
        Self {
            rows,
            columns,
            cells: vec![None; rows.saturating_mul(columns)],
            row_counts: vec![0; rows],
        }
    }

    pub(super) fn set(&mut self, row: usize, column: usize, mark: CellMark) {
        if row < self.rows && column < self.columns {
            let cell = &mut self.cells[row * self.columns + column];
            if cell.is_none() {
                self.row_counts[row] += 1;
            }
            *cell = Some(mark);
        }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn columns(&self) -> usize {
        self.columns
    }

    pub fn cell(&self, row: usize, column: usize) -> Option<CellMark> {
        if row >= self.rows || column >= self.columns {
            return None;
        }
        self.cells[row * self.columns + column]
    }

    /// One module's cells, one per KSB column.
    pub fn row(&self, row: usize) -> &[Option<CellMark>] {
        let start = row.saturating_mul(self.columns);
        self.cells.get(start..start + self.columns).unwrap_or_default()
    }

    /// The modules that cover one KSB column, in module order.
    pub fn column(&self, column: usize) -> impl Iterator<Item = (usize, CellMark)> + '_ {
        (0..self.rows).filter_map(move |r| self.cell(r, column).map(|c| (r, c)))
    }

    /// How many KSBs a module covers.
    pub fn row_count(&self, row: usize) -> usize {
        self.row_counts.get(row).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_matrix_agrees_with_the_mappings() {
        let p = crate::sample::sample_project().unwrap();
        let a = crate::analysis::analyse(&p);
        let m = &a.matrix;
        assert_eq!((m.rows(), m.columns()), (p.modules.len(), a.ksbs.len()));
        let mut marked = 0;
        for (col, k) in a.ksbs.iter().enumerate() {
            for (row, module) in p.modules.iter().enumerate() {
                let want = p
                    .mapping(&module.code, &k.ksb)
                    .map(|m| CellMark::of(m, module.assesses(m)));
                assert_eq!(m.cell(row, col), want, "{} × {}", module.code, k.ksb);
                marked += usize::from(want.is_some());
            }
        }
        assert_eq!(marked, p.mappings.len());
        let row_total: usize = (0..m.rows()).map(|r| m.row_count(r)).sum();
        assert_eq!(row_total, marked);
        assert_eq!(m.cell(m.rows(), 0), None, "out of range is empty, not a panic");
        assert!(m.row(m.rows() + 5).is_empty());
    }
}
