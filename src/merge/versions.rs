//! Copies on different versions of a standard: one side migrated (1.0 → 1.1) after the copy was
//! sent. Their mappings name the old version's codes, which the new version may give to other
//! statements (1.0's K27 is 1.1's K20; 1.1's K27 says something else), so before the merge the
//! copies still on the old version are carried to the new one by the same migration `migrate`
//! runs. Each change then lands on the KSB it was made to.

use std::borrow::Cow;

use crate::model::{Project, Standard};

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
        for (name, copy) in [
            ("base", &mut out.base),
            ("mine", &mut out.mine),
            ("theirs", &mut out.theirs),
        ] {
            if copy.standard(&b.reference).is_some_and(|s| s != target) {
                let from = version_words(b);
                if crate::revision::migrate::carry_to(copy.to_mut(), target) && name != "base" {
                    out.carried
                        .push(format!("{name}: {} {from} → {}", b.reference, version_words(target)));
                }
            }
        }
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
        let cell = Mapping::new(
            module.as_str(),
            KsbRef::new("ST0220", "K27".parse().unwrap()),
            Coverage::Full,
        );
        theirs.mappings = Mappings::from(vec![cell]);
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
    }
}
