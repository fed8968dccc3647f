use std::path::PathBuf;
use std::process::ExitCode;

use crate::analysis;
use crate::error::Result;
use crate::report::{self, ReportFormat};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The project file (.ron).
    project: PathBuf,
    /// The report to write; its extension picks the format: .xlsx (workbook), .html (report to
    /// read and print) or .csv (the KSB-mapping sheet).
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let project = crate::store::load_project(&args.project)?;
    let mut a = analysis::analyse(&project);
    let today = crate::model::IsoDate::today();
    let known = crate::revision::versions::catalogue_versions(&project);
    a.add_findings(crate::revision::versions::version_findings(&project, &known, today));
    let kept = report::write_report(&args.out, &project, &a, today)?;
    if let Some(note) = super::kept_note(&args.out, kept) {
        eprintln!("{note}");
    }
    let what = match ReportFormat::from_path(&args.out) {
        Some(ReportFormat::Xlsx) => {
            "workbook (KSB mapping, qualification structure, matrix, findings, assessment, duty summary, comments)"
        }
        Some(ReportFormat::Html) => "HTML report",
        Some(ReportFormat::Csv) | None => "KSB mapping",
    };
    println!(
        "{}: {what} for {} KSBs and {} modules",
        args.out.display(),
        a.ksbs.len(),
        project.modules.len()
    );
    Ok(ExitCode::SUCCESS)
}
