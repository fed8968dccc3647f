//! Issue 24's last hostile files and silent losses, run as a user would: each gives a clear
//! error at its place, or is refused before it can cost memory or lose a record.

use std::path::{Path, PathBuf};

use crate::common;

fn corpus(rel: &str) -> PathBuf {
    common::root().join("tests/corpus").join(rel)
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `new` on ST0215's saved standard with a module list: (exit code, stderr, wrote the project).
fn new_with(modules: &Path) -> (Option<i32>, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ron");
    let o = common::htq_new_on(&common::root().join("standards/ST0215.ron"), modules, None, &out, &[]);
    (o.status.code(), common::stderr(&o), out.exists())
}

#[test]
fn an_ods_whose_repeats_expand_to_gigabytes_is_refused_with_the_sheet_and_the_figure() {
    let bomb = corpus("modules/repeat-bomb.ods");
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1000, "the bomb is under 1 KB");
    let (code, err, wrote) = new_with(&bomb);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("repeat-bomb.ods: sheet `Modules` is refused: its repeated rows and cells expand to"),
        "{err}"
    );
    assert!(err.contains("MB of text"), "the figure is given: {err}");
    assert!(!wrote);
    // As descriptors too.
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    std::fs::copy(common::sample_path(), &project).unwrap();
    let o = common::htq(&["import-descriptors", arg(&project), arg(&bomb)]);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    assert!(common::stderr(&o).contains("is refused"), "{}", common::stderr(&o));
}

#[test]
fn crlf_and_cr_only_module_lists_report_the_true_line() {
    for name in ["bad-level-crlf.csv", "bad-level-cr.csv"] {
        let (code, err, _) = new_with(&corpus(&format!("modules/{name}")));
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains(&format!("{name}:3:3: level `4.5`")), "{name}: {err}");
    }
}

#[test]
fn module_codes_that_only_look_alike_are_one_code_given_twice() {
    for name in ["lookalike-codes.csv", "zero-width-code.csv"] {
        let (code, err, wrote) = new_with(&corpus(&format!("modules/{name}")));
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains(&format!("{name}:3:1: module code")), "{name}: {err}");
        assert!(err.contains("appears twice, first on line 2"), "{name}: {err}");
        assert!(err.contains("only look different"), "{name}: {err}");
        assert!(!wrote);
    }
}

#[test]
fn a_duplicated_mapping_is_an_error_at_its_line_and_column() {
    let file = corpus("project/duplicate-mapping.ron");
    let o = common::htq(&["check", arg(&file)]);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    let err = common::stderr(&o);
    assert!(
        err.contains("duplicate-mapping.ron:586:9: the mapping HSC402 × ST0215/K1 is listed twice"),
        "{err}"
    );
    assert!(err.contains("first on line 585"), "{err}");
}

fn signed_copy(dir: &Path) -> PathBuf {
    let path = dir.join("signed.ron");
    std::fs::copy(common::sample_path(), &path).unwrap();
    let o = common::htq(&["sign-off", arg(&path), "--name", "Ann Lee", "--role", "Quality lead"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    path
}

#[test]
fn an_edited_signer_or_deleted_content_fails_require_signoff() {
    let dir = tempfile::tempdir().unwrap();
    let path = signed_copy(dir.path());
    let o = common::htq(&["check", arg(&path), "--json", "--require-signoff"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["sign_off"]["state"], "signed", "{}", common::stdout(&o));
    assert_eq!(json["sign_off"]["record_intact"], true);
    let text = std::fs::read_to_string(&path).unwrap();

    // The signer's name changed by hand.
    std::fs::write(&path, text.replace("\"Ann Lee\"", "\"Bob Hall\"")).unwrap();
    let o = common::htq(&["check", arg(&path), "--require-signoff"]);
    assert_eq!(o.status.code(), Some(1), "{}", common::stdout(&o));
    assert!(common::stdout(&o).contains("is not intact"), "{}", common::stdout(&o));

    // The kept content deleted.
    // From `content: [` to the line that closes it (its strings hold `],` of their own).
    let start = text.find("content: [").unwrap();
    let indent = text[..start].rsplit('\n').next().unwrap();
    let close = format!("\n{indent}],");
    let end = start + text[start..].find(&close).unwrap() + close.len();
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let o = common::htq(&["check", arg(&path), "--require-signoff"]);
    assert_eq!(o.status.code(), Some(1), "{}", common::stdout(&o));
    assert!(
        common::stdout(&o).contains("kept none of the content"),
        "{}",
        common::stdout(&o)
    );
}

#[test]
fn sign_off_prints_nothing_signed_when_it_cannot_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = signed_copy(dir.path());
    // Sign again under another name after making the folder read-only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let before = std::fs::read(&path).unwrap();
        let o = common::htq(&["sign-off", arg(&path), "--name", "Bob Hall", "--role", "Employer"]);
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        // Root may write anyway; then the sign-off is saved and says so.
        if !o.status.success() {
            assert_eq!(o.status.code(), Some(2));
            assert!(!common::stdout(&o).contains("Signed off"), "{}", common::stdout(&o));
            assert_eq!(std::fs::read(&path).unwrap(), before, "the file is untouched");
        }
    }
}

#[test]
fn import_standard_out_naming_a_file_says_it_wants_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("taken.ron");
    std::fs::write(&file, "x").unwrap();
    let page = common::shared(common::ST0215_PAGE);
    let o = common::htq(&["import-standard", arg(&page), "--out", arg(&file)]);
    assert_eq!(o.status.code(), Some(2));
    let err = common::stderr(&o);
    assert!(err.contains("is a file, not a folder"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn a_ksb_number_too_long_to_read_is_an_error_not_dropped() {
    let text = std::fs::read_to_string(common::shared(common::ST0215_PAGE)).unwrap();
    let (at, _) = text.match_indices("\nK1:").next().expect("ST0215 defines K1");
    let edited = format!(
        "{}\nK99999999999999999999: An impossible KSB{}",
        &text[..at],
        &text[at..]
    );
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, &edited).unwrap();
    let e = htq_mapper::import::read_standards(&page).unwrap_err().to_string();
    // `at` is the line end before K1's line, where the new line goes.
    let line = edited[..at].matches('\n').count() + 2;
    assert!(
        e.contains(&format!("page.txt:{line}:1: K99999999999999999999 is not a KSB number")),
        "{e}"
    );
}

#[test]
fn a_text_longer_than_a_field_may_hold_is_refused_at_import_and_load() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("m.csv");
    let long = "x".repeat(htq_mapper::model::MAX_TEXT_BYTES + 1);
    std::fs::write(
        &list,
        format!("code,title,level,credits,status\nA401,{long},4,20,core\n"),
    )
    .unwrap();
    let (code, err, wrote) = new_with(&list);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("m.csv:2:2: module A401: the title is 101 KB long"),
        "{err}"
    );
    assert!(!wrote);

    let mut p = htq_mapper::sample::sample_project().unwrap();
    p.modules[0].title = long;
    let path = dir.path().join("p.ron");
    htq_mapper::store::save_project(&path, &p).unwrap();
    let e = htq_mapper::store::load_project(&path).unwrap_err().to_string();
    assert!(
        e.contains("title is 101 KB long; one text may hold at most 100 KB"),
        "{e}"
    );
}

#[test]
fn nothing_is_written_that_the_readers_would_refuse() {
    // 700 modules with a 99 KB description each: 69 MB, over the 67 MB a reader reads.
    let mut p = htq_mapper::sample::sample_project().unwrap();
    let template = p.modules[0].clone();
    p.modules = (0..700)
        .map(|i| htq_mapper::model::Module {
            code: format!("BIG{i}"),
            description: "y".repeat(99_000),
            ..template.clone()
        })
        .collect();
    p.mappings.clear();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let e = htq_mapper::store::save_project(&path, &p).unwrap_err().to_string();
    assert!(e.contains("big.ron: is more than the 67 MB this tool reads"), "{e}");
    assert!(e.contains("nothing was written"), "{e}");
    assert!(!path.exists());
}
