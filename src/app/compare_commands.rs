//! File > Compare with… as commands: read the other copy, follow edits, mark or clear.

use std::path::Path;

use crate::fsio::file_name;

use super::HtqApp;
use super::comparison::CompareView;

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
                    format!("Compared with {}: {}", v.file_name(), cells_differ(n))
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
                        "The grid marks the cells that differ from {} ({})",
                        v.file_name(),
                        crate::text::counted(v.marked_cells(), "cell", "cells")
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
}

/// `1 cell differs`, `3 cells differ`.
fn cells_differ(n: usize) -> String {
    if n == 1 {
        "1 cell differs".into()
    } else {
        format!("{n} cells differ")
    }
}
