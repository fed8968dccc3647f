//! Tab in the order the panes are seen: the menu, the standards panel, the grid, the
//! inspector and coverage panel, the comments pane, the status bar. egui tabs in the order
//! widgets are drawn, and egui must draw the status bar and the side panels before the grid
//! (they take their space first), so Tab would jump from the menu to the status bar and reach
//! the grid last. Within a pane egui's order stands (it is the pane's reading order); where
//! Tab leaves a pane for one out of turn, the keyboard is taken back and put on the first
//! control of the pane next in turn (the last, for Shift+Tab). A leaf: panels report their
//! rectangles and call `pane_begins` and `pane_ends` around their contents.

use egui::{Context, FocusDirection, Id, Key, LayerId, Rect};

/// The panes, in the order they are seen: left to right, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Menu,
    Standards,
    Grid,
    Right,
    Comments,
    Status,
    /// The windows open over the panes (the modules editor, Sign-offs…), after the status bar.
    /// Tab passes over the panes a window hides.
    Windows,
}

const ORDER: [Region; 7] = [
    Region::Menu,
    Region::Standards,
    Region::Grid,
    Region::Right,
    Region::Comments,
    Region::Status,
    Region::Windows,
];

#[derive(Clone, Default)]
struct TabOrder {
    /// Each pane drawn this frame and last, with its rectangle.
    now: Vec<(Region, Rect)>,
    last: Vec<(Region, Rect)>,
    tab: Option<Tab>,
    entry: Option<Entry>,
    /// The widget that had the keyboard when the last frame ended.
    ended_on: Option<Id>,
    /// Where Esc took the keyboard from this frame.
    escaped: Option<Escaped>,
    /// The last widget in a pane (not in a popup) to have the keyboard: a menu's button, or
    /// the grid under a cell's menu, which the keyboard goes back to when Esc closes it.
    opener: Option<Id>,
}

/// Where Esc, pressed this frame, took the keyboard from (egui lets it go on Esc).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escaped {
    /// A widget in this pane.
    Pane(Region),
    /// A popup or a menu, opened from this widget.
    Popup(Option<Id>),
}

/// A Tab pressed: from which widget and pane, and whether backwards.
#[derive(Clone, Copy)]
struct Tab {
    from: Option<Id>,
    region: Option<Region>,
    back: bool,
}

/// A pane the keyboard is to enter on this frame (its first control, or its last backwards).
#[derive(Clone, Copy)]
struct Entry {
    region: Region,
    back: bool,
    applied: bool,
    tries: u8,
}

fn id() -> Id {
    Id::unique("htq-tab-order")
}

fn with<R>(ctx: &Context, f: impl FnOnce(&mut TabOrder) -> R) -> R {
    ctx.data_mut(|d| f(d.get_temp_mut_or_default::<TabOrder>(id())))
}

/// Which pane a widget is in, by where it is; a window's widgets are in `Windows`, a popup's
/// or a menu's in none.
fn region_of(ctx: &Context, panes: &[(Region, Rect)], widget: Option<Id>) -> Option<Region> {
    let r = ctx.read_response(widget?)?;
    if r.layer_id.order == egui::Order::Middle {
        return Some(Region::Windows);
    }
    if r.layer_id != LayerId::background() {
        return None;
    }
    let shown = r.interact_rect.is_positive();
    let at = if shown {
        r.interact_rect.center()
    } else {
        r.rect.center()
    };
    let strip = |want: Region| panes.iter().any(|&(p, rect)| p == want && rect.contains(at));
    if shown && let Some(p) = [Region::Menu, Region::Status].into_iter().find(|&p| strip(p)) {
        return Some(p);
    }
    // A column by x alone (a widget scrolled out of its panel is still in its column); a side
    // panel's resize handle straddles its edge, so the side panels reach a little wider.
    let column = |want: Region, slack: f32| {
        panes
            .iter()
            .any(|&(p, rect)| p == want && rect.x_range().expand(slack).contains(at.x))
    };
    [Region::Standards, Region::Right, Region::Comments]
        .into_iter()
        .find(|&p| column(p, 6.0))
        .or_else(|| column(Region::Grid, 0.0).then_some(Region::Grid))
}

/// The pane the widget with the keyboard is in, as last drawn.
pub fn focused_region(ctx: &Context) -> Option<Region> {
    let panes = with(ctx, |s| {
        if s.now.is_empty() {
            s.last.clone()
        } else {
            s.now.clone()
        }
    });
    region_of(ctx, &panes, ctx.memory(|m| m.focused()))
}

/// Where the keyboard was until Esc, pressed this frame, let it go.
pub fn escaped_from(ctx: &Context) -> Option<Escaped> {
    with(ctx, |s| s.escaped)
}

/// The pane after (or before) `from` among those shown, wrapping.
fn step(panes: &[(Region, Rect)], from: Option<Region>, back: bool) -> Option<Region> {
    let shown: Vec<Region> = ORDER
        .into_iter()
        .filter(|r| panes.iter().any(|(p, _)| p == r))
        .collect();
    let n = shown.len();
    if n == 0 {
        return None;
    }
    let at = from.and_then(|f| shown.iter().position(|&r| r == f));
    let i = match (at, back) {
        (Some(i), false) => (i + 1) % n,
        (Some(i), true) => (i + n - 1) % n,
        (None, false) => 0,
        (None, true) => n - 1,
    };
    shown.get(i).copied()
}

/// Start of a frame, after egui has read the keys: a Tab pressed now is noted, and the
/// outcome of last frame's Shift+Tab (which egui applies only now) is checked.
pub fn frame_begins(ctx: &Context, keys_held: bool) {
    let (tab_key, back) = ctx.input(|i| (pressed(i, Key::Tab, true), i.modifiers.shift_only()));
    let esc = ctx.input(|i| pressed(i, Key::Escape, false));
    let focused = ctx.memory(|m| m.focused());
    let mut state = with(ctx, std::mem::take);
    state.last = std::mem::take(&mut state.now);
    // egui lets go of the keyboard on Esc before the frame: note where it was. A popup still
    // open (it closes on this Esc as it is drawn) held it, or its opener did.
    state.escaped = match state.ended_on {
        Some(_) if esc && focused.is_none() && egui::Popup::is_any_open(ctx) => Some(Escaped::Popup(state.opener)),
        Some(_) if esc && focused.is_none() => region_of(ctx, &state.last, state.ended_on).map(Escaped::Pane),
        _ => None,
    };
    if keys_held {
        state.tab = None;
        state.entry = None;
    }
    // A backward Tab from last frame has landed now.
    if let Some(tab) = state.tab.take().filter(|t| t.back) {
        check(ctx, &mut state, tab, focused);
    }
    // An entry that found nothing to focus tries the next pane.
    if let Some(e) = state.entry
        && e.applied
    {
        let landed = region_of(ctx, &state.last, focused) == Some(e.region);
        state.entry = match step(&in_view(ctx, &state.last), Some(e.region), e.back) {
            Some(next) if !landed && e.tries > 0 => Some(Entry {
                region: next,
                back: e.back,
                applied: false,
                tries: e.tries - 1,
            }),
            _ => None,
        };
    }
    if state.entry.is_some() {
        // A forward Tab off the last widget leaves egui about to give the keyboard to the
        // first widget drawn: a stand-in takes that turn and lets it go.
        let stand_in = Id::unique("htq-tab-order-stand-in");
        ctx.memory_mut(|m| {
            m.interested_in_focus(stand_in, LayerId::background());
            m.ignore_focus(stand_in);
        });
    }
    if tab_key && !keys_held {
        state.tab = Some(Tab {
            from: focused,
            region: region_of(ctx, &state.last, focused),
            back,
        });
    }
    with(ctx, |s| *s = state);
}

/// Whether `key` went down this frame, alone (or with Shift, where `shift` allows it).
fn pressed(i: &egui::InputState, key: Key, shift: bool) -> bool {
    i.events.iter().any(|e| {
        matches!(e, egui::Event::Key { key: k, pressed: true, modifiers, .. }
            if *k == key && (!modifiers.any() || (shift && modifiers.shift_only())))
    })
}

/// End of the frame: where a forward Tab went.
pub fn frame_ends(ctx: &Context) {
    let focused = ctx.memory(|m| m.focused());
    let mut state = with(ctx, std::mem::take);
    state.ended_on = focused;
    let panes = if state.now.is_empty() { &state.last } else { &state.now };
    if focused.is_some() && region_of(ctx, panes, focused).is_some() {
        state.opener = focused;
    }
    if let Some(tab) = state.tab.take_if(|t| !t.back) {
        check(ctx, &mut state, tab, focused);
    } else if state.tab.is_some() {
        ctx.request_repaint();
    }
    with(ctx, |s| *s = state);
}

/// Tab went from one pane to another out of turn: the keyboard goes back, and enters the
/// pane next in turn on the next frame.
fn check(ctx: &Context, state: &mut TabOrder, tab: Tab, to: Option<Id>) {
    if to.is_some() && to == tab.from {
        return;
    }
    let panes = if state.now.is_empty() { &state.last } else { &state.now };
    let landed = region_of(ctx, panes, to);
    // Into a popup or a menu (not a pane), or on within the same pane: egui's order stands.
    let in_a_popup = to.is_some() && landed.is_none();
    if in_a_popup || (landed.is_some() && landed == tab.region) {
        return;
    }
    // From a popup: none of this.
    if tab.from.is_some() && tab.region.is_none() {
        return;
    }
    let Some(next) = step(&in_view(ctx, panes), tab.region, tab.back) else {
        return;
    };
    if landed == Some(next) {
        return;
    }
    if let Some(from) = tab.from {
        ctx.memory_mut(|m| m.request_focus(from));
    }
    state.entry = Some(Entry {
        region: next,
        back: tab.back,
        applied: false,
        tries: ORDER.len() as u8,
    });
    ctx.request_repaint();
}

/// The panes a window does not hide: Tab passes over a pane mostly under an open window (the
/// modules editor covers nearly all), where the keyboard would act unseen. A pane beside a
/// small window is read in turn.
fn in_view(ctx: &Context, panes: &[(Region, Rect)]) -> Vec<(Region, Rect)> {
    let windows: Vec<Rect> = ctx.memory(|m| {
        m.areas()
            .visible_layer_ids()
            .into_iter()
            .filter(|l| l.order == egui::Order::Middle)
            .filter_map(|l| m.area_rect(l.id))
            .collect()
    });
    let hidden = |rect: Rect| {
        rect.is_positive()
            && windows
                .iter()
                .any(|w| w.intersects(rect) && w.intersect(rect).area() >= 0.5 * rect.area())
    };
    panes.iter().copied().filter(|&(_, rect)| !hidden(rect)).collect()
}

/// A pane drawn this frame, with the rectangle it takes.
pub fn pane_shown(ctx: &Context, region: Region, rect: Rect) {
    with(ctx, |s| s.now.push((region, rect)));
}

/// Call before the windows are drawn, when any is open (they come after the status bar).
pub fn windows_shown(ctx: &Context) {
    pane_shown(ctx, Region::Windows, Rect::NOTHING);
}

/// Call before a pane draws its contents: a forward entry gives the keyboard to its first
/// control (egui hands a Tab with nothing focused to the next widget that can take it).
pub fn pane_begins(ctx: &Context, region: Region) {
    if take_entry(ctx, region, false) {
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
            m.move_focus(FocusDirection::Next);
        });
    }
}

/// Call after a pane drew its contents: a backward entry gives the keyboard to its last
/// control (egui hands a Shift+Tab with nothing focused to the widget drawn last).
pub fn pane_ends(ctx: &Context, region: Region) {
    if take_entry(ctx, region, true) {
        let stand_in = Id::unique("htq-tab-order-stand-in");
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
            m.move_focus(FocusDirection::Previous);
            m.interested_in_focus(stand_in, LayerId::background());
            m.ignore_focus(stand_in);
        });
    }
}

fn take_entry(ctx: &Context, region: Region, back: bool) -> bool {
    let take = with(ctx, |s| match &mut s.entry {
        Some(e) if e.region == region && e.back == back && !e.applied => {
            e.applied = true;
            true
        }
        _ => false,
    });
    if take {
        ctx.request_repaint();
    }
    take
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_step_in_reading_order_and_wrap() {
        let r = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1.0, 1.0));
        let shown = [
            (Region::Status, r),
            (Region::Grid, r),
            (Region::Menu, r),
            (Region::Standards, r),
        ];
        assert_eq!(step(&shown, Some(Region::Menu), false), Some(Region::Standards));
        assert_eq!(step(&shown, Some(Region::Grid), false), Some(Region::Status));
        assert_eq!(step(&shown, Some(Region::Status), false), Some(Region::Menu));
        assert_eq!(step(&shown, Some(Region::Menu), true), Some(Region::Status));
        assert_eq!(step(&shown, None, false), Some(Region::Menu));
    }
}
