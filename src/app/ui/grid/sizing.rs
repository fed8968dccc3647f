//! The grid's column widths, normal or compact. Compact narrows the KSB columns and the
//! module column so a whole standard fits a laptop: ST0215's 38 KSBs at 1920 px wide, 24 at
//! 1280 (with the standards panel and the inspector open at their default widths).

use std::ops::RangeInclusive;

/// The widths one grid mode draws with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ColumnSizes {
    /// Each KSB column.
    pub ksb: f32,
    /// The frozen module column at first: wide enough to read a title, narrower in compact.
    pub module: f32,
    /// The KSB codes in the header.
    pub code_font: f32,
    pub compact: bool,
}

/// The module column as the user may drag it.
pub const MODULE_RANGE: RangeInclusive<f32> = 140.0..=560.0;

impl ColumnSizes {
    /// The widths for a grid `width` wide (the central panel's, at the first frame).
    pub fn of(compact: bool, width: f32) -> Self {
        if compact {
            // 22 px holds "K12" in 9.5 px monospace and the cell's letter; the module column
            // keeps the code and the start of the title, the rest on hover.
            Self {
                ksb: 22.0,
                module: narrow_to_half((width * 0.2).clamp(150.0, 190.0), width),
                code_font: 9.5,
                compact,
            }
        } else {
            // A wider module column where there is room, so titles read without hovering.
            Self {
                ksb: 34.0,
                module: narrow_to_half((width * 0.28).clamp(250.0, 340.0), width),
                code_font: 11.0,
                compact,
            }
        }
    }

    /// How many KSB columns show whole beside the module column in a grid `width` wide.
    pub fn columns_shown(&self, width: f32) -> usize {
        ((width - self.module).max(0.0) / self.ksb).floor() as usize
    }

    /// The table's id: each mode keeps its own column widths and scroll position.
    pub fn table_salt(&self) -> &'static str {
        if self.compact {
            "mapping-grid-compact"
        } else {
            "mapping-grid"
        }
    }
}

/// The module column's range in a grid `width` wide: at most half of it, so KSB cells always
/// show beside it. Zoomed in, a column dragged (or first drawn) wider kept its width and
/// filled the grid, with no cell in view; it gives way as the grid narrows.
pub fn module_range(width: f32) -> RangeInclusive<f32> {
    let max = (width * 0.5).clamp(80.0, *MODULE_RANGE.end());
    MODULE_RANGE.start().min(max)..=max
}

/// In a narrow grid (an 800 px window with its panels open) the module column takes at most
/// half, so KSB columns still show beside it, and never less than the least it may be dragged to.
fn narrow_to_half(module: f32, width: f32) -> f32 {
    module.min(width * 0.5).max(*MODULE_RANGE.start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_column_never_takes_more_than_half_the_grid() {
        assert_eq!(module_range(1600.0), 140.0..=560.0);
        assert_eq!(module_range(400.0), 140.0..=200.0);
        assert_eq!(module_range(200.0), 100.0..=100.0);
        assert_eq!(module_range(60.0), 80.0..=80.0);
    }

    #[test]
    fn compact_fits_a_standard_where_normal_does_not() {
        // The grid's width at 1280 and 1920 px with the standards panel and the inspector
        // at their default widths (a fifth of the window, at most 340 px, each).
        for (window, want) in [(1280.0_f32, 24), (1920.0, 38)] {
            let panels = 2.0 * (window * 0.2).clamp(220.0, 340.0);
            let grid = window - panels - 30.0;
            let compact = ColumnSizes::of(true, grid);
            assert!(
                compact.columns_shown(grid) >= want,
                "{window}: {}",
                compact.columns_shown(grid)
            );
            let normal = ColumnSizes::of(false, grid);
            assert!(
                normal.columns_shown(grid) < want,
                "{window}: normal fits {want} already"
            );
        }
    }
}
