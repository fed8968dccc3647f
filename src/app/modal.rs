//! The modal dialogs, listed once in the order they take precedence. The frame draws the one
//! `modal` names, and shortcuts and grid keys wait while there is one, so the two never
//! disagree about what is open.

use std::path::PathBuf;

use super::HtqApp;
use super::dialog_focus::Dialog;

/// A dialog that holds the keyboard until it is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modal {
    Error,
    FileDialog,
    Recovery,
    Conflict,
    /// The unsaved-changes prompt, asked before a `Pending` action.
    Unsaved,
    Update,
    /// File > Merge a colleague's copy…: what comes in, before it is applied.
    Merge,
    SignOff,
    AuthorPrompt,
    About,
}

/// What to do once the unsaved-changes prompt is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    New,
    Open(Option<PathBuf>),
    Close,
}

impl Pending {
    pub fn verb(&self) -> &'static str {
        match self {
            Pending::New => "start a new project",
            Pending::Open(_) => "open another project",
            Pending::Close => "close",
        }
    }
}

/// What was typed in the comments pane and not added, in words ("Your comment on HSC501 ×
/// K8 and 1 more"), or `None` when nothing was.
pub(super) fn unsent_words(
    pane: &super::ui::comments_pane::CommentsPane,
    project: &crate::model::Project,
) -> Option<String> {
    let (new, replies) = pane.unsent();
    let label = |id: &str| crate::review::comments::thread_label(project, id);
    let mut all = new
        .map(|t| format!("Your comment on {}", t.label()))
        .into_iter()
        .chain(replies.iter().map(|id| format!("Your reply on {}", label(id))));
    let first = all.next()?;
    let more = all.count();
    Some(if more == 0 {
        first
    } else {
        format!("{first} and {more} more")
    })
}

impl HtqApp {
    /// Whether going on (closing, opening another project, starting a new one) must ask
    /// first: unsaved changes, or a comment typed and not added.
    pub(super) fn must_ask_before_leaving(&self) -> bool {
        let (new, replies) = self.state.comments.unsent();
        self.doc.is_dirty() || new.is_some() || !replies.is_empty()
    }

    /// The modal dialog shown now, if any: the first of the list that is open.
    pub(super) fn modal(&self) -> Option<Modal> {
        self.modal_with(&self.state)
    }

    /// The same, with the UI state handed in (the frame holds it while it draws).
    pub(super) fn modal_with(&self, s: &super::state::UiState) -> Option<Modal> {
        [
            (self.error.is_some(), Modal::Error),
            (s.file_dialog.is_some(), Modal::FileDialog),
            (self.doc.recovery().is_some(), Modal::Recovery),
            (self.conflict, Modal::Conflict),
            (self.pending.is_some(), Modal::Unsaved),
            (s.update.is_some(), Modal::Update),
            (s.merge.is_some(), Modal::Merge),
            (s.sign_off.is_some(), Modal::SignOff),
            (s.author_prompt.is_some(), Modal::AuthorPrompt),
            (s.about_open, Modal::About),
        ]
        .into_iter()
        .find_map(|(open, m)| open.then_some(m))
    }

    /// Every dialog and window open now, for the keyboard to go into and come back from.
    pub(super) fn open_dialogs(&self) -> Vec<Dialog> {
        let s = &self.state;
        let windows = [
            (s.palette.is_some(), Dialog::Palette),
            (s.catalogue.is_some(), Dialog::Catalogue),
            (s.modules_editor.is_some(), Dialog::ModulesEditor),
            (s.portfolio.is_some(), Dialog::Portfolio),
            (s.sign_offs_open, Dialog::SignOffs),
            (s.conflicts_open, Dialog::Conflicts),
            (s.change_log_open, Dialog::ChangeLog),
            (s.compare.as_ref().is_some_and(|v| v.window_open), Dialog::Compare),
        ];
        let windows = windows.into_iter().filter_map(|(open, d)| open.then_some(d));
        self.modal().map(Dialog::Modal).into_iter().chain(windows).collect()
    }

    /// A dialog or a search box over the window has the keyboard: shortcuts and grid keys wait.
    pub(super) fn keys_held(&self) -> bool {
        self.modal().is_some() || self.state.palette.is_some() || self.state.catalogue.is_some()
    }
}
