//! The change log: what each save changed since the save before, in one line of counts.
//!
//! The counts come from the same diff as `htq-mapper compare` (modules, mappings, standards),
//! plus the review records compare leaves out: comment threads and replies, duty reviews and
//! sign-offs. A save that changed nothing records nothing.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::compare::compare;
use super::compare_text::count_group as group;
use crate::model::{ChangeLogEntry, KsbRef, Module, Project};

fn threads(p: &Project) -> BTreeMap<&str, &crate::model::Thread> {
    p.comments.iter().map(|t| (t.id.as_str(), t)).collect()
}

/// Each sign-off as who, when and what; a set, so comparing 100,000 of them stays linear.
fn signed(p: &Project) -> HashSet<(&str, &crate::model::IsoDate, &str)> {
    p.sign_offs
        .iter()
        .map(|s| (s.name.as_str(), &s.date, s.hash.as_str()))
        .collect()
}

fn review_groups(old: &Project, new: &Project) -> Vec<Option<String>> {
    let (a, b) = (threads(old), threads(new));
    let added = b.keys().filter(|id| !a.contains_key(*id)).count();
    let removed = a.keys().filter(|id| !b.contains_key(*id)).count();
    let (mut replies, mut fewer, mut resolved, mut reopened, mut edited) = (0, 0, 0, 0, 0);
    for (id, x) in &a {
        let Some(y) = b.get(id) else { continue };
        let (n, m) = (x.comments.len(), y.comments.len());
        replies += m.saturating_sub(n);
        fewer += n.saturating_sub(m);
        match (x.is_open(), y.is_open()) {
            (true, false) => resolved += 1,
            (false, true) => reopened += 1,
            _ => {}
        }
        if n == m && x.comments != y.comments {
            edited += 1;
        }
    }
    let duties = |p: &Project| {
        p.duty_reviews
            .iter()
            .map(|d| (d.duty.clone(), d.status))
            .collect::<BTreeMap<_, _>>()
    };
    let (da, db) = (duties(old), duties(new));
    let reviews =
        db.iter().filter(|(d, s)| da.get(*d) != Some(*s)).count() + da.keys().filter(|d| !db.contains_key(*d)).count();
    let (sa, sb) = (signed(old), signed(new));
    vec![
        group("comment thread", &[(added, "added"), (removed, "removed")]),
        group("reply", &[(replies, "added"), (fewer, "removed"), (edited, "edited")]),
        group("thread", &[(resolved, "resolved"), (reopened, "reopened")]),
        group("duty review", &[(reviews, "changed")]),
        group(
            "sign-off",
            &[
                (sb.difference(&sa).count(), "added"),
                (sa.difference(&sb).count(), "removed"),
            ],
        ),
    ]
}

/// Modules `new` renamed, as (old code, new code): a code gone and a code new with the same
/// title, or else with the same KSBs mapped. Counted as a rename, their mappings are carried
/// rather than removed and added again.
fn renames(old: &Project, new: &Project) -> Vec<(String, String)> {
    let gone: Vec<&Module> = old.modules.iter().filter(|m| new.module(&m.code).is_none()).collect();
    let mut came: Vec<&Module> = new.modules.iter().filter(|m| old.module(&m.code).is_none()).collect();
    if gone.is_empty() || came.is_empty() {
        return Vec::new();
    }
    let mapped = |p: &'_ Project| {
        let mut by: BTreeMap<String, BTreeSet<KsbRef>> = BTreeMap::new();
        for m in &p.mappings {
            by.entry(m.module.clone()).or_default().insert(m.ksb.clone());
        }
        by
    };
    let (was, now) = (mapped(old), mapped(new));
    let mut out = Vec::new();
    for g in gone {
        let same_title = |c: &&Module| !g.title.trim().is_empty() && c.title.trim() == g.title.trim();
        let same_ksbs = |c: &&Module| was.get(&g.code).is_some_and(|k| Some(k) == now.get(&c.code));
        let Some(i) = came
            .iter()
            .position(same_title)
            .or_else(|| came.iter().position(same_ksbs))
        else {
            continue;
        };
        out.push((g.code.clone(), came.remove(i).code.clone()));
    }
    out
}

/// `old` with the modules `renames` names given their new codes, mappings and all.
fn renamed(old: &Project, renames: &[(String, String)]) -> Project {
    let mut p = old.clone();
    let to = |code: &str| -> String {
        renames
            .iter()
            .find(|(from, _)| from == code)
            .map_or_else(|| code.to_string(), |(_, to)| to.clone())
    };
    for m in &mut p.modules {
        m.code = to(&m.code);
    }
    crate::model::ops::remap_module_codes(&mut p, |code| Some(to(code)));
    p
}

/// What changed from `old` (as last saved or opened) to `new`, as one line of counts, such as
/// `2 mappings added, 1 changed; 1 module changed; 1 comment thread added`. `None` when nothing
/// did (the change log itself is not counted).
pub fn summary(old: &Project, new: &Project) -> Option<String> {
    let renames = renames(old, new);
    let c = if renames.is_empty() {
        compare(old, new)
    } else {
        compare(&renamed(old, &renames), new)
    };
    let (m, p, s) = (&c.modules, &c.mappings, &c.standards);
    let mut groups = vec![
        group(
            "mapping",
            &[
                (p.added.len(), "added"),
                (p.changed.len(), "changed"),
                (p.removed.len(), "removed"),
            ],
        ),
        group(
            "module",
            &[
                (m.added.len(), "added"),
                (renames.len(), "renamed"),
                (m.changed.len(), "changed"),
                (m.removed.len(), "removed"),
            ],
        ),
        group(
            "standard",
            &[
                (s.added.len(), "added"),
                (s.changed.len(), "changed"),
                (s.removed.len(), "removed"),
            ],
        ),
        (old.programme != new.programme || old.option_groups != new.option_groups)
            .then(|| "programme details changed".to_string()),
    ];
    groups.extend(review_groups(old, new));
    let (was, now): (HashSet<_>, HashSet<_>) = (old.dismissed.iter().collect(), new.dismissed.iter().collect());
    let dismissed = now.difference(&was).count();
    let restored = was.difference(&now).count();
    groups.push(group("suggestion", &[(dismissed, "dismissed"), (restored, "restored")]));
    let mut parts: Vec<String> = groups.into_iter().flatten().collect();
    if parts.is_empty() {
        // Anything else, such as a migration record: still a change worth a line.
        let same = Project {
            change_log: Vec::new(),
            ..old.clone()
        } == Project {
            change_log: Vec::new(),
            ..new.clone()
        };
        if same {
            return None;
        }
        parts.push("other details changed".into());
    }
    Some(parts.join("; "))
}

/// Adds an entry to `project`'s change log for what changed since `saved`, at `at` by
/// `author`; returns it, or `None` (and adds nothing) when nothing changed.
pub fn record<'a>(project: &'a mut Project, saved: &Project, at: String, author: &str) -> Option<&'a ChangeLogEntry> {
    let summary = summary(saved, project)?;
    project.change_log.push(ChangeLogEntry {
        at,
        author: author.trim().to_string(),
        summary,
    });
    project.change_log.last()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CommentTarget, Coverage, Mapping};
    use crate::review::comments;

    fn sample() -> Project {
        crate::sample::sample_project().expect("the sample loads")
    }

    fn free_cell(p: &Project, module: usize) -> Mapping {
        let code = p.modules[module].code.clone();
        let k = p
            .ksb_refs()
            .find(|k| p.mapping(&code, k).is_none())
            .expect("a free cell");
        Mapping::new(code, k, Coverage::Full)
    }

    #[test]
    fn nothing_changed_is_no_entry() {
        let p = sample();
        assert_eq!(summary(&p, &p), None);
        let mut q = p.clone();
        assert!(record(&mut q, &p, "2026-11-25T10:00:00Z".into(), "Ann").is_none());
        assert!(q.change_log.is_empty());
        // The log itself is not a change.
        q.change_log.push(ChangeLogEntry {
            at: "x".into(),
            author: String::new(),
            summary: "y".into(),
        });
        assert_eq!(summary(&p, &q), None);
    }

    #[test]
    fn counts_mappings_then_modules() {
        let old = sample();
        let mut new = old.clone();
        new.set_mapping(free_cell(&new, 0));
        new.set_mapping(free_cell(&new, 1));
        let mut changed = old.mappings.iter().next().cloned().expect("a mapping");
        changed.coverage = match changed.coverage {
            Coverage::Full => Coverage::Partial,
            Coverage::Partial => Coverage::Full,
        };
        new.set_mapping(changed);
        new.modules[2].title.push_str(" (revised)");
        assert_eq!(
            summary(&old, &new).as_deref(),
            Some("2 mappings added, 1 changed; 1 module changed")
        );
        let removed = old.mappings.iter().last().cloned().expect("a mapping");
        new.remove_mapping(&removed.module, &removed.ksb);
        assert_eq!(
            summary(&old, &new).as_deref(),
            Some("2 mappings added, 1 changed, 1 removed; 1 module changed")
        );
    }

    #[test]
    fn counts_comment_threads_replies_and_resolutions() {
        let old = sample();
        let mut new = old.clone();
        let target = CommentTarget::Module(old.modules[0].code.clone());
        let id = comments::add_thread(&mut new, target, "Ann", "2026-11-25T10:00:00Z", "Why this?");
        assert_eq!(summary(&old, &new).as_deref(), Some("1 comment thread added"));
        let base = new.clone();
        comments::reply(&mut new, &id, "Bob", "2026-11-25T10:05:00Z", "Because.").expect("a reply");
        comments::reply(&mut new, &id, "Ann", "2026-11-25T10:06:00Z", "Fine.").expect("a reply");
        assert!(comments::set_resolved(
            &mut new,
            &id,
            true,
            "Ann",
            "2026-11-25T10:07:00Z"
        ));
        assert_eq!(
            summary(&base, &new).as_deref(),
            Some("2 replies added; 1 thread resolved")
        );
    }

    #[test]
    fn programme_and_other_edits_still_count() {
        let old = sample();
        let mut new = old.clone();
        new.programme.title.push_str(" (2027)");
        assert_eq!(summary(&old, &new).as_deref(), Some("programme details changed"));
        let mut other = old.clone();
        other.set_dismissed(&old.modules[0].code, &free_cell(&old, 0).ksb, true);
        assert_eq!(summary(&old, &other).as_deref(), Some("1 suggestion dismissed"));
    }

    #[test]
    fn record_keeps_time_and_author() {
        let old = sample();
        let mut new = old.clone();
        new.set_mapping(free_cell(&new, 0));
        let e = record(&mut new, &old, "2026-11-25T10:04:05Z".into(), " Ann Lee ").cloned();
        assert_eq!(
            e,
            Some(ChangeLogEntry {
                at: "2026-11-25T10:04:05Z".into(),
                author: "Ann Lee".into(),
                summary: "1 mapping added".into(),
            })
        );
        assert_eq!(new.change_log.len(), 1);
    }

    /// A renamed module is one rename, its mappings carried: it once read as "22 mappings
    /// added, 22 removed; 1 module added, 1 removed".
    #[test]
    fn a_renamed_module_is_logged_as_a_rename() {
        let old = sample();
        let code = old.modules[0].code.clone();
        let mut draft = crate::model::ProgrammeDraft::from_project(&old);
        draft.rows[0].code = format!("{code}X");
        let mut new = draft.apply(&old).unwrap();
        assert_eq!(summary(&old, &new).as_deref(), Some("1 module renamed"));
        new.set_mapping(free_cell(&new, 0));
        assert_eq!(
            summary(&old, &new).as_deref(),
            Some("1 mapping added; 1 module renamed")
        );
        // A new code with another title and other mappings is an addition and a removal.
        new.modules[0].title = "Something else".into();
        assert!(summary(&old, &new).unwrap().contains("1 module added"));
    }
}
