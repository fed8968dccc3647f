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
    /// A route shown on the grid (its optional modules' codes); other optional modules fade.
    pub route: Option<Vec<String>>,
}

impl GridState {
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
