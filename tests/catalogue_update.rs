//! `htq-mapper catalogue update` and `status`: a made-up ST0215 1.3 (ST0215 1.2's API record,
//! approved, starting earlier this year, one KSB reworded) reaches `standards`, `check`,
//! `migrate` and `portfolio`; a malformed update changes nothing. Every test keeps its user
//! catalogue in its own temporary `XDG_DATA_HOME`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::*;

fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// The first day of this year: 1.3 starts then, so it has started unless today is 1 January.
fn start_this_year() -> String {
    format!("{}-01-01", htq_mapper::model::IsoDate::today().year)
}

/// ST0215 1.3, made from 1.2's API record, written into `dir`.
fn st0215_1_3(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(shared("data/ifate-standards/versions/ST0215_1.2.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let start = start_this_year();
    v["version"] = "1.3".into();
    v["versionNumber"] = "1.3".into();
    v["status"] = "Approved for delivery".into();
    v["earliestStartDate"] = format!("{start}T00:00:00").into();
    v["changedDate"] = format!("{start}T00:00:00").into();
    v["lastUpdated"] = format!("{start}T00:00:00 +00:00").into();
    v["change"] = "Knowledge statement K4 reworded".into();
    // K4 keeps its GUID and most of its words: reworded, not replaced.
    let k4 = v["knowledges"][3]["detail"].as_str().unwrap().to_string();
    v["knowledges"][3]["detail"] = format!("{k4}, in person and through digital services").into();
    let path = dir.join("ST0215_1.3.json");
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path
}

fn versions_of_st0215(data: &Path) -> Vec<String> {
    let o = htq_with_data(&["standards", "--all-versions", "--search", "ST0215", "--json"], data);
    json(&o)
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["reference"] == "ST0215")
        .map(|e| e["version"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_new_version_reaches_standards_check_migrate_and_portfolio() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let record = st0215_1_3(tmp.path());
    let sample = sample_path();
    let sample_arg = sample.to_str().unwrap();

    let before = json(&htq_with_data(&["check", sample_arg, "--json"], &data));
    assert!(
        before["standard_versions"][0]["current"].is_null(),
        "1.2 is the latest before"
    );
    assert_eq!(versions_of_st0215(&data), ["1.0", "1.1", "1.2"]);

    let o = htq_with_data(&["catalogue", "update", record.to_str().unwrap()], &data);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("New: ST0215 1.3"), "{out}");
    assert!(out.contains("1 KSB reworded"), "{out}");
    assert!(out.contains("diff-standard ST0215@1.2 ST0215@1.3"), "{out}");
    assert!(data.join("htq-mapper/catalogue/index.tsv").is_file());

    assert_eq!(versions_of_st0215(&data), ["1.0", "1.1", "1.2", "1.3"]);
    let after = json(&htq_with_data(&["check", sample_arg, "--json"], &data));
    let current = &after["standard_versions"][0]["current"];
    assert_eq!(current["version"], "1.3", "{after:#}");
    assert_eq!(current["earliest_start"], start_this_year());
    assert!(
        after["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "not-latest-version:ST0215@1.2"),
        "check now says 1.2 is not the latest"
    );
    let text = stdout(&htq_with_data(&["check", sample_arg], &data));
    assert!(text.contains("1.3 is current"), "{text}");
    // Coverage is unchanged: the exit code still says only whether anything is uncovered.
    assert_eq!(before["summary"], after["summary"]);

    let migrated = tmp.path().join("migrated.ron");
    let o = htq_with_data(
        &[
            "migrate",
            sample_arg,
            "--to",
            "ST0215@1.3",
            "--out",
            migrated.to_str().unwrap(),
            "--json",
        ],
        &data,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let m = json(&o);
    assert_eq!(m["to"], "1.3");
    let review: Vec<&Value> = m["review"].as_array().unwrap().iter().collect();
    assert!(!review.is_empty(), "{m:#}");
    assert!(review.iter().all(|r| r["to"] == "K4"), "only the reworded KSB: {m:#}");

    let p = json(&htq_with_data(&["portfolio", sample_arg, "--json"], &data));
    assert_eq!(p["programmes"][0]["standards"][0]["current"], false);
    let p = json(&htq_with_data(
        &["portfolio", migrated.to_str().unwrap(), "--json"],
        &data,
    ));
    assert_eq!(p["programmes"][0]["standards"][0]["version"], "1.3");
    assert_eq!(p["programmes"][0]["standards"][0]["current"], true);

    let status = stdout(&htq_with_data(&["catalogue", "status"], &data));
    assert!(status.contains("ST0215 1.3"), "{status}");
    assert!(status.contains("adds this version"), "{status}");
    assert!(status.contains("Bundled catalogue:"), "{status}");

    // The same record again adds nothing.
    let o = htq_with_data(&["catalogue", "update", record.to_str().unwrap()], &data);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Unchanged: ST0215@1.3"), "{}", stdout(&o));
}

#[test]
fn an_update_names_the_programmes_it_touches() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let folder = tmp.path().join("portfolio");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(sample_path(), folder.join("assistant-practitioner.ron")).unwrap();
    let mut other = htq_mapper::sample::sample_project().unwrap();
    other.standards[0].reference = "ST0999".into();
    htq_mapper::store::save_project(&folder.join("other.ron"), &other).unwrap();
    let record = st0215_1_3(tmp.path());
    // A folder of records, as downloaded.
    let records = tmp.path().join("records");
    std::fs::create_dir(&records).unwrap();
    std::fs::rename(&record, records.join("ST0215_1.3.json")).unwrap();
    let o = htq_with_data(
        &[
            "catalogue",
            "update",
            records.to_str().unwrap(),
            "--portfolio",
            folder.to_str().unwrap(),
        ],
        &data,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("touches 1 programme"), "{out}");
    assert!(out.contains("assistant-practitioner.ron"), "{out}");
    assert!(!out.contains("other.ron"), "{out}");
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    if let Ok(read) = std::fs::read_dir(dir) {
        for e in read.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(snapshot(&p));
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_malformed_update_exits_2_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let good = st0215_1_3(tmp.path());
    // A user catalogue that already holds something, so "nothing changed" means something.
    assert!(
        htq_with_data(&["catalogue", "update", good.to_str().unwrap()], &data)
            .status
            .success()
    );
    let listing = |data: &Path| htq_with_data(&["standards", "--all-versions", "--json"], data).stdout;
    let before = listing(&data);
    let files_before = snapshot(&data);

    let text = std::fs::read_to_string(&good).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["version"] = "1.4".into();
    v["versionNumber"] = "1.4".into();
    let next = tmp.path().join("ST0215_1.4.json");
    std::fs::write(&next, serde_json::to_string(&v).unwrap()).unwrap();
    let cut = tmp.path().join("cut-short.json");
    std::fs::write(&cut, &text.as_bytes()[..text.len() / 2]).unwrap();
    let not_a_standard = tmp.path().join("not-a-standard.json");
    std::fs::write(&not_a_standard, "[1, 2, 3]").unwrap();
    // A prototype's record with no reference number or version: once "LARS497 0.0" in the
    // catalogue; and a record filed under another standard's name, once ST0215 there.
    let prototype = shared("data/ifate-api/mineral-products-technician-L5.json");
    let misnamed = tmp.path().join("ST0215-from-email.json");
    std::fs::copy(shared("data/ifate-api/ST0827-nursing-associate.json"), &misnamed).unwrap();
    for bad in [&cut, &not_a_standard, &prototype, &misnamed] {
        // The good record first: it must not be written either.
        let o = htq_with_data(
            &["catalogue", "update", next.to_str().unwrap(), bad.to_str().unwrap()],
            &data,
        );
        assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
        assert!(stderr(&o).contains(&bad.display().to_string()), "{}", stderr(&o));
        assert_eq!(
            listing(&data),
            before,
            "standards --all-versions --json is byte-identical"
        );
        assert_eq!(
            snapshot(&data),
            files_before,
            "the user catalogue's files are untouched"
        );
    }
    let o = htq_with_data(
        &["catalogue", "update", tmp.path().join("missing.json").to_str().unwrap()],
        &data,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(snapshot(&data), files_before);
}

/// The API edits published versions in place without a new date: a record of a bundled
/// version with a KSB reworded replaces it, says what changed against the copy it held, and
/// points at no `diff-standard` of the version with itself.
#[test]
fn an_edit_in_place_says_what_changed_without_diffing_a_version_with_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let text = std::fs::read_to_string(shared("data/ifate-standards/latest-l4-l5/ST0116_1.2.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let k1 = v["knowledges"][0]["detail"].as_str().unwrap().to_string();
    v["knowledges"][0]["detail"] = format!("{k1}, including in the workplace").into();
    let record = tmp.path().join("ST0116_1.2.json");
    std::fs::write(&record, serde_json::to_string(&v).unwrap()).unwrap();
    let o = htq_with_data(&["catalogue", "update", record.to_str().unwrap()], &data);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(
            "Edited in place: ST0116 1.2's duties or KSBs changed: 1 KSB reworded against the copy the catalogue held"
        ),
        "{out}"
    );
    assert!(!out.contains("diff-standard ST0116@1.2 ST0116@1.2"), "{out}");
    let o = htq_with_data(&["catalogue", "status"], &data);
    assert!(
        stdout(&o).contains("the same version edited in place"),
        "{}",
        stdout(&o)
    );
}

/// Two records of one version with the same date in one update: the one given last wins, as
/// the README says, whichever way round they come.
#[test]
fn of_two_records_of_a_version_in_one_update_the_last_given_wins() {
    let tmp = tempfile::tempdir().unwrap();
    let original = shared("data/ifate-standards/latest-l4-l5/ST0116_1.2.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&original).unwrap()).unwrap();
    let k1 = v["knowledges"][0]["detail"].as_str().unwrap().to_string();
    v["knowledges"][0]["detail"] = format!("{k1}, including in the workplace").into();
    let edited = tmp.path().join("edited.json");
    std::fs::write(&edited, serde_json::to_string(&v).unwrap()).unwrap();
    for (first, last, wins_edit) in [(&original, &edited, true), (&edited, &original, false)] {
        let data = tmp.path().join(format!("data-{wins_edit}"));
        let o = htq_with_data(
            &["catalogue", "update", first.to_str().unwrap(), last.to_str().unwrap()],
            &data,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        assert_eq!(out.contains("Edited in place: ST0116 1.2"), wins_edit, "{out}");
        assert_eq!(out.contains("Unchanged: ST0116@1.2"), !wins_edit, "{out}");
        assert!(
            out.contains("Passed over: another record of ST0116@1.2 in this update"),
            "{out}"
        );
    }
}

/// The real folder of Level 4/5 records updates, though ST0540's record lists no KSBs (its
/// KSBs are in its text only): that one is passed over and said so.
#[test]
fn the_real_folder_updates_passing_over_a_record_without_ksbs() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let folder = shared("data/ifate-standards/latest-l4-l5");
    let o = htq_with_data(&["catalogue", "update", folder.to_str().unwrap()], &data);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("ST0540_1.1.json: passed over ST0540") && err.contains("lists no KSBs"),
        "{err}"
    );
    // So does `import-standard`, given the folder's files: the others are imported.
    let mut args = vec!["import-standard".to_string(), "--json".to_string()];
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".json"))
        .collect();
    files.sort();
    let n = files.len();
    args.extend(files);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = htq_with_data(&args, &data);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ST0540_1.1.json: passed over ST0540"),
        "{}",
        stderr(&o)
    );
    let out: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(out.as_array().map(Vec::len), Some(n - 1));
    // Alone, the same record is refused, with what it is.
    let one = folder.join("ST0540_1.1.json");
    let o = htq_with_data(&["catalogue", "update", one.to_str().unwrap()], &data);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("older standard that gives its KSBs only in its text"),
        "{}",
        stderr(&o)
    );
}

/// A user's catalogue damaged outside the app: an emptied standard file is named by every
/// command that read it and by `catalogue status`; a truncated one is named when asked for;
/// an index that is no index stops `catalogue update`, which would forget the records it
/// names, and the records stay.
#[test]
fn a_damaged_catalogue_is_named_and_never_written_over() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let record = st0215_1_3(tmp.path());
    let o = htq_with_data(&["catalogue", "update", record.to_str().unwrap()], &data);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dir = data.join("htq-mapper/catalogue");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .unwrap();
    let kept = std::fs::read(&file).unwrap();

    // Cut short: asked for by name, the file and the place are given.
    std::fs::write(&file, &kept[..kept.len() / 2]).unwrap();
    let o = htq_with_data(&["diff-standard", "ST0215@1.2", "ST0215@1.3"], &data);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("ST0215 1.3 of your catalogue cannot be read"), "{err}");
    assert!(err.contains(file.file_name().unwrap().to_str().unwrap()), "{err}");

    // Emptied: every command that read the catalogue says so, and status lists it.
    std::fs::write(&file, "").unwrap();
    let o = htq_with_data(&["check", sample_path().to_str().unwrap()], &data);
    assert!(
        stderr(&o).contains("warning: your catalogue: ST0215 1.3: its file"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("is empty"), "{}", stderr(&o));
    let o = htq_with_data(&["catalogue", "status"], &data);
    assert!(stdout(&o).contains("Problems in your catalogue"), "{}", stdout(&o));
    let o = htq_with_data(&["diff-standard", "ST0215@1.2", "ST0215@9.9"], &data);
    assert!(
        stderr(&o).contains("is not in the catalogue: ST0215 has versions 1.0, 1.1 and 1.2"),
        "{}",
        stderr(&o)
    );

    // An index that is no index: update refuses, and the record's file is left where it was.
    std::fs::write(&file, &kept).unwrap();
    std::fs::write(dir.join("index.tsv"), "garbage\n").unwrap();
    let o = htq_with_data(&["catalogue", "update", record.to_str().unwrap()], &data);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nothing was changed"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), kept);
    assert_eq!(std::fs::read_to_string(dir.join("index.tsv")).unwrap(), "garbage\n");
    let o = htq_with_data(&["catalogue", "status"], &data);
    assert!(stdout(&o).contains("line 1 is not the header"), "{}", stdout(&o));
    assert!(stdout(&o).contains("nothing that can be used"), "{}", stdout(&o));
}
