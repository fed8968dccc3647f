//! The grid on a laptop: compact columns, the kind filters, panel widths that follow the
//! window, Ctrl+F then Enter, counts in plain English, and no tooltip the pointer did not ask for.

use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::layout::Layout;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui_command::UiCommand;

fn app() -> HtqApp {
    HtqApp::with_sample(Box::new(QueuedPicker::default()), RecentFiles::in_memory()).unwrap()
}

fn harness(app: HtqApp, size: [f32; 2]) -> Harness<'static, HtqApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.run_ok();
    h
}

fn grid_rect(h: &Harness<'_, HtqApp>) -> Rect {
    h.get_by_label("Mapping grid").rect()
}

fn is_ksb_code(label: &str) -> bool {
    let mut chars = label.chars();
    matches!(chars.next(), Some('K' | 'S' | 'B')) && label.len() > 1 && chars.all(|c| c.is_ascii_digit())
}

/// The KSB codes whose header shows whole in the grid, left to right.
fn columns_shown(h: &Harness<'_, HtqApp>) -> Vec<String> {
    let grid = grid_rect(h);
    let mut shown: Vec<(f32, String)> = h
        .query_all_by(|n| n.value().is_some_and(|l| is_ksb_code(&l)))
        .filter(|n| {
            let r = n.rect();
            r.left() >= grid.left() && r.right() <= grid.right() + 0.5 && r.top() < grid.top() + 70.0
        })
        .map(|n| (n.rect().left(), n.accesskit_node().value().unwrap_or_default()))
        .collect();
    shown.sort_by(|a, b| a.0.total_cmp(&b.0));
    shown.into_iter().map(|(_, l)| l).collect()
}

fn compact(h: &mut Harness<'_, HtqApp>) {
    h.state_mut().push(Command::Ui(UiCommand::CompactColumns));
    h.run_ok();
    h.run_ok();
}

#[test]
fn compact_columns_fit_24_ksbs_at_1280_and_38_at_1920() {
    for (size, want) in [([1280.0, 720.0], 24), ([1920.0, 1080.0], 38)] {
        let mut h = harness(app(), size);
        let normal = columns_shown(&h).len();
        assert!(normal < want, "at {size:?} normal columns already fit {normal}");
        compact(&mut h);
        assert!(
            h.state().state.layout.compact,
            "the mode is kept in the layout (and so in prefs)"
        );
        let shown = columns_shown(&h);
        assert!(
            shown.len() >= want,
            "at {size:?} compact shows {}: {shown:?}",
            shown.len()
        );
        assert_eq!(shown.first().map(String::as_str), Some("K1"));
        compact(&mut h);
        assert_eq!(columns_shown(&h).len(), normal, "normal columns again");
    }
}

#[test]
fn the_kind_buttons_hide_the_grids_columns_too() {
    let mut h = harness(app(), [1920.0, 1080.0]);
    assert!(columns_shown(&h).iter().any(|c| c.starts_with('K')));
    h.get_by_label("Knowledge").click();
    h.run_ok();
    h.run_ok();
    let shown = columns_shown(&h);
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|c| !c.starts_with('K')), "{shown:?}");
    assert_eq!(shown.first().map(String::as_str), Some("S1"));
    h.get_by_label_contains("showing 36 of 72 KSBs; Skills, Behaviours only");
    h.get_by_label("Knowledge").click();
    h.run_ok();
    h.run_ok();
    assert_eq!(columns_shown(&h).first().map(String::as_str), Some("K1"));
}

/// Widths dragged on a 1920 px screen, then the app started on a 1280 px laptop.
#[test]
fn panel_widths_saved_at_1920_leave_the_grid_room_at_1280() {
    let mut wide = app();
    wide.state.layout = Layout {
        standards_share: Some(520.0 / 1920.0),
        coverage_share: Some(520.0 / 1920.0),
        show_comments: true,
        comments_share: Some(420.0 / 1920.0),
        ..Layout::default()
    };
    let h = harness(wide, [1280.0, 720.0]);
    let grid = grid_rect(&h);
    assert!(grid.width() >= 1280.0 * 0.4, "the grid is {} px wide", grid.width());
    assert!(columns_shown(&h).len() >= 8, "{:?}", columns_shown(&h));
}

#[test]
fn counts_of_one_are_singular() {
    let mut project = htq_mapper::sample::sample_project().unwrap();
    project.modules.truncate(1);
    let code = project.modules[0].code.clone();
    let mut kept = false;
    project.mappings.retain(|m| {
        let keep = m.module == code && !kept;
        kept |= keep;
        keep
    });
    project.option_groups.clear();
    let app = HtqApp::new(
        project,
        None,
        Box::new(QueuedPicker::default()),
        RecentFiles::in_memory(),
    );
    let h = harness(app, [1440.0, 900.0]);
    h.get_by_label_contains("1 module · ");
    h.get_by_label_contains(" · 1 mapping · ");
    assert!(h.query_by_label_contains("1 modules").is_none());
    assert!(h.query_by_label_contains("1 mappings").is_none());
    h.get_by_label("1 module");
}

#[test]
fn ctrl_f_then_enter_goes_to_the_ksbs_column() {
    let mut h = harness(app(), [1280.0, 720.0]);
    assert!(
        !columns_shown(&h).contains(&"S20".to_string()),
        "S20 starts out of sight"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_ok();
    h.run_ok();
    // Typed into whatever has the keyboard, as a person types.
    h.event(egui::Event::Text("s20".into()));
    h.run_ok();
    assert_eq!(
        h.state().state.standards.filter,
        "s20",
        "Ctrl+F put the keyboard in the search"
    );
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    h.run_ok();
    let (row, _) = h.state().state.selection.focused.expect("a cell is selected");
    assert_eq!(row, 0, "in the first module's row, as no row was focused");
    // The inspector shows the focused cell.
    h.get_by_label("HSC401 × S20");
    assert!(
        columns_shown(&h).contains(&"S20".to_string()),
        "{:?}",
        columns_shown(&h)
    );
    assert!(
        h.ctx.memory(|m| m.has_focus(htq_mapper::app::focus::grid_focus_id())),
        "the grid has the keyboard"
    );

    // The cell found is outlined until the keyboard moves on; then only the selection shows.
    assert!(matches!(
        h.state().state.grid.highlight,
        Some(htq_mapper::analysis::Target::Cell { .. })
    ));
    h.key_press(Key::ArrowDown);
    h.run_ok();
    assert_eq!(h.state().state.grid.highlight, None);

    // A second Ctrl+F: what is typed replaces the last search, at a typist's pace (the
    // letters in the frame of the shortcut).
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.event(egui::Event::Text("zz9".into()));
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().state.standards.filter, "zz9", "replaced, not added to");
    // Nothing matches: Enter keeps the keyboard in the search and says so, so what is typed
    // next corrects it rather than vanish.
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    h.get_by_label("No KSB matches “zz9”");
    h.event(egui::Event::Text("x".into()));
    h.run_ok();
    assert_eq!(h.state().state.standards.filter, "zz9x");
    assert!(
        h.query_by_label("No KSB matches “zz9”").is_none(),
        "the message goes once it changes"
    );
    // Esc clears the search and keeps the keyboard there; Esc again returns it to the cell.
    h.key_press(Key::Escape);
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().state.standards.filter, "");
    h.event(egui::Event::Text("k".into()));
    h.run_ok();
    assert_eq!(h.state().state.standards.filter, "k");
    h.key_press(Key::Backspace);
    h.run_ok();
    h.key_press(Key::Escape);
    h.run_ok();
    h.run_ok();
    h.run_ok();
    assert!(
        h.ctx.memory(|m| m.has_focus(htq_mapper::app::focus::grid_focus_id())),
        "Esc on an empty search returns to the grid"
    );
}

/// The window opens under a resting pointer: no cell's tooltip until the pointer moves.
#[test]
fn no_tooltip_until_the_pointer_moves() {
    let mut h = harness(app(), [1280.0, 720.0]);
    let cell = crate::common::ui::cell(&h, "HSC502", "K4");
    h.hover_at(cell);
    for _ in 0..8 {
        h.step();
    }
    assert!(h.query_by_label("HSC502 × K4").is_none(), "a tooltip with no move");
    h.hover_at(cell + egui::vec2(3.0, 2.0));
    for _ in 0..8 {
        h.step();
    }
    h.get_by_label("HSC502 × K4");
}

/// A cell's tooltip goes when a dialog opens over the grid, though the pointer rests on the
/// cell (egui keeps a tooltip open while the pointer stays in its widget).
#[test]
fn a_cells_tooltip_goes_when_a_dialog_opens_over_it() {
    let mut h = harness(app(), [1280.0, 720.0]);
    let cell = crate::common::ui::cell(&h, "HSC502", "K4");
    h.hover_at(cell);
    h.step();
    h.hover_at(cell + egui::vec2(3.0, 2.0));
    for _ in 0..8 {
        h.step();
    }
    h.get_by_label("HSC502 × K4");
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    for _ in 0..4 {
        h.step();
    }
    assert!(h.state().state.modules_editor.is_some());
    assert!(h.query_by_label("HSC502 × K4").is_none(), "the tooltip is gone");
}

/// A panel dragged wider keeps that share of the window; one widened by its content does not.
#[test]
fn a_dragged_panel_width_is_kept_as_a_share_of_the_window() {
    let mut h = harness(app(), [1920.0, 1080.0]);
    h.state_mut().push(Command::Ui(UiCommand::ToggleComments));
    h.run_ok();
    h.run_ok();
    assert_eq!(
        h.state().state.layout.standards_share,
        None,
        "opening a pane is no drag"
    );
    assert_eq!(h.state().state.layout.coverage_share, None);
    // The standards panel's resize handle, the left-most splitter.
    let handle = h
        .get_all_by_role(egui::accesskit::Role::Splitter)
        .map(|n| n.rect().center())
        .min_by(|a, b| a.x.total_cmp(&b.x))
        .expect("the standards panel has a resize handle");
    let edge = handle.x;
    assert!((300.0..=360.0).contains(&edge), "{edge}");
    crate::common::ui::drag(&mut h, handle, handle + egui::vec2(150.0, 0.0));
    let share = h
        .state()
        .state
        .layout
        .standards_share
        .expect("the dragged width is kept");
    assert!((share * 1920.0 - (edge + 150.0)).abs() < 12.0, "{}", share * 1920.0);
}

/// At 800 × 600 with every side panel open (the comments pane too) and a cell in the
/// inspector, the grid still shows KSB columns and ends where the inspector begins: the
/// panels once took 86% of the width, and a long programme title made the grid wider than
/// its panel, so the inspector covered every column.
#[test]
fn at_800_by_600_with_every_panel_open_the_grid_still_shows_columns() {
    let mut a = app();
    a.state.layout.show_comments = true;
    let mut h = harness(a, [800.0, 600.0]);
    // A focused cell fills the inspector, which then takes its widest.
    let module = h.state().project().modules[1].code.clone();
    let ksb = h.state().project().ksb_refs().next().unwrap();
    h.state_mut().push(Command::FocusCell { module, ksb });
    h.run_ok();
    h.run_ok();
    let grid = grid_rect(&h);
    let inspector = h.get_by_label("Inspector").rect();
    assert!(
        grid.right() <= inspector.left(),
        "the grid {grid:?} ends before the inspector {inspector:?}"
    );
    let shown = columns_shown(&h);
    assert!(shown.len() >= 2, "{shown:?}");
    let k = shown.last().unwrap();
    let last = h.get_by(|n| n.value().as_deref() == Some(k.as_str())).rect();
    assert!(
        last.right() <= inspector.left(),
        "{k} at {last:?} is left of the inspector at {inspector:?}"
    );
}

/// Drawn first at 1366 × 768 and then zoomed to 2.3, the module column kept its width and
/// filled the grid: no KSB column showed, while the inspector named a cell nowhere on screen.
#[test]
fn zoomed_in_the_grid_still_shows_ksb_columns_beside_the_modules() {
    let mut h = harness(app(), [1366.0, 768.0]);
    assert!(columns_shown(&h).len() > 5);
    h.ctx.set_zoom_factor(2.3);
    h.run_ok();
    h.run_ok();
    let shown = columns_shown(&h);
    assert!(!shown.is_empty(), "no KSB column shows at zoom 2.3");
}
