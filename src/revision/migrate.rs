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
    let old = &project.standards[index];
    let d = diff(old, &new);
    let mut record = MigrationRecord {
        standard: reference.clone(),
        from_version: old.version.clone(),
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
    project.standards[index] = new;
    project.migrations.push(record.clone());
    Ok(record)
}
