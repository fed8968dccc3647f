//! Standards compared by reference: a version or content change, and, for content, which
//! statements changed, paired as `diff-standard` pairs them.

use std::fmt;

use super::{FieldValue, Fields, Side, StandardChange, StandardChanges, StandardId, pair_up, text};
use crate::model::Standard;

pub(super) fn compare_standards(a: &[Standard], b: &[Standard]) -> StandardChanges {
    let id = |s: &Standard| StandardId {
        reference: s.reference.clone(),
        title: s.title.clone(),
        version: s.version.clone(),
    };
    let mut out = StandardChanges::default();
    for side in pair_up(
        a.iter().map(|s| (s.reference.as_str(), s)),
        b.iter().map(|s| (s.reference.as_str(), s)),
    ) {
        match side {
            Side::Old(s) => out.removed.push(id(s)),
            Side::New(s) => out.added.push(id(s)),
            Side::Both(x, y) => {
                let mut f = Fields(Vec::new());
                let version = |v: &Option<String>| v.as_deref().map_or(FieldValue::None, text);
                f.check("version", version(&x.version), version(&y.version));
                // Versions retitle a standard (ST0215 1.0 "Assistant practitioner (health)").
                f.check("title", text(&x.title), text(&y.title));
                // The hash of the content as it is now, not as recorded at import, so an edit
                // in the file shows even where the recorded hash was left alone.
                f.check(
                    "content_hash",
                    text(&x.compute_content_hash()),
                    text(&y.compute_content_hash()),
                );
                if !f.0.is_empty() {
                    let statements = if f.0.iter().any(|c| c.field == "content_hash") {
                        statement_changes(x, y)
                    } else {
                        Vec::new()
                    };
                    out.changed.push(StandardChange {
                        reference: y.reference.clone(),
                        title: y.title.clone(),
                        fields: f.0,
                        statements,
                    });
                }
            }
        }
    }
    out
}

/// The statements that differ between two copies of a standard, one line for KSBs and one
/// for duties: "KSBs: 2 reworded (K3, K7), 1 renumbered (K5 → K6), 1 added (K40)". Read
/// from `revision::diff`, so a reviewer sees what changed rather than two hashes.
fn statement_changes(x: &Standard, y: &Standard) -> Vec<String> {
    fn line<C: fmt::Display>(what: &str, entries: &[crate::revision::Entry<C>]) -> Option<String> {
        use crate::revision::Change;
        const SHOWN: usize = 8;
        let mut groups = Vec::new();
        for change in Change::ALL.into_iter().filter(|&c| c != Change::Unchanged) {
            let codes: Vec<String> = entries
                .iter()
                .filter(|e| e.change == change)
                .map(|e| match (&e.from, &e.to) {
                    (Some(a), Some(b)) if a.to_string() != b.to_string() => format!("{a} → {b}"),
                    (_, Some(c)) | (Some(c), None) => c.to_string(),
                    (None, None) => String::new(),
                })
                .collect();
            if codes.is_empty() {
                continue;
            }
            let mut shown = codes.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
            if codes.len() > SHOWN {
                shown.push_str(&format!(" and {} more", codes.len() - SHOWN));
            }
            groups.push(format!("{} {} ({shown})", codes.len(), change.label()));
        }
        (!groups.is_empty()).then(|| format!("{what}: {}", groups.join(", ")))
    }
    let d = crate::revision::diff(x, y);
    [line("KSBs", &d.ksbs), line("duties", &d.duties)]
        .into_iter()
        .flatten()
        .collect()
}
