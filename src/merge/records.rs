//! What is kept rather than merged: comments (as `merge-comments` brings them in), sign-offs,
//! the change log, migrations, dismissed suggestions and earlier conflicts. Each is the union
//! of both copies; nothing of either is overwritten or lost.

use std::collections::HashSet;

use crate::model::{MergeConflict, Project};
use crate::review::{CommentMerge, merge_comments};

/// What the records brought in from theirs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordsMerge {
    pub comments: CommentMerge,
    pub sign_offs_added: usize,
    pub change_log_added: usize,
}

/// Adds theirs' records to `out` (which holds mine's).
pub fn merge(out: &mut Project, theirs: &Project) -> RecordsMerge {
    let comments = merge_comments(out, theirs);
    let before = out.sign_offs.len();
    for s in &theirs.sign_offs {
        if !out.sign_offs.contains(s) {
            out.sign_offs.push(s.clone());
        }
    }
    let sign_offs_added = out.sign_offs.len() - before;
    // The latest sign-off decides, so they stay in date order (a stable sort keeps a day's order).
    out.sign_offs.sort_by_key(|s| s.date);
    let before = out.change_log.len();
    let known: HashSet<(&str, &str, &str)> = out
        .change_log
        .iter()
        .map(|e| (e.at.as_str(), e.author.as_str(), e.summary.as_str()))
        .collect();
    let new: Vec<_> = theirs
        .change_log
        .iter()
        .filter(|e| !known.contains(&(e.at.as_str(), e.author.as_str(), e.summary.as_str())))
        .cloned()
        .collect();
    out.change_log.extend(new);
    let change_log_added = out.change_log.len() - before;
    out.change_log.sort_by(|a, b| a.at.cmp(&b.at));
    for r in &theirs.migrations {
        if !out.migrations.contains(r) {
            out.migrations.push(r.clone());
        }
    }
    out.dismissed.extend(theirs.dismissed.iter().cloned());
    out.dismissed.sort();
    out.dismissed.dedup();
    RecordsMerge {
        comments,
        sign_offs_added,
        change_log_added,
    }
}

/// The conflicts the project holds after the merge: those either copy still had, then the
/// new ones; one per id, the newest kept.
pub fn conflicts(mine: &Project, theirs: &Project, new: Vec<MergeConflict>) -> Vec<MergeConflict> {
    let fresh: HashSet<String> = new.iter().map(MergeConflict::id).collect();
    let mut seen = HashSet::new();
    let mut out: Vec<MergeConflict> = mine
        .merge_conflicts
        .iter()
        .chain(&theirs.merge_conflicts)
        .filter(|c| {
            let id = c.id();
            !fresh.contains(&id) && seen.insert(id)
        })
        .cloned()
        .collect();
    out.extend(new);
    out
}
