//! Core benchmarks, printed as plain figures: `cargo bench --bench core [FILTER]`.
//!
//! Each line gives the median time of repeated runs and, where the issues set one, the
//! target. Plain `std::time::Instant` loops; no benchmark framework.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use htq_mapper::analysis::analyse;
use htq_mapper::model::{Coverage, KsbRef, Mapping, Project};
use htq_mapper::report::{self, ReportFormat};
use htq_mapper::sample::{options_project, sample_project, stress_project};
use htq_mapper::store;

/// The day the benchmarked reports say they were made.
const MADE: htq_mapper::model::IsoDate = htq_mapper::model::IsoDate {
    year: 2026,
    month: 11,
    day: 25,
};

/// Runs `f` until about `budget` has passed (at least 5 and at most 10,000 times) and
/// prints the median.
fn bench<T>(filter: &Option<String>, name: &str, target: Option<Duration>, mut f: impl FnMut() -> T) {
    if filter.as_ref().is_some_and(|x| !name.contains(x.as_str())) {
        return;
    }
    black_box(f());
    let budget = Duration::from_secs(2);
    let start = Instant::now();
    let mut times = Vec::new();
    while times.len() < 5 || (times.len() < 10_000 && start.elapsed() < budget) {
        let t = Instant::now();
        black_box(f());
        times.push(t.elapsed());
    }
    times.sort_unstable();
    let median = times[times.len() / 2];
    let verdict = match target {
        Some(t) if median <= t => format!("  (target < {}: met)", show(t)),
        Some(t) => format!("  (target < {}: MISSED)", show(t)),
        None => String::new(),
    };
    println!("{name}: {} (median of {}){verdict}", show(median), times.len());
}

fn show(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns >= 1_000_000 && ns.is_multiple_of(1_000_000) {
        format!("{} ms", ns / 1_000_000)
    } else if ns < 10_000 {
        format!("{ns} ns")
    } else if ns < 10_000_000 {
        format!("{} µs", ns / 1_000)
    } else if ns < 10_000_000_000 {
        format!("{} ms", ns / 1_000_000)
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// Every module mapped to every KSB: the densest matrix a project can have.
fn dense(mut p: Project) -> Project {
    let refs: Vec<KsbRef> = p.ksb_refs().collect();
    let mut mappings = Vec::with_capacity(refs.len() * p.modules.len());
    for r in &refs {
        for (i, m) in p.modules.iter().enumerate() {
            let c = if i % 7 == 0 { Coverage::Partial } else { Coverage::Full };
            mappings.push(Mapping::new(m.code.clone(), r.clone(), c));
        }
    }
    p.mappings = mappings.into();
    p
}

/// An IfATE API list of about `bytes`, built by repeating the real records in `dir`.
fn api_list(dir: &Path, bytes: usize) -> Option<String> {
    let mut records = Vec::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        if path.extension().is_some_and(|e| e == "json") {
            let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
            match v {
                serde_json::Value::Array(a) => records.extend(a),
                v => records.push(v),
            }
        }
    }
    if records.is_empty() {
        return None;
    }
    let texts: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    let mut out = String::from("{\"list\":[");
    let mut i = 0;
    while out.len() < bytes {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&texts[i % texts.len()]);
        i += 1;
    }
    out.push_str("]}");
    Some(out)
}

/// A module list of `n` core modules, half at each level, as CSV.
fn module_list_csv(n: usize) -> String {
    let mut csv = String::from("code,title,level,credits,status,group\n");
    for i in 0..n {
        csv += &format!("M{i:06},Module {i} in practice,{},20,core,\n", 4 + i % 2);
    }
    csv
}

/// A matrix of `rows` rows cycling through `project`'s KSBs, a mark in every third cell.
fn matrix_csv(project: &Project, rows: usize, unknown: bool) -> String {
    let refs: Vec<KsbRef> = project.ksb_refs().collect();
    let mut csv = String::from("KSB");
    for m in &project.modules {
        csv += ",";
        csv += &m.code;
    }
    csv.push('\n');
    for i in 0..rows {
        if unknown {
            csv += &format!("Z{i}");
        } else {
            csv += &refs[i % refs.len()].code.to_string();
        }
        for j in 0..project.modules.len() {
            csv += if (i + j) % 3 == 0 { ",X" } else { "," };
        }
        csv.push('\n');
    }
    csv
}

/// The scale benchmarks of the hostile-files issue: 100,000 modules through `new` and
/// `check`, and a 1,000,000-row matrix (each under 1 s in a release build).
fn scale(f: &Option<String>, sample: &Project) {
    const NAMES: &str = "scale/import-modules-100k scale/merge-modules-100k scale/check-100k \
                         scale/import-matrix-1M-rows scale/refuse-matrix-1M-unknown-rows";
    // The inputs take a moment to build; skip them when the filter picks none of these.
    if f.as_ref().is_some_and(|x| !NAMES.contains(x.as_str())) {
        return;
    }
    let path = Path::new("modules.csv");
    let csv = module_list_csv(100_000);
    println!("  (100,000-module list: {:.1} MB)", csv.len() as f64 / 1e6);
    bench(f, "scale/import-modules-100k", Some(Duration::from_secs(1)), || {
        htq_mapper::import::module_list::parse(path, &csv).map(|l| l.modules.len())
    });
    let Ok(list) = htq_mapper::import::module_list::parse(path, &csv) else {
        eprintln!("the generated module list does not parse");
        std::process::exit(1);
    };
    let mut base = sample.clone();
    base.modules.clear();
    base.mappings = Vec::new().into();
    base.option_groups.clear();
    bench(f, "scale/merge-modules-100k", Some(Duration::from_secs(1)), || {
        let mut p = base.clone();
        htq_mapper::model::ops::merge_modules(&mut p, list.modules.clone(), list.option_groups.clone());
        p.modules.len()
    });
    let mut big = base.clone();
    htq_mapper::model::ops::merge_modules(&mut big, list.modules.clone(), Vec::new());
    let text = store::project_to_string(&big).unwrap_or_default();
    bench(
        f,
        "scale/check-100k (load + analyse)",
        Some(Duration::from_secs(1)),
        || store::parse_project(Path::new("big.ron"), &text).map(|p| analyse(&p).ksbs.len()),
    );

    let matrix_path = Path::new("matrix.csv");
    let matrix = matrix_csv(sample, 1_000_000, false);
    println!("  (1,000,000-row matrix: {:.0} MB)", matrix.len() as f64 / 1e6);
    bench(f, "scale/import-matrix-1M-rows", Some(Duration::from_secs(1)), || {
        htq_mapper::import::matrix::parse(matrix_path, &matrix, sample).map(|m| m.len())
    });
    let unknown = matrix_csv(sample, 1_000_000, true);
    let mut message = 0;
    bench(
        f,
        "scale/refuse-matrix-1M-unknown-rows",
        Some(Duration::from_secs(1)),
        || {
            let e = htq_mapper::import::matrix::parse(matrix_path, &unknown, sample).err();
            message = e.map_or(0, |e| e.to_string().len());
        },
    );
    println!("  (its error message: {message} bytes)");
}

/// The stress project with real words: KSB statements and duties from the bundled standards,
/// module titles and descriptions from the sample, each reused in turn.
fn worded(mut p: Project, sample: &Project) -> Project {
    let standards = htq_mapper::sample::bundled_standards();
    let ksbs: Vec<&str> = standards
        .iter()
        .flat_map(|s| s.ksbs.iter().map(|k| k.text.as_str()))
        .collect();
    let duties: Vec<&str> = standards
        .iter()
        .flat_map(|s| s.duties.iter().map(|d| d.text.as_str()))
        .collect();
    if let Some(st) = p.standards.first_mut() {
        for (i, k) in st.ksbs.iter_mut().enumerate() {
            k.text = ksbs.get(i % ksbs.len().max(1)).copied().unwrap_or_default().to_string();
        }
        for (i, d) in st.duties.iter_mut().enumerate() {
            d.text = duties
                .get(i % duties.len().max(1))
                .copied()
                .unwrap_or_default()
                .to_string();
        }
    }
    let n = sample.modules.len().max(1);
    for (i, m) in p.modules.iter_mut().enumerate() {
        if let Some(s) = sample.modules.get(i % n) {
            m.title = s.title.clone();
            m.description = s.description.clone();
        }
    }
    p
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters benchmarks by name.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let f = &filter;

    let Ok(sample) = sample_project() else {
        eprintln!("the bundled sample does not load");
        std::process::exit(1);
    };
    scale(f, &sample);
    diff_benches(f);
    let stress = stress_project(600, 120);
    let dense = dense(stress_project(600, 120));
    println!(
        "stress project: {} KSBs, {} modules, {} mappings; dense: {} mappings",
        stress.standards[0].ksbs.len(),
        stress.modules.len(),
        stress.mappings.len(),
        dense.mappings.len()
    );

    bench(f, "analysis/sample", Some(Duration::from_micros(100)), || {
        analyse(&sample)
    });
    bench(f, "analysis/stress-600x120", Some(Duration::from_millis(5)), || {
        analyse(&stress)
    });
    // Issue 16: a fully mapped 600 × 120 programme (72,000 mappings) under 5 ms.
    bench(f, "analysis/dense-600x120", Some(Duration::from_millis(5)), || {
        analyse(&dense)
    });

    // Issue 14: suggestions rerun after each edit, on real wording.
    let worded = worded(stress_project(600, 120), &sample);
    if f.as_ref()
        .is_none_or(|x| "suggest/".contains(x.as_str()) || x.starts_with("suggest"))
    {
        let s = htq_mapper::suggest::suggest(&worded, &Default::default());
        println!("  (suggestions for the worded stress project: {})", s.len());
    }
    bench(f, "suggest/sample", None, || {
        htq_mapper::suggest::suggest(&sample, &Default::default())
    });
    bench(f, "suggest/stress-600x120", Some(Duration::from_millis(20)), || {
        htq_mapper::suggest::suggest(&worded, &Default::default())
    });
    // After an edit to the mapping the texts are unchanged: the app's suggester only re-ranks.
    let mut suggester = htq_mapper::suggest::Suggester::default();
    bench(f, "suggest/stress-600x120-after-a-mapping-edit", None, || {
        suggester.suggest(&worded, &Default::default())
    });

    // Issue 12: every route checked exactly, however many there are (about 3 × 10^23 here).
    const ROUTES: &str = "routes/analysis-20-groups-choose-2-of-6-600-ksbs";
    let options = options_project(600, 20, 6, 2);
    if f.as_ref().is_none_or(|x| ROUTES.contains(x.as_str())) {
        let a = analyse(&options);
        println!(
            "  (routes project: {} KSBs, {} modules, {} routes, {} KSBs missed on some route)",
            options.standards[0].ksbs.len(),
            options.modules.len(),
            a.routes.total.grouped(),
            a.routes.gaps.len()
        );
    }
    bench(f, ROUTES, Some(Duration::from_millis(2)), || analyse(&options));

    let api_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ifate-api");
    match api_list(&api_dir, 3_000_000) {
        Some(text) => {
            let path = Path::new("list.json");
            let mb = text.len() as f64 / 1e6;
            match htq_mapper::import::ifate_api::parse(path, &text) {
                Ok(list) => println!("  (API list: {mb:.1} MB, {} standards)", list.len()),
                Err(e) => {
                    eprintln!("the generated API list does not parse: {e}");
                    std::process::exit(1);
                }
            }
            bench(
                f,
                &format!("import/api-list-{mb:.1}MB"),
                Some(Duration::from_millis(150)),
                || htq_mapper::import::ifate_api::parse(path, &text).map(|v| v.len()),
            );
        }
        None => println!("import/api-list: skipped, no API records in {}", api_dir.display()),
    }

    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("no temporary folder: {e}");
            std::process::exit(1);
        }
    };
    let ron_path = dir.path().join("stress.ron");
    bench(f, "store/save-stress", None, || {
        store::save_project(&ron_path, &stress).is_ok()
    });
    let ron = store::project_to_string(&stress).unwrap_or_default();
    println!("  (stress project file: {:.1} MB)", ron.len() as f64 / 1e6);
    // Issue 16: reading the 7,200-mapping project file (format 3) under 5 ms.
    bench(f, "store/load-stress", Some(Duration::from_millis(5)), || {
        store::parse_project(&ron_path, &ron).is_ok()
    });

    // Issue 15: the content hash `check --json` prints, and a signed project's load and
    // sign-off state (the signed content is kept in the file).
    bench(f, "signoff/content-hash-stress", Some(Duration::from_millis(2)), || {
        htq_mapper::review::content_hash(&stress)
    });
    let mut signed = stress.clone();
    signed.sign_offs.push(htq_mapper::review::signoff::sign(
        &stress,
        "A",
        "B",
        htq_mapper::model::IsoDate::from_unix_days(20_782),
    ));
    let signed_ron = store::project_to_string(&signed).unwrap_or_default();
    println!(
        "  (signed stress project file: {:.1} MB)",
        signed_ron.len() as f64 / 1e6
    );
    bench(f, "signoff/load-signed-stress", Some(Duration::from_millis(5)), || {
        store::parse_project(&ron_path, &signed_ron).is_ok()
    });
    bench(f, "signoff/state-signed-stress", Some(Duration::from_millis(2)), || {
        htq_mapper::review::signoff::state(&signed).is_signed()
    });

    let a = analyse(&stress);
    for (format, name, target) in [
        (ReportFormat::Xlsx, "xlsx", Some(Duration::from_secs(1))),
        (ReportFormat::Html, "html", Some(Duration::from_millis(200))),
        (ReportFormat::Csv, "csv", None),
    ] {
        let mut size = 0;
        bench(f, &format!("export/{name}-stress"), target, || {
            let bytes = report::render(format, &stress, &a, MADE).unwrap_or_default();
            size = bytes.len();
            bytes
        });
        if size > 0 {
            println!("  ({name} report: {:.2} MB)", size as f64 / 1e6);
        }
    }
    let out = dir.path().join("stress.xlsx");
    bench(
        f,
        "export/write_report-xlsx-stress",
        Some(Duration::from_secs(1)),
        || report::write_report(&out, &stress, &a, MADE).is_ok(),
    );
}

/// Issue 11: diffing two versions of a standard, real and made up, under 5 ms each.
fn diff_benches(f: &Option<String>) {
    use htq_mapper::revision::diff;
    const NAMES: &str = "diff/ST0220-1.0-to-1.1 diff/100-ksbs-reworded-removed";
    if f.as_ref().is_some_and(|x| !NAMES.contains(x.as_str())) {
        return;
    }
    let versions = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ifate-standards/versions");
    let read = |name: &str| {
        htq_mapper::import::read_standards(&versions.join(name))
            .ok()
            .and_then(|v| v.into_iter().next())
            .map(|i| i.standard)
    };
    if let (Some(old), Some(new)) = (read("ST0220_1.0.json"), read("ST0220_1.1.json")) {
        let name = format!("diff/ST0220-1.0-to-1.1 ({} → {} KSBs)", old.ksbs.len(), new.ksbs.len());
        bench(f, &name, Some(Duration::from_millis(5)), || diff(&old, &new));
    }
    // 100 KSBs whose texts differ by a number or two (the hardest case: every pair is a
    // candidate), against a version where every seventh is removed, the rest renumbered to
    // close the gaps, and every third reworded.
    let old = stress_project(100, 4).standards.remove(0);
    let mut new = old.clone();
    new.ksbs.retain(|k| k.code.number % 7 != 0);
    let mut numbers = std::collections::HashMap::new();
    for (i, k) in new.ksbs.iter_mut().enumerate() {
        let n = numbers.entry(k.code.kind).or_insert(0);
        *n += 1;
        k.code.number = *n;
        if i % 3 == 0 {
            k.text = format!(
                "{} and how to review them with others",
                k.text.replace("principles", "ideas")
            );
        }
    }
    bench(
        f,
        "diff/100-ksbs-reworded-removed",
        Some(Duration::from_millis(5)),
        || diff(&old, &new),
    );
}
