//! Option groups and standards: each merged as a whole item, by name and by reference.

use super::three_way::{Outcome, line_up, whole};
use super::{Action, Change, Item, Report, Side};
use crate::model::{MergeConflict, OptionGroup, Standard};

/// Merges a keyed list of whole items; `conflict` makes the record of one changed two ways.
fn merge_whole<T: Clone + PartialEq>(
    base: &[T],
    mine: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> &str,
    item: Item,
    conflict: impl Fn(&str, Option<&T>, Option<&T>) -> MergeConflict,
    report: &mut Report,
) -> Vec<T> {
    let mut out = Vec::with_capacity(mine.len().max(theirs.len()));
    for l in line_up(base, mine, theirs, &key) {
        let action = |now: Option<&T>| match (l.base, now) {
            (None, _) => Action::Added,
            (Some(_), None) => Action::Removed,
            (Some(_), Some(_)) => Action::Changed,
        };
        let mut note = |side: Side, now: Option<&T>| {
            report.push(
                side,
                Change {
                    item,
                    key: l.key.to_string(),
                    action: action(now),
                    fields: Vec::new(),
                },
            );
        };
        let kept = match whole(l.base, l.mine, l.theirs) {
            Outcome::Same(x) => x,
            Outcome::Mine(x) => {
                note(Side::Mine, x);
                x
            }
            Outcome::Theirs(x) => {
                note(Side::Theirs, x);
                x
            }
            Outcome::Both(x) => {
                note(Side::Both, x);
                x
            }
            Outcome::Conflict => {
                report.conflict(conflict(l.key, l.mine, l.theirs));
                // Kept as mine has it, or as theirs does where mine deleted it.
                l.mine.or(l.theirs)
            }
        };
        out.extend(kept.cloned());
    }
    out
}

pub fn option_groups(
    base: &[OptionGroup],
    mine: &[OptionGroup],
    theirs: &[OptionGroup],
    report: &mut Report,
) -> Vec<OptionGroup> {
    merge_whole(
        base,
        mine,
        theirs,
        |g| g.name.as_str(),
        Item::OptionGroup,
        |name, m, t| MergeConflict::OptionGroup {
            name: name.to_string(),
            mine: m.cloned(),
            theirs: t.cloned(),
        },
        report,
    )
}

pub fn standards(base: &[Standard], mine: &[Standard], theirs: &[Standard], report: &mut Report) -> Vec<Standard> {
    merge_whole(
        base,
        mine,
        theirs,
        |s| s.reference.as_str(),
        Item::Standard,
        |reference, m, t| MergeConflict::Standard {
            reference: reference.to_string(),
            mine: m.cloned(),
            theirs: t.cloned(),
        },
        report,
    )
}
