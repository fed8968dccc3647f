//! No tooltip for a widget the user never pointed at. A window that opens under a resting
//! pointer is told where the pointer is, as if it had moved there, and egui then shows the
//! tooltip of whatever lies beneath it half a second later (a grid cell's, at start, with the
//! pointer where the desktop left it). Tooltips wait until the pointer moves in the window,
//! or a button or the wheel is used.

/// Until the pointer moves, tooltips wait this long: for ever, in practice. (Infinity would
/// do too, but egui also schedules a repaint for when the wait ends.)
const NOT_YET: f32 = 1.0e6;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Wake {
    /// The first place egui was told the pointer is.
    first: Option<egui::Pos2>,
    moved: bool,
    /// The tooltip delay the user's style had.
    delay: Option<f32>,
}

fn id() -> egui::Id {
    egui::Id::unique("pointer-wake")
}

/// Reads this frame's input, before the widgets: while the pointer has not moved since the
/// window appeared, tooltips do not show.
pub fn watch(ctx: &egui::Context) {
    let mut w: Wake = ctx.data(|d| d.get_temp(id())).unwrap_or_default();
    if w.moved {
        return;
    }
    let before = w;
    ctx.input(|i| {
        for e in &i.events {
            match e {
                egui::Event::PointerMoved(p) => match w.first {
                    None => w.first = Some(*p),
                    Some(f) if f.distance(*p) > 0.5 => w.moved = true,
                    Some(_) => {}
                },
                egui::Event::PointerButton { .. } | egui::Event::MouseWheel { .. } => w.moved = true,
                _ => {}
            }
        }
    });
    let delay = *w
        .delay
        .get_or_insert_with(|| ctx.global_style().interaction.tooltip_delay);
    if w.moved {
        ctx.all_styles_mut(|s| s.interaction.tooltip_delay = delay);
    } else if before.delay.is_none() {
        ctx.all_styles_mut(|s| s.interaction.tooltip_delay = NOT_YET);
    }
    if w != before {
        ctx.data_mut(|d| d.insert_temp(id(), w));
    }
}
