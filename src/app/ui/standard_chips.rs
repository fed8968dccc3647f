//! The standards panel's list as the keyboard and the pointer use it: the roving focus over
//! duties and chips, the keys on the focused item, and picking chips to drag together.

use egui::Sense;

use crate::analysis::Analysis;
use crate::app::command::Command;
use crate::app::comment_index::CommentIndex;
use crate::model::{KsbRef, Project};

/// Keys pressed on the focused item of the panel's list.
#[derive(Default)]
pub(super) struct ItemKeys {
    /// Enter.
    pub(super) activate: bool,
    /// M: map to the focused row's module.
    pub(super) map: bool,
    pub(super) left: bool,
    pub(super) right: bool,
}

/// What drawing the chips needs and gathers: the module keys map to, the picked chips and
/// their order on screen (for Shift-click ranges).
pub(super) struct Chips<'a> {
    pub(super) project: &'a Project,
    pub(super) analysis: &'a Analysis,
    pub(super) comments: &'a CommentIndex,
    /// The module of the focused grid row: Enter or M on a chip maps to it.
    pub(super) target: Option<String>,
    pub(super) picked: Vec<KsbRef>,
    pub(super) order: Vec<KsbRef>,
    pub(super) previous_order: Vec<KsbRef>,
    pub(super) gaps_only: bool,
    /// Duties and chips are one list for the keyboard: only the item at `cursor` is a Tab
    /// stop, and arrows move the cursor (a roving focus, as in a tree view).
    pub(super) items: usize,
    pub(super) cursor: usize,
    pub(super) focus_pending: bool,
    pub(super) commands: &'a mut Vec<Command>,
}

impl Chips<'_> {
    /// The next item's number and sense: only the item at the cursor takes keyboard focus.
    pub(super) fn next_item(&mut self) -> (usize, Sense) {
        let n = self.items;
        self.items += 1;
        // Clicks go to the drag source around the label; the label only holds the focus.
        let sense = if n == self.cursor {
            Sense::focusable_noninteractive()
        } else {
            Sense::hover()
        };
        (n, sense)
    }

    /// Focus, arrow keys and the ring for item `n`, once its label is drawn.
    pub(super) fn item_keys(&mut self, ui: &egui::Ui, n: usize, resp: &egui::Response, clicked: bool) -> ItemKeys {
        if clicked {
            // The keyboard follows the click, so M or Enter acts on the chip clicked rather
            // than type into the search box that had it.
            self.cursor = n;
            self.focus_pending = !resp.has_focus();
        }
        if n == self.cursor && self.focus_pending {
            resp.request_focus();
            self.focus_pending = false;
        }
        if !resp.has_focus() {
            return ItemKeys::default();
        }
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                resp.id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    ..Default::default()
                },
            )
        });
        ui.painter().rect_stroke(
            resp.rect.expand(1.0),
            2.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Outside,
        );
        let key = |k: egui::Key| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, k));
        // Counted, so that two presses within one frame move two items.
        let count = |k: egui::Key| ui.input_mut(|i| i.count_and_consume_key(egui::Modifiers::NONE, k));
        let (down, up) = (count(egui::Key::ArrowDown), count(egui::Key::ArrowUp));
        if down + up > 0 {
            self.cursor = (n + down).saturating_sub(up);
            self.focus_pending = true;
        }
        let keys = ItemKeys {
            activate: key(egui::Key::Enter),
            map: key(egui::Key::M),
            left: key(egui::Key::ArrowLeft),
            right: key(egui::Key::ArrowRight),
        };
        if down + up > 0 || keys.left || keys.right {
            crate::app::focus::arrows_were_handled(ui.ctx());
        }
        keys
    }

    /// Ctrl-click picks or unpicks a chip; Shift-click picks the run from the last pick.
    pub(super) fn pick(&mut self, r: &KsbRef, modifiers: egui::Modifiers) {
        if modifiers.shift
            && let Some(last) = self.picked.last()
            && let (Some(a), Some(b)) = (
                self.previous_order.iter().position(|k| k == last),
                self.previous_order.iter().position(|k| k == r),
            )
        {
            for k in &self.previous_order[a.min(b)..=a.max(b)] {
                if !self.picked.contains(k) {
                    self.picked.push(k.clone());
                }
            }
        } else if let Some(i) = self.picked.iter().position(|k| k == r) {
            self.picked.remove(i);
        } else {
            self.picked.push(r.clone());
        }
    }

    /// Maps KSBs to the module in focus, from the keyboard.
    pub(super) fn map_to_target(&mut self, ksbs: Vec<KsbRef>, label: String) {
        if let Some(module) = &self.target {
            self.commands.push(Command::MapKsbs {
                label: format!("Map {label} to {module}"),
                module: module.clone(),
                ksbs,
            });
        }
    }
}
