//! The app's panels and dialogs. Each `*_ui` function reads state and pushes commands.

pub mod coverage_panel;
pub mod dialogs;
pub mod grid;
pub mod menu_bar;
pub mod modules_editor;
pub mod standards_panel;
pub mod status_bar;
pub mod theme;
