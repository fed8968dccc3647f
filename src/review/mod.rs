//! Review of a mapping as it passes between hands: comparing two copies of a project, comment
//! threads and duty review statuses, and sign-off by content hash.

pub mod change_log;
pub mod comments;
pub mod compare;
pub mod compare_text;
pub mod open_items;
pub mod signoff;

pub use comments::{CommentMerge, merge_comments};
pub use compare::{
    Comparison, FieldChange, FieldValue, MappingChange, MappingChanges, ModuleChange, ModuleChanges, ModuleId,
    StandardChange, StandardChanges, StandardId, compare,
};
pub use signoff::{SignOffState, content_hash};
