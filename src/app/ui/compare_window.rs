//! File > Compare with…: what changed between the compared copy (old) and the open project
//! (new), as `htq-mapper compare` prints it. A mapping's line takes the grid to its cell. The
//! window is not modal, so the grid's marks stay in view; Esc closes it (see `keys`).

use egui::RichText;

use crate::app::command::Command;
use crate::app::comparison::CompareView;
use crate::app::ui_command::UiCommand;
use crate::model::Project;
use crate::review::compare_text::{Line, LineKind};

pub fn compare_window_ui(
    ctx: &egui::Context,
    project: &Project,
    compare: Option<&CompareView>,
    commands: &mut Vec<Command>,
) {
    let Some(view) = compare.filter(|v| v.window_open) else {
        return;
    };
    let mut open = true;
    let height = (ctx.content_rect().height() - 160.0).max(200.0);
    egui::Window::new(format!("Compare with {}", view.file_name()))
        .id(egui::Id::unique("compare-window"))
        .open(&mut open)
        // At the bottom right, over the coverage panel, so the grid and its marks stay in view.
        .pivot(egui::Align2::RIGHT_BOTTOM)
        .default_pos(ctx.content_rect().right_bottom() - egui::vec2(16.0, 40.0))
        .default_width(620.0)
        .default_height(height.min(420.0))
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(format!("Old: {}", view.path.display()));
            ui.label(format!("New: the open project, {}", project.programme.title));
            ui.horizontal(|ui| {
                let mut on = view.highlight;
                if ui
                    .checkbox(&mut on, UiCommand::HighlightChanges.label())
                    .on_hover_text("Outline the added (+), changed (~) and removed (−) cells on the grid")
                    .changed()
                {
                    commands.push(Command::Ui(UiCommand::HighlightChanges));
                }
                if ui.button(UiCommand::ClearComparison.label()).clicked() {
                    commands.push(Command::Ui(UiCommand::ClearComparison));
                }
                if ui
                    .button("Close")
                    .on_hover_text("Esc; the grid keeps its marks")
                    .clicked()
                {
                    commands.push(Command::ShowComparison(false));
                }
            });
            legend_ui(ui);
            ui.separator();
            // Rows of one height, drawn only where visible: a comparison of two large copies
            // can list thousands of cells.
            let row_height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .max_height(ui.available_height())
                .show_rows(ui, row_height, view.lines.len(), |ui, rows| {
                    for line in view.lines.get(rows).unwrap_or_default() {
                        let size = egui::vec2(ui.available_width(), row_height);
                        let layout = egui::Layout::left_to_right(egui::Align::Center);
                        ui.allocate_ui_with_layout(size, layout, |ui| line_ui(ui, line, commands));
                    }
                });
        });
    let title = format!("Compare with {}", view.file_name());
    super::access::title_bar(ctx, egui::Id::unique("compare-window"), &title);
    if !open {
        commands.push(Command::ShowComparison(false));
    }
}

fn line_ui(ui: &mut egui::Ui, line: &Line, commands: &mut Vec<Command>) {
    let text = line.text.trim_start();
    match (line.kind, &line.cell) {
        (LineKind::Heading, _) => {
            ui.label(RichText::new(text).strong());
        }
        (_, Some((module, ksb))) => {
            let link = ui
                .add(egui::Button::new(RichText::new(text).monospace()).frame(false))
                .on_hover_text("Show this cell on the grid");
            if link.clicked() {
                commands.push(Command::FocusCell {
                    module: module.clone(),
                    ksb: ksb.clone(),
                });
            }
        }
        _ => {
            ui.add(egui::Label::new(RichText::new(text).monospace()).truncate());
        }
    }
}

/// The grid's marks for the kinds of change, as the cells show them.
fn legend_ui(ui: &mut egui::Ui) {
    use crate::app::comparison::CellChange;
    ui.horizontal(|ui| {
        ui.weak("On the grid:");
        for c in [CellChange::Added, CellChange::Changed, CellChange::Removed] {
            let colour = crate::app::ui::theme::change(ui.visuals(), c);
            ui.label(RichText::new(c.glyph()).monospace().strong().color(colour));
            ui.label(c.label());
        }
    });
}
