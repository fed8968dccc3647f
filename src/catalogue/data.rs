//! The catalogue's text in the binary: the index, and each standard's RON, parsed only when
//! asked for. The texts are plain `include_str!`s (see `files.rs`), so a build needs no
//! build script: a deflated copy made by one would save about 1.6 MB of binary, but build
//! scripts' output is shared by every checkout that builds into one target folder.

use std::path::Path;

use crate::model::Standard;

#[path = "files.rs"]
mod files;

use files::FILES;

pub const INDEX: &str = include_str!("../../standards/catalogue/index.tsv");

/// The RON text of one bundled file, such as `ST0215_1.2.ron`.
pub fn text(name: &str) -> Option<&'static str> {
    let i = FILES.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    FILES.get(i).map(|(_, text)| *text)
}

/// One bundled standard, parsed.
pub fn load(name: &str) -> Option<Standard> {
    crate::store::parse_ron(Path::new(name), text(name)?).ok()
}

/// Every bundled file's name, sorted.
#[cfg(test)]
pub fn names() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(n, _)| *n)
}
