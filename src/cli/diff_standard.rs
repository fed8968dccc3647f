use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::error::{InputError, Result};
use crate::model::Standard;
use crate::revision::words::{Piece, word_diff};
use crate::revision::{Change, StandardDiff, diff};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The older version: a file (API JSON, page text, a standard's RON) or a catalogue
    /// reference such as ST0215@1.1.
    old: String,
    /// The newer version, likewise.
    new: String,
    /// Print the differences as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let old = read_one_standard(&args.old)?;
    let new = read_one_standard(&args.new)?;
    let d = diff(&old, &new);
    if args.json {
        let text = serde_json::to_string_pretty(&d).map_err(|e| crate::Error::io("stdout", e.into()))?;
        println!("{text}");
    } else {
        print!("{}", diff_text(&old, &new, &d));
    }
    Ok(ExitCode::SUCCESS)
}

/// One standard from a file that holds one, or from the bundled catalogue by reference
/// (`ST0215@1.1`, or `ST0215` for its latest version).
pub(super) fn read_one_standard(arg: &str) -> Result<Standard> {
    let path = PathBuf::from(arg);
    if !path.exists() && looks_like_spec(arg) {
        return from_catalogue(arg, &path);
    }
    let mut list = crate::import::read_standards(&path)?;
    if list.len() != 1 {
        return Err(
            InputError::new(&path, format!("holds {} standards, not one", list.len()))
                .hint("give a file with the one version of the standard to compare")
                .into(),
        );
    }
    let imported = list.remove(0);
    for w in &imported.warnings {
        eprintln!("warning: {}: {w}", display(&path));
    }
    Ok(imported.standard)
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

/// `ST0215` or `ST0215@1.1`.
pub(super) fn looks_like_spec(arg: &str) -> bool {
    let reference = arg.split_once('@').map_or(arg, |(r, _)| r);
    crate::model::is_reference(&reference.trim().to_ascii_uppercase())
}

/// The catalogue's standard for a spec, or why there is none: no such reference, no such
/// version (with those there are), or a file of the user's catalogue that does not read.
fn from_catalogue(spec: &str, path: &std::path::Path) -> Result<Standard> {
    use crate::catalogue::{self, Origin};
    if let Some(e) = catalogue::resolve_entry(spec) {
        if let Some(s) = e.load() {
            return Ok(s);
        }
        let hint = "run `htq-mapper catalogue update` with its API record again; `htq-mapper catalogue status` lists what your catalogue holds";
        return Err(match &e.origin {
            Origin::User(file) => match crate::store::load_standard(file) {
                Err(crate::Error::Input(mut err)) => {
                    err.message = format!(
                        "{} {} of your catalogue cannot be read: {}",
                        e.reference, e.version, err.message
                    );
                    err.hint(hint).into()
                }
                _ => InputError::new(
                    file,
                    format!(
                        "holds {} {} of your catalogue, but cannot be read",
                        e.reference, e.version
                    ),
                )
                .hint(hint)
                .into(),
            },
            Origin::Bundled => InputError::new(path, "is in the bundled catalogue but cannot be read").into(),
        });
    }
    let reference = spec.split_once('@').map_or(spec, |(r, _)| r).trim();
    let versions: Vec<&str> = catalogue::version_entries(reference)
        .map(|e| e.version.as_str())
        .collect();
    Err(match spec.split_once('@') {
        Some((_, version)) if !versions.is_empty() => InputError::new(
            path,
            format!(
                "is not in the catalogue: {} has version{} {}",
                reference.to_ascii_uppercase(),
                if versions.len() == 1 { "" } else { "s" },
                crate::text::list_and(&versions)
            ),
        )
        .hint(format!(
            "give one of those, such as {}@{}, or `catalogue update` with the API record of {version}",
            reference.to_ascii_uppercase(),
            versions.last().copied().unwrap_or_default()
        )),
        _ => InputError::new(path, "is neither a file nor a standard in the catalogue")
            .hint("give an IfATE API record, page text or standard file, or a catalogue reference such as ST0215@1.2"),
    }
    .into())
}

/// The differences as a person reads them: counts, then each kind of change with its texts,
/// reworded ones word by word (`[-removed-]{+added+}`).
pub fn diff_text(old: &Standard, new: &Standard, d: &StandardDiff) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if old.reference == new.reference {
        let _ = writeln!(out, "{} {} → {}", old.reference, version(old), version(new));
    } else {
        // A successor may take a new reference, so this is allowed, but it must read as such.
        let _ = writeln!(
            out,
            "{} {} → {} {}",
            old.reference,
            version(old),
            new.reference,
            version(new)
        );
        let _ = writeln!(
            out,
            "Note: these are two different standards ({} and {}); their statements are paired on text alone.",
            old.reference, new.reference
        );
    }
    let _ = writeln!(out, "KSBs:   {}", counts_line(d.ksb_counts()));
    if old.duties_known() || new.duties_known() {
        let _ = writeln!(out, "Duties: {}", counts_line(d.duty_counts()));
    }
    if d.same_content() {
        let _ = writeln!(out, "\nThe two versions hold the same duties and KSBs.");
        return out;
    }
    let ksb_text = |s: &Standard, code: Option<crate::model::KsbCode>| -> String {
        code.and_then(|c| s.ksb(c))
            .map(|k| k.text.trim().to_string())
            .unwrap_or_default()
    };
    let ksbs: Vec<(String, String, String, String, Change, f64)> = d
        .ksbs
        .iter()
        .map(|e| {
            (
                e.from.map(|c| c.to_string()).unwrap_or_default(),
                e.to.map(|c| c.to_string()).unwrap_or_default(),
                ksb_text(old, e.from),
                ksb_text(new, e.to),
                e.change,
                e.similarity,
            )
        })
        .collect();
    let duty_text = |s: &Standard, code: &Option<String>| -> String {
        code.as_deref()
            .and_then(|c| s.duty(c))
            .map(|k| k.text.trim().to_string())
            .unwrap_or_default()
    };
    let duties: Vec<(String, String, String, String, Change, f64)> = d
        .duties
        .iter()
        .map(|e| {
            (
                e.from.clone().unwrap_or_default(),
                e.to.clone().unwrap_or_default(),
                duty_text(old, &e.from),
                duty_text(new, &e.to),
                e.change,
                e.similarity,
            )
        })
        .collect();
    for (what, rows) in [("KSBs", &ksbs), ("Duties", &duties)] {
        for change in [Change::Renumbered, Change::Reworded, Change::Added, Change::Removed] {
            let group: Vec<_> = rows.iter().filter(|r| r.4 == change).collect();
            if group.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{what} {} ({}):", heading(change), group.len());
            for (from, to, old_text, new_text, _, similarity) in group {
                match change {
                    Change::Renumbered => {
                        let _ = writeln!(out, "  {from} → {to}  {new_text}");
                    }
                    Change::Reworded => {
                        let codes = if from == to {
                            from.clone()
                        } else {
                            format!("{from} → {to}")
                        };
                        let _ = writeln!(out, "  {codes} ({:.0}% alike)", similarity * 100.0);
                        let _ = writeln!(out, "    {}", wdiff(old_text, new_text));
                    }
                    Change::Added => {
                        let _ = writeln!(out, "  {to}  {new_text}");
                    }
                    _ => {
                        let _ = writeln!(out, "  {from}  {old_text}");
                    }
                }
            }
        }
    }
    out
}

fn version(s: &Standard) -> String {
    s.version
        .as_deref()
        .map_or_else(|| "(version not given)".to_string(), |v| format!("version {v}"))
}

fn heading(c: Change) -> &'static str {
    match c {
        Change::Unchanged => "unchanged",
        Change::Renumbered => "renumbered, same text",
        Change::Reworded => "reworded",
        Change::Added => "added",
        Change::Removed => "removed",
    }
}

fn counts_line(n: [usize; 5]) -> String {
    Change::ALL
        .iter()
        .zip(n)
        .map(|(c, n)| format!("{n} {}", c.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A word-level difference in text: `[-removed-]{+added+}`.
pub fn wdiff(old: &str, new: &str) -> String {
    word_diff(old, new)
        .into_iter()
        .map(|p| match p {
            Piece::Same(s) => s,
            Piece::Removed(s) => format!("[-{s}-]"),
            Piece::Added(s) => format!("{{+{s}+}}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
