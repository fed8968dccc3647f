//! Comment threads and duty review statuses: the edits the app and the CLI share, and the
//! merge of a reviewer's copy into the open project.
//!
//! Ids are made from the comment's author, time, text and target, so the same comment has the
//! same id in every copy and a merge can tell a new comment from one it already holds.

use sha2::{Digest, Sha256};

use crate::model::{Comment, CommentTarget, DutyRef, DutyReview, Project, Resolution, ReviewStatus, Thread};

/// A new id: 16 hex digits of SHA-256 over the parts, longer if that clashes with `taken`.
fn make_id(prefix: &str, parts: &[&str], taken: impl Fn(&str) -> bool) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let hex = crate::model::hex(&h.finalize());
    let mut len = 16;
    loop {
        let id = format!("{prefix}{}", hex.get(..len).unwrap_or(&hex));
        if !taken(&id) || len >= hex.len() {
            return id;
        }
        len += 4;
    }
}

/// Starts a thread; returns its id.
pub fn add_thread(project: &mut Project, target: CommentTarget, author: &str, at: &str, text: &str) -> String {
    let target_label = format!("{target:?}");
    let id = make_id("t-", &[author, at, text, &target_label], |id| {
        project.comments.iter().any(|t| t.id == id)
    });
    let comment_id = make_id("c-", &[author, at, text], |_| false);
    project.comments.push(Thread {
        id: id.clone(),
        target,
        comments: vec![Comment {
            id: comment_id,
            author: author.trim().to_string(),
            at: at.to_string(),
            text: text.trim().to_string(),
        }],
        resolved: None,
    });
    id
}

/// Adds a reply to a thread; returns the reply's id, or `None` when there is no such thread.
pub fn reply(project: &mut Project, thread: &str, author: &str, at: &str, text: &str) -> Option<String> {
    let t = project.comments.iter_mut().find(|t| t.id == thread)?;
    let id = make_id("c-", &[author, at, text], |id| t.comments.iter().any(|c| c.id == id));
    t.comments.push(Comment {
        id: id.clone(),
        author: author.trim().to_string(),
        at: at.to_string(),
        text: text.trim().to_string(),
    });
    Some(id)
}

/// Resolves a thread (or opens it again with `resolved: false`); false when there is no such
/// thread or it already was so.
pub fn set_resolved(project: &mut Project, thread: &str, resolved: bool, by: &str, at: &str) -> bool {
    let Some(t) = project.comments.iter_mut().find(|t| t.id == thread) else {
        return false;
    };
    if t.resolved.is_some() == resolved {
        return false;
    }
    t.resolved = resolved.then(|| Resolution {
        by: by.trim().to_string(),
        at: at.to_string(),
    });
    true
}

/// What a thread is on, in words ("HSC401 × ST0215/K1"), by its id; "a thread" if none has it.
pub fn thread_label(project: &Project, id: &str) -> String {
    project
        .comments
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| "a thread".into(), |t| t.target.label())
}

/// The threads on one target, in the order they were started.
pub fn threads_on<'a>(project: &'a Project, target: &'a CommentTarget) -> impl Iterator<Item = &'a Thread> {
    project.comments.iter().filter(move |t| &t.target == target)
}

/// A duty's review status: not reviewed unless one was set.
pub fn duty_status(project: &Project, duty: &DutyRef) -> ReviewStatus {
    project
        .duty_reviews
        .iter()
        .find(|r| &r.duty == duty)
        .map_or(ReviewStatus::NotReviewed, |r| r.status)
}

/// How many of the project's duties stand at each status, in `ReviewStatus::ALL`'s order
/// (not reviewed, agreed, query).
pub fn duty_status_counts(project: &Project) -> [usize; 3] {
    let mut counts = [0; 3];
    for s in &project.standards {
        for d in &s.duties {
            let duty = DutyRef {
                standard: s.reference.clone(),
                code: d.code.clone(),
            };
            let status = duty_status(project, &duty);
            if let Some(i) = ReviewStatus::ALL.iter().position(|x| *x == status) {
                counts[i] += 1;
            }
        }
    }
    counts
}

/// How many threads are open.
pub fn open_threads(project: &Project) -> usize {
    project.comments.iter().filter(|t| t.is_open()).count()
}

/// Sets a duty's review status; returns the status it had.
pub fn set_duty_status(
    project: &mut Project,
    duty: &DutyRef,
    status: ReviewStatus,
    by: &str,
    at: &str,
) -> ReviewStatus {
    let before = duty_status(project, duty);
    project.duty_reviews.retain(|r| &r.duty != duty);
    if status != ReviewStatus::NotReviewed {
        project.duty_reviews.push(DutyReview {
            duty: duty.clone(),
            status,
            by: by.trim().to_string(),
            at: at.to_string(),
        });
        project.duty_reviews.sort_by(|a, b| a.duty.cmp(&b.duty));
    }
    before
}

/// What a merge of comments brought in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentMerge {
    pub threads_added: usize,
    pub replies_added: usize,
    /// Threads open here that the other copy resolved after their last comment here.
    pub threads_resolved: usize,
    /// Duties not reviewed here that the other copy set a status on.
    pub duty_reviews_added: usize,
    /// Threads resolved here that the other copy went on with (a comment after that resolution).
    pub threads_reopened: usize,
    /// Duties both reviewed differently, where the other copy's verdict is the later: taken.
    pub duty_reviews_updated: usize,
    /// Duties both reviewed differently, where this copy's is the later (or either is
    /// undated): kept, and said so, since the reviewer's verdict is not taken. Each as
    /// "ST0215/D7: their query (Raj), ours agreed".
    pub duty_reviews_kept: Vec<String>,
    /// Threads added that are on a module, KSB or duty this project does not have (renamed or
    /// deleted here since the copy was sent), by what they are on.
    pub on_missing: Vec<String>,
}

/// Whether a thread's target is something the project does not have.
fn target_missing(project: &Project, target: &crate::model::CommentTarget) -> bool {
    gone_note(project, target).is_some()
}

/// What a thread is on that the project no longer has, as its heading's note: "removed" (a
/// deleted module), "module removed" (a cell's), "no longer in the standard" (a KSB or duty a
/// new version dropped). `None` while all of it is there. Such threads are kept, and every
/// view that lists them says so.
pub fn gone_note(project: &Project, target: &crate::model::CommentTarget) -> Option<&'static str> {
    use crate::model::CommentTarget as T;
    let duty_gone = |d: &crate::model::DutyRef| {
        project
            .standard(&d.standard)
            .is_none_or(|s| !s.duties.iter().any(|x| x.code == d.code))
    };
    match target {
        T::Programme => None,
        T::Module(code) => project.module(code).is_none().then_some("removed"),
        T::Cell { module, .. } if project.module(module).is_none() => Some("module removed"),
        T::Ksb(k) | T::Cell { ksb: k, .. } => (!project.has_ksb(k)).then_some("no longer in the standard"),
        T::Duty(d) => duty_gone(d).then_some("no longer in the standard"),
    }
}

/// A thread's target as a heading: its label, with `gone_note` in brackets when it applies.
pub fn target_heading(project: &Project, target: &crate::model::CommentTarget) -> String {
    match gone_note(project, target) {
        Some(note) => format!("{} ({note})", target.label()),
        None => target.label(),
    }
}

impl CommentMerge {
    pub fn is_empty(&self) -> bool {
        *self == CommentMerge::default()
    }

    /// `2 threads, 3 replies and 1 duty review added; 1 thread resolved`.
    pub fn summary(&self) -> String {
        let mut added = Vec::new();
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        if self.threads_added > 0 {
            added.push(plural(self.threads_added, "thread", "threads"));
        }
        if self.replies_added > 0 {
            added.push(plural(self.replies_added, "reply", "replies"));
        }
        if self.duty_reviews_added > 0 {
            added.push(plural(self.duty_reviews_added, "duty review", "duty reviews"));
        }
        let mut out = match added.len() {
            0 => String::new(),
            1 => format!("{} added", added[0]),
            n => format!("{} and {} added", added[..n - 1].join(", "), added[n - 1]),
        };
        let mut more = Vec::new();
        if self.threads_resolved > 0 {
            more.push(plural(self.threads_resolved, "thread resolved", "threads resolved"));
        }
        if self.threads_reopened > 0 {
            more.push(plural(
                self.threads_reopened,
                "thread reopened (a comment after it was resolved)",
                "threads reopened (comments after they were resolved)",
            ));
        }
        if self.duty_reviews_updated > 0 {
            more.push(plural(
                self.duty_reviews_updated,
                "duty review updated to the copy's later verdict",
                "duty reviews updated to the copy's later verdicts",
            ));
        }
        if !self.duty_reviews_kept.is_empty() {
            let n = self.duty_reviews_kept.len();
            more.push(format!(
                "{} ({})",
                plural(
                    n,
                    "duty review differs in the copy: this project's, the later, is kept",
                    "duty reviews differ in the copy: this project's, the later, are kept",
                ),
                crate::text::list_and(&self.duty_reviews_kept)
            ));
        }
        if !self.on_missing.is_empty() {
            let n = self.on_missing.len();
            more.push(format!(
                "{} on what this project no longer has ({}): read {} in the comments",
                plural(n, "thread is", "threads are"),
                crate::text::list_and(&self.on_missing),
                if n == 1 { "it" } else { "them" }
            ));
        }
        for m in more {
            if !out.is_empty() {
                out.push_str("; ");
            }
            out.push_str(&m);
        }
        if out.is_empty() { "nothing new".into() } else { out }
    }
}

/// Whether `other` can be a copy of `project` whose comments belong here: the two align to a
/// standard in common, or have the same programme title. Comments from another programme
/// would land on cells, KSBs and duties that are not this mapping's.
pub fn is_copy_of(other: &Project, project: &Project) -> bool {
    let refs = |p: &Project| -> Vec<String> {
        p.standards
            .iter()
            .map(|s| s.reference.clone())
            .chain(p.programme.standards.iter().cloned())
            .collect()
    };
    let ours = refs(project);
    refs(other).iter().any(|r| ours.contains(r)) || other.programme.title.trim() == project.programme.title.trim()
}

/// Merges the comments and duty reviews of `other` (a reviewer's copy) into `project`.
///
/// New threads and replies are added; nothing is removed. A thread open here that the other
/// copy resolved is resolved too, unless it had a comment here after that resolution; a
/// thread resolved here that the other copy commented on after that resolution is open again.
/// A duty review is taken where this copy has none, and where both differ, the later verdict
/// stands (this copy's when either is undated).
pub fn merge_comments(project: &mut Project, other: &Project) -> CommentMerge {
    // A copy on an older version of a standard: its threads follow their KSBs first.
    let other = crate::revision::on_versions_of(project, other);
    let other = other.as_ref();
    let mut out = CommentMerge::default();
    // Threads by id, so a merge of many threads stays linear.
    let mut index: std::collections::HashMap<String, usize> = project
        .comments
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), i))
        .collect();
    for theirs in &other.comments {
        let Some(ours) = index.get(&theirs.id).and_then(|&i| project.comments.get_mut(i)) else {
            index.insert(theirs.id.clone(), project.comments.len());
            if target_missing(project, &theirs.target) {
                out.on_missing.push(theirs.target.label());
            }
            project.comments.push(theirs.clone());
            out.threads_added += 1;
            continue;
        };
        let known: std::collections::HashSet<String> = ours.comments.iter().map(|c| c.id.clone()).collect();
        for c in &theirs.comments {
            if !known.contains(&c.id) {
                ours.comments.push(c.clone());
                out.replies_added += 1;
            }
        }
        // Stamps sort as text; a stable sort keeps same-time comments in their order.
        ours.comments.sort_by(|a, b| a.at.cmp(&b.at));
        match (&ours.resolved, &theirs.resolved) {
            (None, Some(r)) if r.at.as_str() >= ours.last_activity() => {
                ours.resolved = Some(r.clone());
                out.threads_resolved += 1;
            }
            (Some(r), None) if theirs.last_activity() > r.at.as_str() => {
                ours.resolved = None;
                out.threads_reopened += 1;
            }
            _ => {}
        }
    }
    let mut reviewed: std::collections::HashMap<_, usize> = project
        .duty_reviews
        .iter()
        .enumerate()
        .map(|(i, r)| (r.duty.clone(), i))
        .collect();
    for r in &other.duty_reviews {
        match reviewed.get(&r.duty).and_then(|&i| project.duty_reviews.get_mut(i)) {
            None => {
                reviewed.insert(r.duty.clone(), project.duty_reviews.len());
                project.duty_reviews.push(r.clone());
                out.duty_reviews_added += 1;
            }
            Some(ours) if ours.status == r.status => {}
            // Stamps sort as text, as comments' do.
            Some(ours) if !ours.at.is_empty() && !r.at.is_empty() && r.at > ours.at => {
                *ours = r.clone();
                out.duty_reviews_updated += 1;
            }
            Some(ours) => {
                let who = |by: &str| {
                    if by.is_empty() {
                        String::new()
                    } else {
                        format!(" ({by})")
                    }
                };
                out.duty_reviews_kept.push(format!(
                    "{}: their {}{}, ours {}",
                    r.duty,
                    r.status.label(),
                    who(&r.by),
                    ours.status.label()
                ));
            }
        }
    }
    project.duty_reviews.sort_by(|a, b| a.duty.cmp(&b.duty));
    out
}

#[cfg(test)]
#[path = "comments_tests.rs"]
mod tests;
