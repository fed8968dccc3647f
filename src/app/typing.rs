//! Typing at a quick typist's pace. egui moves the keyboard between frames: Tab and Escape act
//! as a frame begins or ends, and a field asked to take the keyboard takes it from the next
//! frame. Letters that arrive in the same frame as such a key would go to the field the
//! keyboard is leaving, or to none. So each key that moves the keyboard starts a frame of
//! its own, and what was typed after it waits. It waits one frame more, too: a dialog a
//! shortcut opens is drawn first in the frame after the shortcut's and asks for the keyboard
//! there, so its field has it only in the frame after that. A click is paced the same way:
//! Add module makes a row whose code field takes the keyboard two frames on, and a person
//! types the code at once. What is typed in the inspector and not yet applied is journalled
//! from here too (`note_typing`), so a crash keeps it.

use egui::{Event, Key, RawInput};

/// The events held back for the next frame.
#[derive(Default)]
pub struct PacedInput {
    held: Vec<Event>,
    /// The last frame began with a key that moves the keyboard: this one settles, without input.
    settle: bool,
}

impl PacedInput {
    /// Asks for the next frame while anything is held: a repaint asked for in the raw input
    /// hook, before the frame begins, is not enough to be sure one comes.
    pub fn keep_going(&self, ctx: &egui::Context) {
        if !self.held.is_empty() || self.settle {
            ctx.request_repaint();
        }
    }

    /// Puts what was held first, then cuts this frame's events at the first key that moves
    /// the keyboard: before it, when something came first; else after it (and the text it
    /// typed itself). `moves` tells such keys, given the key and its modifiers.
    /// While `waiting` (a dialog's first control is still to take the keyboard), everything
    /// waits.
    pub fn pace(
        &mut self,
        ctx: &egui::Context,
        raw: &mut RawInput,
        waiting: bool,
        moves: impl Fn(Key, egui::Modifiers) -> bool,
    ) {
        if !self.held.is_empty() {
            let mut events = std::mem::take(&mut self.held);
            events.append(&mut raw.events);
            raw.events = events;
        }
        if std::mem::take(&mut self.settle) || waiting {
            if !raw.events.is_empty() {
                self.held = std::mem::take(&mut raw.events);
                ctx.request_repaint();
            }
            return;
        }
        let first = raw.events.iter().position(|e| match e {
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => moves(*key, *modifiers),
            _ => is_click_release(e),
        });
        let Some(at) = first else { return };
        if raw.events.get(at).is_some_and(is_click_release) {
            // The click stays whole in this frame (a press and release a slow frame apart
            // read as a long press); what follows waits for the field it made to be drawn.
            self.settle = true;
            if at + 1 < raw.events.len() {
                self.held = raw.events.split_off(at + 1);
                ctx.request_repaint();
            }
            return;
        }
        let types_itself = matches!(
            raw.events.first(),
            Some(Event::Key { key, .. }) if !matches!(key, Key::Tab | Key::Escape | Key::Enter | Key::F6 | Key::F8)
        );
        self.settle = at == 0;
        let cut = if at > 0 {
            at
        } else if types_itself && matches!(raw.events.get(1), Some(Event::Text(_))) {
            2
        } else {
            1
        };
        if cut < raw.events.len() {
            self.held = raw.events.split_off(cut);
            ctx.request_repaint();
        }
    }
}

/// A primary click ends: it may give the keyboard to a field, or add a row whose field takes it.
fn is_click_release(e: &Event) -> bool {
    matches!(
        e,
        Event::PointerButton {
            button: egui::PointerButton::Primary,
            pressed: false,
            ..
        }
    )
}

impl super::HtqApp {
    /// Paces this frame's input (eframe's raw input hook).
    pub(super) fn pace_input(&mut self, ctx: &egui::Context, raw: &mut RawInput) {
        let grid = super::focus::grid_has_keys(ctx) && !self.keys_held();
        let waiting = self.state.dialog_focus.is_entering();
        self.paced.pace(ctx, raw, waiting, |k, m| moves_keyboard(k, m, grid));
    }
}

/// The keys that move the keyboard to another widget: Tab, Escape, Enter, F6 and F8, any
/// shortcut (it may open a dialog or a search box), and P while the grid has the keyboard.
pub fn moves_keyboard(key: Key, m: egui::Modifiers, grid_has_keys: bool) -> bool {
    match key {
        Key::Tab | Key::Escape | Key::Enter | Key::F6 | Key::F8 => true,
        _ if m.ctrl || m.command || m.alt => true,
        Key::P => grid_has_keys,
        _ => false,
    }
}

/// The least time between two journal records of the inspector's unapplied typing, in seconds.
const TYPING_NOTE_EVERY: f64 = 1.0;

impl super::HtqApp {
    /// Journals a note or reason typed in the inspector and not applied yet, so a crash keeps
    /// it: once a second at most, as a journal on a network drive syncs slowly, and once more
    /// when the typing pauses.
    pub(super) fn note_typing(&mut self, ctx: &egui::Context) {
        // One cell's note or reason, or the reason typed for a range's partial cells.
        let project = self.doc.project();
        let range = self.state.inspector.range_reason.edits(project);
        let typing = if range.is_empty() {
            super::cell_edits::draft_edit(project, &self.state.inspector.draft)
                .into_iter()
                .collect()
        } else {
            range
        };
        if self.doc.typing_is_noted(&typing) {
            return;
        }
        let now = ctx.input(|i| i.time);
        let wait = TYPING_NOTE_EVERY - (now - self.state.inspector.typing_noted_at);
        if wait > 0.0 {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
            return;
        }
        self.state.inspector.typing_noted_at = now;
        if let Some(problem) = self.doc.note_typing(typing) {
            self.last_action = problem;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: Key) -> Event {
        Event::Key {
            key: k,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    #[test]
    fn a_key_that_moves_the_keyboard_starts_its_own_frame() {
        let ctx = egui::Context::default();
        let mut paced = PacedInput::default();
        let moves = |k, m| moves_keyboard(k, m, true);
        let mut raw = RawInput {
            events: vec![Event::Text("k".into()), key(Key::Escape), Event::Text("x".into())],
            ..Default::default()
        };
        paced.pace(&ctx, &mut raw, false, moves);
        assert_eq!(
            raw.events,
            vec![Event::Text("k".into())],
            "the letter before Esc stays in its frame"
        );
        let mut next = RawInput::default();
        paced.pace(&ctx, &mut next, false, moves);
        assert_eq!(next.events, vec![key(Key::Escape)]);
        let mut settle = RawInput {
            events: vec![Event::Text("y".into())],
            ..Default::default()
        };
        paced.pace(&ctx, &mut settle, false, moves);
        assert!(settle.events.is_empty(), "a frame for the field to take the keyboard");
        let mut last = RawInput::default();
        paced.pace(&ctx, &mut last, false, moves);
        assert_eq!(last.events, vec![Event::Text("x".into()), Event::Text("y".into())]);
        // Letters typed straight after a click wait for the field the click made; the click
        // itself stays whole.
        let button = |pressed| Event::PointerButton {
            pos: egui::pos2(10.0, 10.0),
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        };
        let mut raw = RawInput {
            events: vec![button(true), button(false), Event::Text("H".into())],
            ..Default::default()
        };
        paced.pace(&ctx, &mut raw, false, moves);
        assert_eq!(raw.events, vec![button(true), button(false)]);
        let mut settle = RawInput::default();
        paced.pace(&ctx, &mut settle, false, moves);
        assert!(
            settle.events.is_empty(),
            "the new row is drawn and asks for the keyboard"
        );
        let mut typed = RawInput::default();
        paced.pace(&ctx, &mut typed, false, moves);
        assert_eq!(typed.events, vec![Event::Text("H".into())]);
        // While a dialog's first control is still to take the keyboard, letters wait for it.
        let mut raw = RawInput {
            events: vec![Event::Text("Q".into())],
            ..Default::default()
        };
        paced.pace(&ctx, &mut raw, true, moves);
        assert!(raw.events.is_empty(), "held while the dialog opens");
        let mut after = RawInput::default();
        paced.pace(&ctx, &mut after, false, moves);
        assert_eq!(after.events, vec![Event::Text("Q".into())]);
        // P and its own text come together; the reason's letters wait a frame.
        let mut raw = RawInput {
            events: vec![
                key(Key::P),
                Event::Text("p".into()),
                key(Key::F),
                Event::Text("F".into()),
            ],
            ..Default::default()
        };
        paced.pace(&ctx, &mut raw, false, moves);
        assert_eq!(raw.events.len(), 2);
        paced.pace(&ctx, &mut RawInput::default(), false, moves);
        let mut next = RawInput::default();
        paced.pace(&ctx, &mut next, false, moves);
        assert_eq!(next.events, vec![key(Key::F), Event::Text("F".into())]);
    }
}
