//! Writes a synthetic project of KSBS × MODULES for `scripts/startup-bench`:
//! `cargo run --release --example stress_project -- OUT.ron [KSBS MODULES]` (600 × 120 by default).

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().ok_or("usage: stress_project OUT.ron [KSBS MODULES]")?);
    let ksbs = args.next().map(|a| a.parse()).transpose()?.unwrap_or(600);
    let modules = args.next().map(|a| a.parse()).transpose()?.unwrap_or(120);
    htq_mapper::store::save_project(&out, &htq_mapper::sample::stress_project(ksbs, modules))?;
    println!("wrote {} ({ksbs} KSBs × {modules} modules)", out.display());
    Ok(())
}
