//! Every user-facing action with its label and shortcut, in one place: the list of commands is
//! derived from the enum (`UiCommand::all`), and the order in which shortcuts are tried from
//! their modifiers, so menus, keys and the palette cannot drift apart.

use egui::{Key, KeyboardShortcut, Modifiers};
use strum::IntoEnumIterator;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum UiCommand {
    New,
    Open,
    Save,
    SaveAs,
    ImportStandard,
    /// Standards > Add from catalogue…: search the bundled catalogue.
    AddFromCatalogue,
    /// Standards > Update to a newer version…: a version of one of the project's standards.
    UpdateStandard,
    ImportModules,
    ImportMatrix,
    ImportDescriptors,
    Export,
    Undo,
    Redo,
    Find,
    EditModules,
    /// Programme > Add module: the modules editor with a new row, its code taking the keyboard.
    AddModule,
    Quit,
    /// Opens the inspector on the focused cell and puts the keyboard in it.
    Inspect,
    CommandPalette,
    ToggleStandardsPanel,
    ToggleCoveragePanel,
    ToggleInspector,
    GapsOnly,
    /// View > Compact columns: narrow KSB columns, so a whole standard fits a laptop.
    CompactColumns,
    CycleGridView,
    /// Show or hide the suggested cells.
    ToggleSuggestions,
    /// Every module's learning outcomes as rows beneath it in the grid, or none.
    ToggleAllOutcomes,
    About,
    /// Review > Sign off…: sign the mapping with a name, role, date and its content hash.
    SignOff,
    /// The sign-offs, and what changed since a stale one (the status bar's sign-off opens it).
    SignOffs,
    /// F6 and Shift+F6: the keyboard to the next or previous pane (standards, grid, inspector).
    NextPane,
    PreviousPane,
    /// View: the comments pane at the right.
    ToggleComments,
    /// Review: a new comment on the focused grid cell.
    CommentOnFocused,
    /// Review: a new comment on the focused row's module, or the focused column's KSB (the
    /// row's and the column header's menus, from the keyboard).
    CommentOnFocusedModule,
    CommentOnFocusedKsb,
    CommentOnProgramme,
    /// F8 and Shift+F8: the grid to the next or previous open comment's target.
    NextComment,
    PreviousComment,
    /// Review > Your name…: the name comments are signed with.
    YourName,
    /// Review > Merge comments from a reviewer's copy…
    MergeComments,
    /// File > Compare with…: another copy of the project against the open one.
    CompareWith,
    /// View > Show the comparison: the window listing the changes, after Esc closed it.
    ShowComparison,
    /// View > Highlight changes: the grid marks the cells that differ from the compared copy.
    HighlightChanges,
    /// View > Clear the comparison.
    ClearComparison,
    /// Review > Change log…: each save, newest first.
    ChangeLog,
    /// File > Open portfolio…: every programme in a folder as a table.
    OpenPortfolio,
    /// Standards > Update catalogue from a file…: newer records laid over the bundled catalogue.
    UpdateCatalogue,
    /// Edit: the selected cells marked taught, or unmarked when all are (one edit).
    MarkTaught,
    /// Edit: the selected cells marked assessed, or unmarked when all are (one edit).
    MarkAssessed,
    /// Edit: every KSB the focused row's module covers marked assessed (one edit).
    AssessModule,
    /// File > Send a copy for editing…: a copy that records the content it starts from.
    SendCopy,
    /// File > Merge a colleague's copy…: a three-way merge against the copy's recorded base,
    /// shown as a summary first, then applied as one edit.
    MergeCopy,
    /// File > Merge conflicts…: the window listing every conflict a merge left, to resolve.
    MergeConflicts,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl UiCommand {
    /// Every command, in the enum's order (the palette's order).
    pub fn all() -> impl Iterator<Item = UiCommand> {
        UiCommand::iter()
    }

    pub fn label(self) -> &'static str {
        match self {
            UiCommand::New => "New",
            UiCommand::Open => "Open…",
            UiCommand::Save => "Save",
            UiCommand::SaveAs => "Save As…",
            UiCommand::ImportStandard => "Import standard…",
            UiCommand::AddFromCatalogue => "Add from catalogue…",
            UiCommand::UpdateStandard => "Update to a newer version…",
            UiCommand::ImportModules => "Import module list…",
            UiCommand::ImportMatrix => "Import mapping matrix…",
            UiCommand::ImportDescriptors => "Import learning outcomes and assessments…",
            UiCommand::Export => "Export report…",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::Find => "Find KSB",
            UiCommand::EditModules => "Modules and programme…",
            UiCommand::AddModule => "Add module",
            UiCommand::Quit => "Quit",
            UiCommand::Inspect => "Inspect the focused cell",
            UiCommand::CommandPalette => "Command palette…",
            UiCommand::ToggleStandardsPanel => "Show or hide the standards panel",
            UiCommand::ToggleCoveragePanel => "Show or hide the coverage panel",
            UiCommand::ToggleInspector => "Show or hide the inspector",
            UiCommand::GapsOnly => "Show gaps only",
            UiCommand::CompactColumns => "Compact columns",
            UiCommand::CycleGridView => "Grid: covered, assessed, covered but not assessed",
            UiCommand::ToggleSuggestions => "Show suggestions",
            UiCommand::ToggleAllOutcomes => "Show every module's learning outcomes",
            UiCommand::About => "About HTQ Mapper…",
            UiCommand::SignOff => "Sign off…",
            UiCommand::SignOffs => "Sign-offs and what changed since…",
            UiCommand::NextPane => "Next pane",
            UiCommand::PreviousPane => "Previous pane",
            UiCommand::ToggleComments => "Show or hide the comments pane",
            UiCommand::CommentOnFocused => "Comment on the focused cell…",
            UiCommand::CommentOnFocusedModule => "Comment on the focused row's module…",
            UiCommand::CommentOnFocusedKsb => "Comment on the focused column's KSB…",
            UiCommand::CommentOnProgramme => "Comment on the programme…",
            UiCommand::NextComment => "Next open comment",
            UiCommand::PreviousComment => "Previous open comment",
            UiCommand::YourName => "Your name…",
            UiCommand::MergeComments => "Merge comments from a reviewer's copy…",
            UiCommand::CompareWith => "Compare with…",
            UiCommand::ShowComparison => "Show the comparison",
            UiCommand::HighlightChanges => "Highlight changes",
            UiCommand::ClearComparison => "Clear the comparison",
            UiCommand::ChangeLog => "Change log…",
            UiCommand::OpenPortfolio => "Open portfolio…",
            UiCommand::UpdateCatalogue => "Update catalogue from a file…",
            UiCommand::MarkTaught => "Mark the selected cells taught (again to unmark)",
            UiCommand::MarkAssessed => "Mark the selected cells assessed (again to unmark)",
            UiCommand::AssessModule => "Mark covered KSBs assessed (the focused row's module)",
            UiCommand::SendCopy => "Send a copy for editing…",
            UiCommand::MergeCopy => "Merge a colleague's copy…",
            UiCommand::MergeConflicts => "Merge conflicts…",
        }
    }

    /// Shortcuts; the more specific (with Shift) are listed first so they win.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const SAVE_AS: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD_SHIFT, Key::S)];
        const REDO: [KeyboardShortcut; 2] = [
            KeyboardShortcut::new(CMD_SHIFT, Key::Z),
            KeyboardShortcut::new(CMD, Key::Y),
        ];
        const NEW: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::O)];
        const SAVE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::S)];
        const UNDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Z)];
        const FIND: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::F)];
        const EXPORT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::E)];
        const MODULES: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::M)];
        const QUIT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Q)];
        const INSPECT: [KeyboardShortcut; 2] = [
            KeyboardShortcut::new(Modifiers::SHIFT, Key::F10),
            KeyboardShortcut::new(Modifiers::NONE, Key::Menu),
        ];
        const PALETTE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD_SHIFT, Key::P)];
        const STANDARDS: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Num1)];
        const COVERAGE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Num2)];
        const INSPECTOR: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Num3)];
        const GAPS: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::G)];
        const GRID_VIEW: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::J)];
        const NEXT_PANE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::F6)];
        const PREVIOUS_PANE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::SHIFT, Key::F6)];
        const COMMENTS: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Num4)];
        // Ctrl+Alt+M, as in word processors.
        const COMMENT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD.plus(Modifiers::ALT), Key::M)];
        const NEXT_COMMENT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::F8)];
        const PREVIOUS_COMMENT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::SHIFT, Key::F8)];
        const TAUGHT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD_SHIFT, Key::T)];
        const ASSESSED: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD_SHIFT, Key::A)];
        match self {
            UiCommand::New => &NEW,
            UiCommand::Open => &OPEN,
            UiCommand::Save => &SAVE,
            UiCommand::SaveAs => &SAVE_AS,
            UiCommand::Undo => &UNDO,
            UiCommand::Redo => &REDO,
            UiCommand::Find => &FIND,
            UiCommand::Export => &EXPORT,
            UiCommand::EditModules => &MODULES,
            UiCommand::Quit => &QUIT,
            UiCommand::Inspect => &INSPECT,
            UiCommand::CommandPalette => &PALETTE,
            UiCommand::ToggleStandardsPanel => &STANDARDS,
            UiCommand::ToggleCoveragePanel => &COVERAGE,
            UiCommand::ToggleInspector => &INSPECTOR,
            UiCommand::GapsOnly => &GAPS,
            UiCommand::CycleGridView => &GRID_VIEW,
            UiCommand::About | UiCommand::ToggleSuggestions | UiCommand::ToggleAllOutcomes => &[],
            UiCommand::AddModule => &[],
            UiCommand::CompactColumns => &[],
            UiCommand::NextPane => &NEXT_PANE,
            UiCommand::PreviousPane => &PREVIOUS_PANE,
            UiCommand::ToggleComments => &COMMENTS,
            UiCommand::CommentOnFocused => &COMMENT,
            UiCommand::NextComment => &NEXT_COMMENT,
            UiCommand::PreviousComment => &PREVIOUS_COMMENT,
            UiCommand::MarkTaught => &TAUGHT,
            UiCommand::MarkAssessed => &ASSESSED,
            UiCommand::AssessModule => &[],
            UiCommand::SendCopy | UiCommand::MergeCopy | UiCommand::MergeConflicts => &[],
            UiCommand::CommentOnProgramme | UiCommand::YourName | UiCommand::MergeComments => &[],
            UiCommand::CommentOnFocusedModule | UiCommand::CommentOnFocusedKsb => &[],
            UiCommand::AddFromCatalogue | UiCommand::SignOff | UiCommand::SignOffs => &[],
            UiCommand::CompareWith
            | UiCommand::ShowComparison
            | UiCommand::HighlightChanges
            | UiCommand::ClearComparison
            | UiCommand::ChangeLog
            | UiCommand::OpenPortfolio
            | UiCommand::UpdateCatalogue => &[],
            UiCommand::ImportStandard
            | UiCommand::UpdateStandard
            | UiCommand::ImportModules
            | UiCommand::ImportMatrix
            | UiCommand::ImportDescriptors => &[],
        }
    }

    /// The command whose shortcut was pressed this frame, consuming it.
    /// The command this frame's shortcuts ask for. While `typing` (in a text field, typing
    /// not yet applied), Ctrl+Z and Ctrl+Y are the field's, to undo and redo the typing.
    pub fn from_input(ctx: &egui::Context, typing: bool) -> Option<UiCommand> {
        let mut order = Self::by_precedence();
        if typing {
            order.retain(|c| !matches!(c, UiCommand::Undo | UiCommand::Redo));
        }
        ctx.input_mut(|i| {
            order
                .into_iter()
                .find(|cmd| cmd.shortcuts().iter().any(|s| i.consume_shortcut(s)))
        })
    }

    /// The commands with shortcuts, the ones with more modifiers first: `consume_shortcut`
    /// takes Ctrl+Shift+S for Ctrl+S, and Ctrl+Alt+M for Ctrl+M, so those must be tried first.
    pub fn by_precedence() -> Vec<UiCommand> {
        let modifiers = |c: &UiCommand| {
            c.shortcuts()
                .iter()
                .map(|s| {
                    let m = s.modifiers;
                    usize::from(m.alt) + usize::from(m.shift) + usize::from(m.command || m.ctrl || m.mac_cmd)
                })
                .max()
                .unwrap_or(0)
        };
        let mut order: Vec<UiCommand> = Self::all().filter(|c| !c.shortcuts().is_empty()).collect();
        order.sort_by_key(|c| std::cmp::Reverse(modifiers(c)));
        order
    }

    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .first()
            .map(|s| ctx.format_shortcut(s))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_its_own_label() {
        let mut seen = std::collections::HashSet::new();
        for c in UiCommand::all() {
            assert!(!c.label().trim().is_empty(), "{c:?} has no label");
            assert!(seen.insert(c.label()), "two commands are labelled {:?}", c.label());
        }
        assert!(seen.len() >= 42);
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut owner: std::collections::HashMap<(Modifiers, Key), UiCommand> = Default::default();
        for c in UiCommand::all() {
            for s in c.shortcuts() {
                let key = (s.modifiers, s.logical_key);
                if let Some(other) = owner.insert(key, c) {
                    panic!("{c:?} and {other:?} share {s:?}");
                }
            }
        }
    }

    #[test]
    fn a_shortcut_is_tried_before_any_it_contains() {
        let order = UiCommand::by_precedence();
        let at = |c: UiCommand| order.iter().position(|&x| x == c);
        for (longer, shorter) in [
            (UiCommand::SaveAs, UiCommand::Save),
            (UiCommand::Redo, UiCommand::Undo),
            (UiCommand::CommentOnFocused, UiCommand::EditModules),
            (UiCommand::PreviousPane, UiCommand::NextPane),
            (UiCommand::PreviousComment, UiCommand::NextComment),
        ] {
            assert!(at(longer) < at(shorter), "{longer:?} must come before {shorter:?}");
        }
        // Every command with a shortcut is reachable from the keyboard.
        let with: usize = UiCommand::all().filter(|c| !c.shortcuts().is_empty()).count();
        assert_eq!(order.len(), with);
    }
}
