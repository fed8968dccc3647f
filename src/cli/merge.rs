//! `htq-mapper merge MINE THEIRS [--base BASE] [--out OUT] [--json]`: a three-way merge of two
//! copies of one programme against the copy both started from. Also git's merge driver:
//! `htq-mapper merge %A %B --base %O`.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Value, json};

use crate::error::{InputError, Result};
use crate::merge::{Merged, Report, merge, recorded_base};
use crate::model::{MergeConflict, Project};
use crate::store::Reapply;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// My copy (.ron). The merge is written over it, keeping MINE.bak, unless --out is given.
    mine: PathBuf,
    /// Their copy (.ron).
    theirs: PathBuf,
    /// The copy both started from. Without it, the base THEIRS recorded when `send-copy` made
    /// it (or else the one MINE recorded).
    #[arg(long)]
    base: Option<PathBuf>,
    /// Write the merge here instead of over MINE.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print what came from each side and every conflict as JSON.
    #[arg(long)]
    json: bool,
    /// Leave no MINE.bak and no save lock beside the file written. Implied when its name does
    /// not end in .ron, as git's temporary files do not.
    #[arg(long)]
    no_backup: bool,
    /// Who merged, for the project's change log (left blank when not given).
    #[arg(long, default_value = "")]
    author: String,
}

/// Whether a file is written the store's usual way, with a save lock and a `.bak`: only a
/// project file (`.ron`), never a temporary file git hands a merge driver.
fn keeps_backup(path: &Path, no_backup: bool) -> bool {
    !no_backup && path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// Exits 0 when the merge is clean, 1 when conflicts remain in the file written (it still
/// loads) or some of theirs was left out (a copy moved back to an older version), 2 when a file cannot be read, no base is known, or the result cannot be saved.
pub fn run(args: Args) -> Result<ExitCode> {
    let theirs = crate::store::load_project(&args.theirs)?;
    let given = args.base.as_deref().map(crate::store::load_project).transpose()?;
    let target = args.out.clone().unwrap_or_else(|| args.mine.clone());
    let merge_into = |mine: &mut Project| -> Result<Report> {
        if !crate::review::comments::is_copy_of(&theirs, mine) {
            return Err(InputError::new(
                &args.theirs,
                format!(
                    "is not a copy of {}: it is \"{}\" and shares no standard with \"{}\"; nothing was merged",
                    args.mine.display(),
                    theirs.programme.title,
                    mine.programme.title
                ),
            )
            .hint("merge two copies of the same programme")
            .into());
        }
        let base = base_for(&args, given.as_ref(), mine, &theirs)?;
        let Merged { mut project, report } = merge(&base, mine, &theirs);
        crate::review::change_log::record(&mut project, mine, crate::model::now_stamp(), &args.author);
        *mine = project;
        Ok(report)
    };
    let (report, project) = if args.out.is_none() && keeps_backup(&args.mine, args.no_backup) {
        let updated = crate::store::update_project(&args.mine, Reapply::MergeSafe, merge_into)?;
        (updated.value, updated.project)
    } else {
        let mut project = crate::store::load_project(&args.mine)?;
        let report = merge_into(&mut project)?;
        if keeps_backup(&target, args.no_backup) {
            crate::store::save_project(&target, &project)?;
        } else {
            crate::store::save_project_plain(&target, &project)?;
        }
        (report, project)
    };
    if args.json {
        let json = report_json(&report, &project, &target);
        println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
    } else {
        print!("{}", report_text(&report, &project, &args.theirs, &target));
    }
    // Left out is not clean: a script that reads 0 as "all of theirs is in" would lose it.
    Ok(if project.merge_conflicts.is_empty() && report.withheld.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The base: the file given, else the one THEIRS (or MINE) recorded; with neither, an error.
fn base_for<'a>(args: &Args, given: Option<&'a Project>, mine: &Project, theirs: &Project) -> Result<Cow<'a, Project>> {
    if let Some(b) = given {
        return Ok(Cow::Borrowed(b));
    }
    let (recorded, path) = match crate::merge::recorded_of(mine, theirs) {
        Some((crate::merge::Side::Theirs, b)) => (b, &args.theirs),
        Some((_, b)) => (b, &args.mine),
        None => {
            return Err(InputError::new(
                &args.theirs,
                "records no base, and no --base was given: a three-way merge needs the copy both started from",
            )
            .hint(
                "give --base BASE (the file both copies were made from), or send copies with `htq-mapper send-copy`, which records it",
            )
            .into());
        }
    };
    recorded_base(recorded, mine, theirs).map(Cow::Owned).map_err(|e| {
        InputError::new(path, e.to_string())
            .hint("give --base BASE, the file both copies were made from")
            .into()
    })
}

/// The JSON `--json` prints (the README lists its keys).
pub fn report_json(r: &Report, project: &Project, written: &Path) -> Value {
    let mut out = json!({
        "written": written.display().to_string(),
        "clean": project.merge_conflicts.is_empty() && r.withheld.is_empty(),
        "from_mine": r.mine,
        "from_theirs": r.theirs,
        "from_both": r.both,
        "conflicts": r.conflicts.iter().map(conflict_json).collect::<Vec<_>>(),
        "conflicts_in_file": project.merge_conflicts.iter().map(MergeConflict::id).collect::<Vec<_>>(),
        "comments": {
            "threads_added": r.comments.threads_added,
            "replies_added": r.comments.replies_added,
            "threads_resolved": r.comments.threads_resolved,
            "duty_reviews_added": r.comments.duty_reviews_added,
            "threads_reopened": r.comments.threads_reopened,
            "duty_reviews_updated": r.comments.duty_reviews_updated,
        },
        "sign_offs_added": r.sign_offs_added,
        "change_log_added": r.change_log_added,
    });
    // Only when a copy was carried to a newer version, so earlier readers see no new key.
    if !r.carried.is_empty()
        && let Some(o) = out.as_object_mut()
    {
        o.insert("carried_to_newer_version".into(), json!(r.carried));
    }
    if !r.withheld.is_empty()
        && let Some(o) = out.as_object_mut()
    {
        o.insert("not_merged".into(), json!(r.withheld));
    }
    out
}

fn side<T: serde::Serialize>(x: &Option<T>) -> Value {
    x.as_ref()
        .map_or(Value::Null, |x| serde_json::to_value(x).unwrap_or(Value::Null))
}

fn conflict_json(c: &MergeConflict) -> Value {
    let (item, key, mine, theirs) = match c {
        MergeConflict::Mapping {
            module,
            ksb,
            mine,
            theirs,
            ..
        } => ("mapping", format!("{module}:{ksb}"), side(mine), side(theirs)),
        MergeConflict::Module { code, mine, theirs, .. } => ("module", code.clone(), side(mine), side(theirs)),
        MergeConflict::Programme { mine, theirs, .. } => {
            ("programme", "programme".into(), side(&Some(mine)), side(&Some(theirs)))
        }
        MergeConflict::OptionGroup { name, mine, theirs } => ("option_group", name.clone(), side(mine), side(theirs)),
        MergeConflict::Standard {
            reference,
            mine,
            theirs,
        } => ("standard", reference.clone(), side(mine), side(theirs)),
    };
    json!({"id": c.id(), "item": item, "key": key, "fields": c.fields(), "mine": mine, "theirs": theirs})
}

fn report_text(r: &Report, project: &Project, theirs: &Path, written: &Path) -> String {
    use std::fmt::Write;
    let mut out = format!(
        "Merged {} into {}: {}\n",
        theirs.display(),
        written.display(),
        r.summary()
    );
    for c in &r.carried {
        let _ = writeln!(
            out,
            "  carried to the newer version first (as `migrate` does), so each change lands on the KSB it was made to: {c}"
        );
    }
    for (label, list) in [
        ("from mine  ", &r.mine),
        ("from theirs", &r.theirs),
        ("from both  ", &r.both),
    ] {
        for c in list {
            let _ = writeln!(out, "  {label}  {}", c.line());
        }
    }
    if !r.comments.is_empty() {
        let _ = writeln!(out, "Comments: {}", r.comments.summary());
    }
    for w in &r.withheld {
        let theirs = theirs.display().to_string();
        let _ = writeln!(
            out,
            "Not merged: {}",
            w.replace("MINE", &written.display().to_string())
                .replace("THEIRS", &theirs)
        );
    }
    if project.merge_conflicts.is_empty() && !r.withheld.is_empty() {
        out.push_str("No conflicts in the file, but the changes above were not merged.\n");
    } else if project.merge_conflicts.is_empty() {
        out.push_str("No conflicts.\n");
    } else {
        let _ = writeln!(
            out,
            "{} conflict(s) left in {}; both sides are kept, and `check` fails until each is resolved (take mine, take theirs or edit it in the app):",
            project.merge_conflicts.len(),
            written.display()
        );
        for c in &project.merge_conflicts {
            let _ = writeln!(out, "  {}: {} ({})", c.label(), c.fields().join(", "), c.id());
        }
    }
    out
}
