//! The menu bar. Items come from `UiCommand`, so labels and shortcuts match the keys.

use std::path::PathBuf;

use super::menu_keys::{buttons_id, top_menu_ui};
use crate::app::command::Command;
use crate::app::ui_command::UiCommand;
use crate::model::Project;

pub struct MenuInfo<'a> {
    pub project: &'a Project,
    pub recent: &'a [PathBuf],
    pub undo: Option<&'a str>,
    pub redo: Option<&'a str>,
    pub bundled: &'a [crate::sample::BundledStandard],
    pub layout: &'a crate::app::layout::Layout,
    /// Every module with learning outcomes shows them in the grid.
    pub all_expanded: bool,
    /// While a comparison is open: whether the grid marks the changed cells.
    pub highlight_changes: Option<bool>,
}

/// A menu item that shows whether its view option is on.
fn toggle_ui(ui: &mut egui::Ui, cmd: UiCommand, on: bool, commands: &mut Vec<Command>) {
    let text = format!("{} {}", if on { "☑" } else { "☐" }, cmd.label());
    let button = egui::Button::new(text).shortcut_text(cmd.shortcut_text(ui.ctx()));
    if ui.add(button).clicked() {
        commands.push(Command::Ui(cmd));
        ui.close();
    }
}

fn item_ui(ui: &mut egui::Ui, cmd: UiCommand, enabled: bool, commands: &mut Vec<Command>) {
    let button = egui::Button::new(cmd.label()).shortcut_text(cmd.shortcut_text(ui.ctx()));
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(Command::Ui(cmd));
        ui.close();
    }
}

pub fn menu_bar_ui(ui: &mut egui::Ui, info: &MenuInfo<'_>, commands: &mut Vec<Command>) {
    let mut buttons = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        top_menu_ui(ui, "File", &mut buttons, |ui| {
            item_ui(ui, UiCommand::New, true, commands);
            item_ui(ui, UiCommand::Open, true, commands);
            ui.menu_button("Open recent", |ui| {
                if info.recent.is_empty() {
                    ui.weak("No recent files");
                }
                for path in info.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(Command::OpenPath(path.clone()));
                        ui.close();
                    }
                }
            });
            ui.separator();
            item_ui(ui, UiCommand::Save, true, commands);
            item_ui(ui, UiCommand::SaveAs, true, commands);
            ui.separator();
            ui.menu_button("Import", |ui| {
                item_ui(ui, UiCommand::ImportStandard, true, commands);
                item_ui(ui, UiCommand::ImportModules, true, commands);
                item_ui(ui, UiCommand::ImportMatrix, !info.project.modules.is_empty(), commands);
                item_ui(
                    ui,
                    UiCommand::ImportDescriptors,
                    !info.project.modules.is_empty(),
                    commands,
                );
            });
            item_ui(ui, UiCommand::Export, true, commands);
            ui.separator();
            item_ui(ui, UiCommand::CompareWith, true, commands);
            item_ui(ui, UiCommand::OpenPortfolio, true, commands);
            ui.separator();
            item_ui(ui, UiCommand::SendCopy, true, commands);
            item_ui(ui, UiCommand::MergeCopy, true, commands);
            let conflicts = !info.project.merge_conflicts.is_empty();
            item_ui(ui, UiCommand::MergeConflicts, conflicts, commands);
            ui.separator();
            item_ui(ui, UiCommand::Quit, true, commands);
        });
        top_menu_ui(ui, "Edit", &mut buttons, |ui| {
            let undo = egui::Button::new(info.undo.map_or("Undo".to_string(), |l| format!("Undo {l}")))
                .shortcut_text(UiCommand::Undo.shortcut_text(ui.ctx()));
            if ui.add_enabled(info.undo.is_some(), undo).clicked() {
                commands.push(Command::Ui(UiCommand::Undo));
                ui.close();
            }
            let redo = egui::Button::new(info.redo.map_or("Redo".to_string(), |l| format!("Redo {l}")))
                .shortcut_text(UiCommand::Redo.shortcut_text(ui.ctx()));
            if ui.add_enabled(info.redo.is_some(), redo).clicked() {
                commands.push(Command::Ui(UiCommand::Redo));
                ui.close();
            }
            ui.separator();
            item_ui(ui, UiCommand::Find, true, commands);
            ui.separator();
            for cmd in [UiCommand::MarkTaught, UiCommand::MarkAssessed, UiCommand::AssessModule] {
                item_ui(ui, cmd, true, commands);
            }
        });
        top_menu_ui(ui, "Programme", &mut buttons, |ui| {
            item_ui(ui, UiCommand::EditModules, true, commands);
            item_ui(ui, UiCommand::AddModule, true, commands);
        });
        top_menu_ui(ui, "Standards", &mut buttons, |ui| {
            item_ui(ui, UiCommand::AddFromCatalogue, true, commands);
            ui.menu_button("Add bundled standard", |ui| {
                for b in info.bundled {
                    let present = info.project.standard(&b.reference).is_some();
                    let text = format!("{} {} (Level {})", b.reference, b.title, b.level);
                    if ui.add_enabled(!present, egui::Button::new(text)).clicked() {
                        commands.push(Command::AddBundledStandard(b.reference.clone()));
                        ui.close();
                    }
                }
            });
            item_ui(ui, UiCommand::ImportStandard, true, commands);
            ui.separator();
            item_ui(
                ui,
                UiCommand::UpdateStandard,
                !info.project.standards.is_empty(),
                commands,
            );
            ui.menu_button("Update to a version in the catalogue", |ui| {
                catalogue_versions_ui(ui, info.project, commands);
            });
            item_ui(ui, UiCommand::UpdateCatalogue, true, commands);
            ui.separator();
            ui.menu_button("Remove standard", |ui| {
                if info.project.standards.is_empty() {
                    ui.weak("No standards");
                }
                for s in &info.project.standards {
                    let mapped = info.project.mapping_count_of_standard(&s.reference);
                    if ui
                        .button(format!(
                            "{} {} ({})",
                            s.reference,
                            s.title,
                            crate::text::counted(mapped, "mapping", "mappings")
                        ))
                        .on_hover_text("Also removes its mappings; Undo brings them back")
                        .clicked()
                    {
                        commands.push(Command::RemoveStandard(s.reference.clone()));
                        ui.close();
                    }
                }
            });
        });
        top_menu_ui(ui, "Review", &mut buttons, |ui| {
            review_menu_ui(ui, info, commands);
            ui.separator();
            item_ui(ui, UiCommand::SignOff, true, commands);
            item_ui(ui, UiCommand::SignOffs, true, commands);
            item_ui(ui, UiCommand::ChangeLog, true, commands);
        });
        top_menu_ui(ui, "View", &mut buttons, |ui| {
            let l = info.layout;
            toggle_ui(ui, UiCommand::ToggleStandardsPanel, l.show_standards, commands);
            toggle_ui(ui, UiCommand::ToggleInspector, l.show_inspector, commands);
            toggle_ui(ui, UiCommand::ToggleCoveragePanel, l.show_coverage, commands);
            toggle_ui(ui, UiCommand::ToggleComments, l.show_comments, commands);
            toggle_ui(ui, UiCommand::GapsOnly, l.gaps_only, commands);
            toggle_ui(ui, UiCommand::CompactColumns, l.compact, commands);
            toggle_ui(ui, UiCommand::ToggleSuggestions, l.show_suggestions, commands);
            toggle_ui(ui, UiCommand::ToggleAllOutcomes, info.all_expanded, commands);
            ui.add_enabled_ui(info.highlight_changes.is_some(), |ui| {
                toggle_ui(
                    ui,
                    UiCommand::HighlightChanges,
                    info.highlight_changes == Some(true),
                    commands,
                );
                item_ui(ui, UiCommand::ShowComparison, true, commands);
                item_ui(ui, UiCommand::ClearComparison, true, commands);
            });
            ui.separator();
            for view in crate::app::layout::GridView::ALL {
                let on = l.grid_view == view;
                let text = format!("{} Grid: {}", if on { "◉" } else { "○" }, view.label().to_lowercase());
                if ui.add(egui::Button::new(text)).clicked() {
                    commands.push(Command::SetGridView(view));
                    ui.close();
                }
            }
            ui.separator();
            item_ui(ui, UiCommand::Inspect, true, commands);
            item_ui(ui, UiCommand::CommandPalette, true, commands);
            ui.separator();
            zoom_ui(ui);
            ui.separator();
            super::theme::theme_menu_ui(ui, commands);
        });
        top_menu_ui(ui, "Help", &mut buttons, |ui| {
            item_ui(ui, UiCommand::CommandPalette, true, commands);
            item_ui(ui, UiCommand::About, true, commands);
        });
    });
    ui.data_mut(|d| d.insert_temp(buttons_id(), buttons));
}

/// Review: comments (the pane, starting one, the next open one, merging a reviewer's) and
/// the name they are signed with.
fn review_menu_ui(ui: &mut egui::Ui, info: &MenuInfo<'_>, commands: &mut Vec<Command>) {
    toggle_ui(ui, UiCommand::ToggleComments, info.layout.show_comments, commands);
    item_ui(ui, UiCommand::CommentOnFocused, true, commands);
    item_ui(ui, UiCommand::CommentOnFocusedModule, true, commands);
    item_ui(ui, UiCommand::CommentOnFocusedKsb, true, commands);
    item_ui(ui, UiCommand::CommentOnProgramme, true, commands);
    let open = info.project.comments.iter().any(|t| t.is_open());
    item_ui(ui, UiCommand::NextComment, open, commands);
    item_ui(ui, UiCommand::PreviousComment, open, commands);
    ui.separator();
    item_ui(ui, UiCommand::MergeComments, true, commands);
    ui.separator();
    item_ui(ui, UiCommand::YourName, true, commands);
}

/// Every other bundled version of each of the project's standards, newest first.
fn catalogue_versions_ui(ui: &mut egui::Ui, project: &crate::model::Project, commands: &mut Vec<Command>) {
    let items = catalogue_versions(project);
    if items.is_empty() {
        ui.weak("No other version of this project's standards is bundled");
    }
    for (text, spec) in items {
        if ui.button(text).clicked() {
            commands.push(Command::UpdateStandardTo(spec));
            ui.close();
        }
    }
}

/// Every other bundled version of the project's standards, newest first, as the menu and
/// the palette name it ("ST0215 version 1.0 (Retired, older than this project's)"), with
/// the catalogue reference to update to.
pub fn catalogue_versions(project: &crate::model::Project) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in &project.standards {
        let mut versions: Vec<_> = crate::catalogue::version_entries(&s.reference)
            .filter(|e| s.version.as_deref() != Some(e.version.as_str()))
            .collect();
        versions.reverse();
        for e in versions {
            // Going back is allowed (to match a panel's version), but never unannounced.
            let older = s
                .version
                .as_deref()
                .is_some_and(|v| crate::import::identify::version_order(&e.version, v).is_lt());
            let text = format!(
                "{} version {} ({}{})",
                e.reference,
                e.version,
                e.status,
                if older { ", older than this project's" } else { "" }
            );
            out.push((text, e.spec()));
        }
    }
    out
}

/// Zoom in, out and back, as Ctrl + , Ctrl − and Ctrl 0 do: the menu stays open, to zoom again.
fn zoom_ui(ui: &mut egui::Ui) {
    use egui::gui_zoom::kb_shortcuts::{ZOOM_IN, ZOOM_OUT, ZOOM_RESET};
    let ctx = ui.ctx().clone();
    let item = |ui: &mut egui::Ui, text: &str, shortcut: &egui::KeyboardShortcut, enabled: bool| {
        let button = egui::Button::new(text).shortcut_text(ctx.format_shortcut(shortcut));
        ui.add_enabled(enabled, button).clicked()
    };
    let zoom = ctx.zoom_factor();
    if item(ui, "Zoom in", &ZOOM_IN, zoom < 5.0) {
        egui::gui_zoom::zoom_in(&ctx);
    }
    if item(ui, "Zoom out", &ZOOM_OUT, zoom > 0.2) {
        egui::gui_zoom::zoom_out(&ctx);
    }
    if item(
        ui,
        &format!("Actual size (now {:.0}%)", zoom * 100.0),
        &ZOOM_RESET,
        zoom != 1.0,
    ) {
        ctx.set_zoom_factor(1.0);
    }
}
