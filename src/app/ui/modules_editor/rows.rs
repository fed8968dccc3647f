//! The modules, one row each, and the small widgets every part of the editor shares.

use egui_extras::{Column, TableBuilder};

use super::ModulesEditor;
use crate::model::{DraftField, DraftProblem, ModuleRow, ModuleStatus, Project};

const ROW_HEIGHT: f32 = 28.0;

/// One row per module, under a header. The editor's own scroll area scrolls it, so a long list
/// and the sections under it scroll as one page.
pub fn modules_table_ui(ui: &mut egui::Ui, project: &Project, editor: &mut ModulesEditor, problems: &[DraftProblem]) {
    let mut remove = None;
    let mut ask = None;
    let asking = editor.confirm_module.take();
    let mut editor_focus_keep = std::mem::take(&mut editor.focus_keep);
    let mut by_keyboard = false;
    let mut swap = None;
    let mut details = None;
    let mut show_details = false;
    let n = editor.draft.rows.len();
    let focus_code = editor.focus_code.take();
    let typing = &mut editor.typing;
    ui.push_id("module-rows", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .vscroll(false)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(96.0))
            .column(Column::remainder().at_least(220.0).clip(true))
            .column(Column::exact(48.0))
            .column(Column::exact(56.0))
            .column(Column::exact(100.0))
            .column(Column::exact(110.0))
            .column(Column::exact(80.0))
            .column(Column::exact(108.0))
            .column(Column::exact(160.0))
            .header(22.0, |mut header| {
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
                    header.col(|ui| {
                        ui.strong(h);
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, n, |mut row| {
                    let i = row.index();
                    let Some(r) = editor.draft.rows.get_mut(i) else { return };
                    let bad = |f: DraftField| {
                        problems
                            .iter()
                            .find(|p| p.row() == Some(i) && p.field() == Some(f))
                            .map(DraftProblem::message)
                    };
                    let m = i + 1;
                    let mut focused = false;
                    row.col(|ui| {
                        let id = ui.make_persistent_id(("code", i));
                        let name = format!("Code of module {m}");
                        let code = focused_field(ui, id, focus_code == Some(i), |ui| {
                            code_field_ui(ui, id, &mut r.code, &name, bad(DraftField::Code), typing)
                        });
                        focused |= code.has_focus();
                    });
                    row.col(|ui| {
                        let name = format!("Title of module {m}");
                        focused |= field_ui(ui, &mut r.title, &name, bad(DraftField::Title), typing).has_focus();
                    });
                    row.col(|ui| {
                        let name = format!("Level of module {m}");
                        focused |= field_ui(ui, &mut r.level, &name, bad(DraftField::Level), typing).has_focus();
                    });
                    row.col(|ui| {
                        let name = format!("Credits of module {m}");
                        focused |= field_ui(ui, &mut r.credits, &name, bad(DraftField::Credits), typing).has_focus();
                    });
                    row.col(|ui| status_ui(ui, r, i));
                    row.col(|ui| {
                        let name = format!("Option group of module {m}");
                        focused |= field_ui(ui, &mut r.group, &name, bad(DraftField::Group), typing).has_focus();
                    });
                    row.col(|ui| {
                        let wb = ui.checkbox(&mut r.work_based, "");
                        name(&wb, egui::Role::CheckBox, format!("Module {m} is work-based"));
                    });
                    // Each row's buttons say which module they act on: to a screen reader, 14
                    // rows of "Up", "Down" and "Delete" were alike.
                    let code = r.code.trim();
                    let which = if code.is_empty() {
                        format!("module {m}")
                    } else {
                        format!("module {m}, {code}")
                    };
                    row.col(|ui| {
                        let up = ui.add_enabled(i > 0, egui::Button::new("Up"));
                        name(&up, egui::Role::Button, format!("Move {which} up"));
                        if up.clicked() {
                            swap = Some((i - 1, i));
                        }
                        let down = ui.add_enabled(i + 1 < n, egui::Button::new("Down"));
                        name(&down, egui::Role::Button, format!("Move {which} down"));
                        if down.clicked() {
                            swap = Some((i, i + 1));
                        }
                    });
                    row.col(|ui| {
                        if asking == Some(i) {
                            let focus_keep = std::mem::take(&mut editor_focus_keep);
                            match confirm_delete_ui(ui, r, &which, &what_goes(project, r), focus_keep) {
                                Some(true) => remove = Some(i),
                                Some(false) => {}
                                None => ask = Some(i),
                            }
                            return;
                        }
                        let shown = ui
                            .button("Details")
                            .on_hover_text("Shows the module's description, learning outcomes and assessments below");
                        name(&shown, egui::Role::Button, format!("Details of module {m}"));
                        if shown.clicked() {
                            details = Some(i);
                            show_details = true;
                        }
                        let delete = ui
                            .button("Delete")
                            .on_hover_text("Deletes the module and its mappings (Edit > Undo brings them back); comments on it are kept");
                        name(&delete, egui::Role::Button, format!("Delete {which}"));
                        if delete.clicked() {
                            // A module with work in it asks first: a Delete reached by Tab or
                            // clicked by mistake took its mappings at once.
                            if what_goes(project, r).is_empty() {
                                remove = Some(i);
                            } else {
                                ask = Some(i);
                            }
                            by_keyboard = delete.has_focus();
                        }
                    });
                    if focused {
                        details = Some(i);
                    }
                });
            });
    });
    editor.confirm_module = ask;
    editor.focus_keep = ask.is_some() && ask != asking && by_keyboard;
    let rows = &mut editor.draft.rows;
    if let Some((a, b)) = swap {
        rows.swap(a, b);
    }
    if let Some(i) = remove
        && i < rows.len()
    {
        rows.remove(i);
        // The button that had the keyboard is gone with its row: the keyboard goes to the
        // code of the row now in its place (or the last), not nowhere.
        if (by_keyboard || asking.is_some()) && !rows.is_empty() {
            editor.focus_code = Some(i.min(rows.len() - 1));
        }
    }
    if let Some(i) = details {
        editor.details_of = i;
    }
    if show_details {
        // The button scrolls out of view with the page, and a widget not drawn loses the
        // keyboard: it goes to what the button showed.
        editor.focus_detail = Some(super::editor_state::DetailFocus::Description);
    }
    editor.show_details |= show_details;
}

/// What deleting a row takes with it, in words ("maps K3, K4 and S2; 2 learning outcomes"):
/// empty when it holds nothing the user made.
fn what_goes(project: &Project, r: &ModuleRow) -> String {
    let mut parts = Vec::new();
    if let Some(code) = &r.original {
        let mapped: Vec<String> = project
            .mappings
            .iter()
            .filter(|m| crate::model::module_code_key(&m.module) == crate::model::module_code_key(code))
            .map(|m| m.ksb.code.to_string())
            .collect();
        if !mapped.is_empty() {
            parts.push(format!("maps {}", crate::text::list_and(&mapped)));
        }
    }
    if !r.outcomes.is_empty() {
        parts.push(crate::text::counted(
            r.outcomes.len(),
            "learning outcome",
            "learning outcomes",
        ));
    }
    if !r.assessments.is_empty() {
        parts.push(crate::text::counted(r.assessments.len(), "assessment", "assessments"));
    }
    parts.join("; ")
}

/// "Delete HSC401" and "Keep" in the row's buttons' place, each saying what goes: `Some(true)`
/// deletes, `Some(false)` keeps (Esc too), `None` still asks. `focus_keep`: the keyboard asked,
/// so it goes to Keep.
fn confirm_delete_ui(ui: &mut egui::Ui, r: &ModuleRow, which: &str, goes: &str, focus_keep: bool) -> Option<bool> {
    let code = r.code.trim();
    let why = format!("Delete {which}? It {goes}: deleting it removes them (Edit > Undo brings them back)");
    let red = ui.visuals().error_fg_color;
    let delete = ui
        .button(egui::RichText::new(format!("Delete {code}")).color(red))
        .on_hover_text(&why);
    let keep = ui.button("Keep").on_hover_text(&why);
    if focus_keep {
        keep.request_focus();
    }
    name(&delete, egui::Role::Button, format!("Delete {which}"));
    name(&keep, egui::Role::Button, format!("Keep {which}"));
    for b in [&delete, &keep] {
        ui.ctx()
            .accesskit_node_builder(b.id, |node| node.set_description(why.clone()));
    }
    if delete.clicked() {
        Some(true)
    } else if keep.clicked() || ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        Some(false)
    } else {
        None
    }
}

fn status_ui(ui: &mut egui::Ui, r: &mut ModuleRow, i: usize) {
    let status = egui::ComboBox::from_id_salt(("status", i))
        .selected_text(r.status.label())
        .width(88.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut r.status, ModuleStatus::Core, "core");
            ui.selectable_value(&mut r.status, ModuleStatus::Optional, "optional");
        });
    name(
        &status.response,
        egui::Role::ComboBox,
        format!("Status of module {}", i + 1),
    );
}

/// Adds a module after the last, empty but for the level and credits of the row before it,
/// with the keyboard in its code.
pub fn add_module(editor: &mut ModulesEditor) {
    let rows = &mut editor.draft.rows;
    rows.push(ModuleRow::new(rows.last()));
    editor.focus_code = Some(rows.len() - 1);
    editor.details_of = rows.len() - 1;
}

/// A one-line text field filling its cell, in the error colour with the problem on hover when
/// bad; it counts as typing while it has the keyboard.
pub fn field_ui(
    ui: &mut egui::Ui,
    value: &mut String,
    name: &str,
    problem: Option<String>,
    typing: &mut bool,
) -> egui::Response {
    let id = ui.next_auto_id();
    code_field_ui(ui, id, value, name, problem, typing)
}

/// [`field_ui`] with the id given, for a field asked to take the keyboard before it is drawn.
fn code_field_ui(
    ui: &mut egui::Ui,
    id: egui::Id,
    value: &mut String,
    name: &str,
    problem: Option<String>,
    typing: &mut bool,
) -> egui::Response {
    let mut edit = egui::TextEdit::singleline(value)
        .id(id)
        .desired_width(ui.available_width());
    if problem.is_some() {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let resp = ui.add(edit);
    *typing |= resp.has_focus();
    self::name(&resp, egui::Role::TextInput, name.to_string());
    // Tabbed into, a filled field's text is selected, as desktop fields do: what is typed
    // replaces it ("6" in a Level of 5 made 56). A click still puts the cursor where it lands.
    select_when_tabbed_into(ui, &resp, value);
    if let Some(p) = &problem {
        // Heard as well as seen in red.
        ui.ctx()
            .accesskit_node_builder(resp.id, |node| node.set_description(p.as_str()));
    }
    if let Some(p) = problem {
        resp.clone().on_hover_ui(|ui| {
            crate::app::ui::code_text::code_text_ui(ui, &p, None);
        });
    }
    resp
}

/// Tabbed into (or given the keyboard as the editor opens), a filled field's text is selected,
/// as desktop fields do: what is typed replaces it. A click still puts the cursor where it lands.
pub fn select_when_tabbed_into(ui: &egui::Ui, resp: &egui::Response, value: &str) {
    if resp.gained_focus() && !ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released()) {
        select_all(ui.ctx(), resp.id, value);
    }
}

/// Selects the whole of a single-line field's text.
fn select_all(ctx: &egui::Context, id: egui::Id, text: &str) {
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ctx, id);
}

/// Gives a widget without a visible label its accessible name.
pub fn name(resp: &egui::Response, role: egui::Role, name: String) {
    resp.widget_info(|| egui::WidgetInfo::labeled(role, true, &name));
}

/// A field just added has the keyboard before it is drawn, so letters typed in the frame it
/// first shows in land in it, and again after (in a window's first frame, a sizing pass,
/// nothing keeps it); it is scrolled into view.
pub(super) fn focused_field(
    ui: &mut egui::Ui,
    id: egui::Id,
    wanted: bool,
    add: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> egui::Response {
    if wanted {
        ui.memory_mut(|mem| mem.request_focus(id));
    }
    let resp = add(ui);
    if wanted {
        if !resp.has_focus() {
            resp.request_focus();
        }
        resp.scroll_to_me_animation(None, egui::style::ScrollAnimation::none());
    }
    resp
}
