use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::analysis::{self, Analysis};
use crate::error::Result;
use crate::model::Project;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The project file (.ron).
    project: PathBuf,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let project = crate::store::load_project(&args.project)?;
    let a = analysis::analyse(&project);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&check_json(&a)).unwrap_or_default());
    } else {
        print!("{}", check_text(&project, &a));
    }
    Ok(if a.all_covered() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn check_json(a: &Analysis) -> serde_json::Value {
    json!({
        "uncovered_duties": a.uncovered_duties().map(|d| d.duty.to_string()).collect::<Vec<_>>(),
        "uncovered_ksbs": a.uncovered_ksbs().map(|k| k.ksb.to_string()).collect::<Vec<_>>(),
        "partial_ksbs": a.partial_ksbs().map(|k| k.ksb.to_string()).collect::<Vec<_>>(),
        "credits": {
            "per_route_least": a.credits.per_route.0, "per_route_most": a.credits.per_route.1,
            "with_all_options": a.credits.all_options, "text": a.credits.to_string(),
        },
        "summary": {
            "ksbs": a.summary.ksbs, "full": a.summary.full, "partial": a.summary.partial, "none": a.summary.none,
            "duties": a.summary.duties, "duties_covered": a.summary.duties_covered,
            "duties_partial": a.summary.duties_partial, "duties_uncovered": a.summary.duties_uncovered,
        },
        "findings": a.findings.iter().map(|f| json!({
            "id": f.id, "severity": f.severity, "kind": f.kind, "message": f.message, "explanation": f.explanation,
        })).collect::<Vec<_>>(),
    })
}

pub fn check_text(project: &Project, a: &Analysis) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let p = &project.programme;
    let refs: Vec<String> = project
        .standards
        .iter()
        .map(|s| format!("{} {} (Level {})", s.reference, s.title, s.level))
        .collect();
    let _ = writeln!(out, "{} {} — {}", p.award, p.title, refs.join(", "));
    let s = &a.summary;
    let _ = writeln!(
        out,
        "KSBs: {} — {} full, {} partial, {} uncovered ({:.0}% mapped)",
        s.ksbs,
        s.full,
        s.partial,
        s.none,
        s.percent_mapped()
    );
    let _ = writeln!(
        out,
        "Duties: {} — {} covered, {} partial, {} uncovered",
        s.duties, s.duties_covered, s.duties_partial, s.duties_uncovered
    );
    let _ = writeln!(out, "Modules: {} — {}", project.modules.len(), a.credits);
    if a.findings.is_empty() {
        let _ = writeln!(out, "\nNo findings.");
    } else {
        let _ = writeln!(out, "\n{}", a.finding_counts());
        for f in &a.findings {
            let _ = writeln!(out, "{:<8}{}\n        {}", f.severity.label(), f.message, f.id);
        }
    }
    out
}
