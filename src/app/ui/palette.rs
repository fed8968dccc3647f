//! The command palette (Ctrl+Shift+P): every action of the menus, found by typing.
//! Built from the one `UiCommand` list, plus the menus' own lists (recent files, standards).

use egui::{Key, Modifiers};

use crate::app::command::Command;
use crate::app::ui_command::UiCommand;

/// The palette's query and the highlighted entry.
#[derive(Clone, Debug, Default)]
pub struct CommandPalette {
    pub query: String,
    pub selected: usize,
}

/// One thing the palette can run.
pub struct Entry {
    pub label: String,
    pub shortcut: String,
    pub command: Command,
}

/// What the menus offer besides `UiCommand`s.
pub struct MenuLists<'a> {
    pub recent: &'a [std::path::PathBuf],
    /// Bundled standards not yet in the project: (reference, title).
    pub addable: Vec<(&'a str, &'a str)>,
    /// Standards in the project: (reference, title).
    pub removable: Vec<(&'a str, &'a str)>,
    /// Other bundled versions of the project's standards: (label, catalogue reference).
    pub versions: Vec<(String, String)>,
}

pub fn entries(ctx: &egui::Context, lists: &MenuLists<'_>) -> Vec<Entry> {
    let mut out: Vec<Entry> = UiCommand::all()
        .filter(|c| *c != UiCommand::CommandPalette)
        .map(|c| Entry {
            label: c.label().trim_end_matches('…').to_string(),
            shortcut: c.shortcut_text(ctx),
            command: Command::Ui(c),
        })
        .collect();
    for p in lists.recent {
        out.push(Entry {
            label: format!("Open recent: {}", p.display()),
            shortcut: String::new(),
            command: Command::OpenPath(p.clone()),
        });
    }
    for (reference, title) in &lists.addable {
        out.push(Entry {
            label: format!("Add bundled standard {reference} {title}"),
            shortcut: String::new(),
            command: Command::AddBundledStandard(reference.to_string()),
        });
    }
    for (reference, title) in &lists.removable {
        out.push(Entry {
            label: format!("Remove standard {reference} {title}"),
            shortcut: String::new(),
            command: Command::RemoveStandard(reference.to_string()),
        });
    }
    for (label, spec) in &lists.versions {
        out.push(Entry {
            label: format!("Update to {label}"),
            shortcut: String::new(),
            command: Command::UpdateStandardTo(spec.clone()),
        });
    }
    for (theme, name) in [
        (egui::ThemePreference::System, "follow the system"),
        (egui::ThemePreference::Light, "light"),
        (egui::ThemePreference::Dark, "dark"),
    ] {
        out.push(Entry {
            label: format!("Theme: {name}"),
            shortcut: String::new(),
            command: Command::SetTheme(theme),
        });
    }
    out
}

/// Entries whose label holds every word of the query, in any case.
pub fn filter<'a>(entries: &'a [Entry], query: &str) -> Vec<&'a Entry> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    entries
        .iter()
        .filter(|e| {
            let label = e.label.to_lowercase();
            words.iter().all(|w| label.contains(w.as_str()))
        })
        .collect()
}

/// Draws the palette; false once it should close.
pub fn palette_ui(
    ctx: &egui::Context,
    palette: &mut CommandPalette,
    entries: &[Entry],
    commands: &mut Vec<Command>,
) -> bool {
    let shown = filter(entries, &palette.query);
    let (up, down, enter, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    if escape {
        return false;
    }
    if up || down {
        // The list's, not egui's: the search field keeps the keyboard for what is typed next.
        crate::app::focus::arrows_were_handled(ctx);
    }
    let last = shown.len().saturating_sub(1);
    if up {
        palette.selected = palette.selected.saturating_sub(1);
    }
    if down {
        palette.selected = (palette.selected + 1).min(last);
    }
    palette.selected = palette.selected.min(last);
    if enter && let Some(e) = shown.get(palette.selected) {
        commands.push(e.command.clone());
        return false;
    }
    let mut open = true;
    let width = (ctx.content_rect().width() * 0.6).clamp(320.0, 640.0);
    egui::Window::new("Command palette")
        .id(egui::Id::unique("command-palette"))
        .title_bar(false)
        .resizable(false)
        .collapsible(false)
        .default_width(width)
        .min_width(width)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            let field = egui::TextEdit::singleline(&mut palette.query)
                .hint_text("Type a command: save, export, theme, gaps…")
                .desired_width(f32::INFINITY);
            let resp = ui.add(field).accessible_name("Command");
            resp.request_focus();
            // New text starts the list again at its top, unless an arrow came with it: a quick
            // typist's Down straight after the last letter lands in the same frame.
            if resp.changed() && !(up || down) {
                palette.selected = 0;
            }
            ui.separator();
            let height = (ctx.content_rect().height() * 0.55).clamp(120.0, 420.0);
            egui::ScrollArea::vertical()
                .max_height(height)
                .min_scrolled_height(height)
                .show(ui, |ui| {
                    if shown.is_empty() {
                        ui.weak("No command matches");
                    }
                    for (i, e) in shown.iter().enumerate() {
                        let on = i == palette.selected;
                        let resp = ui.add(
                            egui::Button::selectable(on, e.label.as_str())
                                .shortcut_text(e.shortcut.as_str())
                                .min_size(egui::vec2(ui.available_width(), 0.0)),
                        );
                        if on {
                            resp.scroll_to_me(None);
                        }
                        if resp.clicked() {
                            commands.push(e.command.clone());
                            open = false;
                        }
                    }
                });
            // The choice in words, as a live region: a screen reader hears which command
            // Enter runs as the arrows move, where the list alone showed it by highlight.
            let choice = match shown.get(palette.selected) {
                Some(e) => {
                    let keys = if e.shortcut.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", e.shortcut)
                    };
                    format!(
                        "Enter runs: {}{keys}, {} of {}. ↑ ↓ to choose, Esc to close",
                        e.label.trim(),
                        palette.selected + 1,
                        shown.len()
                    )
                }
                None => "No command matches. Esc to close".to_string(),
            };
            let said = ui.weak(choice);
            ui.ctx()
                .accesskit_node_builder(said.id, |node| node.set_live(egui::accesskit::Live::Polite));
        });
    // Its field keeps the keyboard until it closes: modal, to a screen reader too.
    super::access::dialog(ctx, egui::Id::unique("command-palette"), "Command palette", true);
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_match_in_any_case() {
        let ctx = egui::Context::default();
        let lists = MenuLists {
            recent: &[],
            versions: Vec::new(),
            addable: vec![("ST0413", "Healthcare science")],
            removable: vec![],
        };
        let all = entries(&ctx, &lists);
        let labels = |q: &str| -> Vec<String> { filter(&all, q).iter().map(|e| e.label.clone()).collect() };
        assert_eq!(labels("save as"), vec!["Save As".to_string()]);
        assert!(labels("THEME").len() == 3);
        assert_eq!(labels("st0413").len(), 1);
        assert!(labels("no such command").is_empty());
        assert!(!labels("").iter().any(|l| l.starts_with("Command palette")));
    }
}
