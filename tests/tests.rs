//! The integration tests, as one binary (as ripgrep does), so eframe and wgpu link once.
//! Each module is one area; `cargo test NAME` picks tests by module path, such as
//! `cargo test --test tests ui_app::`.

mod common;

mod analysis;
mod catalogue;
mod catalogue_update;
mod cli;
mod compare;
mod core_options;
mod corpus;
mod crash_save;
mod house;
mod import_seeds;
mod merge;
mod no_silent_loss;
mod offline;
mod outcomes;
mod panel_print;
mod panel_reading;
mod panel_reports;
mod panel_workbook;
mod portfolio;
mod project_format;
mod properties;
mod recovery;
mod reports;
mod revision;
mod routes;
mod shared_saves;
mod signoff;
mod smoke_xvfb;
mod standard_versions;
mod suggest;
mod ui_app;
mod ui_bulk_marks;
mod ui_catalogue;
mod ui_comments;
mod ui_compare;
mod ui_file_dialog;
mod ui_focus_lists;
mod ui_grid_fit;
mod ui_grid_outcomes;
mod ui_keyboard;
mod ui_modules_editor;
mod ui_outcomes;
mod ui_panels;
mod ui_portfolio;
mod ui_signoff;
mod ui_snapshots;
mod ui_suggest;
mod ui_update;
mod ui_words;
mod xvfb_modules;
mod xvfb_open;
mod xvfb_reason;
