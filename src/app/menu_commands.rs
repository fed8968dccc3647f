//! The menus' and shortcuts' actions (`UiCommand`), applied after the frame.

use crate::model::{IsoDate, MappingFlag};

use super::HtqApp;
use super::command::Command;
use super::document::{Applied, SaveMode};
use super::file_picker::FilePurpose;
use super::focus::FocusRequest;
use super::layout::GridView;
use super::modal::Pending;
use super::ui_command::UiCommand;

impl HtqApp {
    pub(super) fn run_ui_command(&mut self, cmd: UiCommand, ctx: &egui::Context) {
        // Text typed in the inspector counts as done before anything else runs (a save above all).
        self.flush_draft();
        match cmd {
            UiCommand::New => self.request(Pending::New, ctx),
            UiCommand::Open => self.request(Pending::Open(None), ctx),
            UiCommand::Save => self.save(SaveMode::Current, FilePurpose::SaveProject, ctx),
            UiCommand::SaveAs => self.save(SaveMode::AskForPath, FilePurpose::SaveProjectAs, ctx),
            UiCommand::ImportStandard => self.ask_file(FilePurpose::ImportStandard, ctx),
            UiCommand::UpdateStandard => self.ask_file(FilePurpose::UpdateStandard, ctx),
            UiCommand::Export => self.ask_file(FilePurpose::ExportReport, ctx),
            UiCommand::ImportModules => self.ask_file(FilePurpose::ImportModules, ctx),
            UiCommand::ImportMatrix => self.ask_file(FilePurpose::ImportMatrix, ctx),
            UiCommand::ImportDescriptors => self.ask_file(FilePurpose::ImportDescriptors, ctx),
            UiCommand::Undo => {
                self.state.field_before_undo = ctx
                    .memory(|m| m.focused())
                    .filter(|_| ctx.text_edit_focused())
                    .map(|id| (id, 3));
                self.last_action = match self.doc.undo() {
                    Some(applied) => applied.message(),
                    None if self.doc.undo_stops_at_merge() => {
                        "Undo stops at the merge of the file's changes: they are saved there now, and undoing them would take a colleague's work out of the file".into()
                    }
                    None => "Nothing to undo".into(),
                };
                // The inspector and the modules editor reload what undo left, even while a
                // field of theirs has the keyboard.
                self.state.inspector.draft = Default::default();
                self.reload_modules_editor();
            }
            UiCommand::Redo => {
                self.state.field_before_undo = ctx
                    .memory(|m| m.focused())
                    .filter(|_| ctx.text_edit_focused())
                    .map(|id| (id, 3));
                self.last_action = self.doc.redo().map_or("Nothing to redo".into(), Applied::message);
                self.state.inspector.draft = Default::default();
                self.reload_modules_editor();
            }
            UiCommand::Find => self.state.standards.focus_search = true,
            UiCommand::EditModules | UiCommand::AddModule => {
                if self.state.modules_editor.is_none() {
                    let editor =
                        super::ui::modules_editor::ModulesEditor::new(self.doc.project(), self.doc.generation());
                    self.state.modules_editor = Some(editor);
                    // The editor is where typing goes now, not the grid behind it.
                    super::focus::release_grid_keys(ctx);
                }
                if cmd == UiCommand::AddModule
                    && let Some(editor) = self.state.modules_editor.as_mut()
                {
                    super::ui::modules_editor::add_module(editor);
                }
                // On top of whatever was last (the palette it may come from): Esc is the
                // editor's only while it is the top window.
                ctx.move_to_top(egui::LayerId::new(
                    egui::Order::Middle,
                    super::ui::modules_editor::window_id(),
                ));
            }
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Inspect => {
                self.state.layout.show_inspector = true;
                self.state.focus = FocusRequest::Inspector;
                if self.state.selection.focused.is_none() && self.grid.rows() > 0 && !self.grid.columns.is_empty() {
                    self.state.selection.select((0, 0), false);
                }
            }
            UiCommand::CommandPalette => self.state.palette = Some(Default::default()),
            UiCommand::AddFromCatalogue => {
                self.state.catalogue = Some(super::ui::catalogue_dialog::CatalogueDialog::open());
            }
            UiCommand::ToggleStandardsPanel => {
                self.state.layout.show_standards ^= true;
            }
            UiCommand::ToggleCoveragePanel => {
                self.state.layout.show_coverage ^= true;
            }
            UiCommand::ToggleInspector => {
                self.state.layout.show_inspector ^= true;
            }
            UiCommand::GapsOnly => {
                self.state.layout.gaps_only ^= true;
                self.refresh_grid();
                self.last_action = if self.state.layout.gaps_only {
                    "Showing gaps only: KSBs, duties and findings that need work".into()
                } else {
                    "Showing everything".into()
                };
            }
            UiCommand::CompactColumns => {
                self.state.layout.compact ^= true;
                // Each mode keeps its own scroll: the focused cell stays in sight.
                self.state.grid.scroll_to = self
                    .state
                    .selection
                    .focused
                    .map(|(r, c)| super::selection::ScrollTarget {
                        row: Some(r),
                        col: Some(c),
                    });
                self.last_action = if self.state.layout.compact {
                    "Compact columns: narrow KSB columns, module titles in full on hover".into()
                } else {
                    "Normal columns".into()
                };
            }
            UiCommand::CycleGridView => self.set_grid_view(self.state.layout.grid_view.next()),
            UiCommand::ToggleSuggestions => {
                self.state.layout.show_suggestions ^= true;
                self.refresh_suggestions();
                self.last_action = if self.state.layout.show_suggestions {
                    format!(
                        "Showing {} (hollow cells marked s)",
                        crate::text::counted(self.suggestions.len(), "suggestion", "suggestions")
                    )
                } else {
                    "Suggestions hidden".into()
                };
            }
            UiCommand::ToggleAllOutcomes => {
                let open = !self.state.grid.all_expanded(self.doc.project());
                let with: Vec<String> = (self.doc.project().modules.iter())
                    .filter(|m| !m.outcomes.is_empty())
                    .map(|m| m.code.clone())
                    .collect();
                for code in &with {
                    self.state.grid.set_expanded(code, open);
                }
                self.last_action = if open {
                    format!(
                        "Showing the learning outcomes of {}",
                        crate::text::counted(with.len(), "module", "modules")
                    )
                } else {
                    "Learning outcomes hidden".into()
                };
            }
            UiCommand::About => self.state.about_open = true,
            UiCommand::SignOff => {
                let dialog = super::ui::sign_off::SignOffDialog::new(&self.state.layout.author, IsoDate::today());
                self.state.sign_off = Some(dialog);
            }
            UiCommand::SignOffs => self.state.sign_offs_open ^= true,
            UiCommand::ToggleComments
            | UiCommand::CommentOnFocused
            | UiCommand::CommentOnFocusedModule
            | UiCommand::CommentOnFocusedKsb
            | UiCommand::CommentOnProgramme
            | UiCommand::NextComment
            | UiCommand::PreviousComment
            | UiCommand::YourName
            | UiCommand::MergeComments => self.run_review_ui_command(cmd, ctx),
            UiCommand::CompareWith => self.ask_file(FilePurpose::CompareProject, ctx),
            UiCommand::ShowComparison => self.apply(Command::ShowComparison(true), ctx),
            UiCommand::HighlightChanges => self.toggle_change_highlight(),
            UiCommand::ClearComparison => self.clear_comparison(),
            UiCommand::ChangeLog => self.state.change_log_open = true,
            UiCommand::OpenPortfolio => self.ask_file(FilePurpose::OpenPortfolio, ctx),
            UiCommand::UpdateCatalogue => self.ask_file(FilePurpose::UpdateCatalogue, ctx),
            UiCommand::SendCopy => self.ask_file(FilePurpose::SendCopy, ctx),
            UiCommand::MergeCopy => self.ask_file(FilePurpose::MergeCopy, ctx),
            UiCommand::MergeConflicts => self.show_conflicts(true),
            UiCommand::MarkTaught | UiCommand::MarkAssessed => {
                let flag = if cmd == UiCommand::MarkTaught {
                    MappingFlag::Taught
                } else {
                    MappingFlag::Assessed
                };
                self.apply(
                    Command::SetFlag {
                        module: None,
                        flag,
                        on: None,
                    },
                    ctx,
                );
            }
            UiCommand::AssessModule => {
                let row = self.state.selection.focused.map(|(r, _)| r);
                match row.and_then(|r| self.doc.project().modules.get(r)) {
                    Some(m) => {
                        let module = Some(m.code.clone());
                        self.apply(
                            Command::SetFlag {
                                module,
                                flag: MappingFlag::Assessed,
                                on: Some(true),
                            },
                            ctx,
                        );
                    }
                    None => self.last_action = "Focus a cell in the module's row first".into(),
                }
            }
            UiCommand::NextPane => self.move_pane(ctx, 1),
            UiCommand::PreviousPane => self.move_pane(ctx, -1),
        }
    }

    pub(super) fn set_grid_view(&mut self, view: GridView) {
        self.state.layout.grid_view = view;
        self.last_action = format!("The grid shows: {}", view.label().to_lowercase());
    }
}
