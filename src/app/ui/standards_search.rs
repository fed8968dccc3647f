//! The standards panel's search: Ctrl+F, a code or words, Enter to go to the KSB's column.

use crate::app::command::Command;
use crate::app::layout::KindFilter;
use crate::model::{Ksb, KsbRef, Project};

use super::standards_panel::{StandardsData, StandardsPanelState};

/// The search box. Ctrl+F selects its text, so what is typed replaces the last search; Enter
/// goes to the first match's column, or keeps the keyboard here and says nothing matches; Esc
/// clears the search, then (when empty) returns the keyboard to the grid's cell.
pub(super) fn search_ui(
    ui: &mut egui::Ui,
    data: &StandardsData<'_>,
    state: &mut StandardsPanelState,
    commands: &mut Vec<Command>,
) {
    let id = egui::Id::unique("ksb-search");
    if std::mem::take(&mut state.focus_search) {
        // Before the field is drawn, so letters typed with Ctrl+F replace the selection.
        ui.memory_mut(|m| m.request_focus(id));
        let mut edit = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
        let all = egui::text::CCursorRange::select_all_str(&state.filter);
        edit.cursor.set_char_range(Some(all));
        edit.store(ui.ctx(), id);
    }
    let search = egui::TextEdit::singleline(&mut state.filter)
        .id(id)
        .hint_text("Search codes and texts (Ctrl+F)")
        .desired_width(f32::INFINITY);
    let resp = ui
        .add(search)
        .on_hover_text("Enter goes to the first match's column in the grid; Esc clears");
    // Named as what it is: without a label beside it, a screen reader read its tooltip as its
    // name and never said "Search".
    ui.ctx().accesskit_node_builder(resp.id, |node| {
        node.set_label("Search codes and texts");
        node.set_description("Enter goes to the first match's column in the grid; Esc clears");
    });
    if resp.changed() {
        state.no_match = None;
    }
    let (enter, escape) = ui.input(|i| (i.key_pressed(egui::Key::Enter), i.key_pressed(egui::Key::Escape)));
    if !resp.lost_focus() {
        return;
    }
    if enter {
        // Ctrl+F, a code, Enter: the grid goes to that KSB's column and takes the keyboard.
        let filter = state.filter.trim().to_lowercase();
        match first_match(data.project, &filter, state.kinds) {
            Some(ksb) => {
                go_to_column(data, ksb, commands);
                state.keys_to_grid = true;
            }
            // Kept here, so what is typed next corrects the search rather than vanish.
            None if !filter.is_empty() => {
                state.no_match = Some(state.filter.trim().to_string());
                resp.request_focus();
            }
            None => {}
        }
    } else if escape {
        if state.filter.is_empty() {
            state.keys_to_grid = data.target.is_some();
        } else {
            state.filter.clear();
            state.no_match = None;
            resp.request_focus();
        }
    }
}

/// The KSB a search names: the one whose code it is, else the first it matches.
fn first_match(project: &Project, filter: &str, kinds: KindFilter) -> Option<KsbRef> {
    if filter.is_empty() {
        return None;
    }
    let all = || {
        project
            .standards
            .iter()
            .flat_map(|s| s.ksbs.iter().map(move |k| (s, k)))
            .filter(|(_, k)| matches(k, filter, kinds))
    };
    let exact = all().find(|(s, k)| {
        let code = k.code.to_string().to_lowercase();
        code == filter || format!("{}/{code}", s.reference.to_lowercase()) == filter
    });
    exact
        .or_else(|| all().next())
        .map(|(s, k)| KsbRef::new(s.reference.clone(), k.code))
}

/// Selects the KSB's cell in the focused row (or the first) and scrolls to it.
fn go_to_column(data: &StandardsData<'_>, ksb: KsbRef, commands: &mut Vec<Command>) {
    let module = data
        .target
        .or_else(|| data.project.modules.first().map(|m| m.code.as_str()));
    match module {
        Some(m) => commands.push(Command::FocusCell {
            module: m.to_string(),
            ksb,
        }),
        None => commands.push(Command::Focus(crate::analysis::Target::Ksb(ksb))),
    }
}

pub(super) fn matches(k: &Ksb, filter: &str, kinds: KindFilter) -> bool {
    kinds.shows(k.kind())
        && (filter.is_empty()
            || k.code.to_string().to_lowercase() == filter
            || k.text.to_lowercase().contains(filter)
            || k.code.to_string().to_lowercase().starts_with(filter))
}
