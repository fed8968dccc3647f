//! The command line, run as a user would run it.

use crate::common::*;
use serde_json::Value;

fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

fn count_kind(s: &Value, kind: &str) -> usize {
    s["ksbs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["kind"] == kind)
        .count()
}

#[test]
fn import_standard_json_for_each_seed() {
    let cases = [
        (ST0215_PAGE, "ST0215", 5, 10, (36, 33, 3)),
        (ST0413_PAGE, "ST0413", 6, 10, (33, 33, 6)),
        (ST0220_PAGE, "ST0220", 4, 0, (34, 30, 1)),
        (ST0827_API, "ST0827", 5, 10, (43, 44, 3)),
    ];
    for (file, reference, level, duties, (k, s, b)) in cases {
        let o = htq(&["import-standard", shared(file).to_str().unwrap(), "--json"]);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        let v = json(&o);
        let st = &v[0];
        assert_eq!(st["reference"], reference);
        assert_eq!(st["level"], level);
        assert_eq!(st["duties"].as_array().unwrap().len(), duties, "{reference} duties");
        assert_eq!(count_kind(st, "knowledge"), k);
        assert_eq!(count_kind(st, "skill"), s);
        assert_eq!(count_kind(st, "behaviour"), b);
    }
    let o = htq(&["import-standard", shared(ST0215_PAGE).to_str().unwrap(), "--json"]);
    let d2: Vec<String> = json(&o)[0]["duties"][1]["ksbs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(d2.join(" "), "K5 K6 K7 K34 S5 S6 S7 B1 B2 B3");
}

#[test]
fn import_standard_writes_ron_files() {
    let dir = tempfile::tempdir().unwrap();
    let o = htq(&[
        "import-standard",
        shared(ST0215_PAGE).to_str().unwrap(),
        shared(ST0827_API).to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = htq_mapper::store::load_standard(&dir.path().join("ST0827.ron")).unwrap();
    assert_eq!(s.counts(), (43, 44, 3));
    assert!(dir.path().join("ST0215.ron").exists());
}

#[test]
fn check_on_the_sample_names_uncovered_duties() {
    let o = htq(&["check", sample_path().to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let duties: Vec<&str> = v["uncovered_duties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert_eq!(duties, ["ST0215/D7", "ST0215/D10"]);
    assert!(
        v["uncovered_ksbs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "ST0215/K23")
    );
    assert!(v["partial_ksbs"].as_array().unwrap().iter().any(|k| k == "ST0215/S10"));
    let findings = v["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["id"] == "uncovered-duty:ST0215/D7" && f["severity"] == "error")
    );
    assert!(
        findings
            .iter()
            .any(|f| f["id"] == "route-gap:ST0215/K25+ST0215/K26+ST0215/S25+ST0215/S26")
    );
    // Every route checked: three, each taking one of HSC505, HSC506 and HSC507.
    let routes = &v["routes"];
    assert_eq!(routes["total"], "3");
    let gaps: Vec<&str> = routes["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["ksb"].as_str().unwrap())
        .collect();
    let expected = ["K23", "K24", "K25", "K26", "K31", "S23", "S25", "S26", "S33"].map(|c| format!("ST0215/{c}"));
    assert_eq!(gaps, expected);
    assert_eq!(routes["gaps"][2]["witness"], serde_json::json!(["HSC505"]));
    assert_eq!(routes["credit_gaps"], serde_json::json!([]));

    let o = htq(&["check", sample_path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("Duty ST0215/D7"), "{}", stdout(&o));
}

const MODULES: &str = "code,title,level,credits,status,group\n\
    A401,Foundations,4,60,core,\nA402,Practice One,4,60,core,\n\
    B501,Advanced Practice,5,100,core,\nB502,Option One,5,20,optional,opt\nB503,Option Two,5,20,optional,opt\n";

#[test]
fn new_from_a_full_matrix_then_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    let modules = dir.path().join("modules.csv");
    std::fs::write(&modules, MODULES).unwrap();
    // Every ST0215 KSB marked against the first module, with a few marks of each kind elsewhere.
    let st = htq_mapper::import::read_standards(&shared(ST0215_PAGE))
        .unwrap()
        .remove(0)
        .standard;
    let mut matrix = String::from("KSB,Description,A401,A402,B501,B502,B503\n");
    for (i, k) in st.ksbs.iter().enumerate() {
        let other = ["", "P", "✓", "full", "F"][i % 5];
        matrix.push_str(&format!("{},\"{}\",X,{other},,,\n", k.code, k.text.replace('"', "'")));
    }
    let matrix_path = dir.path().join("matrix.csv");
    std::fs::write(&matrix_path, matrix).unwrap();
    let out = dir.path().join("p.ron");
    let o = htq_new(&modules, Some(&matrix_path), &out, &["--title", "Test FdSc"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = htq_mapper::store::load_project(&out).unwrap();
    assert_eq!(p.modules.len(), 5);
    assert!(p.mappings.len() > 72);
    assert!(
        p.mappings
            .iter()
            .any(|m| m.module == "A402" && m.coverage == htq_mapper::model::Coverage::Partial)
    );

    let o = htq(&["check", out.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(json(&o)["uncovered_duties"].as_array().unwrap().len(), 0);

    // With its standard taken out there is nothing to cover: that is not a pass.
    let mut bare = p.clone();
    bare.standards.clear();
    bare.programme.standards.clear();
    bare.mappings.clear();
    let bare_path = dir.path().join("bare.ron");
    htq_mapper::store::save_project(&bare_path, &bare).unwrap();
    let o = htq(&["check", bare_path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("aligns to no standard"), "{}", stdout(&o));

    // Refuses to overwrite without --force.
    let again = htq_new(&modules, None, &out, &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));

    // With --force, never over one of its own inputs (the module list read a moment before).
    let list = std::fs::read(&modules).unwrap();
    let over = htq_new(&modules, None, &modules, &["--force"]);
    assert_eq!(over.status.code(), Some(2));
    assert!(
        stderr(&over).contains("is also an input of this command"),
        "{}",
        stderr(&over)
    );
    assert_eq!(
        std::fs::read(&modules).unwrap(),
        list,
        "the module list is left as it is"
    );
}

/// The real ST0048 1.0 record lists six duties and links no KSB to them: with nothing
/// mapped, `check` must not call them covered, and says how many it left out.
#[test]
fn check_counts_no_duty_covered_whose_record_links_no_ksb() {
    let dir = tempfile::tempdir().unwrap();
    let modules = dir.path().join("modules.csv");
    std::fs::write(&modules, MODULES).unwrap();
    let out = dir.path().join("p.ron");
    let standard = root().join("standards/catalogue/ST0048_1.0.ron");
    let o = htq_new_on(&standard, &modules, None, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = htq(&["check", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("Duties: 0 — 0 covered, 0 partial, 0 uncovered (6 more list no KSB)"),
        "{text}"
    );
    assert!(
        text.contains("ST0048 lists duties but links no KSB to any of them"),
        "{text}"
    );
    let o = htq(&["check", out.to_str().unwrap(), "--json"]);
    assert_eq!(json(&o)["summary"]["duties_covered"], 0);
}

/// The wrong kind of file is named as such, and `new` takes a catalogue reference as
/// `migrate` and `diff-standard` do.
#[test]
fn a_file_of_the_wrong_kind_says_what_it_is_and_new_takes_catalogue_references() {
    let dir = tempfile::tempdir().unwrap();
    let modules = dir.path().join("modules.csv");
    std::fs::write(&modules, MODULES).unwrap();
    let o = htq(&["check", modules.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is not an HTQ Mapper project file"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("htq-mapper new"), "{}", stderr(&o));

    let out = dir.path().join("p.ron");
    let o = htq(&[
        "new",
        "--standard",
        "ST0215@1.2",
        "--modules",
        modules.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = htq_mapper::store::load_project(&out).unwrap();
    assert_eq!(p.standards[0].version.as_deref(), Some("1.2"));

    let again = dir.path().join("q.ron");
    let o = htq(&[
        "new",
        "--standard",
        out.to_str().unwrap(),
        "--modules",
        modules.to_str().unwrap(),
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is an HTQ Mapper project, not a standard"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn malformed_files_exit_2_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad_project = dir.path().join("bad.ron");
    std::fs::write(
        &bad_project,
        "(\n    format_version: 1,\n    programme: (title: \"x\",, ),\n)\n",
    )
    .unwrap();
    let o = htq(&["check", bad_project.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.ron:3:"), "{}", stderr(&o));

    let bad_json = dir.path().join("bad.json");
    std::fs::write(
        &bad_json,
        "{\n \"title\": \"x\",\n \"level\": 5\n \"knowledges\": []\n}",
    )
    .unwrap();
    let o = htq(&[
        "import-standard",
        bad_json.to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.json:4:"), "{}", stderr(&o));

    let bad_csv = dir.path().join("modules.csv");
    std::fs::write(
        &bad_csv,
        "code,title,level,credits,status\nA1,x,4,20,core\nA2,y,four,20,core\n",
    )
    .unwrap();
    let out = dir.path().join("new.ron");
    let o = htq_new(&bad_csv, None, &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("modules.csv:3:3"), "{}", stderr(&o));
    assert!(!out.exists(), "no partial project is left behind");

    let bad_matrix = dir.path().join("matrix.csv");
    std::fs::write(&bad_csv, MODULES).unwrap();
    std::fs::write(&bad_matrix, "KSB,A401,ZZ999\nK1,X,\nK99,X,\nK2,maybe,\n").unwrap();
    let o = htq_new(&bad_csv, Some(&bad_matrix), &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("line 1, column 3: ZZ999 is not a module"), "{err}");
    assert!(err.contains("line 3, column 1: K99 is not a KSB"), "{err}");
    assert!(err.contains("line 4, column 2: `maybe`"), "{err}");
    assert!(!out.exists());

    let o = htq(&["check", dir.path().join("missing.ron").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.ron"));
    assert!(
        stderr(&o).contains("hint: check the file's name and folder"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn report_csv_neutralises_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.csv");
    let o = htq(&[
        "report",
        sample_path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 73);
    // After the UTF-8 byte-order mark that tells Excel the file's encoding.
    assert!(text.starts_with("\u{feff}Standard,Code,Kind,Text,Duties,Modules,Overall"));
    assert!(text.contains("ST0215,K23,Knowledge"));
}

/// Any Unicode file name imports: a name starting with a multi-byte character once panicked.
/// Every version of ST0825 into one folder: each keeps its own file, and a second run
/// without --force writes nothing rather than half the set.
#[test]
fn import_standard_keeps_each_version_of_one_standard_apart() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let files: Vec<String> = ["1.0", "1.1", "2.0"]
        .map(|v| {
            let path = shared(&format!("data/ifate-standards/versions/ST0825_{v}.json"));
            path.to_str().unwrap().to_string()
        })
        .to_vec();
    let mut args = vec!["import-standard"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--out", out.to_str().unwrap()]);
    let o = htq(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["ST0825_1.0.ron", "ST0825_1.1.ron", "ST0825_2.0.ron"]);
    let v2 = htq_mapper::store::load_standard(&out.join("ST0825_2.0.ron")).unwrap();
    assert_eq!(v2.version.as_deref(), Some("2.0"));

    std::fs::remove_file(out.join("ST0825_2.0.ron")).unwrap();
    let o = htq(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("already exists; nothing was written"),
        "{}",
        stderr(&o)
    );
    assert!(
        !out.join("ST0825_2.0.ron").exists(),
        "nothing is written when one file clashes"
    );

    // The same version twice is refused before anything is written.
    let twice = dir.path().join("twice");
    let o = htq(&[
        "import-standard",
        &files[0],
        &files[0],
        "--out",
        twice.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ST0825 version 1.0 twice"), "{}", stderr(&o));
    assert!(!twice.exists());
}

#[test]
fn import_standard_from_unicode_file_names() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["Sé1234.json", "São Paulo.json", "é.json"] {
        let path = dir.path().join(name);
        std::fs::copy(shared(ST0827_API), &path).unwrap();
        let o = htq(&["import-standard", path.to_str().unwrap(), "--json"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        // The record has no reference number and the name gives none, so its LARS code names it.
        let v = json(&o);
        assert_eq!(v[0]["reference"], "LARS434", "{name}");
        assert_eq!(v[0]["duties"].as_array().map(Vec::len), Some(10), "{name}");
        assert!(!stderr(&o).contains("panicked"), "{name}: {}", stderr(&o));
    }
}

/// 12 option groups of "choose 2 of 5" make 10^12 routes; every one is checked, exactly.
#[test]
fn check_reports_every_route_of_a_trillion() {
    use htq_mapper::model::{KsbRef, ModuleStatus};
    let p = htq_mapper::sample::options_project(120, 12, 5, 2);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("routes.ron");
    htq_mapper::store::save_project(&path, &p).unwrap();
    let o = htq(&["check", path.to_str().unwrap(), "--json"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a KSB some route misses fails the check: {}",
        stderr(&o)
    );
    let v = json(&o);
    let routes = &v["routes"];
    assert_eq!(routes["total"], "1000000000000");

    // Exactly the KSBs that some route misses, as `options_project` lays them out.
    let expected: Vec<String> = p.standards[0]
        .ksbs
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 4 == 3)
        .map(|(_, k)| format!("ST9999/{}", k.code))
        .collect();
    let gaps = routes["gaps"].as_array().unwrap();
    let missed: Vec<&str> = gaps.iter().map(|g| g["ksb"].as_str().unwrap()).collect();
    assert_eq!(missed, expected);
    assert!(
        v["uncovered_ksbs"].as_array().unwrap().is_empty(),
        "every KSB is covered somewhere"
    );

    // Each witness takes two modules of each group, and none of its modules covers the KSB.
    let strings = |x: &Value| -> Vec<String> {
        x.as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect()
    };
    let on_route = |witness: &[String]| -> Vec<&htq_mapper::model::Module> {
        p.modules
            .iter()
            .filter(|m| m.status == ModuleStatus::Core || witness.contains(&m.code))
            .collect()
    };
    for g in gaps {
        let witness = strings(&g["witness"]);
        assert_eq!(witness.len(), 24, "{witness:?}");
        for group in 1..=12 {
            let prefix = format!("O{group:02}");
            assert_eq!(
                witness.iter().filter(|c| c.starts_with(&prefix)).count(),
                2,
                "{witness:?}"
            );
        }
        let ksb: KsbRef = g["ksb"].as_str().unwrap().parse().unwrap();
        assert!(
            on_route(&witness).iter().all(|m| p.mapping(&m.code, &ksb).is_none()),
            "{ksb}"
        );
    }

    // Options add 0 to 30 credits each; the core alone meets the FdSc rule, so only the most
    // credits fail it, and each witness takes the figure it reports.
    let credit_gaps = routes["credit_gaps"].as_array().unwrap();
    assert!(!credit_gaps.is_empty());
    for g in credit_gaps {
        let level = g["level"].as_u64().unwrap() as u8;
        let taken: u64 = on_route(&strings(&g["witness"]))
            .iter()
            .filter(|m| level == 0 || m.level == level)
            .map(|m| u64::from(m.credits))
            .sum();
        assert_eq!(Some(taken), g["credits"].as_u64(), "{g}");
        assert!(taken > g["needed"].as_u64().unwrap(), "{g}");
    }

    let o = htq(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("All 1,000,000,000,000 routes through the options checked"),
        "{}",
        stdout(&o)
    );
}

/// `htq-mapper standards | head -1`: the reader goes before the listing is written. The
/// subcommand must end as Unix tools do (by SIGPIPE), not with a panic message.
#[cfg(unix)]
#[test]
fn a_listing_into_a_closed_pipe_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    // Another test's child, forked while our pipe is open, can hold its read end for a moment
    // (until it execs), so the listing may fit the pipe and end normally; a few tries settle it.
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_htq-mapper"))
            .args(["standards", "--all-versions"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start htq-mapper");
        // Close our end at once, so the first write meets a pipe with no reader.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait for htq-mapper");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "stderr: {stderr}");
        if out.status.signal() == Some(13) {
            return;
        }
        statuses.push(out.status);
    }
    panic!("never ended by SIGPIPE: {statuses:?}");
}

/// `report` of the sample to `out`, which cannot be written: its message.
fn report_refused(out: &std::path::Path) -> String {
    let o = htq(&[
        "report",
        sample_path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    stderr(&o)
}

/// A report into a folder that does not exist names that folder, not a temporary file.
#[test]
fn a_report_into_a_missing_folder_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let err = report_refused(&dir.path().join("nowhere").join("r.html"));
    assert!(
        err.contains("the folder") && err.contains("nowhere") && err.contains("does not exist"),
        "{err}"
    );
    assert!(!err.contains(".htq-save-"), "{err}");
}

/// A report under a file, as if it were a folder, says the file is in the way.
#[test]
fn a_report_under_a_file_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    std::fs::write(&file, "x").unwrap();
    let err = report_refused(&file.join("sub").join("r.csv"));
    assert!(err.contains("report.html is a file, not a folder"), "{err}");
    assert!(!err.contains("does not exist"), "{err}");
}

/// An import that finds no standard, and a suggestion list of no KSBs, are refused rather
/// than reported as success.
#[test]
fn an_empty_import_and_top_zero_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("list.json");
    std::fs::write(&empty, "[]").unwrap();
    let out = dir.path().join("out");
    let o = htq(&[
        "import-standard",
        empty.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("holds no standard with KSBs to import"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());

    let o = htq(&["suggest", sample_path().to_str().unwrap(), "--top", "0"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(!stdout(&o).contains("every likely KSB is mapped"), "{}", stdout(&o));
}
