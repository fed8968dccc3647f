//! Modal dialogs: errors, and the unsaved-changes prompt.

use crate::app::command::Command;

pub fn error_dialog_ui(ctx: &egui::Context, message: &str, commands: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("error-dialog")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Could not do that");
        ui.add_space(4.0);
        ui.label(message);
        ui.add_space(4.0);
        ui.weak("Your project is unchanged.");
        ui.add_space(8.0);
        if ui.button("OK").clicked() {
            ui.close();
        }
    });
    if modal.should_close() {
        commands.push(Command::DismissError);
    }
}

pub fn unsaved_dialog_ui(ctx: &egui::Context, what: &str, commands: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("unsaved-dialog")).show(ctx, |ui| {
        ui.heading("Unsaved changes");
        ui.label(format!("Save your changes before you {what}?"));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                commands.push(Command::SaveThenContinue);
            }
            if ui.button("Don't save").clicked() {
                commands.push(Command::DiscardThenContinue);
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::CancelPending);
            }
        });
    });
    if modal.should_close() {
        commands.push(Command::CancelPending);
    }
}
