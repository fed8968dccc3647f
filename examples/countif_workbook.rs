//! Writes a project's mapping as the spreadsheet a quality team would keep instead, for
//! `scripts/bench-vs-spreadsheet`: `cargo run --release --example countif_workbook -- IN.ron OUT.xlsx`.
//!
//! Sheet "Duties" (first, so a CSV export shows it) flags each KSB a duty lists with a 1 and
//! works out the duty's state with COUNTIFS against the mapping's coverage row. Sheet "Mapping"
//! has module rows × KSB columns with F (full) or P (partial), and a coverage row of COUNTIF
//! formulas. Written with the XLSX writer the reports use (rust_xlsxwriter).

use std::path::PathBuf;

use htq_mapper::model::Coverage;
use rust_xlsxwriter::{Formula, Workbook, utility::column_number_to_name};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: countif_workbook IN.ron OUT.xlsx";
    let input = PathBuf::from(args.next().ok_or(usage)?);
    let out = PathBuf::from(args.next().ok_or(usage)?);
    let project = htq_mapper::store::load_project(&input)?;
    let ksbs: Vec<_> = project.ksb_refs().collect();
    let rows = project.modules.len();
    let coverage_row = rows + 2; // 1-based: header, modules, then coverage.
    let last_col = column_number_to_name(u16::try_from(ksbs.len())?);

    let mut book = Workbook::new();
    let duties = book.add_worksheet().set_name("Duties")?;
    duties.write_string(0, 0, "Duty")?;
    duties.write_string(0, 1, "State")?;
    for (c, k) in ksbs.iter().enumerate() {
        duties.write_string(0, u16::try_from(c + 2)?, k.to_string())?;
    }
    let flags_last = column_number_to_name(u16::try_from(ksbs.len() + 1)?);
    let mut r = 1u32;
    for s in &project.standards {
        for d in &s.duties {
            duties.write_string(r, 0, format!("{}/{}", s.reference, d.code))?;
            let row = r + 1;
            let flags = format!("C{row}:{flags_last}{row}");
            let cover = format!("Mapping!$B${coverage_row}:${last_col}${coverage_row}");
            duties.write_formula(
                r,
                1,
                Formula::new(format!(
                    "=IF(COUNTIFS({flags},1,{cover},\"none\")>0,\"uncovered\",\
                     IF(COUNTIFS({flags},1,{cover},\"partial\")>0,\"partial\",\"covered\"))"
                )),
            )?;
            for code in &d.ksbs {
                if let Some(c) = ksbs.iter().position(|k| k.standard == s.reference && k.code == *code) {
                    duties.write_number(r, u16::try_from(c + 2)?, 1)?;
                }
            }
            r += 1;
        }
    }

    let sheet = book.add_worksheet().set_name("Mapping")?;
    sheet.write_string(0, 0, "Module")?;
    for (c, k) in ksbs.iter().enumerate() {
        let col = u16::try_from(c + 1)?;
        sheet.write_string(0, col, k.to_string())?;
        for m in project.mappings_of(k) {
            if let Some(row) = project.module_index(&m.module) {
                let mark = if m.coverage == Coverage::Full { "F" } else { "P" };
                sheet.write_string(u32::try_from(row + 1)?, col, mark)?;
            }
        }
        let name = column_number_to_name(col);
        let range = format!("{name}2:{name}{}", rows + 1);
        sheet.write_formula(
            u32::try_from(coverage_row - 1)?,
            col,
            Formula::new(format!(
                "=IF(COUNTIF({range},\"F\")>0,\"full\",IF(COUNTIF({range},\"P\")>0,\"partial\",\"none\"))"
            )),
        )?;
    }
    for (i, m) in project.modules.iter().enumerate() {
        sheet.write_string(u32::try_from(i + 1)?, 0, &m.code)?;
    }
    sheet.write_string(u32::try_from(coverage_row - 1)?, 0, "Coverage")?;
    book.save(&out)?;
    println!(
        "wrote {} ({} KSBs × {} modules, {} mappings)",
        out.display(),
        ksbs.len(),
        rows,
        project.mappings.len()
    );
    Ok(())
}
