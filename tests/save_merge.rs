//! Two copies of the app on one shared file: when the second to save finds the first's save
//! on disk, "Merge their changes, then save" keeps both. It could only overwrite theirs or
//! save elsewhere.

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::model::{Coverage, KsbRef, Mapping, Project};

use crate::common::ui::ctrl_s_asks_about_the_file;

fn k23() -> KsbRef {
    KsbRef::new("ST0215", "K23".parse().unwrap())
}

/// The app on the project saved at `path`, having mapped HSC502 × K23, unsaved.
fn mapped_on(path: &Path, picker: QueuedPicker) -> Harness<'static, HtqApp> {
    let project = htq_mapper::store::load_project(path).unwrap();
    let app = HtqApp::new(
        project,
        Some(path.to_path_buf()),
        Box::new(picker),
        RecentFiles::in_memory(),
    );
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.state_mut().push(Command::CycleCell {
        module: "HSC502".into(),
        ksb: k23(),
    });
    h.run_ok();
    h
}

/// The app on a saved copy of the sample, having mapped HSC502 × K23, unsaved.
fn edited(path: &Path) -> (Harness<'static, HtqApp>, Project) {
    let saved = htq_mapper::sample::sample_project().unwrap();
    htq_mapper::store::save_project(path, &saved).unwrap();
    (mapped_on(path, QueuedPicker::default()), saved)
}

/// Another copy saves HSC502 × K23 as partial, the cell this one mapped full.
fn they_save_the_cell_partial(path: &Path, saved: &Project) -> Project {
    let mut theirs = saved.clone();
    theirs.set_mapping(Mapping::new("HSC502", k23(), Coverage::Partial));
    htq_mapper::store::save_project(path, &theirs).unwrap();
    theirs
}

/// Ctrl+S, then the answer that merges.
fn save_and_merge(h: &mut Harness<'_, HtqApp>) {
    assert!(ctrl_s_asks_about_the_file(h));
    h.get_by_label("Merge their changes, then save").click();
    h.run_ok();
    h.run_ok();
}

#[test]
fn merging_their_save_keeps_both_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let (mut h, saved) = edited(&path);
    let mut theirs = saved.clone();
    theirs.programme.title = "Their title".into();
    htq_mapper::store::save_project(&path, &theirs).unwrap();

    save_and_merge(&mut h);
    let on_disk = htq_mapper::store::load_project(&path).unwrap();
    assert_eq!(on_disk.programme.title, "Their title", "their change");
    assert!(on_disk.mapping("HSC502", &k23()).is_some(), "and mine");
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Dialog, "The file changed on disk")
            .is_none()
    );
    assert!(
        h.state().last_action().contains("Merged"),
        "{}",
        h.state().last_action()
    );
    // Saved, their change is in the file: undo stops there rather than take it out of the
    // file at the next save, and says why.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    assert_eq!(h.state().project().programme.title, "Their title");
    assert!(
        h.state().last_action().starts_with("Undo stops at the merge"),
        "{}",
        h.state().last_action()
    );
}

/// A sync client put back an older copy of the file (one save behind). Merging it would read
/// the save it lacks as its deletions; it is the common ancestor instead, so nothing of that
/// save is lost.
#[test]
fn an_older_copy_put_back_is_not_merged_as_deletions() {
    let dir = tempfile::tempdir().unwrap();
    older_copy_put_back(dir.path(), true);
    // The file as `new` made it, before its first save, has no log at all: the same.
    older_copy_put_back(&dir.path().join("fresh"), false);
}

fn older_copy_put_back(dir: &Path, logged: bool) {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("shared.ron");
    let mut first = htq_mapper::sample::sample_project().unwrap();
    if logged {
        first.change_log.push(htq_mapper::model::ChangeLogEntry {
            at: "2026-12-01T10:00:00Z".into(),
            author: "Ann".into(),
            summary: "1 mapping added".into(),
        });
    }
    let older = first.clone();
    // The save the older copy lacks: HSC401 × K23 mapped, and logged.
    first.set_mapping(Mapping::new("HSC401", k23(), Coverage::Full));
    first.change_log.push(htq_mapper::model::ChangeLogEntry {
        at: "2026-12-02T10:00:00Z".into(),
        author: "Bob".into(),
        summary: "1 mapping added".into(),
    });
    htq_mapper::store::save_project(&path, &first).unwrap();
    let mut h = mapped_on(&path, QueuedPicker::default());
    htq_mapper::store::save_project(&path, &older).unwrap();

    save_and_merge(&mut h);
    let on_disk = htq_mapper::store::load_project(&path).unwrap();
    assert!(on_disk.mapping("HSC401", &k23()).is_some(), "Bob's save is kept");
    assert!(on_disk.mapping("HSC502", &k23()).is_some(), "and this edit");
}

/// Someone saved another programme over the file (Save As onto it): merging would turn this
/// project into theirs. It is refused, and the file is left as they saved it.
#[test]
fn another_programme_saved_over_the_file_is_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let (mut h, _) = edited(&path);
    let mut other = htq_mapper::sample::sample_project().unwrap();
    other.programme.title = "Nursing Associate".into();
    // Programmes of one college share a module or two: this one shares HSC401.
    for m in other.modules.iter_mut().skip(1) {
        m.code = m.code.replace("HSC", "NUR");
    }
    other.mappings = Default::default();
    htq_mapper::store::save_project(&path, &other).unwrap();

    save_and_merge(&mut h);
    assert!(
        h.state()
            .error()
            .is_some_and(|e| e.contains("now holds another programme")),
        "{:?}",
        h.state().error()
    );
    assert_eq!(htq_mapper::store::load_project(&path).unwrap(), other);
    assert!(
        h.state().project().module("HSC401").is_some(),
        "this project is as it was"
    );
}

/// Both changed one cell differently: both are kept as a conflict, and nothing is saved
/// until it is settled.
#[test]
fn a_cell_both_changed_waits_to_be_settled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let (mut h, saved) = edited(&path);
    let theirs = they_save_the_cell_partial(&path, &saved);

    save_and_merge(&mut h);
    assert_eq!(h.state().project().merge_conflicts.len(), 1);
    assert!(
        h.state().last_action().contains("settle 1 conflict"),
        "{}",
        h.state().last_action()
    );
    let on_disk = htq_mapper::store::load_project(&path).unwrap();
    assert_eq!(on_disk, theirs, "not saved over theirs while a conflict waits");
    // Save then writes without asking again, the conflict and all.
    assert!(!ctrl_s_asks_about_the_file(&mut h));
    assert_eq!(
        htq_mapper::store::load_project(&path).unwrap().merge_conflicts.len(),
        1,
        "the conflict is saved, both sides, for the next person to settle"
    );
}

/// A merge undone before it was saved leaves their save theirs again: Save asks once more,
/// rather than write over it unasked.
#[test]
fn an_undone_merge_asks_again_before_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let (mut h, saved) = edited(&path);
    let theirs = they_save_the_cell_partial(&path, &saved);
    save_and_merge(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    assert!(h.state().project().merge_conflicts.is_empty(), "the merge is undone");
    assert!(ctrl_s_asks_about_the_file(&mut h));
    assert_eq!(htq_mapper::store::load_project(&path).unwrap(), theirs);
}

/// The file was moved or deleted since it was opened (a colleague renamed it): Save asks
/// rather than silently write it there again, and offers no merge, as there is nothing to
/// merge; "Save it there again" then does.
#[test]
fn a_file_gone_since_it_was_opened_is_not_silently_written_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let (mut h, _) = edited(&path);
    std::fs::rename(&path, dir.path().join("shared-final.ron")).unwrap();
    assert!(ctrl_s_asks_about_the_file(&mut h));
    assert!(!path.exists(), "not written unasked");
    assert!(h.query_by_label("Merge their changes, then save").is_none());
    h.get_by_label("Save it there again").click();
    h.run_ok();
    h.run_ok();
    let saved = htq_mapper::store::load_project(&path).unwrap();
    assert!(saved.mapping("HSC502", &k23()).is_some());
}

/// Save As onto the project's own file, after a colleague saved it, asks as Save does (with
/// Merge), rather than refuse in the command line's words.
#[test]
fn save_as_onto_its_own_file_after_their_save_asks_to_merge() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let saved = htq_mapper::sample::sample_project().unwrap();
    htq_mapper::store::save_project(&path, &saved).unwrap();
    let picker = QueuedPicker::default();
    let mut h = mapped_on(&path, picker.clone());
    let mut theirs = saved.clone();
    theirs.programme.title = "Their title".into();
    htq_mapper::store::save_project(&path, &theirs).unwrap();
    picker.answer(Some(path.clone()));
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::S);
    h.run_ok();
    h.run_ok();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    h.get_by_label("Merge their changes, then save").click();
    h.run_ok();
    h.run_ok();
    let on_disk = htq_mapper::store::load_project(&path).unwrap();
    assert_eq!(on_disk.programme.title, "Their title");
    assert!(on_disk.mapping("HSC502", &k23()).is_some());
}

/// The saved project with ST0215 moved back from 1.2 to 1.0, as `migrate --to ST0215@1.0`.
fn moved_back_to_1_0(saved: &Project) -> Project {
    let mut theirs = saved.clone();
    let older = htq_mapper::catalogue::versions("ST0215")
        .into_iter()
        .find(|s| s.version.as_deref() == Some("1.0"))
        .unwrap();
    htq_mapper::revision::migrate_standard(&mut theirs, older, &Default::default()).unwrap();
    theirs
}

/// The dialog that names the move back it did not merge.
fn says_their_move_back_was_not_merged(h: &Harness<'_, HtqApp>) {
    let said = h.query_by_role_and_label(
        egui::accesskit::Role::Dialog,
        "Some of the file's changes were not merged",
    );
    assert!(said.is_some(), "{}", h.state().last_action());
    assert!(
        h.query_by_label_contains("The file's later save moved ST0215 back from 1.2 to 1.0")
            .is_some()
    );
}

/// A colleague's save moved ST0215 back from 1.2 to 1.0. Merging it would take this copy's
/// 1.2 work back with it, so the merge withholds their mappings of ST0215, says so, and saves
/// nothing: their file stays as they saved it until the user chooses, and the dialog says
/// how to keep both.
#[test]
fn a_save_that_moved_a_standard_back_is_not_merged_over_and_not_saved_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let (mut h, saved) = edited(&path);
    let mut theirs = moved_back_to_1_0(&saved);
    theirs.migrations.clear();
    htq_mapper::store::save_project(&path, &theirs).unwrap();
    let theirs_bytes = std::fs::read(&path).unwrap();

    save_and_merge(&mut h);
    says_their_move_back_was_not_merged(&h);
    assert!(h.query_by_label_contains("use File > Save As… for yours").is_some());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        theirs_bytes,
        "their file is not saved over"
    );
    let p = h.state().project();
    assert_eq!(p.standard("ST0215").and_then(|s| s.version.as_deref()), Some("1.2"));
    assert!(p.mapping("HSC502", &k23()).is_some(), "my edit stays");
    assert_eq!(
        p.mappings.len(),
        saved.mappings.len() + 1,
        "none of mine taken back to 1.0"
    );
}

/// The same move back, found on restoring a crash's work: the restore kept this copy's 1.2
/// and its edit, but said nothing, and the next Ctrl+S replaced their 1.0 file without a
/// question (found by a tester). It now says what it left out, as the merge on save does.
#[test]
fn restoring_a_crash_over_a_save_that_moved_a_standard_back_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let saved = htq_mapper::sample::sample_project().unwrap();
    htq_mapper::store::save_project(&path, &saved).unwrap();
    let open = || {
        let project = htq_mapper::store::load_project(&path).unwrap();
        HtqApp::new(
            project,
            Some(path.clone()),
            Box::new(QueuedPicker::default()),
            RecentFiles::in_memory(),
        )
        .with_journal(dir.path().to_path_buf())
    };
    let mut crashed = open();
    crashed.push(Command::CycleCell {
        module: "HSC502".into(),
        ksb: k23(),
    });
    let ctx = egui::Context::default();
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| crashed.show(ui));
    output.textures_delta.clear();
    drop(crashed);

    let theirs = moved_back_to_1_0(&saved);
    htq_mapper::store::save_project(&path, &theirs).unwrap();
    let theirs_bytes = std::fs::read(&path).unwrap();

    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), open());
    h.run_ok();
    h.get_by_label("Restore").click();
    h.run_ok();
    says_their_move_back_was_not_merged(&h);
    let p = h.state().project();
    assert!(p.mapping("HSC502", &k23()).is_some(), "the crash's edit is back");
    assert_eq!(p.standard("ST0215").and_then(|s| s.version.as_deref()), Some("1.2"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        theirs_bytes,
        "their file is not saved over"
    );
}
