//! Reports for quality teams and reviewers: an XLSX workbook in the shape of the HTQ
//! submission, the KSB-mapping sheet as CSV, and one self-contained HTML report.
//!
//! Every format is rendered to bytes first and then written atomically, so a failed export
//! never leaves half a file behind.

pub mod assessment;
pub mod csv;
pub mod html;
pub mod xlsx;

use std::path::Path;

pub use self::csv::neutralise;

use crate::analysis::Analysis;
use crate::error::{Error, InputError};
use crate::model::{IsoDate, Project};

/// The report formats, chosen by the output file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Xlsx,
    Csv,
    Html,
}

impl ReportFormat {
    /// Every format with its extensions, for file dialogs: (name, extensions).
    pub const ALL: [(ReportFormat, &'static str, &'static [&'static str]); 3] = [
        (ReportFormat::Xlsx, "Excel workbook", &["xlsx"]),
        (ReportFormat::Html, "HTML report", &["html", "htm"]),
        (ReportFormat::Csv, "KSB mapping as CSV", &["csv"]),
    ];

    /// The format an output path asks for, by its extension in any case.
    pub fn from_path(path: &Path) -> Option<ReportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL
            .iter()
            .find(|(_, _, exts)| exts.contains(&ext.as_str()))
            .map(|&(f, _, _)| f)
    }
}

/// Renders a report in memory, made on `made`: the date the HTML cover and the workbook's page
/// headers give (the CLI and the app pass today).
pub fn render(format: ReportFormat, project: &Project, analysis: &Analysis, made: IsoDate) -> Result<Vec<u8>, String> {
    match format {
        ReportFormat::Xlsx => xlsx::workbook(project, analysis, made).map_err(|e| e.to_string()),
        ReportFormat::Csv => csv::ksb_sheet_csv(project, analysis).map_err(|e| e.to_string()),
        ReportFormat::Html => Ok(html::report(project, analysis, made).into_bytes()),
    }
}

/// Writes a report to `path` in the format its extension names (.xlsx, .csv, .html or .htm),
/// atomically: the file holds the old report or the new one, never part of one.
/// Writes a report atomically; the file it replaces is kept as `FILE.bak`, unless one is there
/// already (see [`crate::store::write_keeping_first_backup`]).
pub fn write_report(
    path: &Path,
    project: &Project,
    analysis: &Analysis,
    made: IsoDate,
) -> crate::Result<crate::store::Kept> {
    let Some(format) = ReportFormat::from_path(path) else {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let what = if ext.is_empty() {
            "has no extension to tell the report format by".to_string()
        } else {
            format!("cannot be written as a report: `.{ext}` is not a report format")
        };
        return Err(InputError::new(path, what)
            .hint("end the file name in .xlsx (Excel workbook), .html (report to read and print) or .csv (KSB mapping sheet)")
            .into());
    };
    let bytes = render(format, project, analysis, made).map_err(|e| Error::io(path, std::io::Error::other(e)))?;
    // The file replaced may be no report at all (a module list given as --out by mistake).
    crate::store::write_keeping_first_backup(path, &bytes)
}

pub use crate::text::shorten;

/// What a comparison counts, in one line, mappings first: `2 mappings added, 1 changed; 1
/// module changed`. The HTML's and the workbook's Sign-off say it alike.
pub fn change_counts(c: &crate::review::Comparison) -> String {
    let [modules, mappings, standards] = c.count_groups();
    let programme = (!c.programme.is_empty()).then(|| "programme details changed".to_string());
    let parts: Vec<String> = [mappings, modules, standards, programme]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        "the programme's details or option groups changed".into()
    } else {
        parts.join("; ")
    }
}

/// A day as a filed document gives it: `25 November 2026`.
pub fn long_date(d: IsoDate) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS.get(usize::from(d.month).wrapping_sub(1)).copied().unwrap_or("?");
    format!("{} {month} {}", d.day, d.year)
}

/// A KSB's place in a matrix: its reference as a matrix cell names it, and its text.
/// Codes are bare (`K1`) when the project has one standard, else `ST0215/K1`.
pub fn matrix_ksb_label(project: &Project, r: &crate::model::KsbRef) -> String {
    if project.standards.len() > 1 {
        r.to_string()
    } else {
        r.code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension_in_any_case() {
        assert_eq!(ReportFormat::from_path(Path::new("r.XLSX")), Some(ReportFormat::Xlsx));
        assert_eq!(ReportFormat::from_path(Path::new("r.htm")), Some(ReportFormat::Html));
        assert_eq!(ReportFormat::from_path(Path::new("r.Html")), Some(ReportFormat::Html));
        assert_eq!(ReportFormat::from_path(Path::new("r.csv")), Some(ReportFormat::Csv));
        assert_eq!(ReportFormat::from_path(Path::new("r.pdf")), None);
        assert_eq!(ReportFormat::from_path(Path::new("r")), None);
    }

    #[test]
    fn dates_read_as_a_filed_document_gives_them() {
        assert_eq!(long_date(IsoDate::new(2026, 11, 5).unwrap()), "5 November 2026");
        assert_eq!(long_date(IsoDate::new(2027, 1, 31).unwrap()), "31 January 2027");
    }

    #[test]
    fn unknown_extension_is_a_clear_error() {
        let p = crate::sample::sample_project().unwrap();
        let a = crate::analysis::analyse(&p);
        let dir = tempfile::tempdir().unwrap();
        let e = write_report(&dir.path().join("r.pdf"), &p, &a, IsoDate::new(2026, 11, 25).unwrap()).unwrap_err();
        assert!(e.to_string().contains("`.pdf` is not a report format"), "{e}");
        assert!(e.to_string().contains(".xlsx"), "{e}");
        assert!(!dir.path().join("r.pdf").exists());
    }
}
