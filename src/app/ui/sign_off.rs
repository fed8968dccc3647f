//! Review > Sign off…: the dialog that signs the mapping with a name, role, date and the
//! SHA-256 of its content; the sign-off state in the status bar; and the window listing the
//! sign-offs, with what changed since a stale one.
//!
//! Keyboard: the name field has the keyboard when the dialog opens; Tab moves between the
//! fields, Enter signs, Esc cancels.

use egui::{Key, Modifiers, RichText};

use crate::app::command::Command;
use crate::app::ui_command::UiCommand;
use crate::model::{IsoDate, Project};
use crate::review::open_items::OpenItems;
use crate::review::signoff::{self, SignOffState};

/// Where the project's sign-off stands, worked out once per edit (hashing the content every
/// frame would cost the frame time), for the status bar, the dialog and the window.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SignOffSummary {
    /// The content hash now: what a sign-off now would carry.
    pub hash: String,
    pub state: SignOffKind,
    /// Every sign-off, oldest first: (name, role, date, hash, whether its hash is the content's now).
    pub signed: Vec<SignedRow>,
    /// For a stale sign-off: the counts of what changed since, and the changes, one a line.
    pub counts: Option<String>,
    pub changes: Option<String>,
    /// False when the latest sign-off's kept content does not match its hash (edited by hand).
    pub record_intact: bool,
    /// Open threads, duties in query and duties not reviewed: shown before anyone signs.
    pub open: OpenItems,
    /// Why no one can sign off now (unresolved merge conflicts), when that is so.
    pub refusal: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SignOffKind {
    #[default]
    Unsigned,
    Signed,
    Stale,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SignedRow {
    pub name: String,
    pub role: String,
    pub date: IsoDate,
    pub hash: String,
    pub current: bool,
}

impl SignOffSummary {
    pub fn of(project: &Project) -> Self {
        let hash = signoff::content_hash(project);
        let signed = project
            .sign_offs
            .iter()
            .map(|s| SignedRow {
                name: s.name.clone(),
                role: s.role.clone(),
                date: s.date,
                hash: s.hash.clone(),
                current: s.hash == hash,
            })
            .collect();
        let mut out = Self {
            hash,
            signed,
            record_intact: true,
            open: OpenItems::of(project),
            refusal: crate::review::open_items::refusal(project),
            ..Default::default()
        };
        match signoff::state_at(project, &out.hash) {
            SignOffState::Unsigned => {}
            SignOffState::Signed(_) => out.state = SignOffKind::Signed,
            SignOffState::Stale { sign_off, changes } => {
                out.state = SignOffKind::Stale;
                out.record_intact = signoff::record_intact(sign_off);
                out.counts = changes.as_ref().map(|c| c.counts());
                // The kinds that changed, with their items; not "Modules: no change".
                out.changes = changes.map(|c| {
                    let shown: Vec<String> = crate::review::compare_text::lines(&c)
                        .into_iter()
                        .filter(|l| !l.text.ends_with(": no change"))
                        .map(|l| l.text)
                        .collect();
                    shown.join("\n")
                });
            }
        }
        out
    }

    /// The status bar's words: `Signed off · 3f2a…`, `Sign-off stale`, `Not signed off`.
    pub fn status_text(&self) -> String {
        match self.state {
            SignOffKind::Unsigned => "Not signed off".into(),
            SignOffKind::Signed => format!("Signed off · {}…", self.hash.get(..4).unwrap_or_default()),
            SignOffKind::Stale => "Sign-off stale".into(),
        }
    }

    fn latest(&self) -> Option<&SignedRow> {
        self.signed.last()
    }
}

/// The dialog's fields, while it is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignOffDialog {
    pub name: String,
    pub role: String,
    pub date: String,
    /// The name field takes the keyboard on the dialog's first frame.
    focused: bool,
    /// The day the dialog opened: a sign-off cannot be dated after it.
    today: IsoDate,
}

impl SignOffDialog {
    /// A dialog with the reviewer's name from preferences and today's date.
    pub fn new(author: &str, today: IsoDate) -> Self {
        Self {
            name: author.trim().to_string(),
            role: String::new(),
            date: today.to_string(),
            focused: false,
            today,
        }
    }

    /// The sign-off the fields describe, or what is missing.
    fn ready(&self) -> Result<(String, String, IsoDate), &'static str> {
        let date = IsoDate::parse(&self.date).filter(|_| !self.date.contains('/'));
        match (self.name.trim(), self.role.trim(), date) {
            ("", _, _) => Err("Enter your name"),
            (_, "", _) => Err("Enter your role"),
            (_, _, None) => Err("Enter the date as YYYY-MM-DD"),
            (_, _, Some(date)) if date > self.today => Err("A sign-off cannot be dated after today"),
            (name, role, Some(date)) => Ok((name.to_string(), role.to_string(), date)),
        }
    }
}

pub fn name_id() -> egui::Id {
    egui::Id::unique("sign-off-name")
}

pub fn role_id() -> egui::Id {
    egui::Id::unique("sign-off-role")
}

pub fn date_id() -> egui::Id {
    egui::Id::unique("sign-off-date")
}

/// Tab and Shift+Tab between the fields, with what is typed after them in the same frame going
/// to the field they move to. egui moves the keyboard only at the end of the frame, so text
/// typed quickly after Tab (`Ann Lee⇥Quality lead`) would otherwise land in the field left.
fn route_tab(ctx: &egui::Context, dialog: &mut SignOffDialog) {
    let ids = [name_id(), role_id(), date_id()];
    let Some(start) = ids.iter().position(|id| ctx.memory(|m| m.has_focus(*id))) else {
        return;
    };
    let is_tab = |e: &egui::Event| {
        matches!(
            e,
            egui::Event::Key {
                key: Key::Tab,
                pressed: true,
                ..
            }
        )
    };
    let Some(back) = ctx.input(|i| {
        i.events.iter().find(|e| is_tab(e)).map(|e| match e {
            egui::Event::Key { modifiers, .. } => modifiers.shift,
            _ => false,
        })
    }) else {
        return;
    };
    // Past the date (or before the name), egui's own Tab goes on to Sign and Cancel: a
    // screen reader's user finds the buttons by tabbing.
    if (start == ids.len() - 1 && !back) || (start == 0 && back) {
        return;
    }
    // With a Tab this frame, text before it goes to the field left and text after it to the
    // next: the keyboard moves to the next field before the fields are drawn.
    let mut at = start;
    ctx.input_mut(|i| {
        i.events.retain(|e| match e {
            egui::Event::Key {
                key: Key::Tab,
                pressed,
                modifiers,
                ..
            } => {
                if *pressed {
                    at = if modifiers.shift { (at + 2) % 3 } else { (at + 1) % 3 };
                }
                false
            }
            egui::Event::Text(t) => {
                [&mut dialog.name, &mut dialog.role, &mut dialog.date][at].push_str(t);
                false
            }
            _ => true,
        });
    });
    let id = ids[at];
    // The cursor goes to the end of the field, after what was carried into it.
    let len = [&dialog.name, &dialog.role, &dialog.date][at].chars().count();
    let mut text_state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    let end = egui::text::CCursor::new(len);
    text_state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::one(end)));
    text_state.store(ctx, id);
    ctx.memory_mut(|m| {
        m.request_focus(id);
        // egui saw the Tab too; it must not move the keyboard a second time.
        m.move_focus(egui::FocusDirection::None);
    });
}

/// The hash as people see it everywhere: 64 lowercase hex digits, monospace, selectable.
fn hash_ui(ui: &mut egui::Ui, hash: &str) {
    ui.add(
        egui::Label::new(RichText::new(hash).monospace())
            .selectable(true)
            .wrap(),
    );
}

/// How many open threads and queried duties the dialog names before it counts the rest.
const FIRST_FEW: usize = 3;

/// What is still open, first, so nobody signs without seeing it; signing stays possible.
fn open_items_ui(ui: &mut egui::Ui, open: &OpenItems) {
    if open.is_empty() {
        return;
    }
    ui.add_space(6.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(format!("Still open: {}", open.headlines().join(" · "))).color(ui.visuals().warn_fg_color),
        );
        for line in open.first_few(FIRST_FEW) {
            ui.add(egui::Label::new(format!("• {line}")).wrap());
        }
        ui.weak("You can still sign: your sign-off records the mapping as it is, open items and all.");
    });
}

/// Draws the dialog; false once it should close (signed or cancelled).
pub fn sign_off_dialog_ui(
    ctx: &egui::Context,
    summary: &SignOffSummary,
    dialog: &mut SignOffDialog,
    commands: &mut Vec<Command>,
) -> bool {
    // Taken before the fields see it: a single-line field would only give up the keyboard.
    let enter = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
    route_tab(ctx, dialog);
    let mut keep = true;
    let modal = egui::Modal::new(egui::Id::unique("sign-off-dialog")).show(ctx, |ui| {
        // Zoomed in on a small screen the dialog hung off every edge, Sign out of sight: it
        // fits the window, its text scrolls, and Sign and Cancel stay below it in view.
        let screen = ui.ctx().content_rect();
        ui.set_width(560.0_f32.min(screen.width() - 48.0).max(200.0));
        let field = (ui.available_width() - 110.0).clamp(80.0, 300.0);
        egui::ScrollArea::vertical()
            .max_height((screen.height() - 140.0).max(80.0))
            .show(ui, |ui| {
                ui.heading("Sign off the mapping");
                ui.add_space(4.0);
                let now = match (summary.state, summary.latest()) {
                    (SignOffKind::Unsigned, _) | (_, None) => "Nobody has signed off this mapping yet.".to_string(),
                    (SignOffKind::Signed, Some(s)) => format!(
                        "Signed off by {} on {}; your sign-off is added beside it.",
                        s.name, s.date
                    ),
                    (SignOffKind::Stale, Some(s)) => format!(
                        "The sign-off by {} on {} is stale: the mapping changed since.",
                        s.name, s.date
                    ),
                };
                ui.label(now);
                open_items_ui(ui, &summary.open);
                ui.add_space(8.0);
                egui::Grid::new("sign-off-fields")
                    .num_columns(2)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        ui.label("Content hash");
                        hash_ui(ui, &summary.hash);
                        ui.end_row();
                        // Each field named by the label beside it, for a screen reader.
                        let label = ui.label("Name");
                        let name = ui
                            .add(
                                egui::TextEdit::singleline(&mut dialog.name)
                                    .id(name_id())
                                    .hint_text("Your name")
                                    .desired_width(field),
                            )
                            .labelled_by(label.id);
                        if !dialog.focused {
                            name.request_focus();
                            dialog.focused = true;
                        }
                        ui.end_row();
                        let label = ui.label("Role");
                        ui.add(
                            egui::TextEdit::singleline(&mut dialog.role)
                                .id(role_id())
                                .hint_text("Quality lead, employer representative…")
                                .desired_width(field),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                        let label = ui.label("Date");
                        ui.add(
                            egui::TextEdit::singleline(&mut dialog.date)
                                .id(date_id())
                                .hint_text("YYYY-MM-DD")
                                .desired_width(120.0),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                    });
                ui.add_space(6.0);
                ui.weak(
                    "The hash is the SHA-256 of the programme, modules, mappings and standards (not the comments). \
             If any of them changes after you sign, your sign-off shows as stale, with what changed.",
                );
                crate::app::focus::show_focused_in(ui);
            });
        ui.add_space(8.0);
        let ready = match &summary.refusal {
            Some(_) => Err("Resolve the merge conflicts first"),
            None => dialog.ready(),
        };
        if let Some(why) = &summary.refusal {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Cannot sign off: {why}."));
        }
        ui.horizontal(|ui| {
            let sign = ui
                .add_enabled(ready.is_ok(), egui::Button::new("Sign"))
                .on_hover_text("Enter");
            if ui.button("Cancel").on_hover_text("Esc").clicked() {
                keep = false;
            }
            match &ready {
                Ok((name, role, date)) if sign.clicked() || enter => {
                    commands.push(Command::SignOff {
                        name: name.clone(),
                        role: role.clone(),
                        date: *date,
                    });
                    keep = false;
                }
                Ok(_) => {
                    ui.weak("Enter signs · Esc cancels");
                }
                Err(missing) => {
                    ui.weak(*missing);
                }
            }
        });
    });
    super::access::dialog(ctx, modal.response.layer_id.id, "Sign off the mapping", true);
    keep && !modal.should_close()
}

/// The sign-off at a glance, in the status bar; a click lists the sign-offs.
pub fn sign_off_status_ui(ui: &mut egui::Ui, summary: &SignOffSummary, commands: &mut Vec<Command>) {
    let text = summary.status_text();
    let text = match summary.state {
        SignOffKind::Stale => RichText::new(text).color(ui.visuals().warn_fg_color),
        _ => RichText::new(text),
    };
    let hover = match (summary.state, summary.latest()) {
        (SignOffKind::Signed, Some(s)) => format!("Signed off by {} ({}) on {}\n{}", s.name, s.role, s.date, s.hash),
        (SignOffKind::Stale, Some(s)) => format!(
            "The sign-off by {} on {} is stale: {}",
            s.name,
            s.date,
            summary.counts.as_deref().unwrap_or("the mapping changed since")
        ),
        _ => "Nobody has signed off this mapping. Review > Sign off… signs it.".into(),
    };
    if ui
        .add(egui::Button::new(text).frame(false))
        .on_hover_text(hover)
        .clicked()
    {
        commands.push(Command::Ui(UiCommand::SignOffs));
    }
}

/// Esc closes the window listing the sign-offs: taken before the grid keys, which would use it.
pub fn esc_closes_sign_offs(ctx: &egui::Context) -> bool {
    ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
}

/// The window listing the sign-offs, newest first, with what changed since a stale one.
/// False once it should close.
pub fn sign_offs_window_ui(ctx: &egui::Context, summary: &SignOffSummary, commands: &mut Vec<Command>) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new("Sign-offs")
        .id(egui::Id::unique("sign-offs-window"))
        .collapsible(false)
        .default_width(620.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .open(&mut open)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Content hash now:");
                hash_ui(ui, &summary.hash);
            });
            ui.separator();
            if summary.signed.is_empty() {
                ui.label("Nobody has signed off this mapping yet.");
            }
            for (i, s) in summary.signed.iter().enumerate().rev() {
                let latest = i + 1 == summary.signed.len();
                let how = match (s.current, latest) {
                    (true, _) => RichText::new("holds").color(ui.visuals().hyperlink_color),
                    (false, true) => RichText::new("stale").color(ui.visuals().warn_fg_color),
                    (false, false) => RichText::new("of an earlier version").weak(),
                };
                ui.horizontal(|ui| {
                    ui.strong(format!("{} ({})", s.name, s.role));
                    ui.label(format!("on {}", s.date));
                    ui.label(how);
                });
                hash_ui(ui, &s.hash);
                ui.add_space(4.0);
            }
            if summary.state == SignOffKind::Stale {
                ui.separator();
                if !summary.record_intact {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "The sign-off record was edited: the content it kept does not match its hash.",
                    );
                }
                match (&summary.counts, &summary.changes) {
                    (Some(counts), Some(changes)) => {
                        ui.label(format!("Changed since the latest sign-off: {counts}"));
                        egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                            ui.add(egui::Label::new(RichText::new(changes.trim_end()).monospace()).selectable(true));
                        });
                    }
                    _ => {
                        ui.label("What changed since cannot be told: the sign-off kept no content.");
                    }
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button(UiCommand::SignOff.label()).clicked() {
                    commands.push(Command::Ui(UiCommand::SignOff));
                }
                if ui.button("Close").on_hover_text("Esc").clicked() {
                    close = true;
                }
            });
        });
    super::access::title_bar(ctx, egui::Id::unique("sign-offs-window"), "Sign-offs");
    open && !close
}
