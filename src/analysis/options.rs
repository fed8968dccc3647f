//! Core and options: which occupational options of a standard the programme aligns to, and
//! what that leaves out.

use crate::model::{Project, Standard};

use super::Analysis;
use super::finding::{FindingKind, Findings, Severity, Target};

/// The titles of the options the programme chose for a standard, in the standard's order.
pub fn chosen_titles(project: &Project, s: &Standard) -> Vec<String> {
    let chosen = project.programme.chosen_options(&s.reference);
    s.options
        .iter()
        .filter(|o| chosen.contains(&o.id))
        .map(|o| o.title.clone())
        .collect()
}

/// "Buying assistant (chosen); Merchandising assistant" for a core-and-options standard, or
/// `None` for a standard without options.
pub fn options_line(project: &Project, s: &Standard) -> Option<String> {
    if !s.core_and_options || s.options.is_empty() {
        return None;
    }
    let chosen = chosen_titles(project, s);
    Some(if chosen.is_empty() {
        format!("{} options, none chosen (every option's duties count)", s.options.len())
    } else {
        format!("options chosen: {}", chosen.join(", "))
    })
}

/// What the option each KSB serves is: "core", the titles of the options whose duties list
/// it, with "not chosen" where the programme does not need it; "" for standards without options.
pub fn ksb_option_label(s: &Standard, code: crate::model::KsbCode, needed: bool) -> String {
    if !s.core_and_options {
        return String::new();
    }
    let duties: Vec<_> = s.duties_listing(code).collect();
    if duties.is_empty() || duties.iter().any(|d| d.core) {
        return "core".to_string();
    }
    let mut titles: Vec<&str> = s
        .options
        .iter()
        .filter(|o| duties.iter().any(|d| d.options.contains(&o.id)))
        .map(|o| o.title.as_str())
        .collect();
    titles.dedup();
    let list = titles.join(", ");
    if needed { list } else { format!("{list} (not chosen)") }
}

pub(super) fn option_findings(project: &Project, a: &Analysis, f: &mut Findings) {
    for s in project
        .standards
        .iter()
        .filter(|s| s.core_and_options && !s.options.is_empty())
    {
        let chosen = project.programme.chosen_options(&s.reference);
        let titles: Vec<&str> = s.options.iter().map(|o| o.title.as_str()).collect();
        for id in chosen.iter().filter(|id| s.option(id).is_none()) {
            f.push(
                Severity::Warning,
                FindingKind::Options,
                format!("unknown-option:{}:{id}", s.reference),
                Target::Standard(s.reference.clone()),
                format!("The programme chooses option {id}, which {} does not have", s.reference),
                "Choose the programme's options again from the standard's list (Standards > Choose options).",
            );
        }
        if chosen.iter().all(|id| s.option(id).is_none()) {
            f.push(
                Severity::Info,
                FindingKind::Options,
                format!("options-not-chosen:{}", s.reference),
                Target::Standard(s.reference.clone()),
                format!(
                    "{} is a core-and-options standard ({}) and the programme names no option, so every option's duties count",
                    s.reference,
                    titles.join("; ")
                ),
                "An HTQ aligns to the core and the option(s) it prepares students for. Choose them (Standards > Choose options), and the KSBs only other options need stop counting as gaps.",
            );
            continue;
        }
        let left_out = a
            .ksbs
            .iter()
            .filter(|k| k.ksb.standard == s.reference && !k.needed)
            .count();
        f.push(
            Severity::Info,
            FindingKind::Options,
            format!("options-chosen:{}", s.reference),
            Target::Standard(s.reference.clone()),
            format!(
                "The programme aligns to {}'s core and {}: {left_out} KSBs only other options need are not counted",
                s.reference,
                chosen_titles(project, s).join(", ")
            ),
            "Coverage counts the core duties and the chosen options' duties. Choose other options in Standards > Choose options.",
        );
    }
}
