//! HTQ Mapper: map a Higher Technical Qualification's modules to an occupational
//! standard's duties and KSBs, and see at once what is left uncovered.
//!
//! The core (model, import, analysis, store, report) has no UI; the command line
//! in [`cli`] and the egui app in [`app`] both stand on it.

pub mod analysis;
#[cfg(feature = "app")]
pub mod app;
pub mod catalogue;
pub mod check;
pub mod cli;
pub mod desktop;
pub mod error;
pub mod fsio;
pub mod import;
pub mod mark;
pub mod merge;
pub mod model;
pub mod portfolio;
pub mod report;
pub mod review;
pub mod revision;
pub mod sample;
pub mod store;
pub mod suggest;
pub mod text;

pub use error::{Error, InputError, Result};
