//! The modules editor's tables of one module's learning outcomes and assessments. They edit
//! the draft, so Apply makes them one undoable edit with the rest of the editor's changes.

use crate::model::{Assessment, AssessmentKind, LearningOutcome, ProgrammeDraft};

/// A module chooser, then its outcomes and its assessments as editable tables.
pub fn outcomes_editor_ui(ui: &mut egui::Ui, draft: &mut ProgrammeDraft, selected: &mut usize) {
    if draft.rows.is_empty() {
        return;
    }
    *selected = (*selected).min(draft.rows.len() - 1);
    let names: Vec<String> = draft.rows.iter().map(|r| format!("{} {}", r.code, r.title)).collect();
    ui.horizontal(|ui| {
        ui.label("Module");
        let combo = egui::ComboBox::from_id_salt("outcomes-module")
            .selected_text(names.get(*selected).cloned().unwrap_or_default())
            .width(360.0)
            .show_ui(ui, |ui| {
                for (i, n) in names.iter().enumerate() {
                    ui.selectable_value(selected, i, n);
                }
            });
        name(
            &combo.response,
            egui::Role::ComboBox,
            "Module whose outcomes are shown".into(),
        );
    });
    let Some(row) = draft.rows.get_mut(*selected) else {
        return;
    };
    let m = *selected + 1;

    ui.label(egui::RichText::new("Learning outcomes").strong());
    let mut remove = None;
    egui::Grid::new(("outcomes", *selected))
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for (i, lo) in row.outcomes.iter_mut().enumerate() {
                ui.label(&lo.code);
                let resp = ui.add(egui::TextEdit::singleline(&mut lo.text).desired_width(560.0));
                name(
                    &resp,
                    egui::Role::TextInput,
                    format!("Text of {} of module {m}", lo.code),
                );
                if ui
                    .button("Delete")
                    .on_hover_text("Its KSBs are then carried by no outcome")
                    .clicked()
                {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
    if let Some(i) = remove.filter(|&i| i < row.outcomes.len()) {
        let code = row.outcomes.remove(i).code;
        for a in &mut row.assessments {
            a.outcomes.retain(|o| o != &code);
        }
    }
    if ui.button("Add learning outcome").clicked() {
        let n = (1..)
            .find(|n| !row.outcomes.iter().any(|o| o.code == format!("LO{n}")))
            .unwrap_or(1);
        row.outcomes.push(LearningOutcome {
            code: format!("LO{n}"),
            text: String::new(),
        });
    }

    ui.label(egui::RichText::new("Assessments").strong());
    let codes: Vec<String> = row.outcomes.iter().map(|o| o.code.clone()).collect();
    let mut remove = None;
    egui::Grid::new(("assessments", *selected))
        .num_columns(6)
        .striped(true)
        .show(ui, |ui| {
            for h in ["", "Title", "Kind", "Weighting %", "Assesses", ""] {
                ui.strong(h);
            }
            ui.end_row();
            for (i, a) in row.assessments.iter_mut().enumerate() {
                ui.label(&a.code);
                let title = ui.add(egui::TextEdit::singleline(&mut a.title).desired_width(300.0));
                name(
                    &title,
                    egui::Role::TextInput,
                    format!("Title of {} of module {m}", a.code),
                );
                let kind = egui::ComboBox::from_id_salt(("kind", *selected, i))
                    .selected_text(a.kind.label().to_string())
                    .show_ui(ui, |ui| {
                        for k in AssessmentKind::KNOWN {
                            let label = k.label().to_string();
                            ui.selectable_value(&mut a.kind, k, label);
                        }
                    });
                name(
                    &kind.response,
                    egui::Role::ComboBox,
                    format!("Kind of {} of module {m}", a.code),
                );
                let w = ui.add(egui::DragValue::new(&mut a.weighting).range(0..=100).suffix("%"));
                name(
                    &w,
                    egui::Role::SpinButton,
                    format!("Weighting of {} of module {m}", a.code),
                );
                ui.horizontal(|ui| {
                    for c in &codes {
                        let mut on = a.assesses(c);
                        if ui.checkbox(&mut on, c.as_str()).changed() {
                            if on {
                                a.outcomes.push(c.clone());
                            } else {
                                a.outcomes.retain(|o| o != c);
                            }
                        }
                    }
                });
                if ui.button("Delete").clicked() {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
    if let Some(i) = remove.filter(|&i| i < row.assessments.len()) {
        row.assessments.remove(i);
    }
    ui.horizontal(|ui| {
        if ui.button("Add assessment").clicked() {
            let n = (1..)
                .find(|n| !row.assessments.iter().any(|a| a.code == format!("A{n}")))
                .unwrap_or(1);
            row.assessments.push(Assessment {
                code: format!("A{n}"),
                title: "New assessment".into(),
                kind: AssessmentKind::Essay,
                weighting: 0,
                outcomes: Vec::new(),
            });
        }
        let total: u32 = row.assessments.iter().map(|a| a.weighting).sum();
        if !row.assessments.is_empty() && total != 100 {
            ui.colored_label(
                super::theme::severity(ui.visuals(), crate::analysis::Severity::Warning),
                format!("Weightings add up to {total}%, not 100%"),
            );
        }
    });
}

/// Gives a widget without a visible label its accessible name.
fn name(resp: &egui::Response, role: egui::Role, name: String) {
    resp.widget_info(|| egui::WidgetInfo::labeled(role, true, &name));
}
