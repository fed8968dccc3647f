//! `htq-mapper send-copy PROJECT --out COPY`: a copy for a colleague to edit that records the
//! content it started from, so `htq-mapper merge PROJECT COPY` needs no `--base`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::error::Result;
use crate::store::Replace;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The project file (.ron) to copy.
    project: PathBuf,
    /// Where to write the copy.
    #[arg(long)]
    out: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

/// Exits 0 once the copy is written; 2 when the project cannot be read or the copy written.
pub fn run(args: Args) -> Result<ExitCode> {
    super::refuse_existing(&args.out, args.force)?;
    super::refuse_input_as_out([&args.project], &args.out)?;
    let project = crate::store::load_project(&args.project)?;
    let copy = crate::merge::send_copy(&project, crate::model::now_stamp());
    let replace = if args.force { Replace::WithBackup } else { Replace::No };
    crate::store::save_project_with(&args.out, &copy, replace).map_err(|e| super::exists_hint(e, &args.out))?;
    println!(
        "{}: a copy of {} that records the content it starts from; merge it back with `htq-mapper merge {} {}`",
        args.out.display(),
        args.project.display(),
        super::shell_word(&args.project),
        super::shell_word(&args.out)
    );
    Ok(ExitCode::SUCCESS)
}
