//! The side panels' widths, as shares of the window: a layout made on a 1920 px screen keeps
//! its proportions at 1280, and together the panels always leave the grid room.

use crate::app::layout::Layout;

/// The side panels, from the left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SidePanel {
    Standards,
    Coverage,
    Comments,
}

/// The most of the window's width the side panels take together: the grid keeps the rest.
pub const PANELS_AT_MOST: f32 = 0.55;

/// No panel is laid out narrower than this, however narrow the window.
const MIN_NARROW: f32 = 130.0;

impl SidePanel {
    pub const ALL: [SidePanel; 3] = [SidePanel::Standards, SidePanel::Coverage, SidePanel::Comments];

    pub fn salt(self) -> &'static str {
        match self {
            SidePanel::Standards => "standards",
            SidePanel::Coverage => "coverage",
            SidePanel::Comments => "comments",
        }
    }

    /// Narrower than this, a panel's text no longer reads well.
    fn comfortable(self) -> f32 {
        match self {
            SidePanel::Standards => 200.0,
            SidePanel::Coverage | SidePanel::Comments => 220.0,
        }
    }

    /// The narrowest it is laid out in a window `window` wide: comfortable, except in a
    /// window so narrow (800 px) that three comfortable panels would leave the grid no room
    /// (the inspector once covered every column); then as narrow as a third of the panels'
    /// part of the window allows, down to a floor where wrapped text still reads.
    pub fn min(self, window: f32) -> f32 {
        let third = window * PANELS_AT_MOST / SidePanel::ALL.len() as f32;
        self.comfortable().min(third.max(MIN_NARROW))
    }

    /// The width a panel the user never dragged takes in a window `window` wide.
    pub fn default_width(self, window: f32) -> f32 {
        match self {
            SidePanel::Standards | SidePanel::Coverage => (window * 0.2).clamp(220.0, 340.0),
            SidePanel::Comments => (window * 0.22).clamp(260.0, 380.0),
        }
    }

    pub fn shown(self, l: &Layout) -> bool {
        match self {
            SidePanel::Standards => l.show_standards,
            SidePanel::Coverage => l.show_coverage || l.show_inspector,
            SidePanel::Comments => l.show_comments,
        }
    }

    pub fn share(self, l: &Layout) -> Option<f32> {
        match self {
            SidePanel::Standards => l.standards_share,
            SidePanel::Coverage => l.coverage_share,
            SidePanel::Comments => l.comments_share,
        }
    }

    pub fn share_mut(self, l: &mut Layout) -> &mut Option<f32> {
        match self {
            SidePanel::Standards => &mut l.standards_share,
            SidePanel::Coverage => &mut l.coverage_share,
            SidePanel::Comments => &mut l.comments_share,
        }
    }

    /// The widest the user may drag it.
    pub fn max(self, window: f32) -> f32 {
        (window * 0.35).max(self.min(window))
    }

    /// The width the layout asks for, before the panels are fitted together.
    fn wanted(self, l: &Layout, window: f32) -> f32 {
        let w = match self.share(l) {
            // A share from a broken preferences file is no share.
            Some(s) if s.is_finite() && s > 0.0 => s * window,
            _ => self.default_width(window),
        };
        w.clamp(self.min(window), self.max(window))
    }
}

/// Each shown panel's width in a window `window` wide: the shares the user chose (or the
/// defaults), narrowed together when they would leave the grid less than its part.
pub fn side_widths(l: &Layout, window: f32) -> Vec<(SidePanel, f32)> {
    let mut widths: Vec<(SidePanel, f32)> = SidePanel::ALL
        .into_iter()
        .filter(|p| p.shown(l))
        .map(|p| (p, p.wanted(l, window)))
        .collect();
    let room = window * PANELS_AT_MOST;
    // Narrowed together; one held at its minimum leaves the others the rest to share.
    for _ in 0..SidePanel::ALL.len() {
        let total: f32 = widths.iter().map(|(_, w)| w).sum();
        if total <= room + 0.01 {
            break;
        }
        let held: f32 = widths.iter().filter(|(p, w)| *w <= p.min(window)).map(|(_, w)| w).sum();
        let free = total - held;
        if free <= 0.0 {
            break;
        }
        let scale = ((room - held) / free).max(0.0);
        for (p, w) in &mut widths {
            if *w > p.min(window) {
                *w = (*w * scale).max(p.min(window));
            }
        }
    }
    widths
}

/// After the frame: a width the user is dragging to is kept as its share of the window; a
/// panel left where the layout put it keeps following the window. (A panel also widens to
/// fit its content; that is not the user's choice, so only a drag counts.)
pub fn remember(l: &mut Layout, panel: SidePanel, width: f32, laid_out: f32, window: f32, dragging: bool) {
    if dragging && (width - laid_out).abs() > 2.0 && window > 0.0 {
        *panel.share_mut(l) = Some(width / window);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn width_of(widths: &[(SidePanel, f32)], p: SidePanel) -> f32 {
        widths.iter().find(|(q, _)| *q == p).map_or(0.0, |(_, w)| *w)
    }

    #[test]
    fn widths_dragged_at_1920_keep_their_share_at_1280() {
        let mut l = Layout::default();
        // Dragged wide on a large screen: 500 px each.
        remember(&mut l, SidePanel::Standards, 500.0, 340.0, 1920.0, true);
        remember(&mut l, SidePanel::Coverage, 500.0, 340.0, 1920.0, true);
        let at_1920 = side_widths(&l, 1920.0);
        assert!((width_of(&at_1920, SidePanel::Standards) - 500.0).abs() < 1.0);
        let at_1280 = side_widths(&l, 1280.0);
        let panels: f32 = at_1280.iter().map(|(_, w)| w).sum();
        assert!(panels <= 1280.0 * PANELS_AT_MOST + 0.5, "{panels}");
        assert!(width_of(&at_1280, SidePanel::Standards) < 340.0);
    }

    #[test]
    fn with_the_comments_pane_open_the_grid_still_keeps_its_part() {
        let l = Layout {
            show_comments: true,
            ..Layout::default()
        };
        let widths = side_widths(&l, 1280.0);
        assert_eq!(widths.len(), 3);
        let panels: f32 = widths.iter().map(|(_, w)| w).sum();
        assert!(panels <= 1280.0 * PANELS_AT_MOST + 0.5, "{panels}");
        // Nothing narrower than it reads well at.
        assert!(widths.iter().all(|(p, w)| *w >= p.comfortable()));
        // At 800 px the panels narrow below that, so the grid keeps its part there too.
        let widths = side_widths(&l, 800.0);
        let panels: f32 = widths.iter().map(|(_, w)| w).sum();
        assert!(panels <= 800.0 * PANELS_AT_MOST + 0.5, "{panels}");
    }

    #[test]
    fn a_panel_left_at_its_width_keeps_following_the_window() {
        let mut l = Layout::default();
        let laid_out = width_of(&side_widths(&l, 1920.0), SidePanel::Coverage);
        remember(&mut l, SidePanel::Coverage, laid_out + 1.0, laid_out, 1920.0, true);
        assert_eq!(l.coverage_share, None);
        // Widened by its content, not by the user.
        remember(&mut l, SidePanel::Coverage, laid_out + 20.0, laid_out, 1920.0, false);
        assert_eq!(l.coverage_share, None);
        l.coverage_share = Some(f32::NAN);
        assert_eq!(width_of(&side_widths(&l, 1280.0), SidePanel::Coverage), 256.0);
    }
}
