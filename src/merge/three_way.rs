//! The three-way rules every part of a merge shares: a field changed on one side takes that
//! side; changed the same way on both, either; changed two ways, a conflict. And keyed lists
//! lined up across the three copies, in an order that keeps both sides' placing.

use std::collections::{HashMap, HashSet};

/// What one item's fields did: which each side changed, which both changed alike, and which
/// they changed two ways (the result keeps mine's value for those).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldMerge {
    pub mine: Vec<String>,
    pub theirs: Vec<String>,
    pub both: Vec<String>,
    pub conflicts: Vec<String>,
}

/// Merges `mine` and `theirs` against `base` field by field; the result starts as mine's.
pub fn merge_fields<T: Clone, F: AsRef<str>>(
    base: &T,
    mine: &T,
    theirs: &T,
    fields: impl IntoIterator<Item = F>,
    eq: impl Fn(&T, &T, &str) -> bool,
    copy: impl Fn(&mut T, &T, &str),
) -> (T, FieldMerge) {
    let mut out = mine.clone();
    let mut merge = FieldMerge::default();
    for f in fields {
        let f = f.as_ref();
        if eq(mine, theirs, f) {
            if !eq(base, mine, f) {
                merge.both.push(f.to_string());
            }
        } else if eq(base, mine, f) {
            copy(&mut out, theirs, f);
            merge.theirs.push(f.to_string());
        } else if eq(base, theirs, f) {
            merge.mine.push(f.to_string());
        } else {
            merge.conflicts.push(f.to_string());
        }
    }
    (out, merge)
}

/// The fields of two items that differ.
pub fn differing<T, F: AsRef<str>>(
    a: &T,
    b: &T,
    fields: impl IntoIterator<Item = F>,
    eq: impl Fn(&T, &T, &str) -> bool,
) -> Vec<String> {
    fields
        .into_iter()
        .filter(|f| !eq(a, b, f.as_ref()))
        .map(|f| f.as_ref().to_string())
        .collect()
}

/// One key and the item each copy has under it.
pub struct Lined<'a, T> {
    pub key: &'a str,
    pub base: Option<&'a T>,
    pub mine: Option<&'a T>,
    pub theirs: Option<&'a T>,
}

/// Every key of the three lists, lined up: mine's order, each key only theirs has placed
/// after the key theirs lists before it, and keys only the base has (deleted on both) last.
pub fn line_up<'a, T>(base: &'a [T], mine: &'a [T], theirs: &'a [T], key: impl Fn(&T) -> &str) -> Vec<Lined<'a, T>> {
    let index = |list: &'a [T]| -> HashMap<&'a str, &'a T> {
        let mut map = HashMap::with_capacity(list.len());
        for t in list {
            // The first of a repeated key wins, as a file's first entry does.
            map.entry(key(t)).or_insert(t);
        }
        map
    };
    let (b, m, t) = (index(base), index(mine), index(theirs));
    // Theirs' own keys, each after the key before it in theirs (None: at the front).
    let mut followers: HashMap<Option<&str>, Vec<&str>> = HashMap::new();
    let mut before: Option<&str> = None;
    for item in theirs {
        let k = key(item);
        if !m.contains_key(k) {
            followers.entry(before).or_default().push(k);
        }
        before = Some(k);
    }
    let mut order: Vec<&str> = Vec::with_capacity(mine.len() + theirs.len());
    let mut seen: HashSet<&str> = HashSet::with_capacity(mine.len() + theirs.len());
    // Emits a key and, after it, the chain of theirs' keys that follow it.
    let emit = |start: Option<&'a str>, order: &mut Vec<&'a str>, seen: &mut HashSet<&'a str>| {
        let mut stack: Vec<&'a str> = Vec::new();
        if let Some(k) = start {
            if !seen.insert(k) {
                return;
            }
            order.push(k);
        }
        let push_followers = |of: Option<&'a str>, stack: &mut Vec<&'a str>| {
            if let Some(list) = followers.get(&of) {
                stack.extend(list.iter().rev());
            }
        };
        push_followers(start, &mut stack);
        while let Some(k) = stack.pop() {
            if seen.insert(k) {
                order.push(k);
                push_followers(Some(k), &mut stack);
            }
        }
    };
    emit(None, &mut order, &mut seen);
    for item in mine {
        emit(Some(key(item)), &mut order, &mut seen);
    }
    for item in base {
        let k = key(item);
        if !m.contains_key(k) && !t.contains_key(k) && seen.insert(k) {
            order.push(k);
        }
    }
    order
        .into_iter()
        .map(|k| Lined {
            key: k,
            base: b.get(k).copied(),
            mine: m.get(k).copied(),
            theirs: t.get(k).copied(),
        })
        .collect()
}

/// Where a whole item lands, by plain equality: the side that changed it, or a conflict.
pub enum Outcome<'a, T> {
    /// Neither side changed it (or both deleted it, or both made the same change).
    Same(Option<&'a T>),
    Mine(Option<&'a T>),
    Theirs(Option<&'a T>),
    /// Both made the same change from the base.
    Both(Option<&'a T>),
    Conflict,
}

pub fn whole<'a, T: PartialEq>(base: Option<&'a T>, mine: Option<&'a T>, theirs: Option<&'a T>) -> Outcome<'a, T> {
    if mine == theirs {
        if base == mine {
            Outcome::Same(mine)
        } else {
            Outcome::Both(mine)
        }
    } else if base == mine {
        Outcome::Theirs(theirs)
    } else if base == theirs {
        Outcome::Mine(mine)
    } else {
        Outcome::Conflict
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theirs_new_keys_keep_their_place_after_their_neighbour() {
        let base = ["a", "b", "c"];
        let mine = ["a", "x", "b", "c"];
        let theirs = ["a", "b", "y", "z", "c", "w"];
        let order: Vec<&str> = line_up(&base, &mine, &theirs, |s| s).iter().map(|l| l.key).collect();
        assert_eq!(order, ["a", "x", "b", "y", "z", "c", "w"]);
        let front = line_up(&base, &["b"], &["n", "b"], |s| s);
        let keys: Vec<&str> = front.iter().map(|l| l.key).collect();
        assert_eq!(keys, ["n", "b", "a", "c"], "deleted on both go last");
        assert!(front[2].mine.is_none() && front[2].theirs.is_none() && front[2].base.is_some());
    }

    #[test]
    fn a_field_changed_two_ways_is_a_conflict_and_keeps_mine() {
        let eq = |a: &(u8, u8), b: &(u8, u8), f: &str| if f == "0" { a.0 == b.0 } else { a.1 == b.1 };
        let copy = |to: &mut (u8, u8), from: &(u8, u8), f: &str| {
            if f == "0" { to.0 = from.0 } else { to.1 = from.1 }
        };
        let (out, m) = merge_fields(&(0, 0), &(1, 0), &(0, 2), ["0", "1"], eq, copy);
        assert_eq!(out, (1, 2));
        assert_eq!((m.mine, m.theirs), (vec!["0".to_string()], vec!["1".to_string()]));
        let (out, m) = merge_fields(&(0, 0), &(1, 0), &(2, 0), ["0", "1"], eq, copy);
        assert_eq!(out, (1, 0));
        assert_eq!(m.conflicts, ["0"]);
    }
}
