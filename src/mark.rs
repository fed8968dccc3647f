//! How a coverage state is shown, in one place for the app and every report: a letter, a word
//! and a tone. Colour is never the only cue: each mark has its letter and its label too.

use crate::analysis::{DutyState, KsbState, KsbStatus, Severity};
use crate::model::Coverage;

/// A colour as red, green and blue, free of any UI or report crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for CSS and SVG.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// `0xRRGGBB`, as spreadsheet writers take colours.
    pub fn to_u32(self) -> u32 {
        (u32::from(self.0) << 16) | (u32::from(self.1) << 8) | u32::from(self.2)
    }
}

/// What a state means to the reader, which decides its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tone {
    Full,
    Partial,
    Uncovered,
    Warning,
    Info,
}

/// A state as a reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// One character, drawn on the fill: F, P or !.
    pub letter: &'static str,
    /// The word reports print: full, partial, none, covered…
    pub label: &'static str,
    pub tone: Tone,
}

/// Anything the grid or a report marks.
pub trait Marked {
    fn mark(self) -> Mark;
}

impl Marked for Coverage {
    fn mark(self) -> Mark {
        match self {
            Coverage::Full => Mark {
                letter: "F",
                label: "full",
                tone: Tone::Full,
            },
            Coverage::Partial => Mark {
                letter: "P",
                label: "partial",
                tone: Tone::Partial,
            },
        }
    }
}

/// A KSB that only options the programme does not take need: no gap, however it is mapped.
pub const NOT_NEEDED: Mark = Mark {
    letter: "–",
    label: "not needed",
    tone: Tone::Info,
};

/// A KSB's overall mark as every view shows it: its coverage, or [`NOT_NEEDED`].
impl Marked for &KsbStatus {
    fn mark(self) -> Mark {
        if self.needed { self.state.mark() } else { NOT_NEEDED }
    }
}

impl Marked for KsbState {
    fn mark(self) -> Mark {
        match self {
            KsbState::Full => Mark {
                letter: "F",
                label: "full",
                tone: Tone::Full,
            },
            KsbState::Partial => Mark {
                letter: "P",
                label: "partial",
                tone: Tone::Partial,
            },
            KsbState::Uncovered => Mark {
                letter: "!",
                label: "none",
                tone: Tone::Uncovered,
            },
        }
    }
}

impl Marked for DutyState {
    fn mark(self) -> Mark {
        match self {
            DutyState::Covered => Mark {
                letter: "F",
                label: "covered",
                tone: Tone::Full,
            },
            DutyState::Partial => Mark {
                letter: "P",
                label: "partial",
                tone: Tone::Partial,
            },
            DutyState::Uncovered => Mark {
                letter: "!",
                label: "uncovered",
                tone: Tone::Uncovered,
            },
        }
    }
}

impl Marked for Severity {
    fn mark(self) -> Mark {
        match self {
            Severity::Error => Mark {
                letter: "!",
                label: "error",
                tone: Tone::Uncovered,
            },
            Severity::Warning => Mark {
                letter: "?",
                label: "warning",
                tone: Tone::Warning,
            },
            Severity::Info => Mark {
                letter: "i",
                label: "info",
                tone: Tone::Info,
            },
        }
    }
}

/// The colours of one medium: the app's dark or light theme, or print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Cell and badge backgrounds.
    fills: [Rgb; 5],
    /// Text drawn on those fills.
    inks: [Rgb; 5],
    /// Text of that tone on the page's own background, such as a finding's severity.
    texts: [Rgb; 5],
    /// What a clicked finding points at.
    pub highlight: Rgb,
}

impl Palette {
    /// The app in a dark theme.
    pub const DARK: Palette = Palette {
        fills: [
            Rgb(38, 120, 72),
            Rgb(150, 110, 20),
            Rgb(140, 45, 45),
            Rgb(150, 110, 20),
            Rgb(50, 70, 100),
        ],
        inks: [Rgb(255, 255, 255); 5],
        texts: [
            Rgb(120, 210, 150),
            Rgb(240, 190, 80),
            Rgb(255, 120, 110),
            Rgb(240, 190, 80),
            Rgb(160, 170, 185),
        ],
        highlight: Rgb(90, 160, 255),
    };

    /// The app in a light theme.
    pub const LIGHT: Palette = Palette {
        fills: [
            Rgb(150, 214, 168),
            Rgb(250, 205, 110),
            Rgb(240, 150, 145),
            Rgb(250, 205, 110),
            Rgb(221, 231, 243),
        ],
        inks: [Rgb(0, 0, 0); 5],
        texts: [
            Rgb(20, 110, 40),
            Rgb(150, 90, 0),
            Rgb(180, 20, 20),
            Rgb(150, 90, 0),
            Rgb(90, 100, 115),
        ],
        highlight: Rgb(20, 90, 200),
    };

    /// Printed and spreadsheet reports: the pale fills and dark inks office documents use.
    pub const PRINT: Palette = Palette {
        fills: [
            Rgb(0xc6, 0xef, 0xce),
            Rgb(0xff, 0xeb, 0x9c),
            Rgb(0xff, 0xc7, 0xce),
            Rgb(0xff, 0xeb, 0x9c),
            Rgb(0xdd, 0xe7, 0xf3),
        ],
        inks: [
            Rgb(0x0f, 0x4d, 0x14),
            Rgb(0x6b, 0x45, 0x00),
            Rgb(0x8a, 0x00, 0x10),
            Rgb(0x6b, 0x45, 0x00),
            Rgb(0x1f, 0x3a, 0x5f),
        ],
        texts: [
            Rgb(0x2e, 0x7d, 0x32),
            Rgb(0xe0, 0xa1, 0x00),
            Rgb(0xc6, 0x28, 0x28),
            Rgb(0x96, 0x5a, 0x00),
            Rgb(0x5b, 0x67, 0x75),
        ],
        highlight: Rgb(0x1f, 0x3a, 0x5f),
    };

    fn at(list: &[Rgb; 5], tone: Tone) -> Rgb {
        list[tone as usize]
    }

    pub fn fill(&self, tone: Tone) -> Rgb {
        Self::at(&self.fills, tone)
    }

    pub fn ink(&self, tone: Tone) -> Rgb {
        Self::at(&self.inks, tone)
    }

    /// A strong colour of the tone, for text on the page and for chart bars.
    pub fn text(&self, tone: Tone) -> Rgb {
        Self::at(&self.texts, tone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_a_letter_as_well_as_a_colour() {
        let marks = [
            KsbState::Full.mark(),
            KsbState::Partial.mark(),
            KsbState::Uncovered.mark(),
            DutyState::Covered.mark(),
            DutyState::Partial.mark(),
            DutyState::Uncovered.mark(),
        ];
        for m in marks {
            assert_eq!(m.letter.chars().count(), 1, "{m:?}");
        }
        assert_ne!(KsbState::Full.mark().letter, KsbState::Uncovered.mark().letter);
        assert_eq!(KsbState::Uncovered.mark().label, KsbState::Uncovered.label());
        assert_eq!(Coverage::Partial.mark().label, Coverage::Partial.label());
    }

    #[test]
    fn colours_print_as_hex_and_tones_differ() {
        assert_eq!(Palette::PRINT.fill(Tone::Full).hex(), "#c6efce");
        assert_eq!(Palette::PRINT.fill(Tone::Uncovered).to_u32(), 0xffc7ce);
        for p in [Palette::DARK, Palette::LIGHT, Palette::PRINT] {
            assert_ne!(p.fill(Tone::Full), p.fill(Tone::Partial));
            assert_ne!(p.fill(Tone::Partial), p.fill(Tone::Uncovered));
        }
    }
}
