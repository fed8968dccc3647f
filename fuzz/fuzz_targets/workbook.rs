#![no_main]
//! Workbook bytes (.xlsx) read as a table, then as a module list and as a matrix.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let path = std::path::Path::new("fuzz.xlsx");
    if let Ok(table) = htq_mapper::import::table::Table::from_workbook(path, bytes.to_vec(), &[]) {
        let _ = htq_mapper::import::module_list::parse_table(&table);
    }
});
