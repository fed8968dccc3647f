//! Asks for the reviewer's name: once, before the first comment (or from Review > Your
//! name…). It is kept in preferences and signs comments, replies and review statuses.

use egui::{Key, RichText};

use crate::app::command::{Command, ReviewCommand};

/// The name being typed, and the review command waiting for it.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthorPrompt {
    pub name: String,
    pub then: Option<ReviewCommand>,
    /// The field takes the keyboard when the dialog opens.
    focus: bool,
}

impl AuthorPrompt {
    pub fn new(name: &str, then: Option<ReviewCommand>) -> Self {
        Self {
            name: name.to_string(),
            then,
            focus: true,
        }
    }
}

/// The label of the name field, for tests and screen readers.
pub const NAME_LABEL: &str = "Your name";

pub fn author_dialog_ui(ctx: &egui::Context, prompt: &mut AuthorPrompt, commands: &mut Vec<Command>) {
    let confirm = |prompt: &AuthorPrompt, commands: &mut Vec<Command>| {
        commands.push(Command::Review(ReviewCommand::SetAuthor {
            name: prompt.name.clone(),
            then: prompt.then.clone().map(Box::new),
        }));
    };
    let modal = egui::Modal::new(egui::Id::unique("author-dialog")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Who is reviewing?");
        ui.label("Comments, replies and review statuses are signed with your name. It is kept on this computer, and Review > Your name… changes it.");
        ui.add_space(6.0);
        let label = ui.label(RichText::new(NAME_LABEL).strong());
        let edit = egui::TextEdit::singleline(&mut prompt.name)
            .hint_text("e.g. Ann Patel, quality team")
            .desired_width(f32::INFINITY);
        let resp = ui.add(edit).labelled_by(label.id);
        if std::mem::take(&mut prompt.focus) {
            resp.request_focus();
        }
        let ready = !prompt.name.trim().is_empty();
        if ready && resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            confirm(prompt, commands);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.add_enabled(ready, egui::Button::new("OK")).clicked() {
                confirm(prompt, commands);
            }
            if ui.button("Cancel").clicked() {
                ui.close();
            }
        });
    });
    super::access::dialog(ctx, modal.response.layer_id.id, "Who is reviewing?", true);
    if modal.should_close() {
        commands.push(Command::Review(ReviewCommand::CancelAuthor));
    }
}
