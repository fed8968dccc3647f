//! Module descriptors: each module's learning outcomes and assessments, from a CSV file or a
//! workbook (one row per outcome or per assessment, columns matched leniently) or from a Word
//! module specification (see [`super::docx`]).

use std::path::Path;

use crate::error::{self, InputError};
use crate::model::{Assessment, AssessmentKind, LearningOutcome};

use super::csv_util::header_key;
use super::table::Table;

/// One module's outcomes and assessments as a descriptor gives them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Descriptor {
    /// The module code the descriptor is for.
    pub module: String,
    /// The module's title, where the descriptor gives one.
    pub title: Option<String>,
    pub outcomes: Vec<LearningOutcome>,
    pub assessments: Vec<Assessment>,
    /// KSB codes (such as `K5` or `ST0215/K5`) each outcome carries, where given: (LO, code).
    pub ksbs: Vec<(String, String)>,
    /// Where it came from, for messages: the file, and the sheet or paragraph.
    pub source: String,
    /// Where its module is first named, and each of `ksbs`, in a table (none in a Word
    /// specification): an error found later against the project points there.
    pub module_place: Option<Place>,
    pub ksb_places: Vec<Option<Place>>,
}

/// A place in a descriptor table: the reader's own error there, its message still to write,
/// so a later error reads as the reader's do (line and column, or sheet, row and letter).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place(InputError);

impl Place {
    pub fn error(&self, message: &str) -> InputError {
        let mut e = self.0.clone();
        e.message.push_str(message);
        e
    }

    /// The place of `error`'s item in `d`, where the table gave one.
    pub fn of(d: &Descriptor, ksb: Option<usize>) -> Option<&Place> {
        match ksb {
            None => d.module_place.as_ref(),
            Some(i) => d.ksb_places.get(i).and_then(Option::as_ref),
        }
    }
}

/// Gives `project` the outcomes and assessments `d` (read from `file`) holds, as
/// [`ops::set_outcomes`] does; an unknown module or KSB is an error placed at the row or
/// paragraph that names it. The app and `import-descriptors` both apply descriptors so.
pub fn apply(
    project: &mut crate::model::Project,
    file: &Path,
    d: &Descriptor,
) -> Result<crate::model::ops::OutcomeCounts, InputError> {
    crate::model::ops::set_outcomes(
        project,
        &crate::model::module_code(&d.module),
        d.outcomes.clone(),
        d.assessments.clone(),
        &d.ksbs,
    )
    .map_err(|e| {
        let located = Place::of(d, e.ksb).map(|p| p.error(&e.message));
        located
            .unwrap_or_else(|| InputError::new(file, e.message))
            .hint("check the module code against the project's modules, and the KSB codes against its standard")
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Module,
    Code,
    Text,
    Kind,
    Weighting,
    Outcomes,
    Ksbs,
}

fn field_for(header: &str) -> Option<Field> {
    Some(match header_key(header).as_str() {
        "module" | "modulecode" | "modcode" | "moduleid" | "unit" | "unitcode" => Field::Module,
        "code" | "ref" | "reference" | "id" | "locode" | "outcomecode" | "assessmentcode" | "component"
        | "componentcode" | "item" | "number" | "no" => Field::Code,
        "text"
        | "learningoutcomeassessment"
        | "learningoutcomeorassessment"
        | "outcome"
        | "learningoutcome"
        | "description"
        | "title"
        | "assessment"
        | "assessmenttitle"
        | "statement"
        | "task"
        | "name"
        | "outcomeorassessment" => Field::Text,
        "kind" | "type" | "method" | "assessmentmethod" | "assessmenttype" | "format" | "mode" => Field::Kind,
        "weighting" | "weight" | "weightingpercent" | "percentage" | "percent" | "weightingofmodule" => {
            Field::Weighting
        }
        "los"
        | "losassessed"
        | "learningoutcomes"
        | "outcomesassessed"
        | "learningoutcomesassessed"
        | "outcomes"
        | "assesseslos"
        | "lostested"
        | "losmet" => Field::Outcomes,
        "ksbs" | "ksb" | "ksbsmapped" | "mapstoksbs" | "ksbcodes" | "ksbscovered" | "ksbsmet" => Field::Ksbs,
        _ => return None,
    })
}

/// Sheets whose names contain these are read first from a workbook.
pub const SHEET_NAMES: [&str; 4] = ["descriptor", "outcome", "assessment", "module"];

/// Reads descriptors from CSV, a workbook or a .docx module specification, by the extension.
pub fn read(path: &Path) -> error::Result<Vec<Descriptor>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if ext == "docx" {
        let bytes = crate::fsio::read_bounded(path)?;
        return super::docx::parse(path, &bytes).map(|d| vec![d]).map_err(Into::into);
    }
    let table = Table::read(path, &SHEET_NAMES)?;
    parse_table(&table).map_err(Into::into)
}

pub fn parse(path: &Path, text: &str) -> Result<Vec<Descriptor>, InputError> {
    parse_table(&Table::from_csv(path, text)?)
}

fn is_header(row: &[String]) -> bool {
    let fields: Vec<Option<Field>> = row.iter().map(|h| field_for(h)).collect();
    fields.contains(&Some(Field::Module)) && fields.contains(&Some(Field::Text))
}

/// Splits a list such as `LO1, LO2 & LO4` or `1-3` into outcome codes (`LO1`…).
pub fn outcome_codes(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in s
        .split([',', ';', '&', '/', ' ', '\n'])
        .filter(|p| !p.trim().is_empty())
    {
        let p = part.trim().trim_matches(['.', '(', ')']);
        if p.eq_ignore_ascii_case("and") || p.is_empty() {
            continue;
        }
        let digits = |x: &str| -> Option<u32> {
            let x = x.trim();
            let x = x.strip_prefix("LO").or_else(|| x.strip_prefix("lo")).unwrap_or(x);
            x.trim().parse().ok()
        };
        if let Some((a, b)) = p.split_once(['-', '–'])
            && let (Some(a), Some(b)) = (digits(a), digits(b))
            && a <= b
            && b - a < 50
        {
            out.extend((a..=b).map(|n| format!("LO{n}")));
            continue;
        }
        match digits(p) {
            Some(n) => out.push(format!("LO{n}")),
            None => out.push(p.to_string()),
        }
    }
    out.dedup();
    out
}

/// A weighting such as `60`, `60%` or `0.6` as a whole percent.
pub fn weighting(s: &str) -> Option<u32> {
    let t = s.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return None;
    }
    let v: f64 = t.parse().ok()?;
    let v = if v > 0.0 && v <= 1.0 && t.contains('.') {
        v * 100.0
    } else {
        v
    };
    (0.0..=100.0).contains(&v).then(|| v.round() as u32)
}

pub fn parse_table(table: &Table) -> Result<Vec<Descriptor>, InputError> {
    let start = table.rows.iter().take(10).position(|(_, r)| is_header(r));
    let Some(start) = start else {
        let line = table.rows.first().map_or(1, |(l, _)| *l);
        return Err(table
            .error(line, 1, "has no header row naming a module column and an outcome or title column")
            .hint("give a header such as `module,code,text,kind,weighting,LOs assessed,KSBs`: one row per learning outcome or assessment"));
    };
    let rows = &table.rows[start..];
    let Some((_, header)) = rows.first() else {
        return Ok(Vec::new());
    };
    let columns: Vec<Option<Field>> = header.iter().map(|h| field_for(h)).collect();
    let col = |f: Field| columns.iter().position(|c| *c == Some(f));
    let source = match &table.origin {
        super::table::Origin::Csv => table.path.display().to_string(),
        super::table::Origin::Sheet(s) => format!("{}, sheet `{s}`", table.path.display()),
    };
    let mut out: Vec<Descriptor> = Vec::new();
    for (line, row) in rows.get(1..).unwrap_or_default() {
        let get = |f: Field| col(f).and_then(|i| row.get(i)).map(|s| s.trim()).unwrap_or("");
        let at = |f: Field| col(f).map_or(1, |i| i + 1);
        let bad = |f: Field, what: String, hint: &str| table.error(*line, at(f), what).hint(hint);
        let module = get(Field::Module);
        if module.is_empty() && get(Field::Text).is_empty() && get(Field::Code).is_empty() {
            continue;
        }
        if module.is_empty() {
            return Err(bad(
                Field::Module,
                "this row names no module".into(),
                "write the module code on every row",
            ));
        }
        let code = get(Field::Code);
        let text = get(Field::Text);
        let kind = get(Field::Kind);
        let weight = get(Field::Weighting);
        let is_outcome = if code.to_ascii_uppercase().starts_with("LO") {
            true
        } else {
            weight.is_empty() && kind.is_empty()
        };
        let i = match out.iter().position(|d| d.module == module) {
            Some(i) => i,
            None => {
                out.push(Descriptor {
                    module: module.to_string(),
                    source: source.clone(),
                    module_place: Some(Place(table.error(*line, at(Field::Module), ""))),
                    ..Descriptor::default()
                });
                out.len() - 1
            }
        };
        let d = &mut out[i];
        if let Some(problem) = crate::model::oversized_text(&format!("{module} {code}'s text"), text) {
            return Err(bad(Field::Text, problem, "shorten it, or keep the long text elsewhere"));
        }
        if text.is_empty() {
            return Err(bad(
                Field::Text,
                format!("{module} {code} has no text"),
                "write the outcome's statement or the assessment's title",
            ));
        }
        if is_outcome {
            let code = if code.is_empty() {
                format!("LO{}", d.outcomes.len() + 1)
            } else {
                outcome_codes(code)
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| code.to_string())
            };
            if d.outcomes.iter().any(|o| o.code == code) {
                return Err(bad(
                    Field::Code,
                    format!("{module} {code} appears twice"),
                    "give each learning outcome of a module its own code",
                ));
            }
            for k in get(Field::Ksbs)
                .split([',', ';', ' ', '\n'])
                .filter(|k| !k.trim().is_empty())
            {
                d.ksbs.push((code.clone(), k.trim().to_string()));
                d.ksb_places.push(Some(Place(table.error(*line, at(Field::Ksbs), ""))));
            }
            d.outcomes.push(LearningOutcome {
                code,
                text: text.to_string(),
            });
        } else {
            let w = weighting(weight).ok_or_else(|| {
                bad(
                    Field::Weighting,
                    format!("weighting `{weight}` is not a percentage from 0 to 100"),
                    "write the assessment's share of the module mark, such as 60 or 60%",
                )
            })?;
            let code = if code.is_empty() {
                format!("A{}", d.assessments.len() + 1)
            } else {
                code.to_string()
            };
            if d.assessments.iter().any(|a| a.code == code) {
                return Err(bad(
                    Field::Code,
                    format!("{module} assessment {code} appears twice"),
                    "give each assessment of a module its own code",
                ));
            }
            d.assessments.push(Assessment {
                code,
                title: text.to_string(),
                kind: AssessmentKind::parse(if kind.is_empty() { text } else { kind }),
                weighting: w,
                outcomes: outcome_codes(get(Field::Outcomes)),
            });
        }
    }
    if out.is_empty() {
        return Err(table
            .whole_error("lists no learning outcomes or assessments below its header")
            .hint("add a row for each learning outcome and each assessment"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_lists_and_weightings_read_leniently() {
        assert_eq!(outcome_codes("LO1, LO2 & LO4"), ["LO1", "LO2", "LO4"]);
        assert_eq!(outcome_codes("1-3"), ["LO1", "LO2", "LO3"]);
        assert_eq!(outcome_codes("LO2–LO3"), ["LO2", "LO3"]);
        assert_eq!(weighting("60%"), Some(60));
        assert_eq!(weighting("0.4"), Some(40));
        assert_eq!(weighting("140"), None);
        assert_eq!(weighting("sixty"), None);
    }

    #[test]
    fn rows_are_outcomes_or_assessments() {
        let csv = "Module code,Ref,Description,Method,Weighting (%),LOs assessed,KSBs\n\
            HSC401,LO1,Describe body systems,,,,K34\n\
            HSC401,LO2,Explain normal ranges,,,,\"K5, S5\"\n\
            HSC401,A1,Unseen examination,Exam,60,\"LO1, LO2\",\n\
            HSC401,A2,Poster,Presentation,40%,LO1,\n";
        let d = parse(Path::new("d.csv"), csv).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].outcomes.len(), 2);
        assert_eq!(d[0].assessments[0].outcomes, ["LO1", "LO2"]);
        assert_eq!(d[0].assessments[1].weighting, 40);
        assert_eq!(d[0].ksbs.len(), 3);
        let e = parse(Path::new("d.csv"), "module,code,text,weighting\nM,A1,Essay,lots\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(4)));
        assert!(e.message.contains("lots"), "{e}");
    }
}
