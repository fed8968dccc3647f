//! Packs the bundled catalogue (`standards/catalogue/*.ron`) into the binary: each file is
//! deflated on its own, so that the app inflates only the standards it is asked for.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = root.join("standards").join("catalogue");
    println!("cargo:rerun-if-changed=standards/catalogue");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|read| {
            read.flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut blob = Vec::new();
    let mut table = String::from("/// (file name, offset, length) of each deflated file in `BLOB`, sorted by name.\n");
    table.push_str("pub static FILES: &[(&str, usize, usize)] = &[\n");
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"));
        let packed = miniz_oxide::deflate::compress_to_vec(&bytes, 9);
        let _ = writeln!(table, "    ({name:?}, {}, {}),", blob.len(), packed.len());
        blob.extend_from_slice(&packed);
    }
    table.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    std::fs::write(out.join("catalogue.bin"), &blob).unwrap_or_else(|e| panic!("writing catalogue.bin: {e}"));
    std::fs::write(out.join("catalogue_files.rs"), table).unwrap_or_else(|e| panic!("writing catalogue_files.rs: {e}"));
}
