//! The user's catalogue: the API records a user gave `htq-mapper catalogue update`, kept in
//! `$XDG_DATA_HOME/htq-mapper/catalogue/` (`~/.local/share/…` when unset) and laid over the
//! bundled catalogue, so a release of a standard after the binary was built is known.
//!
//! The folder holds one RON file per standard-version, named with its content's hash so a file
//! is never rewritten in place, and `index.tsv`, which names them. The index is written last
//! and atomically: it is what an update commits, so a failed update leaves the catalogue as it
//! was.

use std::path::{Path, PathBuf};

use crate::model::{IsoDate, Standard, StandardStatus};

use super::{CatalogueEntry, Origin, compare_versions};

/// The user catalogue's index: the bundled index's columns, then what the record was known as
/// of (its `lastUpdated`) and the file that holds it.
pub const USER_INDEX_HEADER: &str = "reference\tversion\tlevel\tstatus\troute\ttitle\tlast_updated\tfile";

/// The largest standard file read back (the largest bundled one is about 60 KB).
const MAX_STANDARD_BYTES: u64 = 4 * 1024 * 1024;

/// One standard-version of the user's catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserEntry {
    pub entry: CatalogueEntry,
    /// The record's `lastUpdated`: how new this knowledge of the version is.
    pub last_updated: Option<IsoDate>,
}

impl UserEntry {
    /// The file name the index gives, without its folder.
    pub fn file_name(&self) -> String {
        match &self.entry.origin {
            Origin::User(p) => p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string(),
            Origin::Bundled => String::new(),
        }
    }
}

/// The user's catalogue folder; `None` in unit tests, which read only the bundled catalogue.
pub fn dir() -> Option<PathBuf> {
    if cfg!(test) {
        return None;
    }
    dir_from(
        std::env::var_os("XDG_DATA_HOME").map(PathBuf::from),
        std::env::var_os("HOME")
            .or_else(|| std::env::var_os("APPDATA"))
            .map(PathBuf::from),
    )
}

/// `$XDG_DATA_HOME/htq-mapper/catalogue`, or `$HOME/.local/share/htq-mapper/catalogue`; the
/// XDG base-directory rules ignore a relative `XDG_DATA_HOME`.
pub fn dir_from(xdg_data_home: Option<PathBuf>, home: Option<PathBuf>) -> Option<PathBuf> {
    let base = match xdg_data_home.filter(|p| p.is_absolute()) {
        Some(p) => p,
        None => home.filter(|p| p.is_absolute())?.join(".local").join("share"),
    };
    Some(base.join("htq-mapper").join("catalogue"))
}

/// The user's catalogue in `dir`: empty when there is none. Entries that cannot be used (an
/// index line that does not read, a file that is gone or empty) are left out; [`read_checked`]
/// says what they were.
pub fn read(dir: &Path) -> Vec<UserEntry> {
    read_checked(dir).entries
}

/// What a user's catalogue holds, and what of it cannot be used.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checked {
    pub entries: Vec<UserEntry>,
    /// One sentence each: what is wrong and where.
    pub problems: Vec<String>,
    /// The index exists but is not one: an update must not write over it, as the records it
    /// named would no longer be known.
    pub index_unreadable: bool,
}

/// The user's catalogue in `dir`, with what cannot be used named. Only the files' sizes are
/// read, not their standards: every command reads the catalogue.
pub fn read_checked(dir: &Path) -> Checked {
    let index = dir.join(super::INDEX_FILE);
    let text = match std::fs::read_to_string(&index) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Checked::default(),
        Err(e) => {
            return Checked {
                problems: vec![format!("{} cannot be read: {e}", index.display())],
                index_unreadable: true,
                ..Checked::default()
            };
        }
    };
    let mut out = parse_checked(dir, &text);
    for p in &mut out.problems {
        *p = format!("{}: {p}", index.display());
    }
    out.entries.retain(|u| {
        let Origin::User(path) = &u.entry.origin else {
            return true;
        };
        let problem = match std::fs::metadata(path) {
            Ok(m) if m.len() == 0 => "is empty",
            Ok(m) if m.len() > MAX_STANDARD_BYTES => "is too large to be a standard",
            Ok(_) => return true,
            Err(_) => "is missing",
        };
        out.problems.push(format!(
            "{} {}: its file {} {problem}",
            u.entry.reference,
            u.entry.version,
            path.display()
        ));
        false
    });
    out
}

pub fn parse_index(dir: &Path, text: &str) -> Vec<UserEntry> {
    parse_checked(dir, text).entries
}

fn parse_checked(dir: &Path, text: &str) -> Checked {
    let mut lines = text.lines();
    if lines.next() != Some(USER_INDEX_HEADER) {
        return Checked {
            problems: vec!["line 1 is not the header a catalogue index starts with".into()],
            index_unreadable: true,
            ..Checked::default()
        };
    }
    let mut out = Checked::default();
    for (n, line) in lines.enumerate() {
        match parse_line(dir, line) {
            Some(e) => out.entries.push(e),
            None if line.trim().is_empty() => {}
            None => out
                .problems
                .push(format!("line {} cannot be read, so it was passed over", n + 2)),
        }
    }
    out
}

fn parse_line(dir: &Path, line: &str) -> Option<UserEntry> {
    let mut f = line.split('\t');
    let reference = f.next()?.to_string();
    let version = f.next()?.to_string();
    let level = f.next()?.parse().ok()?;
    let status = f.next()?.to_string();
    let route = f.next()?.to_string();
    let title = f.next()?.to_string();
    let last_updated = IsoDate::parse(f.next()?);
    let file = f.next()?;
    // Only a plain name in the folder: an index never points outside it.
    if file.is_empty() || file.contains(['/', '\\']) || file.starts_with('.') {
        return None;
    }
    Some(UserEntry {
        entry: CatalogueEntry {
            reference,
            version,
            title,
            level,
            status,
            route,
            origin: Origin::User(dir.join(file)),
        },
        last_updated,
    })
}

/// The index text of `entries`.
pub fn index_text(entries: &[UserEntry]) -> String {
    let mut out = String::from(USER_INDEX_HEADER);
    out.push('\n');
    for e in entries {
        out.push_str(&super::generate::index_line(&e.entry));
        out.push('\t');
        out.push_str(&e.last_updated.map(|d| d.to_string()).unwrap_or_default());
        out.push('\t');
        out.push_str(&e.file_name());
        out.push('\n');
    }
    out
}

/// A standard of the user's catalogue, parsed now.
pub fn load(path: &Path) -> Option<Standard> {
    let size = std::fs::metadata(path).ok()?.len();
    if size > MAX_STANDARD_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    crate::store::parse_ron(path, &text).ok()
}

/// How far along its life a status is: a later status is newer knowledge of a version.
fn lifecycle(status: Option<StandardStatus>) -> u8 {
    match status {
        None => 0,
        Some(StandardStatus::Proposal) => 1,
        Some(StandardStatus::Draft) => 2,
        Some(StandardStatus::Approved) => 3,
        Some(StandardStatus::Retired) => 4,
        Some(StandardStatus::Withdrawn) => 5,
    }
}

/// How new a piece of knowledge of a version is: by the record's `lastUpdated`, then by how
/// far along its life its status is (the API sometimes retires a version without a new date).
pub fn knowledge(last_updated: Option<IsoDate>, status: Option<StandardStatus>) -> (Option<IsoDate>, u8) {
    (last_updated, lifecycle(status))
}

/// How new what a catalogue standard says is.
pub fn knowledge_of(s: &Standard) -> (Option<IsoDate>, u8) {
    knowledge(s.last_updated, s.status)
}

/// The bundled entries with the user's laid over: a user entry replaces the bundled entry of
/// the same version unless the bundled one is newer knowledge (a binary built after the
/// update), and adds the versions the binary does not have.
pub fn lay_over(bundled: &[CatalogueEntry], user: Vec<UserEntry>) -> Vec<CatalogueEntry> {
    let mut out = bundled.to_vec();
    for u in user {
        let same = out.iter().position(|e| {
            e.reference.eq_ignore_ascii_case(&u.entry.reference)
                && compare_versions(&e.version, &u.entry.version).is_eq()
        });
        match same {
            None => out.push(u.entry),
            Some(i) => {
                let Some(existing) = out.get_mut(i) else { continue };
                let theirs = knowledge(u.last_updated, StandardStatus::parse(&u.entry.status));
                // Loading the bundled standard only for a version both know: a handful at most.
                let ours = existing.load().map(|s| knowledge_of(&s));
                if ours.is_none_or(|ours| theirs >= ours) {
                    *existing = u.entry;
                }
            }
        }
    }
    super::sort_entries(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(reference: &str, version: &str, status: &str, last_updated: &str) -> UserEntry {
        UserEntry {
            entry: CatalogueEntry {
                reference: reference.into(),
                version: version.into(),
                title: "T".into(),
                level: 5,
                status: status.into(),
                route: String::new(),
                origin: Origin::User(PathBuf::from(format!("/u/{reference}_{version}.ron"))),
            },
            last_updated: IsoDate::parse(last_updated),
        }
    }

    #[test]
    fn the_folder_follows_xdg_and_falls_back_to_home() {
        let home = Some(PathBuf::from("/home/q"));
        assert_eq!(
            dir_from(Some("/data".into()), home.clone()),
            Some(PathBuf::from("/data/htq-mapper/catalogue"))
        );
        assert_eq!(
            dir_from(Some("relative".into()), home.clone()),
            Some(PathBuf::from("/home/q/.local/share/htq-mapper/catalogue"))
        );
        assert_eq!(dir_from(None, None), None);
    }

    #[test]
    fn new_versions_are_added_and_newer_knowledge_replaces_the_bundled() {
        let bundled = super::super::bundled_entries();
        let laid = lay_over(
            bundled,
            vec![
                user("ST0215", "1.3", "Approved for delivery", "2026-03-01"),
                // Bundled 1.2 was last updated 2025-12-18: a retirement in 2026 is newer.
                user("ST0215", "1.2", "Retired", "2026-03-01"),
                // Bundled 1.1 is retired: an old approved record of it is older knowledge.
                user("ST0215", "1.1", "Approved for delivery", "2023-09-13"),
            ],
        );
        let st0215: Vec<&CatalogueEntry> = laid.iter().filter(|e| e.reference == "ST0215").collect();
        let versions: Vec<&str> = st0215.iter().map(|e| e.version.as_str()).collect();
        assert_eq!(versions, ["1.0", "1.1", "1.2", "1.3"]);
        assert_eq!(st0215[1].origin, Origin::Bundled, "older knowledge of 1.1 loses");
        assert_eq!(st0215[2].status, "Retired");
        assert!(matches!(st0215[3].origin, Origin::User(_)));
        assert_eq!(laid.len(), bundled.len() + 1);
    }

    #[test]
    fn the_index_reads_back_and_never_points_outside_its_folder() {
        let dir = Path::new("/u");
        let entries = vec![user("ST0215", "1.3", "Approved for delivery", "2026-03-01")];
        let text = index_text(&entries);
        assert_eq!(parse_index(dir, &text), entries);
        let hostile = text.replace("ST0215_1.3.ron", "../../etc/passwd");
        assert!(parse_index(dir, &hostile).is_empty());
        assert!(parse_index(dir, "not an index\n").is_empty());
    }
}
