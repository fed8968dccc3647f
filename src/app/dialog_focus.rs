//! The keyboard and the dialogs: when a dialog or window opens, the keyboard goes into it;
//! when it closes, the keyboard goes back to the widget that had it (the grid cell, a field),
//! so a screen reader reads on where the person was. Modal dialogs are egui `Modal`s, which
//! keep Tab inside them; their AccessKit nodes say they are modal (`ui::access::dialog`).

use egui::{FocusDirection, Id, LayerId, Order};

use super::HtqApp;
use super::focus::{FocusRequest, arm_grid_keys, grid_focus_id};
use super::modal::Modal;

/// A dialog or window that takes the keyboard when it opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    Modal(Modal),
    Palette,
    Catalogue,
    ModulesEditor,
    Portfolio,
    SignOffs,
    Conflicts,
    ChangeLog,
    Compare,
}

/// The dialogs open, each with the widget the keyboard goes back to when it closes.
#[derive(Default)]
pub struct DialogFocus {
    open: Vec<(Dialog, Option<Id>)>,
    entering: Option<Entering>,
    /// A dialog closed: where the keyboard goes back to, and frames left to wait for egui to
    /// let go of the dialog's modal layer (until then the widget behind would refuse it).
    returning: Option<(Option<Id>, u8)>,
}

impl DialogFocus {
    /// A dialog has opened and its first control has yet to take the keyboard: what is typed
    /// now is for that control, and waits for it.
    pub fn is_entering(&self) -> bool {
        self.entering.is_some()
    }
}

/// A dialog just opened, whose first control takes the keyboard once it is drawn.
struct Entering {
    dialog: Dialog,
    /// Frames left to try: a window's first frame is a sizing pass with nothing to focus.
    tries: u8,
    /// The layer held as modal for a frame, so Tab's first stop is inside the window.
    held: Option<LayerId>,
}

impl HtqApp {
    /// Run at the start of a frame, with the dialogs as the last frame's commands left them.
    pub(super) fn dialog_focus(&mut self, ctx: &egui::Context) {
        let now = self.open_dialogs();
        // What had the keyboard at the end of the last frame: the command that opened a dialog
        // may have taken it from the grid already (the modules editor does).
        let focused = ctx.memory(|m| m.focused()).or(self.last_focus);
        let df = &mut self.state.dialog_focus;
        let mut closed = Vec::new();
        df.open.retain(|&(d, back)| {
            let keep = now.contains(&d);
            if !keep {
                closed.push(back);
            }
            keep
        });
        // One dialog giving way to another (the unsaved prompt to the file dialog) hands on
        // where the keyboard goes back to.
        let inherited = closed.first().copied().flatten();
        let mut opened = false;
        for d in now {
            if !df.open.iter().any(|&(x, _)| x == d) {
                df.open.push((d, inherited.or(focused)));
                df.entering = Some(Entering {
                    dialog: d,
                    tries: 12,
                    held: None,
                });
                opened = true;
            }
        }
        if let Some(back) = closed.last().copied()
            && !opened
        {
            df.entering = None;
            df.returning = Some((back, 4));
        }
        self.give_keyboard_back(ctx);
        self.enter_dialog(ctx);
    }

    fn give_keyboard_back(&mut self, ctx: &egui::Context) {
        let df = &mut self.state.dialog_focus;
        let Some((back, tries)) = df.returning.take() else {
            return;
        };
        // The command that closed it sent the keyboard somewhere (the inspector, the search,
        // a new comment's box): it stays there.
        let in_panels = ctx
            .memory(|m| m.focused())
            .and_then(|id| ctx.read_response(id))
            .is_some_and(|r| r.layer_id == LayerId::background());
        if in_panels || self.state.focus != FocusRequest::None || self.state.standards.take_focus {
            return;
        }
        let alive = back
            .filter(|&id| id != grid_focus_id())
            .and_then(|id| Some((id, ctx.read_response(id)?.layer_id)));
        // Nothing had the keyboard, or what had it is gone (a menu item): it stays nowhere,
        // as before, rather than picking a cell a click could then change.
        let (id, layer) = match alive {
            Some(found) => found,
            None if back == Some(grid_focus_id()) => (grid_focus_id(), LayerId::background()),
            None => return,
        };
        // The dialog's modal layer lasts a frame after it: egui would take the focus away.
        if !ctx.memory(|m| m.allows_interaction(layer)) && tries > 0 {
            df.returning = Some((back, tries - 1));
            ctx.request_repaint();
            return;
        }
        ctx.memory_mut(|m| m.request_focus(id));
        if id == grid_focus_id() {
            arm_grid_keys(ctx);
        }
    }

    /// Moves the keyboard to the first control of the dialog that just opened, unless the
    /// dialog put it on a control of its own (a search box, a name field).
    fn enter_dialog(&mut self, ctx: &egui::Context) {
        let Some(e) = &mut self.state.dialog_focus.entering else {
            return;
        };
        let layer = match e.dialog {
            Dialog::Modal(_) => ctx.memory(|m| m.top_modal_layer()),
            _ => ctx.memory(|m| m.areas().top_layer_id(Order::Middle)),
        };
        let focused = ctx.memory(|m| m.focused()).and_then(|id| ctx.read_response(id));
        let shown = layer.filter(|l| ctx.memory(|m| m.areas().visible_last_frame(l)));
        e.tries = e.tries.saturating_sub(1);
        match shown {
            Some(l) if focused.as_ref().is_some_and(|r| r.layer_id == l) && e.tries > 0 => {
                // A window's close button and title come first: its first control is after them.
                let title = ctx
                    .memory(|m| m.area_rect(l.id))
                    .map(|a| a.min.y + ctx.global_style().spacing.interact_size.y);
                // Asked for by id, not by Tab: once the window is no longer held modal, Tab
                // from its title bar goes on to the menu bar. With nothing past the title, the
                // keyboard stays on the title, which names the window.
                if let Some(first) = title
                    .filter(|&t| focused.is_some_and(|r| r.rect.min.y < t))
                    .and_then(|t| first_control_below(ctx, l, t))
                {
                    ctx.memory_mut(|m| m.request_focus(first));
                    ctx.request_repaint();
                }
                self.state.dialog_focus.entering = None;
            }
            Some(_) if e.tries == 0 => self.state.dialog_focus.entering = None,
            None if e.tries == 0 => self.state.dialog_focus.entering = None,
            // Not drawn yet (a window's sizing pass): look again next frame, which must come
            // even with no input, as what is typed meanwhile waits for this.
            None => ctx.request_repaint(),
            Some(l) => {
                let modal = ctx.memory(|m| m.top_modal_layer()) == Some(l);
                // A window (not a modal) drawn last frame: its first control, asked for by id.
                let title = ctx
                    .memory(|m| m.area_rect(l.id))
                    .map(|a| a.min.y + ctx.global_style().spacing.interact_size.y);
                if !modal && let Some(first) = title.and_then(|t| first_control_below(ctx, l, t)) {
                    ctx.memory_mut(|m| m.request_focus(first));
                    self.state.dialog_focus.entering = None;
                } else if modal || e.held == Some(l) {
                    // Nothing behind the modal layer can take the keyboard: Tab's first stop
                    // is the dialog's first control.
                    ctx.memory_mut(|m| {
                        if let Some(id) = m.focused() {
                            m.surrender_focus(id);
                        }
                        m.move_focus(FocusDirection::Next);
                    });
                } else {
                    // A window: held modal for one frame, so the next one's Tab stays in it.
                    ctx.memory_mut(|m| m.set_modal_layer(l));
                    e.held = Some(l);
                }
                ctx.request_repaint();
            }
        }
    }
}

/// The first control in `layer` that can take the keyboard below `y` (a window's title bar),
/// in the order the last frame drew them.
fn first_control_below(ctx: &egui::Context, layer: LayerId, y: f32) -> Option<Id> {
    ctx.viewport(|v| {
        v.prev_pass
            .widgets
            .get_layer(layer)
            .find(|w| w.enabled && w.sense.is_focusable() && w.rect.min.y >= y)
            .map(|w| w.id)
    })
}
