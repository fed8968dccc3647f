//! The inspector's part on learning outcomes and assessments: which of the module's outcomes
//! carry the focused cell, and which assessments evidence it, each set in one undoable edit.

use egui::RichText;

use crate::analysis::{Analysis, KsbStatus};
use crate::app::cell_edits::CellDraft;
use crate::app::command::Command;
use crate::model::{Mapping, Module, Project, ops};

/// The outcomes and assessments of a mapped cell's module, as checkboxes.
pub fn outcomes_ui(
    ui: &mut egui::Ui,
    project: &Project,
    module: &Module,
    m: &Mapping,
    draft: &mut CellDraft,
    commands: &mut Vec<Command>,
) {
    let ksb = &m.ksb;
    if !module.outcomes.is_empty() {
        ui.label(RichText::new("Carried by learning outcomes").strong());
        for lo in &module.outcomes {
            let mut on = m.outcomes.contains(&lo.code);
            let text = format!("{} {}", lo.code, crate::text::shorten(&lo.text, 60));
            let resp = ui.checkbox(&mut on, text).on_hover_text(&lo.text);
            if resp.changed() {
                let mut next = with_draft(m, draft);
                if on {
                    next.outcomes.push(lo.code.clone());
                    // Kept in the module's order, so a file diff stays small.
                    next.outcomes
                        .sort_by_key(|c| module.outcomes.iter().position(|o| &o.code == c));
                } else {
                    next.outcomes.retain(|c| c != &lo.code);
                }
                let verb = if on { "Carry" } else { "Stop carrying" };
                draft.base_note = draft.note.clone();
                draft.base_reason = draft.workplace_reason.clone();
                commands.push(Command::SetCell {
                    module: module.code.clone(),
                    ksb: ksb.clone(),
                    mapping: Some(next),
                    label: format!("{verb} {} × {} by {}", module.code, ksb.code, lo.code),
                });
            }
        }
    }
    if module.assessments.is_empty() {
        return;
    }
    ui.label(RichText::new("Evidenced by assessments").strong());
    let can = !m.outcomes.is_empty();
    for a in &module.assessments {
        let mut on = m.outcomes.iter().any(|o| a.assesses(o));
        let text = format!(
            "{} {} ({}, {}%)",
            a.code,
            crate::text::shorten(&a.title, 44),
            a.kind,
            a.weighting
        );
        // An assessment assesses outcomes, not cells: unticking it here also stops it
        // evidencing the module's other KSBs that those outcomes carry. Say which.
        let shared = if on {
            shared_ksbs(project, module, m, a)
        } else {
            Vec::new()
        };
        let text = if shared.is_empty() {
            text
        } else {
            format!("{text} · also {}", shared.join(" "))
        };
        let resp = ui.add_enabled(can, egui::Checkbox::new(&mut on, text));
        let resp = if !can {
            resp.on_disabled_hover_text("Tick the learning outcome that carries this cell first")
        } else if !shared.is_empty() {
            resp.on_hover_text(format!(
                "{} assesses {}, which also carry {}: unticking stops it evidencing those too",
                a.code,
                m.outcomes.join(", "),
                shared.join(", ")
            ))
        } else {
            resp.on_hover_text(format!(
                "Ticking makes {} assess the outcomes that carry this cell ({})",
                a.code,
                m.outcomes.join(", ")
            ))
        };
        if resp.changed() {
            let mut next = project.clone();
            // Keep any text being typed: this edit replaces the project it was typed into.
            next.set_mapping(with_draft(m, draft));
            draft.base_note = draft.note.clone();
            draft.base_reason = draft.workplace_reason.clone();
            if ops::set_evidence(&mut next, &module.code, ksb, &a.code, on) {
                let label = if on {
                    format!("Assess {} × {} by {}", module.code, ksb.code, a.code)
                } else if shared.is_empty() {
                    format!("Stop assessing {} × {} by {}", module.code, ksb.code, a.code)
                } else {
                    format!(
                        "Stop assessing {} × {} by {} (and {}, which share its outcomes)",
                        module.code,
                        ksb.code,
                        a.code,
                        shared.join(" ")
                    )
                };
                commands.push(Command::ReplaceProject {
                    project: Box::new(next),
                    label,
                });
            }
        }
    }
    if !can {
        ui.weak("Tick the learning outcome that carries this cell to link it to an assessment.");
    }
}

/// The module's other KSBs that `a` evidences through an outcome this cell shares with them.
fn shared_ksbs(project: &Project, module: &Module, m: &Mapping, a: &crate::model::Assessment) -> Vec<String> {
    project
        .mappings
        .iter()
        .filter(|o| o.module == module.code && o.ksb != m.ksb)
        .filter(|o| o.outcomes.iter().any(|lo| m.outcomes.contains(lo) && a.assesses(lo)))
        .map(|o| o.ksb.code.to_string())
        .collect()
}

/// A line saying whether the cell is assessed, for a module whose outcomes decide it.
pub fn assessed_line_ui(ui: &mut egui::Ui, module: &Module, m: &Mapping) {
    let by: Vec<&str> = module.evidencing(m).map(|a| a.code.as_str()).collect();
    // It shares a row with the Taught box, where text does not wrap: truncated, it can never
    // push the side panel wider (the panel once grew 120 px on this line and kept it).
    // `Module::assesses` is what the analysis decides each cell by (`model::mapping_assessed`).
    let text = if !module.assesses(m) {
        RichText::new("Not assessed: no assessment assesses its outcomes")
            .color(super::theme::severity(ui.visuals(), crate::analysis::Severity::Warning))
    } else {
        RichText::new(format!("Assessed by {}", by.join(", ")))
    };
    ui.add(egui::Label::new(text).truncate());
}

/// Which modules assess a covered KSB, read from [`Analysis::assessed_in`] as the reports and
/// `check --json` read it; once the project records assessment, a covered KSB none assesses is
/// said in the warning colour.
pub fn ksb_assessed_ui(ui: &mut egui::Ui, project: &Project, analysis: &Analysis, k: &KsbStatus) {
    if k.modules.is_empty() {
        return;
    }
    let by = analysis.assessed_in(project, k);
    if !by.is_empty() {
        ui.weak(format!("Assessed in {}", by.join(", ")));
    } else if crate::analysis::records_assessment(project) {
        let warn = super::theme::severity(ui.visuals(), crate::analysis::Severity::Warning);
        ui.colored_label(warn, "Taught but never assessed: no module assesses it");
    }
}

fn with_draft(m: &Mapping, draft: &CellDraft) -> Mapping {
    Mapping {
        note: draft.note.clone(),
        workplace_reason: draft.workplace_reason.clone(),
        ..m.clone()
    }
}
