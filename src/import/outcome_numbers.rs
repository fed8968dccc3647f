//! Learning outcome numbers in a Word module specification: `LO1: …`, `LO 2. …`, `3) …`.

use std::path::Path;

use crate::error::InputError;

/// `LO1: Explain…`, `LO 1. Explain…`, `1. Explain…`, `1) Explain…`: (number, text).
pub fn numbered_outcome(text: &str) -> Option<(u32, &str)> {
    let t = text.trim();
    let rest = t
        .strip_prefix("LO")
        .or_else(|| t.strip_prefix("Lo"))
        .or_else(|| t.strip_prefix("lo"))
        .unwrap_or(t)
        .trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 2 {
        return None;
    }
    let n: u32 = rest.get(..digits)?.parse().ok()?;
    let after = rest.get(digits..)?;
    let body = after.trim_start_matches([':', '.', ')', '-', '–', ' ', '\t']);
    (body.len() < after.len() && !body.is_empty()).then_some((n, body))
}

/// `LO99999999999999999999: …`: an outcome whose number is too long to read; refused at its
/// paragraph rather than read as prose or passed over.
pub fn check_outcome_number(path: &Path, text: &str, paragraph: usize) -> Result<(), InputError> {
    let t = text.trim();
    let Some(rest) = ["LO", "Lo", "lo"].iter().find_map(|p| t.strip_prefix(p)) else {
        return Ok(());
    };
    let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
    if digits.len() > 2 && digits.parse::<u16>().is_err() {
        return Err(InputError::new(
            path,
            format!("paragraph {paragraph}: LO{digits} is not a learning outcome number this tool reads"),
        )
        .hint("number learning outcomes LO1, LO2, …"));
    }
    Ok(())
}
