#![no_main]
//! A provider's module list as CSV.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = htq_mapper::import::module_list::parse(std::path::Path::new("fuzz.csv"), text);
});
