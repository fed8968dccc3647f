//! Tab and Shift+Tab read the window in the order it is seen: the menu, the standards panel,
//! the grid, the inspector and coverage panel, then the status bar, and round again. Each
//! focused node is placed by the pane (AccessKit's Pane node) it is in.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use htq_mapper::app::HtqApp;

fn harness() -> Harness<'static, HtqApp> {
    crate::common::ui::sample_app(16)
}

/// Where the focused node is, as a person sees the window: "menu", "status" (the top and
/// bottom strips), or the column of its pane ("left", "middle", "right"); and its role and
/// name. The panes are AccessKit Pane nodes, made in the order egui lays them out (top and
/// bottom strips, then the left and right panels, then the middle), which is how they are told
/// apart with the default layout.
fn place(h: &Harness<'_, HtqApp>) -> (String, String) {
    place_in(h, &DEFAULT)
}

/// The panes in the order egui makes them, with the default layout.
const DEFAULT: [&str; 5] = ["menu", "status", "left", "right", "middle"];

fn place_in(h: &Harness<'_, HtqApp>, panes: &[&str]) -> (String, String) {
    let Some(n) = h.query_by(|n| n.is_focused()) else {
        return ("nowhere".into(), String::new());
    };
    let node = n.accesskit_node();
    let name = format!("{:?} {}", node.role(), node.label().unwrap_or_default());
    if node.role() == Role::GridCell {
        return ("middle".into(), name);
    }
    let mut at = node.parent();
    while let Some(p) = at {
        if p.role() == Role::Pane {
            break;
        }
        at = p.parent();
    }
    let Some(pane) = at else {
        return ("no pane".into(), name);
    };
    let index = pane.parent().and_then(|parent| {
        parent
            .children()
            .filter(|c| c.role() == Role::Pane)
            .position(|c| c.id() == pane.id())
    });
    let place = index.and_then(|i| panes.get(i)).copied().unwrap_or("no pane");
    (place.to_string(), name)
}

/// The places Tab (or Shift+Tab) visits in `presses`, each run of one place as one.
fn walk(h: &mut Harness<'_, HtqApp>, shift: bool, presses: usize) -> (Vec<String>, Vec<(String, String)>) {
    walk_in(h, shift, presses, &DEFAULT)
}

fn walk_in(
    h: &mut Harness<'_, HtqApp>,
    shift: bool,
    presses: usize,
    panes: &[&str],
) -> (Vec<String>, Vec<(String, String)>) {
    let mut runs: Vec<String> = Vec::new();
    let mut all = Vec::new();
    for _ in 0..presses {
        let m = if shift {
            egui::Modifiers::SHIFT
        } else {
            egui::Modifiers::NONE
        };
        h.key_press_modifiers(m, Key::Tab);
        h.run_ok();
        let (place, name) = place_in(h, panes);
        // A side panel's resize handle hangs from the window, not from its panel.
        if runs.last() != Some(&place) && !name.starts_with("Splitter Resize panel") {
            runs.push(place.clone());
        }
        all.push((place, name));
    }
    (runs, all)
}

#[test]
fn tab_reads_the_panes_left_to_right_top_to_bottom_and_wraps() {
    let mut h = harness();
    let (runs, all) = walk(&mut h, false, 110);
    let cycle = ["menu", "left", "middle", "right", "status"];
    let expected: Vec<&str> = cycle.iter().cycle().take(runs.len()).copied().collect();
    assert_eq!(runs, expected, "{all:#?}");
    assert!(runs.len() >= 6, "Tab went round: {runs:?}");
    // The grid is one stop, read as its cell.
    let grid: Vec<_> = all.iter().filter(|(p, _)| p == "middle").collect();
    assert!(grid.iter().any(|(_, n)| n.starts_with("GridCell ")), "{grid:?}");
    // The menu starts at File.
    let first_menu = all.iter().find(|(p, _)| p == "menu").map(|(_, n)| n.as_str());
    assert_eq!(first_menu, Some("Button File"));
}

#[test]
fn shift_tab_reads_them_backwards() {
    let mut h = harness();
    // To the grid first.
    h.key_press(Key::F6);
    h.run_ok();
    h.key_press(Key::F6);
    h.run_ok();
    assert_eq!(place(&h).0, "middle");
    let (runs, all) = walk(&mut h, true, 110);
    let cycle = ["left", "menu", "status", "right", "middle"];
    let expected: Vec<&str> = cycle.iter().cycle().take(runs.len()).copied().collect();
    assert_eq!(runs, expected, "{all:#?}");
    assert!(runs.len() >= 6, "Shift+Tab went round: {runs:?}");
    // Backwards into a pane lands on its last control, not its first.
    let into_left = all.iter().find(|(p, _)| p == "left").map(|(_, n)| n.as_str());
    assert_ne!(
        into_left,
        Some("TextInput Enter goes to the first match's column in the grid")
    );
}

#[test]
fn the_comments_pane_comes_after_the_coverage_panel_as_it_sits_right_of_it() {
    use htq_mapper::app::command::Command;
    use htq_mapper::app::ui_command::UiCommand;
    let mut h = harness();
    h.state_mut().push(Command::Ui(UiCommand::ToggleComments));
    h.run_ok();
    h.run_ok();
    // egui makes the comments pane before the standards panel (it is the outermost).
    let panes = ["menu", "status", "comments", "left", "right", "middle"];
    let (runs, all) = walk_in(&mut h, false, 110, &panes);
    let cycle = ["menu", "left", "middle", "right", "comments", "status"];
    let expected: Vec<&str> = cycle.iter().cycle().take(runs.len()).copied().collect();
    assert_eq!(runs, expected, "{all:#?}");
    assert!(runs.contains(&"comments".to_string()), "{runs:?}");
}

#[test]
fn f6_moves_between_the_panes_left_to_right_and_shift_f6_back() {
    let mut h = harness();
    let mut seen = Vec::new();
    for _ in 0..4 {
        h.key_press(Key::F6);
        h.run_ok();
        seen.push(place(&h));
    }
    let places: Vec<&str> = seen.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(places, ["left", "middle", "right", "left"], "{seen:#?}");
    let mut back = Vec::new();
    for _ in 0..3 {
        h.key_press_modifiers(egui::Modifiers::SHIFT, Key::F6);
        h.run_ok();
        back.push(place(&h).0);
    }
    assert_eq!(back, ["right", "middle", "left"]);
}

#[test]
fn shift_f6_counts_from_where_tab_left_the_keyboard() {
    let mut h = harness();
    // F6 F6 to the grid, then Tab on into the inspector.
    for k in [Key::F6, Key::F6, Key::Tab, Key::Tab] {
        h.key_press(k);
        h.run_ok();
    }
    assert_eq!(place(&h).0, "right", "{:?}", place(&h));
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::F6);
    h.run_ok();
    assert_eq!(place(&h).0, "middle", "Shift+F6 from the inspector: {:?}", place(&h));
}

#[test]
fn a_control_tab_reaches_in_a_scrolled_panel_is_scrolled_into_view() {
    let mut h = harness();
    // P on a cell scrolls the inspector down to the workplace reason.
    for k in [Key::F6, Key::F6, Key::ArrowRight, Key::ArrowDown, Key::P] {
        h.key_press(k);
        h.run_ok();
    }
    let inspector_top = h.get_by_role_and_label(Role::Button, "Partial").rect().top();
    // Back to the grid, and Tab on into the inspector: its first control comes into view.
    h.key_press(Key::Escape);
    h.run_ok();
    for _ in 0..2 {
        h.key_press(Key::Tab);
        h.run_ok();
    }
    let (place, name) = place(&h);
    assert_eq!(place, "right", "{name}");
    let focused = h.get_by(|n| n.is_focused()).rect();
    assert!(
        focused.top() >= 30.0 && focused.bottom() <= 690.0,
        "{name} at {focused:?} (the Partial button was at {inspector_top})"
    );
}

#[test]
fn with_a_window_open_tab_still_reads_every_pane_before_it() {
    use htq_mapper::app::command::Command;
    use htq_mapper::app::ui_command::UiCommand;
    let mut h = harness();
    h.state_mut().push(Command::Ui(UiCommand::SignOffs));
    h.run_ok();
    h.run_ok();
    // Back to the grid, the window still open.
    h.key_press(Key::F6);
    h.run_ok();
    h.key_press(Key::F6);
    h.run_ok();
    assert_eq!(place(&h).0, "middle");
    assert!(h.state().state.sign_offs_open);
    let (runs, all) = walk(&mut h, false, 110);
    let at = |p: &str| runs.iter().position(|r| r == p);
    assert!(at("right").is_some() && at("status").is_some(), "{all:#?}");
    // The window's controls (no pane of their own) come after the status bar, then the menu.
    let window = at("no pane").expect("Tab reaches the window");
    assert!(at("right") < Some(window), "the panes before the window: {runs:?}");
    assert_eq!(runs.get(window - 1).map(String::as_str), Some("status"), "{runs:?}");
    assert_eq!(runs.get(window + 1).map(String::as_str), Some("menu"), "{runs:?}");
}

/// Presses `key` with `modifiers` and runs the frames it takes.
fn press(h: &mut Harness<'_, HtqApp>, modifiers: egui::Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_ok();
}

#[test]
fn esc_in_a_menu_goes_back_to_its_button_and_esc_there_to_the_grid() {
    let mut h = harness();
    press(&mut h, egui::Modifiers::NONE, Key::Tab);
    press(&mut h, egui::Modifiers::NONE, Key::Enter);
    press(&mut h, egui::Modifiers::NONE, Key::ArrowDown);
    assert_eq!(place(&h), ("menu".into(), "Button New Ctrl+N".into()));
    // Before, Esc left the keyboard nowhere, and the next Tab started again at File.
    press(&mut h, egui::Modifiers::NONE, Key::Escape);
    assert!(!egui::Popup::is_any_open(&h.ctx), "Esc closes the menu");
    assert_eq!(place(&h), ("menu".into(), "Button File".into()));
    press(&mut h, egui::Modifiers::NONE, Key::Escape);
    assert_eq!(place(&h).0, "middle", "{:?}", place(&h));
    assert!(place(&h).1.starts_with("GridCell "), "{:?}", place(&h));
}

#[test]
fn f10_goes_to_the_menu_bar_and_back_and_alt_and_a_letter_opens_a_menu() {
    let mut h = harness();
    press(&mut h, egui::Modifiers::NONE, Key::F6);
    press(&mut h, egui::Modifiers::NONE, Key::F6);
    assert_eq!(place(&h).0, "middle");
    press(&mut h, egui::Modifiers::NONE, Key::F10);
    assert_eq!(place(&h), ("menu".into(), "Button File".into()));
    assert!(!egui::Popup::is_any_open(&h.ctx), "F10 only goes to the bar");
    press(&mut h, egui::Modifiers::NONE, Key::F10);
    assert_eq!(place(&h).0, "middle", "F10 again goes back: {:?}", place(&h));
    press(&mut h, egui::Modifiers::ALT, Key::E);
    assert_eq!(place(&h), ("menu".into(), "Button Edit".into()));
    assert!(egui::Popup::is_any_open(&h.ctx), "Alt+E opens Edit");
    let labels: Vec<String> = h
        .query_all_by_role(Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(
        labels.iter().any(|l| l.starts_with("Find")),
        "the Edit menu shows: {labels:?}"
    );
    // Into the menu and out with Esc: back on Edit.
    press(&mut h, egui::Modifiers::NONE, Key::ArrowDown);
    press(&mut h, egui::Modifiers::NONE, Key::Escape);
    assert_eq!(place(&h), ("menu".into(), "Button Edit".into()));
    // A screen reader is told the letter.
    let edit = h.get_by(|n| n.role() == Role::Button && n.label().as_deref() == Some("Edit"));
    assert_eq!(edit.accesskit_node().data().keyboard_shortcut(), Some("Alt+E"));
}

/// Zoomed in on a small screen, the File menu ran off the window's foot, with Quit out of
/// reach: it scrolls, and the keyboard's way down to Quit shows it.
#[test]
fn a_menu_taller_than_the_window_scrolls_to_its_last_item() {
    let mut h = crate::common::ui::sample_app(16);
    h.set_size(egui::vec2(512.0, 300.0));
    h.run_ok();
    press(&mut h, egui::Modifiers::ALT, Key::F);
    let mut found = false;
    for _ in 0..30 {
        press(&mut h, egui::Modifiers::NONE, Key::ArrowDown);
        let at = h
            .query_by(|n| n.is_focused())
            .map(|n| (n.accesskit_node().label().unwrap_or_default(), n.rect()));
        if let Some((label, rect)) = at
            && label.starts_with("Quit")
        {
            let screen = h.ctx.content_rect();
            assert!(screen.contains_rect(rect), "Quit at {rect:?}, the window {screen:?}");
            found = true;
            break;
        }
    }
    assert!(found, "Down reaches Quit");
}

/// Zoom was only on Ctrl + and Ctrl −, in no menu: View has it, and says the zoom.
#[test]
fn view_zooms_in_and_back_to_actual_size() {
    let mut h = harness();
    press(&mut h, egui::Modifiers::ALT, Key::V);
    h.get_by_label_contains("Zoom in").focus();
    h.run_ok();
    press(&mut h, egui::Modifiers::NONE, Key::Enter);
    h.run_ok();
    assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-3, "{}", h.ctx.zoom_factor());
    h.get_by_label_contains("Actual size (now 110%)").focus();
    h.run_ok();
    press(&mut h, egui::Modifiers::NONE, Key::Enter);
    h.run_ok();
    assert_eq!(h.ctx.zoom_factor(), 1.0);
}
