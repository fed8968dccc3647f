//! Review of a mapping as it passes between hands. For now: comparing two copies of a project.

pub mod compare;

pub use compare::{
    Comparison, FieldChange, FieldValue, MappingChange, MappingChanges, ModuleChange, ModuleChanges, ModuleId,
    StandardChange, StandardChanges, StandardId, compare,
};
