//! Comments in the app, through egui_kittest at laptop size: a comment typed on the focused
//! cell (the name asked once), its marker on the grid and its place in the pane, a reply typed
//! in the pane, resolve and undo; F8 to the next open comment; a duty's review status; and a
//! reviewer's copy merged in.

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::{Command, ReviewCommand};
use htq_mapper::app::comment_index::CommentMark;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui::author_dialog::NAME_LABEL;
use htq_mapper::app::ui::comments_pane::REPLY_LABEL;
use htq_mapper::app::ui::review_marks::comment_color;
use htq_mapper::model::{CommentTarget, ReviewStatus};
use htq_mapper::review::comments;

use crate::common::ui::{cell, click_at};
use crate::common::{d, k};

fn harness(picker: QueuedPicker) -> Harness<'static, HtqApp> {
    let app = HtqApp::with_sample(Box::new(picker), RecentFiles::in_memory()).unwrap();
    Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

fn run(h: &mut Harness<'_, HtqApp>) {
    h.run_ok();
    h.run_ok();
}

fn type_text(h: &mut Harness<'_, HtqApp>, text: &str) {
    h.event(egui::Event::Text(text.to_string()));
    run(h);
}

fn cell_target(module: &str, ksb: &str) -> CommentTarget {
    CommentTarget::Cell {
        module: module.into(),
        ksb: k(ksb),
    }
}

/// The grid position (module row, KSB column) of a cell.
fn grid_pos(h: &Harness<'_, HtqApp>, module: &str, ksb: &str) -> (usize, usize) {
    let p = h.state().project();
    let row = p.module_index(module).unwrap();
    let col = p.ksb_refs().position(|r| r == k(ksb)).unwrap();
    (row, col)
}

/// How many pixels around a cell are painted in a marker's colour.
fn marker_pixels(h: &mut Harness<'_, HtqApp>, at: Pos2, mark: CommentMark) -> usize {
    let want = comment_color(&h.ctx.global_style().visuals, mark);
    let ppp = h.ctx.pixels_per_point();
    let image = h.render().expect("the test renderer draws");
    let mut n = 0;
    for y in (at.y - 20.0) as u32..(at.y + 20.0) as u32 {
        for x in (at.x - 17.0) as u32..(at.x + 17.0) as u32 {
            let (px, py) = ((x as f32 * ppp) as u32, (y as f32 * ppp) as u32);
            let Some(p) = image.get_pixel_checked(px, py) else {
                continue;
            };
            let close = (0..3).all(|i| (p[i] as i32 - want[i] as i32).abs() <= 10);
            n += close as usize;
        }
    }
    n
}

fn add_as(h: &mut Harness<'_, HtqApp>, target: CommentTarget, text: &str) -> String {
    h.state_mut().state.layout.author = "Ann".into();
    h.state_mut().push(Command::Review(ReviewCommand::Add {
        target,
        text: text.into(),
    }));
    run(h);
    h.state().project().comments.last().unwrap().id.clone()
}

#[test]
fn a_comment_on_the_focused_cell_is_marked_listed_replied_to_resolved_and_undone() {
    let mut h = harness(QueuedPicker::default());
    let at = cell(&h, "HSC401", "K5");
    assert_eq!(marker_pixels(&mut h, at, CommentMark::Open), 0, "no marker before");
    click_at(&mut h, at);
    assert_eq!(h.state().state.selection.focused, Some(grid_pos(&h, "HSC401", "K5")));

    // Ctrl+Alt+M on the focused cell: with no name yet, it is asked for first.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::M);
    run(&mut h);
    assert!(
        h.get_by_label(NAME_LABEL).is_focused(),
        "the name field has the keyboard"
    );
    type_text(&mut h, "Ann Patel");
    h.key_press(Key::Enter);
    run(&mut h);
    assert_eq!(h.state().state.layout.author, "Ann Patel");
    assert!(h.state().state.author_prompt.is_none());

    // The new comment's box takes the keyboard; what is typed stays there.
    let field = h.get_by_label_contains("New comment on HSC401 × ST0215/K5");
    assert!(field.is_focused());
    type_text(&mut h, "Is K5 assessed anywhere");
    type_text(&mut h, " but the exam?");
    h.get_by_label("Add comment").click();
    run(&mut h);
    let p = h.state().project();
    assert_eq!(p.comments.len(), 1);
    let t = &p.comments[0];
    assert_eq!(t.target, cell_target("HSC401", "K5"));
    assert_eq!(t.comments[0].text, "Is K5 assessed anywhere but the exam?");
    assert_eq!(t.comments[0].author, "Ann Patel");
    let id = t.id.clone();
    assert!(h.state().is_dirty());

    // The grid marks the cell and the pane lists the thread.
    let (row, col) = grid_pos(&h, "HSC401", "K5");
    assert_eq!(h.state().comment_marks().cell(row, col), Some(CommentMark::Open));
    // The grid keeps the cell in view beside the pane; it may have scrolled.
    let at = cell(&h, "HSC401", "K5");
    assert!(
        marker_pixels(&mut h, at, CommentMark::Open) > 8,
        "the open marker is drawn"
    );
    assert!(h.query_by_label("HSC401 × ST0215/K5").is_some());
    assert!(h.query_by_label("Is K5 assessed anywhere but the exam?").is_some());

    // A reply typed in the pane: a click in the box keeps the keyboard there.
    h.get_by_label(REPLY_LABEL).click();
    run(&mut h);
    type_text(&mut h, "Only");
    run(&mut h);
    assert!(
        h.get_by_label(REPLY_LABEL).is_focused(),
        "the reply box keeps the keyboard"
    );
    type_text(&mut h, " in the OSCE.");
    assert_eq!(
        h.get_by_label(REPLY_LABEL).value().as_deref(),
        Some("Only in the OSCE.")
    );
    h.get_by_label("Reply").click();
    run(&mut h);
    let t = &h.state().project().comments[0];
    assert_eq!(t.comments.len(), 2);
    assert_eq!(t.comments[1].text, "Only in the OSCE.");
    assert_eq!(t.comments[1].author, "Ann Patel", "the name is asked once");

    // Resolve: the marker turns muted.
    h.get_by_label("Resolve").click();
    run(&mut h);
    assert!(!h.state().project().comments[0].is_open());
    assert_eq!(h.state().comment_marks().cell(row, col), Some(CommentMark::Resolved));
    assert_eq!(marker_pixels(&mut h, at, CommentMark::Open), 0);
    assert!(h.query_by_label("Reopen").is_some());

    // Undo takes back the resolution, the reply, then the thread and its marker.
    for left in [2, 1, 0] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        run(&mut h);
        let p = h.state().project();
        match left {
            2 => assert!(p.comments[0].is_open() && p.comments[0].comments.len() == 2),
            1 => assert_eq!(p.comments[0].comments.len(), 1),
            _ => assert!(p.comments.is_empty()),
        }
    }
    assert_eq!(h.state().comment_marks().cell(row, col), None);
    assert_eq!(marker_pixels(&mut h, at, CommentMark::Open), 0);
    assert!(comments::threads_on(h.state().project(), &cell_target("HSC401", "K5")).all(|t| t.id != id));
}

#[test]
fn next_open_comment_moves_the_grid_to_each_open_thread_in_grid_order() {
    let mut h = harness(QueuedPicker::default());
    let later = add_as(&mut h, cell_target("HSC502", "K23"), "Why full?");
    let done = add_as(&mut h, cell_target("HSC402", "K1"), "Done already");
    h.state_mut().push(Command::Review(ReviewCommand::Resolve {
        thread: done,
        resolved: true,
    }));
    let first = add_as(&mut h, cell_target("HSC401", "K5"), "Check the exam");
    h.state_mut().state.selection.focused = Some((0, 0));
    h.state_mut().state.comments.selected = None;
    run(&mut h);

    h.key_press(Key::F8);
    run(&mut h);
    assert_eq!(h.state().state.selection.focused, Some(grid_pos(&h, "HSC401", "K5")));
    assert_eq!(h.state().state.comments.selected.as_deref(), Some(first.as_str()));
    assert!(h.state().state.layout.show_comments, "the pane shows it");

    h.key_press(Key::F8);
    run(&mut h);
    assert_eq!(
        h.state().state.selection.focused,
        Some(grid_pos(&h, "HSC502", "K23")),
        "the resolved one on HSC402 is passed over"
    );
    assert_eq!(h.state().state.comments.selected.as_deref(), Some(later.as_str()));

    h.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    run(&mut h);
    assert_eq!(h.state().state.selection.focused, Some(grid_pos(&h, "HSC401", "K5")));
}

#[test]
fn a_module_is_commented_on_from_its_row_menu() {
    let mut h = harness(QueuedPicker::default());
    h.state_mut().state.layout.author = "Raj".into();
    run(&mut h);
    h.get_by_label("HSC403").click_secondary();
    run(&mut h);
    h.get_by_label("Comment on module HSC403…").click();
    run(&mut h);
    let field = h.get_by_label_contains("New comment on module HSC403");
    assert!(field.is_focused());
    type_text(&mut h, "Credits look high");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    run(&mut h);
    let p = h.state().project();
    assert_eq!(p.comments.len(), 1);
    assert_eq!(p.comments[0].target, CommentTarget::Module("HSC403".into()));
    let row = p.module_index("HSC403").unwrap();
    assert_eq!(h.state().comment_marks().module(row), Some(CommentMark::Open));
}

#[test]
fn a_duty_is_marked_agreed_from_its_review_button_and_undone() {
    let mut h = harness(QueuedPicker::default());
    h.state_mut().state.layout.author = "Raj".into();
    run(&mut h);
    let duty = d("D1");
    h.get_all_by_label("Review of D1: not reviewed")
        .next()
        .expect("a review button on D1")
        .click();
    run(&mut h);
    h.get_by_label("Agreed").click();
    run(&mut h);
    assert_eq!(comments::duty_status(h.state().project(), &duty), ReviewStatus::Agreed);
    assert_eq!(h.state().project().duty_reviews[0].by, "Raj");
    assert!(
        h.get_all_by_label("Review of D1: agreed").count() > 0,
        "shown at a glance"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    run(&mut h);
    assert_eq!(
        comments::duty_status(h.state().project(), &duty),
        ReviewStatus::NotReviewed
    );
}

#[test]
fn merging_a_reviewers_copy_adds_their_threads_in_one_undoable_edit() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("reviewed by Raj.ron");
    let mut theirs = htq_mapper::sample::sample_project().unwrap();
    let at = "2026-11-25T10:00:00Z";
    comments::add_thread(&mut theirs, cell_target("HSC401", "K5"), "Raj", at, "Is K5 assessed?");
    comments::add_thread(&mut theirs, CommentTarget::Programme, "Raj", at, "Draft 2 reads well");
    comments::set_duty_status(&mut theirs, &d("D2"), ReviewStatus::Query, "Raj", at);
    htq_mapper::store::save_project(&copy, &theirs).unwrap();

    let picker = QueuedPicker::default();
    let mut h = harness(picker.clone());
    add_as(&mut h, CommentTarget::Programme, "Mine");
    picker.answer(Some(copy.clone()));
    h.get_by_label("Review").click();
    run(&mut h);
    h.get_by_label_contains("Merge comments from a reviewer's copy…")
        .click();
    run(&mut h);

    let p = h.state().project();
    assert_eq!(p.comments.len(), 3, "theirs are added, mine kept");
    assert!(p.comments.iter().any(|t| t.comments[0].text == "Mine"));
    assert_eq!(comments::duty_status(p, &d("D2")), ReviewStatus::Query);
    assert!(
        h.state().last_action().contains("2 threads and 1 duty review added"),
        "{}",
        h.state().last_action()
    );
    assert_eq!(
        h.get_all_by_label_contains("2 threads and 1 duty review added").count(),
        2,
        "the status line and the pane say what came in"
    );
    let (row, col) = grid_pos(&h, "HSC401", "K5");
    assert_eq!(h.state().comment_marks().cell(row, col), Some(CommentMark::Open));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    run(&mut h);
    assert_eq!(h.state().project().comments.len(), 1, "one edit undoes the merge");
    assert!(h.state().project().duty_reviews.is_empty());
}

/// Types as a keyboard does: each letter and space is a key press and its text.
fn type_keys(h: &mut Harness<'_, HtqApp>, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' {
            Key::Space
        } else {
            Key::from_name(&c.to_ascii_uppercase().to_string()).unwrap()
        };
        h.key_press(key);
        h.event(egui::Event::Text(c.to_string()));
        run(h);
    }
}

fn coverage(h: &Harness<'_, HtqApp>, module: &str, ksb: &str) -> Option<htq_mapper::model::Coverage> {
    h.state().project().mapping(module, &k(ksb)).map(|m| m.coverage)
}

#[test]
fn typing_after_ctrl_enter_adds_a_comment_stays_in_the_pane() {
    use htq_mapper::model::Coverage;
    let mut h = harness(QueuedPicker::default());
    h.state_mut().state.layout.author = "Ann".into();
    run(&mut h);
    assert_eq!(coverage(&h, "HSC402", "K2"), Some(Coverage::Full));
    let at = cell(&h, "HSC402", "K2");
    click_at(&mut h, at);
    run(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::M);
    run(&mut h);
    type_text(&mut h, "Where is K2 taught?");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    run(&mut h);
    assert_eq!(h.state().project().comments.len(), 1);

    type_keys(&mut h, "xyz p");
    assert_eq!(
        coverage(&h, "HSC402", "K2"),
        Some(Coverage::Full),
        "no key reached the grid"
    );
    let reply = h.get_by_label(REPLY_LABEL);
    assert!(reply.is_focused(), "the new thread's reply box has the keyboard");
    assert_eq!(reply.value().as_deref(), Some("xyz p"));
}

#[test]
fn clicking_a_thread_card_gives_the_keyboard_to_its_reply_box() {
    use htq_mapper::model::Coverage;
    let mut h = harness(QueuedPicker::default());
    add_as(&mut h, cell_target("HSC401", "K2"), "Check the hours");
    h.state_mut().state.comments.selected = None;
    h.state_mut().state.layout.show_comments = true;
    run(&mut h);
    let before = coverage(&h, "HSC401", "K2");
    assert_ne!(before, Some(Coverage::Partial));
    // The grid has the keyboard first, as after any click on a cell.
    let at = cell(&h, "HSC402", "K1");
    click_at(&mut h, at);
    run(&mut h);

    let card = h.get_by_label("Check the hours").rect().center();
    click_at(&mut h, card);
    run(&mut h);
    type_keys(&mut h, "please fix");
    assert_eq!(coverage(&h, "HSC401", "K2"), before, "no key reached the grid");
    assert_eq!(coverage(&h, "HSC402", "K1"), Some(Coverage::Full));
    let reply = h.get_by_label(REPLY_LABEL);
    assert!(reply.is_focused(), "the card's reply box has the keyboard");
    assert_eq!(reply.value().as_deref(), Some("please fix"));
}

/// Esc at the name prompt gives the keyboard back to the cell it was asked from: the cell is
/// focused again (a screen reader reads it), so its keys act on it as before the prompt.
#[test]
fn esc_at_the_name_prompt_gives_the_keyboard_back_to_the_cell() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::NodeT as _;
    use htq_mapper::model::Coverage;
    let mut h = harness(QueuedPicker::default());
    run(&mut h);
    assert_eq!(coverage(&h, "HSC402", "K1"), Some(Coverage::Full));
    let at = cell(&h, "HSC402", "K1");
    click_at(&mut h, at);
    run(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::M);
    run(&mut h);
    assert!(h.get_by_label(NAME_LABEL).is_focused());
    h.key_press(Key::Escape);
    run(&mut h);
    assert!(h.state().state.author_prompt.is_none(), "Esc closes the prompt");
    assert!(h.state().project().comments.is_empty());

    let focused = h.get_by(|n| n.is_focused()).accesskit_node();
    assert_eq!(focused.role(), Role::GridCell);
    let name = focused.label().unwrap_or_default();
    assert!(name.starts_with("HSC402 × K1, full"), "{name}");
    type_keys(&mut h, "p");
    assert_eq!(coverage(&h, "HSC402", "K1"), Some(Coverage::Partial));
}

/// The Modules and programme dialog: a renamed module keeps its description and its threads
/// move with it; a deleted module's threads stay, listed as on a removed module, and F8 passes
/// them over.
#[test]
fn renaming_and_deleting_modules_in_the_dialog_keeps_descriptions_and_threads() {
    let mut h = harness(QueuedPicker::default());
    let before = h.state().project().module("HSC401").unwrap().clone();
    let on_cell = add_as(&mut h, cell_target("HSC401", "K5"), "Check the exam");
    let on_gone = add_as(&mut h, CommentTarget::Module("HSC402".into()), "Too many credits?");
    h.state_mut().state.comments.selected = None;
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    run(&mut h);
    h.get_by_label("Code of module 1").click();
    run(&mut h);
    h.key_press(Key::End);
    type_text(&mut h, "X");
    h.get_by_label("Delete module 2, HSC402").click();
    run(&mut h);
    // It maps KSBs, so it asks; the same place deletes it.
    h.get_by_label("Delete module 2, HSC402").click();
    run(&mut h);
    h.get_by_label("Close").click();
    run(&mut h);

    let p = h.state().project();
    assert!(p.module("HSC402").is_none());
    let renamed = p.module("HSC401X").unwrap();
    assert_eq!(renamed.description, before.description);
    assert_eq!(
        (&renamed.outcomes, &renamed.assessments),
        (&before.outcomes, &before.assessments)
    );
    assert!(
        p.modules.iter().all(|m| !m.description.is_empty()),
        "no description lost"
    );
    let target_of = |id: &str| p.comments.iter().find(|t| t.id == id).unwrap().target.clone();
    assert_eq!(target_of(&on_cell), cell_target("HSC401X", "K5"));
    assert_eq!(target_of(&on_gone), CommentTarget::Module("HSC402".into()));
    h.state_mut().state.layout.show_comments = true;
    run(&mut h);
    assert!(h.query_by_label("HSC401X × ST0215/K5").is_some());
    assert!(h.query_by_label("module HSC402 (removed)").is_some());

    h.key_press(Key::F8);
    run(&mut h);
    assert_eq!(h.state().state.comments.selected.as_deref(), Some(on_cell.as_str()));
    h.key_press(Key::F8);
    run(&mut h);
    assert_eq!(
        h.state().state.comments.selected.as_deref(),
        Some(on_cell.as_str()),
        "the removed module's thread is passed over"
    );
    h.state_mut()
        .push(Command::Review(ReviewCommand::Show(on_gone.clone())));
    run(&mut h);
    assert_eq!(h.state().state.comments.selected.as_deref(), Some(on_gone.as_str()));
    assert!(
        h.state().last_action().contains("HSC402 was removed"),
        "{}",
        h.state().last_action()
    );
}

/// The row's and the column header's "Comment on…" from the keyboard: the focused cell's
/// module or KSB, through the palette's commands (their menus open on a right-click only).
#[test]
fn the_focused_rows_module_and_columns_ksb_take_comments_from_the_keyboard() {
    use htq_mapper::app::ui_command::UiCommand;
    let mut h = harness(QueuedPicker::default());
    h.state_mut().state.layout.author = "Ann Patel".into();
    let (row, col) = grid_pos(&h, "HSC401", "K5");
    h.state_mut().state.selection.select((row, col), false);
    run(&mut h);
    for (cmd, target, text) in [
        (
            UiCommand::CommentOnFocusedModule,
            CommentTarget::Module("HSC401".into()),
            "Module note",
        ),
        (UiCommand::CommentOnFocusedKsb, CommentTarget::Ksb(k("K5")), "KSB note"),
    ] {
        h.state_mut().push(Command::Ui(cmd));
        run(&mut h);
        let heading = format!("New comment on {}", target.label());
        let field = h.get_by_label_contains(&heading);
        assert!(field.is_focused(), "{cmd:?}: the new comment's box has the keyboard");
        type_text(&mut h, text);
        h.get_by_label("Add comment").click();
        run(&mut h);
        let t = h.state().project().comments.last().cloned().expect("a thread");
        assert_eq!((t.target, t.comments[0].text.as_str()), (target, text));
    }
}

/// Cancel on a new comment from the keyboard: the box closes and the keyboard goes back to the
/// grid, not nowhere (the next Tab started again at the menu bar).
#[test]
fn cancelling_a_new_comment_by_keyboard_leaves_the_keyboard_on_the_grid() {
    let mut h = harness(QueuedPicker::default());
    h.state_mut().state.layout.author = "Ann".into();
    run(&mut h);
    let at = cell(&h, "HSC402", "K2");
    click_at(&mut h, at);
    run(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::M);
    run(&mut h);
    type_text(&mut h, "Never mind");
    h.get_by_label("Cancel").focus();
    run(&mut h);
    h.key_press(Key::Space);
    run(&mut h);
    run(&mut h);
    assert!(h.state().state.comments.new.is_none(), "the box is closed");
    assert!(
        h.ctx.memory(|m| m.has_focus(htq_mapper::app::focus::grid_focus_id())),
        "the keyboard is on the grid"
    );
}
