//! `htq-mapper comments PROJECT [--open] [--json]`: the comment threads of a project, each with
//! what it is on, whether it is open, and its comments with their authors and times.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};

use crate::error::Result;
use crate::model::{CommentTarget, Project, Thread};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The project file (.ron).
    project: PathBuf,
    /// Only the threads still open.
    #[arg(long)]
    open: bool,
    /// Print the threads as JSON.
    #[arg(long)]
    json: bool,
}

/// Exits 0 once the file is read, whatever it holds; 2 when it cannot be read.
pub fn run(args: Args) -> Result<ExitCode> {
    let project = crate::store::load_project(&args.project)?;
    let threads: Vec<&Thread> = project.comments.iter().filter(|t| !args.open || t.is_open()).collect();
    if args.json {
        let json = comments_json(&project, &threads);
        println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
    } else {
        print!("{}", comments_text(&project, &threads, args.open));
    }
    Ok(ExitCode::SUCCESS)
}

fn target_json(project: &Project, target: &CommentTarget) -> Value {
    let (kind, module, ksb, duty) = match target {
        CommentTarget::Programme => ("programme", None, None, None),
        CommentTarget::Module(m) => ("module", Some(m.clone()), None, None),
        CommentTarget::Ksb(k) => ("ksb", None, Some(k.to_string()), None),
        CommentTarget::Duty(d) => ("duty", None, None, Some(d.to_string())),
        CommentTarget::Cell { module, ksb } => ("cell", Some(module.clone()), Some(ksb.to_string()), None),
    };
    let gone = crate::review::comments::gone_note(project, target);
    json!({"kind": kind, "label": target.label(), "module": module, "ksb": ksb, "duty": duty, "gone": gone})
}

/// `{"threads": [{"id", "target": {"kind", "label", "module", "ksb", "duty", "gone"}, "status",
/// "resolved": {"by", "at"} | null, "comments": [{"id", "author", "at", "text"}]}], "open", "total"}`.
pub fn comments_json(project: &Project, threads: &[&Thread]) -> Value {
    json!({
        "threads": threads.iter().map(|t| json!({
            "id": t.id,
            "target": target_json(project, &t.target),
            "status": if t.is_open() { "open" } else { "resolved" },
            "resolved": t.resolved.as_ref().map(|r| json!({"by": r.by, "at": r.at})),
            "comments": t.comments.iter().map(|c| json!({
                "id": c.id, "author": c.author, "at": c.at, "text": c.text,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "open": crate::review::comments::open_threads(project),
        "total": project.comments.len(),
    })
}

fn comments_text(project: &Project, threads: &[&Thread], only_open: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", super::review_status::threads_line(project));
    if threads.is_empty() {
        let _ = writeln!(out, "{}", if only_open { "No open threads." } else { "No comments." });
    }
    for t in threads {
        let status = match &t.resolved {
            None => "open".to_string(),
            Some(r) => format!("resolved by {} at {}", r.by, r.at),
        };
        let heading = crate::review::comments::target_heading(project, &t.target);
        let _ = writeln!(out, "\n{heading} — {status}");
        for c in &t.comments {
            let _ = writeln!(out, "  {} at {}:", c.author, c.at);
            for line in c.text.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    out
}
