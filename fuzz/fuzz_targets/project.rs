#![no_main]
//! The project loader: bytes as they might be on disk, then analysis of anything that loads.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let path = std::path::Path::new("fuzz.ron");
    let Ok(text) = htq_mapper::fsio::decode_text(path, bytes.to_vec()) else { return };
    if let Ok(project) = htq_mapper::store::parse_project(path, &text) {
        let _ = htq_mapper::analysis::analyse(&project);
        let _ = htq_mapper::store::project_to_string(&project);
    }
});
