//! The workbook's "Sign-off" sheet, with what the HTML report's Sign-off section says: where
//! the sign-off stands (not signed off, intact, or stale), the content hash now, each
//! standard's version and status as `check` gives them, who signed
//! with the hash each signed and whether it still matches, what changed since, and for an
//! unsigned or stale mapping a declaration and lines to sign on paper.

use rust_xlsxwriter::{Format, FormatBorder, Worksheet, XlsxError};

use crate::model::Project;
use crate::report::{change_counts, long_date};
use crate::review::compare_text::{self, LineKind};
use crate::review::signoff::{self, SignOffState};

use super::{Formats, Severity, col, page_setup, row, text};

pub const SIGNERS_HEADER: [&str; 6] = [
    "Name",
    "Role",
    "Date",
    "Content hash signed",
    "Matches this content?",
    "What changed since",
];

/// At most this many changes are listed one by one; the rest are counted.
const MAX_CHANGES: usize = 200;

/// Where the sign-off stands, in the words the sheet's second cell gives.
pub fn state_words(state: &SignOffState<'_>) -> String {
    match state {
        SignOffState::Unsigned => "Not signed off: no reviewer has signed this mapping".into(),
        SignOffState::Signed(s) => format!(
            "Signed off by {} on {}: intact, the signed hash matches this content",
            s.name,
            long_date(s.date)
        ),
        SignOffState::Stale { sign_off, changes } => format!(
            "stale: signed by {} on {}, but the mapping changed since ({})",
            sign_off.name,
            long_date(sign_off.date),
            changes
                .as_deref()
                .map_or_else(|| "what changed cannot be told".into(), change_counts)
        ),
    }
}

pub(super) fn sign_off_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    project: &Project,
    hash: &str,
    made: crate::model::IsoDate,
) -> Result<(), XlsxError> {
    let state = signoff::state_at(project, hash);
    let widths = [22.0, 18.0, 17.0, 36.0, 22.0, 40.0];
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(col(i)?, *w)?;
    }
    let state_format = match state {
        SignOffState::Signed(_) => f.marked(crate::analysis::KsbState::Full),
        SignOffState::Stale { .. } => f.marked(crate::analysis::KsbState::Uncovered),
        SignOffState::Unsigned => f.marked(Severity::Warning),
    };
    let programme = project.programme.name();
    text(ws, 0, 0, "Sign-off", &f.header)?;
    // Where it stands, across the sheet, in one line.
    ws.merge_range(0, 1, 0, col(widths.len() - 1)?, "", &f.header)?;
    text(ws, 0, 1, &state_words(&state), &f.header)?;
    text(ws, 1, 0, "Where it stands", &f.bold)?;
    let word = match state {
        SignOffState::Unsigned => "Not signed off",
        SignOffState::Signed(_) => "intact",
        SignOffState::Stale { .. } => "stale",
    };
    text(ws, 1, 1, word, state_format)?;
    text(ws, 2, 0, "Programme", &f.bold)?;
    text(ws, 2, 1, &programme, &f.plain)?;
    text(ws, 3, 0, "Content hash now", &f.bold)?;
    text(ws, 3, 1, hash, &f.plain)?;
    // What is signed against: each standard's version and status, in `check`'s words.
    let known = crate::revision::versions::catalogue_versions(project);
    let versions = crate::revision::versions::version_statuses(project, &known, made);
    let mut r = 4;
    for v in &versions {
        text(ws, row(r)?, 0, "Standard", &f.bold)?;
        text(ws, row(r)?, 1, &v.summary(made), &f.plain)?;
        r += 1;
    }
    r += 1;
    if project.sign_offs.is_empty() {
        text(
            ws,
            row(r)?,
            0,
            "No reviewer has signed this mapping. To sign it on paper, fill in the lines below.",
            &f.plain,
        )?;
        r += 2;
    } else {
        for (c, h) in SIGNERS_HEADER.iter().enumerate() {
            text(ws, row(r)?, col(c)?, h, &f.header)?;
        }
        r += 1;
        for s in &project.sign_offs {
            let matches = s.hash == hash;
            let changed = if matches {
                String::new()
            } else {
                signoff::changes_since(s, project).map_or_else(
                    || "the sign-off kept no content to say what".into(),
                    |c| change_counts(&c),
                )
            };
            let mut changed_note = changed.clone();
            if !s.content.is_empty() && !signoff::record_intact(s) {
                changed_note.push_str("; its kept content does not give its hash: the record was edited");
            }
            let at = row(r)?;
            text(ws, at, 0, &s.name, &f.bold)?;
            text(ws, at, 1, &s.role, &f.wrap)?;
            text(ws, at, 2, &long_date(s.date), &f.plain)?;
            text(ws, at, 3, &s.hash, &f.wrap)?;
            if matches {
                text(ws, at, 4, "matches", f.marked(crate::analysis::KsbState::Full))?;
            } else {
                text(ws, at, 4, "stale", f.marked(crate::analysis::KsbState::Uncovered))?;
            }
            text(ws, at, 5, &changed_note, &f.wrap)?;
            ws.set_row_height(at, 2.0 * super::ROW_HEIGHT)?;
            r += 1;
        }
        r += 1;
    }
    if let SignOffState::Stale { changes: Some(c), .. } = &state {
        text(ws, row(r)?, 0, "Changed since the latest sign-off", &f.bold)?;
        r += 1;
        let entries: Vec<String> = compare_text::lines(c)
            .into_iter()
            .filter(|l| l.kind == LineKind::Entry)
            .map(|l| l.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        for e in entries.iter().take(MAX_CHANGES) {
            text(ws, row(r)?, 0, e, &f.plain)?;
            r += 1;
        }
        if entries.len() > MAX_CHANGES {
            let more = format!(
                "… and {} more (htq-mapper check --json lists them all)",
                entries.len() - MAX_CHANGES
            );
            text(ws, row(r)?, 0, &more, &f.plain)?;
            r += 1;
        }
        r += 1;
    }
    if !state.is_signed() {
        if matches!(state, SignOffState::Stale { .. }) {
            text(
                ws,
                row(r)?,
                0,
                "The latest sign-off no longer matches. To sign the mapping as it is now, fill in the lines below.",
                &f.plain,
            )?;
            r += 1;
        }
        let declaration = format!(
            "I have reviewed the mapping of {programme} to its occupational standards as set out in this workbook, whose content hash is {hash}"
        );
        let at = row(r)?;
        ws.merge_range(at, 0, at, col(widths.len() - 1)?, "", &f.wrap)?;
        text(ws, at, 0, &declaration, &f.wrap)?;
        ws.set_row_height(at, 2.0 * super::ROW_HEIGHT)?;
        r += 2;
        let line = Format::new().set_border_bottom(FormatBorder::Thin);
        for label in ["Name", "Role", "Signature", "Date"] {
            let at = row(r)?;
            text(ws, at, 0, label, &f.bold)?;
            ws.merge_range(at, 1, at, 3, "", &line)?;
            ws.set_row_height(at, 2.0 * super::ROW_HEIGHT)?;
            r += 1;
        }
    }
    page_setup(ws, true)
}
