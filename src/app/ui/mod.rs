//! The app's widgets: one file per panel or dialog. Each `*_ui` function reads the document
//! and its own state, and pushes commands; `app::panels` lays them out for one frame. No
//! widget imports the app's state, its key handling or its command handler.

pub mod access;
pub mod author_dialog;
pub mod catalogue_dialog;
pub mod change_log_window;
mod code_text;
pub mod comments_pane;
pub mod compare_window;
pub mod conflicts;
pub mod coverage_panel;
pub mod dialogs;
mod drag;
pub mod file_dialog;
pub mod grid;
mod grid_cell_menu;
pub mod inspector;
mod inspector_outcomes;
pub mod inspector_range;
pub mod menu_bar;
pub mod menu_keys;
pub mod merge_dialog;
pub mod modules_editor;
mod occupational_options;
pub mod palette;
pub mod portfolio_window;
pub mod review_marks;
pub mod sign_off;
pub mod standard_chips;
pub mod standards_panel;
mod standards_search;
pub mod status_bar;
pub mod suggestions;
pub mod text_history;
pub mod theme;
pub mod update_dialog;
