//! The app as a screen reader reads it, through the AccessKit tree kittest queries: the grid
//! a table of named cells, the focused cell the node with the keyboard, an edit by key heard
//! in the cell's name, and no control left without a role or a name.

use egui::Key;
use egui::accesskit::{Live, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use htq_mapper::analysis::KsbState;
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::model::Coverage;

fn harness(size: [f32; 2]) -> Harness<'static, HtqApp> {
    let app = HtqApp::with_sample(Box::new(QueuedPicker::default()), RecentFiles::in_memory()).unwrap();
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.run_ok();
    h
}

fn keys(h: &mut Harness<'_, HtqApp>, keys: &[Key]) {
    for &k in keys {
        h.key_press(k);
        h.run_ok();
    }
}

/// The node with the keyboard, as a screen reader finds it (the grid's active descendant
/// when the grid has it): its role and name.
fn focused(h: &Harness<'_, HtqApp>) -> (Role, String) {
    let n = h.get_by(|n| n.is_focused()).accesskit_node();
    (n.role(), text(&n))
}

/// The code of the KSB heading column `col` (1 is the first KSB), from its header's node.
fn column_code(h: &Harness<'_, HtqApp>, col: usize) -> String {
    let header = h.get_by(|n| n.role() == Role::ColumnHeader && n.data().column_index() == Some(col));
    let label = text(&header.accesskit_node());
    label.split(',').next().unwrap_or_default().to_string()
}

/// Roles a person acts on: each needs a name to be found and read.
const INTERACTIVE: [Role; 13] = [
    Role::Button,
    Role::CheckBox,
    Role::RadioButton,
    Role::ComboBox,
    Role::Slider,
    Role::SpinButton,
    Role::MenuItem,
    Role::MenuItemCheckBox,
    Role::MenuItemRadio,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::GridCell,
    Role::Cell,
];

/// What a screen reader reads as a node's name: its label, or a label's text.
fn text(n: &egui_kittest::kittest::AccessKitNode<'_>) -> String {
    n.label().or_else(|| n.value()).unwrap_or_default()
}

fn named(n: &egui_kittest::kittest::AccessKitNode<'_>) -> bool {
    !text(n).trim().is_empty()
}

#[test]
fn after_f6_f6_right_down_the_focused_node_is_the_cell_named_with_module_ksb_and_coverage() {
    let mut h = harness([1280.0, 720.0]);
    keys(&mut h, &[Key::F6, Key::F6]);
    // The grid's first cell, as soon as the grid has the keyboard.
    let module = h.state().project().modules[0].code.clone();
    let (role, name) = focused(&h);
    assert_eq!(role, Role::GridCell, "{name}");
    assert!(
        name.starts_with(&format!("{module} × {}, ", column_code(&h, 1))),
        "{name}"
    );
    keys(&mut h, &[Key::ArrowRight, Key::ArrowDown]);
    assert_eq!(h.state().state.selection.focused, Some((1, 1)));
    let module = h.state().project().modules[1].code.clone();
    let ksb = column_code(&h, 2);
    let (role, name) = focused(&h);
    assert_eq!(role, Role::GridCell, "{name}");
    let start = format!("{module} × {ksb}, ");
    assert!(name.starts_with(&start), "{name:?} should start {start:?}");
    let mapping = h
        .state()
        .project()
        .mappings
        .into_iter()
        .find(|m| m.module == module && m.ksb.code.to_string() == ksb)
        .map(|m| m.coverage);
    let word = match mapping {
        Some(Coverage::Full) => "full",
        Some(Coverage::Partial) => "partial",
        None => "not covered",
    };
    assert!(name.contains(&format!(", {word}")), "{name}");
    // The next arrow moves what is read.
    keys(&mut h, &[Key::ArrowDown]);
    let module = h.state().project().modules[2].code.clone();
    let (_, name) = focused(&h);
    assert!(name.starts_with(&format!("{module} × {ksb}, ")), "{name}");
}

#[test]
fn keys_that_edit_a_cell_are_heard_in_its_name_and_p_moves_to_the_named_reason_field() {
    let mut h = harness([1280.0, 720.0]);
    keys(&mut h, &[Key::F6, Key::F6, Key::ArrowRight, Key::ArrowDown]);
    let (_, before) = focused(&h);
    let cell = before.split(", ").next().unwrap_or_default().to_string();
    keys(&mut h, &[Key::Delete]);
    let (role, name) = focused(&h);
    assert_eq!(role, Role::GridCell);
    assert!(
        name.starts_with(&format!("{cell}, not covered")),
        "Delete clears it: {name}"
    );
    keys(&mut h, &[Key::F]);
    let (_, name) = focused(&h);
    assert!(name.starts_with(&format!("{cell}, full, taught")), "{name}");
    // P: partial, and the keyboard goes to the workplace reason, a named text field.
    keys(&mut h, &[Key::P]);
    h.run_ok();
    let (role, name) = focused(&h);
    assert!(
        matches!(role, Role::TextInput | Role::MultilineTextInput),
        "{role:?} {name}"
    );
    assert!(name.to_lowercase().contains("workplace reason"), "{name}");
    let cell_name = h
        .get_by(|n| n.role() == Role::GridCell && text(n).starts_with(&format!("{cell}, ")))
        .accesskit_node();
    let cell_name = text(&cell_name);
    assert!(
        cell_name.starts_with(&format!("{cell}, partial, taught")) && cell_name.contains("no workplace reason"),
        "{cell_name}"
    );
}

#[test]
fn the_coverage_summary_is_a_live_region_that_changes_with_an_edit() {
    let mut h = harness([1280.0, 720.0]);
    let live = |h: &Harness<'_, HtqApp>| {
        let n = h.get_by(|n| n.role() == Role::Label && n.live() == Live::Polite && text(n).contains(" full, "));
        text(&n.accesskit_node())
    };
    let before = live(&h);
    assert!(before.contains("KSBs: ") && before.contains("partial"), "{before}");
    // F on a KSB no module maps changes the summary.
    let ksb = h
        .state()
        .analysis()
        .ksbs
        .iter()
        .find(|k| k.needed && k.state == KsbState::Uncovered)
        .map(|k| k.ksb.clone())
        .expect("the sample leaves a KSB uncovered");
    let module = h.state().project().modules[0].code.clone();
    h.state_mut().push(Command::FocusCell { module, ksb });
    h.run_ok();
    keys(&mut h, &[Key::F]);
    let after = live(&h);
    assert_ne!(after, before, "the summary a screen reader hears after an edit");
    // The status bar's last action is a live region too: the edit is said, and so is its undo.
    let said = |h: &Harness<'_, HtqApp>, words: &str| {
        h.query_all_by(|n| n.live() == Live::Polite && text(n).starts_with(words))
            .next()
            .is_some()
    };
    assert!(said(&h, "Set "), "the edit is in a live region");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert!(said(&h, "Undid "), "and its undo");
}

#[test]
fn the_grid_is_a_table_of_named_cells_that_says_its_whole_size() {
    let h = harness([1280.0, 720.0]);
    let p = h.state().project();
    let ksbs = h.state().analysis().ksbs.len();
    let grid = h.get_by_role_and_label(Role::Grid, "Mapping grid").accesskit_node();
    assert_eq!(grid.data().row_count(), Some(p.modules.len() + 1));
    assert_eq!(grid.data().column_count(), Some(ksbs + 1));
    let description = grid.description().unwrap_or_default();
    assert!(
        description.starts_with(&format!("{} modules by {ksbs} KSBs", p.modules.len())),
        "{description}"
    );
    let cells: Vec<_> = h
        .query_all_by_role(Role::GridCell)
        .map(|n| n.accesskit_node())
        .collect();
    let named_cells = cells.iter().filter(|c| named(c)).count();
    assert!(named_cells >= 100, "{named_cells} named cells");
    assert_eq!(named_cells, cells.len(), "every drawn cell is named");
    // Assessed, in each mapped cell's name, as the analysis (and so the reports) decide it.
    let a = h.state().analysis();
    for m in &p.mappings {
        let start = format!("{} × {}, ", m.module, m.ksb.code);
        let Some(cell) = cells.iter().find(|c| text(c).starts_with(&start)) else {
            continue;
        };
        let assessed = a.assessed_by(p, &m.module, &m.ksb);
        assert_eq!(!text(cell).contains("not assessed"), assessed, "{}", text(cell));
    }
    // Cells out of view are left out: fewer drawn than the table holds.
    assert!(cells.len() < p.modules.len() * ksbs);
    // The cells are the grid's: a screen reader finds them in its table.
    assert!(cells.iter().all(|c| {
        let mut at = c.parent();
        while let Some(n) = at {
            if n.role() == Role::Grid {
                return true;
            }
            at = n.parent();
        }
        false
    }));
    // Each row starts with its module as a row header.
    let headers = h.query_all_by_role(Role::RowHeader).count();
    assert!(headers >= 10, "{headers} row headers");
}

#[test]
fn no_control_goes_unnamed_and_at_most_five_nodes_have_no_role() {
    let mut h = harness([1280.0, 720.0]);
    // With the coverage panel's findings and the comments pane open, as a reviewer has them.
    keys(&mut h, &[Key::F6, Key::F6, Key::ArrowRight, Key::ArrowDown]);
    let unknown: Vec<String> = h
        .query_all_by(|n| n.role() == Role::Unknown)
        .map(|n| format!("{:?} at {:?}", text(&n.accesskit_node()), n.rect()))
        .collect();
    assert!(unknown.len() <= 5, "{} unknown: {unknown:#?}", unknown.len());
    eprintln!("unknown roles: {unknown:?}");
    let unnamed: Vec<String> = h
        .query_all_by(|n| INTERACTIVE.contains(&n.role()))
        .filter(|n| !named(&n.accesskit_node()))
        .map(|n| format!("{:?} at {:?}", n.accesskit_node().role(), n.rect()))
        .collect();
    assert!(unnamed.is_empty(), "unnamed controls: {unnamed:#?}");
}

/// Every pane, window and dialog a mapper or a reviewer opens: no unnamed control, and at most
/// five nodes of unknown role.
#[test]
fn every_window_and_pane_names_its_controls() {
    use htq_mapper::app::ui_command::UiCommand;
    let states: [&[UiCommand]; 13] = [
        &[],
        &[UiCommand::ToggleComments, UiCommand::CommentOnFocused],
        &[UiCommand::EditModules],
        &[UiCommand::CommandPalette],
        &[UiCommand::ToggleAllOutcomes],
        &[UiCommand::CycleGridView, UiCommand::CompactColumns],
        &[UiCommand::SignOff],
        &[UiCommand::SignOffs],
        &[UiCommand::About],
        &[UiCommand::AddFromCatalogue],
        &[UiCommand::YourName],
        &[UiCommand::ChangeLog],
        &[UiCommand::UpdateStandard],
    ];
    for commands in states {
        let mut h = harness([1280.0, 720.0]);
        keys(&mut h, &[Key::F6, Key::F6, Key::ArrowRight]);
        for &c in commands {
            h.state_mut().push(Command::Ui(c));
            h.run_ok();
            h.run_ok();
        }
        census(&h, &format!("{commands:?}"));
    }
}

/// No unnamed control, at most five nodes of unknown role, and every dialog named.
fn census(h: &Harness<'_, HtqApp>, what: &str) {
    let unknown: Vec<String> = h
        .query_all_by(|n| n.role() == Role::Unknown)
        .map(|n| format!("{:?} at {:?}", text(&n.accesskit_node()), n.rect()))
        .collect();
    assert!(unknown.len() <= 5, "{what}: {unknown:#?}");
    let unnamed: Vec<String> = h
        .query_all_by(|n| INTERACTIVE.contains(&n.role()) || n.role() == Role::Dialog)
        .filter(|n| !named(&n.accesskit_node()))
        .map(|n| format!("{:?} at {:?}", n.accesskit_node().role(), n.rect()))
        .collect();
    assert!(unnamed.is_empty(), "{what}: unnamed controls: {unnamed:#?}");
}

/// The merge summary, the Merge conflicts window and the portfolio, which need files: the
/// same census, and each is a named dialog.
#[test]
fn the_merge_and_portfolio_windows_name_their_controls() {
    use htq_mapper::app::ui_command::UiCommand;
    use htq_mapper::model::Mapping;
    let dir = tempfile::tempdir().unwrap();
    let sample = htq_mapper::sample::sample_project().unwrap();
    let lead_path = dir.path().join("lead.ron");
    htq_mapper::store::save_project(&lead_path, &sample).unwrap();
    // The copy and the lead both change one cell's note: a conflict.
    let ksb = htq_mapper::model::KsbRef::new("ST0215", "K3".parse().unwrap());
    let noted = |p: &htq_mapper::model::Project, note: &str| {
        let mut m = p
            .mapping("HSC402", &ksb)
            .cloned()
            .unwrap_or_else(|| Mapping::new("HSC402", ksb.clone(), Coverage::Full));
        m.note = note.into();
        m
    };
    let mut copy = htq_mapper::merge::send_copy(&sample, "2026-11-25T10:00:00Z".into());
    copy.set_mapping(noted(&copy, "Theirs"));
    let copy_path = dir.path().join("copy.ron");
    htq_mapper::store::save_project(&copy_path, &copy).unwrap();
    let mut lead = sample.clone();
    lead.set_mapping(noted(&lead, "Mine"));

    let picker = QueuedPicker::default();
    let app = HtqApp::new(
        lead,
        Some(lead_path),
        Box::new(picker.clone()),
        RecentFiles::in_memory(),
    );
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.run_ok();
    picker.answer(Some(copy_path));
    h.state_mut().push(Command::Ui(UiCommand::MergeCopy));
    h.run_ok();
    h.run_ok();
    assert!(h.query_by_role_and_label(Role::Dialog, "Merge copy.ron").is_some());
    census(&h, "merge summary");
    h.get_by_role_and_label(Role::Button, "Merge").click();
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().project().merge_conflicts.len(), 1);
    h.state_mut().push(Command::Ui(UiCommand::MergeConflicts));
    h.run_ok();
    h.run_ok();
    assert!(h.query_by_role_and_label(Role::Dialog, "Merge conflicts").is_some());
    census(&h, "merge conflicts");

    // The portfolio: this folder's two programmes, read on a thread.
    picker.answer(Some(dir.path().to_path_buf()));
    h.state_mut().push(Command::Ui(UiCommand::OpenPortfolio));
    let started = std::time::Instant::now();
    while h.query_by_label_contains("2 programmes").is_none() {
        assert!(started.elapsed().as_secs() < 20, "the portfolio never arrived");
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run_ok();
    }
    assert!(h.query_by_role_and_label(Role::Dialog, "Portfolio").is_some());
    census(&h, "portfolio");
}

/// What the standards panel paints (a chip's coverage badge, a duty's state) is said too.
#[test]
fn chips_and_duties_say_their_coverage() {
    let h = harness([1280.0, 720.0]);
    let chip = h.get_all_by_label("K23").next().expect("the K23 chip").accesskit_node();
    let description = chip.description().unwrap_or_default();
    assert!(description.starts_with("not covered: "), "{description}");
    // The standards panel's duty, at the left (the coverage panel lists it too).
    let duty = h
        .query_all_by(|n| n.role() == Role::Label && text(n).starts_with("D7 "))
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("duty D7")
        .accesskit_node();
    let description = duty.description().unwrap_or_default();
    assert!(description.starts_with("uncovered duty, "), "{description}");
    // Its triangle opens and closes its KSBs, and says which.
    let triangle = h.get_by_role_and_label(Role::DisclosureTriangle, "KSBs of duty D7");
    assert_eq!(triangle.accesskit_node().data().is_expanded(), Some(true));
}

/// A duty whose record links no KSB (ST1312 2.0 has two) shows no coverage and says why.
#[test]
fn a_duty_that_lists_no_ksb_says_so_rather_than_covered() {
    let path = crate::common::root().join("standards/catalogue/ST1312_2.0.ron");
    let st = htq_mapper::store::load_standard(&path).unwrap_or_else(|e| panic!("{e}"));
    let unlinked = st
        .duties_without_ksbs()
        .first()
        .map(|c| c.to_string())
        .expect("ST1312 has one");
    let mut project = htq_mapper::sample::sample_project().unwrap();
    project.programme.standards = vec![st.reference.clone()];
    project.standards = vec![st];
    project.mappings.clear();
    let app = HtqApp::new(
        project,
        None,
        Box::new(QueuedPicker::default()),
        RecentFiles::in_memory(),
    );
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.run_ok();
    let duty = h
        .query_all_by(|n| n.role() == Role::Label && text(n).starts_with(&format!("{unlinked} ")))
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("the unlinked duty")
        .accesskit_node();
    let description = duty.description().unwrap_or_default();
    assert!(description.starts_with("unlinked duty, 0 KSBs"), "{description}");
}

/// The controls added for keyboard users read as buttons with their names: the Review
/// menu's comments on the focused row's module and column's KSB, and the modules editor's
/// Add module at its foot.
#[test]
fn the_new_comment_items_and_add_module_are_named_buttons() {
    let mut h = harness([1280.0, 720.0]);
    h.get_by_role_and_label(Role::Button, "Review").click();
    h.run_ok();
    for name in [
        "Comment on the focused row's module…",
        "Comment on the focused column's KSB…",
    ] {
        let item = h.get_by_label_contains(name);
        assert_eq!(item.accesskit_node().role(), Role::Button, "{name}");
    }
    h.key_press(Key::Escape);
    h.run_ok();
    h.state_mut()
        .push(Command::Ui(htq_mapper::app::ui_command::UiCommand::EditModules));
    h.run_ok();
    h.run_ok();
    assert!(h.query_by_role_and_label(Role::Button, "Add module").is_some());
    assert!(h.query_by_role_and_label(Role::Button, "Close").is_some());
}

/// In the palette, the command Enter would run is said as the arrows move: a live region
/// names it, its shortcut and its place among the matches.
#[test]
fn the_palette_says_which_command_enter_runs() {
    let mut h = harness([1280.0, 720.0]);
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::P);
    h.run_ok();
    h.event(egui::Event::Text("save".into()));
    h.run_ok();
    let said = |h: &Harness<'_, HtqApp>| -> String {
        let mut all = h.query_all_by(|n| n.live() == Live::Polite && text(n).starts_with("Enter runs: "));
        text(&all.next().expect("the choice in words").accesskit_node())
    };
    let first = said(&h);
    assert!(first.contains(", 1 of "), "{first}");
    keys(&mut h, &[Key::ArrowDown]);
    let second = said(&h);
    assert!(second.contains(", 2 of "), "{second}");
    assert_ne!(first, second);
}

/// Controls a screen reader names alike are told apart: the search field is "Search codes and
/// texts" (not its tooltip), and each outcome's and assessment's Delete, and each assessment's
/// outcome boxes, name the item they act on.
#[test]
fn like_controls_say_what_they_act_on() {
    let mut h = harness([1440.0, 900.0]);
    let search = h.get_by_label("Search codes and texts");
    assert_eq!(search.accesskit_node().role(), Role::TextInput);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::M);
    h.run_ok();
    h.get_by_label("Details of module 1").click();
    h.run_ok();
    h.run_ok();
    let outcomes = h.state().project().modules[0].outcomes.len();
    assert!(outcomes >= 2);
    for n in 1..=outcomes {
        assert!(
            h.query_by_label(&format!("Delete LO{n} of module 1")).is_some(),
            "LO{n}"
        );
    }
    assert!(h.query_by_label("Delete A1 of module 1").is_some());
    let check = h.get_by_label("A1 of module 1 assesses LO1");
    assert_eq!(check.accesskit_node().role(), Role::CheckBox);
}
