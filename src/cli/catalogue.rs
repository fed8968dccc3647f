//! `htq-mapper catalogue update FILE...` and `htq-mapper catalogue status`: keeping the
//! catalogue current after the binary was built, from API records the user downloads.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::catalogue::update::{self, Change, ChangeKind, Plan};
use crate::catalogue::{self, user};
use crate::error::{InputError, Result};
use crate::model::{IsoDate, Project};
use crate::revision::diff::{Change as KsbChange, diff};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(clap::Subcommand, Debug)]
enum Sub {
    /// Add API records (one record, a list, or a folder of them, as downloaded from the IfATE /
    /// Skills England API) to your catalogue, and say what is new or changed.
    Update(UpdateArgs),
    /// Say when the bundled catalogue was made and what your catalogue adds to it.
    Status,
}

#[derive(clap::Args, Debug)]
struct UpdateArgs {
    /// API records: JSON files, or folders of them.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// A folder of project files: name the programmes each change touches.
    #[arg(long)]
    portfolio: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    match args.command {
        Sub::Update(a) => run_update(a),
        Sub::Status => {
            print!("{}", status_text());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn user_dir() -> Result<PathBuf> {
    user::dir().ok_or_else(|| {
        InputError::new(
            "$XDG_DATA_HOME",
            "neither XDG_DATA_HOME nor HOME names a folder to keep your catalogue in",
        )
        .hint("set XDG_DATA_HOME (or HOME) to an absolute folder")
        .into()
    })
}

fn run_update(args: UpdateArgs) -> Result<ExitCode> {
    let dir = user_dir()?;
    let programmes = args.portfolio.as_deref().map(portfolio_standards);
    // Everything is read and planned before anything is written (see catalogue::update).
    let (plan, records) = update::update_from(&args.files, &dir)?;
    for (file, what) in &records.passed_over {
        eprintln!("note: {}: passed over {what}", file.display());
    }
    print!("{}", update_text(&plan, programmes.as_ref(), &dir));
    Ok(ExitCode::SUCCESS)
}

/// Each programme under `folder`: its path and its standards' (reference, version).
type Programmes = Vec<(PathBuf, Vec<(String, Option<String>)>)>;

fn portfolio_standards(folder: &Path) -> Programmes {
    use rayon::prelude::*;
    let found = crate::portfolio::find(&[folder.to_path_buf()]);
    found
        .projects
        .into_par_iter()
        .filter_map(|path| {
            let text = crate::fsio::read_text(&path).ok()?;
            let project: Project = crate::store::parse_project(&path, &text).ok()?;
            let standards = project
                .standards
                .iter()
                .map(|s| (s.reference.clone(), s.version.clone()))
                .collect();
            Some((path, standards))
        })
        .collect()
}

/// The programmes a change touches: those on the changed version, and, when what is current
/// may have moved (a new version, an approval, a start date), those on earlier versions too.
fn touched<'a>(change: &Change, programmes: &'a Programmes) -> Vec<&'a Path> {
    let moves_current = change.kinds.iter().any(|k| {
        matches!(
            k,
            ChangeKind::NewVersion | ChangeKind::EarliestStart { .. } | ChangeKind::Status { .. }
        )
    });
    programmes
        .iter()
        .filter(|(_, standards)| {
            standards.iter().any(|(reference, version)| {
                if !reference.eq_ignore_ascii_case(change.reference()) {
                    return false;
                }
                match version {
                    Some(v) => {
                        let order = catalogue::compare_versions(v, change.version());
                        order.is_eq() || (moves_current && order.is_lt())
                    }
                    None => true,
                }
            })
        })
        .map(|(p, _)| p.as_path())
        .collect()
}

fn date(d: Option<IsoDate>) -> String {
    d.map_or_else(|| "none".to_string(), |d| d.uk())
}

fn status(s: Option<crate::model::StandardStatus>) -> &'static str {
    s.map_or("no status", |s| s.label())
}

/// "1 KSB reworded, 2 added; see `htq-mapper diff-standard ST0215@1.2 ST0215@1.3`".
fn ksb_changes(change: &Change) -> Option<String> {
    let previous = change.previous.as_ref()?;
    let d = diff(previous, &change.standard);
    let counts = d.ksb_counts();
    let parts: Vec<String> = KsbChange::ALL
        .iter()
        .zip(counts)
        .filter(|(c, n)| **c != KsbChange::Unchanged && *n > 0)
        .map(|(c, n)| format!("{n} KSB{} {}", if n == 1 { "" } else { "s" }, c.label()))
        .collect();
    let from = format!(
        "{}@{}",
        previous.reference,
        previous.version.as_deref().unwrap_or("0.0")
    );
    let to = format!("{}@{}", change.reference(), change.version());
    // An edit in place: both names would now resolve to the new record, so no command to run.
    if from == to {
        return Some(if parts.is_empty() {
            "the same KSBs as the copy the catalogue held".to_string()
        } else {
            format!("{} against the copy the catalogue held", parts.join(", "))
        });
    }
    Some(if parts.is_empty() {
        format!("the same duties and KSBs as {from}")
    } else {
        format!(
            "{} since {from}; see `htq-mapper diff-standard {from} {to}`",
            parts.join(", ")
        )
    })
}

fn update_text(plan: &Plan, programmes: Option<&Programmes>, dir: &Path) -> String {
    let mut out = String::new();
    for c in &plan.changes {
        let s = &c.standard;
        let name = format!("{} {}", s.reference, c.version());
        for k in &c.kinds {
            let line = match k {
                ChangeKind::NewVersion => {
                    let starts = s
                        .earliest_start
                        .map_or_else(String::new, |d| format!(", starts from {}", d.uk()));
                    let ksbs = ksb_changes(c).map_or_else(String::new, |k| format!("; {k}"));
                    format!("New: {name} {} ({}{starts}){ksbs}", s.title, status(s.status))
                }
                ChangeKind::Status { from, to } => {
                    format!("Status: {name} is now {} (was {})", status(*to), status(*from))
                }
                ChangeKind::EarliestStart { from, to } => {
                    format!("Start date: {name} starts from {} (was {})", date(*to), date(*from))
                }
                ChangeKind::LatestStart { from, to } => {
                    format!(
                        "Latest start: {name} takes no new starts after {} (was {})",
                        date(*to),
                        date(*from)
                    )
                }
                ChangeKind::Content => {
                    let ksbs = ksb_changes(c).map_or_else(String::new, |k| format!(": {k}"));
                    format!("Edited in place: {name}'s duties or KSBs changed{ksbs}")
                }
            };
            let _ = writeln!(out, "{line}");
        }
        if let Some(programmes) = programmes {
            let hit = touched(c, programmes);
            if hit.is_empty() {
                let _ = writeln!(out, "    touches no programme of the portfolio");
            } else {
                let _ = writeln!(
                    out,
                    "    touches {} programme{}:",
                    hit.len(),
                    if hit.len() == 1 { "" } else { "s" }
                );
                for p in hit {
                    let _ = writeln!(out, "      {}", p.display());
                }
            }
        }
    }
    for spec in &plan.unchanged {
        let _ = writeln!(out, "Unchanged: {spec} (the catalogue already says this)");
    }
    for spec in &plan.superseded {
        let _ = writeln!(
            out,
            "Passed over: another record of {spec} in this update (the newer, or at the same date the one given last, counts)"
        );
    }
    for spec in &plan.older {
        let _ = writeln!(out, "Kept out: {spec} is older than what the catalogue knows of it");
    }
    let _ = if plan.changes.is_empty() {
        writeln!(out, "Nothing new; your catalogue ({}) is unchanged.", dir.display())
    } else {
        writeln!(
            out,
            "{} new or changed standard-version{} added to your catalogue ({}).",
            plan.changes.len(),
            if plan.changes.len() == 1 { "" } else { "s" },
            dir.display()
        )
    };
    out
}

fn status_text() -> String {
    let mut out = String::new();
    let (bundled, newest) = update::bundled_made();
    let _ = writeln!(
        out,
        "Bundled catalogue: {bundled} standard-versions, made by HTQ Mapper {} from API records last updated up to {}.",
        env!("CARGO_PKG_VERSION"),
        date(newest)
    );
    let Some(dir) = user::dir() else {
        let _ = writeln!(out, "Your catalogue: none (set XDG_DATA_HOME or HOME to keep one).");
        return out;
    };
    let checked = user::read_checked(&dir);
    if !checked.problems.is_empty() {
        let _ = writeln!(out, "Problems in your catalogue ({}):", dir.display());
        for p in &checked.problems {
            let _ = writeln!(out, "  {p}");
        }
        let _ = writeln!(
            out,
            "  Run htq-mapper catalogue update with those records again; if the index cannot be read, move the folder aside first."
        );
    }
    let mine = checked.entries;
    if mine.is_empty() {
        let what = if checked.problems.is_empty() {
            "empty"
        } else {
            "nothing that can be used"
        };
        let _ = writeln!(
            out,
            "Your catalogue ({}): {what}. Add records with htq-mapper catalogue update FILE.",
            dir.display()
        );
        return out;
    }
    let known = catalogue::entries();
    let _ = writeln!(
        out,
        "Your catalogue ({}): {}.",
        dir.display(),
        crate::text::counted(mine.len(), "standard-version", "standard-versions")
    );
    for u in &mine {
        let e = &u.entry;
        let in_use = known.iter().any(|k| k.origin == e.origin);
        let bundled = catalogue::bundled_entries()
            .iter()
            .any(|b| b.reference == e.reference && catalogue::compare_versions(&b.version, &e.version).is_eq());
        let what = match (bundled, in_use) {
            (false, _) => "adds this version",
            (true, true) => "replaces the bundled record (newer, or the same version edited in place)",
            (true, false) => "older than the bundled record, which is used",
        };
        let _ = writeln!(
            out,
            "  {} {} {} [{}], last updated {}: {what}",
            e.reference,
            e.version,
            e.title,
            e.status,
            date(u.last_updated)
        );
    }
    out
}
