use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::error::Result;
use crate::import::{self, Imported};
use crate::model::Standard;
use crate::store::Replace;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// IfATE page text (.txt) or API JSON; the format is told from the content.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Folder to write one RON file per standard into (default: the current folder, unless --json).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the standards as a JSON array on stdout.
    #[arg(long)]
    json: bool,
    /// Replace standard files that already exist in the output folder.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    // Read everything before writing anything, so a bad file leaves no partial output.
    let mut all: Vec<Imported> = Vec::new();
    let many = args.files.len() > 1;
    for f in &args.files {
        let list = match import::read_standard_list(f) {
            Ok(list) => list,
            // One record with no KSBs among many files is passed over, as a list's would be.
            Err(crate::Error::Input(e)) if many && import::ifate_api::without_ksbs(&e).is_some() => {
                let what = import::ifate_api::without_ksbs(&e).unwrap_or_default();
                eprintln!("note: {}: passed over {what}: its record lists no KSBs", f.display());
                continue;
            }
            Err(e) => return Err(e),
        };
        if !list.passed_over.is_empty() {
            eprint!("{}", passed_over_note(f, list.imported.len(), &list.passed_over));
        }
        all.extend(list.imported);
    }
    // An empty list, or one of summary records only, imports nothing: not a success.
    if all.is_empty()
        && let Some(first) = args.files.first()
    {
        return Err(
            crate::InputError::new(first, "holds no standard with KSBs to import; nothing was written")
                .hint("give IfATE page text or full API records (an API list's summary records hold no KSBs)")
                .into(),
        );
    }
    for i in &all {
        for w in &i.warnings {
            eprintln!("warning: {}: {w}", i.standard.reference);
        }
    }
    let out = match (&args.out, args.json) {
        (Some(dir), _) => Some(dir.clone()),
        (None, false) => Some(PathBuf::from(".")),
        (None, true) => None,
    };
    if let Some(dir) = out {
        // --out names a folder; a file there would otherwise give the OS's "File exists".
        if dir.exists() && !dir.is_dir() {
            return Err(
                crate::error::InputError::new(&dir, "is a file, not a folder; nothing was written")
                    .hint("--out takes the folder to write one STANDARD.ron per standard into; give a folder's name")
                    .into(),
            );
        }
        let names = file_names(&all)?;
        // Every name is checked before any file is written, so a clash leaves no partial output.
        if !args.force
            && let Some(path) = names.iter().map(|n| dir.join(n)).find(|p| p.exists())
        {
            return Err(crate::InputError::new(&path, "already exists; nothing was written")
                .hint("choose another folder, or add --force to replace it")
                .into());
        }
        std::fs::create_dir_all(&dir).map_err(|e| crate::Error::io(&dir, e))?;
        let replace = if args.force { Replace::Yes } else { Replace::No };
        for (i, name) in all.iter().zip(&names) {
            let stem = i.standard.file_stem();
            if stem != i.standard.reference {
                eprintln!(
                    "warning: {:?} is not a standard reference; writing it as {name}",
                    i.standard.reference
                );
            }
            let path = dir.join(name);
            crate::store::save_standard(&path, &i.standard, replace).map_err(|e| super::exists_hint(e, &path))?;
            if !args.json {
                let (k, s, b) = i.standard.counts();
                println!(
                    "{}: {} (Level {}): {} duties, {k} K, {s} S, {b} B",
                    path.display(),
                    i.standard.name(),
                    i.standard.level,
                    i.standard.duties.len()
                );
            }
        }
    }
    if args.json {
        let list: Vec<serde_json::Value> = all.iter().map(|i| standard_json(&i.standard)).collect();
        let text = serde_json::to_string_pretty(&list).map_err(|e| crate::Error::io("stdout", e.into()))?;
        println!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Each standard's file name: `ST0127.ron`, or `ST0127_1.4.ron` where the files name several
/// versions of one standard (as the catalogue names them), so no version overwrites another.
/// The same version twice is refused: which of the two to keep is the user's call.
fn file_names(all: &[Imported]) -> Result<Vec<String>> {
    let stems: Vec<String> = all.iter().map(|i| i.standard.file_stem()).collect();
    let mut names = Vec::with_capacity(all.len());
    for (i, stem) in all.iter().zip(&stems) {
        let repeated = stems.iter().filter(|s| *s == stem).count() > 1;
        let version: String = (i.standard.version.as_deref().unwrap_or("").chars())
            .map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' })
            .take(20)
            .collect();
        names.push(if repeated && !version.is_empty() {
            format!("{stem}_{version}.ron")
        } else {
            format!("{stem}.ron")
        });
    }
    let mut sorted: Vec<(&String, usize)> = names.iter().zip(0..).collect();
    sorted.sort();
    if let Some(pair) = sorted
        .windows(2)
        .find(|w| w.first().map(|a| a.0) == w.get(1).map(|b| b.0))
        && let Some(&(name, _)) = pair.first()
    {
        let s = all
            .iter()
            .zip(&names)
            .find(|(_, n)| *n == name)
            .map(|(i, _)| &i.standard);
        let what = s.map_or(String::new(), |s| {
            format!(
                "{} version {}",
                s.reference,
                s.version.as_deref().unwrap_or("(not given)")
            )
        });
        return Err(crate::Error::Input(
            crate::InputError::new(
                std::path::Path::new(name),
                format!("the files hold {what} twice (or two versions without a number); nothing was written"),
            )
            .hint("import one copy of each version: pass only the files you mean to keep"),
        ));
    }
    Ok(names)
}

/// How many records of an API list were passed over, and why, one line each (the first 10).
pub fn passed_over_note(file: &std::path::Path, imported: usize, passed: &[import::PassedOver]) -> String {
    use std::fmt::Write;
    let total = imported + passed.len();
    let mut out = format!(
        "note: {}: imported {imported} of {total} records; passed over {} (a list's summary records hold no KSBs: fetch each such standard in full to import it):\n",
        file.display(),
        passed.len(),
    );
    const SHOWN: usize = 10;
    for p in passed.iter().take(SHOWN) {
        let _ = writeln!(out, "  record {} ({}): {}", p.record, p.name, p.reason);
    }
    if passed.len() > SHOWN {
        let _ = writeln!(out, "  and {} more", passed.len() - SHOWN);
    }
    out
}

pub fn standard_json(s: &Standard) -> serde_json::Value {
    json!({
        "reference": s.reference,
        "title": s.title,
        "level": s.level,
        "version": s.version,
        "route": s.route,
        "status": s.status.map(|x| format!("{x:?}").to_lowercase()),
        "status_text": s.status.map(|x| x.label()),
        "lars_code": s.lars_code,
        "change": s.change,
        "approved_for_delivery": s.approved_for_delivery.map(|d| d.to_string()),
        "earliest_start": s.earliest_start.map(|d| d.to_string()),
        "latest_start": s.latest_start.map(|d| d.to_string()),
        "latest_end": s.latest_end.map(|d| d.to_string()),
        "last_updated": s.last_updated.map(|d| d.to_string()),
        "date_updated": s.date_updated,
        "not_latest": s.not_latest,
        "core_and_options": s.core_and_options,
        "options": s.options.iter().map(|o| json!({"id": o.id, "title": o.title})).collect::<Vec<_>>(),
        "content_hash": s.content_hash,
        "duties": s.duties.iter().map(|d| json!({
            "code": d.code,
            "text": d.text,
            "core": d.core,
            "options": d.options,
            "ksbs": d.ksbs.iter().map(ToString::to_string).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "ksbs": s.ksbs.iter().map(|k| json!({
            "code": k.code.to_string(),
            "kind": k.kind().name().to_lowercase(),
            "text": k.text,
        })).collect::<Vec<_>>(),
        "unmapped_ksbs": s.ksbs_in_no_duty().iter().map(ToString::to_string).collect::<Vec<_>>(),
        "htqs": s.htqs.iter().map(|h| json!({
            "title": h.title, "level": h.level, "applicant": h.applicant, "awarding_body": h.awarding_body,
        })).collect::<Vec<_>>(),
    })
}
