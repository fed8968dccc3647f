//! Dialogs and the keyboard, as a screen reader follows them through the AccessKit tree: a
//! dialog takes the keyboard when it opens, a modal one keeps Tab inside it, and closing it
//! gives the keyboard back to the grid cell it came from.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT as _, Queryable};
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command;
use htq_mapper::app::ui_command::UiCommand;

fn harness() -> Harness<'static, HtqApp> {
    crate::common::ui::sample_app(16)
}

fn keys(h: &mut Harness<'_, HtqApp>, keys: &[(egui::Modifiers, Key)]) {
    for &(m, k) in keys {
        h.key_press_modifiers(m, k);
        h.run_ok();
    }
}

const NONE: egui::Modifiers = egui::Modifiers::NONE;

/// The focused node's role and name, or None when nothing has the keyboard.
fn focused(h: &Harness<'_, HtqApp>) -> Option<(Role, String)> {
    let n = h.query_by(|n| n.is_focused())?.accesskit_node();
    Some((n.role(), n.label().or_else(|| n.value()).unwrap_or_default()))
}

/// The dialog a node is in: its nearest ancestor of role Dialog.
fn dialog_of<'a>(n: &AccessKitNode<'a>) -> Option<AccessKitNode<'a>> {
    let mut at = n.parent();
    while let Some(p) = at {
        if p.role() == Role::Dialog {
            return Some(p);
        }
        at = p.parent();
    }
    None
}

/// The name of the dialog the focused node is in.
fn focused_dialog(h: &Harness<'_, HtqApp>) -> Option<(String, bool)> {
    let n = h.query_by(|n| n.is_focused())?.accesskit_node();
    let d = dialog_of(&n)?;
    Some((d.label().unwrap_or_default(), d.is_modal()))
}

/// The grid's second row and column: a cell that is not where the grid starts.
fn on_a_cell(h: &mut Harness<'_, HtqApp>) -> String {
    keys(
        h,
        &[
            (NONE, Key::F6),
            (NONE, Key::F6),
            (NONE, Key::ArrowRight),
            (NONE, Key::ArrowDown),
        ],
    );
    let (role, name) = focused(h).expect("a focused cell");
    assert_eq!(role, Role::GridCell, "{name}");
    name
}

fn open(h: &mut Harness<'_, HtqApp>, c: UiCommand) {
    h.state_mut().push(Command::Ui(c));
    h.run_ok();
    h.run_ok();
}

#[test]
fn each_dialog_takes_the_keyboard_and_escape_gives_it_back_to_the_cell() {
    // (how it opens, the dialog's name, whether it is modal)
    let cases: [(UiCommand, &str, bool); 8] = [
        (UiCommand::SignOff, "Sign off the mapping", true),
        (UiCommand::About, "About HTQ Mapper", true),
        (UiCommand::YourName, "Who is reviewing?", true),
        (UiCommand::EditModules, "Modules and programme", false),
        (UiCommand::CommandPalette, "Command palette", true),
        (UiCommand::AddFromCatalogue, "Add from catalogue", true),
        (UiCommand::SignOffs, "Sign-offs", false),
        (UiCommand::ChangeLog, "Change log", false),
    ];
    for (command, name, modal) in cases {
        let mut h = harness();
        let cell = on_a_cell(&mut h);
        open(&mut h, command);
        assert_eq!(
            focused_dialog(&h),
            Some((name.to_string(), modal)),
            "{command:?}: the keyboard is in the dialog, at {:?}",
            focused(&h)
        );
        keys(&mut h, &[(NONE, Key::Escape)]);
        h.run_ok();
        assert_eq!(
            focused(&h),
            Some((Role::GridCell, cell.clone())),
            "{command:?}: Escape gives the keyboard back to the cell"
        );
        // And the grid's keys work on it at once.
        keys(&mut h, &[(NONE, Key::ArrowDown)]);
        assert_eq!(h.state().state.selection.focused, Some((2, 1)), "{command:?}");
    }
}

#[test]
fn ctrl_m_opens_the_modules_editor_on_its_first_field_and_escape_returns() {
    let mut h = harness();
    let cell = on_a_cell(&mut h);
    keys(&mut h, &[(egui::Modifiers::COMMAND, Key::M)]);
    h.run_ok();
    let (role, name) = focused(&h).expect("a focused field");
    assert_eq!((role, name.as_str()), (Role::TextInput, "Programme title"));
    // Tab moves on inside the editor.
    keys(&mut h, &[(NONE, Key::Tab)]);
    assert_eq!(
        focused_dialog(&h).map(|d| d.0).as_deref(),
        Some("Modules and programme")
    );
    keys(&mut h, &[(NONE, Key::Escape)]);
    h.run_ok();
    assert!(h.state().state.modules_editor.is_none(), "Escape closed it");
    assert_eq!(focused(&h), Some((Role::GridCell, cell)));
}

/// Reopened after its page was scrolled, the editor starts at its top again: the keyboard in
/// the programme's title, never in the code of the first module row left in view, where
/// typing at once renamed the module.
#[test]
fn the_modules_editor_reopened_after_scrolling_starts_on_the_programme_title() {
    let mut h = harness();
    on_a_cell(&mut h);
    let codes: Vec<String> = h.state().project().modules.iter().map(|m| m.code.clone()).collect();
    keys(&mut h, &[(egui::Modifiers::COMMAND, Key::M)]);
    crate::common::ui::wheel(&mut h, egui::pos2(640.0, 400.0), 4, -300.0);
    assert_ne!(
        focused(&h).map(|f| f.1).as_deref(),
        None,
        "the editor holds the keyboard while scrolled"
    );
    keys(&mut h, &[(NONE, Key::Escape), (egui::Modifiers::COMMAND, Key::M)]);
    h.run_ok();
    let (role, name) = focused(&h).expect("a focused field");
    assert_eq!((role, name.as_str()), (Role::TextInput, "Programme title"));
    h.event(egui::Event::Text("Zed".into()));
    h.run_ok();
    let after: Vec<String> = h.state().project().modules.iter().map(|m| m.code.clone()).collect();
    assert_eq!(after, codes, "no module was renamed");
}

#[test]
fn tab_inside_an_open_modal_dialog_stays_in_it() {
    for (command, name) in [
        (UiCommand::SignOff, "Sign off the mapping"),
        (UiCommand::About, "About HTQ Mapper"),
        (UiCommand::YourName, "Who is reviewing?"),
    ] {
        let mut h = harness();
        on_a_cell(&mut h);
        open(&mut h, command);
        let mut seen = Vec::new();
        for _ in 0..8 {
            keys(&mut h, &[(NONE, Key::Tab)]);
            assert_eq!(
                focused_dialog(&h),
                Some((name.to_string(), true)),
                "{command:?}: Tab left the dialog for {:?}",
                focused(&h)
            );
            seen.extend(focused(&h));
        }
        for _ in 0..3 {
            keys(&mut h, &[(egui::Modifiers::SHIFT, Key::Tab)]);
            assert_eq!(
                focused_dialog(&h).map(|d| d.0).as_deref(),
                Some(name),
                "{command:?}: Shift+Tab"
            );
        }
        // Tab goes round the dialog's controls, not only to one.
        if command != UiCommand::About {
            seen.sort_by(|a, b| a.1.cmp(&b.1));
            seen.dedup();
            assert!(seen.len() >= 2, "{command:?}: {seen:?}");
        }
    }
}

#[test]
fn a_dialog_closed_with_its_button_gives_the_keyboard_back_too() {
    let mut h = harness();
    let cell = on_a_cell(&mut h);
    open(&mut h, UiCommand::About);
    h.get_by_role_and_label(Role::Button, "OK").click();
    h.run_ok();
    h.run_ok();
    assert!(!h.state().state.about_open);
    assert_eq!(focused(&h), Some((Role::GridCell, cell.clone())));
    // The sign-off dialog's Cancel, after typing in it.
    open(&mut h, UiCommand::SignOff);
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run_ok();
    h.run_ok();
    assert_eq!(focused(&h), Some((Role::GridCell, cell)));
}

#[test]
fn esc_in_the_workplace_reason_goes_back_to_the_cell() {
    let mut h = harness();
    let cell = on_a_cell(&mut h);
    let module_ksb = cell.split(", ").next().unwrap_or_default().to_string();
    keys(&mut h, &[(NONE, Key::P)]);
    h.run_ok();
    let (role, name) = focused(&h).expect("the reason field");
    assert!(name.starts_with("Workplace reason"), "{role:?} {name}");
    keys(&mut h, &[(NONE, Key::Escape)]);
    h.run_ok();
    let (role, name) = focused(&h).expect("the cell again");
    assert_eq!(role, Role::GridCell);
    assert!(name.starts_with(&format!("{module_ksb}, partial")), "{name}");
}

#[test]
fn esc_on_an_inspector_button_goes_back_to_the_cell() {
    let mut h = harness();
    let cell = on_a_cell(&mut h);
    let module_ksb = cell.split(", ").next().unwrap_or_default().to_string();
    // Enter puts the keyboard on the cell's coverage button in the inspector; Tab goes on to
    // the next coverage button.
    for tabs in [0, 1] {
        keys(&mut h, &[(NONE, Key::Enter)]);
        keys(&mut h, &vec![(NONE, Key::Tab); tabs]);
        h.run_ok();
        let (role, name) = focused(&h).expect("an inspector control");
        assert_eq!(role, Role::Button, "{name} after {tabs} Tabs");
        keys(&mut h, &[(NONE, Key::Escape)]);
        h.run_ok();
        let (role, name) = focused(&h).expect("the cell again, not nowhere");
        assert_eq!(role, Role::GridCell, "{name} after {tabs} Tabs");
        assert!(name.starts_with(&module_ksb), "{name}");
        // The grid's own keys act again: an arrow moves to the next cell.
        keys(&mut h, &[(NONE, Key::ArrowRight)]);
        let (_, moved) = focused(&h).expect("a cell");
        assert_ne!(moved, name, "the arrow moved along the grid");
        keys(&mut h, &[(NONE, Key::ArrowLeft)]);
    }
}

/// Esc in the comments pane's box goes back to the cell, as it does in the inspector: it
/// once left the keyboard nowhere, and a screen reader said only "frame".
#[test]
fn esc_in_a_comment_box_goes_back_to_the_cell() {
    let mut h = harness();
    h.state_mut().state.layout.author = "Ann Patel".into();
    let cell = on_a_cell(&mut h);
    let module_ksb = cell.split(", ").next().unwrap_or_default().to_string();
    keys(&mut h, &[(egui::Modifiers::COMMAND | egui::Modifiers::ALT, Key::M)]);
    h.run_ok();
    let (role, _) = focused(&h).expect("the comment box");
    assert_eq!(role, Role::MultilineTextInput);
    keys(&mut h, &[(NONE, Key::Escape)]);
    h.run_ok();
    let (role, name) = focused(&h).expect("the cell again");
    assert_eq!(role, Role::GridCell);
    assert!(name.starts_with(&module_ksb), "{name}");
}
