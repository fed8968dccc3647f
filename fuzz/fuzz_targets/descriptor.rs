#![no_main]
//! Module descriptors: a Word `.docx` whose document.xml is built from the input (headings,
//! numbered paragraphs and tables among fuzzed text), the input's raw bytes as a `.docx`, and
//! the input's text as a descriptor CSV. None may panic or run away with memory.

use std::io::{Cursor, Write};
use std::path::Path;

use htq_mapper::import::{descriptors, docx};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

fn text(u: &mut Unstructured) -> Result<String> {
    const WORDS: [&str; 12] = [
        "Learning outcomes",
        "Assessment",
        "Module code: HSC405",
        "LO1",
        "On successful completion, students will be able to",
        "Exam",
        "50%",
        "LO1, LO2",
        "Portfolio",
        "100",
        "Weighting",
        "Title",
    ];
    Ok(if u.ratio(2, 3)? {
        (*u.choose(&WORDS)?).to_string()
    } else {
        u.arbitrary::<&str>()?.replace(['<', '&'], "")
    })
}

fn paragraph(u: &mut Unstructured) -> Result<String> {
    let style = match u.int_in_range(0..=3)? {
        0 => r#"<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>"#.to_string(),
        1 => r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>"#.to_string(),
        _ => String::new(),
    };
    Ok(format!("<w:p>{style}<w:r><w:t>{}</w:t></w:r></w:p>", text(u)?))
}

fn table(u: &mut Unstructured) -> Result<String> {
    let mut t = String::from("<w:tbl>");
    for _ in 0..u.int_in_range(0..=6)? {
        t += "<w:tr>";
        for _ in 0..u.int_in_range(0..=5)? {
            t += &format!("<w:tc>{}</w:tc>", paragraph(u)?);
        }
        t += "</w:tr>";
    }
    Ok(t + "</w:tbl>")
}

fn docx_of(u: &mut Unstructured) -> Result<Vec<u8>> {
    let mut body = String::new();
    for _ in 0..u.int_in_range(0..=30)? {
        body += &if u.ratio(1, 4)? { table(u)? } else { paragraph(u)? };
    }
    let document = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in [("[Content_Types].xml", String::new()), ("word/document.xml", document)] {
        let _ = w.start_file(name, SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored));
        let _ = w.write_all(data.as_bytes());
    }
    Ok(w.finish().map(Cursor::into_inner).unwrap_or_default())
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.docx");
    let mut u = Unstructured::new(data);
    match u.int_in_range(0..=3).unwrap_or(0) {
        0 => {
            let _ = docx::parse(path, data);
        }
        1 => {
            if let Ok(text) = std::str::from_utf8(data) {
                let _ = descriptors::parse(Path::new("fuzz.csv"), text);
            }
        }
        _ => {
            if let Ok(bytes) = docx_of(&mut u) {
                let _ = docx::parse(path, &bytes);
            }
        }
    }
});
