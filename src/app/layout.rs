//! The arrangement a user chooses and keeps between runs (see `prefs`): which panels show, at
//! what widths, and what the grid's cells show. A leaf, read by widgets and the handler alike.

use serde::{Deserialize, Serialize};

/// Panel sizes and visibility, kept between runs (see `prefs`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layout {
    pub show_standards: bool,
    pub show_coverage: bool,
    pub show_inspector: bool,
    /// Widths the user dragged the side panels to, as shares of the window's width, so a
    /// layout made on a wide screen still fits a laptop's; `None` sizes them to the window.
    pub standards_share: Option<f32>,
    pub coverage_share: Option<f32>,
    /// Show only the KSBs, duties and findings that need work.
    pub gaps_only: bool,
    /// What the grid's cells show.
    pub grid_view: GridView,
    /// Show suggested cells (hollow, lettered "s") on the grid and in the inspector.
    pub show_suggestions: bool,
    /// The name comments, duty reviews, sign-offs and the change log record, set once.
    pub author: String,
    /// The comments pane, at the right.
    pub show_comments: bool,
    pub comments_share: Option<f32>,
    /// Narrow KSB columns and a narrower module column, so a whole standard fits a laptop.
    pub compact: bool,
    /// The zoom set with Ctrl + and Ctrl −.
    pub zoom: f32,
}

/// What the grid's cells show: coverage, assessment, or the cells taught but not assessed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum GridView {
    #[default]
    Covered,
    Assessed,
    Unassessed,
}

impl GridView {
    pub const ALL: [GridView; 3] = [GridView::Covered, GridView::Assessed, GridView::Unassessed];

    pub fn label(self) -> &'static str {
        match self {
            GridView::Covered => "Covered",
            GridView::Assessed => "Assessed",
            GridView::Unassessed => "Covered but not assessed",
        }
    }

    pub fn next(self) -> GridView {
        match self {
            GridView::Covered => GridView::Assessed,
            GridView::Assessed => GridView::Unassessed,
            GridView::Unassessed => GridView::Covered,
        }
    }
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            show_standards: true,
            show_coverage: true,
            show_inspector: true,
            standards_share: None,
            coverage_share: None,
            gaps_only: false,
            grid_view: GridView::Covered,
            show_suggestions: true,
            author: String::new(),
            show_comments: false,
            comments_share: None,
            compact: false,
            zoom: 1.0,
        }
    }
}

/// Which kinds of KSB the standards list and the grid show (the Knowledge, Skills and
/// Behaviours toggles). A view for this session, not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindFilter {
    pub knowledge: bool,
    pub skills: bool,
    pub behaviours: bool,
}

impl Default for KindFilter {
    fn default() -> Self {
        Self {
            knowledge: true,
            skills: true,
            behaviours: true,
        }
    }
}

impl KindFilter {
    pub fn shows(&self, kind: crate::model::KsbKind) -> bool {
        use crate::model::KsbKind;
        match kind {
            KsbKind::Knowledge => self.knowledge,
            KsbKind::Skill => self.skills,
            KsbKind::Behaviour => self.behaviours,
        }
    }

    /// The toggle of one kind, to bind a button to.
    pub fn toggle_of(&mut self, kind: crate::model::KsbKind) -> &mut bool {
        use crate::model::KsbKind;
        match kind {
            KsbKind::Knowledge => &mut self.knowledge,
            KsbKind::Skill => &mut self.skills,
            KsbKind::Behaviour => &mut self.behaviours,
        }
    }

    pub fn all(&self) -> bool {
        self.knowledge && self.skills && self.behaviours
    }
}
