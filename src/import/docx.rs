//! A Word module specification (.docx): the module code and title from its key-facts table
//! or lines ("Module code: HSC401"), the numbered learning outcomes under a "Learning
//! outcomes" heading, and the assessment table under "Assessment".
//!
//! A .docx is a zip; its directory is checked, and `word/document.xml` read within bounds,
//! before anything is inflated, so a hostile file is refused, not followed.

use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::Event;

use crate::error::InputError;

use super::outcome_numbers::{check_outcome_number, numbered_outcome};
use crate::model::{Assessment, AssessmentKind, LearningOutcome};

use super::csv_util::header_key;
use super::descriptors::{Descriptor, outcome_codes, weighting};

/// A module specification's text is a few hundred KB at most.
const MAX_DOCUMENT: u64 = 16 << 20;
const MAX_ENTRIES: usize = 2_000;
const MAX_RATIO: u64 = 200;
const RATIO_FROM: u64 = 1 << 20;
/// Paragraphs and table cells read; far beyond any specification.
const MAX_BLOCKS: usize = 100_000;

/// A paragraph (1-based number in the body, counting table cells' paragraphs too) or a table.
#[derive(Debug)]
enum Block {
    Paragraph {
        number: usize,
        text: String,
        heading: bool,
        numbered: bool,
    },
    Table {
        after: usize,
        rows: Vec<Vec<String>>,
    },
}

fn unreadable(path: &Path, detail: &str) -> InputError {
    InputError::new(path, format!("is not a Word document this tool can read ({detail})"))
        .hint("save it from Word or LibreOffice as .docx (Word Document), or give the outcomes and assessments as CSV")
}

pub fn parse(path: &Path, bytes: &[u8]) -> Result<Descriptor, InputError> {
    let xml = document_xml(path, bytes)?;
    let blocks = blocks(path, &xml)?;
    read_blocks(path, &blocks)
}

/// `word/document.xml`, after checking the zip directory.
fn document_xml(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, InputError> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(unreadable(path, "it is not a zip package"));
    }
    let headers = bytes.windows(4).filter(|w| *w == b"PK\x01\x02").count();
    if headers > MAX_ENTRIES {
        return Err(unreadable(
            path,
            &format!("it holds {headers} parts, more than a document has"),
        ));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(path, &e.to_string()))?;
    let part = zip
        .by_name("word/document.xml")
        .map_err(|_| unreadable(path, "it has no word/document.xml"))?;
    let (size, packed) = (part.size(), part.compressed_size());
    if size > MAX_DOCUMENT {
        return Err(InputError::new(
            path,
            format!(
                "is refused: its text unpacks to {} MB; no module specification needs that",
                size >> 20
            ),
        )
        .hint("copy the module specification alone into a new document"));
    }
    if size > RATIO_FROM && size / packed.max(1) > MAX_RATIO {
        return Err(
            InputError::new(path, "is refused: its text is packed as tightly as a zip bomb's")
                .hint("copy the module specification alone into a new document"),
        );
    }
    let mut out = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    part.take(MAX_DOCUMENT + 1)
        .read_to_end(&mut out)
        .map_err(|e| unreadable(path, &e.to_string()))?;
    if out.len() as u64 > MAX_DOCUMENT {
        return Err(unreadable(path, "its text is larger than it declares"));
    }
    Ok(out)
}

/// The body as paragraphs and top-level tables; paragraphs in a table's cells are joined
/// into the cell's text.
fn blocks(path: &Path, xml: &[u8]) -> Result<Vec<Block>, InputError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut paragraphs = 0usize;
    let mut depth = 0usize; // table nesting
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut text = String::new();
    let (mut heading, mut numbered, mut in_text) = (false, false, false);
    let mut table_after = 0usize;
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(path, &format!("its text is broken XML: {e}")))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "tbl" => {
                if depth == 0 {
                    rows.clear();
                    table_after = paragraphs;
                }
                depth += 1;
            }
            Event::End(e) if e.local_name().as_ref() == "tbl" => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(Block::Table {
                        after: table_after,
                        rows: std::mem::take(&mut rows),
                    });
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "tr" && depth == 1 => row.clear(),
            Event::End(e) if e.local_name().as_ref() == "tr" && depth == 1 => rows.push(std::mem::take(&mut row)),
            Event::Start(e) if e.local_name().as_ref() == "tc" && depth == 1 => cell.clear(),
            Event::End(e) if e.local_name().as_ref() == "tc" && depth == 1 => {
                row.push(cell.trim().to_string());
                cell.clear();
            }
            Event::Start(e) if e.local_name().as_ref() == "p" => {
                text.clear();
                heading = false;
                numbered = false;
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "pStyle" => {
                let style = e
                    .try_get_attribute("w:val")
                    .ok()
                    .flatten()
                    .map(|a| a.value.to_ascii_lowercase())
                    .unwrap_or_default();
                heading |= style.starts_with("heading") || style == "title";
                numbered |= style.contains("list");
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "numPr" => numbered = true,
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "tab" => text.push(' '),
            Event::Empty(e) if matches!(e.local_name().as_ref(), "br" | "cr") => text.push(' '),
            Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
            Event::End(e) if e.local_name().as_ref() == "t" => in_text = false,
            Event::Text(t) if in_text => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let name: &str = r.as_ref();
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                text.extend(c);
            }
            Event::End(e) if e.local_name().as_ref() == "p" => {
                paragraphs += 1;
                let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if depth > 0 {
                    if !cell.is_empty() && !t.is_empty() {
                        cell.push('\n');
                    }
                    cell.push_str(&t);
                } else if !t.is_empty() {
                    out.push(Block::Paragraph {
                        number: paragraphs,
                        text: t,
                        heading,
                        numbered,
                    });
                }
                if out.len() > MAX_BLOCKS {
                    return Err(unreadable(path, "it has more paragraphs than a module specification"));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A section title: a heading, or a short line naming a known section.
fn section(text: &str, heading: bool) -> Option<Section> {
    let key = header_key(text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' '));
    if key.len() > 40 {
        return None;
    }
    let known = |w: &[&str]| w.iter().any(|w| key.starts_with(w));
    if known(&["learningoutcomes", "intendedlearningoutcomes", "modulelearningoutcomes"]) {
        Some(Section::Outcomes)
    } else if known(&[
        "assessment",
        "summativeassessment",
        "methodsofassessment",
        "assessmentstrategy",
    ]) {
        Some(Section::Assessment)
    } else if heading
        || known(&[
            "indicativecontent",
            "learningandteaching",
            "teachingandlearning",
            "readinglist",
            "indicativereading",
            "resources",
            "syllabus",
            "aims",
            "moduleaims",
            "formativeassessment",
        ])
    {
        Some(Section::Other)
    } else {
        None
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    Outcomes,
    Assessment,
    Other,
}

fn read_blocks(path: &Path, blocks: &[Block]) -> Result<Descriptor, InputError> {
    let mut d = Descriptor {
        source: path.display().to_string(),
        ..Descriptor::default()
    };
    let mut current = Section::Other;
    let mut assessment_heading: Option<usize> = None;
    let mut outcomes_heading: Option<usize> = None;
    for b in blocks {
        match b {
            Block::Paragraph {
                number,
                text,
                heading,
                numbered,
            } => {
                if let Some((key, value)) = text.split_once(':') {
                    key_fact(&mut d, key, value);
                }
                if let Some(s) = section(text, *heading) {
                    current = s;
                    match s {
                        Section::Outcomes => outcomes_heading = Some(*number),
                        Section::Assessment => assessment_heading = Some(*number),
                        Section::Other => {}
                    }
                    continue;
                }
                if current == Section::Outcomes {
                    check_outcome_number(path, text, *number)?;
                    if let Some((n, body)) = numbered_outcome(text) {
                        push_outcome(path, &mut d, format!("LO{n}"), body, *number)?;
                    } else if *numbered {
                        let code = format!("LO{}", d.outcomes.len() + 1);
                        push_outcome(path, &mut d, code, text, *number)?;
                    }
                }
            }
            Block::Table { after, rows } => {
                for r in rows {
                    if let [key, value, ..] = r.as_slice() {
                        key_fact(&mut d, key, value);
                        // A key-facts row holding the outcomes or the assessment in one cell.
                        if section(key, false) == Some(Section::Outcomes) && d.outcomes.is_empty() {
                            for (i, line) in value.lines().enumerate() {
                                match numbered_outcome(line) {
                                    Some((n, body)) => push_outcome(path, &mut d, format!("LO{n}"), body, *after)?,
                                    None if !line.trim().ends_with(':') => {
                                        let code = format!("LO{}", d.outcomes.len() + 1);
                                        if i > 0 || !line.to_ascii_lowercase().contains("able to") {
                                            push_outcome(path, &mut d, code, line, *after)?;
                                        }
                                    }
                                    None => {}
                                }
                            }
                        }
                    }
                }
                match current {
                    Section::Assessment if d.assessments.is_empty() => {
                        assessment_table(path, &mut d, rows, *after)?;
                    }
                    Section::Outcomes => {
                        for r in rows {
                            if let [code, ..] = r.as_slice() {
                                check_outcome_number(path, code, *after)?;
                            }
                            if let [code, text, ..] = r.as_slice()
                                && let Some(n) = code
                                    .trim()
                                    .strip_prefix("LO")
                                    .and_then(|n| n.trim().parse::<u32>().ok())
                            {
                                push_outcome(path, &mut d, format!("LO{n}"), text, *after)?;
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    if d.module.is_empty() {
        return Err(InputError::new(path, "names no module code")
            .hint("give the module code in the key-facts table or as a line such as `Module code: HSC401`"));
    }
    if d.outcomes.is_empty() {
        let where_ = outcomes_heading.map_or(String::new(), |p| format!(" under the heading at paragraph {p}"));
        return Err(InputError::new(path, format!("lists no numbered learning outcomes{where_}")).hint(
            "put the outcomes under a \"Learning outcomes\" heading, one per paragraph, numbered (LO1, 1., or a numbered list)",
        ));
    }
    if d.assessments.is_empty() {
        let where_ = assessment_heading.map_or(String::new(), |p| format!(" after the heading at paragraph {p}"));
        return Err(InputError::new(path, format!("has no assessment table{where_}")).hint(
            "put the assessments in a table under an \"Assessment\" heading, with columns such as method, weighting and learning outcomes",
        ));
    }
    Ok(d)
}

fn key_fact(d: &mut Descriptor, key: &str, value: &str) {
    let value = value.trim();
    if value.is_empty() || value.len() > 200 {
        return;
    }
    match header_key(key).as_str() {
        "modulecode" | "code" | "unitcode" | "moduleref" | "modulereference" | "modulenumber"
            if d.module.is_empty() =>
        {
            d.module = value.split_whitespace().next().unwrap_or_default().to_string();
        }
        "moduletitle" | "title" | "modulename" | "unittitle" if d.title.is_none() => d.title = Some(value.to_string()),
        _ => {}
    }
}

fn push_outcome(path: &Path, d: &mut Descriptor, code: String, text: &str, paragraph: usize) -> Result<(), InputError> {
    if d.outcomes.iter().any(|o| o.code == code) {
        return Err(InputError::new(
            path,
            format!("paragraph {paragraph}: learning outcome {code} appears twice"),
        )
        .hint("number each learning outcome once"));
    }
    d.outcomes.push(LearningOutcome {
        code,
        text: text.trim().to_string(),
    });
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Code,
    Title,
    Kind,
    Weighting,
    Outcomes,
}

fn column_for(header: &str) -> Option<Column> {
    let k = header_key(header);
    Some(
        if k.contains("weight") || k == "percent" || k == "percentage" || k.is_empty() && header.contains('%') {
            Column::Weighting
        } else if k.contains("outcome") || k.starts_with("lo") {
            Column::Outcomes
        } else if k.contains("method") || k.contains("type") || k == "kind" || k == "format" {
            Column::Kind
        } else if matches!(
            k.as_str(),
            "component" | "code" | "ref" | "no" | "number" | "id" | "element" | "task"
        ) {
            Column::Code
        } else if k.contains("description") || k.contains("title") || k.contains("assessment") || k == "details" {
            Column::Title
        } else {
            return None;
        },
    )
}

fn assessment_table(path: &Path, d: &mut Descriptor, rows: &[Vec<String>], after: usize) -> Result<(), InputError> {
    let Some((header_at, header)) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.iter().any(|c| column_for(c) == Some(Column::Weighting)))
    else {
        return Err(InputError::new(
            path,
            format!("the table after paragraph {after} (under \"Assessment\") has no weighting column"),
        )
        .hint("give the assessment table a header row with a weighting column, such as Method | Weighting | Learning outcomes"));
    };
    let columns: Vec<Option<Column>> = header.iter().map(|h| column_for(h)).collect();
    let col = |c: Column| columns.iter().position(|x| *x == Some(c));
    for (i, r) in rows.iter().enumerate().skip(header_at + 1) {
        let get = |c: Column| col(c).and_then(|i| r.get(i)).map(|s| s.trim()).unwrap_or("");
        let first = r.first().map(|s| header_key(s)).unwrap_or_default();
        if r.iter().all(|c| c.trim().is_empty()) || first.starts_with("total") {
            continue;
        }
        let place = || {
            format!(
                "the table after paragraph {after} (under \"Assessment\"), row {}",
                i + 1
            )
        };
        let w = get(Column::Weighting);
        let weighting = weighting(w).ok_or_else(|| {
            InputError::new(
                path,
                format!("{}: weighting `{w}` is not a percentage from 0 to 100", place()),
            )
            .hint("write the assessment's share of the module mark, such as 60%")
        })?;
        let (title, kind) = (get(Column::Title), get(Column::Kind));
        let title = if title.is_empty() { kind } else { title };
        if title.is_empty() {
            return Err(
                InputError::new(path, format!("{}: the assessment has no title or method", place()))
                    .hint("describe each assessment, such as `Essay (2,500 words)`"),
            );
        }
        let code = get(Column::Code);
        let code = if code.is_empty() {
            format!("A{}", d.assessments.len() + 1)
        } else if code.chars().all(|c| c.is_ascii_digit()) {
            format!("A{code}")
        } else {
            code.to_string()
        };
        d.assessments.push(Assessment {
            code,
            title: title.lines().next().unwrap_or(title).to_string(),
            kind: AssessmentKind::parse(if kind.is_empty() { title } else { kind }),
            weighting,
            outcomes: outcome_codes(get(Column::Outcomes)),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_are_read_however_numbered() {
        assert_eq!(numbered_outcome("LO1: Explain x"), Some((1, "Explain x")));
        assert_eq!(numbered_outcome("LO 2. Explain y"), Some((2, "Explain y")));
        assert_eq!(numbered_outcome("3) Apply z"), Some((3, "Apply z")));
        assert_eq!(numbered_outcome("2025 intake"), None);
        assert_eq!(numbered_outcome("Learning outcomes"), None);
    }

    #[test]
    fn hostile_packages_are_refused() {
        let e = parse(Path::new("x.docx"), b"not a zip").unwrap_err();
        assert!(e.message.contains("not a zip"), "{e}");
    }
}
