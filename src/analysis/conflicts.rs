//! Merge conflicts as findings: each one an error until someone resolves it, so `check` fails
//! while a merged file still holds two answers to one question.

use crate::model::{MergeConflict, Project};

use super::finding::{FindingKind, Findings, Severity, Target};

pub(super) fn conflict_findings(project: &Project, f: &mut Findings) {
    for c in &project.merge_conflicts {
        let target = match c {
            MergeConflict::Mapping { module, ksb, .. } => Target::Cell {
                module: module.clone(),
                ksb: ksb.clone(),
            },
            MergeConflict::Module { code, .. } => Target::Module(code.clone()),
            MergeConflict::Standard { reference, .. } => Target::Standard(reference.clone()),
            MergeConflict::Programme { .. } | MergeConflict::OptionGroup { .. } => Target::Programme,
        };
        let message = if c.is_edit_and_delete() {
            format!(
                "Merge conflict on {}: one copy changed it and the other deleted it",
                c.label()
            )
        } else {
            format!(
                "Merge conflict on {}: the two copies changed {} differently",
                c.label(),
                c.fields().join(", ")
            )
        };
        f.push(
            Severity::Error,
            FindingKind::MergeConflict,
            c.id(),
            target,
            message,
            "Two copies of this programme were merged and disagree here. The project holds both answers: take mine, take theirs or edit it in the app (the inspector shows both sides), and the finding goes.",
        );
    }
}
