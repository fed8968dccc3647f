//! File > Compare with… and Review > Change log…, driven through egui_kittest: the window lists
//! exactly what changed, a mapping's line takes the grid to its cell, the grid marks the
//! changed cells (and the cells marked for review), and saves record the change log.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui_command::UiCommand;
use htq_mapper::model::{KsbRef, Project};

use crate::common::{EditedSample, k};

/// The sample saved as the old copy, and the open (new) project: the sample with one cell
/// added, one removed, one turned from full to partial and the last module retitled.
struct Scenario {
    dir: tempfile::TempDir,
    old: PathBuf,
    new: Project,
    added: (String, KsbRef),
    removed: (String, KsbRef),
    partial: (String, KsbRef),
    retitled: (String, String, String),
}

fn scenario() -> Scenario {
    let old = htq_mapper::sample::sample_project().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let old_path = dir.path().join("old copy.ron");
    htq_mapper::store::save_project(&old_path, &old).unwrap();
    let EditedSample {
        project: p,
        added,
        removed,
        partial,
        retitled,
    } = crate::common::edited_sample();
    Scenario {
        dir,
        old: old_path,
        new: p,
        added,
        removed,
        partial,
        retitled,
    }
}

fn harness(project: Project, path: Option<PathBuf>, picker: &QueuedPicker) -> Harness<'static, HtqApp> {
    let app = HtqApp::new(project, path, Box::new(picker.clone()), RecentFiles::in_memory());
    Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

fn run(h: &mut Harness<'_, HtqApp>, command: Command) {
    h.state_mut().push(command);
    h.run_ok();
    h.run_ok();
}

fn compare_with(h: &mut Harness<'_, HtqApp>, picker: &QueuedPicker, path: &Path) {
    picker.answer(Some(path.to_path_buf()));
    run(h, Command::Ui(UiCommand::CompareWith));
}

/// The grid's name for a marked cell, as screen readers hear it.
/// Whether the grid's cell says `what` in the name a screen reader reads for it.
fn marked(h: &Harness<'_, HtqApp>, cell: &(String, KsbRef), what: &str) -> bool {
    let start = format!("{} × {}, ", cell.0, cell.1.code);
    h.query_all_by_role(egui::accesskit::Role::GridCell).any(|n| {
        n.accesskit_node()
            .label()
            .is_some_and(|l| l.starts_with(&start) && l.contains(what))
    })
}

#[test]
fn the_window_lists_exactly_what_changed_and_the_grid_marks_those_cells() {
    let s = scenario();
    let picker = QueuedPicker::default();
    let mut h = harness(s.new.clone(), None, &picker);
    compare_with(&mut h, &picker, &s.old);
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Dialog, "Compare with old copy.ron")
            .is_some(),
        "the window is open"
    );
    let (code, old, new) = &s.retitled;
    let expected = [
        "Modules: 0 added, 0 removed, 1 changed".to_string(),
        format!("changed  {code} {new}: title {old:?} → {new:?}"),
        "Mappings: 1 added, 1 removed, 1 changed".to_string(),
        format!("added    {} × {} (full)", s.added.0, s.added.1),
        format!("removed  {} × {} (full)", s.removed.0, s.removed.1),
        format!("changed  {} × {}: coverage full → partial", s.partial.0, s.partial.1),
        "Standards: no change".to_string(),
    ];
    let listed: Vec<String> = {
        let view = h.state().state.compare.as_ref().expect("a comparison");
        view.lines.iter().map(|l| l.text.trim_start().to_string()).collect()
    };
    assert_eq!(listed, expected);
    for line in &expected {
        assert!(h.query_by_label(line).is_some(), "the window shows {line:?}");
    }
    // Each mapping's line takes the grid to its cell, focused and marked.
    for (line, cell, what) in [
        (&expected[3], &s.added, "added since the compared copy"),
        (&expected[4], &s.removed, "removed since the compared copy"),
        (&expected[5], &s.partial, "changed since the compared copy"),
    ] {
        h.get_by_label(line).click();
        h.run_ok();
        h.run_ok();
        let app = h.state();
        let row = app.project().module_index(&cell.0).unwrap();
        assert_eq!(
            app.state.selection.focused.map(|(r, _)| r),
            Some(row),
            "{line} focuses its row"
        );
        assert!(marked(&h, cell, what), "the grid marks {cell:?} {what}");
    }
    // The highlight is a view: switching it off leaves the project as it was.
    let before = h.state().project().clone();
    run(&mut h, Command::Ui(UiCommand::HighlightChanges));
    assert!(!marked(&h, &s.partial, "changed since the compared copy"));
    assert_eq!(*h.state().project(), before);
    assert!(!h.state().is_dirty());
    run(&mut h, Command::Ui(UiCommand::HighlightChanges));
    assert!(marked(&h, &s.partial, "changed since the compared copy"));
    // Esc closes the window; the marks stay until the comparison is cleared.
    h.key_press(Key::Escape);
    h.run_ok();
    h.run_ok();
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Dialog, "Compare with old copy.ron")
            .is_none(),
        "Esc closed the window"
    );
    assert!(marked(&h, &s.partial, "changed since the compared copy"));
    run(&mut h, Command::Ui(UiCommand::ClearComparison));
    assert!(h.state().state.compare.is_none());
    assert!(!marked(&h, &s.partial, "changed since the compared copy"));
}

#[test]
fn the_keyboard_reaches_compare_with_through_the_palette_and_the_apps_own_dialog() {
    let s = scenario();
    let picker = QueuedPicker::without_native_dialog();
    let mut h = harness(s.new.clone(), None, &picker);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_ok();
    h.event(egui::Event::Text("Compare with".into()));
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Dialog, "Compare with another copy")
            .is_some(),
        "the app's own dialog"
    );
    let field = h.get_by_label("Path");
    assert!(field.is_focused());
    field.type_text(&s.old.display().to_string());
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    let view = h.state().state.compare.as_ref().expect("compared");
    assert_eq!(view.marked_cells(), 3);
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Dialog, "Compare with old copy.ron")
            .is_some()
    );
}

#[test]
fn a_file_that_cannot_be_read_is_reported_with_its_line_and_column() {
    let s = scenario();
    let bad = s.dir.path().join("bad.ron");
    std::fs::write(&bad, "(format_version: 1,\n  programme: oops\n").unwrap();
    let picker = QueuedPicker::default();
    let mut h = harness(s.new.clone(), None, &picker);
    compare_with(&mut h, &picker, &bad);
    let app = h.state();
    assert_eq!(app.error_title(), Some("Could not compare with bad.ron"));
    let message = app.error().unwrap_or_default();
    assert!(message.contains("bad.ron:2:18"), "{message}");
    assert!(app.state.compare.is_none());
    // Enter closes the message, as Esc and OK do.
    h.key_press(Key::Enter);
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().error_title(), None, "Enter closes the message");
}

#[test]
fn cells_marked_for_review_carry_a_marker() {
    let mut p = htq_mapper::sample::sample_project().unwrap();
    let mut m = p.mappings.iter().next().cloned().unwrap();
    m.review = true;
    p.set_mapping(m.clone());
    let picker = QueuedPicker::default();
    let mut h = harness(p, None, &picker);
    run(
        &mut h,
        Command::FocusCell {
            module: m.module.clone(),
            ksb: m.ksb.clone(),
        },
    );
    let cell = (m.module.clone(), m.ksb.clone());
    assert!(marked(&h, &cell, "marked for review"), "{cell:?} marked for review");
}

#[test]
fn a_save_records_one_change_log_entry_and_a_save_with_no_change_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let project = htq_mapper::sample::sample_project().unwrap();
    htq_mapper::store::save_project(&path, &project).unwrap();
    let picker = QueuedPicker::default();
    let mut h = harness(project, Some(path.clone()), &picker);
    h.state_mut().state.layout.author = "Ann Lee".into();
    run(
        &mut h,
        Command::MapKsbs {
            module: "HSC502".into(),
            ksbs: vec![k("K23")],
            label: "Map K23 to HSC502".into(),
        },
    );
    run(&mut h, Command::Ui(UiCommand::Save));
    let log = h.state().project().change_log.clone();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].author.as_str(), log[0].summary.as_str()),
        ("Ann Lee", "1 mapping added")
    );
    let saved = htq_mapper::store::load_project(&path).unwrap();
    assert_eq!(saved.change_log, log, "the entry is in the file");
    run(&mut h, Command::Ui(UiCommand::Save));
    assert_eq!(
        h.state().project().change_log.len(),
        1,
        "nothing changed, nothing logged"
    );
    assert_eq!(htq_mapper::store::load_project(&path).unwrap().change_log.len(), 1);
    run(&mut h, Command::Ui(UiCommand::ChangeLog));
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Dialog, "Change log")
            .is_some()
    );
    assert!(
        h.query_by_label("1 mapping added").is_some(),
        "the window lists the entry"
    );
    assert!(h.query_by_label("Ann Lee").is_some());
    h.key_press(Key::Escape);
    h.run_ok();
    h.run_ok();
    assert!(
        h.query_by_label("1 mapping added").is_none(),
        "Esc closed the change log"
    );
}

#[test]
fn the_change_log_wraps_a_long_name_and_summary_inside_the_screen() {
    let mut project = htq_mapper::sample::sample_project().unwrap();
    let name = "Professor Annabelle Leigh-Montgomery, Programme Director, School of Health and Social Care, for the external panel";
    let summary = "12 mappings added, 3 changed, 2 removed; 4 modules changed; 6 learning outcomes added; 1 duty review changed; 9 comment threads added";
    project.change_log.push(htq_mapper::model::ChangeLogEntry {
        at: "2026-11-25T10:04:05Z".into(),
        author: name.into(),
        summary: summary.into(),
    });
    let picker = QueuedPicker::default();
    let mut h = harness(project, None, &picker);
    run(&mut h, Command::Ui(UiCommand::ChangeLog));
    for label in [name, summary] {
        let rect = h.get_by_label(label).rect();
        assert!(rect.right() <= 1280.0, "{label} ends at {}", rect.right());
    }
    assert!(
        h.get_by_label(summary).rect().height() > 20.0,
        "the summary wraps onto a second line"
    );
}
