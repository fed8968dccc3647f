use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use super::review_status;
use crate::analysis::{Analysis, KsbGap, Routes};
use crate::error::Result;
use crate::model::{IsoDate, Project};
use crate::revision::versions::{VersionStatus, catalogue_versions};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The project file (.ron).
    project: PathBuf,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
    /// Exit 1 unless the project is signed off and the sign-off still holds (the mapping has
    /// not changed since); without it, the sign-off is reported as information only.
    #[arg(long)]
    require_signoff: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let project = crate::store::load_project(&args.project)?;
    // Findings about the standard itself (its version, status and revisions) are warnings
    // or information: they are listed, and never change the exit code.
    let today = IsoDate::today();
    let checked = crate::check::check(&project, &catalogue_versions(&project), today);
    let (a, versions) = (&checked.analysis, &checked.versions);
    if args.json {
        let mut json = check_json(&project, a);
        json["standard_versions"] = versions_json(versions);
        json["sign_off"] = review_status::sign_off_json(&project);
        json["duty_reviews"] = review_status::duty_reviews_json(&project);
        json["open_comments"] = checked.open_comments.into();
        println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
    } else {
        let text = check_text(&project, a);
        let (head, rest) = text.split_once('\n').unwrap_or((&text, ""));
        print!("{head}\n{}{rest}", versions_text(versions, today));
        print!("\n{}", review_status::review_text(&project));
    }
    let signed = !args.require_signoff || checked.sign_off == crate::review::signoff::Standing::Signed;
    Ok(if checked.all_covered() && signed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn check_json(project: &Project, a: &Analysis) -> serde_json::Value {
    json!({
        "uncovered_duties": a.uncovered_duties().map(|d| d.duty.to_string()).collect::<Vec<_>>(),
        "uncovered_ksbs": a.uncovered_ksbs().map(|k| k.ksb.to_string()).collect::<Vec<_>>(),
        "partial_ksbs": a.partial_ksbs().map(|k| k.ksb.to_string()).collect::<Vec<_>>(),
        "unassessed_ksbs": a.unassessed_ksbs().map(|k| k.ksb.to_string()).collect::<Vec<_>>(),
        // Which modules assess each covered KSB: the analysis's one answer, which the
        // workbook's "Assessed in" and Assessment sheet and the HTML report give too.
        "assessed_in": a.ksbs.iter().filter(|k| !k.modules.is_empty()).map(|k| json!({
            "ksb": k.ksb.to_string(), "modules": a.assessed_in(project, k),
        })).collect::<Vec<_>>(),
        "credits": {
            "per_route_least": a.credits.per_route.0, "per_route_most": a.credits.per_route.1,
            "with_all_options": a.credits.all_options, "text": a.credits.to_string(),
        },
        "summary": {
            "ksbs": a.summary.ksbs, "full": a.summary.full, "partial": a.summary.partial, "none": a.summary.none,
            "duties": a.summary.duties, "duties_covered": a.summary.duties_covered,
            "duties_partial": a.summary.duties_partial, "duties_uncovered": a.summary.duties_uncovered,
            "ksbs_not_needed": a.summary.ksbs_not_needed,
        },
        "findings": a.findings.iter().map(|f| json!({
            "id": f.id, "severity": f.severity, "kind": f.kind, "message": f.message, "explanation": f.explanation,
        })).collect::<Vec<_>>(),
        "routes": routes_json(project, a),
        "options": options_json(project),
    })
}

/// `options`: for each core-and-options standard, its options and those the programme chose.
fn options_json(project: &Project) -> serde_json::Value {
    project
        .standards
        .iter()
        .filter(|s| s.core_and_options)
        .map(|s| {
            let chosen = project.programme.chosen_options(&s.reference);
            json!({
                "standard": s.reference,
                "options": s.options.iter().map(|o| json!({"id": o.id, "title": o.title, "chosen": chosen.contains(&o.id)})).collect::<Vec<_>>(),
                "chosen": crate::analysis::options::chosen_titles(project, s),
            })
        })
        .collect()
}

/// One line per standard whose version or status is known: "Version: ST0215 1.1 …: Retired".
pub fn versions_text(versions: &[VersionStatus], today: IsoDate) -> String {
    versions
        .iter()
        .filter(|v| v.version.is_some() || v.status.is_some())
        .map(|v| format!("Version: {}\n", v.summary(today)))
        .collect()
}

/// `standard_versions`: for each standard, its version (and how it was told from content),
/// its status and start dates, the current version and the revisions coming. Dates are ISO.
pub fn versions_json(versions: &[VersionStatus]) -> serde_json::Value {
    let date = |d: Option<IsoDate>| d.map(|d| d.to_string());
    let release = |r: &crate::revision::versions::Release| json!({"version": r.version, "status": r.status.map(|s| s.label()), "earliest_start": date(r.earliest_start)});
    versions
        .iter()
        .map(|v| {
            json!({
                "reference": v.reference,
                "version": v.version,
                "identified": v.identified.as_ref().map(|m| json!({
                    "version": m.version, "matched": m.matched, "ksbs": m.page_ksbs,
                    "version_ksbs": m.version_ksbs, "closeness": m.closeness(),
                    "same_content": m.same_content, "decided_by_date": m.decided_by_date,
                })),
                "status": v.status.map(|s| s.label()),
                "earliest_start": date(v.earliest_start),
                "latest_start": date(v.latest_start),
                "current": v.current.as_ref().map(release),
                "current_same_content": v.current_same_content,
                "coming": v.coming.iter().map(release).collect::<Vec<_>>(),
                "page_says_not_latest": v.page_says_not_latest,
                "edited": v.edited.as_ref().map(|e| json!({"project_hash": e.project_hash, "catalogue_hash": e.catalogue_hash})),
            })
        })
        .collect()
}

/// Every route through the options, checked exactly. `total` is a decimal string, as it may
/// pass what a JSON number holds. Each `witness` lists the optional modules of one route that
/// shows the gap. In `credit_gaps`, `level` 0 is the award's total.
fn routes_json(project: &Project, a: &Analysis) -> serde_json::Value {
    let r = &a.routes;
    let witness = |route: &[usize]| Routes::codes(project, route);
    let ksb_gaps = |gaps: &[KsbGap]| -> Vec<serde_json::Value> {
        gaps.iter()
            .map(|g| json!({"ksb": a.ksbs[g.ksb].ksb.to_string(), "witness": witness(&g.witness)}))
            .collect()
    };
    json!({
        "total": r.total.to_string(),
        "gaps": ksb_gaps(&r.gaps),
        "partial": ksb_gaps(&r.partial),
        "duty_gaps": r.duty_gaps.iter().map(|d| json!({
            "duty": d.duty.to_string(), "ksb": d.ksb.to_string(), "witness": witness(&d.witness),
        })).collect::<Vec<_>>(),
        "credit_gaps": r.credit_gaps.iter().map(|g| {
            let (credits, needed) = g.problem.figures();
            json!({
                "level": g.problem.level(), "credits": credits, "needed": needed,
                "every_route": g.every_route, "witness": witness(&g.witness),
            })
        }).collect::<Vec<_>>(),
    })
}

pub fn check_text(project: &Project, a: &Analysis) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let p = &project.programme;
    let refs: Vec<String> = project
        .standards
        .iter()
        .map(|s| format!("{} (Level {})", s.name(), s.level))
        .collect();
    let _ = writeln!(out, "{} — {}", p.name(), refs.join(", "));
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
    // Duties whose record links no KSB are not counted above; say how many.
    let unlinked: usize = (project.standards.iter())
        .map(|st| {
            let chosen = project.programme.chosen_options(&st.reference);
            st.duties
                .iter()
                .filter(|d| d.ksbs.is_empty() && st.duty_applies(d, chosen))
                .count()
        })
        .sum();
    let _ = writeln!(
        out,
        "Duties: {} — {} covered, {} partial, {} uncovered{}",
        s.duties,
        s.duties_covered,
        s.duties_partial,
        s.duties_uncovered,
        if unlinked > 0 {
            format!(" ({unlinked} more list no KSB)")
        } else {
            String::new()
        }
    );
    for st in &project.standards {
        if let Some(line) = crate::analysis::options::options_line(project, st) {
            let _ = writeln!(out, "Options of {}: {line}", st.reference);
        }
    }
    if a.summary.ksbs_not_needed > 0 {
        let _ = writeln!(
            out,
            "KSBs not counted: {} (needed only by options the programme does not take)",
            a.summary.ksbs_not_needed
        );
    }
    if let Some(routes) = a.routes.checked() {
        let _ = writeln!(out, "{routes}");
    }
    let _ = writeln!(out, "Modules: {} — {}", project.modules.len(), a.credits);
    if a.findings.is_empty() {
        let _ = writeln!(out, "\nNo findings.");
    } else {
        let _ = writeln!(out, "\n{}", a.finding_counts());
        // A kind over many KSBs reads as one finding with its list, what to do, and its count;
        // `--json` keeps one entry per finding.
        for g in a.finding_groups(project) {
            let _ = writeln!(out, "{:<8}{}", g.severity.label(), g.message);
            if g.is_group() {
                if !g.detail.is_empty() {
                    let _ = writeln!(out, "        {}", g.detail);
                }
                let _ = writeln!(out, "        What to do: {}", g.explanation);
            }
            let _ = writeln!(out, "        {}", g.id);
        }
    }
    out
}
