//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The project's shared material, beside the checkout.
pub fn shared(rel: &str) -> PathBuf {
    root().join("..").join("shared").join(rel)
}

pub const ST0215_PAGE: &str = "seeds/000_31628665fbef1c87.txt";
pub const ST0413_PAGE: &str = "seeds/001_61189de9173f7cd1.txt";
pub const ST0220_PAGE: &str = "seeds/004_1c8a430d2476a5dd.txt";
pub const ST0827_API: &str = "data/ifate-api/ST0827-nursing-associate.json";
pub const MINERAL_API: &str = "data/ifate-api/mineral-products-technician-L5.json";

pub fn sample_path() -> PathBuf {
    root().join("assets").join(htq_mapper::sample::SAMPLE_NAME)
}

/// Runs the binary with a user catalogue folder that is always empty, so no test reads (or
/// writes) the real `$XDG_DATA_HOME`.
pub fn htq(args: &[&str]) -> Output {
    htq_with_data(args, &no_user_data())
}

/// Runs the binary with `XDG_DATA_HOME` set to `data` (the user's catalogue goes under it).
pub fn htq_with_data(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_htq-mapper"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .output()
        .expect("the binary runs")
}

/// An empty data folder, never written to: tests that update the catalogue use their own.
pub fn no_user_data() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-user-data");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// An ST0215 KSB, such as `k("K23")`.
pub fn k(code: &str) -> htq_mapper::model::KsbRef {
    htq_mapper::model::KsbRef::new("ST0215", code.parse().unwrap())
}

/// An ST0215 duty, such as `d("D7")`.
pub fn d(code: &str) -> htq_mapper::model::DutyRef {
    htq_mapper::model::DutyRef {
        standard: "ST0215".into(),
        code: code.into(),
    }
}

/// Runs `htq-mapper new` on ST0215's page with a module list, an optional matrix and extra flags.
pub fn htq_new(
    modules: &std::path::Path,
    matrix: Option<&std::path::Path>,
    out: &std::path::Path,
    extra: &[&str],
) -> Output {
    htq_new_on(&shared(ST0215_PAGE), modules, matrix, out, extra)
}

/// `htq-mapper new` on a given standard file.
pub fn htq_new_on(
    standard: &std::path::Path,
    modules: &std::path::Path,
    matrix: Option<&std::path::Path>,
    out: &std::path::Path,
    extra: &[&str],
) -> Output {
    let mut args = vec![
        "new",
        "--standard",
        standard.to_str().unwrap(),
        "--modules",
        modules.to_str().unwrap(),
    ];
    if let Some(m) = matrix {
        args.extend(["--mapping", m.to_str().unwrap()]);
    }
    args.extend(["--out", out.to_str().unwrap()]);
    args.extend(extra);
    htq(&args)
}

/// The bundled sample without its learning outcomes and assessments: what the corpus's older
/// copies of it, and a workbook's module list, hold.
pub fn sample_without_outcomes() -> htq_mapper::model::Project {
    without_outcomes(htq_mapper::sample::sample_project().unwrap())
}

/// A project less its learning outcomes and assessments.
pub fn without_outcomes(mut p: htq_mapper::model::Project) -> htq_mapper::model::Project {
    for m in &mut p.modules {
        m.outcomes.clear();
        m.assessments.clear();
    }
    let cells: Vec<_> = p
        .mappings
        .iter()
        .map(|m| htq_mapper::model::Mapping {
            outcomes: Vec::new(),
            ..m.clone()
        })
        .collect();
    for m in cells {
        p.set_mapping(m);
    }
    p
}

pub mod ui;
pub mod xvfb;

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether headless Chromium is here to print a report; on CI its absence fails the test.
pub fn chromium_available() -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{CHROMIUM} is missing on CI; scripts/install-test-deps installs it");
    }
    println!("note: skipping, {CHROMIUM} is not installed (scripts/install-test-deps installs it)");
    false
}

/// Runs headless Chromium with a throwaway profile, quiet and offline, and `args`.
pub fn chromium(profile: &Path, args: &[&str]) {
    let o = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs");
    assert!(o.status.success(), "chromium failed: {}", stderr(&o));
}

/// The sample with one cell added, one removed, one turned from full to partial and the last
/// module retitled: the copy issue 15's comparison is shown on, in the CLI and in the app.
pub struct EditedSample {
    pub project: htq_mapper::model::Project,
    pub added: (String, htq_mapper::model::KsbRef),
    pub removed: (String, htq_mapper::model::KsbRef),
    pub partial: (String, htq_mapper::model::KsbRef),
    /// The module's code, its old title and its new one.
    pub retitled: (String, String, String),
}

pub fn edited_sample() -> EditedSample {
    use htq_mapper::model::{Coverage, Mapping};
    let mut p = htq_mapper::sample::sample_project().unwrap();
    let full: Vec<Mapping> = p
        .mappings
        .iter()
        .filter(|m| m.coverage == Coverage::Full)
        .take(2)
        .cloned()
        .collect();
    let removed = (full[0].module.clone(), full[0].ksb.clone());
    let partial = (full[1].module.clone(), full[1].ksb.clone());
    let added = p
        .ksb_refs()
        .flat_map(|k| p.modules.iter().map(move |m| (m.code.clone(), k.clone())))
        .find(|(m, k)| p.mapping(m, k).is_none())
        .unwrap();
    p.remove_mapping(&removed.0, &removed.1).unwrap();
    let mut m = full[1].clone();
    m.coverage = Coverage::Partial;
    p.set_mapping(m);
    p.set_mapping(Mapping::new(added.0.clone(), added.1.clone(), Coverage::Full));
    let module = p.modules.last_mut().unwrap();
    let retitled = (
        module.code.clone(),
        module.title.clone(),
        format!("{} (revised)", module.title),
    );
    module.title = retitled.2.clone();
    EditedSample {
        project: p,
        added,
        removed,
        partial,
        retitled,
    }
}

/// Gives a project an unresolved merge conflict on its first mapping's note, as `merge`
/// leaves one when two copies changed that note differently.
pub fn with_a_merge_conflict(p: &mut htq_mapper::model::Project) {
    let m = p.mappings.iter().next().expect("a mapping").clone();
    let mut theirs = m.clone();
    theirs.note = "theirs".into();
    p.merge_conflicts.push(htq_mapper::model::MergeConflict::Mapping {
        module: m.module.clone(),
        ksb: m.ksb.clone(),
        fields: vec!["note".into()],
        mine: Some(m),
        theirs: Some(theirs),
    });
}
