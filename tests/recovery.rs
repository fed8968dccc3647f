//! Never lose a mapping: the edit journal survives SIGKILL, the recovery offer restores
//! it, and Save refuses to overwrite someone else's change without asking.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command as AppCommand;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::model::{KsbRef, Project};

const EDITS: usize = 25;

/// The cells the child edits, one per edit: every KSB of ST0215 against HSC503, in turn.
fn cells(project: &Project) -> Vec<(String, KsbRef)> {
    project
        .ksb_refs()
        .take(EDITS)
        .map(|k| ("HSC503".to_string(), k))
        .collect()
}

fn open(path: &Path, journal_dir: &Path) -> HtqApp {
    let project = htq_mapper::store::load_project(path).unwrap();
    HtqApp::new(
        project,
        Some(path.to_path_buf()),
        Box::new(QueuedPicker::default()),
        RecentFiles::in_memory(),
    )
    .with_journal(journal_dir.to_path_buf())
}

/// Cycles one cell (none to full) and runs the frame that applies and journals it.
fn cycle(ctx: &egui::Context, app: &mut HtqApp, module: &str, ksb: &KsbRef) {
    app.push(AppCommand::CycleCell {
        module: module.into(),
        ksb: ksb.clone(),
    });
    frame(ctx, app);
}

/// A copy opens `path`, maps one cell and dies without saving, leaving its journal.
fn crash_after_editing(path: &Path, journal_dir: &Path, module: &str, ksb: &KsbRef) {
    let mut crashed = open(path, journal_dir);
    cycle(&egui::Context::default(), &mut crashed, module, ksb);
    drop(crashed);
}

/// The sample saved at `path`, then a copy that mapped HSC502 × K23 and died: the saved
/// project and the KSB.
fn saved_then_crashed(path: &Path, journal_dir: &Path) -> (Project, KsbRef) {
    let saved = htq_mapper::sample::sample_project().unwrap();
    htq_mapper::store::save_project(path, &saved).unwrap();
    let k = KsbRef::new("ST0215", "K23".parse().unwrap());
    crash_after_editing(path, journal_dir, "HSC502", &k);
    (saved, k)
}

/// Ctrl+S shows "The file changed on disk", and the file keeps the other person's title.
fn save_is_stopped_by_their_title(h: &mut Harness<'_, HtqApp>, path: &Path) {
    assert!(crate::common::ui::ctrl_s_asks_about_the_file(h));
    assert_eq!(
        htq_mapper::store::load_project(path).unwrap().programme.title,
        "Their title",
        "not overwritten silently"
    );
}

/// Runs frames with no window, applying the queued commands.
fn frame(ctx: &egui::Context, app: &mut HtqApp) {
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| app.show(ui));
    output.textures_delta.clear();
}

/// Run as a child process: make the edits, say so, and wait to be killed.
#[test]
fn child_makes_edits_then_waits() {
    let Ok(dir) = std::env::var("HTQ_CHILD_DIR") else {
        return;
    };
    let dir = Path::new(&dir);
    let path = dir.join("p.ron");
    let mut app = open(&path, dir);
    let ctx = egui::Context::default();
    for (module, ksb) in cells(app.project()) {
        app.push(AppCommand::CycleCell { module, ksb });
        frame(&ctx, &mut app);
    }
    println!("READY {}", app.project().mappings.len());
    std::thread::sleep(std::time::Duration::from_secs(120));
}

#[test]
fn every_edit_survives_sigkill_and_is_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let saved = htq_mapper::sample::sample_project().unwrap();
    htq_mapper::store::save_project(&path, &saved).unwrap();

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "recovery::child_makes_edits_then_waits",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("HTQ_CHILD_DIR", dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let ready = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.split_once("READY ").map(|(_, n)| n.trim().to_string()));
    child.kill().unwrap(); // SIGKILL: no destructors, no exit handlers.
    let _ = child.wait();
    let ready = ready.expect("the child made its edits");
    let mappings_in_child: usize = ready.parse().unwrap();

    assert_eq!(
        htq_mapper::store::load_project(&path).unwrap(),
        saved,
        "nothing was saved"
    );
    let mut app = open(&path, dir.path());
    let r = app.recovery().expect("the journal offers the work");
    assert_eq!(r.edits.len(), EDITS);
    let mut expected = saved.clone();
    for (module, ksb) in cells(&saved) {
        match expected.mapping(&module, &ksb).cloned() {
            None => {
                expected.set_mapping(htq_mapper::model::Mapping::new(
                    module,
                    ksb,
                    htq_mapper::model::Coverage::Full,
                ));
            }
            Some(m) if m.coverage == htq_mapper::model::Coverage::Full => {
                expected.set_mapping(htq_mapper::model::Mapping {
                    coverage: htq_mapper::model::Coverage::Partial,
                    ..m
                });
            }
            Some(_) => {
                expected.remove_mapping(&module, &ksb);
            }
        }
    }
    assert_eq!(r.replay(), expected);
    assert_eq!(expected.mappings.len(), mappings_in_child);

    app.push(AppCommand::RestoreRecovery);
    frame(&egui::Context::default(), &mut app);
    assert_eq!(app.project(), &expected);
    assert!(app.is_dirty());
    assert!(app.recovery().is_none());
}

#[test]
fn the_recovery_offer_shows_what_it_restores_and_can_be_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let saved = htq_mapper::sample::sample_project().unwrap();
    htq_mapper::store::save_project(&path, &saved).unwrap();
    {
        // A session that edits, then vanishes without saving.
        let mut app = open(&path, dir.path());
        let k = KsbRef::new("ST0215", "K23".parse().unwrap());
        app.push(AppCommand::CycleCell {
            module: "HSC502".into(),
            ksb: k,
        });
        frame(&egui::Context::default(), &mut app);
        // Dropped unsaved, as a crash leaves it: the journal stays, and the lock the live
        // copy held on it goes with the process.
        drop(app);
    }
    let journal = htq_mapper::store::journal_path(Some(&path), dir.path());
    assert!(journal.exists());

    let app = open(&path, dir.path());
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.run_ok();
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Dialog, "Restore unsaved work?")
            .is_some()
    );
    assert!(
        h.query_by_label("- Set HSC502 × K23 full").is_some(),
        "the offer lists the edits"
    );
    // Discard asks again, starting on Go back, which keeps the offer.
    h.get_by_label("Discard…").click();
    h.run_ok();
    h.run_ok();
    assert!(h.get_by_label("Go back").is_focused());
    h.key_press(egui::Key::Enter);
    h.run_ok();
    h.run_ok();
    assert!(h.state().recovery().is_some(), "Go back keeps the work on offer");
    assert!(journal.exists());
    h.get_by_label("Discard…").click();
    h.run_ok();
    h.get_by_label("Discard the 1 edit").click();
    h.run_ok();
    h.run_ok();
    assert!(h.state().recovery().is_none());
    assert_eq!(h.state().project(), &saved);
    assert!(!journal.exists(), "a discarded journal is removed");
}

/// Two copies of the app on one shared file: the second is not offered the first's live
/// edits as a crash's, cannot wipe its journal, and says its own crash recovery is off;
/// once the first is gone, its work is offered.
#[test]
fn two_copies_on_one_file_each_keep_their_own_crash_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    htq_mapper::store::save_project(&path, &htq_mapper::sample::sample_project().unwrap()).unwrap();
    let ctx = egui::Context::default();
    let mut first = open(&path, dir.path());
    let k23 = KsbRef::new("ST0215", "K23".parse().unwrap());
    let k24 = KsbRef::new("ST0215", "K24".parse().unwrap());
    cycle(&ctx, &mut first, "HSC502", &k23);
    let journal = htq_mapper::store::journal_path(Some(&path), dir.path());
    assert!(journal.exists());

    let mut second = open(&path, dir.path());
    assert!(second.recovery().is_none(), "live work is not a crash's");
    cycle(&ctx, &mut second, "HSC502", &k24);
    assert!(
        second
            .last_action()
            .contains("Another copy of HTQ Mapper has this project open"),
        "{}",
        second.last_action()
    );
    let kept = htq_mapper::store::Recovery::read(&journal).expect("the first copy's journal");
    assert_eq!(kept.changes.len(), 1, "{:?}", kept.changes);
    let own = dir.path().join(".p.ron.journal-2");
    assert_eq!(
        htq_mapper::store::Recovery::read(&own)
            .expect("the second copy's journal")
            .changes
            .len(),
        1
    );
    assert!(
        htq_mapper::store::is_companion(&own),
        "listed as the project's, not as a project"
    );

    // Both copies die without saving: each one's edit is offered to a copy opened next.
    drop(first);
    drop(second);
    let coverage = |app: &htq_mapper::app::HtqApp, k: &KsbRef| {
        app.recovery()
            .expect("offered")
            .replay()
            .mapping("HSC502", k)
            .map(|m| m.coverage)
    };
    let mut third = open(&path, dir.path());
    assert_eq!(coverage(&third, &k23), Some(htq_mapper::model::Coverage::Full));
    assert_eq!(coverage(&third, &k24), None, "one crash's work at a time");
    // Its first edit journals beside the second copy's work, which waits its turn.
    third.push(AppCommand::DiscardRecovery);
    frame(&ctx, &mut third);
    cycle(&ctx, &mut third, "HSC501", &k23);
    assert_eq!(
        htq_mapper::store::Recovery::read(&own)
            .expect("still there")
            .changes
            .len(),
        1
    );
    drop(third);
    let fourth = open(&path, dir.path());
    // The third copy's, in the first journal; the second copy's still waits in its own.
    let offered = fourth.recovery().expect("the next crash's work");
    assert!(
        offered.replay().mapping("HSC501", &k23).is_some(),
        "{:?}",
        offered.changes
    );
    assert!(own.exists());
}

#[test]
fn a_clean_save_removes_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    htq_mapper::store::save_project(&path, &htq_mapper::sample::sample_project().unwrap()).unwrap();
    let mut app = open(&path, dir.path());
    let k = KsbRef::new("ST0215", "K23".parse().unwrap());
    app.push(AppCommand::CycleCell {
        module: "HSC502".into(),
        ksb: k.clone(),
    });
    let ctx = egui::Context::default();
    frame(&ctx, &mut app);
    let journal = htq_mapper::store::journal_path(Some(&path), dir.path());
    assert!(journal.exists());
    app.push(AppCommand::Ui(htq_mapper::app::ui_command::UiCommand::Save));
    frame(&ctx, &mut app);
    assert!(!journal.exists());
    assert!(
        htq_mapper::store::load_project(&path)
            .unwrap()
            .mapping("HSC502", &k)
            .is_some()
    );
}

#[test]
fn save_warns_when_someone_else_changed_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let saved = htq_mapper::sample::sample_project().unwrap();
    htq_mapper::store::save_project(&path, &saved).unwrap();
    let picker = QueuedPicker::default();
    let project = htq_mapper::store::load_project(&path).unwrap();
    let app = HtqApp::new(
        project,
        Some(path.clone()),
        Box::new(picker.clone()),
        RecentFiles::in_memory(),
    );
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    let k = KsbRef::new("ST0215", "K23".parse().unwrap());
    h.state_mut().push(AppCommand::CycleCell {
        module: "HSC502".into(),
        ksb: k.clone(),
    });
    h.run_ok();

    // Another reviewer saves their own change to the shared file.
    let mut theirs = saved.clone();
    theirs.programme.title = "Their title".into();
    htq_mapper::store::save_project(&path, &theirs).unwrap();

    save_is_stopped_by_their_title(&mut h, &path);

    // Save As keeps both.
    let mine = dir.path().join("mine.ron");
    picker.answer(Some(mine.clone()));
    h.get_by_label("Save As…").click();
    h.run_ok();
    h.run_ok();
    // The dialog suggests a name beside theirs, so Enter twice cannot replace their work.
    let suggested = picker.suggested();
    assert!(
        suggested.last().is_some_and(|n| n.ends_with("-my-changes.ron")),
        "{suggested:?}"
    );
    assert_eq!(
        htq_mapper::store::load_project(&path).unwrap().programme.title,
        "Their title"
    );
    assert!(
        htq_mapper::store::load_project(&mine)
            .unwrap()
            .mapping("HSC502", &k)
            .is_some()
    );
    assert_eq!(h.state().path(), Some(mine.as_path()));

    // Overwrite, when chosen, replaces it.
    std::fs::write(&mine, htq_mapper::store::project_to_string(&theirs).unwrap()).unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_ok();
    h.run_ok();
    h.get_by_label("Overwrite").click();
    h.run_ok();
    h.run_ok();
    assert!(
        htq_mapper::store::load_project(&mine)
            .unwrap()
            .mapping("HSC502", &k)
            .is_some()
    );
}

/// A crash's work restored after the file was saved again (by another copy on a shared
/// drive, or by this person in a later session): it is merged into that save. Restoring it
/// once replaced the later save, and Save then asked to overwrite it.
#[test]
fn restored_work_older_than_the_file_is_merged_into_its_later_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let (saved, k) = saved_then_crashed(&path, dir.path());
    let mut theirs = saved.clone();
    theirs.programme.title = "Their title".into();
    htq_mapper::store::save_project(&path, &theirs).unwrap();

    let app = open(&path, dir.path());
    assert!(app.recovery().is_some());
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.run_ok();
    assert!(
        h.query_by_label_contains("restoring merges them into that save")
            .is_some()
    );
    h.get_by_label("Restore").click();
    h.run_ok();
    let project = h.state().project();
    assert!(project.mapping("HSC502", &k).is_some(), "the crash's edit is back");
    assert_eq!(project.programme.title, "Their title", "their save is kept");
    assert!(project.merge_conflicts.is_empty());
    assert!(
        h.state().last_action().contains("merged"),
        "{}",
        h.state().last_action()
    );
    assert!(
        !crate::common::ui::ctrl_s_asks_about_the_file(&mut h),
        "the merge holds their save: nothing to ask"
    );
    let on_disk = htq_mapper::store::load_project(&path).unwrap();
    assert!(on_disk.mapping("HSC502", &k).is_some());
    assert_eq!(on_disk.programme.title, "Their title");
}

/// The crash's work and the later save changed one cell differently: both are kept as a
/// merge conflict, for the user to choose.
#[test]
fn a_cell_the_later_save_changed_too_is_kept_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let (saved, k) = saved_then_crashed(&path, dir.path());
    let mut theirs = saved.clone();
    let mut partial = htq_mapper::model::Mapping::new("HSC502", k.clone(), htq_mapper::model::Coverage::Partial);
    partial.workplace_reason = "On placement".into();
    theirs.set_mapping(partial);
    htq_mapper::store::save_project(&path, &theirs).unwrap();

    let mut app = open(&path, dir.path());
    app.push(AppCommand::RestoreRecovery);
    frame(&egui::Context::default(), &mut app);
    assert_eq!(
        app.project().merge_conflicts.len(),
        1,
        "{:?}",
        app.project().merge_conflicts
    );
    assert!(app.last_action().contains("1 conflict"), "{}", app.last_action());
}

/// A crash's work is offered when the project is opened from File > Open or Open recent,
/// not only when the app starts on it. It was once skipped, and the status bar said "Saved".
#[test]
fn opening_a_project_later_offers_its_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    htq_mapper::store::save_project(&path, &htq_mapper::sample::sample_project().unwrap()).unwrap();
    let k = KsbRef::new("ST0215", "K23".parse().unwrap());
    crash_after_editing(&path, dir.path(), "HSC502", &k);

    // The app starts on the sample, untitled, and the project is opened from there.
    let mut app = HtqApp::new(
        htq_mapper::sample::sample_project().unwrap(),
        None,
        Box::new(QueuedPicker::default()),
        RecentFiles::in_memory(),
    )
    .with_journal(dir.path().join("untitled"));
    assert!(app.recovery().is_none());
    app.push(AppCommand::OpenPath(path.clone()));
    frame(&egui::Context::default(), &mut app);
    assert!(app.recovery().is_some(), "{}", app.last_action());
    app.push(AppCommand::RestoreRecovery);
    frame(&egui::Context::default(), &mut app);
    assert!(app.project().mapping("HSC502", &k).is_some());
}

/// Two copies opened after one crash: only the first offers its work, so the second can
/// neither restore it twice nor, answering, remove the journal the first restored into.
#[test]
fn a_crashs_work_is_offered_by_one_copy_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    htq_mapper::store::save_project(&path, &htq_mapper::sample::sample_project().unwrap()).unwrap();
    let ctx = egui::Context::default();
    let k23 = KsbRef::new("ST0215", "K23".parse().unwrap());
    crash_after_editing(&path, dir.path(), "HSC502", &k23);

    let mut c = open(&path, dir.path());
    let mut d = open(&path, dir.path());
    assert!(c.recovery().is_some());
    assert!(d.recovery().is_none(), "offered by the first copy already");
    c.push(AppCommand::RestoreRecovery);
    frame(&ctx, &mut c);
    cycle(&ctx, &mut c, "HSC501", &k23);
    d.push(AppCommand::DiscardRecovery);
    cycle(&ctx, &mut d, "HSC503", &k23);
    let journal = htq_mapper::store::journal_path(Some(&path), dir.path());
    let live = htq_mapper::store::Recovery::read(&journal).expect("the first copy's journal");
    assert_eq!(
        live.changes.len(),
        2,
        "the restore and the edit after it: {:?}",
        live.changes
    );

    // The first copy dies too: the next copy offers its work, restored crash and all.
    drop(c);
    let e = open(&path, dir.path());
    let offered = e.recovery().expect("offered").replay();
    assert!(offered.mapping("HSC502", &k23).is_some() && offered.mapping("HSC501", &k23).is_some());
}
