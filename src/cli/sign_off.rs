//! `htq-mapper sign-off PROJECT --name NAME --role ROLE [--date YYYY-MM-DD]`: sign off the
//! mapping as it is now, with the SHA-256 of its canonical content.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::error::Result;
use crate::model::IsoDate;
use crate::review::signoff;
use crate::store::Reapply;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The project file (.ron); the sign-off is added to it and it is saved in place.
    project: PathBuf,
    /// Who signs off, as it should appear in reports.
    #[arg(long, value_parser = not_blank)]
    name: String,
    /// Their role, such as "Quality lead" or "Employer representative".
    #[arg(long, value_parser = not_blank)]
    role: String,
    /// The date of the sign-off (YYYY-MM-DD); today when left out.
    #[arg(long)]
    date: Option<IsoDate>,
}

/// A name or role as one line of plain text: a line break or a terminal escape in it could
/// forge a second "Sign-off:" line in `check`'s output, or recolour the reader's terminal.
fn not_blank(s: &str) -> std::result::Result<String, String> {
    if s.trim().is_empty() {
        Err("must not be empty".into())
    } else if s.chars().any(breaks_the_line) {
        Err(
            "must be one line of plain text, without line breaks, tabs, terminal escape codes or direction overrides"
                .into(),
        )
    } else {
        Ok(s.trim().to_string())
    }
}

/// A control character, a line or paragraph separator (U+2028, U+2029), or a bidirectional
/// override or isolate, which can show a name reversed.
fn breaks_the_line(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What a sign-off run found when it read the project.
enum Signed {
    Already,
    New { replaces_stale: bool },
}

/// Exits 0 once signed and saved; 2 when the project cannot be read or saved. Reading, signing
/// and saving happen under the project's save lock, so two sign-offs at once both land; the
/// outcome is printed only once it is saved.
pub fn run(args: Args) -> Result<ExitCode> {
    let today = IsoDate::today();
    let date = args.date.unwrap_or(today);
    if date > today {
        return Err(crate::error::InputError::new(
            &args.project,
            format!("a sign-off cannot be dated after today ({today}); --date {date} was given, so nothing was signed"),
        )
        .into());
    }
    let updated = crate::store::update_project(&args.project, Reapply::MergeSafe, |project| {
        if let Some(why) = crate::review::open_items::refusal(project) {
            return Err(crate::error::InputError::new(&args.project, format!("{why}; nothing was signed"))
                .hint("resolve each conflict in the app (the inspector shows both sides), or merge again, then sign off")
                .into());
        }
        let sign_off = signoff::sign(project, &args.name, &args.role, date);
        let hash = sign_off.hash.clone();
        let same = |s: &crate::model::SignOff| {
            // An older record without a record hash is sealed by signing again.
            s.name == sign_off.name
                && s.role == sign_off.role
                && s.date == sign_off.date
                && s.hash == sign_off.hash
                && s.record_hash == sign_off.record_hash
        };
        if project.sign_offs.last().is_some_and(same) {
            return Ok((Signed::Already, hash));
        }
        let replaces_stale = matches!(signoff::state_at(project, &hash), signoff::SignOffState::Stale { .. });
        let loaded = project.clone();
        project.sign_offs.push(sign_off);
        // The save is logged as the app logs its saves, in the signer's name.
        crate::review::change_log::record(project, &loaded, crate::model::now_stamp(), &args.name);
        Ok((Signed::New { replaces_stale }, hash))
    })?;
    let (name, role) = (args.name.trim(), args.role.trim());
    match updated.value.0 {
        Signed::Already => println!("Already signed off by {name} ({role}) on {date}; nothing changed"),
        Signed::New { replaces_stale } => println!(
            "Signed off by {name} ({role}) on {date}{}",
            if replaces_stale {
                "; the earlier sign-off was stale"
            } else {
                ""
            }
        ),
    }
    println!("Content hash: {}", updated.value.1);
    Ok(ExitCode::SUCCESS)
}
