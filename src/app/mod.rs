//! The egui app.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(project: Option<PathBuf>) -> crate::Result<ExitCode> {
    let _ = project;
    eprintln!("The mapping workspace is not built yet; use the check, report, new and import-standard commands.");
    Ok(ExitCode::SUCCESS)
}
