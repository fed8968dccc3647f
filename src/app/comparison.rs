//! File > Compare with…: another copy of the project (old) against the open one (new). The
//! comparison is view state, not an edit: it is rebuilt when the open project changes, and
//! the grid reads its changed cells from a map built then, never by scanning per cell.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::analysis::Analysis;
use crate::model::{KsbRef, Project};
use crate::review::compare_text::{self, Line};
use crate::review::{Comparison, compare};

/// How a cell differs from the compared copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellChange {
    Added,
    Removed,
    Changed,
}

impl CellChange {
    pub fn label(self) -> &'static str {
        match self {
            CellChange::Added => "added",
            CellChange::Removed => "removed",
            CellChange::Changed => "changed",
        }
    }

    /// Drawn in the cell's corner, so the kind never relies on colour alone.
    pub fn glyph(self) -> &'static str {
        match self {
            CellChange::Added => "+",
            CellChange::Removed => "−",
            CellChange::Changed => "~",
        }
    }
}

pub struct CompareView {
    /// The compared (old) copy's file.
    pub path: PathBuf,
    other: Project,
    pub comparison: Comparison,
    /// The comparison as `htq-mapper compare` prints it.
    pub lines: Vec<Line>,
    /// Changed cells by (module row, column of the analysis's coverage matrix).
    cells: HashMap<(usize, usize), CellChange>,
    /// The grid marks the changed cells.
    pub highlight: bool,
    /// The window listing the changes is shown.
    pub window_open: bool,
}

impl CompareView {
    pub fn new(path: PathBuf, other: Project, project: &Project, analysis: &Analysis) -> Self {
        let mut v = Self {
            path,
            other,
            comparison: Comparison::default(),
            lines: Vec::new(),
            cells: HashMap::new(),
            highlight: true,
            window_open: true,
        };
        v.rebuild(project, analysis);
        v
    }

    /// Compares again with the open project as it is now.
    pub fn rebuild(&mut self, project: &Project, analysis: &Analysis) {
        self.comparison = compare(&self.other, project);
        self.lines = compare_text::lines(&self.comparison);
        let columns: HashMap<&KsbRef, usize> = analysis.ksbs.iter().enumerate().map(|(i, k)| (&k.ksb, i)).collect();
        let place = |module: &str, ksb: &KsbRef| Some((project.module_index(module)?, *columns.get(ksb)?));
        let m = &self.comparison.mappings;
        let listed = [
            (
                CellChange::Added,
                m.added.iter().map(|x| (&x.module, &x.ksb)).collect::<Vec<_>>(),
            ),
            (
                CellChange::Removed,
                m.removed.iter().map(|x| (&x.module, &x.ksb)).collect(),
            ),
            (
                CellChange::Changed,
                m.changed.iter().map(|x| (&x.module, &x.ksb)).collect(),
            ),
        ];
        self.cells = listed
            .into_iter()
            .flat_map(|(change, cells)| cells.into_iter().map(move |c| (change, c)))
            // A removed cell whose module or KSB is gone too has no place on the grid.
            .filter_map(|(change, (module, ksb))| Some((place(module, ksb)?, change)))
            .collect();
    }

    /// How the cell at (module row, matrix column) differs, while the grid marks changes.
    pub fn cell(&self, row: usize, column: usize) -> Option<CellChange> {
        if !self.highlight {
            return None;
        }
        self.cells.get(&(row, column)).copied()
    }

    /// How many changed cells the grid can mark.
    pub fn marked_cells(&self) -> usize {
        self.cells.len()
    }

    pub fn file_name(&self) -> String {
        crate::fsio::file_name(&self.path)
    }
}
