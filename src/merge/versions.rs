//! Copies on different versions of a standard: one side migrated (1.0 → 1.1) after the copy was
//! sent. Their mappings name the old version's codes, which the new version may give to other
//! statements (1.0's K27 is 1.1's K20; 1.1's K27 says something else), so before the merge the
//! copies still on the old version are carried to the new one by the same migration `migrate`
//! runs. Each change then lands on the KSB it was made to.

use std::borrow::Cow;

use crate::model::{DroppedMapping, Mapping, MigrationRecord, Project, Standard};

/// The three copies on one version of each standard, and what was carried, in words.
pub struct Aligned<'a> {
    pub base: Cow<'a, Project>,
    pub mine: Cow<'a, Project>,
    pub theirs: Cow<'a, Project>,
    /// "theirs: ST0220 1.0 → 1.1", one per copy carried.
    pub carried: Vec<String>,
    /// Standards whose mappings in their copy are left out of the merge, and why: a copy
    /// moved back to an older version, which carrying would undo mappings for.
    pub withheld: Vec<String>,
}

/// What to do with one standard the three copies hold.
enum Plan<'s> {
    /// All on one version: nothing.
    Same,
    /// Carry every copy on another version to this one.
    To(&'s Standard),
    /// Leave theirs' mappings of it out, saying why.
    Withhold(String),
}

/// Whether `s` is an older version than `than` (a copy without a version is never older).
fn older(s: &Standard, than: &Standard) -> bool {
    match (s.version.as_deref(), than.version.as_deref()) {
        (Some(a), Some(b)) => crate::catalogue::compare_versions(a, b).is_lt(),
        _ => false,
    }
}

/// Carrying goes forward only: a migration to an older version drops the mappings of every
/// KSB the newer one added, so a copy moved back (by mistake, often) would take them from
/// the other side too, as "changes". The copies moved apart, both forward, meet at the newer.
fn plan<'s>(b: &Standard, m: &'s Standard, t: &'s Standard) -> Plan<'s> {
    let moved_back = |s: &Standard| older(s, b);
    match (m != b, t != b) {
        (false, false) => Plan::Same,
        (true, true) if m == t => Plan::To(m),
        (true, false) | (false, true) if !moved_back(m) && !moved_back(t) => Plan::To(if m != b { m } else { t }),
        (true, true) if !moved_back(m) && !moved_back(t) && m.version != t.version => {
            Plan::To(if older(m, t) { t } else { m })
        }
        // Both edited one version differently: the merge keeps both standards as a conflict.
        (true, true) if !moved_back(m) && !moved_back(t) => Plan::Same,
        _ => {
            let moved = match (m != b, t != b) {
                (true, true) => format!(
                    "the copies moved {r} apart from {}, mine to {} and theirs to {}",
                    version_words(b),
                    version_words(m),
                    version_words(t),
                    r = b.reference
                ),
                _ => {
                    let (who, to) = if m != b { ("mine", m) } else { ("theirs", t) };
                    format!(
                        "{who} moved {} back from {} to {}",
                        b.reference,
                        version_words(b),
                        version_words(to)
                    )
                }
            };
            Plan::Withhold(format!(
                "{moved}, so their changes to {r}'s mappings are not merged and this project stays on {}: carried across, every mapping a move back dropped would read as removed. Redo the changes you want in this copy (`htq-mapper compare MINE THEIRS` lists how the copies differ).",
                version_words(m),
                r = b.reference,
            ))
        }
    }
}

/// Carries the copies still on a standard's old version to the version the other side moved
/// to (or both moved to alike, or the newer of the two each moved to). A copy moved back to
/// an older version is not carried: theirs' mappings of that standard are left out.
pub fn align<'a>(base: &'a Project, mine: &'a Project, theirs: &'a Project) -> Aligned<'a> {
    let mut out = Aligned {
        base: Cow::Borrowed(base),
        mine: Cow::Borrowed(mine),
        theirs: Cow::Borrowed(theirs),
        carried: Vec::new(),
        withheld: Vec::new(),
    };
    for b in &base.standards {
        let (Some(m), Some(t)) = (mine.standard(&b.reference), theirs.standard(&b.reference)) else {
            continue;
        };
        let target = match plan(b, m, t) {
            Plan::Same => continue,
            Plan::To(target) => target,
            Plan::Withhold(why) => {
                withhold(out.theirs.to_mut(), base, &b.reference);
                out.withheld.push(why);
                continue;
            }
        };
        let mut base_record = None;
        for (name, copy) in [
            ("base", &mut out.base),
            ("mine", &mut out.mine),
            ("theirs", &mut out.theirs),
        ] {
            let Some(from) = copy.standard(&b.reference).filter(|s| *s != target).cloned() else {
                continue;
            };
            let Some(record) = crate::revision::migrate::carry_to(copy.to_mut(), target) else {
                continue;
            };
            if name == "base" {
                base_record = Some(record);
                continue;
            }
            let line = format!(
                "{name}: {} {} → {}",
                b.reference,
                version_words(&from),
                version_words(target)
            );
            let side = if name == "mine" { mine } else { theirs };
            let changed = |module: &str, code: crate::model::KsbCode| {
                let ksb = crate::model::KsbRef::new(b.reference.clone(), code);
                side.mapping(module, &ksb) != base.mapping(module, &ksb)
            };
            let lost: Vec<DroppedMapping> = record
                .dropped
                .iter()
                .filter(|d| changed(&d.module, d.ksb))
                .cloned()
                .collect();
            out.carried
                .push(line + &own_changes(&record, &lost, base_record.as_ref(), target));
            // Their own work on a KSB the version removes outlives the merge in the file, as
            // `migrate` keeps what it drops.
            if !lost.is_empty() {
                copy.to_mut().migrations.push(MigrationRecord {
                    dropped: lost,
                    renumbered: Vec::new(),
                    review: Vec::new(),
                    added: Vec::new(),
                    dropped_reviews: Vec::new(),
                    carried: 0,
                    ..record
                });
            }
        }
    }
    out
}

/// Theirs' copy of `reference` and its mappings put back as the base has them, so the merge
/// takes mine's.
fn withhold(theirs: &mut Project, base: &Project, reference: &str) {
    if let (Some(t), Some(b)) = (
        theirs.standards.iter_mut().find(|s| s.reference == reference),
        base.standard(reference),
    ) {
        *t = b.clone();
    }
    let kept: Vec<Mapping> = theirs
        .mappings
        .iter()
        .filter(|m| m.ksb.standard != reference)
        .chain(base.mappings.iter().filter(|m| m.ksb.standard == reference))
        .cloned()
        .collect();
    theirs.mappings = crate::model::Mappings::from(kept);
}

/// What carrying a side did to its own changes, in words ("; dropped, as 1.1 removes their
/// KSBs: M1 × K4"): a dropped mapping is named when the side added or changed it (`changed`
/// of its module and old code), as the base's own mappings were carried alike; the side that
/// migrated was told by its own migration.
fn own_changes(
    record: &MigrationRecord,
    lost: &[DroppedMapping],
    base: Option<&MigrationRecord>,
    target: &Standard,
) -> String {
    let review =
        |r: &MigrationRecord| -> Vec<String> { r.review.iter().map(|c| format!("{} × {}", c.module, c.to)).collect() };
    let own = |list: Vec<String>, of_base: Vec<String>| -> Vec<String> {
        list.into_iter().filter(|x| !of_base.contains(x)).collect()
    };
    let mut out = String::new();
    let lost: Vec<String> = lost
        .iter()
        .map(|d| {
            let words: Vec<String> = [("note", &d.note), ("workplace reason", &d.workplace_reason)]
                .into_iter()
                .filter(|(_, text)| !text.is_empty())
                .map(|(what, text)| format!("{what}: {}", crate::text::shorten(text, 60)))
                .collect();
            match words.as_slice() {
                [] => format!("{} × {}", d.module, d.ksb),
                _ => format!("{} × {} ({})", d.module, d.ksb, words.join("; ")),
            }
        })
        .collect();
    if !lost.is_empty() {
        out.push_str(&format!(
            "; dropped, as {} removes their KSBs (kept in the file's migration record): {}",
            version_words(target),
            lost.join(", ")
        ));
    }
    let check = own(review(record), base.map(review).unwrap_or_default());
    if !check.is_empty() {
        out.push_str(&format!("; marked for review (reworded KSBs): {}", check.join(", ")));
    }
    out
}

fn version_words(s: &Standard) -> String {
    s.version.clone().unwrap_or_else(|| "(no version)".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Coverage, KsbRef, Mapping, Mappings};

    fn version(reference: &str, v: &str) -> Standard {
        crate::catalogue::versions(reference)
            .into_iter()
            .find(|s| s.version.as_deref() == Some(v))
            .unwrap()
    }

    /// ST0220's 1.0 K27 (records' confidentiality) is 1.1's K20; 1.1's K27 is another statement.
    #[test]
    fn a_copy_sent_before_a_migration_is_carried_to_the_new_version() {
        let old = version("ST0220", "1.0");
        let new = version("ST0220", "1.1");
        let mut base = crate::sample::sample_project().unwrap();
        base.standards = vec![old];
        base.mappings = Mappings::new();
        base.comments.clear();
        let module = base.modules[0].code.clone();
        let mut theirs = base.clone();
        let cell = |code: &str| {
            Mapping::new(
                module.as_str(),
                KsbRef::new("ST0220", code.parse().unwrap()),
                Coverage::Full,
            )
        };
        theirs.mappings = Mappings::from(vec![cell("K27")]);
        let codes = |p: &Project| -> Vec<String> { p.mappings.iter().map(|m| m.ksb.code.to_string()).collect() };
        let mut alone = theirs.clone();
        crate::revision::migrate_standard(&mut alone, new.clone(), &Default::default()).unwrap();
        assert_eq!(
            codes(&alone),
            ["K20"],
            "the fixture's premise: migrate carries 1.0's K27 to K20"
        );
        let mut mine = base.clone();
        crate::revision::migrate_standard(&mut mine, new, &Default::default()).unwrap();
        let merged = crate::merge::merge(&base, &mine, &theirs);
        assert_eq!(
            codes(&merged.project),
            ["K20"],
            "their mapping lands on the statement they mapped"
        );
        assert_eq!(merged.report.carried, ["theirs: ST0220 1.0 → 1.1"]);
        assert!(merged.project.merge_conflicts.is_empty());
        assert_eq!(merged.project.migrations.len(), 1, "mine's migration alone is recorded");
        // Their mapping of a KSB 1.1 removes (K4) cannot be kept: the report says it went.
        theirs.mappings = Mappings::from(vec![cell("K27"), cell("K4")]);
        let merged = crate::merge::merge(&base, &mine, &theirs);
        assert_eq!(codes(&merged.project), ["K20"]);
        let said = merged.report.carried.join("\n");
        assert!(
            said.contains(&format!(
                "dropped, as 1.1 removes their KSBs (kept in the file's migration record): {module} × K4"
            )),
            "{said}"
        );

        // A mapping of K4 both started with is dropped for both, unnamed; one of them changed
        // it (a note, full coverage) on 1.0: that change is named, with its note.
        let mut base = base.clone();
        base.mappings = Mappings::from(vec![Mapping {
            coverage: Coverage::Partial,
            ..cell("K4")
        }]);
        let mut mine = base.clone();
        crate::revision::migrate_standard(&mut mine, version("ST0220", "1.1"), &Default::default()).unwrap();
        let untouched = crate::merge::merge(&base, &mine, &base);
        assert_eq!(untouched.report.carried, ["theirs: ST0220 1.0 → 1.1"]);
        let mut theirs = base.clone();
        theirs.mappings = Mappings::from(vec![Mapping {
            note: "Taught in the records workshop".into(),
            workplace_reason: "Filing is learnt on placement".into(),
            ..cell("K4")
        }]);
        let merged = crate::merge::merge(&base, &mine, &theirs);
        let said = merged.report.carried.join("\n");
        assert!(
            said.contains(&format!(
                "dropped, as 1.1 removes their KSBs (kept in the file's migration record): {module} × K4 (note: Taught in the records workshop; workplace reason: Filing is learnt on placement)"
            )),
            "{said}"
        );
        // `migrate` keeps a dropped mapping's note in its record.
        let mut alone = theirs.clone();
        crate::revision::migrate_standard(&mut alone, version("ST0220", "1.1"), &Default::default()).unwrap();
        assert_eq!(alone.migrations[0].dropped[0].note, "Taught in the records workshop");
    }

    /// The sample on ST0215 1.2, with every mapping it has, migrated to `v` as `migrate` does.
    fn sample_on(v: &str) -> Project {
        let mut p = crate::sample::sample_project().unwrap();
        if p.standard("ST0215").and_then(|s| s.version.as_deref()) != Some(v) {
            crate::revision::migrate_standard(&mut p, version("ST0215", v), &Default::default()).unwrap();
        }
        p
    }

    /// A colleague's copy moved back to 1.0 took the lead's project back with it, and every
    /// mapping of a KSB 1.0 lacks, as "no changes" (found by a tester: 71 mappings gone).
    #[test]
    fn a_copy_moved_back_to_an_older_version_takes_nothing_back_with_it() {
        let base = sample_on("1.2");
        let mine = base.clone();
        let mut theirs = sample_on("1.0");
        theirs.migrations.clear();
        let merged = crate::merge::merge(&base, &mine, &theirs);
        let p = &merged.project;
        assert_eq!(p.standard("ST0215").and_then(|s| s.version.as_deref()), Some("1.2"));
        assert_eq!(p.mappings, mine.mappings, "mine's mappings stay as they were");
        assert!(!merged.report.is_clean());
        let said = merged.report.withheld.join("\n");
        assert!(said.contains("theirs moved ST0215 back from 1.2 to 1.0"), "{said}");
        // Mine moved back and theirs stayed: mine's version stands, theirs' mappings are out.
        let merged = crate::merge::merge(&base, &theirs, &base);
        assert_eq!(
            merged.project.standard("ST0215").and_then(|s| s.version.as_deref()),
            Some("1.0")
        );
        assert!(merged.report.withheld[0].starts_with("mine moved ST0215 back"));
    }

    /// Copies moved apart, both forward, meet at the newer version.
    #[test]
    fn copies_moved_forward_apart_meet_at_the_newer_version() {
        let base = sample_on("1.0");
        let mut mine = sample_on("1.1");
        let mut theirs = sample_on("1.2");
        mine.migrations.clear();
        theirs.migrations.clear();
        let merged = crate::merge::merge(&base, &mine, &theirs);
        assert_eq!(
            merged.project.standard("ST0215").and_then(|s| s.version.as_deref()),
            Some("1.2")
        );
        assert!(
            merged.project.merge_conflicts.is_empty(),
            "{:?}",
            merged.project.merge_conflicts
        );
        assert!(merged.report.withheld.is_empty());
        assert!(
            merged
                .report
                .carried
                .iter()
                .any(|c| c.starts_with("mine: ST0215 1.1 → 1.2")),
            "{:?}",
            merged.report.carried
        );
    }

    /// Their own mapping of a KSB the version removes is kept in the file's migration record,
    /// with its words, not only named in the merge's output.
    #[test]
    fn their_own_work_on_a_removed_ksb_outlives_the_merge_in_the_file() {
        let mut base = crate::sample::sample_project().unwrap();
        base.standards = vec![version("ST0220", "1.0")];
        base.mappings = Mappings::new();
        base.comments.clear();
        let module = base.modules[0].code.clone();
        let mut theirs = base.clone();
        theirs.mappings = Mappings::from(vec![Mapping {
            workplace_reason: "Problem solving finished on placement".into(),
            ..Mapping::new(
                module.as_str(),
                KsbRef::new("ST0220", "K8".parse().unwrap()),
                Coverage::Partial,
            )
        }]);
        let mut mine = base.clone();
        crate::revision::migrate_standard(&mut mine, version("ST0220", "1.1"), &Default::default()).unwrap();
        let merged = crate::merge::merge(&base, &mine, &theirs);
        let kept: Vec<_> = merged.project.migrations.iter().flat_map(|r| &r.dropped).collect();
        assert!(
            kept.iter()
                .any(|d| d.ksb.to_string() == "K8" && d.workplace_reason == "Problem solving finished on placement"),
            "{kept:?}"
        );
    }
}
