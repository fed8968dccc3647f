//! Review > Change log…: each save that changed something, newest first, with its time,
//! author and what it changed.

use egui::RichText;

use crate::app::command::Command;
use crate::model::{Project, stamp_for_people};

pub fn change_log_window_ui(ctx: &egui::Context, project: &Project, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("Change log")
        .id(egui::Id::unique("change-log-window"))
        .open(&mut open)
        .default_width(520.0)
        .default_height(360.0)
        // Below the menu bar, not over it, where it can still be dragged.
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 60.0))
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            let log = &project.change_log;
            if log.is_empty() {
                ui.label("No saves recorded yet. Each save that changes something adds a line here.");
            } else {
                let n = log.len();
                let saves = if n == 1 { "1 save" } else { &format!("{n} saves") };
                ui.weak(format!("{saves}, newest first (times in UTC). Esc closes."));
            }
            ui.separator();
            egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
                // One entry after another, each wrapped to the window: a long name or summary
                // stays in view rather than pushing a column off the screen.
                for (n, e) in log.iter().rev().enumerate() {
                    if n > 0 {
                        ui.separator();
                    }
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(stamp_for_people(&e.at)).monospace());
                        if e.author.is_empty() {
                            ui.weak("(no name)");
                        } else {
                            ui.add(egui::Label::new(&e.author).wrap());
                        }
                    });
                    ui.add(egui::Label::new(&e.summary).wrap());
                }
            });
        });
    super::access::title_bar(ctx, egui::Id::unique("change-log-window"), "Change log");
    if !open {
        commands.push(Command::ShowChangeLog(false));
    }
}
