//! The standards panel: duties and their KSB chips, searchable, each draggable onto the grid.

use egui::collapsing_header::CollapsingState;
use egui::{RichText, Sense};

use crate::analysis::{Analysis, DutyState, KsbState, Severity};
use crate::app::command::{Command, DragPayload};
use crate::app::state::UiState;
use crate::model::{Duty, Ksb, KsbRef, Project, Standard};
use crate::text::shorten;

use super::theme;

pub fn standards_panel_ui(
    ui: &mut egui::Ui,
    project: &Project,
    analysis: &Analysis,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let search = egui::TextEdit::singleline(&mut state.filter)
            .hint_text("Search codes and texts (Ctrl+F)")
            .desired_width(f32::INFINITY);
        let resp = ui.add(search);
        if state.focus_search {
            resp.request_focus();
            state.focus_search = false;
        }
    });
    ui.horizontal(|ui| {
        for (i, name) in ["Knowledge", "Skills", "Behaviours"].into_iter().enumerate() {
            ui.toggle_value(&mut state.show_kinds[i], name);
        }
        if !state.filter.is_empty() && ui.button("Clear").clicked() {
            state.filter.clear();
        }
    });
    ui.separator();
    let filter = state.filter.trim().to_lowercase();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        if project.standards.is_empty() {
            ui.weak("No standards yet. Use Standards > Add bundled standard, or drop an IfATE page or API file here.");
        }
        for s in &project.standards {
            standard_ui(ui, project, analysis, s, &filter, state.show_kinds, commands);
        }
    });
}

fn matches(k: &Ksb, filter: &str, kinds: [bool; 3]) -> bool {
    let kind_on = kinds[k.kind() as usize];
    kind_on
        && (filter.is_empty()
            || k.code.to_string().to_lowercase() == filter
            || k.text.to_lowercase().contains(filter)
            || k.code.to_string().to_lowercase().starts_with(filter))
}

fn standard_ui(
    ui: &mut egui::Ui,
    project: &Project,
    analysis: &Analysis,
    s: &Standard,
    filter: &str,
    kinds: [bool; 3],
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("{} {}", s.reference, s.title));
        ui.weak(format!("Level {}", s.level));
    });
    if !(4..=5).contains(&s.level) {
        ui.colored_label(
            theme::severity(ui.visuals(), Severity::Error),
            format!("Level {}: HTQs align to Level 4 or 5 standards", s.level),
        );
    }
    let (k, sk, b) = s.counts();
    ui.weak(format!("{} duties · {k} K · {sk} S · {b} B", s.duties.len()));
    let searching = !filter.is_empty();
    if s.duties_known() {
        for d in &s.duties {
            let ksbs: Vec<&Ksb> = d
                .ksbs
                .iter()
                .filter_map(|c| s.ksb(*c))
                .filter(|k| matches(k, filter, kinds))
                .collect();
            let duty_hit = searching && (d.text.to_lowercase().contains(filter) || d.code.to_lowercase() == filter);
            if (searching && ksbs.is_empty() && !duty_hit)
                || (!searching && ksbs.is_empty() && !kinds.iter().all(|&x| x))
            {
                continue;
            }
            duty_ui(ui, project, analysis, s, d, &ksbs, searching, commands);
        }
        let loose: Vec<&Ksb> = s
            .ksbs_in_no_duty()
            .iter()
            .filter_map(|c| s.ksb(*c))
            .filter(|k| matches(k, filter, kinds))
            .collect();
        if !loose.is_empty() {
            ui.weak("KSBs in no duty");
            for k in loose {
                chip_ui(ui, project, analysis, s, k, "", commands);
            }
        }
    } else {
        ui.weak("This standard lists no duties; its KSBs are shown by kind.");
        for kind in crate::model::KsbKind::ALL {
            let ksbs: Vec<&Ksb> = s
                .ksbs
                .iter()
                .filter(|k| k.kind() == kind && matches(k, filter, kinds))
                .collect();
            if ksbs.is_empty() {
                continue;
            }
            let id = ui.make_persistent_id((&s.reference, kind.name()));
            CollapsingState::load_with_default_open(ui.ctx(), id, searching)
                .show_header(ui, |ui| {
                    ui.label(RichText::new(format!("{} ({})", kind.name(), ksbs.len())).strong());
                })
                .body(|ui| {
                    for k in ksbs {
                        chip_ui(ui, project, analysis, s, k, "", commands);
                    }
                });
        }
    }
    ui.separator();
}

#[allow(clippy::too_many_arguments)]
fn duty_ui(
    ui: &mut egui::Ui,
    project: &Project,
    analysis: &Analysis,
    s: &Standard,
    d: &Duty,
    ksbs: &[&Ksb],
    searching: bool,
    commands: &mut Vec<Command>,
) {
    let duty_ref = crate::model::DutyRef {
        standard: s.reference.clone(),
        code: d.code.clone(),
    };
    let status = analysis.duty(&duty_ref);
    let id = ui.make_persistent_id(("duty", &s.reference, &d.code));
    // Duties that need work start open, so their KSBs are at hand.
    let needs_work = status.is_some_and(|x| x.state != DutyState::Covered);
    let mut collapsing = CollapsingState::load_with_default_open(ui.ctx(), id, needs_work);
    if searching {
        collapsing.set_open(true);
    }
    collapsing
        .show_header(ui, |ui| {
            let state = status.map_or(DutyState::Uncovered, |x| x.state);
            theme::duty_badge_ui(ui, state);
            let payload = DragPayload::Ksbs {
                ksbs: d.ksbs.iter().map(|c| KsbRef::new(s.reference.clone(), *c)).collect(),
                label: format!("Duty {}", d.code.trim_start_matches('D')),
            };
            let text = format!("{} {}", d.code, shorten(&d.text, 60));
            let resp = ui
                .dnd_drag_source(egui::Id::unique(("duty-drag", &s.reference, &d.code)), payload, |ui| {
                    ui.add(egui::Label::new(text).selectable(false).sense(Sense::click()))
                })
                .response;
            resp.on_hover_ui(|ui| {
                ui.set_max_width(360.0);
                ui.strong(format!("{} {}", s.reference, d.code));
                ui.label(&d.text);
                ui.label(format!(
                    "{} · {} KSBs{}",
                    state.label(),
                    d.ksbs.len(),
                    if d.core { "" } else { " · option duty" }
                ));
                ui.weak("Drag onto a module to map all of its KSBs.");
            });
        })
        .body(|ui| {
            for k in ksbs {
                chip_ui(ui, project, analysis, s, k, &d.code, commands);
            }
        });
}

/// A KSB chip: code and short text, coloured by coverage, draggable onto a module.
/// `place` tells apart the chips of a KSB that several duties list.
fn chip_ui(
    ui: &mut egui::Ui,
    project: &Project,
    analysis: &Analysis,
    s: &Standard,
    k: &Ksb,
    place: &str,
    _commands: &mut Vec<Command>,
) {
    let r = KsbRef::new(s.reference.clone(), k.code);
    let status = analysis.ksb(&r);
    let state = status.map_or(KsbState::Uncovered, |x| x.state);
    let payload = DragPayload::Ksbs {
        ksbs: vec![r.clone()],
        label: k.code.to_string(),
    };
    let id = egui::Id::unique(("ksb-drag", &s.reference, place, k.code));
    let resp = ui
        .dnd_drag_source(id, payload, |ui| {
            ui.horizontal(|ui| {
                theme::state_badge_ui(ui, theme::ksb_state(ui.visuals(), state), theme::ksb_letter(state));
                ui.add(egui::Label::new(RichText::new(k.code.to_string()).monospace().strong()).selectable(false));
                ui.add(egui::Label::new(shorten(&k.text, 48)).selectable(false).truncate());
            })
        })
        .response;
    resp.on_hover_ui(|ui| {
        ui.set_max_width(380.0);
        ui.strong(r.to_string());
        ui.label(&k.text);
        if let Some(st) = status {
            let by: Vec<String> = st
                .modules
                .iter()
                .map(|&(m, c)| format!("{} ({})", project.modules[m].code, c.label()))
                .collect();
            if by.is_empty() {
                ui.label("Uncovered: no module maps it");
            } else {
                ui.label(format!("Mapped to {}", by.join(", ")));
            }
        }
        ui.weak("Drag onto a module row to map it.");
    });
}
