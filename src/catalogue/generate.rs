//! Builds the catalogue's files from the IfATE API records in `../shared`, with the
//! project's own importer: one RON file per standard-version and a small index.
//!
//! `htq-mapper regenerate-catalogue` (or `scripts/regenerate-catalogue`) writes them under
//! `standards/catalogue/`, with `src/catalogue/files.rs` naming each for `include_str!`; a
//! test builds them in memory and compares with what is committed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Error, InputError, Result};
use crate::import::ifate_api;
use crate::model::Standard;

use super::{CatalogueEntry, INDEX_HEADER, compare_versions};

/// The folders of `data/ifate-standards/` read, in order: a file of the same name in a later
/// one is the same record (the snapshot was taken once) and is read once.
pub const SOURCE_DIRS: [&str; 2] = ["latest-l4-l5", "versions"];

/// Where the list of bundled files goes, from the project's root: the Rust that names each
/// file for `include_str!`.
pub const FILES_RS: &str = "src/catalogue/files.rs";
/// Where the catalogue's files go, from the project's root.
pub const CATALOGUE_DIR: &str = "standards/catalogue";

/// The catalogue as files: (file name, text), sorted by name, the index first.
#[derive(Debug, Default)]
pub struct Generated {
    pub files: Vec<(String, String)>,
    /// The text of [`FILES_RS`].
    pub files_rs: String,
    /// Records passed over: (source file, why).
    pub skipped: Vec<(PathBuf, String)>,
    /// How many standard-versions it holds.
    pub standards: usize,
}

/// The catalogue built from `data` (the `data/ifate-standards` folder).
pub fn generate(data: &Path) -> Result<Generated> {
    let mut sources: BTreeMap<String, PathBuf> = BTreeMap::new();
    for dir in SOURCE_DIRS {
        let dir = data.join(dir);
        let read = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        for entry in read {
            let path = entry.map_err(|e| Error::io(&dir, e))?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if name.ends_with(".json") {
                sources.entry(name.to_string()).or_insert(path);
            }
        }
    }
    if sources.is_empty() {
        return Err(
            InputError::new(data, "holds no API records (.json) under latest-l4-l5/ or versions/")
                .hint("pass the data/ifate-standards folder of ../shared")
                .into(),
        );
    }
    let mut out = Generated::default();
    let mut entries: Vec<(CatalogueEntry, String)> = Vec::new();
    for path in sources.values() {
        let text = crate::fsio::read_text(path)?;
        let imported = match ifate_api::parse(path, &text) {
            Ok(v) => v,
            Err(e) => {
                out.skipped.push((path.clone(), e.message));
                continue;
            }
        };
        let status = raw_status(&text);
        for i in imported {
            let s = i.standard;
            let version = s
                .version
                .clone()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| "0.0".to_string());
            let entry = CatalogueEntry {
                reference: s.reference.clone(),
                version: version.clone(),
                title: one_line(&s.title),
                level: s.level,
                status: one_line(&status),
                route: one_line(s.route.as_deref().unwrap_or_default()),
                origin: super::Origin::Bundled,
            };
            let ron = to_catalogue_ron(&s).map_err(|e| Error::io(path, std::io::Error::other(e)))?;
            entries.push((entry, ron));
        }
    }
    entries.sort_by(|(a, _), (b, _)| {
        a.reference
            .cmp(&b.reference)
            .then_with(|| compare_versions(&a.version, &b.version))
    });
    entries.dedup_by(|(a, _), (b, _)| a.reference == b.reference && a.version == b.version);
    let mut index = String::from(INDEX_HEADER);
    index.push('\n');
    for (e, _) in &entries {
        index.push_str(&index_line(e));
        index.push('\n');
    }
    out.standards = entries.len();
    out.files_rs = files_rs(entries.iter().map(|(e, _)| super::file_name(&e.reference, &e.version)));
    out.files.push((super::INDEX_FILE.to_string(), index));
    out.files.extend(
        entries
            .into_iter()
            .map(|(e, ron)| (super::file_name(&e.reference, &e.version), ron)),
    );
    Ok(out)
}

/// The Rust list of the bundled files, sorted by name (the index's order may differ:
/// versions sort by number there).
fn files_rs(names: impl Iterator<Item = String>) -> String {
    let mut names: Vec<String> = names.collect();
    names.sort();
    let mut out = String::from(
        "//! Made by `scripts/regenerate-catalogue`; do not edit. Every bundled standard-version's\n\
         //! RON text, by file name, sorted by name. The texts sit in the binary's read-only data\n\
         //! and are parsed only when asked for.\n\n\
         pub static FILES: &[(&str, &str)] = &[\n",
    );
    for n in names {
        out.push_str(&format!(
            "    (\"{n}\", include_str!(\"../../standards/catalogue/{n}\")),\n"
        ));
    }
    out.push_str("];\n");
    out
}

/// Writes the catalogue under the project's `root`, removing catalogue files that are no
/// longer made.
pub fn write(generated: &Generated, root: &Path) -> Result<()> {
    let dir = &root.join(CATALOGUE_DIR);
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let keep: Vec<&str> = generated.files.iter().map(|(n, _)| n.as_str()).collect();
    let read = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in read.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.ends_with(".ron") && !keep.contains(&name) {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    for (name, text) in &generated.files {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).is_ok_and(|old| &old == text) {
            continue;
        }
        crate::store::write_atomic(&path, text.as_bytes(), false)?;
    }
    let list = root.join(FILES_RS);
    if std::fs::read_to_string(&list).is_ok_and(|old| old == generated.files_rs) {
        return Ok(());
    }
    crate::store::write_atomic(&list, generated.files_rs.as_bytes(), false)
}

/// The committed catalogue as files, the same shape as [`generate`] gives.
pub fn read_committed(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    let read = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in read {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if name.ends_with(".ron") || name == super::INDEX_FILE {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            files.push((name, text));
        }
    }
    files.sort_by(|(a, _), (b, _)| (a != super::INDEX_FILE, a).cmp(&(b != super::INDEX_FILE, b)));
    Ok(files)
}

/// The API's own word for the status ("Approved for delivery", "Retired", …), as the
/// catalogue lists it; the model keeps its own reading of it.
fn raw_status(json: &str) -> String {
    serde_json::from_str::<Value>(json)
        .ok()
        .and_then(|v| v.get("status").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default()
}

pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn index_line(e: &CatalogueEntry) -> String {
    [
        e.reference.as_str(),
        &e.version,
        &e.level.to_string(),
        &e.status,
        &e.route,
        &e.title,
    ]
    .join("\t")
}

/// A standard as the catalogue keeps it: one line per duty and per KSB, so that a new
/// version or an edit in place shows in `git diff` line by line.
pub fn to_catalogue_ron(s: &Standard) -> std::result::Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .new_line("\n")
        .depth_limit(2)
        .separate_tuple_members(false);
    let mut out = ron::ser::to_string_pretty(s, config)?;
    out.push('\n');
    Ok(out)
}
