//! Reports a panel can file (issue 15): the HTML report's cover, open comments, duty review
//! statuses, per-module pages and sign-off block (the workbook and CSV are in
//! `panel_workbook`). Every report here is made from the real sample with comments and sign-offs added through
//! `review`, on a fixed day.

use std::path::Path;

use crate::common::*;
use htq_mapper::analysis::analyse;
use htq_mapper::model::{CommentTarget, Coverage, IsoDate, Project, ReviewStatus};
use htq_mapper::report;
use htq_mapper::review::{comments, content_hash, signoff};

pub fn made() -> IsoDate {
    IsoDate::new(2026, 11, 25).unwrap()
}

pub fn sample() -> Project {
    htq_mapper::sample::sample_project().unwrap()
}

/// The sample as a reviewer leaves it: two open threads (one with a reply), one resolved, and
/// duty reviews on D1 (agreed) and D2 (query).
pub fn reviewed() -> Project {
    let mut p = sample();
    let cell = CommentTarget::Cell {
        module: "HSC401".into(),
        ksb: k("K1"),
    };
    let t = comments::add_thread(
        &mut p,
        cell,
        "Priya Shah",
        "2026-11-20T09:15:00Z",
        "Is K1 really full here? The outcomes only touch anatomy.",
    );
    comments::reply(
        &mut p,
        &t,
        "Sam Jones",
        "2026-11-21T14:02:00Z",
        "LO2 covers physiology of the main systems; see the exam brief.",
    )
    .unwrap();
    comments::add_thread(
        &mut p,
        CommentTarget::Duty(d("D2")),
        "Priya Shah",
        "2026-11-20T09:20:00Z",
        "Duty 2 leans on one module only.",
    );
    let done = comments::add_thread(
        &mut p,
        CommentTarget::Module("HSC402".into()),
        "Sam Jones",
        "2026-11-19T10:00:00Z",
        "Typo in the module title: fixed in the descriptor.",
    );
    assert!(comments::set_resolved(
        &mut p,
        &done,
        true,
        "Sam Jones",
        "2026-11-19T11:00:00Z"
    ));
    comments::set_duty_status(
        &mut p,
        &d("D1"),
        ReviewStatus::Agreed,
        "Priya Shah",
        "2026-11-22T10:00:00Z",
    );
    comments::set_duty_status(
        &mut p,
        &d("D2"),
        ReviewStatus::Query,
        "Priya Shah",
        "2026-11-22T10:05:00Z",
    );
    p
}

/// `reviewed()` signed off by the programme leader.
pub fn signed() -> Project {
    let mut p = reviewed();
    let s = signoff::sign(
        &p,
        "Dr Alex Morgan",
        "Programme leader",
        IsoDate::new(2026, 11, 24).unwrap(),
    );
    p.sign_offs.push(s);
    p
}

fn html(p: &Project) -> String {
    report::html::report(p, &analyse(p), made())
}

/// The text of one section of the HTML report, by its id.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap()]
}

fn cover(html: &str) -> &str {
    let start = html.find("<header class=\"report cover\"").expect("a cover");
    &html[start..start + html[start..].find("</header>").unwrap()]
}

#[test]
fn the_cover_names_programme_award_body_standards_date_and_hash() {
    let p = reviewed();
    let html = html(&p);
    let cover = cover(&html);
    for needle in [
        "KSB mapping report",
        "FdSc Health and Social Care (Assistant Practitioner)",
        "University of the Downs",
        "ST0215",
        "Assistant practitioner (health)",
        ">1.2<",
        "Approved for delivery",
        "Report made",
        "25 November 2026",
        "Content hash",
    ] {
        assert!(cover.contains(needle), "the cover lacks {needle}");
    }
    let hash = content_hash(&p);
    assert_eq!(hash.len(), 64);
    assert!(cover.contains(&hash), "the cover gives the content hash");
    assert!(
        cover.contains("2 open comment threads"),
        "the cover counts the open threads"
    );
    // The day made is the one passed in, not the clock's.
    let other = report::html::report(&p, &analyse(&p), IsoDate::new(2027, 1, 3).unwrap());
    assert!(cover_of(&other).contains("3 January 2027"));
    assert!(!cover_of(&other).contains("25 November 2026"));
}

fn cover_of(html: &str) -> String {
    cover(html).to_string()
}

#[test]
fn unsigned_the_sign_off_section_is_a_blank_block_to_sign() {
    let p = reviewed();
    let html = html(&p);
    let s = section(&html, "sign-off");
    assert!(s.contains("<h2>Sign-off</h2>"));
    assert!(s.contains("No reviewer has signed"));
    assert!(s.contains("class=\"sign-block\""));
    for label in ["Name", "Role", "Signature", "Date"] {
        assert!(
            s.contains(&format!("<span class=\"label\">{label}</span><span class=\"line\">")),
            "a line for {label}"
        );
    }
    assert!(s.contains(&content_hash(&p)), "the hash to be signed");
    assert!(cover(&html).contains("not signed"));
}

#[test]
fn signed_the_sign_off_section_names_the_signer_and_that_it_matches() {
    let p = signed();
    let html = html(&p);
    let s = section(&html, "sign-off");
    for needle in ["Dr Alex Morgan", "Programme leader", "24 November 2026", "matches"] {
        assert!(s.contains(needle), "the sign-off lacks {needle}");
    }
    assert!(s.contains(&p.sign_offs[0].hash));
    assert!(!s.contains("sign-block"), "no blank block once signed");
    assert!(!s.contains(">stale<"));
    assert!(cover(&html).contains("signed</span> by Dr Alex Morgan"));
}

#[test]
fn a_stale_sign_off_says_so_with_what_changed() {
    let mut p = signed();
    let signed_hash = p.sign_offs[0].hash.clone();
    // Two cells changed after signing: one removed, one from full to partial.
    let first = p.mappings.iter().next().unwrap().clone();
    p.mappings.remove(&first.module, &first.ksb);
    let full = p
        .mappings
        .iter()
        .find(|m| m.coverage == Coverage::Full)
        .unwrap()
        .clone();
    let mut partial = full.clone();
    partial.coverage = Coverage::Partial;
    p.set_mapping(partial);

    let html = html(&p);
    let s = section(&html, "sign-off");
    assert!(s.contains("Dr Alex Morgan"));
    assert!(s.contains(">stale<"), "the sign-off shows as stale");
    assert!(
        s.contains("1 mapping removed, 1 changed"),
        "with the change counts: {s}"
    );
    assert!(s.contains(&signed_hash));
    assert!(s.contains(&content_hash(&p)), "and the hash a new sign-off would sign");
    assert!(s.contains("sign-block"), "a block to sign the mapping as it is now");
    assert!(!s.contains(">matches<"));
    let cover = cover(&html);
    assert!(cover.contains(">stale<") && cover.contains("1 mapping removed, 1 changed"));
}

#[test]
fn open_comments_are_listed_by_target_and_resolved_ones_are_not() {
    let html = html(&reviewed());
    let s = section(&html, "comments");
    assert!(s.contains("<h2>Open comments</h2>"));
    assert!(s.contains("Is K1 really full here?"));
    assert!(s.contains("LO2 covers physiology"), "replies are listed");
    assert!(s.contains("Duty 2 leans on one module only."));
    assert!(s.contains("HSC401 × ST0215/K1"), "grouped under the cell");
    assert!(s.contains("Duty ST0215/D2"), "grouped under the duty");
    assert!(s.contains("Priya Shah") && s.contains("2026-11-20 09:15"));
    assert!(
        !html.contains("Typo in the module title"),
        "a resolved thread is not listed"
    );
    assert!(s.contains("1 resolved thread is kept"));
    // Groups come in the targets' order: programme, modules, KSBs, duties, cells.
    assert!(s.find("Duty ST0215/D2") < s.find("HSC401 × ST0215/K1"));

    let none = html_of_sample();
    assert!(section(&none, "comments").contains("No comment thread is open."));
}

fn html_of_sample() -> String {
    html(&sample())
}

#[test]
fn each_duty_shows_its_review_status() {
    let html = html(&reviewed());
    let s = section(&html, "duties");
    assert!(s.contains("<th>Review</th>"));
    let row = |code: &str| {
        let at = s.find(&format!("<td class=\"code\">{code}</td>")).unwrap();
        &s[at..at + s[at..].find("</tr>").unwrap()]
    };
    assert!(row("D1").contains(">agreed<"), "{}", row("D1"));
    assert!(row("D1").contains("Priya Shah"));
    assert!(row("D2").contains(">query<"));
    assert!(row("D3").contains(">not reviewed<"));
}

#[test]
fn each_module_has_its_own_part_and_printed_they_flow_on() {
    let p = sample();
    let html = html(&p);
    let s = section(&html, "modules");
    for m in &p.modules {
        assert!(
            s.contains(&format!("<article class=\"module-page\" id=\"module-{}\">", m.code)),
            "{} has its page",
            m.code
        );
    }
    assert!(
        !html.contains("article.module-page + article.module-page { break-before: page;"),
        "modules no longer each start a page (issue 25: seven pages held three lines)"
    );
}

// ---- Printed: page numbers and a page per module, as Chromium prints them.

fn print_to_pdf(html_path: &Path, pdf: &Path) -> bool {
    if !chromium_available() {
        return false;
    }
    let profile = tempfile::tempdir().unwrap();
    chromium(
        profile.path(),
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", html_path.display()),
        ],
    );
    true
}

#[test]
fn printed_pages_are_numbered_and_modules_flow_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let p = signed();
    report::write_report(&path, &p, &analyse(&p), made()).unwrap();
    let pdf = dir.path().join("report.pdf");
    if !print_to_pdf(&path, &pdf) {
        return;
    }
    let o = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs (scripts/install-test-deps installs poppler-utils)");
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let pages: Vec<&str> = text.split('\u{c}').filter(|s| !s.trim().is_empty()).collect();
    let n = pages.len();
    assert!(n > 10, "{n} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {n}", i + 1)),
            "page {} has no number: {page}",
            i + 1
        );
    }
    assert!(
        pages[0].contains("Content hash") && !pages[0].contains("Summary\n"),
        "the cover is a page of its own"
    );
    // Modules flow on: some printed page holds the headings of two modules.
    let headings: Vec<String> = p.modules.iter().map(|m| format!("{} {}", m.code, m.title)).collect();
    assert!(
        pages
            .iter()
            .any(|pg| headings.iter().filter(|h| pg.contains(h.as_str())).count() >= 2),
        "no page holds two modules"
    );
    assert!(text.contains("Sign-off") && text.contains("Dr Alex Morgan"));
}

/// Writes the sample's HTML report, reviewed and signed, and unsigned, to the test target
/// directory, for the screenshots in docs/screenshots (see scripts/report-screenshots).
#[test]
fn panel_reports_for_the_screenshots() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let mut stale = signed();
    let first = stale.mappings.iter().next().unwrap().clone();
    stale.mappings.remove(&first.module, &first.ksb);
    for (name, p) in [
        ("panel-signed.html", signed()),
        ("panel-unsigned.html", reviewed()),
        ("panel-stale.html", stale),
    ] {
        let path = dir.join(name);
        report::write_report(&path, &p, &analyse(&p), made()).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("Sign-off"));
    }
}
