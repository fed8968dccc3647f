//! UI state that is not part of the document. It composes each widget's own state (which
//! lives with its widget) and the app-wide parts every widget reads: the layout, the grid's
//! selection, and where the keyboard goes next. No widget imports this file: each is handed
//! its own part, and the command handler changes the rest.

use super::comparison::CompareView;
use super::dialog_focus::DialogFocus;
use super::focus::{FocusRequest, Pane};
use super::layout::Layout;
use super::selection::GridSelection;
use super::ui::author_dialog::AuthorPrompt;
use super::ui::catalogue_dialog::CatalogueDialog;
use super::ui::comments_pane::CommentsPane;
use super::ui::file_dialog::FileDialog;
use super::ui::grid::GridState;
use super::ui::inspector::InspectorState;
use super::ui::merge_dialog::MergeDraft;
use super::ui::modules_editor::ModulesEditor;
use super::ui::palette::CommandPalette;
use super::ui::portfolio_window::PortfolioView;
use super::ui::sign_off::SignOffDialog;
use super::ui::standards_panel::StandardsPanelState;
use super::ui::update_dialog::UpdateDraft;

#[derive(Default)]
pub struct UiState {
    /// Panels, widths and views, kept between runs.
    pub layout: Layout,
    /// Where the keyboard goes on the next frame.
    pub focus: FocusRequest,
    /// The focused cell's row and KSB while the grid shows no column (gaps only, all
    /// covered): focused again when columns come back.
    pub hidden_focus: Option<(usize, crate::model::KsbRef)>,
    /// The cell that stands in for `hidden_focus` while a filter hides its column: while the
    /// keyboard stays on it, the hidden cell is focused again when its column comes back.
    pub stand_in: Option<(usize, crate::model::KsbRef)>,
    /// The project's generation when the grid was last built: a rebuild at the same one is a
    /// change of view (a filter), not an edit.
    pub grid_built_at: Option<super::history::Generation>,
    /// The mapping the last click-to-cycle took out: cycled round to full again, the cell
    /// gets its note, reason and outcome links back rather than starting bare.
    pub cycled_off: Option<crate::model::Mapping>,
    /// The dialogs open and where the keyboard goes back to when each closes.
    pub dialog_focus: DialogFocus,
    /// The pane F6 last moved to.
    pub last_pane: Option<Pane>,
    /// The focused grid cell and the selected rectangle.
    pub selection: GridSelection,
    pub grid: GridState,
    pub standards: StandardsPanelState,
    pub inspector: InspectorState,
    /// The comments pane's filter, selected thread and the texts being typed.
    pub comments: CommentsPane,
    /// File > Compare with…: the other copy, what changed and the grid's marks. A view of the
    /// document, not an edit; cleared when another project opens.
    pub compare: Option<CompareView>,
    pub modules_editor: Option<ModulesEditor>,
    /// Standards > Update to a newer version…: the diff shown, and which reworded mappings to keep.
    pub update: Option<UpdateDraft>,
    /// File > Merge a colleague's copy…: the summary shown before the merge is applied.
    pub merge: Option<MergeDraft>,
    /// File > Merge conflicts…, while open.
    pub conflicts_open: bool,
    pub palette: Option<CommandPalette>,
    /// Standards > Add from catalogue…, while open.
    pub catalogue: Option<CatalogueDialog>,
    /// The app's own file dialog, where the desktop has none.
    pub file_dialog: Option<FileDialog>,
    /// Review > Sign off…, while open.
    pub sign_off: Option<SignOffDialog>,
    /// Asking for the reviewer's name, and what waits for it.
    pub author_prompt: Option<AuthorPrompt>,
    pub about_open: bool,
    /// The window listing the sign-offs, while open.
    pub sign_offs_open: bool,
    /// Review > Change log…, while open.
    pub change_log_open: bool,
    /// File > Open portfolio…, while open.
    pub portfolio: Option<PortfolioView>,
    /// Save As was chosen because someone else changed the file: the save dialog suggests
    /// another name, so Enter twice cannot replace their work.
    pub save_beside_theirs: bool,
    /// The text field typed in, and the project's state then: until that typing becomes an
    /// edit (or the keyboard leaves), Ctrl+Z undoes the typing rather than the project.
    pub typing: Option<(egui::Id, super::history::Generation)>,
    /// A text field had the keyboard when Undo or Redo ran: if the edit took the field away
    /// (a reason once the cell is no longer partial), the keyboard goes back to the grid.
    /// The count is the frames left to look (the edit applies after the frame it ran in).
    pub field_before_undo: Option<(egui::Id, u8)>,
}
