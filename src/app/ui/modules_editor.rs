//! The modules and programme editor: edits a draft, shows problems inline, applies as one undoable edit.

use crate::app::command::Command;
use crate::model::{Award, Module, ModuleStatus, OptionGroup, Project};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleRow {
    /// The code the module had when the editor opened, to carry its mappings over a rename.
    pub original: Option<String>,
    pub code: String,
    pub title: String,
    pub level: String,
    pub credits: String,
    pub status: ModuleStatus,
    pub group: String,
    pub work_based: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModulesDraft {
    pub title: String,
    pub award: String,
    pub awarding_body: String,
    pub rows: Vec<ModuleRow>,
    pub groups: Vec<(String, String)>,
}

impl ModulesDraft {
    pub fn from_project(p: &Project) -> Self {
        Self {
            title: p.programme.title.clone(),
            award: p.programme.award.to_string(),
            awarding_body: p.programme.awarding_body.clone(),
            rows: p
                .modules
                .iter()
                .map(|m| ModuleRow {
                    original: Some(m.code.clone()),
                    code: m.code.clone(),
                    title: m.title.clone(),
                    level: m.level.to_string(),
                    credits: m.credits.to_string(),
                    status: m.status,
                    group: m.group.clone().unwrap_or_default(),
                    work_based: m.work_based,
                })
                .collect(),
            groups: p
                .option_groups
                .iter()
                .map(|g| (g.name.clone(), g.choose.to_string()))
                .collect(),
        }
    }

    /// Problems per row, by field; empty when the draft can be applied.
    pub fn problems(&self) -> Vec<(usize, &'static str, String)> {
        let mut out = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            let code = r.code.trim();
            if code.is_empty() {
                out.push((i, "code", "needs a code".to_string()));
            } else if self.rows[..i].iter().any(|o| o.code.trim() == code) {
                out.push((i, "code", format!("{code} is used twice")));
            }
            if r.title.trim().is_empty() {
                out.push((i, "title", "needs a title".to_string()));
            }
            match r.level.trim().parse::<u8>() {
                Ok(3..=8) => {}
                _ => out.push((i, "level", format!("`{}` is not an FHEQ level (3 to 8)", r.level))),
            }
            match r.credits.trim().parse::<u32>() {
                Ok(c) if c <= 360 => {}
                _ => out.push((i, "credits", format!("`{}` is not a number of credits", r.credits))),
            }
            if r.status == ModuleStatus::Core && !r.group.trim().is_empty() {
                out.push((i, "group", "only optional modules belong to a group".to_string()));
            }
        }
        for (gi, (name, choose)) in self.groups.iter().enumerate() {
            if choose.trim().parse::<u32>().map_or(true, |n| n == 0) {
                out.push((
                    usize::MAX - gi,
                    "choose",
                    format!("group {name}: `{choose}` is not a number to choose"),
                ));
            }
        }
        out
    }

    /// The project with this draft applied, or `None` while it has problems.
    pub fn apply_to(&self, p: &Project) -> Option<Project> {
        if !self.problems().is_empty() {
            return None;
        }
        let mut next = p.clone();
        next.programme.title = self.title.trim().to_string();
        next.programme.award = Award::parse(&self.award);
        next.programme.awarding_body = self.awarding_body.trim().to_string();
        next.modules = self
            .rows
            .iter()
            .map(|r| Module {
                code: r.code.trim().to_string(),
                title: r.title.trim().to_string(),
                level: r.level.trim().parse().unwrap_or(4),
                credits: r.credits.trim().parse().unwrap_or(0),
                status: r.status,
                group: Some(r.group.trim().to_string()).filter(|g| !g.is_empty()),
                work_based: r.work_based,
            })
            .collect();
        if let Some(rule) = next.programme.award.rule() {
            next.programme.total_credits = rule.total_credits;
            next.programme.level = rule.max_level;
        }
        // Carry mappings over renames; drop those of deleted modules.
        let renames: Vec<(&str, &str)> = self
            .rows
            .iter()
            .filter_map(|r| r.original.as_deref().map(|o| (o, r.code.trim())))
            .collect();
        next.mappings.remap_modules(|module| {
            renames
                .iter()
                .find(|(old, _)| *old == module)
                .map(|(_, new)| new.to_string())
        });
        let used: Vec<&str> = next.modules.iter().filter_map(|m| m.group.as_deref()).collect();
        let mut groups: Vec<OptionGroup> = Vec::new();
        for name in used {
            if groups.iter().any(|g| g.name == name) {
                continue;
            }
            let choose = self
                .groups
                .iter()
                .find(|(n, _)| n == name)
                .and_then(|(_, c)| c.trim().parse().ok())
                .unwrap_or(1);
            groups.push(OptionGroup {
                name: name.to_string(),
                choose,
            });
        }
        next.option_groups = groups;
        Some(next)
    }

    fn sync_groups(&mut self) {
        for r in &self.rows {
            let g = r.group.trim();
            if !g.is_empty() && !self.groups.iter().any(|(n, _)| n == g) {
                self.groups.push((g.to_string(), "1".to_string()));
            }
        }
        let rows = &self.rows;
        self.groups.retain(|(n, _)| rows.iter().any(|r| r.group.trim() == n));
    }
}

/// Returns false when the editor should close.
pub fn modules_editor_ui(
    ctx: &egui::Context,
    project: &Project,
    draft: &mut ModulesDraft,
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
            draft.sync_groups();
            let problems = draft.problems();
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
            ui.separator();
            let mut remove = None;
            let mut swap = None;
            egui::ScrollArea::both().max_height(340.0).show(ui, |ui| {
                egui::Grid::new("module-rows")
                    .striped(true)
                    .num_columns(9)
                    .show(ui, |ui| {
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
                            ui.strong(h);
                        }
                        ui.end_row();
                        let n = draft.rows.len();
                        for (i, r) in draft.rows.iter_mut().enumerate() {
                            let bad = |f: &str| {
                                problems
                                    .iter()
                                    .find(|(row, field, _)| *row == i && *field == f)
                                    .map(|(_, _, m)| m.clone())
                            };
                            field(ui, &mut r.code, 80.0, &format!("Code of module {}", i + 1), bad("code"));
                            field(
                                ui,
                                &mut r.title,
                                260.0,
                                &format!("Title of module {}", i + 1),
                                bad("title"),
                            );
                            field(
                                ui,
                                &mut r.level,
                                36.0,
                                &format!("Level of module {}", i + 1),
                                bad("level"),
                            );
                            field(
                                ui,
                                &mut r.credits,
                                44.0,
                                &format!("Credits of module {}", i + 1),
                                bad("credits"),
                            );
                            let status = egui::ComboBox::from_id_salt(("status", i))
                                .selected_text(r.status.label())
                                .width(80.0)
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(&mut r.status, ModuleStatus::Core, "core");
                                    ui.selectable_value(&mut r.status, ModuleStatus::Optional, "optional");
                                });
                            name(
                                &status.response,
                                egui::Role::ComboBox,
                                format!("Status of module {}", i + 1),
                            );
                            field(
                                ui,
                                &mut r.group,
                                110.0,
                                &format!("Option group of module {}", i + 1),
                                bad("group"),
                            );
                            let wb = ui.checkbox(&mut r.work_based, "");
                            name(&wb, egui::Role::CheckBox, format!("Module {} is work-based", i + 1));
                            ui.horizontal(|ui| {
                                if ui.add_enabled(i > 0, egui::Button::new("Up")).clicked() {
                                    swap = Some((i - 1, i));
                                }
                                if ui.add_enabled(i + 1 < n, egui::Button::new("Down")).clicked() {
                                    swap = Some((i, i + 1));
                                }
                            });
                            if ui
                                .button("Delete")
                                .on_hover_text("Deletes the module and its mappings")
                                .clicked()
                            {
                                remove = Some(i);
                            }
                            ui.end_row();
                        }
                    });
            });
            if let Some((a, b)) = swap {
                draft.rows.swap(a, b);
            }
            if let Some(i) = remove {
                draft.rows.remove(i);
            }
            if ui.button("Add module").clicked() {
                let n = draft.rows.len() + 1;
                draft.rows.push(ModuleRow {
                    original: None,
                    code: format!("NEW{n:02}"),
                    title: "New module".into(),
                    level: "4".into(),
                    credits: "20".into(),
                    status: ModuleStatus::Core,
                    group: String::new(),
                    work_based: false,
                });
            }
            if !draft.groups.is_empty() {
                ui.separator();
                ui.strong("Option groups: how many modules a student chooses from each");
                for (name, choose) in &mut draft.groups {
                    let bad = problems
                        .iter()
                        .find(|(_, f, m)| *f == "choose" && m.contains(name.as_str()))
                        .map(|(_, _, m)| m.clone());
                    ui.horizontal(|ui| {
                        ui.label(name.as_str());
                        field(ui, choose, 36.0, &format!("Number to choose from {name}"), bad);
                    });
                }
            }
            ui.separator();
            let credits: u32 = draft
                .rows
                .iter()
                .filter_map(|r| r.credits.trim().parse::<u32>().ok())
                .sum();
            ui.label(format!("{} modules, {credits} credits in all", draft.rows.len()));
            if !problems.is_empty() {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("{} problem(s) to fix before applying", problems.len()),
                );
            }
            ui.horizontal(|ui| {
                let next = draft.apply_to(project);
                let changed = next.as_ref().is_some_and(|n| n != project);
                if ui.add_enabled(changed, egui::Button::new("Apply")).clicked()
                    && let Some(next) = next
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

fn field(ui: &mut egui::Ui, value: &mut String, width: f32, name: &str, problem: Option<String>) {
    let mut edit = egui::TextEdit::singleline(value).desired_width(width);
    if problem.is_some() {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let resp = ui.add_sized(egui::vec2(width, 20.0), edit);
    self::name(&resp, egui::Role::TextInput, name.to_string());
    if let Some(p) = problem {
        resp.on_hover_text(p);
    }
}

/// Gives a widget without a visible label its accessible name.
fn name(resp: &egui::Response, role: egui::Role, name: String) {
    resp.widget_info(|| egui::WidgetInfo::labeled(role, true, &name));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rename_carries_mappings_and_problems_block_apply() {
        let p = crate::sample::sample_project().unwrap();
        let mut d = ModulesDraft::from_project(&p);
        d.rows[0].code = "HSC401X".into();
        let next = d.apply_to(&p).unwrap();
        assert!(next.mappings.iter().any(|m| m.module == "HSC401X"));
        assert!(!next.mappings.iter().any(|m| m.module == "HSC401"));
        d.rows[1].credits = "twenty".into();
        d.rows[2].code = "HSC401X".into();
        let problems = d.problems();
        assert_eq!(problems.len(), 2);
        assert!(d.apply_to(&p).is_none());
    }
}
