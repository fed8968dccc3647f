//! Pictures of the app, rendered on the CPU through Mesa's lavapipe and compared with
//! the committed ones in tests/snapshots. `UPDATE_SNAPSHOTS=1 cargo test` rewrites them.

use egui_kittest::Harness;
use htq_mapper::analysis::analyse;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::recent::RecentFiles;

#[test]
fn main_window_on_the_sample() {
    let app = HtqApp::with_sample(Box::new(QueuedPicker::default()), RecentFiles::in_memory()).unwrap();
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.run_ok();
    h.snapshot("main_window");
}

#[test]
fn coverage_panel_in_light_theme() {
    let project = htq_mapper::sample::sample_project().unwrap();
    let analysis = analyse(&project);
    let groups = htq_mapper::analysis::group_findings(&project, &analysis);
    let mut h = Harness::builder()
        .with_size([320.0, 820.0])
        .with_theme(egui::Theme::Light)
        .build_ui(move |ui| {
            // The app's light theme, as the app sets it.
            htq_mapper::app::ui::theme::install_visuals(ui.ctx());
            let mut commands = Vec::new();
            htq_mapper::app::ui::coverage_panel::coverage_panel_ui(
                ui,
                &project,
                &analysis,
                &groups,
                &Default::default(),
                false,
                &mut commands,
            );
        });
    h.run_ok();
    h.snapshot("coverage_panel_light");
}
