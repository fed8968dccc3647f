//! The modules and programme editor, a place to work rather than a form: every change is part
//! of the project as it is made (undone, journalled and saved like any edit), and what cannot be
//! applied yet is journalled as a draft, so nothing typed here is lost. It scrolls as one page
//! inside a window that fits the screen; Esc or Close closes it.

mod details;
mod editor_state;
mod rows;
pub use rows::add_module;

pub use editor_state::ModulesEditor;

use crate::app::command::Command;
use crate::app::history::Generation;
use crate::model::{Award, DraftProblem, ProgrammeDraft, Project};

use rows::field_ui;

/// Height kept under the scrolling page for the footer.
const FOOTER: f32 = 40.0;

/// Draws the editor; false when it closed.
/// The editor window's id, and its layer's.
pub fn window_id() -> egui::Id {
    egui::Id::unique("modules-editor")
}

pub fn modules_editor_ui(
    ctx: &egui::Context,
    project: &Project,
    generation: Generation,
    editor: &mut ModulesEditor,
    commands: &mut Vec<Command>,
) -> bool {
    editor.follow(project, generation, commands);
    editor.typing = false;
    let id = window_id();
    let screen = ctx.content_rect();
    let max = egui::vec2(screen.width() - 24.0, screen.height() - 24.0).max(egui::vec2(320.0, 240.0));
    let mut open = true;
    let mut close = false;
    let mut discard = false;
    let mut problems = Vec::new();
    let window = egui::Window::new("Modules and programme")
        .id(id)
        .open(&mut open)
        .default_size([1400.0_f32.min(max.x), 900.0_f32.min(max.y)])
        .max_size(max)
        .collapsible(false)
        .resizable(true)
        .show(ctx, |ui| {
            editor.draft.sync_groups();
            problems = editor.draft.validate();
            if editor.confirm_close && confirm_ui(ui, &problems, &mut editor.confirm_close, &mut discard) {
                // Back to the work: the keyboard goes to the row that needs fixing.
                editor.focus_code = problems.iter().find_map(DraftProblem::row);
            }
            // Both ways: zoomed in on a small screen, the rows' buttons lie past the right edge,
            // and the keyboard reached them unseen.
            let mut page = egui::ScrollArea::both()
                .id_salt("modules-editor-page")
                .auto_shrink([false, false])
                .max_height((ui.available_height() - FOOTER).max(80.0));
            if std::mem::take(&mut editor.at_top) {
                page = page.vertical_scroll_offset(0.0);
            }
            page.show(ui, |ui| {
                page_ui(ui, project, editor, &problems);
                // Tab reaches the details below the fold: scrolled into view, not typed in unseen.
                crate::app::focus::show_focused_in(ui);
            });
            ui.separator();
            close |= footer_ui(ui, editor, &problems);
        });
    super::access::title_bar(ctx, id, "Modules and programme");
    // A click in the editor takes the keyboard from the grid: letters typed next are the
    // editor's, even in the frame before its field has the keyboard.
    let pressed_in = window.is_some_and(|w| w.response.contains_pointer()) && ctx.input(|i| i.pointer.any_pressed());
    if pressed_in {
        crate::app::focus::release_grid_keys(ctx);
    }
    let on_top = ctx.top_layer_id() == Some(egui::LayerId::new(egui::Order::Middle, id));
    if on_top
        && !egui::Popup::is_any_open(ctx)
        && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    {
        close = true;
    }
    if discard {
        if editor.discard() {
            commands.push(Command::NoteModulesDraft(None));
        }
        return false;
    }
    if close || !open {
        if problems.is_empty() {
            commands.extend(editor.closing());
            return false;
        }
        // Nothing is lost by closing: the user chooses, with what is wrong in front of them.
        editor.confirm_close = true;
    }
    let now = ctx.input(|i| i.time);
    let left = editor.field_left(ctx.memory(|m| m.focused()));
    let due = editor.due(now, problems.is_empty(), left);
    commands.extend(due);
    if let Some(wait) = editor.wake_in() {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
    }
    true
}

/// The editor's page: the programme, its modules, option groups, credits, problems, then the
/// details of one module.
fn page_ui(ui: &mut egui::Ui, project: &Project, editor: &mut ModulesEditor, problems: &[DraftProblem]) {
    programme_fields_ui(ui, &mut editor.draft, &mut editor.typing);
    ui.separator();
    rows::modules_table_ui(ui, project, editor, problems);
    groups_ui(ui, &mut editor.draft, problems, &mut editor.typing);
    ui.separator();
    credits_ui(ui, &editor.draft);
    problems_ui(ui, problems);
    ui.separator();
    details::details_ui(ui, project, editor);
}

/// Asked when the editor is closed with changes that cannot be applied yet.
/// Asks what to do with changes that cannot be applied; true when Keep editing was chosen.
fn confirm_ui(ui: &mut egui::Ui, problems: &[DraftProblem], asking: &mut bool, discard: &mut bool) -> bool {
    let color = ui.visuals().error_fg_color;
    let mut kept = false;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, color))
        .show(ui, |ui| {
            let first = problems.first().map_or_else(String::new, |p| format!(" ({p})"));
            let question =
                format!("Some changes are not in the project yet: they cannot be applied until fixed{first}.");
            ui.colored_label(color, &question);
            ui.horizontal(|ui| {
                let keep = ui.button("Keep editing");
                let drop = ui.button("Discard them and close");
                // Read with the button that has the keyboard: why the editor did not close.
                for b in [&keep, &drop] {
                    ui.ctx()
                        .accesskit_node_builder(b.id, |node| node.set_description(question.as_str()));
                }
                if keep.clicked() {
                    *asking = false;
                    kept = true;
                }
                if drop.clicked() {
                    *discard = true;
                }
                // The keyboard answers too: Enter keeps the work.
                if !keep.has_focus() && ui.memory(|m| m.focused().is_none()) {
                    keep.request_focus();
                }
            });
        });
    kept
}

/// Close, Add module and what state the draft is in; true when Close was pressed. Add module
/// is here, always in view and reached by Shift+Tab from the page's start, rather than under
/// the table, where it was a Tab past every control of every row.
fn footer_ui(ui: &mut egui::Ui, editor: &mut ModulesEditor, problems: &[DraftProblem]) -> bool {
    ui.horizontal(|ui| {
        let close = ui
            .button("Close")
            .on_hover_text("Closes the editor (Esc); changes are already applied");
        if ui.button("Add module").clicked() {
            rows::add_module(editor);
        }
        let n = problems.len();
        if n == 0 {
            let text = if editor.has_unapplied() {
                "Applying…"
            } else {
                "Every change is in the project as you make it; Edit > Undo takes one back."
            };
            ui.label(text);
        } else {
            let text = if n == 1 {
                "Not in the project yet: fix the problem listed above (nothing is lost meanwhile).".to_string()
            } else {
                format!("Not in the project yet: fix the {n} problems listed above (nothing is lost meanwhile).")
            };
            ui.colored_label(ui.visuals().error_fg_color, text);
        }
        close.clicked()
    })
    .inner
}

fn programme_fields_ui(ui: &mut egui::Ui, draft: &mut ProgrammeDraft, typing: &mut bool) {
    egui::Grid::new("programme-fields").num_columns(2).show(ui, |ui| {
        let l = ui.label("Programme title");
        let title = ui.add(egui::TextEdit::singleline(&mut draft.title).desired_width(480.0));
        let title = title.labelled_by(l.id);
        *typing |= title.has_focus();
        // "Untitled programme" of a new project is replaced by what is typed, not added to.
        rows::select_when_tabbed_into(ui, &title, &draft.title);
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
        let body = ui.add(egui::TextEdit::singleline(&mut draft.awarding_body).desired_width(480.0));
        let body = body.labelled_by(l.id);
        *typing |= body.has_focus();
        rows::select_when_tabbed_into(ui, &body, &draft.awarding_body);
        ui.end_row();
    });
}

fn groups_ui(ui: &mut egui::Ui, draft: &mut ProgrammeDraft, problems: &[DraftProblem], typing: &mut bool) {
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
                field_ui(ui, choose, &format!("Number to choose from {group}"), bad, typing);
            });
        });
    }
}

/// Credits per level on every route, updated as the draft is typed.
fn credits_ui(ui: &mut egui::Ui, draft: &ProgrammeDraft) {
    let n = draft.rows.len();
    ui.label(format!(
        "{n} module{}, {} credits offered in all",
        if n == 1 { "" } else { "s" },
        draft.credits()
    ));
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
