//! The modules and programme editor: edits a draft, marks problems inline and lists them,
//! and applies the draft as one undoable edit.

use egui_extras::{Column, TableBuilder};

use crate::app::command::Command;
use crate::model::{Award, DraftField, DraftProblem, ModuleRow, ModuleStatus, ProgrammeDraft, Project};

const ROW_HEIGHT: f32 = 26.0;

/// The open editor: the draft, and the draft as opened, to tell whether anything changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModulesEditor {
    pub draft: ProgrammeDraft,
    initial: ProgrammeDraft,
    /// The row whose learning outcomes and assessments are shown.
    pub outcomes_of: usize,
}

impl ModulesEditor {
    pub fn new(project: &Project) -> Self {
        let draft = ProgrammeDraft::from_project(project);
        Self {
            initial: draft.clone(),
            draft,
            outcomes_of: 0,
        }
    }
}

/// Returns false when the editor should close.
pub fn modules_editor_ui(
    ctx: &egui::Context,
    project: &Project,
    editor: &mut ModulesEditor,
    commands: &mut Vec<Command>,
) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new("Modules and programme")
        .id(egui::Id::unique("modules-editor"))
        .open(&mut open)
        .default_size([990.0, 560.0])
        .resizable(true)
        .show(ctx, |ui| {
            let draft = &mut editor.draft;
            draft.sync_groups();
            let problems = draft.validate();
            programme_fields_ui(ui, draft);
            ui.separator();
            modules_table_ui(ui, draft, &problems);
            if ui.button("Add module").clicked() {
                let n = draft.rows.len() + 1;
                draft.rows.push(ModuleRow::new(n));
            }
            groups_ui(ui, draft, &problems);
            let outcomes = egui::CollapsingHeader::new("Learning outcomes and assessments")
                .id_salt("outcomes-section")
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("outcomes-scroll")
                        .max_height(320.0)
                        .show(ui, |ui| {
                            super::outcomes_editor::outcomes_editor_ui(ui, draft, &mut editor.outcomes_of)
                        });
                });
            outcomes.header_response.on_hover_text(
                "File > Import learning outcomes and assessments… (or dropping a Word module specification on the window) reads them from CSV, a workbook or .docx; apply or cancel this editor first",
            );
            ui.separator();
            ui.label(format!(
                "{} modules, {} credits offered in all",
                draft.rows.len(),
                draft.credits()
            ));
            credits_ui(ui, draft);
            problems_ui(ui, &problems);
            ui.horizontal(|ui| {
                let changed = editor.draft != editor.initial;
                let apply = egui::Button::new("Apply");
                if ui.add_enabled(changed && problems.is_empty(), apply).clicked()
                    && let Ok(next) = editor.draft.apply(project)
                {
                    commands.push(Command::ReplaceProject {
                        project: Box::new(next),
                        label: "Edit modules".into(),
                    });
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
    open && !close
}

fn programme_fields_ui(ui: &mut egui::Ui, draft: &mut ProgrammeDraft) {
    egui::Grid::new("programme-fields").num_columns(2).show(ui, |ui| {
        let l = ui.label("Programme title");
        ui.add(egui::TextEdit::singleline(&mut draft.title).desired_width(420.0))
            .labelled_by(l.id);
        ui.end_row();
        let l = ui.label("Award");
        egui::ComboBox::from_id_salt("award")
            .selected_text(draft.award.clone())
            .show_ui(ui, |ui| {
                for a in Award::KNOWN {
                    ui.selectable_value(&mut draft.award, a.to_string(), a.to_string());
                }
            })
            .response
            .labelled_by(l.id);
        ui.end_row();
        let l = ui.label("Awarding body");
        ui.add(egui::TextEdit::singleline(&mut draft.awarding_body).desired_width(420.0))
            .labelled_by(l.id);
        ui.end_row();
    });
}

/// One row per module, under a header that stays put while the rows scroll.
fn modules_table_ui(ui: &mut egui::Ui, draft: &mut ProgrammeDraft, problems: &[DraftProblem]) {
    let mut remove = None;
    let mut swap = None;
    let n = draft.rows.len();
    ui.push_id("module-rows", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .max_scroll_height(340.0)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(86.0))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::exact(44.0))
            .column(Column::exact(52.0))
            .column(Column::exact(96.0))
            .column(Column::exact(118.0))
            .column(Column::exact(76.0))
            .column(Column::exact(104.0))
            .column(Column::exact(60.0))
            .header(22.0, |mut header| {
                for h in [
                    "Code",
                    "Title",
                    "Level",
                    "Credits",
                    "Status",
                    "Option group",
                    "Work-based",
                    "",
                    "",
                ] {
                    header.col(|ui| {
                        ui.strong(h);
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, n, |mut row| {
                    let i = row.index();
                    let Some(r) = draft.rows.get_mut(i) else { return };
                    let bad = |f: DraftField| {
                        problems
                            .iter()
                            .find(|p| p.row() == Some(i) && p.field() == Some(f))
                            .map(DraftProblem::message)
                    };
                    let m = i + 1;
                    row.col(|ui| field_ui(ui, &mut r.code, &format!("Code of module {m}"), bad(DraftField::Code)));
                    row.col(|ui| {
                        field_ui(
                            ui,
                            &mut r.title,
                            &format!("Title of module {m}"),
                            bad(DraftField::Title),
                        )
                    });
                    row.col(|ui| {
                        field_ui(
                            ui,
                            &mut r.level,
                            &format!("Level of module {m}"),
                            bad(DraftField::Level),
                        )
                    });
                    row.col(|ui| {
                        let name = format!("Credits of module {m}");
                        field_ui(ui, &mut r.credits, &name, bad(DraftField::Credits));
                    });
                    row.col(|ui| {
                        let status = egui::ComboBox::from_id_salt(("status", i))
                            .selected_text(r.status.label())
                            .width(84.0)
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut r.status, ModuleStatus::Core, "core");
                                ui.selectable_value(&mut r.status, ModuleStatus::Optional, "optional");
                            });
                        name(&status.response, egui::Role::ComboBox, format!("Status of module {m}"));
                    });
                    row.col(|ui| {
                        let name = format!("Option group of module {m}");
                        field_ui(ui, &mut r.group, &name, bad(DraftField::Group));
                    });
                    row.col(|ui| {
                        let wb = ui.checkbox(&mut r.work_based, "");
                        name(&wb, egui::Role::CheckBox, format!("Module {m} is work-based"));
                    });
                    row.col(|ui| {
                        if ui.add_enabled(i > 0, egui::Button::new("Up")).clicked() {
                            swap = Some((i - 1, i));
                        }
                        if ui.add_enabled(i + 1 < n, egui::Button::new("Down")).clicked() {
                            swap = Some((i, i + 1));
                        }
                    });
                    row.col(|ui| {
                        if ui
                            .button("Delete")
                            .on_hover_text("Deletes the module and its mappings; comments on it are kept")
                            .clicked()
                        {
                            remove = Some(i);
                        }
                    });
                });
            });
    });
    if let Some((a, b)) = swap {
        draft.rows.swap(a, b);
    }
    if let Some(i) = remove
        && i < draft.rows.len()
    {
        draft.rows.remove(i);
    }
}

fn groups_ui(ui: &mut egui::Ui, draft: &mut ProgrammeDraft, problems: &[DraftProblem]) {
    if draft.groups.is_empty() {
        return;
    }
    ui.separator();
    ui.strong("Option groups: how many modules a student chooses from each");
    for (group, choose) in &mut draft.groups {
        let bad = problems
            .iter()
            .find(|p| p.group() == Some(group.as_str()))
            .map(DraftProblem::message);
        ui.horizontal(|ui| {
            ui.label(group.as_str());
            ui.scope(|ui| {
                ui.set_width(40.0);
                field_ui(ui, choose, &format!("Number to choose from {group}"), bad);
            });
        });
    }
}

/// Credits per level on every route, updated as the draft is typed.
fn credits_ui(ui: &mut egui::Ui, draft: &ProgrammeDraft) {
    let (modules, groups) = draft.parsed_modules();
    for line in crate::analysis::route_level_lines(&modules, &groups) {
        ui.label(line);
    }
}

/// The problems in words, one a line, so they are read without hovering.
fn problems_ui(ui: &mut egui::Ui, problems: &[DraftProblem]) {
    const SHOWN: usize = 8;
    let n = problems.len();
    if n == 0 {
        return;
    }
    let color = ui.visuals().error_fg_color;
    let heading = if n == 1 {
        "1 problem to fix:".to_string()
    } else {
        format!("{n} problems to fix:")
    };
    ui.colored_label(color, heading);
    for p in problems.iter().take(SHOWN) {
        super::code_text::code_text_ui(ui, &format!("• {p}"), Some(color));
    }
    if n > SHOWN {
        ui.colored_label(color, format!("and {} more", n - SHOWN));
    }
}

/// A text field filling its cell, in the error colour with the problem on hover when bad.
fn field_ui(ui: &mut egui::Ui, value: &mut String, name: &str, problem: Option<String>) {
    let mut edit = egui::TextEdit::singleline(value).desired_width(ui.available_width());
    if problem.is_some() {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let resp = ui.add(edit);
    self::name(&resp, egui::Role::TextInput, name.to_string());
    if let Some(p) = problem {
        resp.on_hover_ui(|ui| {
            super::code_text::code_text_ui(ui, &p, None);
        });
    }
}

/// Gives a widget without a visible label its accessible name.
fn name(resp: &egui::Response, role: egui::Role, name: String) {
    resp.widget_info(|| egui::WidgetInfo::labeled(role, true, &name));
}
