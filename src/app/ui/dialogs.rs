//! Modal dialogs: errors, the unsaved-changes prompt, recovery, conflicts, and About.

use crate::app::command::Command;
use crate::app::failure::Failure;

use super::code_text::code_text_ui;

/// Titled by what failed ("Could not save"), the message with its `code` spans set in type.
pub fn error_dialog_ui(ctx: &egui::Context, failure: &Failure, commands: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("error-dialog")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(&failure.title);
        ui.add_space(4.0);
        code_text_ui(ui, &failure.message, None);
        ui.add_space(4.0);
        // Not "unchanged": after a failed save that read as if the unsaved work were gone.
        ui.weak("Your work in the app is as it was.");
        ui.add_space(8.0);
        // Enter closes the message as Esc and OK do.
        let enter = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
        if ui.button("OK").clicked() || enter {
            ui.close();
        }
    });
    super::access::dialog(ctx, modal.response.layer_id.id, &failure.title, true);
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
    super::access::dialog(ctx, modal.response.layer_id.id, "Unsaved changes", true);
    if modal.should_close() {
        commands.push(Command::CancelPending);
    }
}

/// Asked before closing (or opening another project) while a comment or reply is typed
/// and not added: it is not part of the project until it is.
pub fn unsent_comment_dialog_ui(ctx: &egui::Context, what: &str, unsent: &str, commands: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("unsent-comment-dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Comment not added");
        ui.label(format!("{unsent} is not added yet. It would be lost if you {what}."));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let back = ui.button("Go back to it");
            // The keyboard starts on the answer that keeps the text.
            if ui.memory(|m| m.focused().is_none()) {
                back.request_focus();
            }
            if back.clicked() {
                commands.push(Command::ReturnToComment);
            }
            if ui.button("Discard it").clicked() {
                commands.push(Command::DiscardComments);
            }
        });
    });
    super::access::dialog(ctx, modal.response.layer_id.id, "Comment not added", true);
    if modal.should_close() {
        commands.push(Command::ReturnToComment);
    }
}

pub fn recovery_dialog_ui(
    ctx: &egui::Context,
    r: &crate::store::Recovery,
    path: Option<&std::path::Path>,
    predates_file: bool,
    commands: &mut Vec<Command>,
) {
    let modal = egui::Modal::new(egui::Id::unique("recovery-dialog")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Restore unsaved work?");
        let what = path.map_or("the untitled project".to_string(), |p| p.display().to_string());
        // Only what is still in effect: an edit undone and not redone is no unsaved work.
        let n = r.changes.len();
        let edits = if n == 1 {
            "1 edit".to_string()
        } else {
            format!("{n} edits")
        };
        let after = if predates_file {
            "The file was saved since then, so restoring merges them into that save, as a colleague's copy is merged: what both changed differently is kept both ways for you to choose, and anything that cannot be merged (a standard moved back to an older version) is named before anything is saved."
        } else if n == 1 {
            "It can be restored on top of the last save."
        } else {
            "They can be restored on top of the last save."
        };
        ui.label(format!("HTQ Mapper closed without saving {edits} to {what}. {after}"));
        if let Some(t) = r.modified.and_then(|m| m.elapsed().ok()) {
            ui.weak(format!("Last edit {} ago", crate::app::ui::dialogs::ago(t)));
        }
        ui.add_space(4.0);
        let shown = n.min(8);
        for label in &r.changes[n - shown..] {
            ui.label(format!("- {label}"));
        }
        if n > shown {
            ui.weak(format!("and {} earlier", n - shown));
        }
        ui.add_space(8.0);
        // Discard asks again: the edits are gone for good, and on a shared file they may be a
        // colleague's, whose copy of the app crashed.
        let asking = egui::Id::unique("recovery-discard-asked");
        if ui.data(|d| d.get_temp::<bool>(asking)).unwrap_or(false) {
            ui.label(format!(
                "Discard these {edits} for good? Nothing brings them back, and on a shared file they may be a colleague's."
            ));
            ui.horizontal(|ui| {
                let back = ui.button("Go back");
                if ui.memory(|m| m.focused().is_none()) {
                    back.request_focus();
                }
                if back.clicked() {
                    ui.data_mut(|d| d.remove::<bool>(asking));
                }
                if ui.button(format!("Discard the {edits}")).clicked() {
                    ui.data_mut(|d| d.remove::<bool>(asking));
                    commands.push(Command::DiscardRecovery);
                }
            });
            return;
        }
        ui.horizontal(|ui| {
            let restore = ui.button("Restore");
            // The keyboard starts on Restore, so Enter keeps the work.
            if ui.memory(|m| m.focused().is_none()) {
                restore.request_focus();
            }
            if restore.clicked() {
                commands.push(Command::RestoreRecovery);
            }
            if ui.button("Discard…").clicked() {
                ui.data_mut(|d| d.insert_temp(asking, true));
                ui.memory_mut(|m| m.stop_text_input());
            }
        });
    });
    super::access::dialog(ctx, modal.response.layer_id.id, "Restore unsaved work?", true);
}

pub fn ago(d: std::time::Duration) -> String {
    let s = d.as_secs();
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min", s / 60),
        3600..=86399 => format!("{} h", s / 3600),
        _ => format!("{} days", s / 86400),
    }
}

pub fn conflict_dialog_ui(ctx: &egui::Context, path: Option<&std::path::Path>, commands: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("conflict-dialog")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("The file changed on disk");
        let name = path.map_or(String::new(), |p| p.display().to_string());
        // Moved, renamed or deleted since it was opened: nothing to merge, and saving there
        // again would split the work between two files.
        let gone = path.is_some_and(|p| !p.exists());
        if gone {
            ui.label(format!(
                "{name} is no longer there: it was moved, renamed or deleted since you opened it. Saving it there again leaves two copies if a colleague renamed it; Save As lets you choose where your work goes."
            ));
        } else {
            ui.label(format!(
                "{name} was changed by someone or something else since you opened it. Saving now would replace their changes."
            ));
            ui.label("Merge keeps both: their changes and yours, as a colleague's copy is merged; where you both changed one thing differently, both are kept for you to choose.");
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if !gone {
                let merge = ui.button("Merge their changes, then save");
                // The keyboard starts on the answer that loses nothing.
                if ui.memory(|m| m.focused().is_none()) {
                    merge.request_focus();
                }
                if merge.clicked() {
                    commands.push(Command::MergeOnDisk);
                }
            }
            let save_as = ui.button("Save As…");
            if gone && ui.memory(|m| m.focused().is_none()) {
                save_as.request_focus();
            }
            if save_as.clicked() {
                commands.push(Command::SaveAsInstead);
            }
            if ui.button(if gone { "Save it there again" } else { "Overwrite" }).clicked() {
                commands.push(Command::OverwriteOnDisk);
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::CancelConflict);
            }
        });
    });
    super::access::dialog(ctx, modal.response.layer_id.id, "The file changed on disk", true);
    if modal.should_close() {
        commands.push(Command::CancelConflict);
    }
}

/// The app's icon, name and version.
pub fn about_dialog_ui(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("about-dialog")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.horizontal(|ui| {
            ui.add(
                egui::Image::new(egui::include_image!("../../../assets/icon.png"))
                    .fit_to_exact_size(egui::vec2(48.0, 48.0))
                    .alt_text("HTQ Mapper icon"),
            );
            ui.vertical(|ui| {
                ui.heading("HTQ Mapper");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
            });
        });
        ui.add_space(4.0);
        ui.label(env!("CARGO_PKG_DESCRIPTION"));
        ui.add_space(8.0);
        if ui.button("OK").clicked() {
            ui.close();
        }
    });
    super::access::dialog(ctx, modal.response.layer_id.id, "About HTQ Mapper", true);
    if modal.should_close() {
        commands.push(Command::ShowAbout(false));
    }
}
