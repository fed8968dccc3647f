//! Print that reads (issue 25): the sample's workbook printed through LibreOffice and its HTML
//! report printed through Chromium, measured page by page with `pdftotext -bbox`: the median
//! height of a page's words, in points, and how far down the page its text reaches. Each test
//! skips, saying so, where its printer is not installed (LibreOffice is not in
//! scripts/install-test-deps: it is large, and CI time stays small).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;
use crate::panel_reports::{made, signed};
use htq_mapper::analysis::analyse;
use htq_mapper::report;

/// Text may print no smaller than this, as the median word height of any page, in points.
const LEGIBLE: f64 = 7.5;

/// One printed page: its height and each word's box (top, bottom), in points, and text.
pub struct Page {
    pub height: f64,
    pub words: Vec<(f64, f64)>,
    pub text: Vec<String>,
}

impl Page {
    /// The median word height, in points.
    pub fn median_word_height(&self) -> f64 {
        let mut h: Vec<f64> = self.words.iter().map(|(top, bottom)| bottom - top).collect();
        h.sort_by(f64::total_cmp);
        h.get(h.len() / 2).copied().unwrap_or(0.0)
    }

    /// The height of the page's smallest word, in points (a word set vertically measures its
    /// length: the workbook's matrix titles are).
    pub fn smallest_word(&self) -> f64 {
        self.words
            .iter()
            .map(|(top, bottom)| bottom - top)
            .fold(f64::INFINITY, f64::min)
    }

    /// The height of the first word reading `word`, in points.
    pub fn height_of(&self, word: &str) -> Option<f64> {
        let i = self.text.iter().position(|t| t == word)?;
        self.words.get(i).map(|(top, bottom)| bottom - top)
    }

    /// How far down the page the text reaches (0 to 1), leaving out the foot's margin boxes.
    pub fn filled(&self) -> f64 {
        let foot = self.height - 45.0;
        let bottom = self
            .words
            .iter()
            .filter(|(top, _)| *top < foot)
            .map(|&(_, b)| b)
            .fold(0.0, f64::max);
        bottom / self.height
    }
}

fn attr(tag: &str, name: &str) -> f64 {
    let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
}

/// The pages of a PDF, as `pdftotext -bbox` measures them.
pub fn pages(pdf: &Path) -> Vec<Page> {
    let o = Command::new("pdftotext")
        .args(["-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs (scripts/install-test-deps installs poppler-utils)");
    let xml = String::from_utf8_lossy(&o.stdout);
    let mut out: Vec<Page> = Vec::new();
    for tag in xml.split('<').skip(1) {
        if tag.starts_with("page ") {
            out.push(Page {
                height: attr(tag, "height"),
                words: Vec::new(),
                text: Vec::new(),
            });
        } else if tag.starts_with("word ")
            && let Some(p) = out.last_mut()
        {
            p.words.push((attr(tag, "yMin"), attr(tag, "yMax")));
            p.text
                .push(tag[tag.find('>').map_or(tag.len(), |i| i + 1)..].to_string());
        }
    }
    out
}

const SOFFICE: &str = "soffice";

/// Whether LibreOffice is here to print a workbook.
fn soffice_available() -> bool {
    let here = Command::new(SOFFICE)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !here {
        println!("note: skipping, LibreOffice (soffice) is not installed; apt-get install libreoffice-calc");
    }
    here
}

/// Prints a workbook to PDF through LibreOffice, with a throwaway profile.
pub fn print_workbook(xlsx: &Path, out_dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new(SOFFICE)
        .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .arg(xlsx)
        .output()
        .expect("soffice runs");
    let pdf = out_dir.join(xlsx.with_extension("pdf").file_name().unwrap());
    assert!(pdf.exists(), "soffice made no PDF: {}", stderr(&o));
    pdf
}

/// Prints an HTML report to A4 PDF through headless Chromium.
pub fn print_html(html: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    chromium(
        profile.path(),
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", html.display()),
        ],
    );
}

#[test]
fn the_sample_workbook_prints_legibly_on_every_page() {
    if !soffice_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.xlsx");
    let p = signed();
    report::write_report(&path, &p, &analyse(&p), made()).unwrap();
    let pdf = print_workbook(&path, dir.path());
    let pages = pages(&pdf);
    assert!(pages.len() >= 8, "every sheet prints: {} pages", pages.len());
    let heights: Vec<f64> = pages.iter().map(Page::median_word_height).collect();
    println!("median word height per page (pt): {heights:.1?}");
    for (i, h) in heights.iter().enumerate() {
        assert!(*h >= LEGIBLE, "page {} prints at {h:.1} pt: {heights:.1?}", i + 1);
    }
    // The footer's content hash and page number shrink with the sheet fitted to the page:
    // set at 8 pt they printed at 6 pt.
    let footer: Vec<f64> = pages.iter().map(|p| p.height_of("hash").unwrap_or(0.0)).collect();
    println!("footer's word height per page (pt): {footer:.1?}");
    assert!(footer.iter().all(|h| *h >= LEGIBLE), "{footer:.1?}");
}

#[test]
fn the_sample_html_report_prints_legibly_and_its_pages_are_not_left_empty() {
    if !chromium_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let p = signed();
    report::write_report(&path, &p, &analyse(&p), made()).unwrap();
    let pdf = dir.path().join("report.pdf");
    print_html(&path, &pdf);
    let pages = pages(&pdf);
    let heights: Vec<f64> = pages.iter().map(Page::median_word_height).collect();
    let filled: Vec<f64> = pages.iter().map(Page::filled).collect();
    println!("median word height per page (pt): {heights:.1?}");
    println!("share of each page filled: {filled:.2?}");
    for (i, h) in heights.iter().enumerate() {
        assert!(*h >= LEGIBLE, "page {} prints at {h:.1} pt: {heights:.1?}", i + 1);
    }
    // Not only the median: the footer, the cover's kicker and the hashes print at 8 pt too
    // (a word's box in DejaVu Sans Mono is a little shorter than its size).
    let smallest: Vec<f64> = pages.iter().map(Page::smallest_word).collect();
    println!("smallest word per page (pt): {smallest:.1?}");
    for (i, h) in smallest.iter().enumerate() {
        assert!(*h >= 7.0, "page {} has a word at {h:.1} pt: {smallest:.1?}", i + 1);
    }
    // Pages end where they fill; only the last, and the one before the Sign-off's own page,
    // may end early.
    let n = pages.len();
    let text = pdf_text(&pdf);
    let sign_off = text
        .iter()
        .rposition(|t| t.lines().any(|l| l.trim() == "Sign-off"))
        .unwrap();
    for (i, f) in filled.iter().enumerate() {
        if i + 1 == n || i + 1 == sign_off {
            continue;
        }
        assert!(
            *f >= 1.0 / 3.0,
            "page {} is {:.0}% full: {filled:.2?}",
            i + 1,
            f * 100.0
        );
    }
}

/// Each page's text.
pub fn pdf_text(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&o.stdout)
        .split('\u{c}')
        .map(str::to_string)
        .collect()
}

/// Writes the sample's workbook and HTML report, signed, to the test target directory, for
/// the printed pages in docs/screenshots (see scripts/report-screenshots).
#[test]
fn printed_reports_for_the_screenshots() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let p = signed();
    for name in ["panel-print.xlsx", "panel-print.html"] {
        let path = dir.join(name);
        report::write_report(&path, &p, &analyse(&p), made()).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 1000);
    }
}
