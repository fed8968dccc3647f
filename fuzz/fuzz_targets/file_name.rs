#![no_main]
//! File names: any Unicode name must be safe to detect, import and name a report by.
//! The input is a file name, a NUL, then the file's text; the name is put into a path
//! as a user's folder would hold it.

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (name, body) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"{\"title\": \"T\", \"knowledges\": [{\"detail\": \"k\"}]}"[..]),
    };
    let name = String::from_utf8_lossy(name).replace('/', "_");
    let path = PathBuf::from("folder").join(&name);
    let _ = htq_mapper::fsio::InputKind::detect(&path, body);
    let _ = htq_mapper::fsio::TableFormat::of(&path);
    let _ = htq_mapper::report::ReportFormat::from_path(&path);
    if let Ok(text) = std::str::from_utf8(body) {
        let _ = htq_mapper::import::parse_standards(&path, text);
    }
});
