#![no_main]
//! IfATE page text: any text gives a standard or a located error, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = htq_mapper::import::ifate_text::parse(std::path::Path::new("fuzz.txt"), text);
});
