//! The status bar: counts, the last action, the sign-off, and whether there is anything unsaved.

use crate::analysis::Analysis;
use crate::model::Project;

pub fn status_bar_ui(
    ui: &mut egui::Ui,
    project: &Project,
    analysis: &Analysis,
    last_action: &str,
    saved: &str,
    grid_view: crate::app::layout::GridView,
    sign_off_ui: impl FnOnce(&mut egui::Ui),
) {
    // The right-hand end is laid out first (whether it is saved, the sign-off), so that on a
    // narrow window the counts, the legend and the last action give way rather than draw over it.
    egui::Sides::new().shrink_left().show(
        ui,
        |ui| {
            let s = &analysis.summary;
            let counts = format!(
                "{} modules · {} · {} mappings · {} KSBs ({} uncovered) · {} duties ({} uncovered)",
                project.modules.len(),
                analysis.credits,
                project.mappings.len(),
                s.ksbs,
                s.none,
                s.duties,
                s.duties_uncovered
            );
            // The counts give way to the legend: its width from the last frame is kept back.
            let legend_id = egui::Id::unique("status-legend-width");
            let legend = ui.ctx().data(|d| d.get_temp::<f32>(legend_id)).unwrap_or(320.0);
            // Kept back too: two separators with their spacing, and an ellipsis for the last action.
            let spacing = ui.spacing().item_spacing.x;
            let room = (ui.available_width() - legend - 6.0 * spacing - 24.0).max(80.0);
            let height = ui.spacing().interact_size.y;
            ui.allocate_ui(egui::vec2(room, height), |ui| {
                ui.add(egui::Label::new(counts).truncate());
            });
            ui.separator();
            let width = ui
                .horizontal(|ui| super::grid::legend_ui(ui, grid_view))
                .response
                .rect
                .width();
            ui.ctx().data_mut(|d| d.insert_temp(legend_id, width));
            ui.separator();
            ui.add(egui::Label::new(last_action).truncate());
        },
        |ui| {
            ui.label(saved);
            ui.separator();
            sign_off_ui(ui);
        },
    );
}
