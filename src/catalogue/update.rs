//! `catalogue update`: reads API records a user downloaded, works out what they add to or
//! change in the catalogue as known now, and writes them into the user's catalogue.
//!
//! Everything is read and checked before anything is written: one malformed file refuses the
//! whole update and the catalogue stays byte for byte as it was.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, InputError, Result};
use crate::model::{IsoDate, Standard, StandardStatus};

use super::user::{self, UserEntry, knowledge_of};
use super::{CatalogueEntry, Origin, compare_versions, generate};

/// The records read from the files given, and the list records passed over (summaries
/// without KSBs, most often).
#[derive(Debug, Default)]
pub struct Records {
    pub standards: Vec<Standard>,
    /// (file, what was passed over and why).
    pub passed_over: Vec<(PathBuf, String)>,
}

/// Reads API records: each path is one record, a list of them, or a folder of `.json` files
/// (searched recursively). Any file that is not API JSON refuses them all.
pub fn read_records(paths: &[PathBuf]) -> Result<Records> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            json_files(path, &mut files)?;
            if files.len() == before {
                return Err(InputError::new(path, "holds no API records (.json files)")
                    .hint("give the folder the records were downloaded into, or the files themselves")
                    .into());
            }
        } else {
            files.push(path.clone());
        }
    }
    let mut out = Records::default();
    let many = files.len() > 1;
    for file in files {
        let text = crate::fsio::read_text(&file)?;
        let list = match crate::import::ifate_api::parse_list(&file, &text) {
            Ok(list) => list,
            // One record with no KSBs among many is passed over, as a list's would be.
            Err(e) if many && crate::import::ifate_api::without_ksbs(&e).is_some() => {
                let what = crate::import::ifate_api::without_ksbs(&e).unwrap_or_default();
                out.passed_over
                    .push((file.clone(), format!("{what}: its record lists no KSBs")));
                continue;
            }
            Err(e) => {
                let hint = e.hint.clone().unwrap_or_else(|| {
                    "give records as the IfATE (Skills England) API gives them: one standard's JSON, a list, or a folder of them; nothing was changed".into()
                });
                return Err(Error::from(e.hint(hint)));
            }
        };
        for p in list.passed_over {
            out.passed_over
                .push((file.clone(), format!("{}: {}", p.name, p.reason)));
        }
        for i in list.imported {
            // The catalogue lists published versions by reference: a record without its own
            // reference number or version (a prototype's, a draft) would stand beside them as
            // "LARS497 0.0", or under a reference only its file's name gave it.
            let s = &i.standard;
            let published = s.version.is_some() && i.warnings.iter().all(|w| !w.contains("has no reference number"));
            if !published {
                return Err(InputError::new(
                    &file,
                    format!(
                        "{} {}: has no reference number or version of its own, so it is not a published record; nothing was changed",
                        s.reference, s.title
                    ),
                )
                .hint("use records as the API gives them; to use this one in a project, `htq-mapper import-standard` it")
                .into());
            }
            out.standards.push(i.standard);
        }
    }
    Ok(out)
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let read = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = read.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            json_files(&p, out)?;
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            out.push(p);
        }
    }
    Ok(())
}

/// One way a record differs from what the catalogue knew of its version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// A version the catalogue did not know.
    NewVersion,
    Status {
        from: Option<StandardStatus>,
        to: Option<StandardStatus>,
    },
    EarliestStart {
        from: Option<IsoDate>,
        to: Option<IsoDate>,
    },
    LatestStart {
        from: Option<IsoDate>,
        to: Option<IsoDate>,
    },
    /// The same version's duties or KSBs, edited in place.
    Content,
}

/// What one record changes.
#[derive(Clone, Debug)]
pub struct Change {
    pub standard: Standard,
    pub kinds: Vec<ChangeKind>,
    /// For a new version, the latest version known before it (to diff against); otherwise the
    /// version as the catalogue knew it.
    pub previous: Option<Standard>,
}

impl Change {
    pub fn reference(&self) -> &str {
        &self.standard.reference
    }

    pub fn version(&self) -> &str {
        self.standard.version.as_deref().unwrap_or("0.0")
    }

    pub fn is_new(&self) -> bool {
        self.kinds.contains(&ChangeKind::NewVersion)
    }
}

/// What an update will do: the changes to report, the records that add nothing, and the
/// user catalogue it leaves.
#[derive(Debug, Default)]
pub struct Plan {
    pub changes: Vec<Change>,
    /// Records that say what the catalogue already says, as `ST0215@1.2`.
    pub unchanged: Vec<String>,
    /// Records older than what the catalogue knows of their version (kept out).
    pub older: Vec<String>,
    /// Records passed over for another record of their version in the same update: the newer
    /// one, or at the same date the one given last.
    pub superseded: Vec<String>,
    /// The user catalogue after the update, and the files to write for it: (name, text).
    pub entries: Vec<UserEntry>,
    pub files: Vec<(String, String)>,
}

/// `catalogue update` and the app's Update catalogue alike: reads the records in `paths`, works
/// out what they change, writes them into the user's catalogue in `dir`, and reloads the
/// catalogue, so every view after knows them. Nothing is written if anything fails to read.
pub fn update_from(paths: &[PathBuf], dir: &Path) -> Result<(Plan, Records)> {
    let mut records = read_records(paths)?;
    let standards = std::mem::take(&mut records.standards);
    let existing = user::read_checked(dir);
    if existing.index_unreadable {
        let index = dir.join(super::INDEX_FILE);
        return Err(InputError::new(
            &index,
            "is not a catalogue index that can be read, so nothing was changed: an update would forget the records it names",
        )
        .hint(format!(
            "move the folder {} aside and run `htq-mapper catalogue update` with your records again",
            dir.display()
        ))
        .into());
    }
    let plan = plan(standards, super::entries(), existing.entries, dir)?;
    apply(&plan, dir)?;
    super::reload();
    Ok((plan, records))
}

/// One line for each change: "ST0215 1.3 is new", "ST0215 1.1 is now retired", for the app's
/// status line and dialog.
pub fn summary_lines(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for c in &plan.changes {
        let name = format!("{} {}", c.reference(), c.version());
        for k in &c.kinds {
            out.push(match k {
                ChangeKind::NewVersion => format!("{name} is new"),
                ChangeKind::Status { .. } => format!("{name} has a new status"),
                ChangeKind::EarliestStart { .. } | ChangeKind::LatestStart { .. } => {
                    format!("{name} has new start dates")
                }
                ChangeKind::Content => format!("{name}'s duties or KSBs were edited in place"),
            });
        }
    }
    out
}

/// Works out what `records` change in the catalogue `known` (the bundled one with the user's
/// `existing` entries laid over it), for the user's catalogue in `dir`.
pub fn plan(records: Vec<Standard>, known: &[CatalogueEntry], existing: Vec<UserEntry>, dir: &Path) -> Result<Plan> {
    let mut records = records;
    // Of two records of one version in one update, the newer knowledge counts; at the same
    // knowledge, the record given last (the sort is stable, so the order is reversed first).
    records.reverse();
    records.sort_by(|a, b| {
        a.reference
            .cmp(&b.reference)
            .then_with(|| compare_versions(version(a), version(b)))
            .then_with(|| knowledge_of(b).cmp(&knowledge_of(a)))
    });
    let mut superseded = Vec::new();
    records.dedup_by(|later, kept| {
        let same = later.reference == kept.reference && compare_versions(version(later), version(kept)).is_eq();
        if same {
            superseded.push(format!("{}@{}", later.reference, version(later)));
        }
        same
    });
    let mut plan = Plan {
        entries: existing,
        superseded,
        ..Plan::default()
    };
    for s in records {
        let spec = format!("{}@{}", s.reference, version(&s));
        let same = known
            .iter()
            .find(|e| {
                e.reference.eq_ignore_ascii_case(&s.reference) && compare_versions(&e.version, version(&s)).is_eq()
            })
            .and_then(CatalogueEntry::load);
        let ron = generate::to_catalogue_ron(&s).map_err(|e| Error::io(dir, std::io::Error::other(e)))?;
        let kinds = match &same {
            None => vec![ChangeKind::NewVersion],
            Some(old) if knowledge_of(&s) < knowledge_of(old) => {
                plan.older.push(spec);
                continue;
            }
            Some(old) => {
                if generate::to_catalogue_ron(old).is_ok_and(|t| t == ron) {
                    plan.unchanged.push(spec);
                    continue;
                }
                differences(old, &s)
            }
        };
        let previous = match same {
            Some(old) => Some(old),
            None => known
                .iter()
                .rfind(|e| {
                    e.reference.eq_ignore_ascii_case(&s.reference) && compare_versions(&e.version, version(&s)).is_lt()
                })
                .and_then(CatalogueEntry::load),
        };
        let name = format!("{}_{}.{}.ron", s.reference, version(&s), short_hash(&ron));
        let entry = UserEntry {
            entry: CatalogueEntry {
                reference: s.reference.clone(),
                version: version(&s).to_string(),
                title: generate::one_line(&s.title),
                level: s.level,
                status: s.status.map(StandardStatus::label).unwrap_or_default().to_string(),
                route: generate::one_line(s.route.as_deref().unwrap_or_default()),
                origin: Origin::User(dir.join(&name)),
            },
            last_updated: s.last_updated,
        };
        plan.entries.retain(|e| {
            !(e.entry.reference == entry.entry.reference
                && compare_versions(&e.entry.version, &entry.entry.version).is_eq())
        });
        plan.entries.push(entry);
        plan.files.push((name, ron));
        plan.changes.push(Change {
            standard: s,
            kinds,
            previous,
        });
    }
    plan.entries.sort_by(|a, b| {
        a.entry
            .reference
            .cmp(&b.entry.reference)
            .then_with(|| compare_versions(&a.entry.version, &b.entry.version))
    });
    Ok(plan)
}

fn version(s: &Standard) -> &str {
    s.version.as_deref().filter(|v| !v.trim().is_empty()).unwrap_or("0.0")
}

fn differences(old: &Standard, new: &Standard) -> Vec<ChangeKind> {
    let mut kinds = Vec::new();
    if old.status != new.status {
        kinds.push(ChangeKind::Status {
            from: old.status,
            to: new.status,
        });
    }
    if old.earliest_start != new.earliest_start {
        kinds.push(ChangeKind::EarliestStart {
            from: old.earliest_start,
            to: new.earliest_start,
        });
    }
    if old.latest_start != new.latest_start {
        kinds.push(ChangeKind::LatestStart {
            from: old.latest_start,
            to: new.latest_start,
        });
    }
    if old.compute_content_hash() != new.compute_content_hash() {
        kinds.push(ChangeKind::Content);
    }
    kinds
}

fn short_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    crate::model::hex(&digest).chars().take(12).collect()
}

/// Writes the plan into `dir`: the new standards' files first, then the index (the commit),
/// then removes files the index no longer names. Nothing is written when nothing changed.
pub fn apply(plan: &Plan, dir: &Path) -> Result<()> {
    if plan.files.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for (name, text) in &plan.files {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).is_ok_and(|old| &old == text) {
            continue;
        }
        crate::store::write_atomic(&path, text.as_bytes(), false)?;
    }
    let index = dir.join(super::INDEX_FILE);
    // The files the index named before: only those it no longer names are tidied away, never
    // a file some other index (or a person) put in the folder.
    let before: Vec<String> = user::read(dir).iter().map(UserEntry::file_name).collect();
    crate::store::write_atomic(&index, user::index_text(&plan.entries).as_bytes(), false)?;
    let named: Vec<String> = plan.entries.iter().map(UserEntry::file_name).collect();
    for name in before.iter().filter(|n| !named.contains(n)) {
        let _ = std::fs::remove_file(dir.join(name));
    }
    Ok(())
}

/// What `catalogue status` says of the bundled catalogue: how many versions, and the newest
/// `lastUpdated` among its records (the snapshot it was made from is no newer).
pub fn bundled_made() -> (usize, Option<IsoDate>) {
    let entries = super::bundled_entries();
    let newest = entries
        .iter()
        .filter_map(|e| super::data::text(&super::file_name(&e.reference, &e.version)))
        .filter_map(last_updated_in)
        .max();
    (entries.len(), newest)
}

/// The `last_updated: Some("…")` of a catalogue RON, found without parsing the whole file.
fn last_updated_in(text: &str) -> Option<IsoDate> {
    let (_, rest) = text.split_once("\n  last_updated: Some(\"")?;
    IsoDate::parse(rest.get(..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st0215(version: &str) -> Standard {
        super::super::standard("ST0215", version).unwrap()
    }

    #[test]
    fn the_bundled_catalogue_is_dated_by_its_newest_record() {
        let (n, newest) = bundled_made();
        assert_eq!(n, super::super::bundled_entries().len());
        let newest = newest.unwrap();
        assert!(newest >= IsoDate::parse("2025-12-18").unwrap(), "{newest}");
        assert!(newest <= IsoDate::today(), "{newest}");
    }

    #[test]
    fn a_new_version_is_planned_and_a_repeated_record_changes_nothing() {
        let dir = Path::new("/u");
        let known = super::super::bundled_entries();
        let mut new = st0215("1.2");
        new.version = Some("1.3".into());
        new.last_updated = IsoDate::parse("2026-03-01");
        let plan = plan(vec![new, st0215("1.2")], known, Vec::new(), dir).unwrap();
        assert_eq!(plan.changes.len(), 1);
        assert_eq!(plan.changes[0].kinds, [ChangeKind::NewVersion]);
        assert_eq!(
            plan.changes[0].previous.as_ref().and_then(|p| p.version.as_deref()),
            Some("1.2")
        );
        assert_eq!(plan.unchanged, ["ST0215@1.2"]);
        assert_eq!(plan.entries.len(), 1);
        assert!(plan.files[0].0.starts_with("ST0215_1.3."), "{}", plan.files[0].0);
    }

    #[test]
    fn a_retirement_is_a_status_change_and_older_records_are_kept_out() {
        let known = super::super::bundled_entries();
        let mut retired = st0215("1.2");
        retired.status = Some(StandardStatus::Retired);
        retired.latest_start = IsoDate::parse("2026-06-30");
        let mut old = st0215("1.1");
        old.status = Some(StandardStatus::Approved);
        old.last_updated = IsoDate::parse("2020-01-01");
        let plan = plan(vec![retired, old], known, Vec::new(), Path::new("/u")).unwrap();
        assert_eq!(plan.older, ["ST0215@1.1"]);
        assert_eq!(
            plan.changes[0].kinds,
            [
                ChangeKind::Status {
                    from: Some(StandardStatus::Approved),
                    to: Some(StandardStatus::Retired)
                },
                ChangeKind::LatestStart {
                    from: None,
                    to: IsoDate::parse("2026-06-30")
                },
            ]
        );
    }
}
