//! What the UI asks for. Widgets read the document and their own state, and push these for
//! everything else; the app applies them after the frame, in one place (`command_handling`).

use std::path::PathBuf;

use crate::analysis::Target;
use crate::model::{CommentTarget, DutyRef, KsbRef, Mapping, ProgrammeDraft, Project, ReviewStatus, Standard};

use super::file_picker::FilePurpose;
use super::ui_command::UiCommand;

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Ui(UiCommand),
    /// Map KSBs to a module (full), leaving existing mappings as they are.
    MapKsbs {
        module: String,
        ksbs: Vec<KsbRef>,
        label: String,
    },
    /// Cycle a cell: none, full, partial, none.
    CycleCell {
        module: String,
        ksb: KsbRef,
    },
    /// Set a cell to a mapping, or clear it.
    SetCell {
        module: String,
        ksb: KsbRef,
        mapping: Option<Mapping>,
        label: String,
    },
    /// Set many cells in one undoable edit (a selected rectangle).
    SetCells {
        cells: Vec<crate::model::CellEdit>,
        label: String,
    },
    /// Dismiss a suggested cell (remembered in the project), or take the dismissal back.
    DismissSuggestion {
        module: String,
        ksb: KsbRef,
        dismissed: bool,
    },
    /// Accept every suggestion for a module scoring at least this, however many the grid
    /// shows: one undoable edit.
    AcceptSuggestionsAbove {
        module: String,
        threshold: f32,
    },
    /// Set every selected cell to a coverage, or clear them, in one edit.
    SetSelection(Option<crate::model::Coverage>),
    /// Set these cells to a coverage, or clear them, in one edit: the grid's F, P and Delete
    /// name the cells selected when the key was pressed, as arrows typed just after it move
    /// the selection before the command is applied.
    SetCoverage {
        cells: Vec<(String, crate::model::KsbRef)>,
        coverage: Option<crate::model::Coverage>,
    },
    /// Mark the selected cells (or every KSB `module` covers) taught or assessed, or not, in
    /// one edit; `on: None` toggles: on unless every one is marked already.
    SetFlag {
        module: Option<String>,
        flag: crate::model::MappingFlag,
        on: Option<bool>,
    },
    /// Focus a grid cell; with `extend` the selected rectangle stretches to it (Shift).
    Select {
        row: usize,
        col: usize,
        extend: bool,
    },
    /// The keyboard to the inspector's workplace reason: a single cell just became partial.
    FocusReason,
    /// Show the inspector with the keyboard in the focused cell's note.
    FocusNote,
    /// Scroll the grid to what a finding is about, and highlight it.
    Focus(Target),
    /// Show one route on the grid: the optional modules it takes stand out, the others fade.
    /// The next `Focus` ends it.
    ShowRoute(Vec<String>),
    /// A structural edit made by an editor: the whole new project.
    ReplaceProject {
        project: Box<Project>,
        label: String,
    },
    /// The modules editor's draft, valid, to become the project's modules as one undoable edit.
    EditModules(Box<ProgrammeDraft>),
    /// The modules editor's draft that cannot be applied yet, to journal; `None`: it has none.
    NoteModulesDraft(Option<Box<ProgrammeDraft>>),
    AddStandard(Box<Standard>),
    /// A bundled standard, by reference.
    AddBundledStandard(String),
    /// A standard of the catalogue, by spec: `ST0215@1.2`.
    AddCatalogueStandard(String),
    SetTheme(egui::ThemePreference),
    RemoveStandard(String),
    /// Choose the occupational options the programme aligns to for a core-and-options
    /// standard (option ids), as one undoable edit.
    SetOccupationalOptions {
        standard: String,
        options: Vec<String>,
    },
    ImportStandardFrom(PathBuf),
    /// Compare a version of one of the project's standards with the project's copy, and show
    /// the update dialog.
    UpdateStandardFrom(PathBuf),
    /// The same for a version in the bundled catalogue, such as `ST0215@1.2`.
    UpdateStandardTo(String),
    /// Move the project to `standard`, one of its standards' versions, in one undoable edit;
    /// `drop` names the (module, older code) mappings of reworded KSBs not to carry.
    MigrateStandard {
        standard: Box<Standard>,
        drop: std::collections::BTreeSet<(String, crate::model::KsbCode)>,
    },
    /// Close the update dialog without changing anything.
    CloseUpdate,
    /// A module list or mapping matrix, told apart by its header.
    ImportTableFrom(PathBuf),
    /// Module descriptors: a Word module specification, or CSV or a workbook of outcomes.
    ImportDescriptorsFrom(PathBuf),
    OpenPath(PathBuf),
    /// A path chosen in the app's own file dialog, applied as a desktop dialog's would be.
    FileChosen {
        purpose: FilePurpose,
        path: PathBuf,
    },
    /// Answers to the unsaved-changes prompt.
    SaveThenContinue,
    DiscardThenContinue,
    CancelPending,
    /// Answers to "Comment not added", asked before a `Pending` action: back to the
    /// comment, or drop what was typed and go on.
    ReturnToComment,
    DiscardComments,
    DismissError,
    /// Answers to the crash-recovery offer.
    RestoreRecovery,
    DiscardRecovery,
    /// Answers when the file changed on disk since it was opened.
    MergeOnDisk,
    OverwriteOnDisk,
    SaveAsInstead,
    CancelConflict,
    /// Opens or closes the About box.
    ShowAbout(bool),
    /// Sign off the mapping as it is now, as one undoable edit.
    SignOff {
        name: String,
        role: String,
        date: crate::model::IsoDate,
    },
    /// What the grid's cells show.
    SetGridView(super::layout::GridView),
    /// Shows or hides the window listing what changed since the compared copy.
    ShowComparison(bool),
    /// Opens or closes Review > Change log….
    ShowChangeLog(bool),
    /// Scrolls the grid to a cell, focuses and outlines it (from the comparison's list).
    FocusCell {
        module: String,
        ksb: KsbRef,
    },
    /// Comments and duty review statuses.
    Review(ReviewCommand),
    /// A colleague's copy merged in, and the conflicts a merge left.
    Merge(MergeCommand),
}

/// Merging a colleague's copy and resolving conflicts (applied in `merge_commands.rs`).
#[derive(Clone, Debug, PartialEq)]
pub enum MergeCommand {
    /// Applies the merge the summary shows, as one undoable edit.
    Apply,
    /// Closes the summary without merging.
    Cancel,
    /// Resolves one conflict, named by its id, as one undoable edit.
    Resolve { id: String, choice: crate::model::Choice },
    /// Opens or closes the window listing the conflicts.
    ShowConflicts(bool),
}

/// Comments and review statuses (applied in `review_commands.rs`). Those that record a name
/// ask for the reviewer's name first when preferences hold none.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewCommand {
    /// Opens the comments pane with a new comment's text box on a target.
    Start(CommentTarget),
    /// Starts a thread: one undoable edit.
    Add {
        target: CommentTarget,
        text: String,
    },
    Reply {
        thread: String,
        text: String,
    },
    /// Resolves a thread, or opens it again.
    Resolve {
        thread: String,
        resolved: bool,
    },
    DutyStatus {
        duty: DutyRef,
        status: ReviewStatus,
    },
    /// Selects a thread in the pane and shows its target on the grid.
    Show(String),
    /// Drops the new comment's text box.
    CancelNew,
    /// The reviewer's name (kept in preferences), then what was waiting for it.
    SetAuthor {
        name: String,
        then: Option<Box<ReviewCommand>>,
    },
    CancelAuthor,
}

/// What can be dragged onto the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DragPayload {
    /// One KSB chip, or every KSB of a duty.
    Ksbs { ksbs: Vec<KsbRef>, label: String },
    /// A module, dragged from its row onto a KSB column.
    Module(String),
}
