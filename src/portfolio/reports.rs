//! Each programme's own HTML report, written beside a portfolio's dashboard so that the
//! dashboard can link to it.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::model::IsoDate;
use crate::report::ReportFormat;
use crate::revision::versions::catalogue_versions;

use super::Portfolio;

/// The folder of programme reports beside a dashboard: `portfolio.html` → `portfolio-programmes/`.
pub fn programme_reports_dir(dashboard: &Path) -> PathBuf {
    let stem = dashboard.file_stem().and_then(|s| s.to_str()).unwrap_or("portfolio");
    dashboard.with_file_name(format!("{stem}-programmes"))
}

/// Writes each programme's HTML report into [`programme_reports_dir`], in parallel, and gives
/// each row's link relative to the dashboard (`None` where the file could not be read again).
pub fn write_programme_reports(dashboard: &Path, p: &Portfolio, today: IsoDate) -> Result<Vec<Option<String>>> {
    let dir = programme_reports_dir(dashboard);
    if dir.exists() && !dir.is_dir() {
        return Err(crate::InputError::new(
            &dir,
            "is a file, where the dashboard's programme reports go in a folder of that name; nothing was written",
        )
        .hint("move that file aside, or give the dashboard another name")
        .into());
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let folder = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("programmes")
        .to_string();
    let seen = crate::store::SeenStandards::new();
    p.rows
        .par_iter()
        .enumerate()
        .map(|(i, row)| {
            let Ok(text) = crate::fsio::read_text(&row.path) else {
                return Ok(None);
            };
            let Ok(project) = crate::store::parse_project_seen(&row.path, &text, Some(&seen)) else {
                return Ok(None);
            };
            let checked = crate::check::check(&project, &catalogue_versions(&project), today);
            let name = format!("{:03}-{}.html", i + 1, file_stem(&row.path));
            let bytes = crate::report::render(ReportFormat::Html, &project, &checked.analysis, today)
                .map_err(|e| Error::io(dir.join(&name), std::io::Error::other(e)))?;
            crate::store::write_atomic(&dir.join(&name), &bytes, false)?;
            Ok(Some(format!("{folder}/{}", percent_encode(&name))))
        })
        .collect()
}

/// A file stem safe in a file name and a link: letters, digits, `-` and `_` kept.
fn file_stem(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("programme");
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(80)
        .collect();
    if safe.is_empty() { "programme".into() } else { safe }
}

/// Link text for a name of letters, digits, `-`, `_` and `.`: non-ASCII letters encoded.
fn percent_encode(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
