//! Suggested cells: the hollow "s" mark on the grid, the evidence on hover with the shared
//! words highlighted, and accepting (one undoable edit) or dismissing (remembered in the
//! project). Suggestions never change the mapping until accepted.

use egui::text::{LayoutJob, TextFormat};
use egui::{Align2, FontId, RichText, Stroke};

use crate::app::cell_edits::accept_command;
use crate::app::command::Command;
use crate::model::{KsbRef, Project};
use crate::suggest::{Suggestion, Suggestions};

use super::theme;

/// A suggested cell: a dashed outline and the letter "s", so it reads without colour.
pub fn paint_suggested(painter: &egui::Painter, rect: egui::Rect, v: &egui::Visuals) {
    let r = rect.shrink(4.0);
    let stroke = Stroke::new(1.5, theme::full(v));
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    painter.extend(egui::Shape::dashed_line(&corners, stroke, 3.0, 2.5));
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        "s",
        FontId::monospace(12.0),
        v.strong_text_color(),
    );
}

/// The legend's entry for a suggested cell.
pub fn legend_ui(ui: &mut egui::Ui) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 18.0), egui::Sense::hover());
    paint_suggested(ui.painter(), rect.expand(3.0), ui.visuals());
    ui.label("suggested");
}

fn dismiss(s: &Suggestion) -> Command {
    Command::DismissSuggestion {
        module: s.module.clone(),
        ksb: s.ksb.clone(),
        dismissed: true,
    }
}

/// A sentence with its shared words highlighted.
fn highlighted(ui: &egui::Ui, text: &str, marks: &[(usize, usize)]) -> LayoutJob {
    let v = ui.visuals();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat::simple(font.clone(), v.text_color());
    let marked = TextFormat {
        background: theme::highlight(v).gamma_multiply(0.35),
        color: v.strong_text_color(),
        ..TextFormat::simple(font, v.strong_text_color())
    };
    let mut job = LayoutJob::default();
    let mut at = 0;
    for &(a, b) in marks {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        job.append(text.get(at..a).unwrap_or(""), 0.0, plain.clone());
        job.append(text.get(a..b).unwrap_or(""), 0.0, marked.clone());
        at = b;
    }
    job.append(text.get(at..).unwrap_or(""), 0.0, plain);
    job.wrap.max_width = ui.available_width();
    job
}

/// The evidence of one suggestion: score, shared terms, and the sentence on each side.
pub fn evidence_ui(ui: &mut egui::Ui, project: &Project, s: &Suggestion) {
    ui.label(format!(
        "Score {:.2} · shared: {}",
        s.score,
        s.evidence.terms.join(", ")
    ));
    let title = project.module(&s.module).map_or("", |m| m.title.as_str());
    ui.label(RichText::new(format!("{} {title}", s.module)).small().weak());
    ui.label(highlighted(ui, &s.evidence.module_sentence, &s.evidence.module_marks));
    let from = if s.evidence.ksb_source.is_empty() {
        s.ksb.code.to_string()
    } else {
        format!("{} (from {})", s.ksb.code, s.evidence.ksb_source)
    };
    ui.label(RichText::new(from).small().weak());
    ui.label(highlighted(ui, &s.evidence.ksb_sentence, &s.evidence.ksb_marks));
    if let Some(note) = s.duty_mates_note() {
        ui.label(RichText::new(format!("{note}, which it maps")).small().weak());
    }
    if let Some(note) = s.neighbours_note() {
        ui.label(
            RichText::new(format!("{note}: {}", crate::suggest::NEIGHBOURS_WHY))
                .small()
                .weak(),
        );
    }
}

pub fn suggestion_tooltip_ui(ui: &mut egui::Ui, project: &Project, s: &Suggestion) {
    ui.set_max_width(380.0);
    ui.strong(format!("Suggested: {} × {}", s.module, s.ksb.code));
    evidence_ui(ui, project, s);
    ui.weak(
        "Not mapped: a suggestion only. Right-click, or focus the cell and use the inspector, to accept or dismiss.",
    );
}

/// Accept and dismiss at the top of a suggested cell's right-click menu.
pub fn suggestion_menu_ui(ui: &mut egui::Ui, project: &Project, s: &Suggestion, commands: &mut Vec<Command>) {
    if ui.button("Accept suggestion (full)").clicked() {
        commands.extend(accept_command(project, &[s]));
        ui.close();
    }
    if ui.button("Dismiss suggestion").clicked() {
        commands.push(dismiss(s));
        ui.close();
    }
    ui.separator();
}

/// The inspector's suggestions: this cell's evidence, the modules suggested for the KSB, and
/// accepting all of the module's suggestions above a threshold.
pub fn inspector_suggestions_ui(
    ui: &mut egui::Ui,
    project: &Project,
    suggestions: &Suggestions,
    (module, ksb): (&str, &KsbRef),
    (threshold, shown): (&mut f32, bool),
    commands: &mut Vec<Command>,
) {
    if !shown {
        return;
    }
    ui.separator();
    ui.label(RichText::new("Suggestions").strong());
    let row = project.module_index(module);
    if let Some(s) = row.and_then(|r| suggestions.get(r, ksb)) {
        // The actions first: the evidence below can run long on a small screen.
        ui.horizontal(|ui| {
            if ui
                .button("Accept")
                .on_hover_text("Map this cell as full, one undoable edit")
                .clicked()
            {
                commands.extend(accept_command(project, &[s]));
            }
            if ui
                .button("Dismiss")
                .on_hover_text("Do not suggest this cell again")
                .clicked()
            {
                commands.push(dismiss(s));
            }
        });
        ui.push_id("this-cell", |ui| evidence_ui(ui, project, s));
    } else if project.is_dismissed(module, ksb) {
        ui.horizontal(|ui| {
            ui.weak("You dismissed this suggestion.");
            if ui.button("Restore").clicked() {
                commands.push(Command::DismissSuggestion {
                    module: module.to_string(),
                    ksb: ksb.clone(),
                    dismissed: false,
                });
            }
        });
    }
    let others: Vec<&Suggestion> = suggestions.for_ksb(ksb);
    if others.is_empty() {
        // The grid marks each module's best few: a module may still score this KSB lower down.
        ui.weak(format!("No module has {} among its best suggestions.", ksb.code));
    } else {
        ui.label(format!("Modules suggested for {}:", ksb.code));
        for s in others.iter().take(5) {
            ui.horizontal(|ui| {
                ui.label(RichText::new(&s.module).monospace());
                ui.label(format!("{:.2}", s.score));
                // Named for a screen reader: each row has its own Accept and Dismiss.
                let cell = format!("{} for {}", s.module, s.ksb.code);
                let accept = ui.small_button("Accept");
                named(&accept, format!("Accept {cell}"));
                if accept.clicked() {
                    commands.extend(accept_command(project, &[s]));
                }
                let dismissed = ui.small_button("Dismiss");
                named(&dismissed, format!("Dismiss {cell}"));
                if dismissed.clicked() {
                    commands.push(dismiss(s));
                }
                ui.add(egui::Label::new(RichText::new(s.evidence.terms.join(", ")).weak()).truncate());
            });
        }
    }
    let Some(list) = row.and_then(|r| suggestions.by_module.get(r)) else {
        return;
    };
    ui.horizontal(|ui| {
        let label = ui.label(format!("Threshold {:.2}", *threshold));
        ui.add(egui::Slider::new(threshold, 0.3..=0.95).show_value(false))
            .labelled_by(label.id);
    });
    let t = *threshold;
    // The grid marks a module's best few; the command maps every one above the threshold, so
    // the label says how many that is before anyone clicks.
    let n = row.map_or(0, |r| suggestions.count_above(r, t));
    let marked = list.iter().filter(|s| s.score >= t).count();
    let text = match n {
        // Disabled, it says why rather than offer what is not there.
        0 => format!("No suggestion for {module} scores {t:.2} or more"),
        1 => format!("Accept the suggestion for {module} scoring {t:.2} or more"),
        n => format!("Accept all {n} suggestions for {module} scoring {t:.2} or more"),
    };
    let hover = if n > marked {
        format!(
            "Maps them all as full, one undoable edit. The grid marks {marked} of them (a module's best \
             few); {} more score {t:.2} or more. Raise the threshold to map fewer.",
            n - marked
        )
    } else {
        "Maps them all as full, one undoable edit".to_string()
    };
    // Wrapped: its words must not hold the inspector wider than a narrow window allows.
    if ui
        .add_enabled(n > 0, egui::Button::new(text).wrap())
        .on_hover_text(hover)
        .clicked()
    {
        commands.push(Command::AcceptSuggestionsAbove {
            module: module.to_string(),
            threshold: t,
        });
    }
}

/// Gives a button its accessible name, where its visible text is shared by its neighbours.
fn named(resp: &egui::Response, name: String) {
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
}
