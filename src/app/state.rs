//! UI state that is not part of the document: filters, selection, layout, open editors.

use serde::{Deserialize, Serialize};

use crate::analysis::Target;
use crate::model::KsbRef;

use super::ui::file_dialog::FileDialog;
use super::ui::modules_editor::ModulesEditor;
use super::ui::palette::Palette;

/// The inspector's text drafts for one cell. Typing edits the draft; leaving the field (or
/// moving to another cell) applies it as one undoable edit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellDraft {
    pub module: String,
    pub ksb: Option<KsbRef>,
    pub note: String,
    pub workplace_reason: String,
    /// The texts as they were when the draft was loaded, to tell typing from undo.
    pub base_note: String,
    pub base_reason: String,
}

impl CellDraft {
    pub fn is_for(&self, module: &str, ksb: &KsbRef) -> bool {
        self.module == module && self.ksb.as_ref() == Some(ksb)
    }

    pub fn changed(&self) -> bool {
        self.note != self.base_note || self.workplace_reason != self.base_reason
    }
}

/// Panel sizes and visibility, kept between runs (see `prefs`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layout {
    pub show_standards: bool,
    pub show_coverage: bool,
    pub show_inspector: bool,
    /// Widths the user dragged the side panels to; `None` sizes them to the window.
    pub standards_width: Option<f32>,
    pub coverage_width: Option<f32>,
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
    pub comments_width: Option<f32>,
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
            standards_width: None,
            coverage_width: None,
            gaps_only: false,
            grid_view: GridView::Covered,
            show_suggestions: true,
            author: String::new(),
            show_comments: false,
            comments_width: None,
        }
    }
}

/// Where the keyboard should go on the next frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FocusRequest {
    #[default]
    None,
    Grid,
    /// The inspector's first control.
    Inspector,
    /// The inspector's workplace-reason field (after choosing partial).
    Reason,
}

pub struct UiState {
    pub filter: String,
    /// Show knowledge, skills, behaviours in the standards panel.
    pub show_kinds: [bool; 3],
    /// The focused grid cell: (row, column).
    pub selected: Option<(usize, usize)>,
    /// The other corner of a selected rectangle of cells (Shift+click, Shift+arrows).
    pub anchor: Option<(usize, usize)>,
    /// KSB chips picked with Ctrl- or Shift-click in the standards panel, dragged together.
    pub picked: Vec<KsbRef>,
    /// The chips in the order last drawn, for Shift-click ranges.
    pub chip_order: Vec<KsbRef>,
    /// The standards panel's keyboard cursor (duties and chips as one list), and whether
    /// the item under it should take the focus on the next frame.
    pub panel_cursor: usize,
    pub panel_focus: bool,
    /// The pane F6 last moved to (0 standards, 1 grid, 2 inspector).
    pub last_pane: Option<usize>,
    /// What a clicked finding points at, drawn highlighted.
    pub highlight: Option<Target>,
    /// A route shown on the grid (its optional modules' codes); other optional modules fade.
    pub route: Option<Vec<String>>,
    /// Scroll the grid to this (row, column) on the next frame.
    pub scroll_to: Option<(Option<usize>, Option<usize>)>,
    pub focus_search: bool,
    pub focus: FocusRequest,
    pub modules_editor: Option<ModulesEditor>,
    pub about_open: bool,
    /// Standards > Update to a newer version…: the diff shown, and which reworded mappings to keep.
    pub update: Option<super::ui::update_dialog::UpdateDraft>,
    pub palette: Option<Palette>,
    /// Standards > Add from catalogue…, while open.
    pub catalogue: Option<super::ui::catalogue_dialog::CatalogueDialog>,
    pub cell_draft: CellDraft,
    /// The app's own file dialog, where the desktop has none.
    pub file_dialog: Option<FileDialog>,
    pub layout: Layout,
    /// "Accept all above": the score from which a module's suggestions are accepted at once.
    pub accept_threshold: f32,
    /// The codes of the modules whose learning outcomes show as rows beneath them in the grid.
    /// A view of the document, not part of it: not undoable, not saved.
    pub expanded: std::collections::BTreeSet<String>,
    /// Review > Sign off…, while open.
    pub sign_off: Option<super::ui::sign_off::SignOffDialog>,
    /// The window listing the sign-offs, while open.
    pub sign_offs_open: bool,
    /// The comments pane's filter, selected thread and the texts being typed.
    pub comments: super::ui::comments_pane::CommentsPane,
    /// Asking for the reviewer's name, and what waits for it.
    pub author_prompt: Option<super::ui::author_dialog::AuthorPrompt>,
    /// File > Compare with…: the other copy, what changed and the grid's marks. A view of the
    /// document, not an edit; cleared when another project opens.
    pub compare: Option<super::compare_view::CompareView>,
    /// Review > Change log…, while open.
    pub change_log_open: bool,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            filter: String::new(),
            show_kinds: [true; 3],
            selected: None,
            anchor: None,
            picked: Vec::new(),
            chip_order: Vec::new(),
            panel_cursor: 0,
            panel_focus: false,
            last_pane: None,
            highlight: None,
            route: None,
            scroll_to: None,
            focus_search: false,
            focus: FocusRequest::None,
            modules_editor: None,
            about_open: false,
            update: None,
            palette: None,
            catalogue: None,
            cell_draft: CellDraft::default(),
            file_dialog: None,
            layout: Layout::default(),
            accept_threshold: 0.6,
            expanded: Default::default(),
            sign_off: None,
            sign_offs_open: false,
            comments: Default::default(),
            author_prompt: None,
            compare: None,
            change_log_open: false,
        }
    }
}

impl UiState {
    /// Shows or hides a module's learning outcomes in the grid.
    pub fn set_expanded(&mut self, module: &str, open: bool) {
        if open {
            self.expanded.insert(module.to_string());
        } else {
            self.expanded.remove(module);
        }
    }

    /// The selected rectangle of cells as (rows, columns), inclusive; one cell without an anchor.
    pub fn selection(&self) -> Option<(std::ops::RangeInclusive<usize>, std::ops::RangeInclusive<usize>)> {
        let (r, c) = self.selected?;
        let (ar, ac) = self.anchor.unwrap_or((r, c));
        Some((r.min(ar)..=r.max(ar), c.min(ac)..=c.max(ac)))
    }

    /// True when more than one cell is selected.
    pub fn is_range(&self) -> bool {
        self.selection()
            .is_some_and(|(rows, cols)| rows.start() != rows.end() || cols.start() != cols.end())
    }

    pub fn in_selection(&self, row: usize, col: usize) -> bool {
        self.selection()
            .is_some_and(|(rows, cols)| rows.contains(&row) && cols.contains(&col))
    }
}
