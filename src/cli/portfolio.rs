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
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&portfolio.to_json()).unwrap_or_default()
        );
    } else {
        print!("{}", text(&portfolio));
    }
    if let Some(out) = &args.out {
        let what = write(out, &portfolio, today)?;
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

fn write(out: &Path, p: &Portfolio, today: IsoDate) -> Result<String> {
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
    crate::store::write_atomic(out, &bytes, false)?;
    Ok(what)
}

/// One line per programme, then the unreadable files and the counts.
fn text(p: &Portfolio) -> String {
    let mut out = String::new();
    for r in &p.rows {
        let c = &r.coverage;
        let _ = writeln!(
            out,
            "{}\n    {} {} — {}; KSBs {} full, {} partial, {} uncovered; {} uncovered duties, {} route gaps; sign-off {}; needs: {}",
            r.path.display(),
            r.award,
            r.title,
            r.standards_text(),
            c.full,
            c.partial,
            c.uncovered,
            r.uncovered_duties,
            r.route_gaps,
            r.sign_off.word(),
            r.need().label()
        );
    }
    for u in &p.unreadable {
        let _ = writeln!(out, "unreadable: {}", u.error.replace('\n', "\n    "));
    }
    let needs: Vec<String> = p
        .need_counts()
        .into_iter()
        .map(|(need, n)| format!("{n} {}", need.label()))
        .collect();
    let _ = writeln!(
        out,
        "{} programmes ({}); {} unreadable; {} other files skipped",
        p.rows.len(),
        needs.join(", "),
        p.unreadable.len(),
        p.skipped
    );
    out
}
