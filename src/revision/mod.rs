//! Standards over time: what changed between two versions of a standard, and carrying a
//! project's mapping from one to the other.

pub mod diff;
pub mod migrate;
pub mod versions;
pub mod words;

pub use diff::{Change, Entry, Side, StandardDiff, diff};
pub use migrate::{migrate_standard, on_versions_of, reworded_mappings};
