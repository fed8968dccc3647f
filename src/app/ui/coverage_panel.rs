//! The coverage panel: overall coverage, duties with what holds them back, and other findings.

use egui::collapsing_header::CollapsingState;
use egui::{RichText, Sense};

use crate::analysis::{Analysis, DutyState, Finding, FindingGroup, FindingKind, KsbState, Severity, Target};
use crate::app::command::Command;
use crate::app::comment_index::CommentIndex;
use crate::model::{KsbRef, Project};
use crate::text::{counted, shorten};

use super::review_marks::{self, Corner};
use super::theme;

/// With `gaps_only`, covered duties and informational findings are left out.
pub fn coverage_panel_ui(
    ui: &mut egui::Ui,
    project: &Project,
    analysis: &Analysis,
    groups: &[FindingGroup],
    comments: &CommentIndex,
    gaps_only: bool,
    commands: &mut Vec<Command>,
) {
    ui.add_space(4.0);
    ui.heading("Coverage");
    summary_ui(ui, analysis);
    if !project.merge_conflicts.is_empty() {
        let n = counted(project.merge_conflicts.len(), "merge conflict", "merge conflicts");
        let text = RichText::new(format!("{n} to resolve…")).color(theme::severity(ui.visuals(), Severity::Error));
        if ui
            .button(text)
            .on_hover_text("List them, with Take mine and Take theirs")
            .clicked()
        {
            commands.push(Command::Merge(crate::app::command::MergeCommand::ShowConflicts(true)));
        }
    }
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        duty_chart_ui(ui, project, analysis, commands);
        ui.separator();
        duties_ui(ui, project, analysis, comments, gaps_only, commands);
        ui.separator();
        findings_ui(ui, analysis, groups, gaps_only, commands);
        crate::app::focus::show_focused_in(ui);
    });
}

fn summary_ui(ui: &mut egui::Ui, a: &Analysis) {
    let s = &a.summary;
    let words = format!(
        "{}: {} full, {} partial, {} uncovered",
        counted(s.ksbs, "KSB", "KSBs"),
        s.full,
        s.partial,
        s.none
    );
    let summary = ui.label(&words);
    // A live region: a screen reader says it again when an edit changes it.
    ui.ctx()
        .accesskit_node_builder(summary.id, |node| node.set_live(egui::accesskit::Live::Polite));
    let (rect, bar) = ui.allocate_exact_size(egui::vec2(ui.available_width(), 14.0), Sense::hover());
    bar.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, format!("Coverage bar of {words}")));
    let v = ui.visuals().clone();
    ui.painter().rect_filled(rect, 3.0, v.extreme_bg_color);
    if s.ksbs > 0 {
        let mut x = rect.left();
        for (n, fill) in [
            (s.full, theme::full(&v)),
            (s.partial, theme::partial(&v)),
            (s.none, theme::none(&v)),
        ] {
            let w = rect.width() * n as f32 / s.ksbs as f32;
            let part = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, rect.height()));
            ui.painter().rect_filled(part, 0.0, fill);
            x += w;
        }
    }
    ui.label(format!("{:.0}% of KSBs mapped", s.percent_mapped()));
    if s.duties > 0 {
        ui.label(format!(
            "{}: {} covered, {} partial, {} uncovered",
            counted(s.duties, "duty", "duties"),
            s.duties_covered,
            s.duties_partial,
            s.duties_uncovered
        ));
    }
    if let Some(routes) = a.routes.checked() {
        ui.label(routes);
    }
}

/// One stacked bar per duty: how many of the KSBs it lists are full, partial and uncovered.
fn duty_chart_ui(ui: &mut egui::Ui, project: &Project, a: &Analysis, commands: &mut Vec<Command>) {
    if a.duties.is_empty() {
        return;
    }
    ui.strong("Coverage by duty");
    let v = ui.visuals().clone();
    // With two or more standards, D1 alone is ambiguous: each standard's bars get its reference.
    let several = project.standards.len() > 1;
    let mut standard: Option<&str> = None;
    for d in &a.duties {
        if several && standard != Some(d.duty.standard.as_str()) {
            standard = Some(d.duty.standard.as_str());
            ui.label(RichText::new(&d.duty.standard).monospace().size(11.0).weak());
        }
        let total = project.duty(&d.duty).map_or(0, |x| x.ksbs.len());
        let none = d.held_back_by.iter().filter(|(_, s)| *s == KsbState::Uncovered).count();
        let partial = d.held_back_by.len() - none;
        let full = total.saturating_sub(d.held_back_by.len());
        let row = ui
            .horizontal(|ui| {
                ui.add_sized(
                    [34.0, 14.0],
                    egui::Label::new(RichText::new(&d.duty.code).monospace().size(11.0)),
                );
                let (rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width() - 4.0, 12.0), Sense::hover());
                ui.painter().rect_filled(rect, 2.0, v.extreme_bg_color);
                if total > 0 {
                    let mut x = rect.left();
                    for (n, fill) in [
                        (full, theme::full(&v)),
                        (partial, theme::partial(&v)),
                        (none, theme::none(&v)),
                    ] {
                        let w = rect.width() * n as f32 / total as f32;
                        ui.painter().rect_filled(
                            egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, rect.height())),
                            0.0,
                            fill,
                        );
                        x += w;
                    }
                }
            })
            .response;
        // Its own id: the row's Ui id drops keyboard focus each frame, which would end Tab
        // here. Not a Tab stop: the duty list below reaches the same duties by keyboard.
        let resp = ui.interact(
            row.rect,
            ui.scope_id().with(("duty-chart", &d.duty.standard, &d.duty.code)),
            Sense::CLICK,
        );
        if resp.clicked() {
            commands.push(Command::Focus(Target::Duty(d.duty.clone())));
        }
        let words = format!(
            "{}: {full} of {} full, {partial} partial, {none} uncovered",
            d.duty,
            counted(total, "KSB", "KSBs")
        );
        // The bar's figures as text, for a screen reader.
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words));
        resp.on_hover_text(words);
    }
}

fn duties_ui(
    ui: &mut egui::Ui,
    project: &Project,
    a: &Analysis,
    comments: &CommentIndex,
    gaps_only: bool,
    commands: &mut Vec<Command>,
) {
    ui.strong("Duties");
    if a.duties.is_empty() {
        ui.weak("No standard here lists duties that name their KSBs, so duty coverage is unknown.");
    }
    for d in a.duties.iter() {
        // Covered by the programme, yet some route through the options leaves it uncovered:
        // the route-gap error stands, and the duty says so too, rather than read "covered".
        // The words come before the duty's text, which a narrow panel cuts.
        let route_gaps = a.duty_route_gaps(project, &d.duty);
        let on_some_routes = d.state == DutyState::Covered && !route_gaps.is_empty();
        if gaps_only && d.state == DutyState::Covered && !on_some_routes {
            continue;
        }
        let text = project.duty_text(&d.duty);
        let id = ui.make_persistent_id(("coverage-duty", &d.duty.standard, &d.duty.code));
        let (toggle, _, _) = CollapsingState::load_with_default_open(ui.ctx(), id, false)
            .show_header(ui, |ui| {
                let badge = theme::duty_badge_ui(ui, d.state);
                if let Some(mark) = comments.duty(&d.duty) {
                    review_marks::paint_comment_mark(ui.painter(), badge.rect, ui.visuals(), mark, Corner::RightTop);
                }
                review_marks::duty_review_ui(ui, project, &d.duty, commands);
                let color = match d.state {
                    DutyState::Uncovered => theme::severity(ui.visuals(), Severity::Error),
                    DutyState::Partial => theme::severity(ui.visuals(), Severity::Warning),
                    DutyState::Covered if on_some_routes => theme::severity(ui.visuals(), Severity::Warning),
                    DutyState::Covered => ui.visuals().text_color(),
                };
                let label = if on_some_routes {
                    format!("{} not on every route · {}", d.duty.code, shorten(text, 30))
                } else {
                    format!("{} {}", d.duty.code, shorten(text, 42))
                };
                let resp = ui.add(
                    egui::Label::new(RichText::new(label).color(color))
                        .sense(Sense::click())
                        .truncate(),
                );
                if resp.clicked() {
                    commands.push(Command::Focus(Target::Duty(d.duty.clone())));
                }
                resp.context_menu(|ui| review_marks::duty_review_menu_ui(ui, project, &d.duty, commands));
                let state = if on_some_routes {
                    let codes: Vec<String> = route_gaps.iter().map(|k| k.code.to_string()).collect();
                    format!(
                        "Covered, but not on every route: some choice of options misses {}, which it lists (see the route findings)",
                        crate::text::list_and(&codes)
                    )
                } else {
                    d.state.label().to_string()
                };
                resp.on_hover_text(format!(
                    "{}: {}\n{state}\nRight-click to review or comment on it.",
                    d.duty, text
                ));
            })
            .body(|ui| {
                if d.held_back_by.is_empty() && route_gaps.is_empty() {
                    ui.weak("Every KSB it lists is fully covered.");
                }
                for k in &route_gaps {
                    let resp = ui.add(
                        egui::Label::new(format!(
                            "{} not on every route: {}",
                            k.code,
                            shorten(project.ksb_text(k), 34)
                        ))
                        .sense(Sense::click())
                        .truncate(),
                    );
                    if resp.clicked() {
                        commands.push(Command::Focus(Target::Ksb((*k).clone())));
                    }
                }
                for (code, state) in &d.held_back_by {
                    let r = KsbRef::new(d.duty.standard.clone(), *code);
                    let ksb_text = project.ksb_text(&r);
                    let why = if *state == KsbState::Uncovered {
                        "not mapped"
                    } else {
                        "only partial"
                    };
                    let resp = ui.add(
                        egui::Label::new(format!("{code} {why}: {}", shorten(ksb_text, 40)))
                            .sense(Sense::click())
                            .truncate(),
                    );
                    if resp.clicked() {
                        commands.push(Command::Focus(Target::Ksb(r)));
                    }
                }
            });
        super::access::disclosure(&toggle, &format!("What holds back duty {}", d.duty.code));
    }
}

fn findings_ui(ui: &mut egui::Ui, a: &Analysis, groups: &[FindingGroup], gaps_only: bool, commands: &mut Vec<Command>) {
    // Duty findings are shown under Duties above; the rest are listed here, a kind over many
    // KSBs as one line that opens to its list, and the heading counts all of them, as `check` does.
    let on_duty = |k: FindingKind| matches!(k, FindingKind::UncoveredDuty | FindingKind::PartialDuty);
    let on_duties = a.findings.iter().filter(|f| on_duty(f.kind)).count();
    let shown: Vec<&FindingGroup> = groups
        .iter()
        .filter(|g| !on_duty(g.kind))
        .filter(|g| !gaps_only || g.severity != Severity::Info)
        .collect();
    // The count `check` and the report give, duty findings included.
    let n = a.finding_counts();
    ui.strong(format!("Findings ({})", n.total()))
        .on_hover_text(format!("{n}, as htq-mapper check counts them"));
    if n.total() == 0 {
        ui.weak("Nothing to flag.");
        return;
    }
    let listed: usize = shown.iter().map(|g| g.members.len()).sum();
    let hidden = n.total().saturating_sub(on_duties + listed);
    let mut text = format!(
        "{} · {} · {}",
        counted(n.errors, "error", "errors"),
        counted(n.warnings, "warning", "warnings"),
        counted(n.notes, "note", "notes")
    );
    if on_duties > 0 {
        text.push_str(&format!("; {on_duties} on duties, above"));
    }
    if hidden > 0 {
        text.push_str(&format!("; {} hidden by Gaps only", counted(hidden, "note", "notes")));
    }
    ui.weak(text);
    for g in shown {
        let members: Vec<&Finding> = g.members.iter().filter_map(|&i| a.findings.get(i)).collect();
        match members.as_slice() {
            [f] => finding_ui(ui, f, commands),
            _ => group_ui(ui, g, &members, commands),
        }
    }
}

/// A kind over many KSBs: one line saying how many and what to do, opening to each finding.
fn group_ui(ui: &mut egui::Ui, g: &FindingGroup, members: &[&Finding], commands: &mut Vec<Command>) {
    let header = severity_line(ui, g.severity, &shorten(&g.message, 160));
    let hover = [g.detail.as_str(), g.explanation.as_str()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    // The whole line opens the list, and wraps in a narrow panel.
    let id = ui.make_persistent_id(("finding-group", g.kind));
    let (toggle, line, _) = CollapsingState::load_with_default_open(ui.ctx(), id, false)
        .show_header(ui, |ui| {
            ui.add(egui::Label::new(header).wrap().sense(Sense::click()))
                .on_hover_text(hover)
        })
        .body(|ui| {
            for f in members {
                finding_ui(ui, f, commands);
            }
        });
    // Not the message again: the line beside it says that.
    super::access::disclosure(&toggle, &format!("Each of these {} findings", members.len()));
    if line.inner.clicked()
        && let Some(mut state) = CollapsingState::load(ui.ctx(), id)
    {
        state.toggle(ui);
        state.store(ui.ctx());
    }
}

/// A finding's line: its severity, small and coloured, then its message.
fn severity_line(ui: &egui::Ui, severity: Severity, message: &str) -> egui::text::LayoutJob {
    let mut line = egui::text::LayoutJob::default();
    let style = ui.style();
    let color = theme::severity(ui.visuals(), severity);
    for text in [
        RichText::new(severity.label()).small().color(color),
        RichText::new(format!("  {message}")),
    ] {
        text.append_to(&mut line, style, egui::FontSelection::Default, egui::Align::Center);
    }
    line
}

fn finding_ui(ui: &mut egui::Ui, f: &Finding, commands: &mut Vec<Command>) {
    // One label, wrapped as a whole: a label wrapped inside a wrapping row gives a screen
    // reader a nameless node for each of its further lines.
    let line = severity_line(ui, f.severity, &f.message);
    let resp = ui.add(egui::Label::new(line).wrap().sense(Sense::click()));
    if resp.clicked() {
        commands.push(Command::Focus(f.target.clone()));
        if let Some(route) = &f.route {
            commands.push(Command::ShowRoute(route.clone()));
        }
    }
    resp.on_hover_text(format!("{}\n{}", f.explanation, f.id));
}
