//! The status bar: counts, the last action, the sign-off, and whether there is anything unsaved.

use crate::analysis::Analysis;
use crate::model::Project;
use crate::text::counted;

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
            // Nothing of the left side draws over the right, however far the window is zoomed:
            // "Unsaved changes" must stay readable.
            ui.shrink_clip_rect(ui.max_rect());
            let s = &analysis.summary;
            let counts = format!(
                "{} · {} · {} · {} ({} uncovered) · {} ({} uncovered)",
                counted(project.modules.len(), "module", "modules"),
                analysis.credits,
                counted(project.mappings.len(), "mapping", "mappings"),
                counted(s.ksbs, "KSB", "KSBs"),
                s.none,
                counted(s.duties, "duty", "duties"),
                s.duties_uncovered
            );
            // The legend's width from the last frame is kept back.
            let legend_id = egui::Id::unique("status-legend-width");
            let legend = ui.ctx().data(|d| d.get_temp::<f32>(legend_id)).unwrap_or(320.0);
            let spacing = ui.spacing().item_spacing.x;
            let height = ui.spacing().interact_size.y;
            // The last action says what just happened ("Saved …", "Exported …"): it takes the
            // width it needs, up to half the bar, and the counts give way to it.
            let action = egui::WidgetText::from(last_action)
                .into_galley(
                    ui,
                    Some(egui::TextWrapMode::Extend),
                    f32::INFINITY,
                    egui::TextStyle::Body,
                )
                .size()
                .x;
            let action = action.min(ui.available_width() * 0.5);
            // The legend goes first when the bar is short of room (zoomed in, a narrow window):
            // the grid's colours say the same, and the counts matter more.
            let with_legend = ui.available_width() - legend - action - 6.0 * spacing >= 160.0;
            let legend_room = if with_legend { legend } else { 0.0 };
            let room = (ui.available_width() - legend_room - action - 6.0 * spacing).max(80.0);
            ui.allocate_ui(egui::vec2(room, height), |ui| {
                ui.add(egui::Label::new(counts).truncate());
            });
            ui.separator();
            if with_legend {
                let width = ui
                    .horizontal(|ui| super::grid::legend_ui(ui, grid_view))
                    .response
                    .rect
                    .width();
                ui.ctx().data_mut(|d| d.insert_temp(legend_id, width));
                ui.separator();
            }
            // Cut only on the narrowest windows; the whole message then shows on hover.
            let said = ui.add(egui::Label::new(last_action).truncate());
            // A live region: a screen reader says what just happened ("Saved …", "Undid …",
            // "Set HSC401 × K1 full"), which a sighted user reads here.
            ui.ctx()
                .accesskit_node_builder(said.id, |node| node.set_live(egui::accesskit::Live::Polite));
        },
        |ui| {
            ui.label(saved);
            ui.separator();
            sign_off_ui(ui);
        },
    );
}
