//! What changed between two versions of a standard: each KSB and duty of either version,
//! matched on its text as well as its GUID.
//!
//! A GUID alone does not say two KSBs are the same (the API keeps GUIDs whose text became
//! unrelated, and ST0220 1.1 shares no GUID with 1.0 although half its statements survive), so:
//! 1. statements with the same text (ignoring case, punctuation and spacing) are twins,
//!    whatever their GUIDs and codes say;
//! 2. the rest are paired greedily, most alike first, when their words are alike enough
//!    ([`REWORDED`]; a kept GUID lowers the bar to [`REWORDED_SAME_GUID`], never to nothing);
//! 3. whatever is left was removed or added.

use std::collections::HashMap;

use serde::Serialize;

use super::words::{Corpus, normal};
use crate::model::{KsbCode, Standard};
use crate::suggest::Meaning;

/// How alike two statements' words must be (weighted Dice, see [`Corpus::similarity`]) to be
/// read as one statement reworded. Judged on the real pairs in `ifate-standards/versions`:
/// above it, pairs such as ST0220 1.0 S2 "maintain the highest standards of person centred
/// care…" and 1.1 S11 "Provide or support the provision of person-centred care" (0.30); below
/// it, unrelated ones such as ST0215 1.0 S5 (CPD) and 1.1 S2 (scope of practice, 0.25).
pub const REWORDED: f32 = 0.27;
/// The bar when both versions give the statement the same GUID: ST0825 1.1 S18 and 2.0 S13
/// (infrastructure as code, 0.24) pass it; 1.1 K7 "General purpose programming and
/// infrastructure-as-code" and 2.0 K9 "Principles of control flow…" (0.16) do not.
pub const REWORDED_SAME_GUID: f32 = 0.2;
/// And they must share meaning as suggestions read it ([`Meaning`]: stems and the domain's
/// synonyms, stop words out): at least this share of their terms, whatever the GUID. Below
/// it, statements that share a few words are two statements, removed and added, and
/// `migrate` leaves their mappings for review instead of moving them.
pub const SHARED_MEANING: f32 = 0.12;

/// What happened to one KSB or duty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// The same text under the same code.
    Unchanged,
    /// The same text under another code.
    Renumbered,
    /// The same statement, worded differently (its code may have changed too).
    Reworded,
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
}

impl Change {
    pub const ALL: [Change; 5] = [
        Change::Unchanged,
        Change::Renumbered,
        Change::Reworded,
        Change::Added,
        Change::Removed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Change::Unchanged => "unchanged",
            Change::Renumbered => "renumbered",
            Change::Reworded => "reworded",
            Change::Added => "added",
            Change::Removed => "removed",
        }
    }
}

/// One KSB (`C` = [`KsbCode`]) or duty (`C` = `String`) and what became of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry<C> {
    /// Its code in the older version; `None` when added.
    pub from: Option<C>,
    /// Its code in the newer version; `None` when removed.
    pub to: Option<C>,
    pub change: Change,
    /// How alike the two statements are, rounded to hundredths: 1 for the same text, 0 for
    /// an added or removed one.
    pub similarity: f64,
}

/// A standard's reference and version, as the diff names each side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    pub reference: String,
    pub version: Option<String>,
}

impl Side {
    pub fn of(s: &Standard) -> Self {
        Side {
            reference: s.reference.clone(),
            version: s.version.clone(),
        }
    }
}

impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.version {
            Some(v) => write!(f, "{} version {v}", self.reference),
            None => write!(f, "{} (version not given)", self.reference),
        }
    }
}

/// The differences between two versions of a standard. Every KSB and duty of either version
/// appears exactly once: in the newer version's order, then the removed in the older's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StandardDiff {
    pub from: Side,
    pub to: Side,
    pub ksbs: Vec<Entry<KsbCode>>,
    pub duties: Vec<Entry<String>>,
}

impl StandardDiff {
    /// How many KSBs changed in each way, in the order of [`Change::ALL`].
    pub fn ksb_counts(&self) -> [usize; 5] {
        count(&self.ksbs)
    }

    pub fn duty_counts(&self) -> [usize; 5] {
        count(&self.duties)
    }

    /// What became of the older version's KSB `code`.
    pub fn ksb_from(&self, code: KsbCode) -> Option<&Entry<KsbCode>> {
        self.ksbs.iter().find(|e| e.from == Some(code))
    }

    /// The newer version's code for the older version's duty `code`; `None` when removed.
    pub fn duty_to(&self, code: &str) -> Option<&str> {
        self.duties
            .iter()
            .find(|e| e.from.as_deref() == Some(code))?
            .to
            .as_deref()
    }

    /// Whether the two versions hold the same duties and KSBs under the same codes.
    pub fn same_content(&self) -> bool {
        self.ksbs.iter().all(|e| e.change == Change::Unchanged)
            && self.duties.iter().all(|e| e.change == Change::Unchanged)
    }
}

fn count<C>(entries: &[Entry<C>]) -> [usize; 5] {
    let mut n = [0; 5];
    for e in entries {
        if let Some(i) = Change::ALL.iter().position(|&c| c == e.change) {
            n[i] += 1;
        }
    }
    n
}

/// The differences from `old` to `new`.
pub fn diff(old: &Standard, new: &Standard) -> StandardDiff {
    fn ksb_item(k: &crate::model::Ksb) -> Item<'_, KsbCode> {
        Item {
            code: k.code,
            kind: k.code.kind as u8,
            text: &k.text,
            guid: k.guid.as_deref(),
        }
    }
    let ksbs = match_items(
        &old.ksbs.iter().map(ksb_item).collect::<Vec<_>>(),
        &new.ksbs.iter().map(ksb_item).collect::<Vec<_>>(),
    );
    fn duty_item(d: &crate::model::Duty) -> Item<'_, String> {
        Item {
            code: d.code.clone(),
            kind: 0,
            text: &d.text,
            guid: d.guid.as_deref(),
        }
    }
    let duties = match_items(
        &old.duties.iter().map(duty_item).collect::<Vec<_>>(),
        &new.duties.iter().map(duty_item).collect::<Vec<_>>(),
    );
    StandardDiff {
        from: Side::of(old),
        to: Side::of(new),
        ksbs,
        duties,
    }
}

/// A statement to match: its code, a kind that only its own kind matches (K with K), its
/// text and GUID.
struct Item<'a, C> {
    code: C,
    kind: u8,
    text: &'a str,
    guid: Option<&'a str>,
}

fn match_items<C: Clone + PartialEq>(old: &[Item<C>], new: &[Item<C>]) -> Vec<Entry<C>> {
    // partner[i]: the new statement old statement i became, with how alike they are.
    let mut partner: Vec<Option<(usize, f32)>> = vec![None; old.len()];
    let mut taken = vec![false; new.len()];

    // 1. Twins: the same text. Among several statements of one text, the same code first,
    //    then in order.
    let old_norm: Vec<String> = old.iter().map(|i| normal(i.text)).collect();
    let new_norm: Vec<String> = new.iter().map(|i| normal(i.text)).collect();
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, t) in new_norm.iter().enumerate() {
        by_text.entry(t.as_str()).or_default().push(j);
    }
    for same_code in [true, false] {
        for (i, t) in old_norm.iter().enumerate() {
            if partner[i].is_some() {
                continue;
            }
            let Some(twins) = by_text.get(t.as_str()) else { continue };
            let found = twins
                .iter()
                .copied()
                .find(|&j| !taken[j] && (!same_code || old[i].code == new[j].code));
            if let Some(j) = found {
                partner[i] = Some((j, 1.0));
                taken[j] = true;
            }
        }
    }

    // 2. Rewordings: the rest of each kind, most alike first.
    let corpus = Corpus::new(old.iter().chain(new).map(|i| i.text));
    let mut meaning = Meaning::new();
    let old_terms: Vec<Vec<u32>> = old.iter().map(|i| meaning.terms(i.text)).collect();
    let new_terms: Vec<Vec<u32>> = new.iter().map(|i| meaning.terms(i.text)).collect();
    let mut candidates: Vec<(f32, bool, usize, usize)> = Vec::new();
    for (i, a) in old.iter().enumerate() {
        if partner[i].is_some() {
            continue;
        }
        for (j, b) in new.iter().enumerate() {
            if taken[j] || a.kind != b.kind {
                continue;
            }
            let same_guid = a.guid.is_some() && a.guid == b.guid;
            let s = corpus.similarity(i, old.len() + j);
            let shared = Meaning::similarity(&old_terms[i], &new_terms[j]);
            if s >= if same_guid { REWORDED_SAME_GUID } else { REWORDED } && shared >= SHARED_MEANING {
                candidates.push((s, same_guid, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(y.1.cmp(&x.1))
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
    });
    for (s, _, i, j) in candidates {
        if partner[i].is_none() && !taken[j] {
            partner[i] = Some((j, s));
            taken[j] = true;
        }
    }

    // 3. The entries: the newer version's order, then the removed in the older's.
    let mut from_of: Vec<Option<(usize, f32)>> = vec![None; new.len()];
    for (i, p) in partner.iter().enumerate() {
        if let Some((j, s)) = *p {
            from_of[j] = Some((i, s));
        }
    }
    let mut out = Vec::with_capacity(old.len().max(new.len()));
    for (j, b) in new.iter().enumerate() {
        out.push(match from_of[j] {
            Some((i, s)) => {
                let a = &old[i];
                let twins = old_norm[i] == new_norm[j];
                let change = match (twins, a.code == b.code) {
                    (true, true) => Change::Unchanged,
                    (true, false) => Change::Renumbered,
                    (false, _) => Change::Reworded,
                };
                let similarity = if twins { 1.0 } else { round(s).min(0.99) };
                Entry {
                    from: Some(a.code.clone()),
                    to: Some(b.code.clone()),
                    change,
                    similarity,
                }
            }
            None => Entry {
                from: None,
                to: Some(b.code.clone()),
                change: Change::Added,
                similarity: 0.0,
            },
        });
    }
    for (i, a) in old.iter().enumerate() {
        if partner[i].is_none() {
            out.push(Entry {
                from: Some(a.code.clone()),
                to: None,
                change: Change::Removed,
                similarity: 0.0,
            });
        }
    }
    out
}

fn round(s: f32) -> f64 {
    (f64::from(s) * 100.0).round() / 100.0
}
