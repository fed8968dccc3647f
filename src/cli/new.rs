use std::path::PathBuf;
use std::process::ExitCode;

use crate::error::{InputError, Result};
use crate::import;
use crate::model::{Award, Edit, Programme, Project, ops};
use crate::store::Replace;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A standard as IfATE page text, API JSON or RON, or from the catalogue by reference
    /// (ST0215, or ST0215@1.2 for a version); repeat for several standards.
    #[arg(long = "standard", required = true)]
    standards: Vec<PathBuf>,
    /// The module list as CSV or a workbook (.xlsx, .xls, .ods): code,title,level,credits,status[,group][,choose].
    #[arg(long)]
    modules: PathBuf,
    /// An existing mapping matrix as CSV or a workbook: KSB codes down, module codes across.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Where to write the project.
    #[arg(long)]
    out: PathBuf,
    /// The programme's title.
    #[arg(long, default_value = "Untitled programme")]
    title: String,
    /// The award: FdSc, FdA, FdEng, HNC, HND, CertHE or DipHE.
    #[arg(long, default_value = "FdSc")]
    award: String,
    #[arg(long, default_value = "")]
    awarding_body: String,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    super::refuse_existing(&args.out, args.force)?;
    // --force replaces an old project, never the module list or standard being read.
    super::refuse_input_as_out(
        args.standards.iter().chain([&args.modules]).chain(&args.mapping),
        &args.out,
    )?;
    let list = import::module_list::read(&args.modules)?;
    let award = Award::parse(&args.award);
    // The award's level where it has a rule (an FdSc is a Level 5 award, even while its
    // module list has Level 4 modules only), as the app's modules editor sets it.
    let level = award.rule().map_or_else(
        || list.modules.iter().map(|m| m.level).max().unwrap_or(5),
        |r| r.max_level,
    );
    let total_credits = award
        .rule()
        .map_or_else(|| list.modules.iter().map(|m| m.credits).sum(), |r| r.total_credits);
    let mut project = Project::new(Programme {
        title: args.title,
        award,
        awarding_body: args.awarding_body,
        level,
        total_credits,
        standards: Vec::new(),
        occupational_options: Default::default(),
    });
    for path in &args.standards {
        // A catalogue reference (`ST0215`, `ST0215@1.2`) where no such file exists, as
        // `migrate` and `diff-standard` take them.
        let arg = path.to_string_lossy();
        let list = if !path.exists() && super::diff_standard::looks_like_spec(&arg) {
            vec![import::Imported {
                standard: super::diff_standard::read_one_standard(&arg)?,
                warnings: Vec::new(),
            }]
        } else {
            import::read_standards(path)?
        };
        for i in list {
            for w in &i.warnings {
                eprintln!("warning: {}: {w}", i.standard.reference);
            }
            let reference = i.standard.reference.clone();
            if ops::add_standard(&mut project, i.standard).is_err() {
                return Err(InputError::new(path, format!("{reference} is given twice")).into());
            }
        }
    }
    ops::merge_modules(&mut project, list.modules, list.option_groups);
    if let Some(path) = &args.mapping {
        let mappings = import::matrix::read(path, &project)?;
        Edit::Cells(ops::matrix_cells(mappings)).apply(&mut project);
    }
    let replace = if args.force { Replace::WithBackup } else { Replace::No };
    crate::store::save_project_with(&args.out, &project, replace).map_err(|e| super::exists_hint(e, &args.out))?;
    println!(
        "{}: {} modules, {} mappings, standards {}",
        args.out.display(),
        project.modules.len(),
        project.mappings.len(),
        project.programme.standards.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}
