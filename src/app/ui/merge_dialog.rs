//! File > Merge a colleague's copy…: before anything changes, what comes in from the copy
//! and the conflicts, then Merge applies it as one undoable edit.

use std::path::PathBuf;

use egui::RichText;

use crate::app::command::{Command, MergeCommand};
use crate::merge::{Report, Side, merge};
use crate::model::Project;
use crate::text::counted;

/// A colleague's copy read, with the base it recorded, and what merging it would do.
pub struct MergeDraft {
    pub path: PathBuf,
    pub theirs: Project,
    pub base: Project,
    /// Whose recorded base the merge reads: the copy's, or (when it has none) this project's.
    pub base_from: Side,
    /// When the base was recorded, `2026-11-25T10:04:05Z`.
    pub sent: String,
    /// What merging into the project as it was shown would do.
    pub report: Report,
    /// Whether the merge changes the project at all.
    pub changes: bool,
}

impl MergeDraft {
    pub fn new(path: PathBuf, theirs: Project, base: Project, base_from: Side, sent: String, mine: &Project) -> Self {
        let merged = merge(&base, mine, &theirs);
        Self {
            path,
            theirs,
            base,
            base_from,
            sent,
            changes: merged.project != *mine,
            report: merged.report,
        }
    }

    pub fn file_name(&self) -> String {
        crate::fsio::file_name(&self.path)
    }
}

pub fn merge_dialog_ui(ctx: &egui::Context, draft: &MergeDraft, commands: &mut Vec<Command>) {
    let r = &draft.report;
    let modal = egui::Modal::new(egui::Id::unique("merge-copy-dialog")).show(ctx, |ui| {
        ui.set_width((ctx.content_rect().width() - 120.0).clamp(420.0, 760.0));
        ui.heading(format!("Merge {}", draft.file_name()));
        let whose = match draft.base_from {
            Side::Theirs => "the copy recorded when it was sent",
            _ => "this project recorded when it was sent",
        };
        ui.label(format!(
            "A three-way merge against the content {whose} ({}): each side's changes since are kept.",
            draft.sent
        ));
        ui.separator();
        let height = (ctx.content_rect().height() - 300.0).max(120.0);
        egui::ScrollArea::vertical()
            .max_height(height)
            .auto_shrink([false, true])
            .show(ui, |ui| summary_ui(ui, r));
        if !draft.changes {
            ui.strong("Nothing in the copy is new to this project.");
        }
        ui.separator();
        ui.horizontal(|ui| {
            let merge = ui
                .add_enabled(draft.changes, egui::Button::new("Merge"))
                .on_hover_text("One edit: Undo takes it all back");
            if merge.clicked() {
                commands.push(Command::Merge(MergeCommand::Apply));
            }
            if ui.button("Cancel").clicked() {
                ui.close();
            }
        });
    });
    super::access::dialog(
        ctx,
        modal.response.layer_id.id,
        &format!("Merge {}", draft.file_name()),
        true,
    );
    if modal.should_close() {
        commands.push(Command::Merge(MergeCommand::Cancel));
    }
}

/// What comes in, what of yours stays, and the conflicts.
fn summary_ui(ui: &mut egui::Ui, r: &Report) {
    for w in &r.withheld {
        let w = w.replace("`htq-mapper compare MINE THEIRS` lists", "File > Compare with… lists");
        ui.colored_label(ui.visuals().error_fg_color, format!("Not merged: {w}"));
    }
    for c in &r.carried {
        ui.label(format!(
            "Carried to the newer version first, as migrate does, so each change lands on the KSB it was made to: {c}"
        ));
    }
    ui.strong(format!(
        "From the copy: {}",
        counted(r.theirs.len(), "change comes in", "changes come in")
    ));
    for c in &r.theirs {
        ui.label(RichText::new(format!("  {}", c.line())).monospace());
    }
    let mut kept = vec![format!(
        "{} of yours since the copy was sent {} kept",
        counted(r.mine.len(), "change", "changes"),
        if r.mine.len() == 1 { "is" } else { "are" }
    )];
    if !r.both.is_empty() {
        kept.push(format!(
            "{} made alike in both",
            counted(r.both.len(), "change", "changes")
        ));
    }
    ui.label(kept.join("; "));
    if !r.comments.is_empty() {
        ui.label(format!("Comments: {}", r.comments.summary()));
    }
    if r.sign_offs_added + r.change_log_added > 0 {
        ui.label(format!(
            "{} and {} come in",
            counted(r.sign_offs_added, "sign-off", "sign-offs"),
            counted(r.change_log_added, "change-log entry", "change-log entries")
        ));
    }
    ui.add_space(6.0);
    if r.conflicts.is_empty() {
        ui.label("No conflicts.");
        return;
    }
    let error = super::theme::severity(ui.visuals(), crate::analysis::Severity::Error);
    ui.label(
        RichText::new(format!(
            "{}: changed two ways, or changed on one side and deleted on the other",
            counted(r.conflicts.len(), "conflict", "conflicts")
        ))
        .strong()
        .color(error),
    );
    ui.label("Both sides are kept until you resolve each: the grid marks their cells with !, and the inspector (or File > Merge conflicts…) offers Take mine, Take theirs or Keep as edited.");
    for c in &r.conflicts {
        ui.label(RichText::new(format!("  {}: {}", c.label(), c.fields().join(", "))).monospace());
    }
}
