//! Copies on different versions of a standard: one side migrated (1.0 → 1.1) after the copy was
//! sent. Their mappings name the old version's codes, which the new version may give to other
//! statements (1.0's K27 is 1.1's K20; 1.1's K27 says something else), so before the merge the
//! copies still on the old version are carried to the new one by the same migration `migrate`
//! runs. Each change then lands on the KSB it was made to.

use std::borrow::Cow;

use crate::model::{MigrationRecord, Project, Standard};

/// The three copies on one version of each standard, and what was carried, in words.
pub struct Aligned<'a> {
    pub base: Cow<'a, Project>,
    pub mine: Cow<'a, Project>,
    pub theirs: Cow<'a, Project>,
    /// "theirs: ST0220 1.0 → 1.1", one per copy carried.
    pub carried: Vec<String>,
}

/// Carries the copies still on a standard's old version to the version the other side moved
/// to (or both moved to alike). Copies that moved to different versions are left as they are:
/// the merge keeps both standards as a conflict.
pub fn align<'a>(base: &'a Project, mine: &'a Project, theirs: &'a Project) -> Aligned<'a> {
    let mut out = Aligned {
        base: Cow::Borrowed(base),
        mine: Cow::Borrowed(mine),
        theirs: Cow::Borrowed(theirs),
        carried: Vec::new(),
    };
    for b in &base.standards {
        let (Some(m), Some(t)) = (mine.standard(&b.reference), theirs.standard(&b.reference)) else {
            continue;
        };
        let target = match (m != b, t != b) {
            (true, false) => m,
            (false, true) => t,
            (true, true) if m == t => m,
            _ => continue,
        };
        let mut base_record = None;
        for (name, copy) in [
            ("base", &mut out.base),
            ("mine", &mut out.mine),
            ("theirs", &mut out.theirs),
        ] {
            if copy.standard(&b.reference).is_none_or(|s| s == target) {
                continue;
            }
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
                version_words(b),
                version_words(target)
            );
            let side = if name == "mine" { mine } else { theirs };
            let changed = |module: &str, code: crate::model::KsbCode| {
                let ksb = crate::model::KsbRef::new(b.reference.clone(), code);
                side.mapping(module, &ksb) != base.mapping(module, &ksb)
            };
            out.carried
                .push(line + &own_changes(&record, base_record.as_ref(), target, changed));
        }
    }
    out
}

/// What carrying a side did to its own changes, in words ("; dropped, as 1.1 removes their
/// KSBs: M1 × K4"): a dropped mapping is named when the side added or changed it (`changed`
/// of its module and old code), as the base's own mappings were carried alike; the side that
/// migrated was told by its own migration.
fn own_changes(
    record: &MigrationRecord,
    base: Option<&MigrationRecord>,
    target: &Standard,
    changed: impl Fn(&str, crate::model::KsbCode) -> bool,
) -> String {
    let review =
        |r: &MigrationRecord| -> Vec<String> { r.review.iter().map(|c| format!("{} × {}", c.module, c.to)).collect() };
    let own = |list: Vec<String>, of_base: Vec<String>| -> Vec<String> {
        list.into_iter().filter(|x| !of_base.contains(x)).collect()
    };
    let mut out = String::new();
    let lost: Vec<String> = record
        .dropped
        .iter()
        .filter(|d| changed(&d.module, d.ksb))
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
            "; dropped, as {} removes their KSBs: {}",
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
            said.contains(&format!("dropped, as 1.1 removes their KSBs: {module} × K4")),
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
                "dropped, as 1.1 removes their KSBs: {module} × K4 (note: Taught in the records workshop; workplace reason: Filing is learnt on placement)"
            )),
            "{said}"
        );
        // `migrate` keeps a dropped mapping's note in its record.
        let mut alone = theirs.clone();
        crate::revision::migrate_standard(&mut alone, version("ST0220", "1.1"), &Default::default()).unwrap();
        assert_eq!(alone.migrations[0].dropped[0].note, "Taught in the records workshop");
    }
}
