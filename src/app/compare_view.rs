//! File > Compare with…: another copy of the project (old) against the open one (new). The
//! comparison is view state, not an edit: it is rebuilt when the open project changes, and
//! the grid reads its changed cells from a map built then, never by scanning per cell.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::model::{KsbRef, Project};
use crate::review::compare_text::{self, Line};
use crate::review::{Comparison, compare};

use super::HtqApp;
use super::command_handling::file_name;

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
        file_name(&self.path)
    }
}

impl HtqApp {
    /// Reads `path` and compares it (old) with the open project (new); a file that cannot be
    /// read is reported as Open reports it.
    pub(super) fn compare_with(&mut self, path: &Path) {
        match crate::store::load_project(path) {
            Ok(other) => {
                let v = CompareView::new(path.to_path_buf(), other, self.doc.project(), &self.analysis);
                let n = v.comparison.mappings.added.len()
                    + v.comparison.mappings.removed.len()
                    + v.comparison.mappings.changed.len();
                self.last_action = if v.comparison.is_empty() {
                    format!("{} has the same modules, mappings and standards", v.file_name())
                } else {
                    format!("Compared with {}: {n} cells differ", v.file_name())
                };
                self.state.compare = Some(v);
            }
            Err(e) => self.fail(format!("Could not compare with {}", file_name(path)), e),
        }
    }

    /// After the open project changed: the comparison follows it.
    pub(super) fn refresh_comparison(&mut self) {
        if let Some(v) = &mut self.state.compare {
            v.rebuild(self.doc.project(), &self.analysis);
        }
    }

    /// View > Highlight changes: the grid marks the changed cells, or not.
    pub(super) fn toggle_change_highlight(&mut self) {
        self.last_action = match &mut self.state.compare {
            Some(v) => {
                v.highlight ^= true;
                if v.highlight {
                    format!(
                        "The grid marks the {} cells that differ from {}",
                        v.marked_cells(),
                        v.file_name()
                    )
                } else {
                    "Changed cells are no longer marked".into()
                }
            }
            None => "Nothing is compared: File > Compare with… first".into(),
        };
    }

    /// View > Clear the comparison: its window and marks go.
    pub(super) fn clear_comparison(&mut self) {
        self.last_action = match self.state.compare.take() {
            Some(v) => format!("Cleared the comparison with {}", v.file_name()),
            None => "Nothing is compared".into(),
        };
    }

    /// Scrolls the grid to a cell, focuses it and outlines it.
    pub(super) fn focus_cell(&mut self, module: String, ksb: KsbRef) {
        let row = self.doc.project().module_index(&module);
        let col = self.grid.column_of(&ksb);
        if let (Some(r), Some(c)) = (row, col) {
            self.state.selected = Some((r, c));
            self.state.anchor = None;
        } else {
            self.last_action = format!("{module} × {ksb} is not on the grid (a filter or the file hides it)");
        }
        self.focus(crate::analysis::Target::Cell { module, ksb });
    }
}
