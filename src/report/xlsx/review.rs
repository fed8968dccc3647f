//! The workbook's sheets for a panel: a summary per duty (with its review status), the comment
//! threads one row per comment, and the programme, date and content hash in every sheet's
//! printed header and footer.

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::analysis::{Analysis, KsbState};
use crate::mark::Marked;
use crate::model::{IsoDate, KsbRef, Project, ReviewStatus, stamp_for_people};

use super::{Formats, Widths, col, header_row, page_setup, row, text};

pub const DUTY_SUMMARY_HEADER: [&str; 10] = [
    "Standard",
    "Duty",
    "Text",
    "KSBs",
    "KSBs listed",
    "Fully covered",
    "Partly covered",
    "Status",
    "Review status",
    "Reviewed by",
];

/// One row per duty of every standard: what it lists, how much is covered, and its review.
pub(super) fn duty_summary_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    project: &Project,
    analysis: &Analysis,
) -> Result<(), XlsxError> {
    header_row(ws, f, &DUTY_SUMMARY_HEADER)?;
    let mut widths = Widths::new(&DUTY_SUMMARY_HEADER);
    // About 150 characters across, so the sheet fitted to A4 landscape keeps 8 pt text: the
    // counts' headings wrap.
    widths.0[2] = 46;
    widths.0[3] = 22;
    for c in 4..=6 {
        widths.0[c] = 9;
    }
    widths.0[7] = widths.0[7].max("uncovered".len() + 1);
    widths.0[8] = widths.0[8].max("not reviewed".len() + 1);
    widths.0[9] = widths.0[9].clamp(14, 18);
    widths.apply(ws)?;
    super::fit_header(ws, &widths, &DUTY_SUMMARY_HEADER)?;
    for (i, d) in analysis.duties.iter().enumerate() {
        let r = row(i + 1)?;
        let listed = project.duty(&d.duty).map_or(&[][..], |x| x.ksbs.as_slice());
        let states: Vec<KsbState> = listed
            .iter()
            .filter_map(|&code| analysis.ksb(&KsbRef::new(d.duty.standard.clone(), code)))
            .map(|k| k.state)
            .collect();
        let count = |s: KsbState| states.iter().filter(|&&x| x == s).count() as f64;
        let codes: Vec<String> = listed.iter().map(ToString::to_string).collect();
        let review = project.duty_reviews.iter().find(|x| x.duty == d.duty);
        let status = review.map_or(ReviewStatus::NotReviewed, |x| x.status);
        let by = review.map_or(String::new(), |x| {
            if x.at.is_empty() {
                x.by.clone()
            } else {
                format!("{} {}", x.by, stamp_for_people(&x.at))
            }
        });
        let duty = if d.core {
            d.duty.code.clone()
        } else {
            format!("{} (option)", d.duty.code)
        };
        let duty_text = project.duty_text(&d.duty);
        text(ws, r, 0, &d.duty.standard, &f.plain)?;
        text(ws, r, 1, &duty, &f.bold)?;
        text(ws, r, 2, duty_text, &f.wrap)?;
        text(ws, r, 3, &codes.join(" "), &f.wrap)?;
        ws.write_number_with_format(r, 4, listed.len() as f64, &f.number)?;
        ws.write_number_with_format(r, 5, count(KsbState::Full), &f.number)?;
        ws.write_number_with_format(r, 6, count(KsbState::Partial), &f.number)?;
        text(ws, r, 7, d.state.mark().label, f.marked(d.state))?;
        text(ws, r, 8, status.label(), &f.plain)?;
        text(ws, r, 9, &by, &f.wrap)?;
        widths.fit_row(ws, r, &[(2, duty_text), (3, &codes.join(" ")), (9, &by)])?;
    }
    ws.set_freeze_panes(1, 2)?;
    page_setup(ws, true)?;
    ws.set_repeat_columns(0, 1)?;
    Ok(())
}

pub const COMMENTS_HEADER: [&str; 6] = ["Target", "About", "Thread", "Author", "Time (UTC)", "Text"];

/// Every comment, one row each, thread by thread; the first of a thread says whether it is
/// open or resolved (and by whom), its replies say "reply".
pub(super) fn comments_sheet(ws: &mut Worksheet, f: &Formats, project: &Project) -> Result<(), XlsxError> {
    header_row(ws, f, &COMMENTS_HEADER)?;
    let mut widths = Widths::new(&COMMENTS_HEADER);
    let mut rows: Vec<[String; 6]> = Vec::new();
    for t in &project.comments {
        let about = about(project, &t.target);
        let status = match &t.resolved {
            None => "open".to_string(),
            Some(r) => format!("resolved by {} {}", r.by, stamp_for_people(&r.at)),
        };
        for (i, c) in t.comments.iter().enumerate() {
            rows.push([
                crate::review::comments::target_heading(project, &t.target),
                about.clone(),
                if i == 0 {
                    status.clone()
                } else {
                    format!("reply ({})", if t.is_open() { "open" } else { "resolved" })
                },
                c.author.clone(),
                stamp_for_people(&c.at),
                c.text.clone(),
            ]);
        }
    }
    for cells in &rows {
        for (c, s) in cells.iter().enumerate() {
            widths.see(c, s);
        }
    }
    widths.cap(&[(0, 22), (1, 30), (2, 20), (3, 16)]);
    widths.0[5] = 46;
    widths.apply(ws)?;
    for (i, cells) in rows.iter().enumerate() {
        let r = row(i + 1)?;
        for (c, s) in cells.iter().enumerate() {
            text(ws, r, col(c)?, s, &f.wrap)?;
        }
        let wrapped: Vec<(usize, &str)> = cells.iter().map(String::as_str).enumerate().collect();
        widths.fit_row(ws, r, &wrapped)?;
    }
    if rows.is_empty() {
        text(ws, 1, 0, "No comments.", &f.plain)?;
    }
    ws.set_freeze_panes(1, 0)?;
    page_setup(ws, true)
}

/// What a comment's target names: a module's title, a KSB's or duty's text.
fn about(project: &Project, target: &crate::model::CommentTarget) -> String {
    use crate::model::CommentTarget as T;
    let title = |code: &str| project.module(code).map(|m| m.title.clone()).unwrap_or_default();
    match target {
        T::Programme => project.programme.title.clone(),
        T::Module(code) => title(code),
        T::Ksb(k) => project.ksb_text(k).to_string(),
        T::Duty(d) => project.duty_text(d).to_string(),
        T::Cell { module, ksb } => format!("{} · {}", title(module), project.ksb_text(ksb)),
    }
}

/// Excel refuses a header or footer longer than this (in UTF-16 units); rust_xlsxwriter then
/// leaves it out.
const MAX_HEADER: usize = 255;

/// The printed header: the programme at the left, the sheet's name in the middle and the date
/// the report was made at the right. `&` in the programme's name is doubled, as Excel reads a
/// single `&` as a code.
pub fn page_header(project: &Project, made: IsoDate) -> String {
    let p = &project.programme;
    let rest = format!("&C&A&R{}", crate::report::long_date(made));
    let budget = MAX_HEADER - "&L".len() - rest.encode_utf16().count();
    format!("&L{}{rest}", escaped(&p.name(), budget))
}

/// The printed footer: the content hash at the left, `Page 3 of 7` at the right. At the body's
/// size: fitting a sheet to the page shrinks the footer with it, and an 8 pt footer printed at
/// 6 pt (issue 25).
pub fn page_footer(hash: &str) -> String {
    format!("&LContent hash {}&RPage &P of &N", escaped(hash, 100))
}

/// Text for a header: controls dropped, `&` doubled, cut with `…` to `budget` UTF-16 units.
fn escaped(s: &str, budget: usize) -> String {
    let s = crate::text::printable(s);
    let mut out = String::new();
    let mut used = 0;
    let total: usize = s.chars().map(|c| if c == '&' { 2 } else { c.len_utf16() }).sum();
    for c in s.chars() {
        let piece = if c == '&' { "&&".to_string() } else { c.to_string() };
        let n = piece.encode_utf16().count();
        if total > budget && used + n + 1 > budget {
            out.push('…');
            break;
        }
        used += n;
        out += &piece;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_text_doubles_ampersands_and_fits_excel() {
        assert_eq!(escaped("Health & Care", 100), "Health && Care");
        let long = "A & B ".repeat(100);
        let cut = escaped(&long, 50);
        assert!(cut.encode_utf16().count() <= 50, "{cut}");
        assert!(cut.ends_with('…'));
        let mut p = crate::sample::sample_project().unwrap();
        p.programme.title = "Care & ".repeat(80);
        let h = page_header(&p, IsoDate::new(2026, 11, 25).unwrap());
        assert!(h.encode_utf16().count() <= MAX_HEADER, "{}", h.len());
        assert!(h.ends_with("&C&A&R25 November 2026"), "{h}");
    }
}
