//! Builds the portfolio in a folder: programme variants of the bundled sample (some
//! with gaps, some signed off, some stale, some with open comments, about one in fifteen moved
//! to ST0215 1.1 from its page text, retired), two corrupt `.ron` files and a README.txt.
//! Shared by `benches/portfolio.rs` and the integration tests (`#[path]`).

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use htq_mapper::model::{CommentTarget, Coverage, IsoDate, KsbRef, Mapping, ModuleStatus, Project};

/// What was made.
#[derive(Debug, Default)]
pub struct Demo {
    pub programmes: Vec<PathBuf>,
    pub corrupt: Vec<PathBuf>,
    /// Variants on ST0215 1.1 (from the page text), which is retired.
    pub on_retired: usize,
    pub signed: usize,
    pub stale: usize,
    pub with_gaps: usize,
}

/// `n` programme variants, the corrupt files and a README in `dir`; `seed_page` is ST0215
/// 1.1's page text (`../shared/seeds/000_*.txt`).
pub fn build(dir: &Path, n: usize, seed_page: &Path) -> Demo {
    let sample = covered(htq_mapper::sample::sample_project().expect("the bundled sample loads"));
    let page = htq_mapper::import::read_standards(seed_page)
        .expect("the seed page imports")
        .remove(0)
        .standard;
    let mut demo = Demo::default();
    let signed_on = IsoDate::parse("2026-09-01").expect("a date");
    for i in 0..n {
        let mut p: Project = sample.clone();
        p.sign_offs.clear();
        p.programme.title = format!("{} variant {i:03}", p.programme.title);
        if i % 15 == 3 {
            htq_mapper::revision::migrate_standard(&mut p, page.clone(), &BTreeSet::new())
                .expect("the sample moves to 1.1");
            demo.on_retired += 1;
        }
        if i % 4 == 1 {
            // Drop every mapping of one KSB: a gap, a different one from variant to variant.
            let ksbs: Vec<_> = p.standards[0].ksbs.iter().map(|k| k.code).collect();
            let gone = ksbs[i % ksbs.len()];
            p.mappings.retain(|m| m.ksb.code != gone);
            demo.with_gaps += 1;
        }
        if i % 7 == 0 {
            htq_mapper::review::comments::add_thread(
                &mut p,
                CommentTarget::Programme,
                "Quality team",
                "2026-10-01T09:00",
                "Check the placement hours against the employer's plan",
            );
        }
        if i % 3 == 0 {
            let s = htq_mapper::review::signoff::sign(&p, "A. Reviewer", "Programme lead", signed_on);
            p.sign_offs.push(s);
            if i % 6 == 3 {
                // Edited after the sign-off: the sign-off is stale.
                p.modules[0].title.push_str(" (revised)");
                demo.stale += 1;
            } else {
                demo.signed += 1;
            }
        }
        let path = dir.join(format!("programme-{i:03}.ron"));
        htq_mapper::store::save_project(&path, &p).expect("the variant saves");
        demo.programmes.push(path);
    }
    let sample_text = htq_mapper::store::project_to_string(&sample).expect("the sample saves");
    let cut = dir.join("corrupt-cut-short.ron");
    std::fs::write(&cut, sample_text.get(..2000).unwrap_or(&sample_text)).expect("write");
    let garbage = dir.join("corrupt-not-ron.ron");
    std::fs::write(&garbage, "this is not a project {{{ ]]]").expect("write");
    demo.corrupt = vec![cut, garbage];
    std::fs::write(dir.join("README.txt"), "Programme files for the 2026 review.\n").expect("write");
    demo
}

/// The sample with every KSB mapped fully from a core module, so the variants without a gap
/// of their own are covered on every route.
fn covered(mut p: Project) -> Project {
    let core = p
        .modules
        .iter()
        .find(|m| m.status == ModuleStatus::Core)
        .map(|m| m.code.clone())
        .expect("the sample has a core module");
    let core_codes: Vec<String> = p
        .modules
        .iter()
        .filter(|m| m.status == ModuleStatus::Core)
        .map(|m| m.code.clone())
        .collect();
    let ksbs: Vec<KsbRef> = p
        .standards
        .iter()
        .flat_map(|s| s.ksbs.iter().map(|k| KsbRef::new(s.reference.clone(), k.code)))
        .collect();
    for k in ksbs {
        let from_core = p
            .mappings
            .of_ksb(&k)
            .iter()
            .any(|m| m.coverage == Coverage::Full && core_codes.contains(&m.module));
        if !from_core {
            p.mappings.set(Mapping::new(core.clone(), k, Coverage::Full));
        }
    }
    p
}
