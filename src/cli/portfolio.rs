//! `htq-mapper portfolio`: every programme under the paths given, one row each, most in need
//! first; as text, JSON, or an HTML dashboard, XLSX or CSV.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::error::{Error, InputError, Result};
use crate::model::IsoDate;
use crate::portfolio::{Portfolio, reports};
use crate::report::ReportFormat;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Project files (.ron), or folders searched recursively for them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print the portfolio as JSON.
    #[arg(long)]
    json: bool,
    /// Also write the portfolio to a file: .html (a dashboard, with each programme's own
    /// report in a folder beside it), .xlsx or .csv.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let today = IsoDate::today();
    let portfolio = Portfolio::open(&args.paths, today);
    // A quality gate that found nothing to check must not pass.
    if portfolio.rows.is_empty() && portfolio.unreadable.is_empty() {
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        let where_ = paths.join(", ");
        let skipped = match portfolio.skipped {
            0 => String::new(),
            n => format!(
                " ({} passed over)",
                crate::text::counted(n, "other file", "other files")
            ),
        };
        return Err(InputError::new(
            Path::new(&where_),
            format!("holds no project file{skipped}; nothing was checked"),
        )
        .hint("give project files (.ron) or the folders that hold them")
        .into());
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&portfolio.to_json()).unwrap_or_default()
        );
    } else {
        print!("{}", text(&portfolio));
    }
    if let Some(out) = &args.out {
        let (what, kept) = write(out, &portfolio, today)?;
        if let Some(note) = super::kept_note(out, kept) {
            eprintln!("{note}");
        }
        eprintln!("Wrote {}: {what}", out.display());
    }
    Ok(ExitCode::from(exit_code(&portfolio)))
}

/// 2 when a project file could not be read, else 1 when a programme has a gap, else 0.
pub fn exit_code(p: &Portfolio) -> u8 {
    if !p.unreadable.is_empty() {
        2
    } else if !p.all_covered() {
        1
    } else {
        0
    }
}

fn write(out: &Path, p: &Portfolio, today: IsoDate) -> Result<(String, crate::store::Kept)> {
    let format = ReportFormat::from_path(out).ok_or_else(|| {
        InputError::new(out, "cannot be written as a portfolio: its extension names no format")
            .hint("end the file name in .html (dashboard), .xlsx (workbook) or .csv")
    })?;
    let io = |e: String| Error::io(out, std::io::Error::other(e));
    let (bytes, what) = match format {
        ReportFormat::Html => {
            let links = reports::write_programme_reports(out, p, today)?;
            let written = links.iter().flatten().count();
            (
                crate::portfolio::html::dashboard(p, today, &links).into_bytes(),
                format!(
                    "dashboard of {} programmes, with {written} programme reports in {}",
                    p.rows.len(),
                    reports::programme_reports_dir(out).display()
                ),
            )
        }
        ReportFormat::Xlsx => (
            crate::portfolio::table::workbook(p).map_err(|e| io(e.to_string()))?,
            format!("workbook, {} programmes", p.rows.len()),
        ),
        ReportFormat::Csv => (
            crate::portfolio::table::csv(p).map_err(|e| io(e.to_string()))?,
            format!("{} rows", p.rows.len()),
        ),
    };
    // The file replaced may be no portfolio at all: it is kept, as a report's is.
    let kept = crate::store::write_keeping_first_backup(out, &bytes)?;
    Ok((what, kept))
}

/// One line per programme, then the unreadable files and the counts.
fn text(p: &Portfolio) -> String {
    let mut out = String::new();
    for r in &p.rows {
        let c = &r.coverage;
        let _ = writeln!(
            out,
            "{}\n    {} — {}; KSBs {} full, {} partial, {} uncovered; {}, {}; sign-off {}; needs: {}",
            r.path.display(),
            crate::model::programme_name(&r.award, &r.title),
            r.standards_text(),
            c.full,
            c.partial,
            c.uncovered,
            crate::text::counted(r.uncovered_duties, "uncovered duty", "uncovered duties"),
            crate::text::counted(r.route_gaps, "route gap", "route gaps"),
            r.sign_off.word(),
            r.need().label()
        );
    }
    for u in &p.unreadable {
        // A parse error names its file already; an I/O error does not.
        let path = u.path.display().to_string();
        let error = u.error.replace('\n', "\n    ");
        if error.contains(&path) {
            let _ = writeln!(out, "unreadable: {error}");
        } else {
            let _ = writeln!(out, "unreadable: {path}: {error}");
        }
    }
    let needs: Vec<String> = p
        .need_counts()
        .into_iter()
        .map(|(need, n)| format!("{n} {}", need.label()))
        .collect();
    // The needs count each programme once, by what it needs first; a programme with gaps on
    // a retired standard is counted with the gaps, so the old standards are counted again.
    let old = p.rows.iter().filter(|r| r.on_old_standard()).count();
    let _ = writeln!(
        out,
        "{} programmes (by what each needs first: {}); {old} on a retired or superseded standard in all; {} unreadable; {} other files skipped",
        p.rows.len(),
        needs.join(", "),
        p.unreadable.len(),
        p.skipped
    );
    out
}
