//! The inspector: the focused cell's coverage, taught and assessed, workplace reason and note,
//! with the KSB's full text and its duties. Text is drafted here and applied as one undoable
//! edit when the field is left, another cell is focused, or the document is saved.

use egui::RichText;

use crate::analysis::KsbState;
use crate::app::cell_edits::{self, CellDraft, draft_command, set_carrying_draft, with_draft};
use crate::app::command::Command;
use crate::app::focus::FocusRequest;
use crate::app::grid_model::GridModel;
use crate::app::selection::GridSelection;
use crate::model::{Coverage, KsbRef, Mapping, Project};

pub const REASON_ID: &str = "inspector-reason";
pub const NOTE_ID: &str = "inspector-note";

/// The inspector's own state: the text being typed, and the suggestions' threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct InspectorState {
    pub draft: CellDraft,
    /// "Accept all above": the score from which a module's suggestions are accepted at once.
    pub accept_threshold: f32,
    /// When the draft's unapplied typing was last journalled (egui time).
    pub typing_noted_at: f64,
    /// The reason being typed for a range's partial cells.
    pub range_reason: super::inspector_range::RangeReason,
    /// The cell the inspector last showed: another cell opens it at its top, where its name is.
    pub shown: Option<(usize, usize)>,
}

impl Default for InspectorState {
    fn default() -> Self {
        Self {
            draft: CellDraft::default(),
            accept_threshold: 0.6,
            typing_noted_at: f64::NEG_INFINITY,
            range_reason: Default::default(),
            shown: None,
        }
    }
}

/// What the inspector shows, read-only.
#[derive(Clone, Copy)]
pub struct InspectorData<'a> {
    pub project: &'a Project,
    pub analysis: &'a crate::analysis::Analysis,
    /// Suggested cells; empty while switched off.
    pub suggestions: &'a crate::suggest::Suggestions,
    pub grid: &'a GridModel,
    pub selection: &'a GridSelection,
    pub show_suggestions: bool,
}

/// Keeps the draft on the focused cell: a draft left behind is applied first, and a draft
/// whose cell changed under it (undo, redo, the grid) is reloaded unless it is being typed in.
fn sync_draft(
    ui: &egui::Ui,
    project: &Project,
    module: &str,
    ksb: &KsbRef,
    draft: &mut CellDraft,
    commands: &mut Vec<Command>,
) {
    if !draft.is_for(module, ksb) {
        commands.extend(draft_command(project, draft));
        *draft = CellDraft::load(project, module, ksb);
        super::text_history::forget(ui.ctx(), &[egui::Id::unique(NOTE_ID), egui::Id::unique(REASON_ID)]);
        return;
    }
    let typing = ui.memory(|m| m.has_focus(egui::Id::unique(NOTE_ID)) || m.has_focus(egui::Id::unique(REASON_ID)));
    let m = project.mapping(module, ksb);
    let (note, reason) = m.map_or(("", ""), |m| (m.note.as_str(), m.workplace_reason.as_str()));
    if !typing && (note != draft.base_note || reason != draft.base_reason) {
        *draft = CellDraft::load(project, module, ksb);
        super::text_history::forget(ui.ctx(), &[egui::Id::unique(NOTE_ID), egui::Id::unique(REASON_ID)]);
    }
}

pub fn inspector_ui(
    ui: &mut egui::Ui,
    data: &InspectorData<'_>,
    state: &mut InspectorState,
    focus_request: &mut FocusRequest,
    commands: &mut Vec<Command>,
) {
    let InspectorData {
        project,
        analysis,
        suggestions,
        grid,
        selection,
        ..
    } = *data;
    ui.heading("Inspector");
    let single = cell_edits::focused_cell(project, grid, selection).filter(|_| !selection.is_range());
    if single.is_none() {
        // The cell being typed about is gone from view (a range, gaps only): keep the text.
        commands.extend(draft_command(project, &mut state.draft));
    }
    if selection.is_range() {
        let range = (project, grid, selection);
        super::inspector_range::range_ui(ui, range, &mut state.range_reason, focus_request, commands);
        return;
    }
    // The range is gone: a reason typed for it is applied.
    if !state.range_reason.cells.is_empty() {
        commands.extend(state.range_reason.command(project));
        state.range_reason = Default::default();
    }
    let Some((module, ksb)) = single else {
        ui.weak("Select a cell of the grid to see and edit its coverage, workplace reason and note.");
        ui.weak("Keyboard: F6 to the grid, arrows to move, Enter to come here.");
        return;
    };
    sync_draft(ui, project, &module, &ksb, &mut state.draft, commands);
    let current = project.mapping(&module, &ksb).cloned();
    let title = project.module(&module).map(|m| m.title.as_str()).unwrap_or("");
    ui.label(RichText::new(format!("{module} × {}", ksb.code)).strong());
    ui.weak(title);
    if let Some(c) = super::conflicts::cell_conflict(project, &module, &ksb) {
        super::conflicts::cell_conflict_ui(ui, c, commands);
    }

    // Only the inspector's own focus requests; the grid's is for the grid, drawn later.
    let focus = match *focus_request {
        FocusRequest::Inspector | FocusRequest::Reason | FocusRequest::Note => std::mem::take(focus_request),
        _ => FocusRequest::None,
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("Coverage");
        for (coverage, word) in [
            (None, "None"),
            (Some(Coverage::Full), "Full"),
            (Some(Coverage::Partial), "Partial"),
        ] {
            let on = current.as_ref().map(|m| m.coverage) == coverage;
            let resp = ui.add(egui::Button::selectable(on, word));
            // The keyboard lands on the cell's own coverage, where Enter or Space changes
            // nothing: on "None" (first), one more Enter unmapped a full cell.
            if on && focus == FocusRequest::Inspector {
                resp.request_focus();
            }
            if resp.clicked() && !on {
                let mapping = coverage.map(|c| {
                    let base = current
                        .clone()
                        .unwrap_or_else(|| Mapping::new(module.as_str(), ksb.clone(), c));
                    Mapping {
                        coverage: c,
                        ..with_draft(&base, &state.draft)
                    }
                });
                let label = format!("Set {module} × {} {}", ksb.code, word.to_lowercase());
                commands.push(set_carrying_draft(&mut state.draft, &module, &ksb, mapping, label));
                if cell_edits::wants_reason(coverage) {
                    commands.push(Command::FocusReason);
                }
            }
        }
    });
    if let Some(m) = &current {
        ui.horizontal_wrapped(|ui| {
            let mut taught = m.taught;
            if ui.checkbox(&mut taught, "Taught").changed() {
                let mapping = Some(Mapping {
                    taught,
                    ..with_draft(m, &state.draft)
                });
                let label = crate::app::cell_edits::mark_label(&module, &ksb, "taught", taught);
                commands.push(set_carrying_draft(&mut state.draft, &module, &ksb, mapping, label));
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
                    ..with_draft(m, &state.draft)
                });
                let label = crate::app::cell_edits::mark_label(&module, &ksb, "assessed", assessed);
                commands.push(set_carrying_draft(&mut state.draft, &module, &ksb, mapping, label));
            }
        });
        if let Some(x) = project.module(&module) {
            super::inspector_outcomes::outcomes_ui(ui, project, x, m, &mut state.draft, commands);
        }
        if m.review {
            review_ui(ui, m, &mut state.draft, commands);
        }
        texts_ui(ui, project, m, focus, focus_request, &mut state.draft, commands);
    } else {
        if focus == FocusRequest::Reason && !commands.is_empty() {
            // The cell becomes partial when this frame's edit applies: focus its reason then.
            *focus_request = focus;
        }
        ui.weak("Map the cell to record a note or a workplace reason.");
    }
    let threshold = &mut state.accept_threshold;
    let shown = data.show_suggestions;
    super::suggestions::inspector_suggestions_ui(
        ui,
        project,
        suggestions,
        (&module, &ksb),
        (threshold, shown),
        commands,
    );
    ui.separator();
    ksb_details_ui(ui, project, analysis, &ksb);
}

fn texts_ui(
    ui: &mut egui::Ui,
    project: &Project,
    m: &Mapping,
    focus: FocusRequest,
    focus_request: &mut FocusRequest,
    draft: &mut CellDraft,
    commands: &mut Vec<Command>,
) {
    if focus == FocusRequest::Reason && m.coverage != Coverage::Partial && !commands.is_empty() {
        *focus_request = focus;
    }
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
            // Below a module's outcomes it may be out of the inspector's view. At once, not
            // animated, so nothing moves under the pointer afterwards.
            resp.scroll_to_me_animation(None, egui::style::ScrollAnimation::none());
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
    if focus == FocusRequest::Note {
        resp.request_focus();
        resp.scroll_to_me_animation(None, egui::style::ScrollAnimation::none());
    }
    // Esc here hands the keyboard back to the grid, as on every control of the pane (`panels`).
    left |= resp.lost_focus();
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
        super::inspector_outcomes::ksb_assessed_ui(ui, project, analysis, k);
    }
    if let Some(s) = project.standard(&ksb.standard) {
        for d in s.duties.iter().filter(|d| d.ksbs.contains(&ksb.code)) {
            ui.weak(format!("{} {}", d.code, crate::text::shorten(&d.text, 90)));
        }
    }
}

/// A mapping a migration carried to a reworded KSB: confirm it holds for the KSB as it now
/// reads, and its finding goes.
fn review_ui(ui: &mut egui::Ui, m: &Mapping, draft: &mut CellDraft, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Marked for review:").strong());
        ui.label("carried from another version of the standard, where this KSB was worded differently.");
        if ui
            .button("Confirm")
            .on_hover_text("The module still covers the KSB as it now reads")
            .clicked()
        {
            let mapping = Some(Mapping {
                review: false,
                ..with_draft(m, draft)
            });
            let label = format!("Confirm {} × {}", m.module, m.ksb.code);
            commands.push(set_carrying_draft(draft, &m.module, &m.ksb, mapping, label));
        }
    });
}
