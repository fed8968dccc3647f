//! Pure data: standards, programmes, modules and mappings. No UI, no I/O.

mod conflict;
mod content_hash;
mod date;
mod draft;
mod draft_edit;
mod edit;
pub mod fields;
mod flags;
mod ksb;
mod mapping;
mod migration;
pub mod ops;
mod outcomes;
mod programme;
mod project;
mod resolve;
mod review;
mod standard;
mod status;

pub use conflict::{CopyBase, MergeConflict};
pub use content_hash::{canonical as content_canonical, hex};
pub use date::IsoDate;
pub use draft::{DraftField, DraftProblem, ModuleRow, ProgrammeDraft};
pub use draft_edit::DraftEdit;
pub use edit::{CellEdit, Edit, ProgrammeParts};
pub use flags::{FlagEdits, MappingFlag, module_cells, set_flag, toggle_turns_on};
pub use ksb::{BadKsbCode, Ksb, KsbCode, KsbKind};
pub use mapping::{Coverage, DutyRef, KsbRef, Mapping, Mappings, first_repeat, repeat_message};
pub use migration::{CarriedMapping, DropReason, DroppedMapping, MigrationRecord};
pub use outcomes::{Assessment, AssessmentKind, LearningOutcome, mapping_assessed};
pub use programme::{
    Award, AwardRule, MAX_MODULE_CREDITS, MAX_TEXT_BYTES, MODULE_LEVELS, Module, ModuleStatus, OptionGroup, Programme,
    module_code, module_code_key, module_numbers_problem, oversized_text, programme_name,
};
pub use project::{Dismissal, FORMAT_VERSION, Project};
pub use resolve::{Choice, ResolveError, resolve_conflict};
pub use review::{
    ChangeLogEntry, Comment, CommentTarget, DutyReview, Resolution, ReviewStatus, SignOff, Thread, now_stamp,
    stamp_for_people, stamp_from_unix,
};
pub use standard::{Duty, ListedHtq, Standard, StandardOption, StandardStatus, is_reference};
