//! A comment or reply typed and not added is not part of the project: closing, opening
//! another project or starting a new one asks before it is lost. Quitting once dropped it
//! with no word, though the status bar said "Saved".

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::{Command, ReviewCommand};
use htq_mapper::app::ui_command::UiCommand;
use htq_mapper::model::CommentTarget;

use crate::common::k;

fn harness() -> Harness<'static, HtqApp> {
    let mut h = crate::common::ui::sample_app(12);
    h.state_mut().state.layout.author = "Ann".into();
    h
}

fn run(h: &mut Harness<'_, HtqApp>) {
    h.run_ok();
    h.run_ok();
}

fn cell(module: &str, ksb: &str) -> CommentTarget {
    CommentTarget::Cell {
        module: module.into(),
        ksb: k(ksb),
    }
}

fn new_project(h: &mut Harness<'_, HtqApp>) {
    h.state_mut().push(Command::Ui(UiCommand::New));
    run(h);
}

fn dialog(h: &Harness<'_, HtqApp>, title: &str) -> bool {
    h.query_by_role_and_label(egui::accesskit::Role::Dialog, title)
        .is_some()
}

#[test]
fn a_comment_typed_and_not_added_is_asked_about_before_it_is_lost() {
    let mut h = harness();
    let title = h.state().project().programme.title.clone();
    h.state_mut()
        .push(Command::Review(ReviewCommand::Start(cell("HSC501", "K8"))));
    run(&mut h);
    h.event(egui::Event::Text("Is K8 assessed anywhere?".into()));
    run(&mut h);

    new_project(&mut h);
    assert!(dialog(&h, "Comment not added"));
    assert!(h.query_by_label_contains("Your comment on HSC501").is_some());
    h.get_by_label("Go back to it").click();
    run(&mut h);
    assert!(!dialog(&h, "Comment not added"));
    assert_eq!(h.state().project().programme.title, title, "nothing was replaced");
    let typed = h.state().state.comments.new.as_ref().map(|n| n.text.clone());
    assert_eq!(typed.as_deref(), Some("Is K8 assessed anywhere?"));

    new_project(&mut h);
    h.get_by_label("Discard it").click();
    run(&mut h);
    assert_eq!(h.state().project().programme.title, "Untitled programme");
}

/// A reply typed on a project with unsaved changes: discarding the reply still asks about
/// the changes.
#[test]
fn discarding_a_reply_then_asks_about_unsaved_changes() {
    let mut h = harness();
    h.state_mut().push(Command::Review(ReviewCommand::Add {
        target: cell("HSC501", "K8"),
        text: "Is K8 assessed?".into(),
    }));
    run(&mut h);
    let thread = h.state().project().comments[0].id.clone();
    h.state_mut()
        .state
        .comments
        .replies
        .insert(thread, "Yes, in the OSCE".into());

    new_project(&mut h);
    assert!(h.query_by_label_contains("Your reply on HSC501").is_some());
    h.get_by_label("Discard it").click();
    run(&mut h);
    assert!(dialog(&h, "Unsaved changes"), "the comment added is unsaved");
    assert!(h.state().state.comments.replies.values().all(|r| r.is_empty()));
}

/// On a short window (1024 × 600 zoomed to 2), the new comment's box and its Add comment lay
/// below the window's foot: Tab reached the button unseen. The box now scrolls with the pane.
#[test]
fn on_a_short_window_tab_to_add_comment_shows_it() {
    let mut h = harness();
    h.set_size(egui::vec2(512.0, 300.0));
    h.run_ok();
    h.state_mut()
        .push(Command::Review(ReviewCommand::Start(cell("HSC501", "K8"))));
    run(&mut h);
    h.event(egui::Event::Text(
        "Is K8 assessed anywhere? It reads as taught only.".into(),
    ));
    run(&mut h);
    h.key_press(egui::Key::Tab);
    run(&mut h);
    let add = h.get_by_label("Add comment");
    assert!(add.is_focused(), "Tab goes to Add comment");
    let (at, screen) = (add.rect(), h.ctx.content_rect());
    assert!(screen.contains_rect(at), "Add comment at {at:?}, the window {screen:?}");
}
