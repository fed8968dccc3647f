//! The comments pane, at the right of the window: every thread in the grid's order (the
//! programme, each module with its cells, the KSBs, the duties), each with its target, its
//! comments (author and time) and whether it is open. Clicking a thread shows its target on
//! the grid; the selected thread has a reply box and Resolve or Reopen. A new comment is
//! typed in a box at the top. Text is typed here, in a pane, never in a menu a click closes.

use std::collections::BTreeMap;

use egui::{Key, Modifiers, RichText, Sense, Stroke, UiBuilder};

use crate::app::command::{Command, ReviewCommand};
use crate::app::comment_index::{CommentIndex, CommentMark};
use crate::app::ui_command::UiCommand;
use crate::model::{CommentTarget, Project, Thread, stamp_for_people};

use super::review_marks::{Corner, paint_comment_mark};

/// What the pane keeps between frames: not part of the document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommentsPane {
    pub open_only: bool,
    /// The thread shown with its reply box, by id.
    pub selected: Option<String>,
    /// A new comment being typed.
    pub new: Option<NewComment>,
    /// Replies being typed, by thread id, so moving between threads loses none.
    pub replies: BTreeMap<String, String>,
    /// The new comment's box takes the keyboard on the next frame.
    pub focus_text: bool,
    /// This thread's reply box takes the keyboard once it is drawn: after a click on its card,
    /// or once a new comment is added, so what is typed next stays in the pane.
    pub focus_reply: Option<String>,
    /// Scroll the selected thread into view on the next frame.
    pub scroll_to_selected: bool,
    /// What the last merge of a reviewer's copy brought in, shown at the top.
    pub notice: Option<String>,
}

impl CommentsPane {
    /// Text typed here and not yet added: the new comment's target, if it has text, and the
    /// threads with a reply typed.
    pub fn unsent(&self) -> (Option<&CommentTarget>, Vec<&str>) {
        let new = self
            .new
            .as_ref()
            .filter(|n| !n.text.trim().is_empty())
            .map(|n| &n.target);
        let replies = self
            .replies
            .iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(id, _)| id.as_str())
            .collect();
        (new, replies)
    }

    /// Forgets what was typed and not added.
    pub fn discard_unsent(&mut self) {
        self.new = None;
        self.replies.clear();
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewComment {
    pub target: CommentTarget,
    pub text: String,
}

/// The accessible name of the reply box.
pub const REPLY_LABEL: &str = "Your reply";

pub fn new_comment_id() -> egui::Id {
    egui::Id::unique("comment-new-text")
}

pub fn reply_id(thread: &str) -> egui::Id {
    egui::Id::unique(("comment-reply-text", thread))
}

pub fn comments_pane_ui(
    ui: &mut egui::Ui,
    project: &Project,
    index: &CommentIndex,
    author: &str,
    pane: &mut CommentsPane,
    commands: &mut Vec<Command>,
) {
    // A press anywhere in the pane takes the keyboard from the grid: what is typed next is
    // not a cell's F, P or Space.
    let pane_rect = ui.max_rect();
    if ui.input(|i| i.pointer.any_pressed() && i.pointer.interact_pos().is_some_and(|p| pane_rect.contains(p))) {
        crate::app::focus::release_grid_keys(ui.ctx());
    }
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Comments");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let hide = UiCommand::ToggleComments;
            let tip = format!("Hide the comments pane ({})", hide.shortcut_text(ui.ctx()));
            if ui.small_button("×").on_hover_text(tip).clicked() {
                commands.push(Command::Ui(hide));
            }
        });
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} open · {} resolved", index.open, index.resolved));
        ui.checkbox(&mut pane.open_only, "Open only");
    });
    ui.horizontal_wrapped(|ui| {
        for (cmd, words) in [
            (UiCommand::PreviousComment, "Previous"),
            (UiCommand::NextComment, "Next open"),
        ] {
            let tip = format!("{} ({})", cmd.label(), cmd.shortcut_text(ui.ctx()));
            if ui
                .add_enabled(index.open > 0, egui::Button::new(words))
                .on_hover_text(tip)
                .clicked()
            {
                commands.push(Command::Ui(cmd));
            }
        }
        ui.menu_button("New…", |ui| {
            for cmd in [UiCommand::CommentOnFocused, UiCommand::CommentOnProgramme] {
                let button = egui::Button::new(cmd.label()).shortcut_text(cmd.shortcut_text(ui.ctx()));
                if ui.add(button).clicked() {
                    commands.push(Command::Ui(cmd));
                    ui.close();
                }
            }
        });
    });
    if !author.is_empty() {
        ui.weak(format!("Signed {author} (Review > Your name…)"));
    }
    if let Some(notice) = &pane.notice {
        ui.label(notice);
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("comments-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // In the scrolled part: on a short window (zoomed in) the box and its Add comment
            // lay below the window's foot, where Tab reached them unseen.
            if let Some(new) = &mut pane.new {
                new_comment_ui(ui, new, &mut pane.focus_text, commands);
                ui.separator();
            }
            if index.is_empty() {
                let key = UiCommand::CommentOnFocused.shortcut_text(ui.ctx());
                ui.weak(format!(
                    "No comments yet. Right-click a cell, a KSB's column, a module or a duty to comment on it, or press {key} on the focused cell."
                ));
            }
            let mut shown = 0;
            for &i in &index.order {
                let Some(t) = project.comments.get(i) else { continue };
                let selected = pane.selected.as_deref() == Some(t.id.as_str());
                if pane.open_only && !t.is_open() && !selected {
                    continue;
                }
                shown += 1;
                // A card out of view takes its height from the last frame it was drawn in,
                // so a long list costs only the cards on screen.
                let height_id = egui::Id::unique(("comment-card-height", &t.id));
                let known = ui.data(|d| d.get_temp::<f32>(height_id));
                if let Some(h) = known.filter(|_| !selected) {
                    let size = egui::vec2(ui.available_width(), h);
                    if !ui.is_rect_visible(egui::Rect::from_min_size(ui.cursor().min, size)) {
                        ui.allocate_space(size);
                        ui.add_space(4.0);
                        continue;
                    }
                }
                let gone = index.gone(project, i);
                let rect = thread_ui(ui, t, gone, selected, pane, commands);
                ui.data_mut(|d| d.insert_temp(height_id, rect.height()));
                ui.add_space(4.0);
            }
            if shown == 0 && !index.is_empty() {
                ui.weak("Every comment is resolved.");
            }
            crate::app::focus::show_focused_in(ui);
        });
}

/// The box a new comment is typed in, with the target it is on.
fn new_comment_ui(ui: &mut egui::Ui, new: &mut NewComment, focus: &mut bool, commands: &mut Vec<Command>) {
    let heading = ui.label(RichText::new(format!("New comment on {}", new.target.label())).strong());
    let id = new_comment_id();
    super::text_history::serve(ui.ctx(), id, &new.target);
    let send = ui.memory(|m| m.has_focus(id)) && ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Enter));
    let edit = egui::TextEdit::multiline(&mut new.text)
        .id(id)
        .hint_text("Write a comment; Ctrl+Enter adds it")
        .desired_rows(3)
        .desired_width(f32::INFINITY);
    let resp = ui.add(edit).labelled_by(heading.id);
    if std::mem::take(focus) {
        resp.request_focus();
    }
    let ready = !new.text.trim().is_empty();
    ui.horizontal(|ui| {
        if ui.add_enabled(ready, egui::Button::new("Add comment")).clicked() || (ready && send) {
            commands.push(Command::Review(ReviewCommand::Add {
                target: new.target.clone(),
                text: new.text.clone(),
            }));
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::Review(ReviewCommand::CancelNew));
        }
    });
}

/// What a thread's card is headed with: its target, and a note when the project no longer
/// has it (`gone`, from `CommentIndex::gone`).
pub fn thread_heading(t: &Thread, gone: Option<&str>) -> String {
    match gone {
        Some(note) => format!("{} ({note})", t.target.label()),
        None => t.target.label(),
    }
}

/// One thread as a card; a click anywhere on it (but its box and buttons) selects it. A
/// thread on what the project no longer has (`gone`) says so: there is nothing on the grid
/// to show.
fn thread_ui(
    ui: &mut egui::Ui,
    t: &Thread,
    gone: Option<&str>,
    selected: bool,
    pane: &mut CommentsPane,
    commands: &mut Vec<Command>,
) -> egui::Rect {
    let v = ui.visuals().clone();
    let stroke = if selected {
        Stroke::new(2.0, v.selection.stroke.color)
    } else {
        v.widgets.noninteractive.bg_stroke
    };
    let mark = if t.is_open() {
        CommentMark::Open
    } else {
        CommentMark::Resolved
    };
    // The card's own click is registered before its contents, so the reply box and the
    // buttons on top of it keep theirs (and the keyboard).
    let card = ui.scope_builder(
        UiBuilder::new().id_salt(("thread", &t.id)).sense(Sense::click()),
        |ui| {
            egui::Frame::group(ui.style())
                .stroke(stroke)
                .inner_margin(6.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 14.0), Sense::hover());
                        let corner = egui::Rect::from_min_size(rect.left_top(), egui::vec2(26.0, 26.0));
                        paint_comment_mark(ui.painter(), corner, &v, mark, Corner::LeftTop);
                        ui.add(
                            egui::Label::new(RichText::new(thread_heading(t, gone)).strong())
                                .selectable(false)
                                .truncate(),
                        );
                    });
                    for (n, c) in t.comments.iter().enumerate() {
                        ui.horizontal(|ui| {
                            if n > 0 {
                                ui.add_space(12.0);
                            }
                            ui.vertical(|ui| {
                                let who = format!("{} · {}", c.author, stamp_for_people(&c.at));
                                ui.add(egui::Label::new(RichText::new(who).small().weak()).selectable(false));
                                let mut text = RichText::new(&c.text);
                                if !t.is_open() {
                                    text = text.color(v.weak_text_color());
                                }
                                ui.add(egui::Label::new(text).selectable(false).wrap());
                            });
                        });
                    }
                    let state = match &t.resolved {
                        None => "Open".to_string(),
                        Some(r) => format!("Resolved by {} · {}", r.by, stamp_for_people(&r.at)),
                    };
                    ui.add(egui::Label::new(RichText::new(state).small().weak()).selectable(false));
                    if selected {
                        reply_ui(ui, t, pane, commands);
                    }
                });
        },
    );
    let resp = card.response;
    if resp.clicked() {
        // The keyboard goes to the thread's reply box, shown from the next frame.
        pane.focus_reply = Some(t.id.clone());
        if !selected {
            commands.push(Command::Review(ReviewCommand::Show(t.id.clone())));
        }
    }
    if selected && std::mem::take(&mut pane.scroll_to_selected) {
        resp.scroll_to_me(Some(egui::Align::Center));
    }
    let rect = resp.rect;
    let tip = match gone {
        Some(note) => format!(
            "{} ({note}): its thread is kept here, with nothing on the grid to show",
            t.target.label()
        ),
        None => format!("{}: click to show it on the grid", t.target.label()),
    };
    resp.on_hover_text(tip);
    rect
}

/// The selected thread's reply box, and Resolve or Reopen.
fn reply_ui(ui: &mut egui::Ui, t: &Thread, pane: &mut CommentsPane, commands: &mut Vec<Command>) {
    let id = reply_id(&t.id);
    let send = ui.memory(|m| m.has_focus(id)) && ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Enter));
    let label = ui.label(RichText::new(REPLY_LABEL).small());
    let text = pane.replies.entry(t.id.clone()).or_default();
    let edit = egui::TextEdit::multiline(text)
        .id(id)
        .hint_text("Ctrl+Enter sends")
        .desired_rows(2)
        .desired_width(f32::INFINITY);
    let resp = ui.add(edit).labelled_by(label.id);
    if pane.focus_reply.as_deref() == Some(t.id.as_str()) {
        pane.focus_reply = None;
        resp.request_focus();
    }
    let ready = !text.trim().is_empty();
    ui.horizontal(|ui| {
        if ui.add_enabled(ready, egui::Button::new("Reply")).clicked() || (ready && send) {
            commands.push(Command::Review(ReviewCommand::Reply {
                thread: t.id.clone(),
                text: text.clone(),
            }));
        }
        let (words, resolved) = if t.is_open() {
            ("Resolve", true)
        } else {
            ("Reopen", false)
        };
        if ui.button(words).clicked() {
            commands.push(Command::Review(ReviewCommand::Resolve {
                thread: t.id.clone(),
                resolved,
            }));
        }
    });
}
