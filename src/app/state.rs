//! UI state that is not part of the document: filters, selection, open editors.

use crate::analysis::Target;
use crate::model::KsbRef;

use super::ui::file_dialog::FileDialog;
use super::ui::modules_editor::ModulesEditor;

/// Note and workplace-reason drafts for the cell menu, applied with one undoable edit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellDraft {
    pub module: String,
    pub ksb: Option<KsbRef>,
    pub note: String,
    pub workplace_reason: String,
}

pub struct UiState {
    pub filter: String,
    /// Show knowledge, skills, behaviours in the standards panel.
    pub show_kinds: [bool; 3],
    /// The focused grid cell: (row, column).
    pub selected: Option<(usize, usize)>,
    /// What a clicked finding points at, drawn highlighted.
    pub highlight: Option<Target>,
    /// Scroll the grid to this (row, column) on the next frame.
    pub scroll_to: Option<(Option<usize>, Option<usize>)>,
    pub focus_search: bool,
    pub modules_editor: Option<ModulesEditor>,
    pub about_open: bool,
    pub cell_draft: CellDraft,
    /// The app's own file dialog, where the desktop has none.
    pub file_dialog: Option<FileDialog>,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            filter: String::new(),
            show_kinds: [true; 3],
            selected: None,
            highlight: None,
            scroll_to: None,
            focus_search: false,
            modules_editor: None,
            about_open: false,
            cell_draft: CellDraft::default(),
            file_dialog: None,
        }
    }
}
