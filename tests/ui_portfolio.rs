//! File > Open portfolio… through egui_kittest: a folder of programmes (one unreadable) shows
//! as a table that counts them, filters by text, and opens the programme picked (a double-click
//! does too; tried by hand under Xvfb).

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui_command::UiCommand;

#[test]
fn a_folder_opens_as_a_portfolio_and_the_picked_programme_opens() {
    let dir = tempfile::tempdir().unwrap();
    for (file, title) in [
        ("a.ron", "Nursing Associate"),
        ("b.ron", "Software Development"),
        ("c.ron", "Health and Care"),
    ] {
        let mut p = htq_mapper::sample::sample_project().unwrap();
        p.programme.title = title.into();
        htq_mapper::store::save_project(&dir.path().join(file), &p).unwrap();
    }
    std::fs::write(dir.path().join("broken.ron"), "(format_version: 1, programme: (").unwrap();

    let picker = QueuedPicker::default();
    let app = HtqApp::with_sample(Box::new(picker.clone()), RecentFiles::in_memory()).unwrap();
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    picker.answer(Some(dir.path().to_path_buf()));
    h.state_mut().push(Command::Ui(UiCommand::OpenPortfolio));
    h.run_ok();
    let started = Instant::now();
    while h.query_by_label_contains("3 programmes").is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the portfolio never arrived"
        );
        std::thread::sleep(Duration::from_millis(50));
        h.run_ok();
    }
    assert!(h.query_by_label("1 file could not be read:").is_some());
    h.get_by_label("Filter").click();
    h.run_ok();
    h.get_by_label("Filter").type_text("software");
    h.run_ok();
    assert!(h.query_by_label("Nursing Associate").is_none(), "filtered out");
    h.get_by_label("Software Development").click();
    h.run_ok();
    h.get_by_label("Open the selected programme").click();
    h.run_ok();
    h.run_ok();
    assert_eq!(h.state().project().programme.title, "Software Development");
    assert_eq!(h.state().path(), Some(dir.path().join("b.ron").as_path()));
}
