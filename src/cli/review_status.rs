//! What `check` says about review: the sign-off (unsigned, signed or stale, and what changed
//! since), each duty's review status and the open comments. Information only: it changes the
//! exit code only under `check --require-signoff`.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::model::Project;
use crate::review::compare_text::LineKind;
use crate::review::signoff::{self, SignOffState};

/// At most this many changed items are listed under a stale sign-off; the rest are counted.
const MAX_CHANGES: usize = 12;

/// Duty review counts: (agreed, query, not reviewed).
pub fn duty_counts(project: &Project) -> (usize, usize, usize) {
    let [not_reviewed, agreed, query] = crate::review::comments::duty_status_counts(project);
    (agreed, query, not_reviewed)
}

/// `1 comment thread, 1 open`, `3 comment threads, 2 open`.
pub fn threads_line(project: &Project) -> String {
    let n = project.comments.len();
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} comment thread{plural}, {} open", open_comments(project))
}

pub fn open_comments(project: &Project) -> usize {
    crate::review::comments::open_threads(project)
}

/// The sign-off in one line: `Not signed off`, `Signed off by …`, `Sign-off by … is stale: …`.
pub fn sign_off_line(state: &SignOffState<'_>) -> String {
    match state {
        SignOffState::Unsigned => "Not signed off".into(),
        SignOffState::Signed(s) => format!(
            "Signed off by {} ({}) on {}, content hash {}",
            s.name, s.role, s.date, s.hash
        ),
        SignOffState::Stale { sign_off, .. } if !signoff::record_intact(sign_off) => format!(
            "Sign-off by {} on {} is not intact: {}",
            sign_off.name,
            sign_off.date,
            signoff::record_problem(sign_off).unwrap_or_default()
        ),
        SignOffState::Stale { sign_off, changes } => {
            let since = match changes {
                Some(c) => c.counts(),
                None => "what changed cannot be told".into(),
            };
            format!(
                "Sign-off by {} on {} is stale: the mapping changed since — {since}",
                sign_off.name, sign_off.date
            )
        }
    }
}

/// The review lines `check` adds at the end of its text, each ended by a newline.
pub fn review_text(project: &Project) -> String {
    let mut out = String::new();
    let state = signoff::state(project);
    let _ = writeln!(out, "Sign-off: {}", sign_off_line(&state));
    if let SignOffState::Stale { changes, .. } = &state
        && let Some(c) = changes.as_ref().filter(|c| !c.is_empty())
    {
        let items: Vec<String> = crate::review::compare_text::lines(c)
            .into_iter()
            .filter(|l| l.kind == LineKind::Entry)
            .map(|l| l.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        for item in items.iter().take(MAX_CHANGES) {
            let _ = writeln!(out, "        {item}");
        }
        if items.len() > MAX_CHANGES {
            let _ = writeln!(
                out,
                "        … and {} more (htq-mapper check --json lists them all)",
                items.len() - MAX_CHANGES
            );
        }
    }
    if !project.duty_reviews.is_empty() || !project.comments.is_empty() {
        let (agreed, query, not_reviewed) = duty_counts(project);
        let _ = writeln!(
            out,
            "Review: duties {agreed} agreed, {query} query, {not_reviewed} not reviewed; comment threads: {} open of {}",
            open_comments(project),
            project.comments.len()
        );
    }
    out
}

/// `sign_off`: its state, the content hash now, every sign-off (with whether its hash is the
/// content's now), and what changed since the latest one when it is stale.
pub fn sign_off_json(project: &Project) -> Value {
    let hash = signoff::content_hash(project);
    let state = signoff::state_at(project, &hash);
    let (word, changed) = match &state {
        SignOffState::Unsigned => ("unsigned", Value::Null),
        SignOffState::Signed(_) => ("signed", Value::Null),
        SignOffState::Stale { changes, .. } => (
            "stale",
            changes
                .as_ref()
                .map_or(Value::Null, |c| super::compare::compare_json(c)),
        ),
    };
    let record_intact = match &state {
        SignOffState::Unsigned => Value::Null,
        SignOffState::Signed(s) | SignOffState::Stale { sign_off: s, .. } => json!(signoff::record_intact(s)),
    };
    json!({
        "state": word,
        "hash": hash,
        "signed": project.sign_offs.iter().map(|s| json!({
            "name": s.name, "role": s.role, "date": s.date.to_string(), "hash": s.hash, "current": s.hash == hash,
        })).collect::<Vec<_>>(),
        "record_intact": record_intact,
        "changed_since": changed,
    })
}

/// `duty_reviews`: how many duties are agreed, queried and not reviewed.
pub fn duty_reviews_json(project: &Project) -> Value {
    let (agreed, query, not_reviewed) = duty_counts(project);
    json!({"agreed": agreed, "query": query, "not_reviewed": not_reviewed})
}
