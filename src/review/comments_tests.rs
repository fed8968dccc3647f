//! Tests of comment threads, duty reviews and merging a reviewer's copy.

use super::*;
use crate::model::KsbRef;

fn sample() -> Project {
    crate::sample::sample_project().unwrap()
}

fn cell() -> CommentTarget {
    CommentTarget::Cell {
        module: "HSC401".into(),
        ksb: "ST0215/K5".parse::<KsbRef>().unwrap(),
    }
}

#[test]
fn ids_are_stable_across_copies_and_unique_within_one() {
    let mut a = sample();
    let mut b = sample();
    let ta = add_thread(&mut a, cell(), "Ann", "2026-11-25T10:00:00Z", "Is K5 assessed?");
    let tb = add_thread(&mut b, cell(), "Ann", "2026-11-25T10:00:00Z", "Is K5 assessed?");
    assert_eq!(ta, tb);
    let again = add_thread(&mut a, cell(), "Ann", "2026-11-25T10:00:00Z", "Is K5 assessed?");
    assert_ne!(ta, again);
    assert!(ta.starts_with("t-") && ta.len() == 18, "{ta}");
}

#[test]
fn comments_from_a_reviewers_copy_merge_without_loss() {
    let mut ours = sample();
    let shared = add_thread(&mut ours, cell(), "Ann", "2026-11-25T09:00:00Z", "Is K5 assessed?");
    let mut theirs = ours.clone();

    // Both copies go on separately.
    reply(
        &mut ours,
        &shared,
        "Ann",
        "2026-11-25T11:00:00Z",
        "The essay covers it.",
    )
    .unwrap();
    let mine = add_thread(
        &mut ours,
        CommentTarget::Programme,
        "Ann",
        "2026-11-25T11:05:00Z",
        "Draft 2",
    );
    reply(
        &mut theirs,
        &shared,
        "Raj",
        "2026-11-25T10:30:00Z",
        "Only in part, I think.",
    )
    .unwrap();
    let duty = crate::model::DutyRef {
        standard: "ST0215".into(),
        code: "D1".into(),
    };
    add_thread(
        &mut theirs,
        CommentTarget::Duty(duty.clone()),
        "Raj",
        "2026-11-25T10:40:00Z",
        "Agreed.",
    );
    set_duty_status(&mut theirs, &duty, ReviewStatus::Agreed, "Raj", "2026-11-25T10:41:00Z");

    let before = ours.clone();
    let merged = merge_comments(&mut ours, &theirs);
    assert_eq!(
        merged,
        CommentMerge {
            threads_added: 1,
            replies_added: 1,
            threads_resolved: 0,
            duty_reviews_added: 1,
            ..CommentMerge::default()
        }
    );
    assert_eq!(merged.summary(), "1 thread, 1 reply and 1 duty review added");
    // Nothing of ours is lost, and the replies read in time order.
    let t = ours.comments.iter().find(|t| t.id == shared).unwrap();
    let texts: Vec<&str> = t.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Is K5 assessed?", "Only in part, I think.", "The essay covers it."]
    );
    assert!(ours.comments.iter().any(|t| t.id == mine));
    assert_eq!(ours.comments.len(), 3);
    assert_eq!(duty_status(&ours, &duty), ReviewStatus::Agreed);
    // The mapping itself is untouched.
    assert_eq!(ours.mappings, before.mappings);

    // Merging again adds nothing.
    assert!(merge_comments(&mut ours, &theirs).is_empty());
}

#[test]
fn another_programmes_file_is_not_a_copy() {
    let ours = sample();
    assert!(is_copy_of(&ours.clone(), &ours));
    let mut other = ours.clone();
    other.programme.title = "BSc Something Else".into();
    assert!(is_copy_of(&other, &ours), "same standard");
    other.standards.clear();
    other.programme.standards = vec!["ST0004".into()];
    assert!(!is_copy_of(&other, &ours));
    other.programme.title = ours.programme.title.clone();
    assert!(is_copy_of(&other, &ours), "same programme, its standard since changed");
}

#[test]
fn a_resolution_merges_unless_our_thread_went_on_after_it() {
    let mut ours = sample();
    let id = add_thread(&mut ours, cell(), "Ann", "2026-11-25T09:00:00Z", "Check");
    let mut theirs = ours.clone();
    assert!(set_resolved(&mut theirs, &id, true, "Raj", "2026-11-25T10:00:00Z"));
    assert!(!set_resolved(&mut theirs, &id, true, "Raj", "2026-11-25T10:00:00Z"));

    let mut later = ours.clone();
    reply(&mut later, &id, "Ann", "2026-11-25T11:00:00Z", "Not yet").unwrap();
    assert_eq!(merge_comments(&mut later, &theirs).threads_resolved, 0);
    assert!(later.comments[0].is_open());

    assert_eq!(merge_comments(&mut ours, &theirs).threads_resolved, 1);
    assert!(!ours.comments[0].is_open());
}

#[test]
fn a_duty_status_is_set_and_cleared() {
    let mut p = sample();
    let duty = crate::model::DutyRef {
        standard: "ST0215".into(),
        code: "D2".into(),
    };
    assert_eq!(duty_status(&p, &duty), ReviewStatus::NotReviewed);
    assert_eq!(
        set_duty_status(&mut p, &duty, ReviewStatus::Query, "A", "t"),
        ReviewStatus::NotReviewed
    );
    assert_eq!(duty_status(&p, &duty), ReviewStatus::Query);
    set_duty_status(&mut p, &duty, ReviewStatus::NotReviewed, "A", "t");
    assert!(p.duty_reviews.is_empty());
}

/// A reviewer's copy that went on with a thread resolved here reopens it, and a later
/// verdict on a duty both reviewed stands. Both were once dropped with no word.
#[test]
fn a_reviewers_later_reopen_and_verdict_are_merged() {
    let mut ours = sample();
    let id = add_thread(&mut ours, cell(), "Ann", "2026-11-25T09:00:00Z", "Is K5 assessed?");
    let duty = |code: &str| crate::model::DutyRef {
        standard: "ST0215".into(),
        code: code.into(),
    };
    let mut theirs = ours.clone();
    assert!(set_resolved(&mut ours, &id, true, "Ann", "2026-11-25T10:00:00Z"));
    set_duty_status(
        &mut ours,
        &duty("D1"),
        ReviewStatus::Query,
        "Ann",
        "2026-11-25T09:30:00Z",
    );
    set_duty_status(
        &mut ours,
        &duty("D2"),
        ReviewStatus::Agreed,
        "Ann",
        "2026-11-25T12:00:00Z",
    );
    reply(
        &mut theirs,
        &id,
        "Raj",
        "2026-11-25T11:00:00Z",
        "Reopening: the essay does not.",
    )
    .unwrap();
    set_duty_status(
        &mut theirs,
        &duty("D1"),
        ReviewStatus::Agreed,
        "Raj",
        "2026-11-25T10:30:00Z",
    );
    set_duty_status(
        &mut theirs,
        &duty("D2"),
        ReviewStatus::Query,
        "Raj",
        "2026-11-25T11:00:00Z",
    );

    let m = merge_comments(&mut ours, &theirs);
    assert_eq!(
        (
            m.replies_added,
            m.threads_reopened,
            m.duty_reviews_updated,
            m.duty_reviews_kept.len()
        ),
        (1, 1, 1, 1)
    );
    // The verdict not taken is named: which duty, and what the copy said.
    assert!(m.summary().contains(&m.duty_reviews_kept[0]), "{}", m.summary());
    assert!(m.duty_reviews_kept[0].contains(": their "), "{:?}", m.duty_reviews_kept);
    assert!(ours.comments[0].is_open());
    assert_eq!(
        duty_status(&ours, &duty("D1")),
        ReviewStatus::Agreed,
        "the reviewer's later verdict"
    );
    assert_eq!(
        duty_status(&ours, &duty("D2")),
        ReviewStatus::Agreed,
        "ours is the later"
    );
    assert!(m.summary().contains("1 thread reopened"), "{}", m.summary());
    assert!(
        m.summary().contains("this project's, the later, is kept"),
        "{}",
        m.summary()
    );
    // A reviewer who last spoke before the resolution does not reopen it.
    let mut again = ours.clone();
    assert!(set_resolved(&mut again, &id, true, "Ann", "2026-11-25T13:00:00Z"));
    assert_eq!(merge_comments(&mut again, &theirs).threads_reopened, 0);
    assert!(!again.comments[0].is_open());
}

#[test]
fn threads_on_what_the_project_no_longer_has_are_named() {
    let mut ours = sample();
    let mut theirs = sample();
    let gone = CommentTarget::Cell {
        module: "HSC999".into(),
        ksb: "ST0215/K3".parse::<KsbRef>().unwrap(),
    };
    add_thread(&mut theirs, gone, "Raj", "2026-11-25T10:00:00Z", "Where is K3 taught?");
    add_thread(&mut theirs, cell(), "Raj", "2026-11-25T10:01:00Z", "Fine here");
    let m = merge_comments(&mut ours, &theirs);
    assert_eq!(m.threads_added, 2, "nothing is dropped");
    assert_eq!(m.on_missing, ["HSC999 × ST0215/K3"]);
    assert!(
        m.summary()
            .contains("1 thread is on what this project no longer has (HSC999 × ST0215/K3)"),
        "{}",
        m.summary()
    );
}

#[test]
fn a_thread_on_what_is_gone_says_what_is_gone() {
    let mut p = sample();
    let k3 = "ST0215/K3".parse::<KsbRef>().unwrap();
    let d7 = crate::model::DutyRef {
        standard: "ST0215".into(),
        code: "D7".into(),
    };
    let on_cell = cell();
    for t in [
        CommentTarget::Programme,
        on_cell.clone(),
        CommentTarget::Ksb(k3.clone()),
    ] {
        assert_eq!(gone_note(&p, &t), None, "{}", t.label());
    }
    assert_eq!(target_heading(&p, &on_cell), "HSC401 × ST0215/K5");
    p.modules.retain(|m| m.code != "HSC401");
    assert_eq!(gone_note(&p, &CommentTarget::Module("HSC401".into())), Some("removed"));
    assert_eq!(target_heading(&p, &on_cell), "HSC401 × ST0215/K5 (module removed)");
    // A new version that drops K3 and D7: their threads stay, and say so.
    let standard = p.standards.iter_mut().find(|s| s.reference == "ST0215").unwrap();
    standard.ksbs.retain(|k| k.code != k3.code);
    standard.duties.retain(|d| d.code != d7.code);
    assert_eq!(
        gone_note(&p, &CommentTarget::Ksb(k3)),
        Some("no longer in the standard")
    );
    assert_eq!(
        gone_note(&p, &CommentTarget::Duty(d7)),
        Some("no longer in the standard")
    );
    assert!(!target_missing(&p, &CommentTarget::Programme));
}
