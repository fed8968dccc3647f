//! File > Merge a colleague's copy…, Send a copy for editing… and resolving a merge conflict,
//! driven through egui_kittest on the bundled sample: the summary comes first, Merge is one
//! undoable edit, a conflicted cell carries a badge and the inspector settles it.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use htq_mapper::analysis::FindingKind;
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui_command::UiCommand;
use htq_mapper::model::{Coverage, KsbRef, Mapping, Project};

use crate::common::k;

fn harness(project: Project, path: &Path, picker: &QueuedPicker) -> Harness<'static, HtqApp> {
    let app = HtqApp::new(
        project,
        Some(path.to_path_buf()),
        Box::new(picker.clone()),
        RecentFiles::in_memory(),
    );
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

fn click(h: &mut Harness<'_, HtqApp>, label: &str) {
    h.get_by_label(label).click();
    h.run_ok();
    h.run_ok();
}

/// The first cell of `module` the sample leaves unmapped.
fn unmapped(p: &Project, module: &str) -> KsbRef {
    p.ksb_refs().find(|k| p.mapping(module, k).is_none()).unwrap()
}

/// The lead's file (the sample, saved) and a copy sent from it, which `edit` changes.
struct Copies {
    _dir: tempfile::TempDir,
    lead: PathBuf,
    copy: PathBuf,
    sample: Project,
}

fn copies(edit: impl FnOnce(&mut Project)) -> Copies {
    let sample = htq_mapper::sample::sample_project().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let lead = dir.path().join("lead.ron");
    htq_mapper::store::save_project(&lead, &sample).unwrap();
    let mut copy = htq_mapper::merge::send_copy(&sample, "2026-11-25T10:00:00Z".into());
    edit(&mut copy);
    let copy_path = dir.path().join("copy.ron");
    htq_mapper::store::save_project(&copy_path, &copy).unwrap();
    Copies {
        _dir: dir,
        lead,
        copy: copy_path,
        sample,
    }
}

fn merge_copy(h: &mut Harness<'_, HtqApp>, picker: &QueuedPicker, copy: &Path) {
    picker.answer(Some(copy.to_path_buf()));
    run(h, Command::Ui(UiCommand::MergeCopy));
}

fn with_note(p: &Project, module: &str, ksb: &KsbRef, note: &str) -> Mapping {
    Mapping {
        note: note.into(),
        ..p.mapping(module, ksb).unwrap().clone()
    }
}

#[test]
fn merging_a_copy_shows_a_summary_then_brings_its_edits_in_as_one_undoable_edit() {
    let added_theirs = |p: &Project| unmapped(p, "HSC401");
    let c = copies(|p| {
        let mut m = p.mapping("HSC402", &k("K1")).unwrap().clone();
        m.coverage = Coverage::Partial;
        m.workplace_reason = "Completed on placement".into();
        p.set_mapping(m);
        p.set_mapping(Mapping::new("HSC401", added_theirs(p), Coverage::Full));
        p.modules.last_mut().unwrap().title = "Retitled by a colleague".into();
    });
    // The lead mapped a cell of their own meanwhile.
    let mut lead = c.sample.clone();
    let mine = unmapped(&lead, "HSC403");
    lead.set_mapping(Mapping::new("HSC403", mine.clone(), Coverage::Full));
    let picker = QueuedPicker::default();
    let mut h = harness(lead.clone(), &c.lead, &picker);

    merge_copy(&mut h, &picker, &c.copy);
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Dialog, "Merge copy.ron")
            .is_some(),
        "the summary is open"
    );
    assert!(h.query_by_label("From the copy: 3 changes come in").is_some());
    assert!(
        h.query_by_label("1 change of yours since the copy was sent is kept")
            .is_some()
    );
    assert!(h.query_by_label("No conflicts.").is_some());
    assert_eq!(*h.state().project(), lead, "nothing changes before Merge");

    click(&mut h, "Merge");
    assert!(h.state().state.merge.is_none(), "the summary closed");
    let p = h.state().project().clone();
    let k1 = p.mapping("HSC402", &k("K1")).unwrap();
    assert_eq!(k1.coverage, Coverage::Partial);
    assert_eq!(k1.workplace_reason, "Completed on placement");
    assert!(
        p.mapping("HSC401", &added_theirs(&c.sample)).is_some(),
        "their new cell came in"
    );
    assert_eq!(p.modules.last().unwrap().title, "Retitled by a colleague");
    assert!(p.mapping("HSC403", &mine).is_some(), "the lead's own cell stays");
    assert!(p.merge_conflicts.is_empty());
    assert!(
        h.state()
            .last_action()
            .starts_with("Merge copy.ron (3 changes in, 0 conflicts)")
    );

    run(&mut h, Command::Ui(UiCommand::Undo));
    assert_eq!(*h.state().project(), lead, "one Undo takes the whole merge back");
}

#[test]
fn a_conflicted_cell_shows_its_badge_and_take_theirs_resolves_it_until_undo() {
    let ksb = k("K3");
    let c = copies(|p| {
        let mut m = with_note(p, "HSC402", &ksb, "Theirs: taught on placement");
        m.coverage = Coverage::Partial;
        m.workplace_reason = "Evidenced in the practice portfolio".into();
        p.set_mapping(m);
    });
    let mut lead = c.sample.clone();
    lead.set_mapping(with_note(&lead, "HSC402", &ksb, "Mine: taught in week 3"));
    let picker = QueuedPicker::default();
    let mut h = harness(lead, &c.lead, &picker);
    merge_copy(&mut h, &picker, &c.copy);
    assert!(
        h.query_by_label("1 conflict: changed two ways, or changed on one side and deleted on the other")
            .is_some()
    );
    click(&mut h, "Merge");

    let id = "merge-conflict:HSC402:ST0215/K3";
    let findings = |h: &Harness<'_, HtqApp>| -> Vec<String> {
        let a = h.state().analysis();
        a.findings
            .iter()
            .filter(|f| f.kind == FindingKind::MergeConflict)
            .map(|f| f.id.clone())
            .collect()
    };
    assert_eq!(findings(&h), [id]);
    // The cell's name says it, as a screen reader reads the badge.
    let badge = |h: &Harness<'_, HtqApp>| {
        h.query_all_by_role(egui::accesskit::Role::GridCell).any(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("HSC402 × K3, ") && l.contains(", merge conflict"))
        })
    };
    assert!(badge(&h), "the grid marks the cell");
    let merged = h.state().project().mapping("HSC402", &ksb).unwrap().clone();
    assert_eq!(
        merged.note, "Mine: taught in week 3",
        "the cell holds mine while it stands"
    );
    assert_eq!(merged.coverage, Coverage::Partial, "their other fields came in");

    run(
        &mut h,
        Command::FocusCell {
            module: "HSC402".into(),
            ksb: ksb.clone(),
        },
    );
    assert!(
        h.query_by_label("Merge conflict: the two copies changed note differently")
            .is_some()
    );
    assert!(h.query_by_label("Mine").is_some() && h.query_by_label("Theirs").is_some());
    assert!(h.query_by_label("Keep as edited").is_some());
    click(&mut h, "Take theirs");
    let p = h.state().project().clone();
    assert!(p.merge_conflicts.is_empty());
    let theirs = htq_mapper::store::load_project(&c.copy).unwrap();
    assert_eq!(p.mapping("HSC402", &ksb), theirs.mapping("HSC402", &ksb));
    assert!(findings(&h).is_empty(), "check finds no merge conflict");
    assert!(!badge(&h), "the badge went");
    assert!(h.state().last_action().contains("Take theirs: HSC402 × ST0215/K3"));

    run(&mut h, Command::Ui(UiCommand::Undo));
    assert_eq!(
        h.state().project().merge_conflicts.len(),
        1,
        "Undo brings the conflict back"
    );
    assert_eq!(h.state().project().mapping("HSC402", &ksb), Some(&merged));
    assert_eq!(findings(&h), [id]);
    assert!(badge(&h), "Undo brings the badge back");
}

#[test]
fn a_copy_with_no_recorded_base_is_refused_and_says_what_to_do() {
    let c = copies(|p| p.copy_base = None);
    let picker = QueuedPicker::default();
    let mut h = harness(c.sample.clone(), &c.lead, &picker);
    merge_copy(&mut h, &picker, &c.copy);
    let message = h.state().error().unwrap_or_default().to_string();
    assert!(message.contains("copy.ron records no base"), "{message}");
    assert!(message.contains("Send a copy for editing"), "{message}");
    assert!(message.contains("--base BASE"), "{message}");
    assert!(h.state().state.merge.is_none());
    assert_eq!(*h.state().project(), c.sample);
}

#[test]
fn send_a_copy_writes_one_that_records_its_base_and_merges_back() {
    let c = copies(|_| {});
    let picker = QueuedPicker::default();
    let mut h = harness(c.sample.clone(), &c.lead, &picker);
    let sent = c.lead.with_file_name("sent.ron");
    picker.answer(Some(sent.clone()));
    run(&mut h, Command::Ui(UiCommand::SendCopy));
    let mut copy = htq_mapper::store::load_project(&sent).unwrap();
    let base = copy.copy_base.clone().expect("the copy records its base");
    assert_eq!(base.content, htq_mapper::review::signoff::canonical_lines(&c.sample));
    // A colleague edits it; it merges back with no base file.
    copy.set_mapping(Mapping::new("HSC401", unmapped(&copy, "HSC401"), Coverage::Full));
    htq_mapper::store::save_project(&sent, &copy).unwrap();
    merge_copy(&mut h, &picker, &sent);
    click(&mut h, "Merge");
    assert_eq!(h.state().project().mappings, copy.mappings);
}

#[test]
fn a_module_conflict_is_listed_in_the_conflicts_window_and_resolved_there() {
    let c = copies(|p| p.modules[0].title = "Their title".into());
    let mut lead = c.sample.clone();
    lead.modules[0].title = "My title".into();
    let code = lead.modules[0].code.clone();
    let picker = QueuedPicker::default();
    let mut h = harness(lead, &c.lead, &picker);
    merge_copy(&mut h, &picker, &c.copy);
    click(&mut h, "Merge");
    assert_eq!(h.state().project().merge_conflicts.len(), 1);
    // The coverage panel's button opens the window listing it.
    click(&mut h, "1 merge conflict to resolve…");
    assert!(
        h.query_by_label(&format!("module {code}")).is_some(),
        "the window lists it"
    );
    assert!(h.query_by_label("title: Their title").is_some(), "with their side");
    click(&mut h, "Take theirs");
    let p = h.state().project();
    assert!(p.merge_conflicts.is_empty());
    assert_eq!(p.modules[0].title, "Their title");
    assert!(
        !h.state().state.conflicts_open,
        "the window closes with the last conflict"
    );
}
