//! The grid's selection: the focused cell and the other corner of a selected rectangle, and
//! where the grid should scroll next. Set only by the command handler; widgets read it.

use std::ops::RangeInclusive;

/// A cell of the grid as (module row, column of the grid's shown KSBs).
pub type Cell = (usize, usize);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GridSelection {
    /// The focused grid cell.
    pub focused: Option<Cell>,
    /// The other corner of a selected rectangle of cells (Shift+click, Shift+arrows).
    pub anchor: Option<Cell>,
}

impl GridSelection {
    /// Focuses `cell`; with `extend` the rectangle stretches to it from the focused cell.
    pub fn select(&mut self, cell: Cell, extend: bool) {
        self.anchor = if extend { self.anchor.or(self.focused) } else { None };
        self.focused = Some(cell);
    }

    /// The selected rectangle of cells as (rows, columns), inclusive; one cell without an anchor.
    pub fn rectangle(&self) -> Option<(RangeInclusive<usize>, RangeInclusive<usize>)> {
        let (r, c) = self.focused?;
        let (ar, ac) = self.anchor.unwrap_or((r, c));
        Some((r.min(ar)..=r.max(ar), c.min(ac)..=c.max(ac)))
    }

    /// True when more than one cell is selected.
    pub fn is_range(&self) -> bool {
        self.rectangle()
            .is_some_and(|(rows, cols)| rows.start() != rows.end() || cols.start() != cols.end())
    }

    pub fn contains(&self, row: usize, col: usize) -> bool {
        self.rectangle()
            .is_some_and(|(rows, cols)| rows.contains(&row) && cols.contains(&col))
    }
}

/// Where the grid scrolls on its next frame: a row, a column, or both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScrollTarget {
    pub row: Option<usize>,
    pub col: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extending_keeps_the_first_corner() {
        let mut s = GridSelection::default();
        s.select((1, 1), false);
        s.select((3, 2), true);
        s.select((4, 4), true);
        assert_eq!(s.rectangle(), Some((1..=4, 1..=4)));
        assert!(s.is_range() && s.contains(2, 3) && !s.contains(0, 0));
        s.select((2, 2), false);
        assert!(!s.is_range());
    }
}
