//! Project format 3: one line per mapping, older formats still loading, saves stable.

use std::path::Path;

use htq_mapper::model::{Coverage, FORMAT_VERSION, Mapping};
use htq_mapper::sample::{sample_project, stress_project};
use htq_mapper::store::{parse_project, project_to_string};

fn mappings_block(text: &str) -> Vec<&str> {
    let start = text.find("    mappings: [\n").expect("a mappings list") + "    mappings: [\n".len();
    let end = start + text[start..].find("\n    ],\n").expect("its end");
    text[start..end].lines().collect()
}

#[test]
fn format_3_writes_one_line_per_mapping_and_reads_it_back_byte_for_byte() {
    assert_eq!(FORMAT_VERSION, 3);
    let p = stress_project(60, 12);
    let text = project_to_string(&p).unwrap();
    assert!(text.contains("format_version: 3,"));
    let lines = mappings_block(&text);
    assert_eq!(lines.len(), p.mappings.len(), "one line per mapping");
    assert_eq!(
        lines[0], "        (module: \"M4001\", ksb: \"ST9999/K1\", coverage: Full, assessed: true),",
        "defaults (taught, not assessed, no text) are left out"
    );
    let back = parse_project(Path::new("p.ron"), &text).unwrap();
    assert_eq!(back, p);
    assert_eq!(
        project_to_string(&back).unwrap(),
        text,
        "load then save changes no byte"
    );
}

#[test]
fn format_2_files_load_and_save_as_format_3() {
    let v2 = std::fs::read_to_string(htq_mapper_root().join("assets/sample-fdsc-assistant-practitioner.ron")).unwrap();
    assert!(
        v2.contains("format_version: 2") && v2.contains("            taught: true,\n"),
        "the sample is format 2"
    );
    let p = sample_project().unwrap();
    assert_eq!(p.format_version, FORMAT_VERSION);
    assert_eq!(
        p.mappings.len(),
        mappings_block(&v2).iter().filter(|l| l.trim() == "(").count()
    );
    let v3 = project_to_string(&p).unwrap();
    assert_eq!(mappings_block(&v3).len(), p.mappings.len());
    assert!(
        v3.len() * 10 < v2.len() * 9,
        "format 3 is leaner: {} against {} bytes",
        v3.len(),
        v2.len()
    );
    assert_eq!(parse_project(Path::new("p.ron"), &v3).unwrap(), p);
}

fn htq_mapper_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn notes_flags_escapes_and_hand_edits_in_mappings_load() {
    let mut p = stress_project(12, 3);
    let mut m = Mapping::new("M4001", "ST9999/K2".parse().unwrap(), Coverage::Partial);
    m.taught = false;
    m.assessed = true;
    m.note = "Says \"see the handbook\",\nthen (in brackets) a path C:\\x".into();
    m.workplace_reason = "Ward rounds ] with [ brackets".into();
    p.set_mapping(m.clone());
    let text = project_to_string(&p).unwrap();
    assert_eq!(
        mappings_block(&text).len(),
        p.mappings.len(),
        "escaped text stays on its line"
    );
    let back = parse_project(Path::new("p.ron"), &text).unwrap();
    assert_eq!(back.mapping("M4001", &m.ksb), Some(&m));
    assert_eq!(project_to_string(&back).unwrap(), text);

    // A hand-edited line: comments, other spacing, fields reordered.
    let edited = text.replace(
        "        (module: \"M4001\", ksb: \"ST9999/K1\", coverage: Full, assessed: true),",
        "        // the first one\n        ( coverage : Full,ksb:\"ST9999/K1\" , /* why */ module: \"M4001\" ),",
    );
    assert_ne!(edited, text);
    let hand = parse_project(Path::new("p.ron"), &edited).unwrap();
    assert!(!hand.mapping("M4001", &"ST9999/K1".parse().unwrap()).unwrap().assessed);
    assert_eq!(hand.mappings.len(), p.mappings.len());
}

#[test]
fn a_bad_mapping_is_located_in_the_file() {
    let text = project_to_string(&stress_project(12, 3)).unwrap();
    let line = text.lines().position(|l| l.contains("ksb: \"ST9999/K3\"")).unwrap() + 1;
    let original = text.lines().nth(line - 1).unwrap();
    let bad = text.replacen(original, &original.replacen("Full", "Fully", 1), 1);
    assert_ne!(bad, text);
    let e = parse_project(Path::new("p.ron"), &bad).unwrap_err();
    assert_eq!(e.line, Some(line), "{e}");
    assert_eq!(e.column, Some(original.find("Full").unwrap() + 1), "{e}");
    assert!(e.to_string().contains("Fully"), "{e}");
    let unknown = text.replacen("coverage: Full,", "coverage: Full, colour: Red,", 1);
    assert_ne!(unknown, text);
    let e = parse_project(Path::new("p.ron"), &unknown).unwrap_err();
    assert!(e.to_string().contains("colour"), "{e}");
    assert!(e.line.is_some_and(|l| l > 1), "{e}");
}

#[test]
fn comments_reviews_sign_offs_and_the_change_log_save_and_load() {
    use htq_mapper::model::{ChangeLogEntry, CommentTarget, DutyRef, IsoDate, ReviewStatus};
    use htq_mapper::review::{comments, signoff};
    let mut p = sample_project().unwrap();
    let id = comments::add_thread(
        &mut p,
        CommentTarget::Module("HSC401".into()),
        "Ann \"Q\" Lee",
        "2026-11-25T10:00:00Z",
        "Line one\nline two",
    );
    comments::reply(&mut p, &id, "Raj", "2026-11-25T10:05:00Z", "Agreed").unwrap();
    let duty = DutyRef {
        standard: "ST0215".into(),
        code: "D1".into(),
    };
    comments::set_duty_status(&mut p, &duty, ReviewStatus::Query, "Raj", "2026-11-25T10:06:00Z");
    p.sign_offs.push(signoff::sign(
        &p,
        "Raj Patel",
        "Quality lead",
        IsoDate::new(2026, 11, 25).unwrap(),
    ));
    p.change_log.push(ChangeLogEntry {
        at: "2026-11-25T10:07:00Z".into(),
        author: "Raj".into(),
        summary: "1 mapping changed".into(),
    });
    let text = project_to_string(&p).unwrap();
    let back = parse_project(Path::new("p.ron"), &text).unwrap();
    assert_eq!(back, p);
    assert_eq!(project_to_string(&back).unwrap(), text);
    assert!(signoff::state(&back).is_signed());
}

#[test]
fn two_threads_with_one_id_are_refused_at_the_second() {
    use htq_mapper::model::CommentTarget;
    use htq_mapper::review::comments;
    let mut p = sample_project().unwrap();
    comments::add_thread(&mut p, CommentTarget::Programme, "Ann", "2026-11-25T10:00:00Z", "One");
    comments::add_thread(&mut p, CommentTarget::Programme, "Ann", "2026-11-25T10:01:00Z", "Two");
    p.comments[1].id = p.comments[0].id.clone();
    let text = project_to_string(&p).unwrap();
    let e = parse_project(Path::new("dup.ron"), &text).unwrap_err();
    assert!(e.message.contains("used twice"), "{e}");
    let second = text
        .match_indices(&format!("id: \"{}\"", p.comments[0].id))
        .nth(1)
        .unwrap()
        .0;
    assert_eq!(e.line, Some(text[..second].lines().count()), "{e}");
}
