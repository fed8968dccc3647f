//! Each module's suggestions: its scores, then its list of the best KSBs with their
//! evidence. Modules are independent once every module's scores are in (the re-ranker reads
//! each KSB's best match over all of them), so a large programme works them out in parallel.

use rayon::prelude::*;

use super::engine::{Engine, Query};
use super::{Fused, Options, Scored, Suggestion, normalise, rerank};
use crate::model::{KsbCode, KsbRef, Module};

/// What every module's suggestions read: the project's KSBs (by place), its duties, and each
/// module's mapped and taken (mapped or dismissed) KSBs as sorted places.
pub(super) struct Context<'a> {
    pub(super) options: &'a Options,
    pub(super) engine: &'a Engine,
    pub(super) refs: &'a [KsbRef],
    pub(super) duties: &'a [Vec<usize>],
    pub(super) duty_codes: &'a [String],
    pub(super) duties_of: &'a [Vec<usize>],
    pub(super) mapped: &'a [Vec<usize>],
    pub(super) taken: &'a [Vec<usize>],
}

impl Context<'_> {
    /// Module `mi`'s lexical and learned scores, and each KSB's best share of a duty the module
    /// maps. `share` and `marks` are buffers.
    pub(super) fn scored(&self, query: &Query, mi: usize, share: &mut [f32], marks: &mut Marks) -> Scored {
        let params = &self.options.params;
        let mut scores = Vec::new();
        self.engine.scores(query, &mut scores);
        // Each KSB's mark for the module at hand: a look-up, where a search of the sorted
        // lists cost a tenth of the suggestions' time.
        marks.mark(self.mapped.get(mi).map_or(&[][..], |v| v.as_slice()));
        // The share of each duty the module maps already.
        for (s, members) in share.iter_mut().zip(self.duties) {
            let n = members.iter().filter(|&&k| marks.has(k)).count();
            *s = if members.is_empty() {
                0.0
            } else {
                n as f32 / members.len() as f32
            };
        }
        // Each KSB's best share of a duty the module maps, where BM25 found it at all.
        let best_share: Vec<f32> = scores
            .iter()
            .enumerate()
            .map(|(k, &raw)| {
                if raw <= 0.0 {
                    return 0.0;
                }
                self.duties_of.get(k).map_or(0.0, |ds| {
                    ds.iter().filter_map(|&d| share.get(d)).fold(0.0f32, |a, &b| a.max(b))
                })
            })
            .collect();
        let boosted: Vec<f32> = scores
            .iter()
            .zip(&best_share)
            .map(|(&raw, &s)| raw * (1.0 + params.duty_boost * s))
            .collect();
        let mut assoc = Vec::new();
        self.engine.learned_scores(query, &mut assoc);
        Scored {
            scores,
            best_share,
            boosted,
            assoc,
        }
    }

    /// Module `mi`'s suggestions, best first. `fused` and `marks` are buffers.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn listed(
        &self,
        module: &Module,
        mi: usize,
        query: &Query,
        s: &Scored,
        columns: &[rerank::Column],
        fused: &mut Fused,
        [mapped, taken]: [&mut Marks; 2],
    ) -> (Vec<Suggestion>, Vec<f32>) {
        let (engine, options) = (self.engine, self.options);
        let Scored {
            scores,
            best_share,
            boosted,
            assoc,
        } = s;
        mapped.mark(self.mapped.get(mi).map_or(&[][..], |v| v.as_slice()));
        taken.mark(self.taken.get(mi).map_or(&[][..], |v| v.as_slice()));
        engine.fused(query, boosted, assoc, columns, fused);
        let learned = engine.is_learned();
        let mut candidates: Vec<(usize, f32, f32)> = Vec::new();
        for (k, &raw) in scores.iter().enumerate() {
            let associated = assoc.get(k).is_some_and(|&a| a > 0.0);
            if (raw <= 0.0 && !associated) || taken.has(k) {
                continue;
            }
            let lexical = boosted.get(k).copied().unwrap_or(0.0);
            let score = if learned {
                fused.scores.get(k).copied().unwrap_or(0.0)
            } else {
                normalise(lexical)
            };
            candidates.push((k, score, best_share.get(k).copied().unwrap_or(0.0)));
        }
        let order = |a: &(usize, f32, f32), b: &(usize, f32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        // Every score over the floor, listed or not: "accept all above" says how many it maps.
        let mut above: Vec<f32> = candidates
            .iter()
            .map(|c| c.1)
            .filter(|&s| s >= options.min_score)
            .collect();
        above.sort_by(|a, b| b.total_cmp(a));
        if options.top < candidates.len() {
            candidates.select_nth_unstable_by(options.top, order);
            candidates.truncate(options.top);
        }
        candidates.sort_by(order);
        let mut list = Vec::new();
        for (k, score, best_share) in candidates.into_iter().take(options.top) {
            if score < options.min_score {
                break;
            }
            let Some(r) = self.refs.get(k) else { continue };
            let evidence = engine.explain(query, k);
            if evidence.terms.is_empty() {
                continue;
            }
            // The mates of the one duty of the KSB's that the module maps most of (the duty
            // that raised it), named with it: a behaviour listed under every duty would
            // otherwise have every mapped KSB as a mate, in duties its sentence is not from.
            let best_duty = if best_share > 0.0 {
                self.duties_of
                    .get(k)
                    .into_iter()
                    .flatten()
                    .filter_map(|&d| {
                        let members = self.duties.get(d)?;
                        let n = members.iter().filter(|&&j| mapped.has(j)).count();
                        (n > 0).then(|| (d, n as f32 / members.len() as f32))
                    })
                    .fold(None, |best: Option<(usize, f32)>, x| match best {
                        Some(b) if b.1 >= x.1 => Some(b),
                        _ => Some(x),
                    })
                    .map(|b| b.0)
            } else {
                None
            };
            let mut duty_mates: Vec<KsbCode> = best_duty
                .and_then(|d| self.duties.get(d))
                .into_iter()
                .flatten()
                .filter(|&&j| j != k && mapped.has(j))
                .filter_map(|&j| self.refs.get(j).map(|r| r.code))
                .collect();
            let mates_duty = best_duty
                .filter(|_| !duty_mates.is_empty())
                .and_then(|d| self.duty_codes.get(d).cloned());
            duty_mates.sort();
            duty_mates.dedup();
            // Mapped or dismissed neighbours are not named: the grid and the duty mates already
            // say what the module maps, and a dismissed one is not likely for it.
            let neighbours = engine
                .likely_neighbours(k, &fused.first)
                .into_iter()
                .filter(|&j| !taken.has(j))
                .filter_map(|j| self.refs.get(j).map(|r| r.code))
                .collect();
            list.push(Suggestion {
                module: module.code.clone(),
                ksb: r.clone(),
                score,
                evidence,
                duty_mates,
                mates_duty,
                neighbours,
            });
        }
        (list, above)
    }
}

/// From this many module–KSB pairs, modules are worked out in parallel; below it, handing
/// them to other threads costs more than it saves.
const PARALLEL_FROM: usize = 20_000;

/// `each(buffers, module)` for every module in order, in parallel when there is `work`
/// enough, each thread with its own `buffers` from `init`.
pub(super) fn per_module<B, T: Send>(
    modules: usize,
    work: usize,
    init: impl Fn() -> B + Sync + Send,
    each: impl Fn(&mut B, usize) -> T + Sync + Send,
) -> Vec<T> {
    if work < PARALLEL_FROM {
        let mut buffers = init();
        return (0..modules).map(|mi| each(&mut buffers, mi)).collect();
    }
    (0..modules).into_par_iter().map_init(init, each).collect()
}

/// Which KSBs are in a list, by place: set for one module at a time.
pub(super) struct Marks {
    on: Vec<bool>,
    set: Vec<usize>,
}

impl Marks {
    pub(super) fn new(len: usize) -> Self {
        Marks {
            on: vec![false; len],
            set: Vec::new(),
        }
    }

    /// Marks the places in `list`, and only them.
    pub(super) fn mark(&mut self, list: &[usize]) {
        for &k in &self.set {
            if let Some(o) = self.on.get_mut(k) {
                *o = false;
            }
        }
        self.set.clear();
        for &k in list {
            if let Some(o) = self.on.get_mut(k) {
                *o = true;
                self.set.push(k);
            }
        }
    }

    pub(super) fn has(&self, k: usize) -> bool {
        self.on.get(k).copied().unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_keep_their_order_in_parallel_and_share_one_buffer_in_turn_on_one_thread() {
        // Each call counts in its buffer.
        let each = |count: &mut usize, mi: usize| {
            *count += 1;
            (mi * 7, *count)
        };
        let parallel = per_module(2_000, PARALLEL_FROM, || 0usize, each);
        let serial = per_module(2_000, 0, || 0usize, each);
        let modules: Vec<usize> = parallel.iter().map(|x| x.0).collect();
        assert_eq!(modules, (0..2_000).map(|mi| mi * 7).collect::<Vec<_>>());
        assert_eq!(serial.last(), Some(&(1_999 * 7, 2_000)), "one buffer in order");
    }
}
