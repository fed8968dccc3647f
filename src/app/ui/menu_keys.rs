//! The menu bar from the keyboard: F10 goes to it (and back to the grid), Alt and a menu's
//! first letter opens that menu, as in other desktop apps. egui's menu bar has neither.

use egui::{Context, Id, Key, Modifiers};

/// The top menus' buttons, as last drawn: each menu's letter and its button.
pub(super) type Buttons = Vec<(Key, Id)>;

pub(super) fn buttons_id() -> Id {
    Id::unique("menu-bar-buttons")
}

/// A top menu's button, with its letter underlined while Alt is held and given to a screen
/// reader as its shortcut.
pub(super) fn top_menu_ui(ui: &mut egui::Ui, title: &str, buttons: &mut Buttons, contents: impl FnOnce(&mut egui::Ui)) {
    let first = title.chars().next().unwrap_or('?');
    let key = Key::from_name(&first.to_string());
    let text: egui::WidgetText = if ui.input(|i| i.modifiers.alt) {
        let mut job = egui::text::LayoutJob::default();
        let style = ui.style();
        let font = egui::TextStyle::Button.resolve(style);
        let color = style.visuals.text_color();
        let (head, tail) = title.split_at(first.len_utf8());
        job.append(
            head,
            0.0,
            egui::TextFormat {
                font_id: font.clone(),
                color,
                underline: egui::Stroke::new(1.0, color),
                ..Default::default()
            },
        );
        job.append(
            tail,
            0.0,
            egui::TextFormat {
                font_id: font,
                color,
                ..Default::default()
            },
        );
        job.into()
    } else {
        title.into()
    };
    // Zoomed in on a small screen a menu is taller than the window: it scrolls, so its last
    // items (Quit, the theme) can still be reached. The room is measured from the menu's own
    // top, down to the window's foot.
    let response = ui
        .menu_button(text, |ui| {
            let below = (ui.ctx().content_rect().bottom() - ui.max_rect().top() - 16.0).max(120.0);
            // A popup's room is its size in the last frame, so without this the scroll area
            // never grows past its first guess and the lower items are cut off.
            ui.set_max_height(below);
            egui::ScrollArea::vertical().max_height(below).show(ui, |ui| {
                contents(ui);
                crate::app::focus::show_focused_in(ui);
            });
        })
        .response;
    if let Some(key) = key {
        ui.ctx()
            .accesskit_node_builder(response.id, |node| node.set_keyboard_shortcut(format!("Alt+{first}")));
        buttons.push((key, response.id));
    }
}

/// Reads F10 and Alt+letter before anything else takes the keys. Returns whether one acted.
pub fn menu_keys(ctx: &Context, in_menu_bar: bool) -> bool {
    let buttons: Buttons = ctx.data(|d| d.get_temp(buttons_id())).unwrap_or_default();
    let Some(&(_, file)) = buttons.first() else {
        return false;
    };
    if take_exact(ctx, Modifiers::NONE, Key::F10) {
        // F10 again leaves the menu bar for the grid.
        if in_menu_bar || egui::Popup::is_any_open(ctx) {
            egui::Popup::close_all(ctx);
            crate::app::focus::arm_grid_keys(ctx);
            ctx.memory_mut(|m| m.request_focus(crate::app::focus::grid_focus_id()));
        } else {
            ctx.memory_mut(|m| m.request_focus(file));
        }
        return true;
    }
    for (key, button) in buttons {
        if take_exact(ctx, Modifiers::ALT, key) {
            ctx.memory_mut(|m| m.request_focus(button));
            egui::Popup::open_id(ctx, button.with("popup"));
            return true;
        }
    }
    false
}

/// Takes `key` pressed with exactly `modifiers`: egui's own matching lets Shift+F10 (the
/// cell's menu) pass for F10, and Ctrl+Alt+F (AltGr on Windows) for Alt+F.
fn take_exact(ctx: &Context, modifiers: Modifiers, key: Key) -> bool {
    ctx.input_mut(|i| {
        let at = i.events.iter().position(|e| {
            matches!(e, egui::Event::Key { key: k, pressed: true, modifiers: m, .. } if *k == key && *m == modifiers)
        });
        at.is_some_and(|at| {
            i.events.remove(at);
            true
        })
    })
}
