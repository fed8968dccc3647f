//! Which cells, KSBs, duties and modules have comment threads, and the threads in the grid's
//! order (the programme, each module with its cells, the KSBs, the duties). Built when the
//! project or the grid's columns change, so a frame of a large grid only looks things up.

use std::collections::{HashMap, HashSet};

use crate::model::{CommentTarget, DutyRef, KsbRef, Project};

use super::grid_model::GridModel;

/// What marker a commented target shows: open wins over resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CommentMark {
    /// Every thread on it is resolved.
    Resolved,
    /// At least one thread on it is open.
    Open,
}

#[derive(Default)]
pub struct CommentIndex {
    /// By (module index, grid column).
    cells: HashMap<(usize, usize), CommentMark>,
    /// How many open threads each cell has, for the name a screen reader reads.
    cells_open: HashMap<(usize, usize), usize>,
    /// By module index.
    modules: HashMap<usize, CommentMark>,
    ksbs: HashMap<KsbRef, CommentMark>,
    duties: HashMap<DutyRef, CommentMark>,
    programme: Option<CommentMark>,
    /// Indices into `Project::comments`, in the grid's order; threads on things the project
    /// no longer has come last.
    pub order: Vec<usize>,
    /// Indices into `Project::comments` of threads on what the project no longer has (a
    /// deleted module, a KSB or duty a new version dropped): kept and listed, but there is
    /// nothing on the grid to show.
    removed: HashSet<usize>,
    pub open: usize,
    pub resolved: usize,
}

fn mark(map_entry: &mut Option<CommentMark>, open: bool) {
    let m = if open { CommentMark::Open } else { CommentMark::Resolved };
    *map_entry = Some(map_entry.map_or(m, |x| x.max(m)));
}

fn put<K: std::hash::Hash + Eq>(map: &mut HashMap<K, CommentMark>, key: K, open: bool) {
    let m = if open { CommentMark::Open } else { CommentMark::Resolved };
    let e = map.entry(key).or_insert(m);
    *e = (*e).max(m);
}

impl CommentIndex {
    pub fn build(project: &Project, grid: &GridModel) -> Self {
        let mut index = Self::default();
        if project.comments.is_empty() {
            return index;
        }
        let ksb_pos: HashMap<KsbRef, usize> = project.ksb_refs().enumerate().map(|(i, k)| (k, i)).collect();
        let duty_pos: HashMap<(&str, &str), usize> = project
            .standards
            .iter()
            .flat_map(|s| s.duties.iter().map(move |d| (s.reference.as_str(), d.code.as_str())))
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect();
        let unknown = (9u8, 0usize, 0usize);
        let mut keyed = Vec::with_capacity(project.comments.len());
        for (i, t) in project.comments.iter().enumerate() {
            let open = t.is_open();
            if open {
                index.open += 1;
            } else {
                index.resolved += 1;
            }
            let key = match &t.target {
                CommentTarget::Programme => {
                    mark(&mut index.programme, open);
                    (0, 0, 0)
                }
                CommentTarget::Module(code) => match project.module_index(code) {
                    Some(row) => {
                        put(&mut index.modules, row, open);
                        (1, row, 0)
                    }
                    None => unknown,
                },
                CommentTarget::Cell { module, ksb } => {
                    let row = project.module_index(module);
                    if let (Some(row), Some(col)) = (row, grid.column_of(ksb)) {
                        put(&mut index.cells, (row, col), open);
                        if open {
                            *index.cells_open.entry((row, col)).or_default() += 1;
                        }
                    }
                    match (row, ksb_pos.get(ksb)) {
                        (Some(row), Some(&k)) => (1, row, k + 1),
                        _ => unknown,
                    }
                }
                CommentTarget::Ksb(ksb) => {
                    put(&mut index.ksbs, ksb.clone(), open);
                    ksb_pos.get(ksb).map_or(unknown, |&k| (2, k, 0))
                }
                CommentTarget::Duty(duty) => {
                    put(&mut index.duties, duty.clone(), open);
                    duty_pos
                        .get(&(duty.standard.as_str(), duty.code.as_str()))
                        .map_or(unknown, |&d| (3, d, 0))
                }
            };
            if crate::review::comments::gone_note(project, &t.target).is_some() {
                index.removed.insert(i);
            }
            keyed.push((key, i));
        }
        // Stable: threads on one target keep the order they were started in.
        keyed.sort_by_key(|&(key, _)| key);
        index.order = keyed.into_iter().map(|(_, i)| i).collect();
        index
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Why thread `i` (an index into `Project::comments`) is on nothing the grid shows
    /// (`review::comments::gone_note`), if it is.
    pub fn gone(&self, project: &Project, i: usize) -> Option<&'static str> {
        if !self.removed.contains(&i) {
            return None;
        }
        crate::review::comments::gone_note(project, &project.comments.get(i)?.target)
    }

    pub fn cell(&self, row: usize, col: usize) -> Option<CommentMark> {
        if self.cells.is_empty() {
            return None;
        }
        self.cells.get(&(row, col)).copied()
    }

    /// The open threads on a cell.
    pub fn cell_open(&self, row: usize, col: usize) -> usize {
        self.cells_open.get(&(row, col)).copied().unwrap_or(0)
    }

    pub fn module(&self, row: usize) -> Option<CommentMark> {
        self.modules.get(&row).copied()
    }

    pub fn ksb(&self, ksb: &KsbRef) -> Option<CommentMark> {
        self.ksbs.get(ksb).copied()
    }

    pub fn duty(&self, duty: &DutyRef) -> Option<CommentMark> {
        self.duties.get(duty).copied()
    }

    pub fn programme(&self) -> Option<CommentMark> {
        self.programme
    }

    /// The open thread after (or with a negative `step`, before) the thread `from`, in the
    /// grid's order, wrapping around; from the start when `from` is none or gone. Threads on
    /// deleted modules are passed over: there is nothing on the grid to go to.
    pub fn next_open<'a>(&self, project: &'a Project, from: Option<&str>, step: isize) -> Option<&'a str> {
        let n = self.order.len();
        if n == 0 {
            return None;
        }
        let at = from.and_then(|id| {
            self.order
                .iter()
                .position(|&i| project.comments.get(i).is_some_and(|t| t.id == id))
        });
        let start = match (at, step >= 0) {
            (Some(p), _) => p as isize,
            (None, true) => -1,
            (None, false) => n as isize,
        };
        (1..=n as isize)
            .map(|k| (start + k * step.signum()).rem_euclid(n as isize) as usize)
            .filter_map(|p| self.order.get(p))
            .filter(|i| !self.removed.contains(i))
            .filter_map(|&i| project.comments.get(i))
            .find(|t| t.is_open())
            .map(|t| t.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::comments::{add_thread, set_resolved};

    fn k(code: &str) -> KsbRef {
        KsbRef::new("ST0215", code.parse().unwrap())
    }

    #[test]
    fn marks_follow_open_threads_and_next_goes_in_grid_order() {
        let mut p = crate::sample::sample_project().unwrap();
        let analysis = crate::analysis::analyse(&p);
        let grid = GridModel::build(&analysis, false);
        let cell = |m: &str, ksb: &str| CommentTarget::Cell {
            module: m.into(),
            ksb: k(ksb),
        };
        let late = add_thread(&mut p, cell("HSC502", "K23"), "A", "2026-11-25T10:00:00Z", "late row");
        let early = add_thread(&mut p, cell("HSC401", "K5"), "A", "2026-11-25T10:01:00Z", "early row");
        let done = add_thread(&mut p, cell("HSC401", "K5"), "A", "2026-11-25T10:02:00Z", "done");
        set_resolved(&mut p, &done, true, "A", "2026-11-25T10:03:00Z");
        let resolved_only = add_thread(&mut p, CommentTarget::Ksb(k("K1")), "A", "2026-11-25T10:04:00Z", "k1");
        set_resolved(&mut p, &resolved_only, true, "A", "2026-11-25T10:05:00Z");
        let prog = add_thread(&mut p, CommentTarget::Programme, "A", "2026-11-25T10:06:00Z", "p");

        let index = CommentIndex::build(&p, &grid);
        assert_eq!((index.open, index.resolved), (3, 2));
        let row = p.module_index("HSC401").unwrap();
        let col = grid.column_of(&k("K5")).unwrap();
        assert_eq!(index.cell(row, col), Some(CommentMark::Open), "open wins");
        assert_eq!(index.ksb(&k("K1")), Some(CommentMark::Resolved));
        assert_eq!(index.cell(row, col + 1), None);
        assert_eq!(index.programme(), Some(CommentMark::Open));

        // Programme first, then HSC401 (above HSC502); resolved threads are passed over.
        assert_eq!(index.next_open(&p, None, 1), Some(prog.as_str()));
        assert_eq!(index.next_open(&p, Some(&prog), 1), Some(early.as_str()));
        assert_eq!(index.next_open(&p, Some(&early), 1), Some(late.as_str()));
        assert_eq!(index.next_open(&p, Some(&late), 1), Some(prog.as_str()), "wraps");
        assert_eq!(index.next_open(&p, Some(&prog), -1), Some(late.as_str()));
        assert_eq!(index.next_open(&p, None, -1), Some(late.as_str()));
    }

    #[test]
    fn threads_on_a_deleted_module_are_listed_last_and_skipped_by_next() {
        let mut p = crate::sample::sample_project().unwrap();
        let analysis = crate::analysis::analyse(&p);
        let grid = GridModel::build(&analysis, false);
        let on_module = add_thread(
            &mut p,
            CommentTarget::Module("HSC402".into()),
            "A",
            "2026-11-25T10:00:00Z",
            "m",
        );
        let cell = CommentTarget::Cell {
            module: "HSC402".into(),
            ksb: k("K5"),
        };
        let on_cell = add_thread(&mut p, cell, "A", "2026-11-25T10:01:00Z", "c");
        let prog = add_thread(&mut p, CommentTarget::Programme, "A", "2026-11-25T10:02:00Z", "p");
        let index = CommentIndex::build(&p, &grid);
        assert_eq!(index.gone(&p, 0), None, "HSC402 is still there");
        assert_eq!(index.next_open(&p, Some(&prog), 1), Some(on_module.as_str()));

        p.modules.retain(|m| m.code != "HSC402");
        let index = CommentIndex::build(&p, &grid);
        assert_eq!(p.comments.len(), 3, "no thread is deleted");
        assert_eq!(index.gone(&p, 0), Some("removed"));
        assert_eq!(index.gone(&p, 1), Some("module removed"));
        assert_eq!(index.gone(&p, 2), None);
        assert_eq!(index.order.len(), 3, "all listed");
        assert_eq!(index.order[0], 2, "the programme's first, the removed module's last");
        assert_eq!(index.next_open(&p, Some(&prog), 1), Some(prog.as_str()));
        assert_eq!(index.next_open(&p, None, -1), Some(prog.as_str()));
        assert_eq!(index.open, 3);
        let _ = on_cell;
    }
}
