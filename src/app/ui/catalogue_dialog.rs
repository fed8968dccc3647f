//! Standards > Add from catalogue…: find a bundled standard by reference, title, route,
//! level or the text of its duties and KSBs, and add it to the project.
//!
//! The keyboard stays in the search field: typing filters, ↑ and ↓ choose, Enter adds, Esc
//! closes. The KSB text is read on a thread when the dialog opens, so typing never waits.

use egui::{Key, Modifiers};

use crate::app::command::Command;
use crate::catalogue::{self, CatalogueEntry, search};
use crate::model::Project;

/// The search field's id, so that tests and the dialog itself can give it the keyboard.
pub fn search_id() -> egui::Id {
    egui::Id::unique("catalogue-search")
}

/// The dialog's query, choices and highlighted row.
#[derive(Clone, Debug, Default)]
pub struct CatalogueDialog {
    pub query: String,
    /// A level chosen with the buttons; `L5` typed in the query does the same.
    pub level: Option<u8>,
    /// List retired and in-development versions too, not only the latest approved.
    pub all_versions: bool,
    pub selected: usize,
    /// The entry highlighted last frame, kept when "All versions" changes the list.
    highlighted: Option<usize>,
    /// The highlighted entry's details, kept while it stays highlighted.
    details: Option<(usize, String, Option<String>)>,
}

impl CatalogueDialog {
    /// A new dialog, with the KSB text read on a thread if it is not yet.
    pub fn open() -> Self {
        if !search::ksb_texts_ready() {
            std::thread::spawn(|| {
                search::ksb_texts();
            });
        }
        Self::default()
    }
}

/// One row of the list: the entry's place in [`catalogue::entries`] and how it matched.
pub type Row = (usize, search::Match);

/// The rows the dialog lists for its query: best matches first.
pub fn rows(dialog: &CatalogueDialog) -> Vec<Row> {
    let mut filter = search::Filter::from_query(&dialog.query);
    filter.level = filter.level.or(dialog.level);
    filter.ksb_text = search::ksb_texts_ready();
    let latest: Vec<*const CatalogueEntry> = catalogue::latest_entries()
        .into_iter()
        .map(std::ptr::from_ref)
        .collect();
    let all = catalogue::entries();
    let is_latest = |i: usize| all.get(i).is_some_and(|e| latest.contains(&std::ptr::from_ref(e)));
    let mut shown: Vec<Row> = search::search(&filter)
        .into_iter()
        .filter(|(i, _)| dialog.all_versions || is_latest(*i))
        .collect();
    if dialog.all_versions {
        // Each standard's versions together, the one to start on first and then newest first,
        // so that ticking "All versions" never leaves a retired version highlighted.
        let reference = |i: usize| all.get(i).map_or("", |e| e.reference.as_str());
        shown.sort_by_key(|&(i, m)| (m, reference(i), !is_latest(i), std::cmp::Reverse(i)));
    }
    shown
}

/// Draws the dialog; false once it should close.
pub fn catalogue_dialog_ui(
    ctx: &egui::Context,
    project: &Project,
    dialog: &mut CatalogueDialog,
    commands: &mut Vec<Command>,
) -> bool {
    // Taken before the search field sees them, and applied after it has taken this frame's
    // typing, so that keys typed faster than frames act on the list the typing leaves.
    // Counted, so that two presses within a frame move two rows.
    let (up, down, enter, escape) = ctx.input_mut(|i| {
        (
            i.count_and_consume_key(Modifiers::NONE, Key::ArrowUp),
            i.count_and_consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    if escape {
        return false;
    }
    if up + down > 0 {
        // The list's, not egui's: the search field keeps the keyboard for what is typed next.
        crate::app::focus::arrows_were_handled(ctx);
    }
    let entries = catalogue::entries();
    let present = |e: &CatalogueEntry| project.standard(&e.reference).is_some();
    let mut open = true;
    let mut done = false;
    // The dialog's own controls; the keyboard returns to the search field from anywhere else.
    let mut controls: Vec<egui::Id> = vec![search_id()];
    let mut versions_toggled = false;
    let width = (ctx.content_rect().width() * 0.7).clamp(420.0, 820.0);
    egui::Window::new("Add from catalogue")
        .id(egui::Id::unique("catalogue-dialog"))
        .resizable(false)
        .collapsible(false)
        .default_width(width)
        .min_width(width)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 40.0])
        .open(&mut open)
        .show(ctx, |ui| {
            let field = egui::TextEdit::singleline(&mut dialog.query)
                .id(search_id())
                .hint_text("Reference, title, route, L4 or L5, or words from a KSB…")
                .desired_width(f32::INFINITY);
            if ui.add(field).accessible_name("Search the catalogue").changed() {
                dialog.selected = 0;
            }
            // A level typed in the query wins over the buttons, and the buttons show it.
            let typed = search::Filter::from_query(&dialog.query).level;
            ui.horizontal(|ui| {
                for (level, text) in [(None, "All levels"), (Some(4), "Level 4"), (Some(5), "Level 5")] {
                    let resp = ui.selectable_label(typed.or(dialog.level) == level, text);
                    controls.push(resp.id);
                    if resp.clicked() {
                        // The button wins over a level typed in the query, which it takes out.
                        if typed.is_some() {
                            dialog.query = search::without_level(&dialog.query);
                        }
                        dialog.level = level;
                        dialog.selected = 0;
                    }
                }
                ui.separator();
                let resp = ui.checkbox(&mut dialog.all_versions, "All versions");
                controls.push(resp.id);
                versions_toggled = resp.changed();
                if !search::ksb_texts_ready() {
                    ui.spinner();
                    ui.weak("reading KSB text…");
                    ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
                }
            });
            let shown = rows(dialog);
            if versions_toggled {
                // The highlighted standard stays highlighted when the list grows or shrinks.
                dialog.selected = dialog
                    .highlighted
                    .and_then(|h| shown.iter().position(|(i, _)| *i == h))
                    .unwrap_or(0);
            }
            let last = shown.len().saturating_sub(1);
            dialog.selected = (dialog.selected.saturating_sub(up) + down).min(last);
            dialog.highlighted = shown.get(dialog.selected).map(|(i, _)| *i);
            let chosen = shown.get(dialog.selected).and_then(|(i, _)| entries.get(*i));
            if enter && let Some(e) = chosen.filter(|e| !present(e)) {
                commands.push(Command::AddCatalogueStandard(e.spec()));
                done = true;
                return;
            }
            ui.separator();
            let height = (ctx.content_rect().height() * 0.45).clamp(120.0, 380.0);
            egui::ScrollArea::vertical()
                .max_height(height)
                .min_scrolled_height(height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if shown.is_empty() {
                        ui.weak("No standard in the catalogue matches");
                    }
                    for (n, (i, how)) in shown.iter().enumerate() {
                        let Some(e) = entries.get(*i) else { continue };
                        let on = n == dialog.selected;
                        let resp = ui.add(
                            egui::Button::selectable(on, row_text(e, *how))
                                .right_text(row_note(e, present(e)))
                                .min_size(egui::vec2(ui.available_width(), 0.0)),
                        );
                        controls.push(resp.id);
                        if on && up + down > 0 {
                            resp.scroll_to_me(None);
                        }
                        if resp.clicked() {
                            dialog.selected = n;
                        }
                        if resp.double_clicked() && !present(e) {
                            commands.push(Command::AddCatalogueStandard(e.spec()));
                            done = true;
                        }
                    }
                });
            ui.separator();
            if let Some(&(i, how)) = shown.get(dialog.selected) {
                let words = if how == search::Match::KsbText {
                    search::Filter::from_query(&dialog.query).text
                } else {
                    String::new()
                };
                details_ui(ui, dialog, i, &words);
            }
            ui.horizontal(|ui| {
                let addable = chosen.filter(|e| !present(e));
                let label = chosen.map_or("Add".to_string(), |e| format!("Add {}", e.spec()));
                let add = ui.add_enabled(addable.is_some(), egui::Button::new(label));
                controls.push(add.id);
                if add.clicked()
                    && let Some(e) = addable
                {
                    commands.push(Command::AddCatalogueStandard(e.spec()));
                    done = true;
                }
                let cancel = ui.button("Cancel");
                controls.push(cancel.id);
                if cancel.clicked() {
                    done = true;
                }
                ui.weak(format!(
                    "{} shown · ↑ ↓ to choose, Enter to add, Esc to close",
                    shown.len()
                ));
            });
        });
    // It keeps the keyboard until closed: modal, to a screen reader too.
    super::access::title_bar(ctx, egui::Id::unique("catalogue-dialog"), "Add from catalogue");
    super::access::dialog(ctx, egui::Id::unique("catalogue-dialog"), "Add from catalogue", true);
    if !ctx.memory(|m| m.focused().is_some_and(|f| controls.contains(&f))) {
        ctx.memory_mut(|m| m.request_focus(search_id()));
    }
    open && !done
}

fn row_text(e: &CatalogueEntry, how: search::Match) -> String {
    let mut text = format!("{} {}  {}  · Level {}", e.reference, e.version, e.title, e.level);
    if !e.route.is_empty() {
        text.push_str(&format!(" · {}", e.route));
    }
    if how == search::Match::KsbText {
        text.push_str("  (in its KSBs or duties)");
    }
    text
}

fn row_note(e: &CatalogueEntry, present: bool) -> String {
    match (present, e.is_approved()) {
        (true, _) => "in the project".into(),
        (false, true) => String::new(),
        (false, false) => e.status.clone(),
    }
}

/// Counts of the highlighted standard and the first KSB or duty that holds `words` (given
/// for a KSB-text match). Read once per highlighted entry.
fn details_ui(ui: &mut egui::Ui, dialog: &mut CatalogueDialog, index: usize, words: &str) {
    let key = words.to_lowercase();
    let stale = dialog
        .details
        .as_ref()
        .is_none_or(|(i, _, q)| *i != index || q.as_deref() != Some(key.as_str()));
    if stale {
        dialog.details = catalogue::entries().get(index).map(|e| {
            let (summary, hit) = describe(e, words);
            (
                index,
                format!("{summary}{}", hit.map(|h| format!("\n{h}")).unwrap_or_default()),
                Some(key),
            )
        });
    }
    if let Some((_, text, _)) = &dialog.details {
        ui.add(egui::Label::new(text.as_str()).wrap());
    }
}

/// "10 duties, 36 K, 33 S, 3 B · Approved for delivery", and the first KSB or duty whose
/// text holds every word, if any.
pub fn describe(e: &CatalogueEntry, words: &str) -> (String, Option<String>) {
    let Some(s) = e.load() else {
        return (format!("{} could not be read", e.spec()), None);
    };
    let (k, sk, b) = s.counts();
    let summary = format!(
        "{} {}: {} duties, {k} K, {sk} S, {b} B · {}",
        e.reference,
        e.version,
        s.duties.len(),
        e.status
    );
    let words: Vec<String> = words.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return (summary, None);
    }
    let holds = |text: &str| {
        let t = text.to_lowercase();
        words.iter().all(|w| t.contains(w.as_str()))
    };
    let hit = s
        .ksbs
        .iter()
        .find(|k| holds(&k.text))
        .map(|k| format!("{}: {}", k.code, k.text))
        .or_else(|| {
            s.duties
                .iter()
                .find(|d| holds(&d.text))
                .map(|d| format!("{}: {}", d.code, d.text))
        });
    (summary, hit)
}
