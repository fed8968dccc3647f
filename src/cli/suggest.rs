//! `htq-mapper suggest`: each module's likely KSBs, from the texts on both sides, with the
//! shared terms that explain them. Suggestions only: the project is not changed.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::error::{InputError, Result};
use crate::model::Project;
use crate::suggest::{self, Options, Suggestion, Suggestions};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The project file (.ron).
    project: PathBuf,
    /// Only this module (its code).
    #[arg(long)]
    module: Option<String>,
    /// At most this many KSBs per module (at least 1: with none, every module would read as
    /// fully mapped).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    top: u64,
    /// Print the suggestions as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let project = crate::store::load_project(&args.project)?;
    if let Some(code) = &args.module
        && project.module(code).is_none()
    {
        let codes: Vec<&str> = project.modules.iter().map(|m| m.code.as_str()).collect();
        return Err(InputError::new(&args.project, format!("has no module `{code}`"))
            .hint(format!("choose one of: {}", codes.join(", ")))
            .into());
    }
    let options = Options {
        top: usize::try_from(args.top).unwrap_or(usize::MAX),
        ..Options::default()
    };
    let all = suggest::suggest(&project, &options);
    let chosen: Vec<&Suggestion> = all
        .iter()
        .filter(|s| args.module.as_ref().is_none_or(|m| &s.module == m))
        .collect();
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&suggest_json(&chosen)).unwrap_or_default()
        );
    } else {
        print!("{}", suggest_text(&project, &all, args.module.as_deref()));
    }
    Ok(ExitCode::SUCCESS)
}

/// Scores to two places, as people read them.
fn round(score: f32) -> f64 {
    (f64::from(score) * 100.0).round() / 100.0
}

pub fn suggest_json(list: &[&Suggestion]) -> serde_json::Value {
    json!({
        "suggestions": list.iter().map(|s| json!({
            "module": s.module,
            "ksb": s.ksb.to_string(),
            "score": round(s.score),
            "terms": s.evidence.terms,
            "module_sentence": s.evidence.module_sentence,
            "ksb_sentence": s.evidence.ksb_sentence,
            "ksb_sentence_from": if s.evidence.ksb_source.is_empty() { "statement" } else { s.evidence.ksb_source.as_str() },
            "duty_mates": s.duty_mates.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            "duty_mates_duty": s.mates_duty,
            // Neighbouring statements (K6, K8 beside K7) likely for the module too.
            "neighbours": s.neighbours.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            // Learned associations (also in "terms" as "a ≈ b (learned from N standards)").
            "learned": s.evidence.learned.iter().map(|l| json!({
                "module_word": l.module_word,
                "ksb_word": l.ksb_word,
                "standards": l.standards,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

pub fn suggest_text(project: &Project, all: &Suggestions, only: Option<&str>) -> String {
    let mut out = String::new();
    for (module, list) in project.modules.iter().zip(&all.by_module) {
        if only.is_some_and(|c| c != module.code) {
            continue;
        }
        out.push_str(&format!("{} {}\n", module.code, module.title));
        if list.is_empty() {
            out.push_str("  (no suggestions: every likely KSB is mapped or dismissed, or the texts share no terms)\n");
        }
        for s in list {
            out.push_str(&format!(
                "  {:.2}  {:<12} {}\n",
                s.score,
                s.ksb.to_string(),
                s.evidence.terms.join(", ")
            ));
            out.push_str(&format!("        module: {}\n", s.evidence.module_sentence));
            let from = if s.evidence.ksb_source.is_empty() {
                "KSB:   ".to_string()
            } else {
                format!("KSB's {}:", s.evidence.ksb_source)
            };
            out.push_str(&format!("        {from} {}\n", s.evidence.ksb_sentence));
            if let Some(note) = s.duty_mates_note() {
                let note = note.replacen("Same", "same", 1);
                out.push_str(&format!("        {note}, mapped already\n"));
            }
            if let Some(note) = s.neighbours_note() {
                let note = note.replacen("Next", "next", 1);
                out.push_str(&format!("        {note} ({})\n", crate::suggest::NEIGHBOURS_WHY));
            }
        }
    }
    out.push_str("Suggestions only: nothing is mapped until you accept it in the app.\n");
    out
}
