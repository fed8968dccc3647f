//! Learns the suggestion model from the bundled catalogue and writes it where the build reads
//! it: `cargo run --release --example train_suggest -- assets/suggest-model.tsv` (what
//! `scripts/train-suggest` runs). The same catalogue gives the same file, byte for byte.

use std::io::Write;

use htq_mapper::catalogue;
use htq_mapper::suggest::learned::{Model, one_per_reference};

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: train_suggest OUTPUT.tsv");
        std::process::exit(2);
    };
    let standards = one_per_reference(catalogue::entries().iter().filter_map(|e| e.load()));
    let refs: Vec<_> = standards.iter().collect();
    let model = Model::train(&refs);
    let text = model.to_text();
    // Written beside the target and renamed over it, so a failed run leaves the old model.
    let tmp = format!("{out}.tmp");
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, &out));
    if let Err(e) = result {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!(
        "{} standards, {} terms, {} bytes: {out}",
        model.standards,
        model.term_count(),
        text.len()
    );
}
