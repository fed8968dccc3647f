//! A three-way merge of two copies of one programme against the copy both started from.
//!
//! Each item is matched by its key (module code, (module, KSB), option group name, standard
//! reference) and decided field by field: a field one side changed takes that side; changed
//! alike on both, either; changed two ways, or edited on one side and deleted on the other, is
//! a conflict, kept in the project with both sides (see [`crate::model::MergeConflict`]) and
//! reported by `check` until resolved. Comments, sign-offs and the change log are unions.

pub mod base;
mod items;
mod mappings;
mod modules;
mod records;
pub mod three_way;
mod versions;

use serde::Serialize;

use crate::model::{Mappings, MergeConflict, Project};
use crate::review::CommentMerge;

pub use base::{BaseError, recorded_base, recorded_of, send_copy};

/// What kind of item a change is to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    Programme,
    Module,
    Mapping,
    OptionGroup,
    Standard,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Added,
    Removed,
    Changed,
}

/// One change that came into the merge: to which item (`key`: the module code, the
/// `MODULE:STANDARD/KSB` cell, the option group's name, the standard's reference, or
/// `programme`), what was done, and for a change the fields it changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub item: Item,
    pub key: String,
    #[serde(rename = "change")]
    pub action: Action,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

impl Change {
    /// `mapping HSC401:ST0215/K3 changed (coverage, note)`, as `merge` and the app list it.
    pub fn line(&self) -> String {
        let item = match self.item {
            Item::Programme => "programme",
            Item::Module => "module",
            Item::Mapping => "mapping",
            Item::OptionGroup => "option group",
            Item::Standard => "standard",
        };
        let action = match self.action {
            Action::Added => "added",
            Action::Removed => "removed",
            Action::Changed => "changed",
        };
        let mut line = format!("{item} {} {action}", self.key);
        if !self.fields.is_empty() {
            line.push_str(&format!(" ({})", self.fields.join(", ")));
        }
        line
    }
}

/// Which copy a change came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Mine,
    Theirs,
    /// Both made it alike.
    Both,
}

/// What a merge did: the changes each side brought, those both made alike, and the
/// conflicts this merge found (the project also keeps any it already had).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub mine: Vec<Change>,
    pub theirs: Vec<Change>,
    pub both: Vec<Change>,
    pub conflicts: Vec<MergeConflict>,
    pub comments: CommentMerge,
    pub sign_offs_added: usize,
    pub change_log_added: usize,
    /// Copies carried to the version of a standard the other side migrated to, before the
    /// merge: "theirs: ST0220 1.0 → 1.1".
    pub carried: Vec<String>,
    /// Standards whose mappings in theirs were left out, and why (a copy moved back to an
    /// older version): nothing of theirs to them is in the result.
    pub withheld: Vec<String>,
}

impl Report {
    /// Whether the result holds everything of both sides, with no conflict to settle.
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty() && self.withheld.is_empty()
    }

    fn push(&mut self, side: Side, change: Change) {
        match side {
            Side::Mine => self.mine.push(change),
            Side::Theirs => self.theirs.push(change),
            Side::Both => self.both.push(change),
        }
    }

    fn conflict(&mut self, c: MergeConflict) {
        self.conflicts.push(c);
    }

    /// Notes an item both sides changed, in different fields: each side's fields as its own change.
    fn fields(&mut self, change: impl Fn() -> Change, f: &three_way::FieldMerge) {
        for (side, fields) in [(Side::Mine, &f.mine), (Side::Theirs, &f.theirs), (Side::Both, &f.both)] {
            if !fields.is_empty() {
                self.push(
                    side,
                    Change {
                        fields: fields.clone(),
                        ..change()
                    },
                );
            }
        }
    }

    /// `3 from mine, 2 from theirs, 1 conflict`, then what else came in: `1 sign-off added`,
    /// `theirs: ST0220 1.0 → 1.1`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![
            format!("{} from mine", plural(self.mine.len(), "change", "changes")),
            format!("{} from theirs", self.theirs.len()),
        ];
        if !self.both.is_empty() {
            parts.push(format!("{} made alike on both", self.both.len()));
        }
        parts.push(plural(self.conflicts.len(), "conflict", "conflicts"));
        // What came in besides changes to items, so "0 from theirs" never hides it.
        if self.sign_offs_added > 0 {
            parts.push(plural(self.sign_offs_added, "sign-off added", "sign-offs added"));
        }
        let c = &self.comments;
        let comments: Vec<String> = [
            (c.threads_added, "comment thread", "comment threads"),
            (c.replies_added, "reply", "replies"),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        if !comments.is_empty() {
            parts.push(format!("{} added", comments.join(" and ")));
        }
        for c in &self.carried {
            parts.push(c.split(';').next().unwrap_or(c).to_string());
        }
        if !self.withheld.is_empty() {
            parts.push(plural(
                self.withheld.len(),
                "standard not merged",
                "standards not merged",
            ));
        }
        parts.join(", ")
    }
}

/// The merged project and what the merge did.
#[derive(Clone, Debug)]
pub struct Merged {
    pub project: Project,
    pub report: Report,
}

/// Whether `theirs` is an earlier save of `base`: its change log a shorter beginning of
/// base's (empty for the file as `new` made it, before its first save). A sync client that
/// puts back an older copy leaves such a file; merged against `base`, the saves it lacks would
/// read as its deletions, so it is the base itself. Every save of a change logs it, so a copy
/// that a colleague changed since has an entry `base` lacks.
pub fn is_earlier_save(theirs: &Project, base: &Project) -> bool {
    theirs.change_log.len() < base.change_log.len() && base.change_log.starts_with(&theirs.change_log)
}

/// Whether `theirs` is another programme than `base`, not a copy of it: another title, fewer
/// than half of base's modules, and no first save in common (a Save As of another project
/// over this file; programmes of one college often share a module or two).
pub fn is_another_programme(theirs: &Project, base: &Project) -> bool {
    let shared = theirs.modules.iter().filter(|m| base.module(&m.code).is_some()).count();
    let shares_history = theirs
        .change_log
        .first()
        .is_some_and(|e| base.change_log.first() == Some(e));
    theirs.programme.title != base.programme.title && 2 * shared < base.modules.len() && !shares_history
}

/// Merges `mine` and `theirs`, two copies edited from `base`. The result is mine's file: its
/// recorded base (if it is a copy) and format stay; everything else merges.
pub fn merge(base: &Project, mine: &Project, theirs: &Project) -> Merged {
    let aligned = versions::align(base, mine, theirs);
    let (base, mine, theirs) = (aligned.base.as_ref(), aligned.mine.as_ref(), aligned.theirs.as_ref());
    let mut report = Report {
        carried: aligned.carried.clone(),
        withheld: aligned.withheld.clone(),
        ..Report::default()
    };
    let mapped = mappings::merge(&base.mappings, &mine.mappings, &theirs.mappings, &mut report);
    let modules = modules::merge(
        &base.modules,
        &mine.modules,
        &theirs.modules,
        &mapped.touched_mine,
        &mapped.touched_theirs,
        &mut report,
    );
    let programme = modules::merge_programme(&base.programme, &mine.programme, &theirs.programme, &mut report);
    let option_groups = items::option_groups(
        &base.option_groups,
        &mine.option_groups,
        &theirs.option_groups,
        &mut report,
    );
    let standards = items::standards(&base.standards, &mine.standards, &theirs.standards, &mut report);
    let mut project = Project {
        programme,
        modules,
        option_groups,
        mappings: Mappings::from(mapped.mappings),
        standards,
        merge_conflicts: Vec::new(),
        ..records_of(mine)
    };
    let records = records::merge(&mut project, theirs);
    project.merge_conflicts = records::conflicts(mine, theirs, report.conflicts.clone());
    report.comments = records.comments;
    report.sign_offs_added = records.sign_offs_added;
    report.change_log_added = records.change_log_added;
    Merged { project, report }
}

/// The project without its content (programme details kept, modules, mappings and standards
/// empty): the records a merge starts from, without copying what it replaces.
fn records_of(p: &Project) -> Project {
    Project {
        format_version: p.format_version,
        programme: p.programme.clone(),
        modules: Vec::new(),
        option_groups: Vec::new(),
        mappings: Mappings::new(),
        standards: Vec::new(),
        migrations: p.migrations.clone(),
        dismissed: p.dismissed.clone(),
        comments: p.comments.clone(),
        duty_reviews: p.duty_reviews.clone(),
        sign_offs: p.sign_offs.clone(),
        change_log: p.change_log.clone(),
        merge_conflicts: p.merge_conflicts.clone(),
        copy_base: p.copy_base.clone(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::CommentTarget;
    use crate::review::comments::{add_thread, reply};

    /// The app's status line after merging the file's changes read "0 from theirs" when
    /// their copy brought only comments.
    #[test]
    fn the_summary_counts_the_comments_their_copy_brought() {
        let mut base = crate::sample::sample_project().unwrap();
        let first = add_thread(
            &mut base,
            CommentTarget::Programme,
            "Ann",
            "2026-12-01T09:00:00Z",
            "Draft",
        );
        let mut theirs = base.clone();
        add_thread(
            &mut theirs,
            CommentTarget::Programme,
            "Rae",
            "2026-12-01T10:00:00Z",
            "Hi",
        );
        reply(&mut theirs, &first, "Rae", "2026-12-01T10:01:00Z", "Read it").unwrap();
        let summary = super::merge(&base, &base, &theirs).report.summary();
        assert!(summary.contains("1 comment thread and 1 reply added"), "{summary}");
        let summary = super::merge(&base, &base, &base).report.summary();
        assert!(!summary.contains("comment"), "{summary}");
    }
}
