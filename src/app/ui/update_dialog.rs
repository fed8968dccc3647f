//! The update dialog: what changed between the project's version of a standard and another,
//! side by side, with a choice for each mapping that would be carried to a reworded KSB.

use std::collections::BTreeSet;

use egui::RichText;

use crate::app::command::Command;
use crate::model::{CarriedMapping, KsbCode, Project, Standard, StandardStatus};
use crate::revision::words::{Piece, word_diff};
use crate::revision::{Change, StandardDiff, diff, reworded_mappings};

/// The version to update to, its diff with the project's copy, and which carried mappings of
/// reworded KSBs to keep.
#[derive(Clone, Debug)]
pub struct UpdateDraft {
    pub new: Standard,
    pub diff: StandardDiff,
    /// Each mapping a reworded KSB carries, and whether to keep it (marked for review).
    pub reworded: Vec<(CarriedMapping, bool)>,
    /// Which opening of the dialog this is: its list's scroll is its own, so it opens at the
    /// top, never where an earlier opening was left.
    opening: u64,
    /// Whether the keyboard has been put in the dialog yet.
    focused: bool,
}

impl UpdateDraft {
    /// None when the project does not align to `new`'s standard.
    pub fn new(project: &Project, new: Standard) -> Option<Self> {
        let old = project.standard(&new.reference)?;
        let diff = diff(old, &new);
        let reworded = reworded_mappings(project, &diff)
            .into_iter()
            .map(|c| (c, true))
            .collect();
        static OPENINGS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let opening = OPENINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(UpdateDraft {
            new,
            diff,
            reworded,
            opening,
            focused: false,
        })
    }

    /// The (module, older code) of each mapping the user chose to drop.
    pub fn dropped(&self) -> BTreeSet<(String, KsbCode)> {
        self.reworded
            .iter()
            .filter(|(_, keep)| !keep)
            .map(|(c, _)| (c.module.clone(), c.from))
            .collect()
    }
}

pub fn update_dialog_ui(ctx: &egui::Context, project: &Project, draft: &mut UpdateDraft, commands: &mut Vec<Command>) {
    let Some(old) = project.standard(&draft.new.reference) else {
        commands.push(Command::CloseUpdate);
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("update-standard-dialog")).show(ctx, |ui| {
        let width = (ctx.content_rect().width() - 80.0).clamp(480.0, 1100.0);
        ui.set_width(width);
        ui.heading(format!(
            "Update {} from {} to {}",
            old.reference,
            version(old),
            version(&draft.new)
        ));
        let n = draft.diff.ksb_counts();
        ui.label(format!(
            "KSBs: {} unchanged, {} renumbered, {} reworded, {} added, {} removed",
            n[0], n[1], n[2], n[3], n[4]
        ));
        let mapped = |code: KsbCode| {
            project
                .mappings_of(&crate::model::KsbRef::new(old.reference.clone(), code))
                .len()
        };
        let lost: usize = draft
            .diff
            .ksbs
            .iter()
            .filter(|e| e.change == Change::Removed)
            .filter_map(|e| e.from)
            .map(mapped)
            .sum();
        ui.label(format!(
            "{} mappings of reworded KSBs are carried and marked for review unless you untick them; {lost} mappings of removed KSBs are dropped; added KSBs are uncovered until you map them.",
            draft.reworded.len()
        ));
        if draft.diff.same_content() {
            ui.strong("The two versions hold the same duties and KSBs: every mapping is carried as it is.");
        }
        for warning in warnings(old, &draft.new) {
            ui.colored_label(ui.visuals().warn_fg_color, warning);
        }
        ui.separator();
        let height = (ctx.content_rect().height() - 260.0).max(160.0);
        // A fixed height, so the dialog keeps its place while it is used; its own id per
        // opening, so it opens at the top, never where an earlier opening's list was left.
        egui::ScrollArea::vertical()
            .id_salt(("update-changes", draft.opening))
            .auto_shrink([false, false])
            .min_scrolled_height(height)
            .max_height(height)
            .show(ui, |ui| changes_ui(ui, project, old, draft));
        ui.separator();
        ui.horizontal(|ui| {
            let dropped = draft.dropped().len();
            let text = if dropped == 0 {
                "Update".to_string()
            } else {
                let s = if dropped == 1 { "" } else { "s" };
                format!("Update, dropping {dropped} reworded mapping{s}")
            };
            if ui.button(text).on_hover_text("One edit: Undo puts everything back").clicked() {
                commands.push(Command::MigrateStandard {
                    standard: Box::new(draft.new.clone()),
                    drop: draft.dropped(),
                });
            }
            let cancel = ui.button("Cancel");
            // The keyboard starts on the first choice, or on Cancel where there is none:
            // never on Update, where Enter would apply the update unread.
            if !std::mem::replace(&mut draft.focused, true) && draft.reworded.is_empty() {
                cancel.request_focus();
            }
            if cancel.clicked() {
                ui.close();
            }
        });
    });
    super::access::dialog(
        ctx,
        modal.response.layer_id.id,
        "Update a standard to another version",
        true,
    );
    if modal.should_close() {
        commands.push(Command::CloseUpdate);
    }
}

/// The changed KSBs side by side: the older text on the left, the newer on the right.
fn changes_ui(ui: &mut egui::Ui, project: &Project, old: &Standard, draft: &mut UpdateDraft) {
    let text_of = |s: &Standard, c: Option<KsbCode>| {
        c.and_then(|c| s.ksb(c))
            .map(|k| k.text.trim().to_string())
            .unwrap_or_default()
    };
    let code = |c: Option<KsbCode>| c.map(|c| c.to_string()).unwrap_or_default();
    ui.columns(2, |cols| {
        cols[0].strong(version(old));
        cols[1].strong(version(&draft.new));
    });
    let focus_placed = &mut draft.focused;
    for change in [Change::Reworded, Change::Renumbered, Change::Removed, Change::Added] {
        for e in draft.diff.ksbs.iter().filter(|e| e.change == change) {
            ui.separator();
            let (a, b) = (text_of(old, e.from), text_of(&draft.new, e.to));
            // Columns lay out justified; text reads better ragged.
            let ragged = egui::Layout::top_down(egui::Align::Min);
            ui.columns(2, |cols| {
                if let [left, right] = cols {
                    left.with_layout(ragged, |ui| {
                        if e.from.is_some() {
                            ui.label(RichText::new(format!("{}  {}", code(e.from), change.label())).strong());
                            words_ui(ui, &a, &b, true);
                        }
                        if let (Change::Removed, Some(from)) = (change, e.from) {
                            dropped_ui(ui, project, old, from);
                        }
                    });
                    right.with_layout(ragged, |ui| {
                        if e.to.is_some() {
                            ui.label(RichText::new(format!("{}  {}", code(e.to), change.label())).strong());
                            words_ui(ui, &a, &b, false);
                        }
                        if change == Change::Reworded {
                            for (c, keep) in draft.reworded.iter_mut().filter(|(c, _)| Some(c.from) == e.from) {
                                let choice =
                                    ui.checkbox(keep, format!("Keep {}'s mapping (marked for review)", c.module));
                                if !*focus_placed {
                                    choice.request_focus();
                                    *focus_placed = true;
                                }
                            }
                        }
                    });
                }
            });
        }
    }
}

/// What an update to `new` should give pause: a version older than the project's, or one
/// not approved for delivery.
fn warnings(old: &Standard, new: &Standard) -> Vec<String> {
    let mut out = Vec::new();
    if let (Some(a), Some(b)) = (&old.version, &new.version)
        && crate::import::identify::version_order(b, a).is_lt()
    {
        out.push(format!(
            "Version {b} is older than the project's version {a}: this goes back to an earlier standard."
        ));
    }
    if let Some(status) = new.status.filter(|s| *s != StandardStatus::Approved) {
        out.push(format!(
            "Version {} is {}: not approved for delivery.",
            new.version.as_deref().unwrap_or("?"),
            status.label()
        ));
    }
    out
}

/// The modules that map a KSB the update removes: their mappings are dropped.
fn dropped_ui(ui: &mut egui::Ui, project: &Project, old: &Standard, code: KsbCode) {
    let mappings = project.mappings_of(&crate::model::KsbRef::new(old.reference.clone(), code));
    if mappings.is_empty() {
        ui.weak("Mapped by no module");
        return;
    }
    let by: Vec<String> = mappings
        .iter()
        .map(|m| format!("{} ({})", m.module, m.coverage.label()))
        .collect();
    ui.colored_label(
        ui.visuals().warn_fg_color,
        format!("Dropped: mapped by {}", by.join(", ")),
    );
}

/// One side of a word-level difference: the older side strikes out removed words, the newer
/// underlines added ones.
fn words_ui(ui: &mut egui::Ui, old: &str, new: &str, older: bool) {
    let mut job = egui::text::LayoutJob::default();
    let plain = egui::TextFormat {
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let changed = egui::TextFormat {
        color: ui.visuals().strong_text_color(),
        background: ui.visuals().selection.bg_fill.gamma_multiply(0.5),
        strikethrough: if older {
            egui::Stroke::new(1.0, ui.visuals().text_color())
        } else {
            egui::Stroke::NONE
        },
        underline: if older {
            egui::Stroke::NONE
        } else {
            egui::Stroke::new(1.0, ui.visuals().text_color())
        },
        ..Default::default()
    };
    for piece in word_diff(old, new) {
        let (text, format) = match (&piece, older) {
            (Piece::Same(s), _) => (s, &plain),
            (Piece::Removed(s), true) | (Piece::Added(s), false) => (s, &changed),
            _ => continue,
        };
        if !job.text.is_empty() {
            job.append(" ", 0.0, plain.clone());
        }
        job.append(text, 0.0, format.clone());
    }
    ui.label(job);
}

fn version(s: &Standard) -> String {
    s.version
        .as_deref()
        .map_or_else(|| "version not given".to_string(), |v| format!("version {v}"))
}
