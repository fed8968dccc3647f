//! Where the keyboard is and where it goes next: the requests widgets take on their next
//! frame, the panes F6 moves between, and whether the grid's own keys act. A leaf: widgets,
//! the key handling and the command handler all read it, and it reads none of them.

/// Where the keyboard should go on the next frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FocusRequest {
    #[default]
    None,
    Grid,
    /// The inspector: its coverage button for the cell as it is.
    Inspector,
    /// The inspector's workplace-reason field (after choosing partial).
    Reason,
    /// The inspector's note field ("Workplace reason and note…" on a full cell).
    Note,
}

/// The panes F6 and Shift+F6 move the keyboard between, in their order on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Standards,
    Grid,
    Inspector,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Standards, Pane::Grid, Pane::Inspector];

    /// The pane `step` places on from this one (wrapping), skipping those `shown` rejects.
    pub fn step(from: Option<Pane>, step: isize, shown: impl Fn(Pane) -> bool) -> Pane {
        let n = Self::ALL.len() as isize;
        // With no pane yet, forward starts before the first and backward after the last.
        let mut at = match from {
            Some(p) => Self::ALL.iter().position(|&x| x == p).unwrap_or(0) as isize,
            None if step > 0 => -1,
            None => n,
        };
        for _ in 0..n {
            at = (at + step).rem_euclid(n);
            let pane = Self::ALL[at as usize];
            if shown(pane) {
                return pane;
            }
        }
        Pane::Grid
    }
}

/// The id of the grid's keyboard focus: the whole grid is one keyboard stop.
pub fn grid_focus_id() -> egui::Id {
    egui::Id::unique("mapping-grid-focus")
}

fn grid_armed_id() -> egui::Id {
    egui::Id::unique("mapping-grid-keys-armed")
}

/// Whether the grid's letter, Space and arrow keys act this frame: while the grid has the
/// keyboard, or nothing has and the grid was the last to have it. Text typed after a box in
/// the comments pane, a thread card or a dialog lets the keyboard go never edits a cell.
pub fn grid_has_keys(ctx: &egui::Context) -> bool {
    let focused = ctx.memory(|m| m.focused());
    if let Some(id) = focused {
        ctx.data_mut(|d| d.insert_temp(grid_armed_id(), id == grid_focus_id()));
    }
    match focused {
        Some(id) => id == grid_focus_id(),
        // Before anything has had the keyboard, the grid has it.
        None => ctx.data(|d| d.get_temp(grid_armed_id())).unwrap_or(true),
    }
}

/// Takes the keyboard from the grid, say on a click in the comments pane: keys typed next
/// are not the grid's until a cell is clicked or the grid is tabbed to.
pub fn release_grid_keys(ctx: &egui::Context) {
    ctx.memory_mut(|m| m.surrender_focus(grid_focus_id()));
    ctx.data_mut(|d| d.insert_temp(grid_armed_id(), false));
}

/// Gives the grid's keys back at once, on a click on a cell, before the grid's focus lands on
/// the next frame.
pub fn arm_grid_keys(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(grid_armed_id(), true));
}

/// Keeps the keyboard where a widget's own arrow keys put it. egui moves the focus by the
/// arrows itself unless the focused widget's lock filter holds them, and that filter only takes
/// from the frame after it is set: on the first frame after a list item or the grid takes the
/// keyboard, a quick arrow would also move egui's focus, to whatever widget lies that way
/// (issue 23: five Downs 50 ms apart left the standards list for a duty's review button). Call
/// it on a frame where the widget used an arrow.
pub fn arrows_were_handled(ctx: &egui::Context) {
    ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
}

/// A ring around whatever has the keyboard, so focus is visible on every widget (egui shows
/// it on some, not on labels). The grid draws its own.
pub fn focus_ring(ctx: &egui::Context) {
    let Some(id) = ctx.memory(|m| m.focused()) else { return };
    if id == grid_focus_id() {
        return;
    }
    if let Some(r) = ctx.read_response(id) {
        let layer = egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("focus-ring"));
        let stroke = ctx.global_style().visuals.selection.stroke;
        ctx.layer_painter(layer)
            .rect_stroke(r.interact_rect.expand(1.5), 3.0, stroke, egui::StrokeKind::Outside);
    }
}

/// Scrolls a widget that Tab or F6 just focused into view, so focus never goes off-screen.
/// `last` is the widget that had the keyboard last frame.
pub fn follow_focus(ctx: &egui::Context, last: &mut Option<egui::Id>, keys_held: bool) {
    let mut focused = ctx.memory(|m| m.focused());
    // The widget with the keyboard went away (a Cancel that closes its box, a popup's item, a
    // button undone out of existence): the keyboard would be nowhere, and the next Tab start
    // again at the menu bar. It goes to the grid, where the work is. A dialog or a popup
    // places the keyboard itself.
    let keyboard = keyboard_last(ctx);
    let vanished = focused.is_none() && last.is_some_and(|id| ctx.read_response(id).is_none());
    if vanished && keyboard && !keys_held && !egui::Popup::is_any_open(ctx) {
        ctx.memory_mut(|m| m.request_focus(grid_focus_id()));
        focused = Some(grid_focus_id());
    }
    if focused != *last {
        // The grid's focus covers the whole grid: scrolling "to" it would only nudge the
        // table; the grid scrolls to its focused cell itself.
        let widget = focused.filter(|&id| id != grid_focus_id());
        if let Some(r) = widget.and_then(|id| ctx.read_response(id)) {
            r.scroll_to_me(None);
        }
        // A widget in a scroll area: the area scrolls only to a target set inside it.
        ctx.data_mut(|d| match widget {
            Some(id) => {
                d.insert_temp(to_show_id(), id);
            }
            None => {
                d.remove::<egui::Id>(to_show_id());
            }
        });
        *last = focused;
    }
}

/// Whether the last input that acted was a key, not a click: a mouse user's keyboard is left
/// where the click put it.
fn keyboard_last(ctx: &egui::Context) -> bool {
    let id = egui::Id::unique("focus-keyboard-last");
    let (key, pointer) = ctx.input(|i| {
        let key = i
            .events
            .iter()
            .any(|e| matches!(e, egui::Event::Key { pressed: true, .. }));
        (key, i.pointer.any_pressed() || i.pointer.any_released())
    });
    let mut keyboard = ctx.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
    if pointer {
        keyboard = false;
    } else if key {
        keyboard = true;
    }
    ctx.data_mut(|d| d.insert_temp(id, keyboard));
    keyboard
}

fn to_show_id() -> egui::Id {
    egui::Id::unique("focus-to-show")
}

/// Call last inside a scroll area's contents: a widget in it that the keyboard just reached
/// (by Tab or F6) is scrolled into view. egui's scroll areas take a scroll target only from
/// their own contents, so one set before the frame is drawn would reach none of them.
pub fn show_focused_in(ui: &egui::Ui) {
    let ctx = ui.ctx();
    let Some(id) = ctx.data(|d| d.get_temp::<egui::Id>(to_show_id())) else {
        return;
    };
    let Some(r) = ctx.read_response(id) else { return };
    if r.layer_id == ui.layer_id() && ui.min_rect().contains(r.rect.center()) {
        ctx.data_mut(|d| d.remove::<egui::Id>(to_show_id()));
        // At once: the keyboard is there now, and a click aimed at what is shown lands.
        r.scroll_to_me_animation(None, egui::style::ScrollAnimation::none());
    }
}

/// egui drops a text field's focus as soon as it sees a click elsewhere, before the field
/// reads the frame's keys: letters typed just before clicking another cell were lost. With
/// this, a click on a control still moves the keyboard there; a click on nothing leaves it.
pub fn keep_text_focus_until_taken(ctx: &egui::Context) {
    ctx.options_mut(|o| o.input_options.surrender_focus_on = egui::SurrenderFocusOn::Never);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_step_in_screen_order_and_skip_hidden_ones() {
        let all = |_| true;
        assert_eq!(Pane::step(None, 1, all), Pane::Standards);
        assert_eq!(Pane::step(None, -1, all), Pane::Inspector);
        assert_eq!(Pane::step(Some(Pane::Inspector), 1, all), Pane::Standards);
        assert_eq!(
            Pane::step(Some(Pane::Grid), -1, |p| p != Pane::Standards),
            Pane::Inspector
        );
    }
}
