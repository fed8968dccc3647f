//! What reviewers leave on a mapping: comment threads, each duty's review status, sign-offs,
//! and the log of saves. Pure data; `crate::review` holds what is done with it.
//!
//! Everything is keyed by stable ids and domain references (module codes, KSB and duty
//! references), never by position, so it survives reordering and a copy's records merge into
//! another's without clashing.

use serde::{Deserialize, Serialize};

use super::date::IsoDate;
use super::mapping::{DutyRef, KsbRef};

/// What a comment thread is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CommentTarget {
    Programme,
    Module(String),
    Ksb(KsbRef),
    Duty(DutyRef),
    /// One cell of the grid: a module against a KSB.
    Cell {
        module: String,
        ksb: KsbRef,
    },
}

impl CommentTarget {
    /// The code of the module the target is on or in, for a module or a cell.
    pub fn module(&self) -> Option<&str> {
        match self {
            CommentTarget::Module(code) | CommentTarget::Cell { module: code, .. } => Some(code),
            CommentTarget::Programme | CommentTarget::Ksb(_) | CommentTarget::Duty(_) => None,
        }
    }

    /// How the target reads in a list: `HSC401 × ST0215/K5`, `duty ST0215/D3`.
    pub fn label(&self) -> String {
        match self {
            CommentTarget::Programme => "the programme".into(),
            CommentTarget::Module(code) => format!("module {code}"),
            CommentTarget::Ksb(ksb) => ksb.to_string(),
            CommentTarget::Duty(duty) => format!("duty {duty}"),
            CommentTarget::Cell { module, ksb } => format!("{module} × {ksb}"),
        }
    }
}

/// A thread of comments on one target: the first comment and its replies, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thread {
    /// Stable across copies: made from the first comment's author, time and text.
    pub id: String,
    pub target: CommentTarget,
    pub comments: Vec<Comment>,
    /// Who closed the thread and when; `None` while it is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolution>,
}

impl Thread {
    pub fn is_open(&self) -> bool {
        self.resolved.is_none()
    }

    /// The time of the thread's latest comment (stamps sort as text).
    pub fn last_activity(&self) -> &str {
        self.comments.iter().map(|c| c.at.as_str()).max().unwrap_or("")
    }

    /// Moves the thread to the programme, with a comment from HTQ Mapper saying why: for a
    /// thread whose target is gone, so it never lands on something new that reuses the code.
    pub fn move_to_programme(&mut self, why: String) {
        self.comments.push(Comment {
            id: format!("c-moved-{}", self.comments.len()),
            author: "HTQ Mapper".into(),
            at: super::now_stamp(),
            text: why,
        });
        self.target = CommentTarget::Programme;
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// Stable across copies, unique within its thread.
    pub id: String,
    pub author: String,
    /// UTC, `2026-11-25T10:04:05Z`, so stamps sort as text.
    pub at: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub by: String,
    pub at: String,
}

/// A reviewer's view of one duty.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ReviewStatus {
    #[default]
    NotReviewed,
    Agreed,
    Query,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 3] = [ReviewStatus::NotReviewed, ReviewStatus::Agreed, ReviewStatus::Query];

    pub fn label(self) -> &'static str {
        match self {
            ReviewStatus::NotReviewed => "not reviewed",
            ReviewStatus::Agreed => "agreed",
            ReviewStatus::Query => "query",
        }
    }
}

/// A duty's review status, who set it and when. A duty with none is not reviewed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutyReview {
    pub duty: DutyRef,
    pub status: ReviewStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
}

/// A reviewer's sign-off of the whole mapping as it stood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    pub name: String,
    pub role: String,
    pub date: IsoDate,
    /// SHA-256 of the canonical content signed, as 64 lowercase hex digits.
    pub hash: String,
    /// The canonical content signed, one line per item (see `crate::review::signoff`), so a
    /// stale sign-off can say what changed since and anyone can check the hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content: Vec<String>,
    /// SHA-256 of the whole record: name, role, date, hash and content, so an edit to any of
    /// them shows. Records made before it was added have none (see `crate::review::signoff`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub record_hash: String,
}

/// One save: when, by whom, and what changed since the save before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeLogEntry {
    pub at: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// `2 mappings added, 1 changed; 1 module changed`.
    pub summary: String,
}

/// Now in UTC as `2026-11-25T10:04:05Z`, from the system clock.
pub fn now_stamp() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    stamp_from_unix(secs)
}

/// A Unix time in seconds as `2026-11-25T10:04:05Z`.
pub fn stamp_from_unix(secs: u64) -> String {
    let day = IsoDate::from_unix_days((secs / 86_400) as i64);
    let s = secs % 86_400;
    format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// `2026-11-25 10:04` from a stamp, for people; the stamp itself when it is not one.
pub fn stamp_for_people(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) if at.len() >= 16 => format!("{day} {time}"),
        _ => at.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_and_sort_as_text() {
        assert_eq!(stamp_from_unix(0), "1970-01-01T00:00:00Z");
        // 2026-11-25 10:04:05 UTC.
        assert_eq!(stamp_from_unix(1_795_601_045), "2026-11-25T10:04:05Z");
        assert!(stamp_from_unix(1_795_601_045) < stamp_from_unix(1_795_601_046));
        assert_eq!(stamp_for_people("2026-11-25T10:04:05Z"), "2026-11-25 10:04");
        assert_eq!(stamp_for_people("odd"), "odd");
    }
}
