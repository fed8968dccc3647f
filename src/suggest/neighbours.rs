//! The re-ranker's second stage: a standard's neighbouring statements (K6, K7, K8) are
//! usually written for the same duty. Over the Level 4/5 catalogue a knowledge or skill
//! statement is listed for 55% of the duties that list a neighbour of it, against 10% of
//! the others. So a KSB whose neighbours the first stage finds likely for a module is
//! likelier too. This is how standards are written, not evidence from the texts: the
//! suggestion says so when its neighbours raised it.

use crate::model::KsbCode;

/// How many features the second stage reads.
pub const FEATURES: usize = 9;

/// Its features' names, as the model file writes them.
pub const NAMES: [&str; FEATURES] = [
    "first_stage",
    "neighbour_best",
    "neighbour_both",
    "behaviour_x_neighbour_best",
    "neighbours",
    "second_neighbour_best",
    "first_stage_probability",
    "probability_x_neighbour_best",
    "first_stage_top",
];

/// A neighbour is named in a KSB's evidence when it raised the KSB's log-odds by at least
/// this much: its first-stage probability times the stage's weight on the best neighbour for
/// the KSB's kind. With the bundled model, a knowledge or skill statement's neighbour from a
/// probability of about 0.26, a behaviour's (whose weight is smaller) from about 0.8.
pub const NAMED_LIFT: f32 = 0.2;

/// A KSB's previous and next statement of its kind in its standard, by index.
pub type Links = [Option<u32>; 2];

/// Each KSB's [`Links`], given each KSB's standard (any number naming it) and code. A gap
/// in the numbering (K4 then K6) links nothing.
pub fn links(codes: &[(u32, KsbCode)]) -> Vec<Links> {
    let mut order: Vec<usize> = (0..codes.len()).collect();
    order.sort_by_key(|&i| codes.get(i).map(|(s, c)| (*s, c.kind, c.number)));
    let mut out = vec![[None, None]; codes.len()];
    for pair in order.windows(2) {
        let (&[a, b], Some((sa, ca)), Some((sb, cb))) = (pair, codes.get(pair[0]), codes.get(pair[1])) else {
            continue;
        };
        if sa == sb && ca.kind == cb.kind && ca.number.checked_add(1) == Some(cb.number) {
            if let Some(l) = out.get_mut(a) {
                l[1] = Some(b as u32);
            }
            if let Some(l) = out.get_mut(b) {
                l[0] = Some(a as u32);
            }
        }
    }
    out
}

/// The second stage's weights and its calibration (probability = logistic(scale × w·f +
/// offset)).
#[derive(Clone, Debug, PartialEq)]
pub struct Second {
    pub weights: [f32; FEATURES],
    pub scale: f32,
    pub offset: f32,
}

impl Default for Second {
    fn default() -> Self {
        Second {
            weights: [0.0; FEATURES],
            scale: 1.0,
            offset: 0.0,
        }
    }
}

/// What the second stage reads of one query: each KSB's first-stage probability, the best
/// first-stage sum, and each KSB's neighbours and kind.
pub struct Stage<'a, L, B> {
    pub probability: &'a [f32],
    pub top: f32,
    pub links: L,
    pub is_behaviour: B,
}

/// A first-stage probability below about 0.005 (this log-odds) reads as 0: it moves no
/// neighbour, and a 600 × 120 programme, where most KSBs are unlikely for most modules,
/// then works out a fraction of its 72,000 exponentials on every edit.
const UNLIKELY: f32 = -5.3;

/// Each KSB's first-stage probability from its weighed sum (`raw`) and the calibration, into
/// `out`, in f32; see [`UNLIKELY`].
pub fn probabilities(raw: &[f32], (scale, offset): (f32, f32), out: &mut Vec<f32>) {
    out.clear();
    out.extend(raw.iter().map(|&x| {
        let z = scale * x + offset;
        if z < UNLIKELY { 0.0 } else { 1.0 / (1.0 + (-z).exp()) }
    }));
}

impl<L: Fn(usize) -> Links, B: Fn(usize) -> bool> Stage<'_, L, B> {
    /// KSB `i`'s second-stage features, given its first-stage sum `x`.
    pub fn row(&self, i: usize, x: f32) -> [f32; FEATURES] {
        let p = |j: Option<u32>| j.and_then(|j| self.probability.get(j as usize)).copied();
        let next = |j: Option<u32>, side: usize| j.and_then(|j| (self.links)(j as usize)[side]);
        let l = (self.links)(i);
        let (before, after) = (p(l[0]), p(l[1]));
        let best = before.unwrap_or(0.0).max(after.unwrap_or(0.0));
        let both = match (before, after) {
            (Some(a), Some(b)) => a.min(b),
            _ => 0.0,
        };
        let present = f32::from(u8::from(l[0].is_some())) + f32::from(u8::from(l[1].is_some()));
        let second = p(next(l[0], 0)).unwrap_or(0.0).max(p(next(l[1], 1)).unwrap_or(0.0));
        let b = f32::from(u8::from((self.is_behaviour)(i)));
        let own = p(Some(i as u32)).unwrap_or(0.0);
        let first = f32::from(u8::from(x >= self.top));
        [x, best, both, b * best, present / 2.0, second, own, own * best, first]
    }
}

impl Second {
    /// How much a neighbour of probability 1 adds to a KSB's log-odds through the best
    /// neighbour's weights, for a behaviour or not.
    pub fn lift(&self, behaviour: bool) -> f32 {
        let b = if behaviour { self.weights[3] } else { 0.0 };
        self.scale * (self.weights[1] + b)
    }

    /// The weighed sum of one KSB's features.
    pub fn raw(&self, f: &[f32; FEATURES]) -> f32 {
        self.weights.iter().zip(f).map(|(w, x)| w * x).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KsbKind::{Knowledge, Skill};

    #[test]
    fn links_join_consecutive_codes_of_one_kind_in_one_standard() {
        let k = |n| KsbCode::new(Knowledge, n);
        let codes = [
            (0, k(2)),
            (0, k(1)),
            (0, KsbCode::new(Skill, 3)),
            (1, k(3)),
            (0, k(4)),
            (0, k(3)),
        ];
        let l = links(&codes);
        assert_eq!(l[1], [None, Some(0)], "K1 → K2");
        assert_eq!(l[0], [Some(1), Some(5)], "K2 between K1 and K3");
        assert_eq!(l[5], [Some(0), Some(4)], "K3 between K2 and K4");
        assert_eq!(l[2], [None, None], "S3 has no skill beside it");
        assert_eq!(l[3], [None, None], "another standard's K3 joins nothing");
    }
}
