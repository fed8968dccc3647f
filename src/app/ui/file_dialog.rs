//! The app's own file dialog, for desktops with no file dialog (no xdg portal, no zenity):
//! a folder list, the file kinds and a path field. It opens with the path field focused and
//! its text selected, so typing a full path and pressing Enter is enough. What a folder
//! holds and what a typed path means are decided in `file_listing`, without a window.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, PointerButton};

use crate::app::command::Command;
use crate::app::file_listing::{self, Decision, Entry};
use crate::app::file_picker::{FileKind, FilePurpose};

/// Rows drawn at most; anything further is reached by typing its name.
const MAX_ROWS: usize = 2000;

/// egui counts a second click within 0.3 s as a double-click. For a little longer than that
/// after a folder opens, its rows ignore the pointer, so the second click of a double-clicked
/// folder does not open or choose whatever row lands under it.
const CLICK_GUARD_SECONDS: f64 = 0.4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Focus {
    Keep,
    /// The path field. The keyboard brings it there with its text selected, so typing
    /// replaces it: a full path goes anywhere, a bare name into the folder shown.
    Field,
    /// The list's first row, after a folder was opened from the keyboard.
    List,
    /// The question whether to replace a file was just asked: its safe answer takes the keyboard.
    Replace,
}

pub struct FileDialog {
    purpose: FilePurpose,
    folder: PathBuf,
    /// The path field's text.
    text: String,
    /// A save's file name, kept while moving between folders.
    name: Option<String>,
    all_files: bool,
    entries: Result<Vec<Entry>, String>,
    selected: Option<PathBuf>,
    message: Option<String>,
    /// A file the user is being asked about replacing.
    confirm: Option<PathBuf>,
    focus: Focus,
    /// When the folder shown last changed (egui time), for the click guard.
    changed_at: Option<f64>,
}

impl FileDialog {
    /// A dialog for `purpose` in `folder`; saves prefill the path with `suggested`.
    pub fn new(purpose: FilePurpose, folder: PathBuf, suggested: Option<&str>) -> Self {
        let name = suggested.map(str::to_string);
        let mut d = Self {
            purpose,
            text: String::new(),
            folder,
            name,
            all_files: false,
            entries: Ok(Vec::new()),
            selected: None,
            message: None,
            confirm: None,
            focus: Focus::Field,
            changed_at: None,
        };
        d.show_folder(d.folder.clone());
        d
    }

    pub fn purpose(&self) -> FilePurpose {
        self.purpose
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    fn show_folder(&mut self, folder: PathBuf) {
        self.text = match &self.name {
            Some(name) => folder.join(name).display().to_string(),
            None => with_separator(&folder),
        };
        self.folder = folder;
        self.entries = file_listing::list(&self.folder, self.purpose.kind(), self.all_files);
        self.selected = None;
        self.message = None;
        self.confirm = None;
    }

    /// Opens a folder from the list or the Up button.
    fn open_folder(&mut self, folder: PathBuf, now: f64) {
        self.remember_typed_name();
        self.show_folder(folder);
        self.changed_at = Some(now);
    }

    /// A save keeps the file name typed so far when the folder changes.
    fn remember_typed_name(&mut self) {
        let typed = self.text.trim();
        if !self.purpose.saves() || typed.is_empty() || typed.ends_with(std::path::MAIN_SEPARATOR) {
            return;
        }
        let path = file_listing::resolve(&self.folder, typed);
        if !path.is_dir() {
            self.name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        }
    }

    /// Enter in the path field, or the accept button: the chosen path, if it will do.
    fn accept(&mut self, now: f64) -> Option<PathBuf> {
        let kind = self.purpose.kind();
        match file_listing::decide(
            &self.folder,
            &self.text,
            kind,
            self.purpose.saves(),
            self.confirm.as_deref(),
        ) {
            Decision::Choose(path) => Some(path),
            Decision::Enter(folder) => {
                self.open_folder(folder, now);
                self.focus = Focus::Field;
                None
            }
            Decision::ConfirmReplace(path) => {
                self.message = None;
                self.confirm = Some(path);
                self.focus = Focus::Replace;
                None
            }
            Decision::Problem(message) => {
                self.message = Some(message);
                self.confirm = None;
                self.focus = Focus::Field;
                None
            }
        }
    }

    fn guarded(&self, now: f64) -> bool {
        self.changed_at.is_some_and(|t| now - t < CLICK_GUARD_SECONDS)
    }
}

fn with_separator(folder: &Path) -> String {
    let mut s = folder.display().to_string();
    if !s.ends_with(std::path::MAIN_SEPARATOR) {
        s.push(std::path::MAIN_SEPARATOR);
    }
    s
}

/// What happens when the dialog's frame is done.
#[derive(Default)]
struct Outcome {
    chosen: Option<PathBuf>,
    cancelled: bool,
}

/// Draws the dialog; false once it is closed. A chosen path is pushed as `FileChosen`.
pub fn file_dialog_ui(ctx: &egui::Context, d: &mut FileDialog, commands: &mut Vec<Command>) -> bool {
    let now = ctx.input(|i| i.time);
    let screen = ctx.content_rect();
    let width = (screen.width() - 64.0).clamp(300.0, 640.0);
    let list_height = (screen.height() - 330.0).clamp(96.0, 320.0);
    let mut out = Outcome::default();
    let modal = egui::Modal::new(egui::Id::unique("file-dialog")).show(ctx, |ui| {
        ui.set_width(width);
        ui.heading(d.purpose.title());
        ui.add_space(4.0);
        folder_row_ui(ui, d, now);
        list_ui(ui, d, list_height, now, &mut out);
        kinds_ui(ui, d);
        ui.add_space(4.0);
        path_row_ui(ui, d, now, &mut out);
        formats_ui(ui, d);
        message_ui(ui, d, &mut out);
        ui.add_space(6.0);
        buttons_ui(ui, d, now, &mut out);
    });
    // Escape cancels; a click beside the dialog does not, so a stray click loses no typing.
    super::access::dialog(ctx, modal.response.layer_id.id, d.purpose.title(), true);
    let escape = modal.is_top_modal && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
    if let Some(path) = out.chosen {
        commands.push(Command::FileChosen {
            purpose: d.purpose,
            path,
        });
        return false;
    }
    !(out.cancelled || escape)
}

fn folder_row_ui(ui: &mut egui::Ui, d: &mut FileDialog, now: f64) {
    ui.horizontal(|ui| {
        let parent = d.folder.parent().map(Path::to_path_buf);
        let up = ui
            .add_enabled(parent.is_some(), egui::Button::new("⬆ Up"))
            .on_hover_text("The folder that holds this one");
        if up.clicked()
            && let Some(p) = parent
        {
            d.open_folder(p, now);
        }
        ui.add(egui::Label::new(egui::RichText::new(d.folder.display().to_string()).strong()).truncate());
    });
}

fn list_ui(ui: &mut egui::Ui, d: &mut FileDialog, height: f32, now: f64, out: &mut Outcome) {
    enum Act {
        /// A folder; true when opened from the keyboard, so focus stays in the list.
        Open(PathBuf, bool),
        Select(PathBuf),
        Choose(PathBuf),
    }
    let mut act = None;
    let guarded = d.guarded(now);
    let focus_first = d.focus == Focus::List;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("file-dialog-list")
            .max_height(height)
            .min_scrolled_height(height)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let entries = match &d.entries {
                    Err(message) => {
                        ui.colored_label(ui.visuals().warn_fg_color, message);
                        return;
                    }
                    Ok(e) if e.is_empty() => {
                        ui.weak("No folders or files of this kind here.");
                        return;
                    }
                    Ok(e) => e,
                };
                let row_width = ui.available_width();
                for (i, e) in entries.iter().take(MAX_ROWS).enumerate() {
                    // Folders end in a slash and are in bold: the fonts have no folder icon.
                    let text = if e.is_dir {
                        egui::RichText::new(format!("{}/", e.name)).strong()
                    } else {
                        egui::RichText::new(&e.name)
                    };
                    let selected = d.selected.as_ref() == Some(&e.path);
                    let row = egui::Button::selectable(selected, text)
                        .truncate()
                        .min_size(egui::vec2(row_width, 0.0));
                    let resp = ui.add(row);
                    if focus_first && i == 0 {
                        resp.request_focus();
                    }
                    if resp.gained_focus() {
                        resp.scroll_to_me(None);
                    }
                    let by_pointer = resp.clicked_by(PointerButton::Primary);
                    let by_keys = resp.clicked() && !by_pointer;
                    if by_keys || (by_pointer && !guarded) {
                        act = Some(match (e.is_dir, by_keys, resp.double_clicked()) {
                            (true, ..) => Act::Open(e.path.clone(), by_keys),
                            (false, true, _) | (false, _, true) => Act::Choose(e.path.clone()),
                            (false, false, false) => Act::Select(e.path.clone()),
                        });
                    }
                }
                if entries.len() > MAX_ROWS {
                    ui.weak(format!(
                        "and {} more: type a name to reach them",
                        entries.len() - MAX_ROWS
                    ));
                }
            });
    });
    if focus_first {
        d.focus = Focus::Keep;
    }
    match act {
        Some(Act::Open(folder, by_keys)) => {
            d.open_folder(folder, now);
            if by_keys {
                d.focus = Focus::List;
            }
        }
        Some(Act::Select(path)) => {
            d.text = path.display().to_string();
            d.selected = Some(path);
            d.message = None;
            d.confirm = None;
        }
        Some(Act::Choose(path)) => {
            d.text = path.display().to_string();
            d.selected = Some(path);
            if let Some(p) = d.accept(now) {
                out.chosen = Some(p);
            }
        }
        None => {}
    }
}

fn kinds_ui(ui: &mut egui::Ui, d: &mut FileDialog) {
    let kind = d.purpose.kind();
    ui.horizontal_wrapped(|ui| {
        let kinds: Vec<String> = kind
            .filters()
            .iter()
            .map(|(name, exts)| {
                format!(
                    "{name} ({})",
                    exts.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(" ")
                )
            })
            .collect();
        let shown = if kind == FileKind::Folder {
            "Shows folders".to_string()
        } else if d.all_files {
            "Shows folders and every file".to_string()
        } else {
            format!("Shows folders and {}", kinds.join(", "))
        };
        ui.weak(shown);
        if kind.offers_all_files() && ui.checkbox(&mut d.all_files, "All files").changed() {
            d.entries = file_listing::list(&d.folder, kind, d.all_files);
        }
    });
}

/// A save that can write more than one format (an export) offers them: choosing one sets the
/// path's extension, which is what decides the format written.
fn formats_ui(ui: &mut egui::Ui, d: &mut FileDialog) {
    let kind = d.purpose.kind();
    let filters = kind.filters();
    if !d.purpose.saves() || filters.len() < 2 {
        return;
    }
    let current = Path::new(d.text.trim())
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    ui.horizontal_wrapped(|ui| {
        ui.label("Format");
        for (name, exts) in filters {
            let Some(ext) = exts.first() else { continue };
            let on = current.as_deref() == Some(*ext);
            if ui.selectable_label(on, format!("{name} (.{ext})")).clicked() && !on {
                d.text = with_extension(&d.text, kind, ext);
                d.name = d.name.as_deref().map(|n| with_extension(n, kind, ext));
                d.message = None;
                d.confirm = None;
            }
        }
    });
}

/// `text` with its extension set to `ext`: replaced when it is one of `kind`'s, else added.
fn with_extension(text: &str, kind: crate::app::file_picker::FileKind, ext: &str) -> String {
    let typed = text.trim();
    if typed.is_empty() || typed.ends_with(std::path::MAIN_SEPARATOR) {
        return text.to_string();
    }
    let path = Path::new(typed);
    if kind.matches(path) {
        path.with_extension(ext).display().to_string()
    } else {
        format!("{typed}.{ext}")
    }
}

fn path_row_ui(ui: &mut egui::Ui, d: &mut FileDialog, now: f64, out: &mut Outcome) {
    ui.horizontal(|ui| {
        let label = ui.label("Path");
        let mut edit = egui::TextEdit::singleline(&mut d.text)
            .desired_width(f32::INFINITY)
            .show(ui);
        let resp = edit.response.response.clone().labelled_by(label.id);
        // Focus from the keyboard or the dialog selects the text; a click places the cursor.
        let pointer = ui.input(|i| i.pointer.any_down() || i.pointer.any_released());
        let keyboard_gain = resp.gained_focus() && !pointer && !resp.changed();
        if d.focus == Focus::Field || keyboard_gain {
            if d.focus == Focus::Field {
                resp.request_focus();
                d.focus = Focus::Keep;
            }
            let all = egui::text::CCursorRange::select_all_str(&d.text);
            edit.state.cursor.set_char_range(Some(all));
            edit.state.store(ui.ctx(), resp.id);
        }
        if resp.changed() {
            d.message = None;
            d.confirm = None;
            d.selected = None;
        }
        if resp.lost_focus()
            && ui.input(|i| i.key_pressed(Key::Enter))
            && let Some(p) = d.accept(now)
        {
            out.chosen = Some(p);
        }
    });
}

fn message_ui(ui: &mut egui::Ui, d: &mut FileDialog, out: &mut Outcome) {
    if let Some(message) = &d.message {
        ui.colored_label(ui.visuals().error_fg_color, message);
    }
    let Some(path) = d.confirm.clone() else { return };
    let name = crate::fsio::file_name(&path);
    let folder = path.parent().map(|p| p.display().to_string()).unwrap_or_default();
    let question = format!("{name} already exists in {folder}. Replace it?");
    ui.colored_label(ui.visuals().warn_fg_color, &question);
    ui.horizontal(|ui| {
        let replace = ui.button("Replace");
        let other = ui.button("Choose another name");
        // The keyboard starts on the choice that loses nothing, so a second Enter does not
        // replace someone's file; the question is read with whichever button has it.
        if d.focus == Focus::Replace {
            other.request_focus();
            d.focus = Focus::Keep;
        }
        for b in [&replace, &other] {
            ui.ctx()
                .accesskit_node_builder(b.id, |node| node.set_description(question.as_str()));
        }
        if replace.clicked() {
            out.chosen = Some(path);
        }
        if other.clicked() {
            d.confirm = None;
            d.focus = Focus::Field;
        }
    });
}

fn buttons_ui(ui: &mut egui::Ui, d: &mut FileDialog, now: f64, out: &mut Outcome) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if ui.button(d.purpose.verb()).clicked()
            && let Some(p) = d.accept(now)
        {
            out.chosen = Some(p);
        }
        if ui.button("Cancel").clicked() {
            out.cancelled = true;
        }
    });
}
