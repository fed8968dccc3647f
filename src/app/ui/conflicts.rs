//! Merge conflicts in the app: both sides of a conflicted cell in the inspector, and the
//! window listing every conflict (cells, modules, the programme, option groups, standards),
//! each with Take mine and Take theirs. A choice is one undoable edit, made by the command
//! handler through `crate::model::resolve_conflict`.

use egui::RichText;

use crate::app::command::{Command, MergeCommand};
use crate::model::{Choice, KsbRef, Mapping, MergeConflict, Project};

fn error_colour(ui: &egui::Ui) -> egui::Color32 {
    super::theme::severity(ui.visuals(), crate::analysis::Severity::Error)
}

/// What the conflict is, in one sentence, as `check` says it.
pub fn what(c: &MergeConflict) -> String {
    if c.is_edit_and_delete() {
        "one copy changed it and the other deleted it".into()
    } else {
        format!("the two copies changed {} differently", c.fields().join(", "))
    }
}

/// The conflict on one cell, if it has one.
pub fn cell_conflict<'a>(project: &'a Project, module: &str, ksb: &KsbRef) -> Option<&'a MergeConflict> {
    project.merge_conflicts.iter().find(|c| c.cell() == Some((module, ksb)))
}

/// A mapping as one side has it: coverage, flags, outcomes, reason and note.
pub fn mapping_text(m: Option<&Mapping>) -> String {
    let Some(m) = m else {
        return "deleted (not mapped)".into();
    };
    let mut flags = vec![m.coverage.label().to_string()];
    flags.extend(m.taught.then(|| "taught".to_string()));
    flags.extend(m.assessed.then(|| "assessed".to_string()));
    flags.extend(m.review.then(|| "marked for review".to_string()));
    if !m.outcomes.is_empty() {
        flags.push(format!("outcomes {}", m.outcomes.join(" ")));
    }
    let mut text = flags.join(", ");
    for (name, value) in [("Reason", &m.workplace_reason), ("Note", &m.note)] {
        if !value.is_empty() {
            text.push_str(&format!("\n{name}: {value}"));
        }
    }
    text
}

fn choice_button(ui: &mut egui::Ui, id: &str, choice: Choice, hover: &str, commands: &mut Vec<Command>) {
    if ui.button(choice.label()).on_hover_text(hover).clicked() {
        commands.push(Command::Merge(MergeCommand::Resolve {
            id: id.to_string(),
            choice,
        }));
    }
}

/// The inspector's part for a conflicted cell: both sides, and the three ways to settle it.
pub fn cell_conflict_ui(ui: &mut egui::Ui, c: &MergeConflict, commands: &mut Vec<Command>) {
    let MergeConflict::Mapping { mine, theirs, .. } = c else {
        return;
    };
    let error = error_colour(ui);
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, error))
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!("Merge conflict: {}", what(c)))
                    .strong()
                    .color(error),
            );
            sides_ui(
                ui,
                &c.id(),
                &mapping_text(mine.as_ref()),
                &mapping_text(theirs.as_ref()),
            );
            ui.horizontal_wrapped(|ui| {
                let id = c.id();
                choice_button(
                    ui,
                    &id,
                    Choice::Mine,
                    "This copy's side, as it was before the merge",
                    commands,
                );
                choice_button(ui, &id, Choice::Theirs, "The colleague's side", commands);
                choice_button(
                    ui,
                    &id,
                    Choice::Current,
                    "Keep the cell as it is now: edit it here first if neither side is right",
                    commands,
                );
            });
            if !c.is_edit_and_delete() {
                // Each side is shown whole, but a choice sets only the fields in conflict.
                ui.weak(format!(
                    "Take mine or Take theirs sets {}; the other fields are merged already.",
                    c.fields().join(", ")
                ));
            }
            ui.weak("Each choice is one edit: Undo brings the conflict back.");
        });
}

/// Mine and theirs, one row each.
fn sides_ui(ui: &mut egui::Ui, id: &str, mine: &str, theirs: &str) {
    egui::Grid::new(("conflict-sides", id))
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for (side, text) in [("Mine", mine), ("Theirs", theirs)] {
                ui.strong(side);
                ui.add(egui::Label::new(text).wrap());
                ui.end_row();
            }
        });
}

/// One side of a conflict that is not a cell: the differing fields' values, or "deleted".
fn side_text<T: serde::Serialize>(side: Option<&T>, fields: &[String]) -> String {
    let Some(side) = side else {
        return "deleted".into();
    };
    let json = serde_json::to_value(side).unwrap_or_default();
    let value = |f: &str| match json.get(f) {
        Some(serde_json::Value::String(s)) => format!("{f}: {}", crate::text::shorten(s, 80)),
        Some(serde_json::Value::Null) | None => format!("{f}: differs"),
        Some(v) => format!("{f}: {}", crate::text::shorten(&v.to_string(), 80)),
    };
    let lines: Vec<String> = fields.iter().map(|f| value(f)).collect();
    if lines.is_empty() {
        "kept".into()
    } else {
        lines.join("\n")
    }
}

/// Both sides of any conflict, as text.
fn both_sides(c: &MergeConflict) -> (String, String) {
    match c {
        MergeConflict::Mapping { mine, theirs, .. } => (mapping_text(mine.as_ref()), mapping_text(theirs.as_ref())),
        MergeConflict::Module {
            fields, mine, theirs, ..
        } => (side_text(mine.as_ref(), fields), side_text(theirs.as_ref(), fields)),
        MergeConflict::Programme { fields, mine, theirs } => {
            (side_text(Some(mine), fields), side_text(Some(theirs), fields))
        }
        MergeConflict::OptionGroup { mine, theirs, .. } => {
            let f = ["choose".to_string()];
            (side_text(mine.as_ref(), &f), side_text(theirs.as_ref(), &f))
        }
        MergeConflict::Standard { mine, theirs, .. } => {
            let f = ["title".to_string(), "version".to_string()];
            (side_text(mine.as_ref(), &f), side_text(theirs.as_ref(), &f))
        }
    }
}

/// File > Merge conflicts…: every conflict with both sides; false once closed.
pub fn conflicts_window_ui(ctx: &egui::Context, project: &Project, commands: &mut Vec<Command>) -> bool {
    let mut open = true;
    let id = egui::Id::unique("merge-conflicts-window");
    egui::Window::new("Merge conflicts")
        .id(id)
        .open(&mut open)
        .default_width(520.0)
        .vscroll(true)
        .show(ctx, |ui| {
            if project.merge_conflicts.is_empty() {
                ui.label("No merge conflicts are left.");
                return;
            }
            ui.label(format!(
                "{} from merging copies. Each keeps both sides until you choose; each choice is one edit, and Undo brings the conflict back.",
                crate::text::counted(project.merge_conflicts.len(), "conflict", "conflicts")
            ));
            for c in &project.merge_conflicts {
                ui.separator();
                ui.label(RichText::new(c.label()).strong().color(error_colour(ui)));
                ui.weak(what(c));
                let (mine, theirs) = both_sides(c);
                sides_ui(ui, &c.id(), &mine, &theirs);
                ui.horizontal_wrapped(|ui| {
                    let id = c.id();
                    choice_button(ui, &id, Choice::Mine, "This copy's side, as it was before the merge", commands);
                    choice_button(ui, &id, Choice::Theirs, "The colleague's side", commands);
                    if let Some((module, ksb)) = c.cell()
                        && ui
                            .button("Show the cell")
                            .on_hover_text("Focus it: the inspector shows both sides, and you can edit it")
                            .clicked()
                    {
                        commands.push(Command::FocusCell {
                            module: module.to_string(),
                            ksb: ksb.clone(),
                        });
                    }
                });
            }
        });
    super::access::title_bar(ctx, id, "Merge conflicts");
    open
}
