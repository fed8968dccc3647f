use std::path::PathBuf;
use std::process::ExitCode;

use crate::error::Result;
use crate::import::descriptors;
use crate::model::Project;
use crate::store::Reapply;

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

/// In place, the descriptors are applied under the project's save lock, so a sign-off or merge
/// made meanwhile is kept; with `--out` the project is read and the result written there.
pub fn run(args: Args) -> Result<ExitCode> {
    // Read every descriptor before touching the project, so a bad file changes nothing.
    let mut read = Vec::new();
    for file in &args.files {
        read.extend(descriptors::read(file)?.into_iter().map(|d| (file.clone(), d)));
    }
    let apply = |project: &mut Project| -> Result<(Vec<String>, usize)> {
        let loaded = project.clone();
        let (mut lines, mut modules) = (Vec::new(), 0);
        for (file, d) in &read {
            let counts = descriptors::apply(project, file, d)?;
            lines.push(format!(
                "{}: {} learning outcomes, {} assessments{}",
                d.module,
                counts.outcomes,
                counts.assessments,
                if counts.linked > 0 {
                    format!(", {} KSB links", counts.linked)
                } else {
                    String::new()
                }
            ));
            modules += 1;
        }
        crate::review::change_log::record(project, &loaded, crate::model::now_stamp(), &args.author);
        Ok((lines, modules))
    };
    let out = args.out.as_ref().unwrap_or(&args.project);
    let (lines, modules) = if out == &args.project {
        crate::store::update_project(out, Reapply::MergeSafe, apply)?.value
    } else {
        let mut project = crate::store::load_project(&args.project)?;
        let done = apply(&mut project)?;
        crate::store::save_project(out, &project)?;
        done
    };
    for l in lines {
        println!("{l}");
    }
    println!("wrote {} ({modules} modules described)", out.display());
    Ok(ExitCode::SUCCESS)
}
