//! The standards panel: duties and their KSB chips, searchable, each draggable onto the grid.

use egui::RichText;
use egui::collapsing_header::CollapsingState;

use crate::analysis::{Analysis, DutyState, KsbState, Severity};
use crate::app::command::{Command, DragPayload};
use crate::app::comment_index::CommentIndex;
use crate::app::layout::KindFilter;
use crate::model::{Duty, Ksb, KsbKind, KsbRef, Project, Standard};

use crate::text::shorten;

use super::review_marks::{self, Corner};
use super::standard_chips::Chips;
use super::standards_search::{matches, search_ui};
use super::theme;

/// The panel's own state: the search, the kinds shown, the picked chips and the keyboard.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StandardsPanelState {
    pub filter: String,
    pub kinds: KindFilter,
    /// KSB chips picked with Ctrl- or Shift-click, dragged together.
    pub picked: Vec<KsbRef>,
    /// The chips in the order last drawn, for Shift-click ranges.
    pub chip_order: Vec<KsbRef>,
    /// The keyboard cursor (duties and chips as one list), and whether the item under it
    /// should take the focus on the next frame.
    pub cursor: usize,
    pub take_focus: bool,
    /// Ctrl+F: the search box takes the keyboard on the next frame.
    pub focus_search: bool,
    /// Enter found nothing for this search: said under the box until it changes.
    pub no_match: Option<String>,
    /// Enter in the search box: the grid takes the keyboard on the next frame, once the
    /// KSB's cell is selected (so F, P or an arrow acts there).
    pub keys_to_grid: bool,
}

/// What the panel shows, read-only.
#[derive(Clone, Copy)]
pub struct StandardsData<'a> {
    pub project: &'a Project,
    pub analysis: &'a Analysis,
    pub comments: &'a CommentIndex,
    /// The module of the grid's focused row, which M maps KSBs to.
    pub target: Option<&'a str>,
    pub gaps_only: bool,
}

pub fn standards_panel_ui(
    ui: &mut egui::Ui,
    data: &StandardsData<'_>,
    state: &mut StandardsPanelState,
    commands: &mut Vec<Command>,
) {
    let StandardsData {
        project,
        analysis,
        comments,
        ..
    } = *data;
    ui.add_space(4.0);
    ui.horizontal(|ui| search_ui(ui, data, state, commands));
    if let Some(searched) = &state.no_match {
        ui.colored_label(
            theme::severity(ui.visuals(), Severity::Warning),
            format!("No KSB matches “{searched}”"),
        );
    }
    // Wrapped, so in a narrow window the three buttons do not hold the panel wider than its part.
    ui.horizontal_wrapped(|ui| {
        for (kind, name) in KsbKind::ALL.into_iter().zip(["Knowledge", "Skills", "Behaviours"]) {
            ui.toggle_value(state.kinds.toggle_of(kind), name);
        }
        if !state.filter.is_empty() && ui.button("Clear").clicked() {
            state.filter.clear();
        }
    });
    ui.separator();
    let filter = state.filter.trim().to_lowercase();
    let target = data.target.map(str::to_string);
    let mut chips = Chips {
        project,
        analysis,
        comments,
        target,
        picked: std::mem::take(&mut state.picked),
        order: Vec::new(),
        previous_order: std::mem::take(&mut state.chip_order),
        gaps_only: data.gaps_only,
        items: 0,
        cursor: state.cursor,
        focus_pending: std::mem::take(&mut state.take_focus),
        commands,
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        if project.standards.is_empty() {
            ui.weak("No standards yet. Use Standards > Add from catalogue, or drop an IfATE page or API file here.");
        }
        for s in &project.standards {
            standard_ui(ui, &mut chips, s, &filter, state.kinds);
        }
        crate::app::focus::show_focused_in(ui);
    });
    state.picked = chips.picked;
    state.chip_order = chips.order;
    state.cursor = chips.cursor.min(chips.items.saturating_sub(1));
    state.take_focus = chips.focus_pending;
}

fn standard_ui(ui: &mut egui::Ui, chips: &mut Chips<'_>, s: &Standard, filter: &str, kinds: KindFilter) {
    let (analysis, gaps_only) = (chips.analysis, chips.gaps_only);
    // A KSB some route through the options misses is a gap too, as the grid shows it.
    let route_gaps: std::collections::HashSet<&KsbRef> = if gaps_only {
        analysis.route_gap_ksbs().collect()
    } else {
        Default::default()
    };
    let gap = |k: &Ksb| {
        let r = KsbRef::new(s.reference.clone(), k.code);
        !gaps_only || route_gaps.contains(&r) || analysis.ksb(&r).is_none_or(|x| x.state != KsbState::Full)
    };
    ui.horizontal_wrapped(|ui| {
        ui.strong(s.name());
        ui.weak(format!("Level {}", s.level));
    });
    if !(4..=5).contains(&s.level) {
        ui.colored_label(
            theme::severity(ui.visuals(), Severity::Error),
            format!("Level {}: HTQs align to Level 4 or 5 standards", s.level),
        );
    }
    let (k, sk, b) = s.counts();
    ui.weak(format!(
        "{} · {k} K · {sk} S · {b} B",
        crate::text::counted(s.duties.len(), "duty", "duties")
    ));
    super::occupational_options::occupational_options_ui(ui, chips.project, s, chips.commands);
    let searching = !filter.is_empty();
    if s.duties_known() {
        for d in &s.duties {
            let ksbs: Vec<&Ksb> = d
                .ksbs
                .iter()
                .filter_map(|c| s.ksb(*c))
                .filter(|k| matches(k, filter, kinds) && gap(k))
                .collect();
            if gaps_only && ksbs.is_empty() {
                continue;
            }
            let duty_hit = searching && (d.text.to_lowercase().contains(filter) || d.code.to_lowercase() == filter);
            if (searching && ksbs.is_empty() && !duty_hit) || (!searching && ksbs.is_empty() && !kinds.all()) {
                continue;
            }
            duty_ui(ui, chips, s, d, &ksbs, searching);
        }
        let loose: Vec<&Ksb> = s
            .ksbs_in_no_duty()
            .iter()
            .filter_map(|c| s.ksb(*c))
            .filter(|k| matches(k, filter, kinds) && gap(k))
            .collect();
        if !loose.is_empty() {
            ui.weak("KSBs in no duty");
            for k in loose {
                chip_ui(ui, chips, s, k, "");
            }
        }
    } else {
        ui.weak(format!(
            "This standard {}; its KSBs are shown by kind.",
            s.duties_unknown_reason().unwrap_or("lists no duties")
        ));
        for kind in crate::model::KsbKind::ALL {
            let ksbs: Vec<&Ksb> = s
                .ksbs
                .iter()
                .filter(|k| k.kind() == kind && matches(k, filter, kinds) && gap(k))
                .collect();
            if ksbs.is_empty() {
                continue;
            }
            let id = ui.make_persistent_id((&s.reference, kind.name()));
            let (toggle, _, _) = CollapsingState::load_with_default_open(ui.ctx(), id, searching)
                .show_header(ui, |ui| {
                    ui.label(RichText::new(format!("{} ({})", kind.name(), ksbs.len())).strong());
                })
                .body(|ui| {
                    for k in ksbs {
                        chip_ui(ui, chips, s, k, "");
                    }
                });
            super::access::disclosure(&toggle, &format!("{} of {}", kind.name(), s.reference));
        }
    }
    ui.separator();
}

fn duty_ui(ui: &mut egui::Ui, chips: &mut Chips<'_>, s: &Standard, d: &Duty, ksbs: &[&Ksb], searching: bool) {
    let analysis = chips.analysis;
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
    let mut toggle: Option<Option<bool>> = None;
    let (triangle, _, _) = collapsing
        .show_header(ui, |ui| {
            let state = status.map_or(DutyState::Uncovered, |x| x.state);
            // A duty that lists no KSB has no coverage to show (the analysis leaves it out).
            let badge = if d.ksbs.is_empty() {
                theme::state_badge_ui(ui, theme::fill(ui.visuals(), crate::mark::Tone::Info), "–")
            } else {
                theme::duty_badge_ui(ui, state)
            };
            let mark = chips.comments.duty(&duty_ref);
            if let Some(mark) = mark {
                review_marks::paint_comment_mark(ui.painter(), badge.rect, ui.visuals(), mark, Corner::RightTop);
            }
            review_marks::duty_review_ui(ui, chips.project, &duty_ref, chips.commands);
            let payload = DragPayload::Ksbs {
                ksbs: d.ksbs.iter().map(|c| KsbRef::new(s.reference.clone(), *c)).collect(),
                label: d.code.clone(),
            };
            let text = format!("{} {}", d.code, shorten(&d.text, 60));
            let all = match &payload {
                DragPayload::Ksbs { ksbs, label } => Some((ksbs.clone(), label.clone())),
                DragPayload::Module(_) => None,
            };
            let (n, sense) = chips.next_item();
            let mut label = None;
            let resp = super::drag::drag_source_ui(ui, egui::Id::unique(("duty-drag", &s.reference, &d.code)), payload, |ui| {
                // Truncated, so a long duty never widens the panel past what the user chose.
                label = Some(ui.add(egui::Label::new(text).selectable(false).truncate().sense(sense)));
            })
            .response;
            if let Some(label) = &label {
                // What the badge and the marker show, for a screen reader.
                let comments = mark.map(|m| {
                    super::access::comment_words(chips.project, &crate::model::CommentTarget::Duty(duty_ref.clone()), m)
                });
                ui.ctx().accesskit_node_builder(label.id, |node| {
                    let kind = if d.core { "" } else { ", option duty" };
                    let n = crate::text::counted(d.ksbs.len(), "KSB", "KSBs");
                    let comments = comments.map(|c| format!(", {c}")).unwrap_or_default();
                    let state = if d.ksbs.is_empty() { "unlinked" } else { state.label() };
                    node.set_description(format!("{state} duty, {n}{kind}{comments}"));
                });
                let keys = chips.item_keys(ui, n, label, resp.clicked());
                if keys.map
                    && let Some((ksbs, text)) = all
                {
                    chips.map_to_target(ksbs, text);
                }
                toggle = if keys.activate {
                    Some(None)
                } else if keys.right {
                    Some(Some(true))
                } else if keys.left {
                    Some(Some(false))
                } else {
                    None
                };
            }
            let (project, commands) = (chips.project, &mut *chips.commands);
            resp.context_menu(|ui| review_marks::duty_review_menu_ui(ui, project, &duty_ref, commands));
            resp.on_hover_ui(|ui| {
                ui.set_max_width(360.0);
                ui.strong(format!("{} {}", s.reference, d.code));
                if let Some(mark) = mark {
                    ui.label(review_marks::mark_words(mark));
                }
                ui.label(&d.text);
                if d.ksbs.is_empty() {
                    ui.label("The standard's record links no KSB to this duty, so its coverage cannot be checked.");
                    return;
                }
                ui.label(format!(
                    "{} · {}{}",
                    state.label(),
                    crate::text::counted(d.ksbs.len(), "KSB", "KSBs"),
                    if d.core { "" } else { " · option duty" }
                ));
                ui.weak("Drag onto a module to map all of its KSBs. Keys: Enter opens or closes it, M maps its KSBs to the focused row's module.");
            });
        })
        .body(|ui| {
            for k in ksbs {
                chip_ui(ui, chips, s, k, &d.code);
            }
        });
    super::access::disclosure(&triangle, &format!("KSBs of duty {}", d.code));
    // Enter toggles, Right opens, Left closes; applied for the next frame.
    if let Some(open) = toggle
        && let Some(mut c) = CollapsingState::load(ui.ctx(), id)
    {
        c.set_open(open.unwrap_or(!c.is_open()));
        c.store(ui.ctx());
    }
}

/// A KSB chip: code and short text, coloured by coverage, draggable onto a module.
/// `place` tells apart the chips of a KSB that several duties list.
fn chip_ui(ui: &mut egui::Ui, chips: &mut Chips<'_>, s: &Standard, k: &Ksb, place: &str) {
    let (project, analysis) = (chips.project, chips.analysis);
    let r = KsbRef::new(s.reference.clone(), k.code);
    chips.order.push(r.clone());
    let status = analysis.ksb(&r);
    let state = status.map_or(KsbState::Uncovered, |x| x.state);
    let picked = chips.picked.contains(&r);
    // A picked chip carries every picked chip with it.
    let payload = if picked && chips.picked.len() > 1 {
        let codes: Vec<String> = chips.picked.iter().map(|k| k.code.to_string()).collect();
        DragPayload::Ksbs {
            ksbs: chips.picked.clone(),
            label: codes.join(", "),
        }
    } else {
        DragPayload::Ksbs {
            ksbs: vec![r.clone()],
            label: k.code.to_string(),
        }
    };
    let id = egui::Id::unique(("ksb-drag", &s.reference, place, k.code));
    let (n, sense) = chips.next_item();
    let mut code = None;
    let resp = super::drag::drag_source_ui(ui, id, payload, |ui| {
        ui.horizontal(|ui| {
            if picked {
                ui.painter()
                    .rect_filled(ui.max_rect(), 3.0, ui.visuals().selection.bg_fill.gamma_multiply(0.5));
            }
            let badge = theme::state_badge_ui(ui, theme::ksb_state(ui.visuals(), state), theme::ksb_letter(state));
            if let Some(mark) = chips.comments.ksb(&r) {
                review_marks::paint_comment_mark(ui.painter(), badge.rect, ui.visuals(), mark, Corner::RightTop);
            }
            let text = RichText::new(k.code.to_string()).monospace().strong();
            code = Some(ui.add(egui::Label::new(text).selectable(false).sense(sense)));
            if picked && chips.picked.len() > 1 && ui.ctx().is_being_dragged(id) {
                // The ghost says the other picked chips come along.
                ui.strong(format!("+ {} more", chips.picked.len() - 1));
            }
            ui.add(egui::Label::new(shorten(&k.text, 48)).selectable(false).truncate());
        })
    })
    .response;
    if let Some(code) = &code {
        // What the badge, the marker and the pick show, and the whole text, for a screen reader.
        let needed = status.is_none_or(|x| x.needed);
        let comments = chips.comments.ksb(&r).map(|m| {
            let target = crate::model::CommentTarget::Ksb(r.clone());
            super::access::comment_words(project, &target, m)
        });
        ui.ctx().accesskit_node_builder(code.id, |node| {
            let mut words = vec![super::access::ksb_words(state, needed).to_string()];
            words.extend(picked.then(|| "picked".to_string()));
            words.extend(comments);
            node.set_description(format!("{}: {}", words.join(", "), k.text));
        });
        // The click's own modifiers: a press and release can arrive in one frame.
        let modifiers = ui.input(|i| {
            i.events
                .iter()
                .rev()
                .find_map(|e| match e {
                    egui::Event::PointerButton {
                        pressed: false,
                        modifiers,
                        ..
                    } => Some(*modifiers),
                    _ => None,
                })
                .unwrap_or(i.modifiers)
        });
        if resp.clicked() && (modifiers.command || modifiers.shift) {
            chips.pick(&r, modifiers);
        } else if resp.clicked() {
            chips.picked.clear();
        }
        if picked && ui.ctx().drag_stopped_id() == Some(id) {
            // The picked chips went where they were dropped; the next drag starts afresh.
            chips.picked.clear();
        }
        let keys = chips.item_keys(ui, n, code, resp.clicked());
        if keys.activate || keys.map {
            chips.map_to_target(vec![r.clone()], k.code.to_string());
        }
    }
    let commands = &mut *chips.commands;
    resp.context_menu(|ui| {
        let target = crate::model::CommentTarget::Ksb(r.clone());
        review_marks::comment_item_ui(ui, target.clone(), &format!("Comment on {r}…"), commands);
        review_marks::show_threads_ui(ui, project, &target, commands);
    });
    resp.on_hover_ui(|ui| {
        ui.set_max_width(380.0);
        ui.strong(r.to_string());
        if let Some(mark) = chips.comments.ksb(&r) {
            ui.label(review_marks::mark_words(mark));
        }
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
        ui.weak("Drag onto a module row to map it; Ctrl- or Shift-click its code to pick several. Enter maps it to the focused row's module.");
    });
}
