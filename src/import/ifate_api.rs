//! Standards from the IfATE apprenticeship-standards API.
//!
//! KSBs carry GUIDs; their codes come from array order (the first knowledge is
//! K1). Duties name their KSBs by GUID. Accepts a single record, an array of
//! records, or `{"list": [...]}`. A list holds summary records without KSBs beside full
//! ones, as the API serves it: those are passed over, each with the reason.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::error::InputError;
use crate::model::{Duty, IsoDate, Ksb, KsbCode, KsbKind, Standard, StandardOption, StandardStatus};

use super::Imported;
use super::text::{html_to_text, tidy};

pub const SOURCE: &str = "IfATE API";

/// A list the API (or a hand-edited record) gives as `null` reads as an empty one, as a
/// missing list does: serde's "invalid type: null, expected a sequence" names no field.
fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<Vec<T>>::deserialize(d).map(Option::unwrap_or_default)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Record {
    #[serde(default)]
    reference_number: Option<String>,
    #[serde(default)]
    lars_code: Option<Value>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    level: Option<Value>,
    #[serde(default)]
    version: Option<Value>,
    #[serde(default)]
    route: Option<String>,
    #[serde(default)]
    version_number: Option<Value>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    change: Option<String>,
    #[serde(default)]
    earliest_start_date: Option<Value>,
    #[serde(default)]
    latest_start_date: Option<Value>,
    #[serde(default)]
    latest_end_date: Option<Value>,
    #[serde(default)]
    approved_for_delivery: Option<Value>,
    #[serde(default)]
    last_updated: Option<Value>,
    #[serde(default)]
    core_and_options: Option<Value>,
    #[serde(default)]
    options: Option<Vec<ApiOption>>,
    #[serde(default, deserialize_with = "null_as_empty")]
    knowledges: Vec<Item>,
    #[serde(default, deserialize_with = "null_as_empty")]
    skills: Vec<Item>,
    #[serde(default, deserialize_with = "null_as_empty")]
    behaviours: Vec<Item>,
    #[serde(default, deserialize_with = "null_as_empty")]
    duties: Vec<ApiDuty>,
}

/// A knowledge, skill or behaviour; each kind names its id field differently.
#[derive(Deserialize)]
struct Item {
    #[serde(alias = "knowledgeId", alias = "skillId", alias = "behaviourId", default)]
    id: Option<String>,
    #[serde(default)]
    detail: Option<String>,
}

#[derive(Deserialize)]
struct ApiDuty {
    #[serde(alias = "dutyID", alias = "dutyId", default)]
    id: Option<String>,
    #[serde(rename = "dutyDetail", default)]
    detail: Option<String>,
    #[serde(rename = "isThisACoreDuty", default)]
    core: Option<Value>,
    #[serde(rename = "mappedKnowledge", default)]
    knowledge: Option<Vec<String>>,
    #[serde(rename = "mappedSkills", default)]
    skills: Option<Vec<String>>,
    #[serde(rename = "mappedBehaviour", alias = "mappedBehaviours", default)]
    behaviours: Option<Vec<String>>,
    #[serde(rename = "mappedOptions", default)]
    options: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct ApiOption {
    #[serde(rename = "optionId", alias = "optionID", default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// How a record without KSBs is refused: `catalogue update` passes such a record over when
/// other records come with it (ST0540's full record lists none).
pub const NO_KSBS: &str = "has no knowledges, skills or behaviours";

/// What a file refused for [`NO_KSBS`] holds (`ST0540 Title`): `None` for any other refusal.
pub fn without_ksbs(e: &InputError) -> Option<&str> {
    e.message.strip_suffix(NO_KSBS).map(str::trim)
}

/// A record of a list that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassedOver {
    /// 1-based position in the list.
    pub record: usize,
    /// Its reference and title, or `record N`.
    pub name: String,
    pub reason: String,
}

/// What a file of API JSON gave: the standards, and the list's records that were passed over.
#[derive(Clone, Debug, Default)]
pub struct ApiImport {
    pub imported: Vec<Imported>,
    pub passed_over: Vec<PassedOver>,
}

/// Parses API JSON into one standard per record with KSBs (see `parse_list`).
pub fn parse(path: &Path, text: &str) -> Result<Vec<Imported>, InputError> {
    parse_list(path, text).map(|l| l.imported)
}

/// Parses API JSON. A single record must be a full one. A list is imported record by record:
/// each record that fails (a summary record without KSBs, most often) is passed over with its
/// reason, and the list is refused only when no record in it can be imported.
pub fn parse_list(path: &Path, text: &str) -> Result<ApiImport, InputError> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(path, &e))?;
    let records = match value {
        Value::Array(items) => items,
        Value::Object(mut map) if map.contains_key("list") => match map.remove("list") {
            Some(Value::Array(items)) => items,
            _ => return Err(InputError::new(path, "`list` should be an array of standards")),
        },
        v @ Value::Object(_) => vec![v],
        _ => {
            return Err(InputError::new(
                path,
                "expected a standard record, an array of them, or {\"list\": [...]}",
            )
            .at(1, 1));
        }
    };
    let fallback = reference_from_file_name(path);
    let single = records.len() == 1;
    let mut out = ApiImport::default();
    let mut first_error = None;
    for (i, v) in records.into_iter().enumerate() {
        let name = record_name(&v, i);
        let imported = serde_json::from_value::<Record>(v)
            .map_err(|e| InputError::new(path, format!("record {}: {e}", i + 1)))
            .and_then(|record| convert(path, i, record, if single { fallback.clone() } else { None }));
        match imported {
            Ok(imported) => out.imported.push(imported),
            Err(e) if single => return Err(e),
            Err(e) => {
                out.passed_over.push(PassedOver {
                    record: i + 1,
                    name,
                    reason: e.message.clone(),
                });
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(e) if out.imported.is_empty() => Err(InputError {
            message: format!("no record of the list could be imported; the first: {}", e.message),
            ..e
        }),
        _ => Ok(out),
    }
}

/// `ST0540 Aircraft maintenance certifying engineer`, or `record 3`, for a list's report.
fn record_name(v: &Value, index: usize) -> String {
    let field = |k: &str| v.get(k).and_then(Value::as_str).map(tidy).filter(|s| !s.is_empty());
    match (field("referenceNumber"), field("title").map(|t| html_to_text(&t))) {
        (Some(r), Some(t)) => format!("{r} {t}"),
        (Some(r), None) => r,
        (None, Some(t)) => t,
        (None, None) => format!("record {}", index + 1),
    }
}

/// A date field, `None` when empty or absent.
fn date(v: &Option<Value>) -> Option<IsoDate> {
    v.as_ref()?.as_str().and_then(IsoDate::parse)
}

/// A version such as `1.2`; the API writes `""` or `"0.0"` for standards in development.
fn version_text(v: &Option<Value>) -> Option<String> {
    let s = match v.as_ref()? {
        Value::String(s) => tidy(s),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty() && s != "0.0" && s != "0").then_some(s)
}

pub fn json_error(path: &Path, e: &serde_json::Error) -> InputError {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; we report those separately.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    InputError::new(path, format!("invalid JSON: {msg}")).at(e.line().max(1), e.column().max(1))
}

/// `ST0827-nursing-associate.json` names its standard; the prototype's records do not.
/// `ST0827` from a name such as `ST0827_1.0.json` or `st0827-nursing.json`. Works on
/// characters, so any Unicode name (`Sé1234.json`, `São Paulo.json`) is simply not a match.
fn reference_from_file_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let mut chars = stem.chars();
    let prefix: String = chars.by_ref().take(2).collect();
    let digits: String = chars.take(4).collect();
    let ok = prefix.eq_ignore_ascii_case("ST") && digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| format!("ST{digits}"))
}

fn number(v: &Option<Value>) -> Option<i64> {
    match v.as_ref()? {
        // A whole number only: 5.9 is no level, and must not be read as 5.
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

fn convert(path: &Path, index: usize, r: Record, fallback: Option<String>) -> Result<Imported, InputError> {
    let mut warnings = Vec::new();
    let title = r.title.as_deref().map(html_to_text).unwrap_or_default();
    let name = if title.is_empty() {
        format!("record {}", index + 1)
    } else {
        title.clone()
    };
    let reference = match (
        r.reference_number.as_deref().map(tidy).filter(|s| !s.is_empty()),
        fallback,
    ) {
        (Some(r), _) => r,
        (None, Some(f)) => {
            // The file's name is all that says which standard this is: it must agree with the
            // catalogue's record of that standard, else a record filed under the wrong name
            // (a nursing associate's saved as ST0215-…) would pass as ST0215.
            let known = crate::catalogue::versions(&f);
            let lars = number(&r.lars_code);
            let agrees = known.is_empty()
                || known.iter().any(|k| {
                    k.title.eq_ignore_ascii_case(&title) || (lars.is_some() && k.lars_code.map(i64::from) == lars)
                });
            if !agrees {
                let theirs = known.first().map(|k| k.title.as_str()).unwrap_or_default();
                return Err(InputError::new(
                    path,
                    format!(
                        "{name} has no reference number, and its file name says {f}, which the catalogue knows as {theirs}"
                    ),
                )
                .hint("rename the file after the record's own standard (ST1234-….json), or add \"referenceNumber\" to the record"));
            }
            warnings.push(format!(
                "{name} has no reference number; {f} is taken from the file's name"
            ));
            f
        }
        (None, None) => match number(&r.lars_code) {
            Some(lars) => {
                warnings.push(format!("{name} has no reference number; using LARS{lars}"));
                format!("LARS{lars}")
            }
            None => {
                return Err(
                    InputError::new(path, format!("{name} has neither a referenceNumber nor a larsCode"))
                        .hint("add \"referenceNumber\": \"ST0000\" to the record"),
                );
            }
        },
    };
    let level = match number(&r.level) {
        Some(l @ 2..=7) => l as u8,
        other => {
            return Err(InputError::new(
                path,
                format!(
                    "{reference}: level {} is not a whole number from 2 to 7",
                    other.map_or_else(
                        || r.level.as_ref().map_or("(missing)".into(), Value::to_string),
                        |l| l.to_string()
                    )
                ),
            )
            .hint("give the standard's level as a whole number, such as \"level\": 5"));
        }
    };

    let mut ksbs = Vec::new();
    let mut by_guid: HashMap<String, KsbCode> = HashMap::new();
    for (kind, items) in [
        (KsbKind::Knowledge, &r.knowledges),
        (KsbKind::Skill, &r.skills),
        (KsbKind::Behaviour, &r.behaviours),
    ] {
        for (n, item) in items.iter().enumerate() {
            let code = KsbCode::new(kind, n as u32 + 1);
            let guid = item
                .id
                .as_deref()
                .map(str::trim)
                .filter(|g| !g.is_empty())
                .map(str::to_string);
            if let Some(g) = &guid
                && by_guid.insert(g.clone(), code).is_some()
            {
                warnings.push(format!("id {g} is used by more than one KSB; duties keep the last"));
            }
            ksbs.push(Ksb {
                code,
                text: item.detail.as_deref().map(html_to_text).unwrap_or_default(),
                guid,
            });
        }
    }
    if ksbs.is_empty() {
        return Err(
            InputError::new(path, format!("{reference} {NO_KSBS}")).hint(
                "the record lists none: a summary record (fetch the full standard from the API), or an older standard that gives its KSBs only in its text, which cannot be mapped",
            ),
        );
    }

    let mut duties = Vec::new();
    for (n, d) in r.duties.iter().enumerate() {
        let code = format!("D{}", n + 1);
        let mut list = Vec::new();
        for guid in [&d.knowledge, &d.skills, &d.behaviours].into_iter().flatten().flatten() {
            match by_guid.get(guid.trim()) {
                Some(c) if !list.contains(c) => list.push(*c),
                Some(_) => {}
                None => warnings.push(format!("{code} names KSB id {guid}, which the record does not hold")),
            }
        }
        let options: Vec<String> = d
            .options
            .iter()
            .flatten()
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty())
            .collect();
        duties.push(Duty {
            code,
            text: d.detail.as_deref().map(html_to_text).unwrap_or_default(),
            ksbs: list,
            core: number(&d.core).is_none_or(|c| c != 0),
            guid: d.id.clone(),
            options,
        });
    }

    let options: Vec<StandardOption> = r
        .options
        .iter()
        .flatten()
        .filter_map(|o| {
            let id = o.id.as_deref().map(str::trim).filter(|i| !i.is_empty())?.to_string();
            let title = o.title.as_deref().map(html_to_text).unwrap_or_default();
            Some(StandardOption { id, title })
        })
        .collect();
    for d in &duties {
        for o in &d.options {
            if !options.iter().any(|x| &x.id == o) {
                warnings.push(format!(
                    "{} names option id {o}, which the record does not list",
                    d.code
                ));
            }
        }
    }
    let change = r.change.as_deref().map(html_to_text).filter(|c| !c.is_empty());
    let standard = Standard {
        reference,
        title: if title.is_empty() { name } else { title },
        level,
        version: version_text(&r.version).or_else(|| version_text(&r.version_number)),
        route: r.route.as_deref().map(tidy).filter(|s| !s.is_empty()),
        status: r.status.as_deref().and_then(StandardStatus::parse),
        lars_code: number(&r.lars_code).and_then(|n| u32::try_from(n).ok()),
        change,
        approved_for_delivery: date(&r.approved_for_delivery),
        earliest_start: date(&r.earliest_start_date),
        latest_start: date(&r.latest_start_date),
        latest_end: date(&r.latest_end_date),
        last_updated: date(&r.last_updated),
        core_and_options: number(&r.core_and_options) == Some(1),
        options,
        source: SOURCE.to_string(),
        duties,
        ksbs,
        ..Standard::default()
    }
    .with_content_hash();
    let unmapped = standard.ksbs_in_no_duty();
    if !unmapped.is_empty() {
        let list: Vec<String> = unmapped.iter().map(ToString::to_string).collect();
        warnings.push(format!("no duty lists {}", list.join(" ")));
    }
    // Said at import, as `check` says it later: what is empty cannot be mapped or covered.
    let empty: Vec<String> = standard
        .ksbs
        .iter()
        .filter(|k| k.text.trim().is_empty())
        .map(|k| k.code.to_string())
        .chain(
            standard
                .duties
                .iter()
                .filter(|d| d.text.trim().is_empty())
                .map(|d| d.code.clone()),
        )
        .collect();
    if !empty.is_empty() {
        warnings.push(format!(
            "{} {} no text",
            empty.join(" "),
            if empty.len() == 1 { "has" } else { "have" }
        ));
    }
    let unlinked = standard.duties_without_ksbs();
    if !unlinked.is_empty() && unlinked.len() < standard.duties.len() {
        warnings.push(format!(
            "{} {} no KSB",
            unlinked.join(" "),
            if unlinked.len() == 1 { "lists" } else { "list" }
        ));
    } else if !unlinked.is_empty() {
        warnings.push("no duty lists a KSB, so duty coverage cannot be checked".to_string());
    }
    Ok(Imported { standard, warnings })
}

#[cfg(test)]
#[path = "ifate_api_tests.rs"]
mod tests;
