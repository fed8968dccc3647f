use std::path::PathBuf;
use std::process::ExitCode;

use crate::analysis;
use crate::error::{InputError, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The project file (.ron).
    project: PathBuf,
    /// The report to write; its extension picks the format.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let project = crate::store::load_project(&args.project)?;
    let a = analysis::analyse(&project);
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = match ext.as_str() {
        "csv" => crate::report::csv::ksb_sheet_csv(&project, &a)
            .map_err(|e| crate::Error::io(&args.out, std::io::Error::other(e)))?,
        _ => {
            return Err(InputError::new(&args.out, format!("cannot write a report as `.{ext}`"))
                .hint("this version writes the KSB-mapping sheet as .csv")
                .into());
        }
    };
    crate::store::write_atomic(&args.out, &bytes, false)?;
    println!("{}: KSB mapping for {} KSBs", args.out.display(), a.ksbs.len());
    Ok(ExitCode::SUCCESS)
}
