//! The reviewers' part of the report: the open comment threads, grouped by what they are on,
//! and the sign-off: who signed, and whether what they signed is still this content, or a blank
//! block for a reviewer to sign on paper.

use std::collections::BTreeMap;

use maud::{Markup, html};

use crate::model::{CommentTarget, Project, SignOff, Thread, stamp_for_people};
use crate::report::{long_date, shorten};
use crate::review::signoff::{self, SignOffState};

use super::table;

pub(super) use crate::report::change_counts;

/// The open threads, grouped by target; resolved threads are only counted.
pub(super) fn comments(project: &Project) -> Markup {
    let mut by_target: BTreeMap<&CommentTarget, Vec<&Thread>> = BTreeMap::new();
    for t in project.comments.iter().filter(|t| t.is_open()) {
        by_target.entry(&t.target).or_default().push(t);
    }
    let resolved = project.comments.len() - project.comments.iter().filter(|t| t.is_open()).count();
    html! {
        @if by_target.is_empty() {
            p { "No comment thread is open." }
        }
        @for (target, threads) in &by_target {
            div.comment-group {
                h3 { (target_heading(project, target)) }
                @for t in threads {
                    div.thread {
                        @for (i, c) in t.comments.iter().enumerate() {
                            div class=(if i == 0 { "comment" } else { "comment reply" }) {
                                p.meta { b { (c.author) } " · " (stamp_for_people(&c.at)) " UTC" @if i > 0 { " · reply" } }
                                p.text { (c.text) }
                            }
                        }
                    }
                }
            }
        }
        @if resolved > 0 {
            p.muted.small {
                (resolved) " resolved thread" @if resolved != 1 { "s are" } @else { " is" }
                " kept in the project file and not listed here."
            }
        }
    }
}

/// A comment target as a heading: its label and what it names.
fn target_heading(project: &Project, target: &CommentTarget) -> Markup {
    let module_title = |code: &str| project.module(code).map(|m| m.title.clone()).unwrap_or_default();
    let (label, what) = match target {
        CommentTarget::Programme => ("The programme".to_string(), String::new()),
        CommentTarget::Module(code) => (format!("Module {code}"), module_title(code)),
        CommentTarget::Ksb(k) => (k.to_string(), shorten(project.ksb_text(k), 90)),
        CommentTarget::Duty(d) => (format!("Duty {d}"), shorten(project.duty_text(d), 90)),
        CommentTarget::Cell { module, ksb } => (
            format!("{module} × {ksb}"),
            format!("{} · {}", module_title(module), shorten(project.ksb_text(ksb), 60)),
        ),
    };
    // A thread on what the project no longer has is kept and listed; the heading says so.
    let label = match crate::review::comments::gone_note(project, target) {
        Some(note) => format!("{label} ({note})"),
        None => label,
    };
    html! { (label) @if !what.is_empty() { span.muted.what { " " (what) } } }
}

/// Who signed, and whether each sign-off still matches; or a blank block to sign.
pub(super) fn sign_off(project: &Project, hash: &str) -> Markup {
    let state = signoff::state_at(project, hash);
    let heads = [
        ("Name", false),
        ("Role", false),
        ("Date", false),
        ("Content hash signed", false),
        ("Matches this content?", false),
    ];
    let programme = project.programme.name();
    html! {
        @if project.sign_offs.is_empty() {
            p { "No reviewer has signed this mapping. To sign it on paper, fill in the block below." }
        } @else {
            p {
                "Each reviewer below signed the mapping as it stood, naming its content hash. A sign-off "
                "matches while that hash is still this content's; any change to the programme, its modules, "
                "the mappings or the standards makes it stale."
            }
            (table(Some("signers"), &heads, html! {
                @for s in &project.sign_offs { (signer_row(project, s, hash)) }
            }))
        }
        @match &state {
            SignOffState::Signed(_) => {
                p.muted.small { "Content hash of this report: " code.hash { (hash) } }
            }
            SignOffState::Unsigned | SignOffState::Stale { .. } => {
                @if matches!(state, SignOffState::Stale { .. }) {
                    p {
                        "The latest sign-off no longer matches: the mapping changed after it was signed. "
                        "To sign the mapping as it is now, fill in the block below."
                    }
                }
                div.declaration {
                    p {
                        "I have reviewed the mapping of " b { (programme) } " to its occupational standards as set out "
                        "in this report, whose content hash is"
                    }
                    p { code.hash.big { (hash) } }
                }
                (blank_block())
            }
        }
    }
}

fn signer_row(project: &Project, s: &SignOff, hash: &str) -> Markup {
    let matches = s.hash == hash;
    html! {
        tr {
            td { b { (s.name) } }
            td { (s.role) }
            td.date { (long_date(s.date)) }
            td { code.hash { (s.hash) } }
            td {
                @if matches {
                    span class="tag t-full" { "matches" }
                } @else {
                    span class="tag t-none" { "stale" }
                    div.explain {
                        "the mapping changed since it was signed: "
                        @match signoff::changes_since(s, project) {
                            Some(c) => { (change_counts(&c)) }
                            None => { "the sign-off kept no content to say what" }
                        }
                    }
                }
                @if let Some(problem) = signoff::record_problem(s) {
                    div.explain { (problem) }
                }
            }
        }
    }
}

/// Lines for a reviewer to sign by hand.
fn blank_block() -> Markup {
    html! {
        div.sign-block {
            @for label in ["Name", "Role", "Signature", "Date"] {
                div.sign-line { span.label { (label) } span.line {} }
            }
        }
    }
}
