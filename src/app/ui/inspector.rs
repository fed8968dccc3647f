//! The inspector: the focused cell's coverage, taught and assessed, workplace reason and note,
//! with the KSB's full text and its duties. Text is drafted here and applied as one undoable
//! edit when the field is left, another cell is focused, or the document is saved.

use egui::RichText;

use crate::analysis::KsbState;
use crate::app::command::Command;
use crate::app::grid_model::GridModel;
use crate::app::state::{CellDraft, FocusRequest, UiState};
use crate::model::{Coverage, KsbRef, Mapping, Project, ops};

pub const REASON_ID: &str = "inspector-reason";
pub const NOTE_ID: &str = "inspector-note";

/// The focused cell as (module code, KSB).
fn focused_cell(project: &Project, grid: &GridModel, state: &UiState) -> Option<(String, KsbRef)> {
    let (r, c) = state.selected?;
    Some((project.modules.get(r)?.code.clone(), grid.columns.get(c)?.ksb.clone()))
}

/// The edit that applies a draft's texts to its cell, if they changed and the cell is mapped.
pub fn draft_command(project: &Project, draft: &mut CellDraft) -> Option<Command> {
    if !draft.changed() {
        return None;
    }
    let ksb = draft.ksb.clone()?;
    let m = project.mapping(&draft.module, &ksb)?;
    let mapping = with_draft(m, draft);
    let what = match (
        draft.note != draft.base_note,
        draft.workplace_reason != draft.base_reason,
    ) {
        (true, true) => "Edit workplace reason and note on",
        (false, true) => "Edit workplace reason on",
        _ => "Edit note on",
    };
    draft.base_note = draft.note.clone();
    draft.base_reason = draft.workplace_reason.clone();
    Some(Command::SetCell {
        label: format!("{what} {} × {}", draft.module, ksb.code),
        module: draft.module.clone(),
        ksb,
        mapping: Some(mapping),
    })
}

fn with_draft(m: &Mapping, draft: &CellDraft) -> Mapping {
    Mapping {
        note: draft.note.clone(),
        workplace_reason: draft.workplace_reason.clone(),
        ..m.clone()
    }
}

/// A coverage or flag edit from the inspector: it carries the draft's text, so the draft
/// counts as applied (the field losing focus to this click must not undo the click).
fn push_carrying_draft(
    commands: &mut Vec<Command>,
    draft: &mut CellDraft,
    module: &str,
    ksb: &KsbRef,
    mapping: Option<Mapping>,
    label: String,
) {
    draft.base_note = draft.note.clone();
    draft.base_reason = draft.workplace_reason.clone();
    commands.push(Command::SetCell {
        module: module.to_string(),
        ksb: ksb.clone(),
        mapping,
        label,
    });
}

fn load(project: &Project, module: &str, ksb: &KsbRef) -> CellDraft {
    let m = project.mapping(module, ksb);
    let note = m.map(|m| m.note.clone()).unwrap_or_default();
    let reason = m.map(|m| m.workplace_reason.clone()).unwrap_or_default();
    CellDraft {
        module: module.to_string(),
        ksb: Some(ksb.clone()),
        base_note: note.clone(),
        base_reason: reason.clone(),
        note,
        workplace_reason: reason,
    }
}

/// Keeps the draft on the focused cell: a draft left behind is applied first, and a draft
/// whose cell changed under it (undo, redo, the grid) is reloaded unless it is being typed in.
fn sync_draft(
    ui: &egui::Ui,
    project: &Project,
    module: &str,
    ksb: &KsbRef,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    let draft = &mut state.cell_draft;
    if !draft.is_for(module, ksb) {
        commands.extend(draft_command(project, draft));
        *draft = load(project, module, ksb);
        return;
    }
    let typing = ui.memory(|m| m.has_focus(egui::Id::unique(NOTE_ID)) || m.has_focus(egui::Id::unique(REASON_ID)));
    let m = project.mapping(module, ksb);
    let (note, reason) = m.map_or(("", ""), |m| (m.note.as_str(), m.workplace_reason.as_str()));
    if !typing && (note != draft.base_note || reason != draft.base_reason) {
        *draft = load(project, module, ksb);
    }
}

pub fn inspector_ui(
    ui: &mut egui::Ui,
    project: &Project,
    analysis: &crate::analysis::Analysis,
    suggestions: &crate::suggest::Suggestions,
    grid: &GridModel,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    ui.heading("Inspector");
    let single = focused_cell(project, grid, state).filter(|_| !state.is_range());
    if single.is_none() {
        // The cell being typed about is gone from view (a range, gaps only): keep the text.
        commands.extend(draft_command(project, &mut state.cell_draft));
    }
    if state.is_range() {
        range_ui(ui, project, grid, state, commands);
        return;
    }
    let Some((module, ksb)) = single else {
        ui.weak("Select a cell of the grid to see and edit its coverage, workplace reason and note.");
        ui.weak("Keyboard: F6 to the grid, arrows to move, Enter to come here.");
        return;
    };
    sync_draft(ui, project, &module, &ksb, state, commands);
    let current = project.mapping(&module, &ksb).cloned();
    let title = project.module(&module).map(|m| m.title.as_str()).unwrap_or("");
    ui.label(RichText::new(format!("{module} × {}", ksb.code)).strong());
    ui.weak(title);

    // Only the inspector's own focus requests; the grid's is for the grid, drawn later.
    let focus = match state.focus {
        FocusRequest::Inspector | FocusRequest::Reason => std::mem::take(&mut state.focus),
        _ => FocusRequest::None,
    };
    ui.horizontal(|ui| {
        ui.label("Coverage");
        for (i, (coverage, word)) in [
            (None, "None"),
            (Some(Coverage::Full), "Full"),
            (Some(Coverage::Partial), "Partial"),
        ]
        .into_iter()
        .enumerate()
        {
            let on = current.as_ref().map(|m| m.coverage) == coverage;
            let resp = ui.add(egui::Button::selectable(on, word));
            if i == 0 && focus == FocusRequest::Inspector {
                resp.request_focus();
            }
            if resp.clicked() && !on {
                let mapping = coverage.map(|c| {
                    let base = current
                        .clone()
                        .unwrap_or_else(|| Mapping::new(module.as_str(), ksb.clone(), c));
                    Mapping {
                        coverage: c,
                        ..with_draft(&base, &state.cell_draft)
                    }
                });
                let label = format!("Set {module} × {} {}", ksb.code, word.to_lowercase());
                push_carrying_draft(commands, &mut state.cell_draft, &module, &ksb, mapping, label);
                if coverage == Some(Coverage::Partial) {
                    // The reason is what makes a partial mapping acceptable: go straight to it.
                    state.focus = FocusRequest::Reason;
                }
            }
        }
    });
    if let Some(m) = &current {
        ui.horizontal(|ui| {
            let mut taught = m.taught;
            if ui.checkbox(&mut taught, "Taught").changed() {
                let mapping = Some(Mapping {
                    taught,
                    ..with_draft(m, &state.cell_draft)
                });
                let label = format!("Mark {module} × {} taught", ksb.code);
                push_carrying_draft(commands, &mut state.cell_draft, &module, &ksb, mapping, label);
            }
            let chain = project.module(&module).filter(|x| x.has_chain());
            if let Some(x) = chain {
                super::inspector_outcomes::assessed_line_ui(ui, x, m);
                return;
            }
            let mut assessed = m.assessed;
            if ui.checkbox(&mut assessed, "Assessed").changed() {
                let mapping = Some(Mapping {
                    assessed,
                    ..with_draft(m, &state.cell_draft)
                });
                let label = format!("Mark {module} × {} assessed", ksb.code);
                push_carrying_draft(commands, &mut state.cell_draft, &module, &ksb, mapping, label);
            }
        });
        if let Some(x) = project.module(&module) {
            super::inspector_outcomes::outcomes_ui(ui, project, x, m, &mut state.cell_draft, commands);
        }
        if m.review {
            review_ui(ui, m, state, commands);
        }
        texts_ui(ui, project, m, focus, state, commands);
    } else {
        if focus == FocusRequest::Reason && !commands.is_empty() {
            // The cell becomes partial when this frame's edit applies: focus its reason then.
            state.focus = focus;
        }
        ui.weak("Map the cell to record a note or a workplace reason.");
    }
    super::suggestions::inspector_suggestions_ui(ui, project, suggestions, &module, &ksb, state, commands);
    ui.separator();
    ksb_details_ui(ui, project, analysis, &ksb);
}

fn texts_ui(
    ui: &mut egui::Ui,
    project: &Project,
    m: &Mapping,
    focus: FocusRequest,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    if focus == FocusRequest::Reason && m.coverage != Coverage::Partial && !commands.is_empty() {
        state.focus = focus;
    }
    let draft = &mut state.cell_draft;
    let mut left = false;
    if m.coverage == Coverage::Partial || !draft.workplace_reason.is_empty() {
        let label = ui.label("Workplace reason: why the rest is left to the workplace");
        let resp = ui.add(
            egui::TextEdit::multiline(&mut draft.workplace_reason)
                .id(egui::Id::unique(REASON_ID))
                .hint_text("e.g. Delivered on placement and evidenced in the practice portfolio")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        );
        let resp = resp.labelled_by(label.id);
        if focus == FocusRequest::Reason {
            resp.request_focus();
        }
        left |= resp.lost_focus();
        if m.coverage == Coverage::Partial && draft.workplace_reason.trim().is_empty() {
            ui.colored_label(
                super::theme::severity(ui.visuals(), crate::analysis::Severity::Warning),
                "A partial mapping needs a workplace reason.",
            );
        }
    }
    let label = ui.label("Note");
    let resp = ui
        .add(
            egui::TextEdit::multiline(&mut draft.note)
                .id(egui::Id::unique(NOTE_ID))
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    left |= resp.lost_focus();
    // Esc in the reason or the note hands the keyboard back to the grid's keys.
    if left && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        crate::app::keys::arm_grid_keys(ui.ctx());
    }
    ui.horizontal_wrapped(|ui| {
        let apply = ui.add_enabled(draft.changed(), egui::Button::new("Apply text"));
        if left || apply.clicked() {
            commands.extend(draft_command(project, draft));
        }
        if draft.changed() {
            ui.weak("Applied when you leave the field");
        }
    });
}

fn ksb_details_ui(ui: &mut egui::Ui, project: &Project, analysis: &crate::analysis::Analysis, ksb: &KsbRef) {
    ui.label(RichText::new(ksb.to_string()).strong());
    ui.label(project.ksb_text(ksb));
    if let Some(k) = analysis.ksb(ksb) {
        let state = match k.state {
            KsbState::Full => "Covered",
            KsbState::Partial => "Partly covered",
            KsbState::Uncovered => "Uncovered",
        };
        let by: Vec<&str> = k
            .modules
            .iter()
            .filter_map(|&(m, _)| project.modules.get(m).map(|m| m.code.as_str()))
            .collect();
        if by.is_empty() {
            ui.weak(format!("{state}: no module maps it"));
        } else {
            ui.weak(format!("{state} by {}", by.join(", ")));
        }
    }
    if let Some(s) = project.standard(&ksb.standard) {
        for d in s.duties.iter().filter(|d| d.ksbs.contains(&ksb.code)) {
            ui.weak(format!("{} {}", d.code, crate::text::shorten(&d.text, 90)));
        }
    }
}

/// A rectangle of cells: set them all in one edit.
fn range_ui(ui: &mut egui::Ui, project: &Project, grid: &GridModel, state: &UiState, commands: &mut Vec<Command>) {
    let Some((rows, cols)) = state.selection() else { return };
    let cells = selected_cells(project, grid, state);
    ui.label(format!(
        "{} cells selected: {} modules × {} KSBs",
        cells.len(),
        rows.count(),
        cols.count()
    ));
    ui.horizontal(|ui| {
        ui.label("Set all to");
        for (coverage, word) in [
            (Some(Coverage::Full), "Full"),
            (Some(Coverage::Partial), "Partial"),
            (None, "None"),
        ] {
            if ui.button(word).clicked() {
                commands.extend(set_cells_command(project, &cells, coverage));
            }
        }
    });
    ui.weak("Keys: F full, P partial, Delete none; Esc keeps one cell.");
}

/// The selected cells as (module code, KSB).
pub fn selected_cells(project: &Project, grid: &GridModel, state: &UiState) -> Vec<(String, KsbRef)> {
    let Some((rows, cols)) = state.selection() else {
        return Vec::new();
    };
    let mut cells = Vec::new();
    for r in rows {
        let Some(m) = project.modules.get(r) else { continue };
        for c in cols.clone() {
            if let Some(col) = grid.columns.get(c) {
                cells.push((m.code.clone(), col.ksb.clone()));
            }
        }
    }
    cells
}

/// One edit setting every cell to `coverage`; `None` when nothing would change.
pub fn set_cells_command(project: &Project, cells: &[(String, KsbRef)], coverage: Option<Coverage>) -> Option<Command> {
    let edits = ops::set_coverage(project, cells, coverage);
    if edits.is_empty() {
        return None;
    }
    let word = coverage.map_or("none", |c| c.label());
    let label = match edits.as_slice() {
        [one] => format!("Set {} × {} {word}", one.module, one.ksb.code),
        _ => format!("Set {} cells {word}", edits.len()),
    };
    Some(Command::SetCells { label, cells: edits })
}

/// A mapping a migration carried to a reworded KSB: confirm it holds for the KSB as it now
/// reads, and its finding goes.
fn review_ui(ui: &mut egui::Ui, m: &Mapping, state: &mut UiState, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Marked for review:").strong());
        ui.label("carried from an older version of the standard, where this KSB was worded differently.");
        if ui
            .button("Confirm")
            .on_hover_text("The module still covers the KSB as it now reads")
            .clicked()
        {
            let mapping = Some(Mapping {
                review: false,
                ..with_draft(m, &state.cell_draft)
            });
            let label = format!("Confirm {} × {}", m.module, m.ksb.code);
            let (module, ksb) = (m.module.clone(), m.ksb.clone());
            push_carrying_draft(commands, &mut state.cell_draft, &module, &ksb, mapping, label);
        }
    });
}
