//! Bad and awkward input for every loader: each gives a clear, located error (or loads,
//! where the input is merely awkward), and none panics.

use crate::common;

use std::path::{Path, PathBuf};

use htq_mapper::Error;

fn corpus(rel: &str) -> PathBuf {
    common::root().join("tests/corpus").join(rel)
}

/// The error's text, and its line if it has one.
fn project_error(rel: &str) -> (String, Option<usize>) {
    match htq_mapper::store::load_project(&corpus(rel)) {
        Ok(_) => panic!("{rel} loaded"),
        Err(Error::Input(e)) => (e.to_string(), e.line),
        Err(e) => (e.to_string(), None),
    }
}

fn standard_error(rel: &str) -> (String, Option<usize>) {
    match htq_mapper::import::read_standards(&corpus(rel)) {
        Ok(_) => panic!("{rel} imported"),
        Err(Error::Input(e)) => (e.to_string(), e.line),
        Err(e) => (e.to_string(), None),
    }
}

#[test]
fn bad_projects_give_located_errors() {
    let cases: &[(&str, &str, Option<usize>)] = &[
        ("project/empty.ron", "is empty", None),
        ("project/truncated.ron", "cut short", Some(117)),
        ("project/binary.ron", "is a binary file", Some(1)),
        ("project/invalid-utf8.ron", "is not valid UTF-8", Some(8)),
        ("project/wrong-type.ron", "Expected integer", Some(18)),
        ("project/duplicate-module.ron", "module code HSC401 is used twice", None),
        ("project/duplicate-ksb.ron", "lists K1 twice", None),
        ("project/unknown-field.ron", "colour", Some(3)),
        (
            "project/newer-version.ron",
            "made by a newer version of HTQ Mapper",
            None,
        ),
        ("project/nested.ron", "", Some(1)),
    ];
    for (file, needle, line) in cases {
        let (msg, at) = project_error(file);
        assert!(
            msg.contains(file.rsplit('/').next().unwrap()),
            "{file}: the message names the file: {msg}"
        );
        assert!(msg.contains(needle), "{file}: expected `{needle}` in: {msg}");
        if let Some(l) = line {
            assert_eq!(at, Some(*l), "{file}: {msg}");
        }
        assert!(msg.contains("hint:"), "{file}: says what to do: {msg}");
    }
    // A bad value on a mapping's line (parsed on its own) is not mistaken for a cut-short file.
    let (msg, _) = project_error("project/bad-coverage.ron");
    assert!(msg.contains("Unexpected variant named `Fulll`"), "{msg}");
    assert!(!msg.contains("cut short"), "{msg}");
    // Errors found after parsing still point at the line.
    let (msg, at) = project_error("project/duplicate-module.ron");
    assert!(at.is_some(), "{msg}");
}

#[test]
fn awkward_but_valid_input_loads() {
    let p = htq_mapper::store::load_project(&corpus("project/crlf-bom.ron")).unwrap();
    assert_eq!(p, common::without_outcomes(sample_without_descriptions()));
    let s = htq_mapper::import::read_standards(&corpus("standard/st0215-crlf-bom.txt")).unwrap();
    assert_eq!(s[0].standard.counts(), (36, 33, 3));
    assert_eq!(s[0].standard.duties.len(), 10);
}

#[test]
fn mappings_to_a_missing_module_are_reported_not_dropped() {
    let p = htq_mapper::store::load_project(&corpus("project/missing-module-mapping.ron")).unwrap();
    assert!(p.mappings.iter().any(|m| m.module == "HSC999"), "kept");
    let a = htq_mapper::analysis::analyse(&p);
    assert!(
        a.findings.iter().any(|f| f.id.starts_with("dangling-mapping:HSC999")),
        "reported"
    );
}

#[test]
fn bad_standards_give_located_errors() {
    let cases: &[(&str, &str, Option<usize>)] = &[
        ("standard/empty.txt", "no standard reference", None),
        ("standard/duplicate-ksb.txt", "K2 is defined twice", Some(139)),
        ("standard/no-reference.txt", "no standard reference", None),
        ("standard/no-ksbs.txt", "no KSB lines", None),
        ("standard/truncated.json", "invalid JSON", Some(1)),
        ("standard/wrong-type.json", "invalid type", None),
        ("standard/nested.json", "recursion limit", Some(1)),
    ];
    for (file, needle, line) in cases {
        let (msg, at) = standard_error(file);
        assert!(msg.contains(file.rsplit('/').next().unwrap()), "{file}: {msg}");
        assert!(msg.contains(needle), "{file}: expected `{needle}` in: {msg}");
        if let Some(l) = line {
            assert_eq!(at, Some(*l), "{file}: {msg}");
        }
    }
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.ron");
    // Sparse: takes no disk, but claims more than the limit.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(htq_mapper::fsio::MAX_INPUT_BYTES + 1)
        .unwrap();
    let e = htq_mapper::store::load_project(&big).unwrap_err().to_string();
    assert!(e.contains("huge.ron") && e.contains("more than"), "{e}");
    let e = htq_mapper::import::read_standards(Path::new(&big))
        .unwrap_err()
        .to_string();
    assert!(e.contains("more than"), "{e}");
}

/// Module lists and matrices go through `htq-mapper new`, as a provider's files would.
fn new_with(modules: &str, matrix: Option<&str>) -> (Option<i32>, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.ron");
    let matrix = matrix.map(corpus);
    let o = common::htq_new(&corpus(modules), matrix.as_deref(), &out, &[]);
    (o.status.code(), common::stderr(&o), out.exists())
}

#[test]
fn bad_module_lists_and_matrices_give_located_errors() {
    let cases: &[(&str, Option<&str>, &str)] = &[
        ("modules/empty.csv", None, "empty.csv: is empty"),
        (
            "modules/unclosed-quote.csv",
            None,
            "unclosed-quote.csv:3:4: a quoted field opens here and is never closed",
        ),
        (
            "modules/duplicate-code.csv",
            None,
            "duplicate-code.csv:3:1: module code A1 appears twice",
        ),
        ("modules/wrong-type.csv", None, "wrong-type.csv:2:4: credits `twenty`"),
        ("modules/missing-column.csv", None, "missing-column.csv:1:1"),
        ("modules/binary.csv", None, "binary.csv:1:"),
        ("modules/truncated.csv", None, "truncated.csv"),
        (
            "modules/crlf-bom.csv",
            Some("matrix/unknown-codes.csv"),
            "line 3, column 1: K99 is not a KSB",
        ),
        (
            "modules/crlf-bom.csv",
            Some("matrix/invalid-utf8.csv"),
            "invalid-utf8.csv:2:",
        ),
    ];
    for (modules, matrix, needle) in cases {
        let (code, err, wrote) = new_with(modules, *matrix);
        assert_eq!(code, Some(2), "{modules} {matrix:?}: {err}");
        assert!(
            err.contains(needle),
            "{modules} {matrix:?}: expected `{needle}` in: {err}"
        );
        assert!(!wrote, "{modules}: no partial project is left behind");
        assert!(!err.contains("panicked"), "{modules}: no panic reaches the user: {err}");
    }
    let (code, err, wrote) = new_with("modules/crlf-bom.csv", Some("matrix/crlf-bom.csv"));
    assert_eq!(code, Some(0), "CRLF and a BOM are fine: {err}");
    assert!(wrote);
}

#[test]
fn format_1_projects_load_and_migrate() {
    let old = htq_mapper::store::load_project(&corpus("project/format-1.ron")).unwrap();
    assert_eq!(
        old,
        common::without_outcomes(sample_without_descriptions()),
        "the same programme, brought up to date"
    );
    assert_eq!(old.format_version, htq_mapper::model::FORMAT_VERSION);
    let text = htq_mapper::store::project_to_string(&old).unwrap();
    assert!(text.contains("format_version: 3"));
    assert!(
        text.contains("ksb: \"ST0215/K1\""),
        "format 2 writes KSB references as strings"
    );
    let v1 = std::fs::read_to_string(corpus("project/format-1.ron")).unwrap();
    assert!(
        v1.contains("format_version: 1") && v1.contains("standard: \"ST0215\""),
        "the fixture really is format 1"
    );
}

/// `htq-mapper new` on ST0215 with a module list and an optional matrix, as the issue ran it.
fn new_st0215(modules: &Path, matrix: Option<&Path>) -> (Option<i32>, String, bool, std::time::Duration) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ron");
    let standard = common::root().join("standards/ST0215.ron");
    let start = std::time::Instant::now();
    let o = common::htq_new_on(&standard, modules, matrix, &out, &[]);
    (o.status.code(), common::stderr(&o), out.exists(), start.elapsed())
}

#[test]
fn a_cell_far_out_on_a_sheet_is_refused_by_name() {
    // calamine would build a dense range to XFD1048576: 512 GiB, and the process would abort.
    let (code, err, wrote, _) = new_st0215(&corpus("modules/far-cell.xlsx"), None);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("far-cell.xlsx: sheet `Modules`, cell XFD1048576 is outside the 5,000 rows × 1,000 columns"),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
    assert!(!wrote);
    // The earlier fuzzer find still gives a clear error and no panic report.
    let (code, err, _, _) = new_st0215(&corpus("modules/calamine-dimension-overflow.xlsx"), None);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("calamine-dimension-overflow.xlsx: ") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn a_legacy_xls_reaching_far_out_is_refused_and_a_plain_one_imports() {
    // Its DIMENSIONS record claims 4 billion rows: calamine reserved memory for them and aborted.
    let (code, err, wrote, _) = new_st0215(&corpus("modules/far-cell.xls"), None);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("far-cell.xls: sheet `Modules`, cell GS4294967295 is outside the 5,000 rows × 1,000 columns"),
        "{err}"
    );
    assert!(!wrote);
    let (code, err, wrote, _) = new_st0215(&corpus("modules/modules.xls"), None);
    assert_eq!(code, Some(0), "{err}");
    assert!(wrote);
}

#[test]
fn a_zip_bomb_is_refused_as_a_module_list_and_as_a_matrix() {
    let bomb = corpus("modules/zip-bomb.xlsx");
    assert!(std::fs::metadata(&bomb).unwrap().len() < 3 << 20, "the bomb is small");
    let (code, err, wrote, took) = new_st0215(&bomb, None);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("zip-bomb.xlsx: is refused: its part xl/worksheets/sheet1.xml unpacks to 2050 MB (at most 64 MB)"),
        "{err}"
    );
    assert!(!wrote);
    // Refused from the zip directory, before anything inflates (a debug build, so loosely).
    assert!(took.as_secs() < 5, "{took:?}");

    let (code, err, wrote, _) = new_st0215(&corpus("modules/crlf-bom.csv"), Some(&bomb));
    assert_eq!(code, Some(2), "as a matrix too, not \"0 mappings\": {err}");
    assert!(err.contains("zip-bomb.xlsx: is refused"), "{err}");
    assert!(!wrote);
}

#[test]
fn a_matrix_that_maps_nothing_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let modules = corpus("modules/crlf-bom.csv");
    for (matrix, needle) in [
        ("KSB,Notes\nK1,\n", "names no module of this project"),
        ("KSB,A401\n", "has no rows of KSB codes"),
        // One module in two columns: which marks are meant is not for the importer to guess.
        (
            "KSB,A401,A401\nK1,F,P\n",
            "matrix.csv:1:3: 1 problem in the matrix:\n  line 1, column 3: A401 is named again (first in column 2)",
        ),
        // One KSB in two rows: the second once overwrote the first's marks unasked.
        (
            "KSB,A401\nK1,X\nK2,X\nST0215/K1,P\n",
            "matrix.csv:4:1: 1 problem in the matrix:\n  line 4, column 1: ST0215/K1 is listed again (first at line 2, column 1); keep one row per KSB",
        ),
    ] {
        let path = dir.path().join("matrix.csv");
        std::fs::write(&path, matrix).unwrap();
        let (code, err, wrote, _) = new_st0215(&modules, Some(&path));
        assert_eq!(code, Some(2), "{matrix}: {err}");
        assert!(err.contains(needle), "{matrix}: {err}");
        assert!(!wrote);
    }
    // Module columns over blank marks are a template, and load.
    let path = dir.path().join("matrix.csv");
    std::fs::write(&path, "KSB,A401\nK1,\n").unwrap();
    let (code, err, _, _) = new_st0215(&modules, Some(&path));
    assert_eq!(code, Some(0), "{err}");
}

/// Devices are refused at once, not read for ever; a pipe is read, as `cat` would, so a script
/// can check a copy from elsewhere (`git show main:p.ron | htq-mapper check /dev/stdin`).
#[cfg(unix)]
#[test]
fn check_refuses_devices_at_once_and_reads_pipes() {
    let started = std::time::Instant::now();
    let o = common::htq(&["check", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    assert!(common::stderr(&o).contains("a device"), "{}", common::stderr(&o));
    // Generous for a loaded CI machine; a 64 MB read of zeros takes far longer.
    assert!(started.elapsed() < std::time::Duration::from_secs(10));

    let sample = common::sample_path();
    let direct = common::htq(&["check", sample.to_str().unwrap()]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_htq-mapper"))
        .args(["check", "/dev/stdin"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&std::fs::read(&sample).unwrap()).unwrap();
    }
    let piped = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&piped.stderr);
    assert_eq!(piped.status.code(), direct.status.code(), "{err}");
    let out = String::from_utf8_lossy(&piped.stdout);
    assert!(out.contains("uncovered") || out.contains("covered"), "{out}");
    assert_eq!(out.lines().count(), common::stdout(&direct).lines().count(), "{out}");
}

/// Credits past any real module's are refused by name, not summed until they wrap.
#[test]
fn absurd_credits_are_refused_naming_the_module() {
    let text = std::fs::read_to_string(common::sample_path()).unwrap();
    let bad = text.replacen("credits: 20,", "credits: 4294967295,", 1);
    assert_ne!(bad, text, "the sample has a 20-credit module");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("credits.ron");
    std::fs::write(&path, bad).unwrap();
    let o = common::htq(&["check", path.to_str().unwrap()]);
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("has 4294967295 credits") && err.contains("0 to 120"),
        "{err}"
    );
    assert!(err.contains("credits.ron:"), "{err}");
}

/// A reference shaped like a path never leads a write outside the chosen folder.
#[test]
fn import_standard_writes_nothing_outside_its_folder() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("a").join("b").join("out");
    let record = std::fs::read_to_string(common::shared(common::ST0827_API)).unwrap();
    for reference in ["../../escaped/X", "/tmp/htq-absolute-escape"] {
        let mut v: serde_json::Value = serde_json::from_str(&record).unwrap();
        v["referenceNumber"] = serde_json::Value::String(reference.into());
        let input = root.path().join("record.json");
        std::fs::write(&input, v.to_string()).unwrap();
        let o = common::htq(&[
            "import-standard",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
        let written: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            written
                .iter()
                .all(|n| n.starts_with("standard-") && n.ends_with(".ron")),
            "{written:?}"
        );
        assert!(!root.path().join("a").join("escaped").exists());
        assert!(!std::path::Path::new("/tmp/htq-absolute-escape.ron").exists());
        // Without --force an existing file is kept; with it, replaced.
        let again = common::htq(&[
            "import-standard",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(again.status.code(), Some(2), "{}", common::stderr(&again));
        assert!(
            common::stderr(&again).contains("already exists"),
            "{}",
            common::stderr(&again)
        );
        let forced = common::htq(&[
            "import-standard",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--force",
        ]);
        assert_eq!(forced.status.code(), Some(0), "{}", common::stderr(&forced));
    }
}

/// 100,000 modules go through `new` and `check` (once quadratic: 26 s and 23 s). The time is
/// measured by `cargo bench --bench core scale/`; here, that it works at this size at all.
#[test]
fn a_hundred_thousand_modules_go_through_new_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("modules.csv");
    let mut csv = String::from("code,title,level,credits,status,group\n");
    for i in 0..100_000 {
        csv += &format!("M{i:06},Module {i},{},20,core,\n", 4 + i % 2);
    }
    std::fs::write(&list, csv).unwrap();
    let (code, err, wrote, _) = new_st0215(&list, None);
    assert_eq!(code, Some(0), "{err}");
    assert!(wrote);
    let out = dir.path().join("big.ron");
    let standard = common::root().join("standards/ST0215.ron");
    let o = common::htq_new_on(&standard, &list, None, &out, &[]);
    assert!(common::stdout(&o).contains("100000 modules"), "{}", common::stdout(&o));
    let o = common::htq(&["check", "--json", out.to_str().unwrap()]);
    // Nothing is mapped, so every KSB is uncovered (exit 1) and every module is unmapped.
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["summary"]["none"].as_u64(), Some(72));
    let unmapped = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "unmapped-module")
        .count();
    assert_eq!(unmapped, 100_000);
}

/// The sample as the corpus copies of it were made: before modules had descriptions.
fn sample_without_descriptions() -> htq_mapper::model::Project {
    let mut p = htq_mapper::sample::sample_project().unwrap();
    for m in &mut p.modules {
        m.description.clear();
    }
    p
}

/// Excel in many European locales saves "CSV" with semicolons; a tab-separated export is
/// as common. Both read as the comma-separated file would, a comma inside a field kept.
#[test]
fn semicolon_and_tab_separated_lists_read_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let standard = common::root().join("standards/ST0215.ron");
    for sep in [";", "\t"] {
        let rows = [
            ["code", "title", "level", "credits", "status"],
            ["A401", "Anatomy, physiology and care", "4", "120", "core"],
            ["B501", "Evidence", "5", "120", "core"],
        ];
        let list: Vec<String> = rows.iter().map(|r| r.join(sep)).collect();
        let modules = dir.path().join("modules.csv");
        std::fs::write(&modules, list.join("\n")).unwrap();
        let matrix = dir.path().join("matrix.csv");
        std::fs::write(&matrix, format!("KSB{sep}A401{sep}B501\nK1{sep}F{sep}P\n")).unwrap();
        let out = dir.path().join("out.ron");
        let o = common::htq_new_on(&standard, &modules, Some(&matrix), &out, &["--force"]);
        assert_eq!(o.status.code(), Some(0), "{sep:?}: {}", common::stderr(&o));
        let p = htq_mapper::store::load_project(&out).unwrap();
        assert_eq!(p.modules[0].title, "Anatomy, physiology and care");
        assert_eq!(p.modules[1].credits, 120);
        assert_eq!(p.mappings.len(), 2, "{sep:?}");
    }
}
