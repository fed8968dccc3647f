//! The right-click menu of a grid cell: coverage, taught and assessed, note, removal.

use crate::app::command::Command;
use crate::app::state::CellDraft;
use crate::model::{Coverage, KsbRef, Mapping, Project};

/// The right-click menu of a cell.
pub(super) fn cell_menu_ui(
    ui: &mut egui::Ui,
    project: &Project,
    module: &str,
    ksb: &KsbRef,
    draft: &mut CellDraft,
    commands: &mut Vec<Command>,
) {
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
    let base = current
        .clone()
        .unwrap_or_else(|| Mapping::new(module, ksb.clone(), Coverage::Full));
    ui.horizontal(|ui| {
        for coverage in [Coverage::Full, Coverage::Partial] {
            let on = current.as_ref().is_some_and(|m| m.coverage == coverage);
            if ui.selectable_label(on, coverage.label()).clicked() && !on {
                set(
                    commands,
                    Some(Mapping {
                        coverage,
                        ..base.clone()
                    }),
                    format!("Set {} × {} {}", module, ksb.code, coverage.label()),
                );
            }
        }
    });
    if let Some(m) = &current {
        let mut taught = m.taught;
        if ui.checkbox(&mut taught, "Taught").changed() {
            set(
                commands,
                Some(Mapping { taught, ..m.clone() }),
                format!("Mark {} × {} taught", module, ksb.code),
            );
        }
        let mut assessed = m.assessed;
        if ui.checkbox(&mut assessed, "Assessed").changed() {
            set(
                commands,
                Some(Mapping { assessed, ..m.clone() }),
                format!("Mark {} × {} assessed", module, ksb.code),
            );
        }
        ui.separator();
        let note_label = ui.label("Note");
        ui.text_edit_multiline(&mut draft.note).labelled_by(note_label.id);
        if m.coverage == Coverage::Partial {
            let reason_label = ui.label("Workplace reason (why the rest is left to the workplace)");
            ui.text_edit_multiline(&mut draft.workplace_reason)
                .labelled_by(reason_label.id);
        }
        let changed = draft.note != m.note || draft.workplace_reason != m.workplace_reason;
        if ui.add_enabled(changed, egui::Button::new("Save note")).clicked() {
            set(
                commands,
                Some(Mapping {
                    note: draft.note.clone(),
                    workplace_reason: draft.workplace_reason.clone(),
                    ..m.clone()
                }),
                format!("Edit note on {} × {}", module, ksb.code),
            );
            ui.close();
        }
        ui.separator();
        if ui.button("Remove mapping").clicked() {
            set(commands, None, format!("Unmap {} from {}", ksb.code, module));
            ui.close();
        }
    }
}
