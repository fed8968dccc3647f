use std::path::PathBuf;
use std::process::ExitCode;

use crate::error::{InputError, Result};
use crate::import::descriptors;
use crate::model::ops;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The project file (.ron) whose modules gain the outcomes and assessments.
    project: PathBuf,
    /// Module descriptors: CSV or a workbook (one row per learning outcome or assessment), or
    /// Word module specifications (.docx).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Write the result here instead of over the project (an existing file is replaced).
    #[arg(long)]
    out: Option<PathBuf>,
    /// The name the project's change log records for this rewrite (default: none).
    #[arg(long, default_value = "")]
    author: String,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut project = crate::store::load_project(&args.project)?;
    let loaded = project.clone();
    let mut total = ops::OutcomeCounts::default();
    for file in &args.files {
        for d in descriptors::read(file)? {
            let counts =
                ops::set_outcomes(&mut project, &d.module, d.outcomes, d.assessments, &d.ksbs).map_err(|e| {
                    InputError::new(file, e).hint(
                        "check the module code against the project's modules, and the KSB codes against its standard",
                    )
                })?;
            println!(
                "{}: {} learning outcomes, {} assessments{}",
                d.module,
                counts.outcomes,
                counts.assessments,
                if counts.linked > 0 {
                    format!(", {} KSB links", counts.linked)
                } else {
                    String::new()
                }
            );
            total.modules += 1;
            total.linked += counts.linked;
        }
    }
    let out = args.out.as_ref().unwrap_or(&args.project);
    crate::review::change_log::record(&mut project, &loaded, crate::model::now_stamp(), &args.author);
    crate::store::save_project(out, &project)?;
    println!("wrote {} ({} modules described)", out.display(), total.modules);
    Ok(ExitCode::SUCCESS)
}
