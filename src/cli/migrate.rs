use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::error::{InputError, Result};
use crate::model::{MigrationRecord, Project};
use crate::store::{Reapply, Replace};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The project file (.ron).
    project: PathBuf,
    /// The version to move to: a file (API JSON, page text, a standard's RON) or a catalogue
    /// reference such as ST0215@1.2.
    #[arg(long)]
    to: String,
    /// Where to write the migrated project (default: over PROJECT, keeping PROJECT.bak).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print what the migration did as JSON.
    #[arg(long)]
    json: bool,
    /// The name the project's change log records for this rewrite (default: none).
    #[arg(long, default_value = "")]
    author: String,
}

/// In place, the migration is made under the project's save lock, and stops (file untouched)
/// if a save that did not wait its turn changed the file meanwhile.
pub fn run(args: Args) -> Result<ExitCode> {
    let new = super::diff_standard::read_one_standard(&args.to)?;
    let reference = new.reference.clone();
    // Threads on a KSB or duty the new version lacks move to the programme, each saying what
    // it was on; the count is said here, so nobody looks for them where they were.
    let on_programme = |p: &Project| {
        p.comments
            .iter()
            .filter(|t| t.target == crate::model::CommentTarget::Programme)
            .count()
    };
    let migrate = |project: &mut Project| -> Result<(MigrationRecord, usize)> {
        let loaded = project.clone();
        let record = crate::revision::migrate_standard(project, new.clone(), &BTreeSet::new()).map_err(|e| {
            InputError::new(&args.to, e.to_string()).hint(format!(
                "give a version of one of the project's standards ({})",
                project.programme.standards.join(", ")
            ))
        })?;
        crate::review::change_log::record(project, &loaded, crate::model::now_stamp(), &args.author);
        Ok((record, on_programme(project).saturating_sub(on_programme(&loaded))))
    };
    let out = args.out.clone().unwrap_or_else(|| args.project.clone());
    let ((record, moved), project) = if out == args.project {
        let updated = crate::store::update_project(&out, Reapply::No, migrate)?;
        (updated.value, updated.project)
    } else {
        let mut project = crate::store::load_project(&args.project)?;
        let record = migrate(&mut project)?;
        crate::store::save_project_with(&out, &project, Replace::WithBackup)?;
        (record, project)
    };
    let closed = closed_warning(&project, &reference);
    if args.json {
        let mut value = migration_json(&record, &out);
        if let Some(o) = value.as_object_mut() {
            if let Some(w) = &closed {
                o.insert("warning".into(), json!(w));
            }
            o.insert("threads_moved_to_programme".into(), json!(moved));
        }
        let text = serde_json::to_string_pretty(&value).map_err(|e| crate::Error::io("stdout", e.into()))?;
        println!("{text}");
    } else {
        print!("{}", migration_text(&project, &record));
        if moved > 0 {
            println!(
                "Comment threads moved to the programme: {moved} (what they were on is not in the new version; each says what it was)"
            );
        }
        println!("Wrote {} ({reference}).", out.display());
        if let Some(w) = &closed {
            println!("Note: {w}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Said when the version moved to is closed for new starts (retired, withdrawn, past its
/// last start), which `check` would only say later.
fn closed_warning(project: &Project, reference: &str) -> Option<String> {
    let copy = project.standard(reference)?;
    let known = crate::revision::versions::catalogue_versions(project);
    let today = crate::model::IsoDate::today();
    let status = crate::revision::versions::version_status(copy, &known, today);
    status.closed(today).then(|| {
        format!(
            "{}. Formal reviews judge an HTQ against the latest version.",
            status.summary(today)
        )
    })
}

pub fn migration_json(r: &MigrationRecord, out: &std::path::Path) -> serde_json::Value {
    json!({
        "standard": r.standard,
        "from": r.from_version,
        "to": r.to_version,
        "out": out.display().to_string(),
        "carried": r.carried,
        "renumbered": r.renumbered.iter().map(|c| json!({"module": c.module, "from": c.from.to_string(), "to": c.to.to_string()})).collect::<Vec<_>>(),
        "review": r.review.iter().map(|c| json!({"module": c.module, "from": c.from.to_string(), "to": c.to.to_string()})).collect::<Vec<_>>(),
        "dropped": r.dropped.iter().map(|d| json!({"module": d.module, "ksb": d.ksb.to_string(), "text": d.text, "reason": d.reason})).collect::<Vec<_>>(),
        "added": r.added.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

/// What a migration did, as a person reads it.
pub fn migration_text(project: &Project, r: &MigrationRecord) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let v = |v: &Option<String>| {
        v.as_ref()
            .map_or_else(|| "a copy with no version".into(), |v| format!("version {v}"))
    };
    let _ = writeln!(out, "{}: {} → {}", r.standard, v(&r.from_version), v(&r.to_version));
    let _ = writeln!(
        out,
        "Carried: {} mappings ({} to a renumbered KSB)",
        r.carried,
        r.renumbered.len()
    );
    for c in &r.renumbered {
        let _ = writeln!(out, "  {:<10} {} → {}", c.module, c.from, c.to);
    }
    let _ = writeln!(out, "Marked for review: {} mappings of reworded KSBs", r.review.len());
    for c in &r.review {
        let _ = writeln!(out, "  {:<10} {} → {}", c.module, c.from, c.to);
    }
    let _ = writeln!(out, "Dropped: {} mappings", r.dropped.len());
    for d in &r.dropped {
        let _ = writeln!(
            out,
            "  {:<10} {:<5} {} ({})",
            d.module,
            d.ksb.to_string(),
            crate::text::shorten(&d.text, 70),
            d.reason.label()
        );
    }
    if !r.dropped_reviews.is_empty() {
        let reviews: Vec<String> = r
            .dropped_reviews
            .iter()
            .map(|x| format!("{} ({})", x.duty.code, x.status.label()))
            .collect();
        let _ = writeln!(
            out,
            "Duty reviews dropped, as their duties are removed (kept in the migration record): {}",
            reviews.join(", ")
        );
    }
    let _ = writeln!(out, "Added KSBs, uncovered until mapped: {}", r.added.len());
    for code in &r.added {
        let k = crate::model::KsbRef::new(r.standard.clone(), *code);
        let _ = writeln!(
            out,
            "  {:<5} {}",
            code.to_string(),
            crate::text::shorten(project.ksb_text(&k), 80)
        );
    }
    if !r.review.is_empty() {
        let _ = writeln!(
            out,
            "Check each mapping marked for review and confirm it in the app's inspector; `check` lists them until then."
        );
    }
    out
}
