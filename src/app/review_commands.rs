//! Comments and duty review statuses, applied after the frame like every other command.
//! Each change is one undoable `Edit::Review`, made by the shared domain edits of
//! `crate::review::comments` (which the CLI uses too).

use std::path::Path;

use crate::analysis::Target;
use crate::model::{CommentTarget, Edit, Project, now_stamp};
use crate::review::comments;

use super::HtqApp;
use super::command::ReviewCommand;
use super::file_picker::FilePurpose;
use super::ui::author_dialog::AuthorPrompt;
use super::ui::comments_pane::NewComment;
use super::ui_command::UiCommand;
use crate::fsio::file_name;

/// Where a thread's target is on the grid, as a finding's is.
pub fn target_of(target: &CommentTarget) -> Target {
    match target {
        CommentTarget::Programme => Target::Programme,
        CommentTarget::Module(m) => Target::Module(m.clone()),
        CommentTarget::Ksb(k) => Target::Ksb(k.clone()),
        CommentTarget::Duty(d) => Target::Duty(d.clone()),
        CommentTarget::Cell { module, ksb } => Target::Cell {
            module: module.clone(),
            ksb: ksb.clone(),
        },
    }
}

impl HtqApp {
    pub(super) fn run_review_ui_command(&mut self, cmd: UiCommand, ctx: &egui::Context) {
        match cmd {
            UiCommand::ToggleComments => self.state.layout.show_comments ^= true,
            UiCommand::CommentOnFocused | UiCommand::CommentOnFocusedModule | UiCommand::CommentOnFocusedKsb => {
                let project = self.doc.project();
                let target = self.state.selection.focused.and_then(|(r, c)| {
                    let module = || Some(project.modules.get(r)?.code.clone());
                    let ksb = || Some(self.grid.columns.get(c)?.ksb.clone());
                    Some(match cmd {
                        UiCommand::CommentOnFocusedModule => CommentTarget::Module(module()?),
                        UiCommand::CommentOnFocusedKsb => CommentTarget::Ksb(ksb()?),
                        _ => CommentTarget::Cell {
                            module: module()?,
                            ksb: ksb()?,
                        },
                    })
                });
                match target {
                    Some(t) => self.apply_review(ReviewCommand::Start(t)),
                    None => {
                        self.last_action = "Focus a cell of the grid first (click it), or comment on the programme from the Review menu".into();
                    }
                }
            }
            UiCommand::CommentOnProgramme => self.apply_review(ReviewCommand::Start(CommentTarget::Programme)),
            UiCommand::NextComment => self.next_comment(1),
            UiCommand::PreviousComment => self.next_comment(-1),
            UiCommand::YourName => {
                self.state.author_prompt = Some(AuthorPrompt::new(&self.state.layout.author, None));
            }
            UiCommand::MergeComments => self.ask_file(FilePurpose::MergeComments, ctx),
            _ => {}
        }
    }

    pub(super) fn apply_review(&mut self, command: ReviewCommand) {
        let signs = matches!(
            command,
            ReviewCommand::Start(_)
                | ReviewCommand::Add { .. }
                | ReviewCommand::Reply { .. }
                | ReviewCommand::Resolve { .. }
                | ReviewCommand::DutyStatus { .. }
        );
        if signs && self.state.layout.author.trim().is_empty() {
            // Asked once: the name is kept in preferences.
            self.state.author_prompt = Some(AuthorPrompt::new("", Some(command)));
            return;
        }
        let author = self.state.layout.author.trim().to_string();
        match command {
            ReviewCommand::Start(target) => {
                let pane = &mut self.state.comments;
                if pane.new.as_ref().is_none_or(|n| n.target != target) {
                    pane.new = Some(NewComment {
                        target,
                        text: String::new(),
                    });
                }
                pane.focus_text = true;
                self.state.layout.show_comments = true;
            }
            ReviewCommand::Add { target, text } => {
                if text.trim().is_empty() {
                    self.last_action = "Type the comment first".into();
                    return;
                }
                let label = format!("Comment on {}", target.label());
                let at = now_stamp();
                let id = self.review_edit(label, |p| comments::add_thread(p, target, &author, &at, &text));
                let pane = &mut self.state.comments;
                pane.new = None;
                pane.notice = None;
                // The keyboard stays in the pane, in the new thread's reply box.
                pane.focus_reply = Some(id.clone());
                pane.selected = Some(id);
                pane.scroll_to_selected = true;
                // The cell commented on stays in view though the pane took room.
                if let Some((row, col)) = self.state.selection.focused {
                    self.state.grid.scroll_to = Some(super::selection::ScrollTarget {
                        row: Some(row),
                        col: Some(col),
                    });
                }
            }
            ReviewCommand::Reply { thread, text } => {
                if text.trim().is_empty() {
                    self.last_action = "Type the reply first".into();
                    return;
                }
                let label = format!("Reply on {}", self.thread_label(&thread));
                let at = now_stamp();
                if self
                    .review_edit(label, |p| comments::reply(p, &thread, &author, &at, &text))
                    .is_some()
                {
                    self.state.comments.replies.remove(&thread);
                }
            }
            ReviewCommand::Resolve { thread, resolved } => {
                let verb = if resolved { "Resolve" } else { "Reopen" };
                let label = format!("{verb} the comment on {}", self.thread_label(&thread));
                let at = now_stamp();
                self.review_edit(label, |p| comments::set_resolved(p, &thread, resolved, &author, &at));
            }
            ReviewCommand::DutyStatus { duty, status } => {
                let label = format!("Mark duty {duty} {}", status.label());
                let at = now_stamp();
                self.review_edit(label, |p| comments::set_duty_status(p, &duty, status, &author, &at));
            }
            ReviewCommand::Show(thread) => self.show_thread(&thread),
            ReviewCommand::CancelNew => self.state.comments.new = None,
            ReviewCommand::SetAuthor { name, then } => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return;
                }
                self.last_action = format!("Comments and reviews are signed {name}");
                self.state.layout.author = name;
                self.state.author_prompt = None;
                if let Some(then) = then {
                    self.apply_review(*then);
                }
            }
            ReviewCommand::CancelAuthor => self.state.author_prompt = None,
        }
    }

    /// Applies `f` to the project's review records as one undoable edit, if it changed them.
    /// The shared edits touch only the comments and duty reviews, so they work on a copy of
    /// those alone, not of the whole mapping.
    fn review_edit<R>(&mut self, label: String, f: impl FnOnce(&mut Project) -> R) -> R {
        let project = self.doc.project();
        let mut records = Project::new(project.programme.clone());
        records.comments = project.comments.clone();
        records.duty_reviews = project.duty_reviews.clone();
        let out = f(&mut records);
        if records.comments != project.comments || records.duty_reviews != project.duty_reviews {
            let edit = Edit::Review {
                comments: records.comments,
                duty_reviews: records.duty_reviews,
            };
            self.edit(edit, label);
        }
        out
    }

    fn thread_label(&self, id: &str) -> String {
        comments::thread_label(self.doc.project(), id)
    }

    /// Selects a thread in the pane and moves the grid to its target.
    fn show_thread(&mut self, id: &str) {
        let project = self.doc.project();
        let Some(thread) = project.comments.iter().find(|t| t.id == id) else {
            return;
        };
        let target = thread.target.clone();
        let (row, col) = self.state.selection.focused.unwrap_or((0, 0));
        let at = match &target {
            CommentTarget::Cell { module, ksb } => project.module_index(module).zip(self.grid.column_of(ksb)),
            CommentTarget::Module(m) => project.module_index(m).map(|r| (r, col)),
            CommentTarget::Ksb(k) => self.grid.column_of(k).map(|c| (row, c)),
            CommentTarget::Duty(_) | CommentTarget::Programme => None,
        };
        if let Some(at) = at.filter(|&(r, c)| r < self.grid.rows() && c < self.grid.columns.len()) {
            self.state.selection.select(at, false);
        }
        let removed = target
            .module()
            .filter(|m| project.module_index(m).is_none())
            .map(str::to_string);
        let pane = &mut self.state.comments;
        pane.selected = Some(id.to_string());
        pane.scroll_to_selected = true;
        self.state.layout.show_comments = true;
        match removed {
            Some(code) => {
                self.last_action = format!("Module {code} was removed; its thread is kept in the comments pane");
            }
            None => self.focus(target_of(&target)),
        }
    }

    fn next_comment(&mut self, step: isize) {
        let project = self.doc.project();
        let from = self.state.comments.selected.as_deref();
        match self.grid.comments.next_open(project, from, step).map(str::to_string) {
            Some(id) => {
                self.show_thread(&id);
                let label = self.thread_label(&id);
                self.last_action = format!("Open comment on {label}");
            }
            None if self.grid.comments.open > 0 => {
                self.last_action =
                    "No open comments on the grid; those on removed modules are at the end of the comments pane".into();
            }
            None => self.last_action = "No open comments".into(),
        }
    }

    /// Review > Merge comments from a reviewer's copy…: new threads, replies, resolutions and
    /// duty reviews come in as one undoable edit; nothing here is overwritten.
    pub(super) fn merge_comments_from(&mut self, path: &Path) {
        let theirs = match crate::store::load_project(path) {
            Ok(p) => p,
            Err(e) => {
                self.fail(format!("Could not merge comments from {}", file_name(path)), e);
                return;
            }
        };
        if !comments::is_copy_of(&theirs, self.project()) {
            self.fail(
                format!("Did not merge comments from {}", file_name(path)),
                format!(
                    "{} is \"{}\", which shares no standard with this programme, \"{}\": its comments would land on cells that are not this mapping's. Nothing was merged. Choose a reviewer's copy of this programme.",
                    path.display(),
                    theirs.programme.title,
                    self.project().programme.title
                ),
            );
            return;
        }
        let label = format!("Merge comments from {}", file_name(path));
        let merged = self.review_edit(label, |p| comments::merge_comments(p, &theirs));
        let message = if merged.is_empty() {
            format!("Nothing new to merge from {}", file_name(path))
        } else {
            format!("Merged comments from {}: {}", file_name(path), merged.summary())
        };
        // The status line is short at laptop widths: the pane says it in full.
        self.state.comments.notice = Some(message.clone());
        self.state.layout.show_comments = true;
        self.last_action = message;
    }

    /// Adds a sign-off of the mapping as it is now, as one undoable edit. The name becomes
    /// the reviewer's name in preferences when none was set.
    pub(super) fn add_sign_off(&mut self, name: &str, role: &str, date: crate::model::IsoDate) {
        if let Some(why) = crate::review::open_items::refusal(self.doc.project()) {
            self.last_action = format!("Not signed off: {why}");
            return;
        }
        let mut next = self.doc.project().clone();
        let sign_off = crate::review::signoff::sign(&next, name, role, date);
        let label = format!(
            "Sign off as {} ({role}), content hash {}…",
            sign_off.name,
            sign_off.hash.get(..8).unwrap_or_default()
        );
        let open = crate::review::open_items::OpenItems::of(&next);
        next.sign_offs.push(sign_off);
        self.edit_project(next, label);
        if !open.is_empty() {
            self.last_action = format!("{} · still open: {}", self.last_action, open.headlines().join(", "));
        }
        if self.state.layout.author.trim().is_empty() {
            self.state.layout.author = name.trim().to_string();
        }
    }
}
