#![no_main]
//! IfATE API JSON, through the same detection the CLI and app use.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = htq_mapper::import::parse_standards(std::path::Path::new("fuzz.json"), text);
});
