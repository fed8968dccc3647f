//! The right-click menu of a grid cell: coverage, taught and assessed, removal, and the way
//! to the inspector for the reason and note. Text is typed in the inspector, never in a menu
//! that a click inside could close.

use crate::app::cell_edits;
use crate::app::command::Command;
use crate::app::ui_command::UiCommand;
use crate::model::{Coverage, KsbRef, Mapping, MappingFlag, Project};

pub(super) fn cell_menu_ui(
    ui: &mut egui::Ui,
    project: &Project,
    module: &str,
    ksb: &KsbRef,
    in_range: bool,
    commands: &mut Vec<Command>,
) {
    if in_range {
        range_menu_ui(ui, commands);
        return;
    }
    let current = project.mapping(module, ksb).cloned();
    ui.strong(format!("{module} × {}", ksb.code));
    let set = |commands: &mut Vec<Command>, mapping: Option<Mapping>, label: String| {
        commands.push(Command::SetCell {
            module: module.to_string(),
            ksb: ksb.clone(),
            mapping,
            label,
        });
    };
    for coverage in [Coverage::Full, Coverage::Partial] {
        let on = current.as_ref().is_some_and(|m| m.coverage == coverage);
        if ui.add(egui::Button::selectable(on, coverage.label())).clicked() {
            // The same domain edit as a selected rectangle: notes, reason and flags are kept.
            let cell = [(module.to_string(), ksb.clone())];
            commands.extend(cell_edits::set_cells_command(project, &cell, Some(coverage)));
            if cell_edits::wants_reason(Some(coverage)) {
                commands.push(Command::FocusReason);
            }
            ui.close();
        }
    }
    if let Some(m) = &current {
        let mut taught = m.taught;
        if ui.checkbox(&mut taught, "Taught").changed() {
            set(
                commands,
                Some(Mapping { taught, ..m.clone() }),
                crate::app::cell_edits::mark_label(module, ksb, "taught", taught),
            );
        }
        // Where the module's outcomes and assessments decide, a ticked box would count for
        // nothing: say what they decide instead, as the inspector does.
        let chain = project.module(module).filter(|x| x.has_chain());
        if let Some(x) = chain {
            super::inspector_outcomes::assessed_line_ui(ui, x, m);
        }
        let mut assessed = m.assessed;
        if chain.is_none() && ui.checkbox(&mut assessed, "Assessed").changed() {
            set(
                commands,
                Some(Mapping { assessed, ..m.clone() }),
                crate::app::cell_edits::mark_label(module, ksb, "assessed", assessed),
            );
        }
        ui.separator();
        if ui.button("Workplace reason and note…").clicked() {
            // The keyboard goes to the text asked for, not to the Coverage buttons, where a
            // space typed into the "note" would unmap the cell.
            let text = if m.coverage == Coverage::Partial {
                Command::FocusReason
            } else {
                Command::FocusNote
            };
            commands.push(Command::Ui(UiCommand::Inspect));
            commands.push(text);
            ui.close();
        }
        if ui.button("Remove mapping").clicked() {
            set(commands, None, format!("Unmap {} from {}", ksb.code, module));
            ui.close();
        }
    }
    ui.separator();
    let target = crate::model::CommentTarget::Cell {
        module: module.to_string(),
        ksb: ksb.clone(),
    };
    super::review_marks::comment_item_ui(ui, target.clone(), "Comment on this cell…", commands);
    super::review_marks::show_threads_ui(ui, project, &target, commands);
}

fn range_menu_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.strong("Selected cells");
    for (coverage, word) in [
        (Some(Coverage::Full), "Set all full"),
        (Some(Coverage::Partial), "Set all partial"),
        (None, "Clear all"),
    ] {
        if ui.button(word).clicked() {
            commands.push(Command::SetSelection(coverage));
            ui.close();
        }
    }
    ui.separator();
    // The mapped cells only: a flag belongs to a mapping.
    for (flag, cmd) in [
        (MappingFlag::Taught, UiCommand::MarkTaught),
        (MappingFlag::Assessed, UiCommand::MarkAssessed),
    ] {
        for on in [true, false] {
            let text = format!("Mark all {}{}", if on { "" } else { "not " }, flag.word());
            let mut button = egui::Button::new(text);
            if on {
                button = button.shortcut_text(cmd.shortcut_text(ui.ctx()));
            }
            if ui.add(button).clicked() {
                commands.push(Command::SetFlag {
                    module: None,
                    flag,
                    on: Some(on),
                });
                ui.close();
            }
        }
    }
}

/// The module row's own items: its covered KSBs marked assessed, or not, in one edit.
pub(super) fn module_menu_ui(ui: &mut egui::Ui, project: &Project, code: &str, commands: &mut Vec<Command>) {
    let chain = project.module(code).is_some_and(|m| m.has_chain());
    let mapped = project.mappings.iter().any(|m| m.module == code);
    for on in [true, false] {
        let text = if on {
            "Mark covered KSBs assessed"
        } else {
            "Mark covered KSBs not assessed"
        };
        let resp = ui.add_enabled(mapped && !chain, egui::Button::new(text));
        let resp = if chain {
            resp.on_disabled_hover_text(format!(
                "{code} has learning outcomes and assessments: they decide what is assessed"
            ))
        } else {
            resp.on_disabled_hover_text(format!("{code} maps no KSB yet"))
        };
        if resp.clicked() {
            commands.push(Command::SetFlag {
                module: Some(code.to_string()),
                flag: MappingFlag::Assessed,
                on: Some(on),
            });
            ui.close();
        }
    }
    ui.separator();
}
