//! The occupational options of a core-and-options standard, chosen in the standards panel.

use crate::app::command::Command;
use crate::model::{Project, Standard};

/// A checkbox per option of `s`; a change sends the whole new choice as one command (one
/// undoable edit). Nothing for a standard without options.
pub fn occupational_options_ui(ui: &mut egui::Ui, project: &Project, s: &Standard, commands: &mut Vec<Command>) {
    if !s.core_and_options || s.options.is_empty() {
        return;
    }
    let chosen = project.programme.chosen_options(&s.reference);
    ui.label(if chosen.is_empty() {
        "Core and options: choose the programme's option(s); until then every option's duties count"
    } else {
        "Core and options: the programme's option(s)"
    });
    for o in &s.options {
        let mut on = chosen.contains(&o.id);
        if ui.checkbox(&mut on, &o.title).changed() {
            let options: Vec<String> = s
                .options
                .iter()
                .filter(|x| if x.id == o.id { on } else { chosen.contains(&x.id) })
                .map(|x| x.id.clone())
                .collect();
            commands.push(Command::SetOccupationalOptions {
                standard: s.reference.clone(),
                options,
            });
        }
    }
}
