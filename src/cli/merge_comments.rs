//! `htq-mapper merge-comments PROJECT REVIEWER_COPY`: bring a reviewer's comments and duty
//! reviews into the project. New threads and replies are added; nothing is overwritten.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::error::Result;
use crate::review::{compare, content_hash, merge_comments};
use crate::store::Reapply;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The project file (.ron) to merge into; it is saved in place when anything is new.
    project: PathBuf,
    /// The reviewer's copy (.ron) whose comments and duty reviews to bring in.
    reviewer_copy: PathBuf,
    /// Who merged, for the project's change log (left blank when not given).
    #[arg(long, default_value = "")]
    author: String,
}

/// Exits 0 once merged (or when there was nothing new); 2 when either file cannot be read
/// or the project cannot be saved.
/// The merge is made under the project's save lock, so two merges at once both land.
pub fn run(args: Args) -> Result<ExitCode> {
    let copy = crate::store::load_project(&args.reviewer_copy)?;
    let updated = crate::store::update_project(&args.project, Reapply::MergeSafe, |project| {
        if !crate::review::comments::is_copy_of(&copy, project) {
            return Err(crate::error::InputError::new(
                &args.reviewer_copy,
                format!(
                    "this is not a copy of {}: it is \"{}\", aligned to {}, and shares no standard with \"{}\"; nothing was merged. Merge comments from a reviewer's copy of the same programme",
                    args.project.display(),
                    copy.programme.title,
                    if copy.programme.standards.is_empty() { "no standard".to_string() } else { copy.programme.standards.join(", ") },
                    project.programme.title
                ),
            )
            .into());
        }
        let loaded = project.clone();
        let merge = merge_comments(project, &copy);
        if !merge.is_empty() {
            crate::review::change_log::record(project, &loaded, crate::model::now_stamp(), &args.author);
        }
        Ok(merge)
    })?;
    let (merge, project) = (updated.value, updated.project);
    if merge.is_empty() {
        println!(
            "Nothing new in {}: {} is unchanged",
            args.reviewer_copy.display(),
            args.project.display()
        );
    } else {
        println!(
            "Merged from {} into {}: {}",
            args.reviewer_copy.display(),
            args.project.display(),
            merge.summary()
        );
    }
    // The copy as the project's versions see it: a copy sent before a migration differs by
    // that migration alone, which is not the reviewer's doing.
    let carried = crate::revision::on_versions_of(&project, &copy);
    if content_hash(&carried) != content_hash(&project) {
        println!(
            "Note: the copy's mapping differs from the project's ({}); only comments and duty reviews were merged (htq-mapper compare shows the difference)",
            compare(&project, &carried).counts()
        );
    }
    println!("{}", super::review_status::threads_line(&project));
    Ok(ExitCode::SUCCESS)
}
