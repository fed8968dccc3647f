//! Many programmes at once, for a quality team: every project file under the folders given,
//! each checked as `check` checks it, listed by what it needs first.
//!
//! Files are read and checked in parallel (rayon); the catalogue's versions of each standard
//! are loaded once for the whole portfolio, before the checks start.

pub mod files;
pub mod html;
pub mod reports;
pub mod row;
pub mod table;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::model::{IsoDate, Project, Standard};

pub use files::{Found, find};
pub use row::{Coverage, Need, Row, StandardRow};

/// A project file that could not be read or did not load, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub path: PathBuf,
    pub error: String,
}

impl Unreadable {
    pub fn new(path: &Path, error: impl Into<String>) -> Unreadable {
        Unreadable {
            path: path.to_path_buf(),
            error: error.into(),
        }
    }
}

/// The programmes of a portfolio, most in need first.
#[derive(Clone, Debug, Default)]
pub struct Portfolio {
    pub rows: Vec<Row>,
    pub unreadable: Vec<Unreadable>,
    /// Files found that are not project files.
    pub skipped: usize,
}

impl Portfolio {
    /// The project files under `paths`, read and checked as of `today` against the catalogue.
    pub fn open(paths: &[PathBuf], today: IsoDate) -> Portfolio {
        Self::open_with(paths, today, crate::catalogue::versions)
    }

    /// As [`open`](Self::open), with `versions` giving the known versions of a reference
    /// (called once for each reference the portfolio's programmes use).
    pub fn open_with(paths: &[PathBuf], today: IsoDate, versions: impl Fn(&str) -> Vec<Standard>) -> Portfolio {
        let found = find(paths);
        let seen = crate::store::SeenStandards::new();
        let loaded: Vec<(PathBuf, Result<Option<Project>, String>)> = found
            .projects
            .into_par_iter()
            .map(|path| {
                let project = load(&path, &seen);
                (path, project)
            })
            .collect();
        let mut unreadable = found.unreadable;
        let mut projects = Vec::with_capacity(loaded.len());
        let mut skipped = found.skipped;
        for (path, project) in loaded {
            match project {
                Ok(Some(p)) => projects.push((path, p)),
                Ok(None) => skipped += 1,
                Err(error) => unreadable.push(Unreadable { path, error }),
            }
        }
        let known = Known::load(projects.iter().map(|(_, p)| p), versions);
        let mut rows: Vec<Row> = projects
            .into_par_iter()
            .map(|(path, project)| {
                let checked = crate::check::check(&project, known.of(&project), today);
                Row::of(path, &project, &checked, today)
            })
            .collect();
        sort_by_need(&mut rows);
        unreadable.sort_by(|a, b| a.path.cmp(&b.path));
        Portfolio {
            rows,
            unreadable,
            skipped,
        }
    }

    /// Every programme covered on every route, and every project file read.
    pub fn all_covered(&self) -> bool {
        self.rows.iter().all(|r| r.all_covered)
    }

    /// `portfolio --json`.
    pub fn to_json(&self) -> Value {
        json!({
            "programmes": self.rows.iter().map(Row::to_json).collect::<Vec<_>>(),
            "unreadable": self.unreadable.iter().map(|u| json!({"path": u.path.display().to_string(), "error": u.error})).collect::<Vec<_>>(),
            "skipped": self.skipped,
        })
    }

    /// How many programmes need each thing first, in [`Need`] order; merge conflicts only
    /// where a programme has them, as most portfolios never do.
    pub fn need_counts(&self) -> Vec<(Need, usize)> {
        [
            Need::Conflict,
            Need::Gap,
            Need::OldStandard,
            Need::SignOff,
            Need::Nothing,
        ]
        .into_iter()
        .map(|n| (n, self.rows.iter().filter(|r| r.need() == n).count()))
        .filter(|&(n, c)| n != Need::Conflict || c > 0)
        .collect()
    }
}

/// Merge conflicts first, then gaps (the most gaps first), then old standards, then sign-offs;
/// then by path.
pub fn sort_by_need(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        a.need()
            .cmp(&b.need())
            .then_with(|| b.gap_count().cmp(&a.gap_count()))
            .then_with(|| a.path.cmp(&b.path))
    });
}

/// Reads a project file as `check` does, without its tidying of stale temporary files: a
/// survey of a shared drive writes nothing. Standards read from another file are not read again.
fn load(path: &Path, seen: &crate::store::SeenStandards) -> Result<Option<Project>, String> {
    let text = crate::fsio::read_text(path).map_err(|e| e.to_string())?;
    match crate::store::parse_project_seen(path, &text, Some(seen)) {
        Ok(p) => Ok(Some(p)),
        // A college's folder holds its standards beside its programmes: not a programme.
        Err(_) if crate::store::as_standard(&text).is_some() => Ok(None),
        Err(e) => Err(crate::Error::from(e).to_string()),
    }
}

/// The catalogue's versions of every standard the programmes use, each looked up once; and,
/// for programmes on more than one standard, their versions together.
struct Known {
    by_reference: HashMap<String, Vec<Standard>>,
    by_set: HashMap<Vec<String>, Vec<Standard>>,
}

impl Known {
    fn load<'a>(
        projects: impl Iterator<Item = &'a Project> + Clone,
        versions: impl Fn(&str) -> Vec<Standard>,
    ) -> Known {
        let references: BTreeSet<&str> = projects
            .clone()
            .flat_map(|p| p.standards.iter().map(|s| s.reference.as_str()))
            .collect();
        let by_reference: HashMap<String, Vec<Standard>> =
            references.into_iter().map(|r| (r.to_string(), versions(r))).collect();
        let mut by_set = HashMap::new();
        for p in projects {
            let set = reference_set(p);
            if set.len() > 1 && !by_set.contains_key(&set) {
                let all = set
                    .iter()
                    .flat_map(|r| by_reference.get(r).into_iter().flatten().cloned())
                    .collect();
                by_set.insert(set, all);
            }
        }
        Known { by_reference, by_set }
    }

    fn of(&self, project: &Project) -> &[Standard] {
        let set = reference_set(project);
        let found = match set.as_slice() {
            [one] => self.by_reference.get(one),
            _ => self.by_set.get(&set),
        };
        found.map_or(&[], Vec::as_slice)
    }
}

fn reference_set(project: &Project) -> Vec<String> {
    let mut set: Vec<String> = project.standards.iter().map(|s| s.reference.clone()).collect();
    set.sort();
    set.dedup();
    set
}
