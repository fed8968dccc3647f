//! One module's details: its description, learning outcomes and assessments. The texts wrap in
//! fields as wide as the editor, so a whole outcome can be read while it is written.

use super::ModulesEditor;
use super::editor_state::DetailFocus;
use super::rows::{focused_field, name};
use crate::model::{Assessment, AssessmentKind, LearningOutcome, MAX_TEXT_BYTES, ModuleRow};

/// Room for a button after a text field that fills the rest of its line.
const BUTTON_ROOM: f32 = 84.0;
/// The character limit that keeps a field under the project's text bound in bytes.
const MAX_CHARS: usize = MAX_TEXT_BYTES / 4;

/// A module chooser, then the chosen module's description, outcomes and assessments.
pub fn details_ui(ui: &mut egui::Ui, project: &crate::model::Project, editor: &mut ModulesEditor) {
    let rows = &mut editor.draft.rows;
    let Some(last) = rows.len().checked_sub(1) else {
        return;
    };
    let selected = &mut editor.details_of;
    *selected = (*selected).min(last);
    let names: Vec<String> = rows.iter().map(|r| format!("{} {}", r.code, r.title)).collect();
    let heading = ui.horizontal(|ui| {
        ui.strong("Details of");
        let combo = egui::ComboBox::from_id_salt("details-module")
            .selected_text(names.get(*selected).cloned().unwrap_or_default())
            .width(420.0)
            .show_ui(ui, |ui| {
                for (i, n) in names.iter().enumerate() {
                    ui.selectable_value(selected, i, n);
                }
            });
        name(
            &combo.response,
            egui::Role::ComboBox,
            "Module whose details are shown".into(),
        );
    });
    if std::mem::take(&mut editor.show_details) {
        heading
            .response
            .scroll_to_me_animation(Some(egui::Align::TOP), egui::style::ScrollAnimation::none());
    }
    let i = *selected;
    let Some(row) = rows.get_mut(i) else {
        return;
    };
    let m = i + 1;
    let typing = &mut editor.typing;
    let focus = editor.focus_detail.take();
    ui.label("Description: what the module teaches (suggestions read it)");
    let desc = ui.add(
        egui::TextEdit::multiline(&mut row.description)
            .desired_rows(3)
            .desired_width(ui.available_width())
            .char_limit(MAX_CHARS),
    );
    name(
        &desc,
        egui::Role::MultilineTextInput,
        format!("Description of module {m}"),
    );
    if focus == Some(DetailFocus::Description) {
        desc.request_focus();
    }
    *typing |= desc.has_focus();
    ui.add_space(6.0);
    let mut added = None;
    // What each outcome carries in the project: the KSBs mapped through it.
    let carried = |code: &str| -> Vec<String> {
        let module = row.original.as_deref().unwrap_or_default();
        project
            .mappings
            .iter()
            .filter(|x| x.module == module && x.outcomes.iter().any(|o| o == code))
            .map(|x| x.ksb.code.to_string())
            .collect()
    };
    let carries: Vec<Vec<String>> = row.outcomes.iter().map(|lo| carried(&lo.code)).collect();
    let asking = editor
        .confirm_outcome
        .as_ref()
        .filter(|(r, _)| *r == i)
        .map(|(_, c)| c.clone());
    let mut ask = None;
    let outcomes = Outcomes {
        m,
        carries: &carries,
        asking: asking.as_deref(),
    };
    outcomes_ui(ui, row, &outcomes, typing, focus, &mut added, &mut ask);
    if let Some(ask) = ask {
        editor.confirm_outcome = ask.map(|code| (i, code));
    }
    ui.add_space(6.0);
    assessments_ui(ui, row, m, typing, focus, &mut added);
    editor.focus_detail = added;
}

/// What the outcomes' rows read besides the draft.
struct Outcomes<'a> {
    /// The module's number in the table, 1 first.
    m: usize,
    /// The KSBs each outcome carries in the project, in the row's order.
    carries: &'a [Vec<String>],
    /// The outcome whose Delete asks before it goes.
    asking: Option<&'a str>,
}

/// `ask` becomes `Some(Some(code))` when an outcome's Delete should ask first, `Some(None)`
/// when the question is answered.
fn outcomes_ui(
    ui: &mut egui::Ui,
    row: &mut ModuleRow,
    o: &Outcomes<'_>,
    typing: &mut bool,
    focus: Option<DetailFocus>,
    added: &mut Option<DetailFocus>,
    ask: &mut Option<Option<String>>,
) {
    let m = o.m;
    ui.strong("Learning outcomes");
    let uses: Vec<(Vec<String>, Vec<String>)> = row
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, lo)| {
            let by = row
                .assessments
                .iter()
                .filter(|a| a.assesses(&lo.code))
                .map(|a| a.code.clone())
                .collect();
            (o.carries.get(i).cloned().unwrap_or_default(), by)
        })
        .collect();
    let mut remove = None;
    for (i, lo) in row.outcomes.iter_mut().enumerate() {
        ui.horizontal_top(|ui| {
            ui.add_sized([44.0, 20.0], egui::Label::new(&lo.code));
            let id = ui.make_persistent_id(("outcome", m, i));
            let text = focused_field(ui, id, focus == Some(DetailFocus::Outcome(i)), |ui| {
                ui.add(
                    egui::TextEdit::multiline(&mut lo.text)
                        .id(id)
                        .desired_rows(1)
                        .desired_width((ui.available_width() - BUTTON_ROOM).max(120.0))
                        // One outcome is one statement: Enter does not start a second line.
                        .return_key(egui::KeyboardShortcut::new(egui::Modifiers::SHIFT, egui::Key::Enter))
                        .char_limit(MAX_CHARS),
                )
            });
            name(
                &text,
                egui::Role::MultilineTextInput,
                format!("Text of {} of module {m}", lo.code),
            );
            *typing |= text.has_focus();
            let (ksbs, by) = uses.get(i).cloned().unwrap_or_default();
            if o.asking == Some(lo.code.as_str()) {
                // In the Delete button's place, so a second click there answers, and nothing
                // else moves under the pointer; Keep and why are on the line below.
                let what = uses_text(&lo.code, &ksbs, &by);
                let sure = ui.button(format!("Delete {}", lo.code));
                ui.ctx()
                    .accesskit_node_builder(sure.id, |node| node.set_description(what.as_str()));
                if sure.clicked() {
                    remove = Some(i);
                    *ask = Some(None);
                }
                return;
            }
            let delete = ui
                .button("Delete")
                .on_hover_text("Its KSBs are then carried by no outcome");
            name(&delete, egui::Role::Button, format!("Delete {} of module {m}", lo.code));
            if delete.clicked() {
                if ksbs.is_empty() && by.is_empty() {
                    remove = Some(i);
                } else {
                    *ask = Some(Some(lo.code.clone()));
                }
            }
        });
        if o.asking == Some(lo.code.as_str()) {
            let (ksbs, by) = uses.get(i).cloned().unwrap_or_default();
            let what = uses_text(&lo.code, &ksbs, &by);
            ui.horizontal_wrapped(|ui| {
                let keep = ui.button("Keep");
                ui.ctx()
                    .accesskit_node_builder(keep.id, |node| node.set_description(what.as_str()));
                if keep.clicked() {
                    *ask = Some(None);
                }
                ui.colored_label(ui.visuals().warn_fg_color, &what);
            });
        }
    }
    if let Some(i) = remove.filter(|&i| i < row.outcomes.len()) {
        let code = row.outcomes.remove(i).code;
        for a in &mut row.assessments {
            a.outcomes.retain(|o| o != &code);
        }
        // The button that had the keyboard is gone: the keyboard goes to the outcome now in
        // its place (or the last), not nowhere.
        if let Some(last) = row.outcomes.len().checked_sub(1) {
            *added = Some(DetailFocus::Outcome(i.min(last)));
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
        *added = Some(DetailFocus::Outcome(row.outcomes.len() - 1));
    }
}

/// What deleting an outcome would undo: "LO2 carries K5 and K34, and A1 assesses it: …".
fn uses_text(code: &str, ksbs: &[String], by: &[String]) -> String {
    let verb = if by.len() == 1 { "assesses" } else { "assess" };
    let what = match (ksbs.is_empty(), by.is_empty()) {
        (false, false) => format!(
            "{code} carries {}, and {} {verb} it",
            crate::text::list_and(ksbs),
            crate::text::list_and(by)
        ),
        (false, true) => format!("{code} carries {}", crate::text::list_and(ksbs)),
        _ => format!("{} {verb} {code}", crate::text::list_and(by)),
    };
    format!("{what}: deleting it unlinks them.")
}

fn assessments_ui(
    ui: &mut egui::Ui,
    row: &mut ModuleRow,
    m: usize,
    typing: &mut bool,
    focus: Option<DetailFocus>,
    added: &mut Option<DetailFocus>,
) {
    ui.strong("Assessments");
    let codes: Vec<String> = row.outcomes.iter().map(|o| o.code.clone()).collect();
    let mut remove = None;
    for (i, a) in row.assessments.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.add_sized([36.0, 20.0], egui::Label::new(&a.code));
                // Kind, weighting and Delete take about 330 px; the title has the rest.
                let id = ui.make_persistent_id(("assessment", m, i));
                let title = focused_field(ui, id, focus == Some(DetailFocus::Assessment(i)), |ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut a.title)
                            .id(id)
                            .hint_text("Title")
                            .desired_width((ui.available_width() - 330.0).max(160.0))
                            .char_limit(MAX_CHARS),
                    )
                });
                name(
                    &title,
                    egui::Role::TextInput,
                    format!("Title of {} of module {m}", a.code),
                );
                *typing |= title.has_focus();
                let kind = egui::ComboBox::from_id_salt(("kind", m, i))
                    .selected_text(a.kind.label().to_string())
                    .width(180.0)
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
                *typing |= w.has_focus() || w.dragged();
                let delete = ui.button("Delete");
                name(&delete, egui::Role::Button, format!("Delete {} of module {m}", a.code));
                if delete.clicked() {
                    remove = Some(i);
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.label("Assesses:");
                if codes.is_empty() {
                    ui.weak("no learning outcomes yet");
                }
                for c in &codes {
                    let mut on = a.assesses(c);
                    let check = ui.checkbox(&mut on, c.as_str());
                    // "LO1" alone, once per assessment, says not which assessment it is.
                    let label = format!("{} of module {m} assesses {c}", a.code);
                    check.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, &label));
                    if check.changed() {
                        if on {
                            a.outcomes.push(c.clone());
                        } else {
                            a.outcomes.retain(|o| o != c);
                        }
                    }
                }
            });
        });
    }
    if let Some(i) = remove.filter(|&i| i < row.assessments.len()) {
        row.assessments.remove(i);
        if let Some(last) = row.assessments.len().checked_sub(1) {
            *added = Some(DetailFocus::Assessment(i.min(last)));
        }
    }
    ui.horizontal(|ui| {
        if ui.button("Add assessment").clicked() {
            let n = (1..)
                .find(|n| !row.assessments.iter().any(|a| a.code == format!("A{n}")))
                .unwrap_or(1);
            row.assessments.push(Assessment {
                code: format!("A{n}"),
                title: String::new(),
                kind: AssessmentKind::Essay,
                weighting: 0,
                outcomes: Vec::new(),
            });
            *added = Some(DetailFocus::Assessment(row.assessments.len() - 1));
        }
        let total: u32 = row.assessments.iter().map(|a| a.weighting).sum();
        if !row.assessments.is_empty() && total != 100 {
            ui.colored_label(
                crate::app::ui::theme::severity(ui.visuals(), crate::analysis::Severity::Warning),
                format!("Weightings add up to {total}%, not 100%"),
            );
        }
    });
}
