//! The status bar: counts, the last action, the sign-off, and whether there is anything unsaved.

use crate::analysis::Analysis;
use crate::model::Project;

pub fn status_bar_ui(
    ui: &mut egui::Ui,
    project: &Project,
    analysis: &Analysis,
    last_action: &str,
    saved: &str,
    grid_view: crate::app::state::GridView,
    sign_off_ui: impl FnOnce(&mut egui::Ui),
) {
    ui.horizontal(|ui| {
        let s = &analysis.summary;
        ui.label(format!(
            "{} modules · {} · {} mappings · {} KSBs ({} uncovered) · {} duties ({} uncovered)",
            project.modules.len(),
            analysis.credits,
            project.mappings.len(),
            s.ksbs,
            s.none,
            s.duties,
            s.duties_uncovered
        ));
        ui.separator();
        super::grid::legend_ui(ui, grid_view);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(saved);
            ui.separator();
            sign_off_ui(ui);
            ui.separator();
            ui.add(egui::Label::new(last_action).truncate());
        });
    });
}
