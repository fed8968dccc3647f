//! `htq-mapper regenerate-catalogue` (hidden): rebuilds `standards/catalogue/` from the
//! IfATE API records in `../shared` with the project's own importer.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::catalogue::generate;
use crate::error::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder of API records (with latest-l4-l5/ and versions/).
    #[arg(long, default_value = "../shared/data/ifate-standards")]
    from: PathBuf,
    /// The project's root: standards/catalogue/ and src/catalogue/files.rs are written there.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let generated = generate::generate(&args.from)?;
    generate::write(&generated, &args.root)?;
    for (path, why) in &generated.skipped {
        eprintln!("passed over {}: {why}", path.display());
    }
    let bytes: usize = generated.files.iter().map(|(_, t)| t.len()).sum();
    println!(
        "{}: {} standard-versions, {} files, {bytes} bytes",
        args.root.join(generate::CATALOGUE_DIR).display(),
        generated.standards,
        generated.files.len()
    );
    Ok(ExitCode::SUCCESS)
}
