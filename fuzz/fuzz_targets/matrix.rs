#![no_main]
//! A mapping matrix as CSV, read against the bundled sample project.

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn project() -> &'static htq_mapper::model::Project {
    static P: OnceLock<htq_mapper::model::Project> = OnceLock::new();
    P.get_or_init(|| htq_mapper::sample::sample_project().expect("the bundled sample"))
}

fuzz_target!(|text: &str| {
    let _ = htq_mapper::import::matrix::parse(std::path::Path::new("fuzz.csv"), text, project());
});
