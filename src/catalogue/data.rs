//! The catalogue's bytes in the binary: the index as text, and each standard deflated on its
//! own by `build.rs`, inflated only when asked for.

use std::path::Path;

use crate::model::Standard;

pub const INDEX: &str = include_str!("../../standards/catalogue/index.tsv");

static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalogue.bin"));

include!(concat!(env!("OUT_DIR"), "/catalogue_files.rs"));

/// No bundled standard comes near this; it only bounds a damaged build.
const MAX_INFLATED: usize = 16 << 20;

/// The RON text of one bundled file, such as `ST0215_1.2.ron`.
pub fn text(name: &str) -> Option<String> {
    let i = FILES.binary_search_by(|(n, _, _)| (*n).cmp(name)).ok()?;
    let (_, offset, len) = FILES.get(i)?;
    let packed = BLOB.get(*offset..offset.checked_add(*len)?)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(packed, MAX_INFLATED).ok()?;
    String::from_utf8(bytes).ok()
}

/// One bundled standard, parsed.
pub fn load(name: &str) -> Option<Standard> {
    let text = text(name)?;
    crate::store::parse_ron(Path::new(name), &text).ok()
}

/// Every bundled file's name, sorted.
#[cfg(test)]
pub fn names() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(n, _, _)| *n)
}
