//! The grid's own view state: where it scrolls next, which modules show their outcomes as
//! rows, and what a clicked finding or route asks it to show. Not part of the document.

use std::collections::BTreeSet;

use crate::analysis::Target;
use crate::app::selection::ScrollTarget;
use crate::model::Project;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridState {
    /// Scroll to this row and/or column on the next frame.
    pub scroll_to: Option<ScrollTarget>,
    /// The codes of the modules whose learning outcomes show as rows beneath them.
    /// A view of the document, not part of it: not undoable, not saved.
    pub expanded: BTreeSet<String>,
    /// What a clicked finding points at, drawn highlighted.
    pub highlight: Option<Target>,
    /// The grid's focused cell when `highlight` was set: a highlighted cell's outline goes
    /// once the focused cell moves from there (see [`GridState::forget_passed_cell`]).
    pub highlight_from: Option<(usize, usize)>,
    /// A route shown on the grid (its optional modules' codes); other optional modules fade.
    pub route: Option<Vec<String>>,
}

impl GridState {
    /// Drops the outline of a cell a search or finding went to once the focused cell has
    /// moved on (`focused`): left, it reads as a second selection. A column's or module's
    /// highlight stays, as it helps while working along it.
    pub fn forget_passed_cell(&mut self, focused: Option<(usize, usize)>) {
        if matches!(self.highlight, Some(Target::Cell { .. })) && focused != self.highlight_from {
            self.highlight = None;
        }
    }

    /// Shows or hides a module's learning outcomes in the grid.
    pub fn set_expanded(&mut self, module: &str, open: bool) {
        if open {
            self.expanded.insert(module.to_string());
        } else {
            self.expanded.remove(module);
        }
    }

    /// True when every module with learning outcomes shows them (and one has some).
    pub fn all_expanded(&self, project: &Project) -> bool {
        let mut with = project.modules.iter().filter(|m| !m.outcomes.is_empty()).peekable();
        with.peek().is_some() && with.all(|m| self.expanded.contains(&m.code))
    }
}
