//! Moving a project to another version of one of its standards: mappings follow their KSB
//! through the diff.

use std::collections::BTreeSet;

use super::diff::{Change, StandardDiff, diff};
use crate::model::ops::OpsError;
use crate::model::{
    CarriedMapping, DropReason, DroppedMapping, KsbCode, KsbRef, Mapping, Mappings, MigrationRecord, Project, Standard,
};

/// The project's mappings of `diff.from`'s standard that a migration would carry to a
/// reworded KSB: the ones to review, in (KSB, module) order.
pub fn reworded_mappings(project: &Project, diff: &StandardDiff) -> Vec<CarriedMapping> {
    let reference = &diff.from.reference;
    project
        .mappings
        .iter()
        .filter(|m| &m.ksb.standard == reference)
        .filter_map(|m| {
            let e = diff.ksb_from(m.ksb.code)?;
            match (e.change, e.to) {
                (Change::Reworded, Some(to)) => Some(CarriedMapping {
                    module: m.module.clone(),
                    from: m.ksb.code,
                    to,
                }),
                _ => None,
            }
        })
        .collect()
}

/// Replaces the project's copy of `new`'s standard by `new`, carrying each mapping to the
/// KSB it became: unchanged and renumbered ones as they were, reworded ones marked for review
/// (except those in `drop`, given as (module, older code)), and dropping those of removed
/// KSBs. Records the migration in the project and returns the record.
pub fn migrate_standard(
    project: &mut Project,
    new: Standard,
    drop: &BTreeSet<(String, KsbCode)>,
) -> Result<MigrationRecord, OpsError> {
    let reference = new.reference.clone();
    let index = project
        .standards
        .iter()
        .position(|s| s.reference == reference)
        .ok_or_else(|| OpsError::StandardMissing(reference.clone()))?;
    // A copy, so the diff can be read while the project's comments change.
    let old = project.standards[index].clone();
    let d = diff(&old, &new);
    let mut record = MigrationRecord {
        standard: reference.clone(),
        // A copy from page text has no version: the log names the one its KSBs match.
        from_version: old.version.clone().or_else(|| {
            crate::import::identify::identify_version(&old, &crate::catalogue::versions(&reference)).map(|m| m.version)
        }),
        to_version: new.version.clone(),
        carried: 0,
        renumbered: Vec::new(),
        review: Vec::new(),
        dropped: Vec::new(),
        added: d
            .ksbs
            .iter()
            .filter(|e| e.change == Change::Added)
            .filter_map(|e| e.to)
            .collect(),
        dropped_reviews: Vec::new(),
    };
    let mut kept: Vec<Mapping> = Vec::with_capacity(project.mappings.len());
    for m in project.mappings.iter() {
        if m.ksb.standard != reference {
            kept.push(m.clone());
            continue;
        }
        let (module, code) = (m.module.clone(), m.ksb.code);
        let dropped = |reason| DroppedMapping {
            module: module.clone(),
            ksb: code,
            text: old.ksb(code).map(|k| k.text.clone()).unwrap_or_default(),
            reason,
            note: m.note.clone(),
            workplace_reason: m.workplace_reason.clone(),
        };
        let Some(entry) = d.ksb_from(code) else {
            record.dropped.push(dropped(DropReason::NotInOldVersion));
            continue;
        };
        let Some(to) = entry.to else {
            record.dropped.push(dropped(DropReason::Removed));
            continue;
        };
        let moved = Mapping {
            ksb: KsbRef::new(reference.clone(), to),
            ..m.clone()
        };
        let carried = CarriedMapping {
            module: module.clone(),
            from: code,
            to,
        };
        match entry.change {
            Change::Reworded if drop.contains(&(module.clone(), code)) => {
                record.dropped.push(dropped(DropReason::DroppedOnReview));
            }
            Change::Reworded => {
                record.review.push(carried);
                kept.push(Mapping { review: true, ..moved });
            }
            _ => {
                record.carried += 1;
                if to != code {
                    record.renumbered.push(carried);
                }
                kept.push(moved);
            }
        }
    }
    project.mappings = Mappings::from(kept);
    let old_duty_text = |code: &str| {
        old.duties
            .iter()
            .find(|x| x.code == code)
            .map(|x| x.text.clone())
            .unwrap_or_default()
    };
    follow_comments(project, &d, (old_text_of(&old), old_duty_text), &record);
    record.dropped_reviews = follow_duty_reviews(project, &d, &reference);
    project.standards[index] = new;
    project.migrations.push(record.clone());
    Ok(record)
}

/// `other` carried to the versions of the standards `project` holds, as `migrate` would carry
/// it, without recording a migration of its own: a reviewer's copy sent before the project
/// moved to a new version then has its comments on the KSBs they were written about.
pub fn on_versions_of<'a>(project: &Project, other: &'a Project) -> std::borrow::Cow<'a, Project> {
    let mut out = std::borrow::Cow::Borrowed(other);
    for s in &project.standards {
        if other.standard(&s.reference).is_some_and(|o| o != s) {
            let _ = carry_to(out.to_mut(), s);
        }
    }
    out
}

/// Migrates a copy to `target` as `migrate` would, without recording a migration of its own:
/// for a copy being lined up with another, not moved by its owner. False when the copy does
/// not hold `target`'s standard.
pub fn carry_to(project: &mut Project, target: &Standard) -> Option<MigrationRecord> {
    let before = project.migrations.len();
    let done = migrate_standard(project, target.clone(), &BTreeSet::new()).ok();
    project.migrations.truncate(before);
    done
}

/// Duty reviews follow their duty, as threads do; the reviews of duties the new version
/// removes are returned, for the migration's record.
fn follow_duty_reviews(project: &mut Project, d: &StandardDiff, reference: &str) -> Vec<crate::model::DutyReview> {
    let mut dropped = Vec::new();
    for mut r in std::mem::take(&mut project.duty_reviews) {
        if r.duty.standard != reference {
            project.duty_reviews.push(r);
            continue;
        }
        match d.duty_to(&r.duty.code) {
            Some(to) => {
                r.duty.code = to.to_string();
                project.duty_reviews.push(r);
            }
            None => dropped.push(r),
        }
    }
    project.duty_reviews.sort_by(|a, b| a.duty.cmp(&b.duty));
    dropped
}

fn old_text_of(s: &Standard) -> impl Fn(KsbCode) -> String + '_ {
    move |code| s.ksb(code).map(|k| k.text.clone()).unwrap_or_default()
}

/// Comment threads on the standard's KSBs (or their cells) follow their KSB as mappings do,
/// and those on its duties their duty. A thread whose KSB or duty the new version removes
/// moves to the programme, with a note saying what it was on and what that said, so it never
/// lands on a new one that reuses the code.
fn follow_comments(
    project: &mut Project,
    d: &StandardDiff,
    (old_text, old_duty_text): (impl Fn(KsbCode) -> String, impl Fn(&str) -> String),
    record: &MigrationRecord,
) {
    use crate::model::CommentTarget;
    let to_version = record.to_version.as_deref().unwrap_or("the new version");
    for t in &mut project.comments {
        if let CommentTarget::Duty(duty) = &mut t.target
            && duty.standard == record.standard
        {
            let old_code = duty.code.clone();
            match d.duty_to(&old_code) {
                Some(to) => duty.code = to.to_string(),
                None => {
                    let text = format!(
                        "Moved to the programme when {} moved to {to_version}: this thread was on duty {old_code} (\"{}\"), which {to_version} does not have.",
                        record.standard,
                        old_duty_text(&old_code),
                    );
                    t.move_to_programme(text);
                }
            }
            continue;
        }
        let code = match &t.target {
            CommentTarget::Ksb(k) | CommentTarget::Cell { ksb: k, .. } if k.standard == record.standard => k.code,
            _ => continue,
        };
        if let Some(to) = d.ksb_from(code).and_then(|e| e.to) {
            if let CommentTarget::Ksb(k) | CommentTarget::Cell { ksb: k, .. } = &mut t.target {
                k.code = to;
            }
            continue;
        }
        let text = format!(
            "Moved to the programme when {} moved to {to_version}: this thread was on {} (\"{}\"), which {to_version} does not have.",
            record.standard,
            t.target.label(),
            old_text(code),
        );
        t.move_to_programme(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Coverage, KsbKind};

    #[test]
    fn mappings_follow_their_ksbs_and_the_rest_is_recorded() {
        let mut p = crate::sample::stress_project(20, 4);
        let reference = p.standards[0].reference.clone();
        let code = |n| KsbCode::new(KsbKind::Knowledge, n);
        let r = |n| KsbRef::new(reference.clone(), code(n));
        p.mappings = Mappings::new();
        for n in [1, 2, 3, 99] {
            p.set_mapping(Mapping::new("M1", r(n), Coverage::Full));
        }
        p.set_mapping(Mapping::new("M2", r(2), Coverage::Partial));
        let mut new = p.standards[0].clone();
        new.version = Some("2.0".into());
        // K1 removed, so every later knowledge moves down one; K2 (now K1) reworded.
        new.ksbs.remove(0);
        for k in new.ksbs.iter_mut().filter(|k| k.code.kind == KsbKind::Knowledge) {
            k.code.number -= 1;
        }
        new.ksbs[0].text = format!("{}, with others", new.ksbs[0].text.replace("principles", "ideas"));
        let drop = BTreeSet::from([("M2".to_string(), code(2))]);
        use crate::model::CommentTarget;
        use crate::review::comments::add_thread;
        let stamp = "2026-11-25T10:00:00Z";
        let on_removed = add_thread(&mut p, CommentTarget::Ksb(r(1)), "A", stamp, "On K1");
        let on_moved = add_thread(&mut p, CommentTarget::Ksb(r(3)), "A", stamp, "On K3");
        let cell = CommentTarget::Cell {
            module: "M1".into(),
            ksb: r(2),
        };
        let on_reworded = add_thread(&mut p, cell, "A", stamp, "On M1 x K2");
        let old_k1 = p.standards[0].ksbs[0].text.clone();
        let record = migrate_standard(&mut p, new, &drop).unwrap();
        let target = |id: &str| p.comments.iter().find(|t| t.id == id).unwrap().target.clone();
        assert_eq!(target(&on_moved), CommentTarget::Ksb(r(2)), "renumbered K3 -> K2");
        assert_eq!(
            target(&on_reworded),
            CommentTarget::Cell {
                module: "M1".into(),
                ksb: r(1)
            }
        );
        // The removed KSB's thread does not land on the new K1 (another KSB): it goes to the
        // programme with a note of what it was on.
        assert_eq!(target(&on_removed), CommentTarget::Programme);
        let note = &p.comments.iter().find(|t| t.id == on_removed).unwrap().comments[1];
        assert!(
            note.text.contains(&format!("{}/K1", reference)) && note.text.contains(&old_k1),
            "{}",
            note.text
        );

        assert_eq!(record.to_version.as_deref(), Some("2.0"));
        assert_eq!(record.carried, 1, "K3 carried as K2");
        assert_eq!(
            record.renumbered,
            [CarriedMapping {
                module: "M1".into(),
                from: code(3),
                to: code(2)
            }]
        );
        assert_eq!(
            record.review,
            [CarriedMapping {
                module: "M1".into(),
                from: code(2),
                to: code(1)
            }]
        );
        let why: Vec<(&str, KsbCode, DropReason)> = record
            .dropped
            .iter()
            .map(|d| (d.module.as_str(), d.ksb, d.reason))
            .collect();
        assert_eq!(
            why,
            [
                ("M1", code(1), DropReason::Removed),
                ("M2", code(2), DropReason::DroppedOnReview),
                ("M1", code(99), DropReason::NotInOldVersion),
            ]
        );
        assert!(p.mapping("M1", &r(1)).is_some_and(|m| m.review));
        assert!(p.mapping("M1", &r(2)).is_some_and(|m| !m.review));
        assert_eq!(p.mappings.len(), 2);
        assert_eq!(p.migrations, [record]);
        // A standard the project does not hold is refused, and nothing changes.
        let before = p.clone();
        let mut other = p.standards[0].clone();
        other.reference = format!("{reference}0");
        assert!(migrate_standard(&mut p, other, &BTreeSet::new()).is_err());
        assert_eq!(p, before);
    }

    /// A new version that reorders its duties (and removes one): each duty's review and
    /// threads follow its text to its new code; the removed duty's review goes, and its thread
    /// moves to the programme saying what it was on.
    #[test]
    fn duty_reviews_and_threads_follow_their_duty() {
        use crate::model::{CommentTarget, DutyRef, ReviewStatus};
        use crate::review::comments::{add_thread, duty_status, set_duty_status};
        let mut p = crate::sample::sample_project().unwrap();
        let old = p.standards[0].clone();
        let reference = old.reference.clone();
        let duty = |code: &str| DutyRef {
            standard: reference.clone(),
            code: code.into(),
        };
        let mut new = old.clone();
        new.version = Some("9.9".into());
        let removed_text = new.duties.pop().map(|d| d.text).unwrap_or_default();
        let removed_code = format!("D{}", old.duties.len());
        new.duties.reverse();
        let n = new.duties.len();
        for (i, d) in new.duties.iter_mut().enumerate() {
            d.code = format!("D{}", i + 1);
        }
        let stamp = "2026-11-25T10:00:00Z";
        set_duty_status(&mut p, &duty("D1"), ReviewStatus::Agreed, "A", stamp);
        set_duty_status(&mut p, &duty(&removed_code), ReviewStatus::Query, "A", stamp);
        let on_d2 = add_thread(&mut p, CommentTarget::Duty(duty("D2")), "A", stamp, "On D2");
        let on_removed = add_thread(
            &mut p,
            CommentTarget::Duty(duty(&removed_code)),
            "A",
            stamp,
            "On the last",
        );
        migrate_standard(&mut p, new, &BTreeSet::new()).unwrap();
        // Old D1 is new D{n}, old D2 new D{n-1}.
        assert_eq!(duty_status(&p, &duty(&format!("D{n}"))), ReviewStatus::Agreed);
        assert_eq!(duty_status(&p, &duty("D1")), ReviewStatus::NotReviewed);
        assert_eq!(p.duty_reviews.len(), 1, "the removed duty's review went with it");
        let record = p.migrations.last().unwrap();
        assert_eq!(record.dropped_reviews.len(), 1, "and is kept in the record");
        assert_eq!(record.dropped_reviews[0].status, ReviewStatus::Query);
        let target = |id: &str| p.comments.iter().find(|t| t.id == id).unwrap().target.clone();
        assert_eq!(target(&on_d2), CommentTarget::Duty(duty(&format!("D{}", n - 1))));
        assert_eq!(target(&on_removed), CommentTarget::Programme);
        let note = &p.comments.iter().find(|t| t.id == on_removed).unwrap().comments[1];
        assert!(note.text.contains(&removed_text), "{}", note.text);
    }
}
