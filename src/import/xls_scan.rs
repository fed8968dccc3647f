//! A pre-scan of a legacy .xls workbook before calamine opens it. calamine reserves memory for
//! a sheet's declared extent (a DIMENSIONS record can claim 4 billion rows) and builds a dense
//! range as large as the farthest cell, so one hostile record aborts the process. The BIFF
//! records are walked here first, and a sheet reaching past the bounds is refused.

use std::io::{Cursor, Read};

/// A reason to refuse the workbook before calamine sees it.
#[derive(Debug, PartialEq, Eq)]
pub enum XlsProblem {
    /// The compound file or its workbook stream cannot be read; calamine will say why.
    Unreadable,
    /// The workbook stream is larger than `max_stream` bytes.
    TooBig(u64),
    /// A sheet declares or holds a cell beyond the bounds (0-based row and column).
    FarCell { sheet: String, row: u64, column: u64 },
}

/// The .xls signature (an OLE compound file).
pub fn is_xls(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Walks every record of the workbook stream; `Ok` means calamine can be given the file.
pub fn scan(bytes: &[u8], max_rows: u32, max_columns: u32, max_stream: u64) -> Result<(), XlsProblem> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| XlsProblem::Unreadable)?;
    // calamine reads "Workbook" (BIFF8) or else "Book" (BIFF5).
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or(XlsProblem::Unreadable)?;
    let stream = file.open_stream(name).map_err(|_| XlsProblem::Unreadable)?;
    let mut data = Vec::new();
    stream
        .take(max_stream + 1)
        .read_to_end(&mut data)
        .map_err(|_| XlsProblem::Unreadable)?;
    if data.len() as u64 > max_stream {
        return Err(XlsProblem::TooBig(max_stream));
    }
    Bounds { max_rows, max_columns }.walk(&data)
}

struct Bounds {
    max_rows: u32,
    max_columns: u32,
}

impl Bounds {
    fn walk(&self, data: &[u8]) -> Result<(), XlsProblem> {
        let mut sheets = Vec::new();
        // Substreams in order: the globals first, then one per sheet (named by BOUNDSHEET).
        let (mut substream, mut depth) = (0usize, 0usize);
        let mut at = 0;
        while let (Some(typ), Some(len)) = (u16_at(data, at), u16_at(data, at + 2)) {
            let body = data.get(at + 4..at + 4 + usize::from(len)).unwrap_or(&[]);
            at += 4 + usize::from(len);
            let sheet = || {
                sheets
                    .get(substream.wrapping_sub(2))
                    .cloned()
                    .unwrap_or_else(|| format!("sheet {}", substream.saturating_sub(1)))
            };
            match typ {
                // BOF and EOF; a chart inside a sheet nests its own pair.
                0x0809 => {
                    substream += usize::from(depth == 0);
                    depth += 1;
                }
                0x000A => depth = depth.saturating_sub(1),
                0x0085 => sheets.push(sheet_name(body)),
                0x0200 => {
                    // DIMENSIONS: first row, last row + 1, first column, last column + 1.
                    let (rows, columns) = match body.len() {
                        10 => (u32::from(u16_at(body, 2).unwrap_or(0)), u16_at(body, 6).unwrap_or(0)),
                        14 | 16 => (u32_at(body, 4).unwrap_or(0), u16_at(body, 10).unwrap_or(0)),
                        _ => (0, 0),
                    };
                    self.check(
                        &sheet(),
                        u64::from(rows.saturating_sub(1)),
                        u64::from(columns.saturating_sub(1)),
                    )?;
                }
                // Cells calamine keeps: number, label, rich label, bool/error, RK, SST label, formula.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    let (row, column) = (u16_at(body, 0).unwrap_or(0), u16_at(body, 2).unwrap_or(0));
                    self.check(&sheet(), u64::from(row), u64::from(column))?;
                }
                // MULRK: row, first column, the values, last column.
                0x00BD => {
                    let row = u16_at(body, 0).unwrap_or(0);
                    let last = body.len().checked_sub(2).and_then(|i| u16_at(body, i)).unwrap_or(0);
                    self.check(&sheet(), u64::from(row), u64::from(last))?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn check(&self, sheet: &str, row: u64, column: u64) -> Result<(), XlsProblem> {
        if row >= u64::from(self.max_rows) || column >= u64::from(self.max_columns) {
            return Err(XlsProblem::FarCell {
                sheet: sheet.to_string(),
                row,
                column,
            });
        }
        Ok(())
    }
}

/// BOUNDSHEET8: position (4), state (1), kind (1), then a short string (length, flags, chars).
fn sheet_name(body: &[u8]) -> String {
    let len = usize::from(body.get(6).copied().unwrap_or(0));
    let wide = body.get(7).is_some_and(|f| f & 1 == 1);
    let chars = body.get(8..).unwrap_or(&[]);
    if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(len)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(len).map(|&b| char::from(b)).collect()
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((body.len() as u16).to_le_bytes());
        r.extend(body);
        r
    }

    fn cell(typ: u16, row: u16, column: u16) -> Vec<u8> {
        let mut body = row.to_le_bytes().to_vec();
        body.extend(column.to_le_bytes());
        body.extend([0; 10]);
        record(typ, &body)
    }

    fn stream(records: &[Vec<u8>]) -> Vec<u8> {
        let mut name = vec![0, 0, 0, 0, 0, 0, 7, 0];
        name.extend(b"Modules");
        let mut s = record(0x0809, &[0; 16]);
        s.extend(record(0x0085, &name));
        s.extend(record(0x000A, &[]));
        s.extend(record(0x0809, &[0; 16]));
        for r in records {
            s.extend(r);
        }
        s.extend(record(0x000A, &[]));
        s
    }

    const B: Bounds = Bounds {
        max_rows: 5_000,
        max_columns: 1_000,
    };

    #[test]
    fn cells_within_bounds_pass() {
        assert_eq!(B.walk(&stream(&[cell(0x0203, 4_999, 999), cell(0x00FD, 0, 0)])), Ok(()));
    }

    #[test]
    fn a_far_cell_is_named_with_its_sheet() {
        let got = B.walk(&stream(&[cell(0x0204, 1, 1), cell(0x027E, 65_535, 255)]));
        assert_eq!(
            got,
            Err(XlsProblem::FarCell {
                sheet: "Modules".into(),
                row: 65_535,
                column: 255
            })
        );
    }

    #[test]
    fn a_declared_extent_of_four_billion_rows_is_refused() {
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(u32::MAX.to_le_bytes());
        dims.extend([0, 0, 3, 0, 0, 0]);
        let got = B.walk(&stream(&[record(0x0200, &dims)]));
        assert!(matches!(got, Err(XlsProblem::FarCell { row, .. }) if row == u64::from(u32::MAX - 1)));
    }

    #[test]
    fn a_mulrk_is_bounded_by_its_last_column() {
        let mut body = 2u16.to_le_bytes().to_vec();
        body.extend(0u16.to_le_bytes());
        body.extend([0; 6]);
        body.extend(40_000u16.to_le_bytes());
        assert!(B.walk(&stream(&[record(0x00BD, &body)])).is_err());
    }

    #[test]
    fn truncated_records_and_junk_do_not_panic() {
        for junk in [
            vec![],
            vec![0x03],
            vec![0x03, 0x02, 0xFF, 0xFF, 1],
            vec![0xBD, 0x00, 0x01, 0x00, 7],
        ] {
            let _ = B.walk(&junk);
        }
        assert_eq!(scan(b"not a compound file", 10, 10, 100), Err(XlsProblem::Unreadable));
    }
}
