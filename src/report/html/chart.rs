//! The parts of the SVG charts: a chart's frame, bars stacked from full, partial and none,
//! and the legend that names their colours.

use maud::{Markup, html};

use crate::analysis::KsbStatus;
use crate::mark::{Marked, Palette, Tone};

/// A chart's width in SVG units, which is also its width on screen in pixels.
pub(super) const WIDTH: f64 = 720.0;

/// The tones of a stacked bar's segments, in the order they run from the left.
const BAR_TONES: [Tone; 3] = [Tone::Full, Tone::Partial, Tone::Uncovered];

/// How many of some KSBs are full, partial and none, in [`BAR_TONES`] order.
pub(super) type Counts = [usize; 3];

/// Counts KSB states by their tone.
pub(super) fn state_counts<'a>(states: impl IntoIterator<Item = &'a KsbStatus>) -> Counts {
    let mut counts = [0; 3];
    for k in states {
        let tone = k.state.mark().tone;
        if let Some(n) = BAR_TONES
            .iter()
            .position(|&t| t == tone)
            .and_then(|i| counts.get_mut(i))
        {
            *n += 1;
        }
    }
    counts
}

/// A tone's strong colour, for bars and for text on the page.
pub(super) fn colour(tone: Tone) -> String {
    Palette::PRINT.text(tone).hex()
}

/// An SVG coordinate, to a tenth.
pub(super) fn at(v: f64) -> String {
    format!("{v:.1}")
}

/// A chart of `rows` rows, each `row` high, with its body drawn by the caller.
pub(super) fn frame(class: Option<&str>, label: &str, rows: usize, row: f64, body: Markup) -> Markup {
    let height = format!("{:.0}", row * rows as f64 + 4.0);
    html! {
        svg class=[class] viewBox={ "0 0 " (WIDTH) " " (height) } width=(WIDTH) height=(height)
            role="img" aria-label=(label) { (body) }
    }
}

/// A horizontal bar `w` wide, split into full, partial and none.
pub(super) fn stacked_bar(x: f64, y: f64, w: f64, h: f64, counts: Counts) -> Markup {
    let total: usize = counts.iter().sum();
    let mut segments = Vec::with_capacity(3);
    let mut left = x;
    for (&n, tone) in counts.iter().zip(BAR_TONES) {
        if n > 0 {
            let width = w * n as f64 / total as f64;
            segments.push((left, width, tone));
            left += width;
        }
    }
    html! {
        rect.track x=(at(x)) y=(at(y)) width=(at(w)) height=(at(h)) rx="3" {}
        @for (left, width, tone) in segments {
            rect x=(at(left)) y=(at(y)) width=(at(width)) height=(at(h)) fill=(colour(tone)) {}
        }
    }
}

/// What the bars' colours mean.
pub(super) fn legend() -> Markup {
    let words = ["fully covered", "partly covered", "not covered"];
    html! {
        div.legend {
            @for (tone, word) in BAR_TONES.into_iter().zip(words) {
                span { i style={ "background:" (colour(tone)) } {} (word) }
            }
        }
    }
}
