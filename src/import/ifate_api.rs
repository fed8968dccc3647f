//! Standards from the IfATE apprenticeship-standards API.
//!
//! KSBs carry GUIDs; their codes come from array order (the first knowledge is
//! K1). Duties name their KSBs by GUID. Accepts a single record, an array of
//! records, or `{"list": [...]}`.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::error::InputError;
use crate::model::{Duty, Ksb, KsbCode, KsbKind, Standard, StandardStatus};

use super::Imported;
use super::text::{html_to_text, tidy};

pub const SOURCE: &str = "IfATE API";

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
    status: Option<String>,
    #[serde(default)]
    knowledges: Vec<Item>,
    #[serde(default)]
    skills: Vec<Item>,
    #[serde(default)]
    behaviours: Vec<Item>,
    #[serde(default)]
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
}

/// Parses API JSON into one standard per record.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Imported>, InputError> {
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
    records
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let record: Record =
                serde_json::from_value(v).map_err(|e| InputError::new(path, format!("record {}: {e}", i + 1)))?;
            convert(path, i, record, if single { fallback.clone() } else { None })
        })
        .collect()
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
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
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
        (None, Some(f)) => f,
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
                    "{reference}: level {} is missing or not 2 to 7",
                    other.map_or("?".into(), |l| l.to_string())
                ),
            ));
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
                warnings.push(format!(
                    "{reference}: id {g} is used by more than one KSB; duties keep the last"
                ));
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
            InputError::new(path, format!("{reference} has no knowledges, skills or behaviours"))
                .hint("this looks like a summary record; fetch the full standard from the API"),
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
                None => warnings.push(format!(
                    "{reference} {code} names KSB id {guid}, which the record does not hold"
                )),
            }
        }
        duties.push(Duty {
            code,
            text: d.detail.as_deref().map(html_to_text).unwrap_or_default(),
            ksbs: list,
            core: number(&d.core).is_none_or(|c| c != 0),
            guid: d.id.clone(),
        });
    }

    let status = r.status.as_deref().and_then(|s| {
        let s = s.to_ascii_lowercase();
        if s.contains("retired") || s.contains("withdrawn") {
            Some(StandardStatus::Retired)
        } else if s.contains("approved") {
            Some(StandardStatus::Approved)
        } else if s.contains("develop") || s.contains("proposal") {
            Some(StandardStatus::Draft)
        } else {
            None
        }
    });
    let version = r.version.as_ref().and_then(|v| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    });

    let standard = Standard {
        reference,
        title: if title.is_empty() { name } else { title },
        level,
        version,
        route: r.route.as_deref().map(tidy).filter(|s| !s.is_empty()),
        status,
        date_updated: None,
        source: SOURCE.to_string(),
        duties,
        ksbs,
        htqs: Vec::new(),
    };
    let unmapped = standard.ksbs_in_no_duty();
    if !unmapped.is_empty() {
        let list: Vec<String> = unmapped.iter().map(ToString::to_string).collect();
        warnings.push(format!("{}: no duty lists {}", standard.reference, list.join(" ")));
    }
    Ok(Imported { standard, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_of_records_with_entities_and_option_duties() {
        let json = r#"{"list":[{"referenceNumber":"ST0001","title":"A &amp; B","level":4,
            "knowledges":[{"knowledgeId":"k-1","detail":"Know &lt;b&gt;this&lt;/b&gt;\r\n now"}],
            "skills":[{"skillId":"s-1","detail":"Do"}],"behaviours":[],
            "duties":[{"dutyID":"d-1","dutyDetail":"Duty","isThisACoreDuty":0,"mappedKnowledge":["k-1"],"mappedSkills":null}]}]}"#;
        let out = parse(Path::new("x.json"), json).unwrap();
        let s = &out[0].standard;
        assert_eq!(s.title, "A & B");
        assert_eq!(s.ksbs[0].text, "Know this now");
        assert!(!s.duties[0].core);
        assert_eq!(s.ksbs_in_no_duty(), vec![KsbCode::new(KsbKind::Skill, 1)]);
        assert!(out[0].warnings.iter().any(|w| w.contains("no duty lists S1")));
    }

    #[test]
    fn bad_json_is_located() {
        let e = parse(Path::new("x.json"), "{\n  \"title\": ,\n}").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.starts_with("invalid JSON"));
    }

    #[test]
    fn references_from_any_unicode_file_name() {
        let r = |name: &str| reference_from_file_name(Path::new(name));
        assert_eq!(r("st0827-nursing.json").as_deref(), Some("ST0827"));
        assert_eq!(r("ST0215_1.2.json").as_deref(), Some("ST0215"));
        for name in [
            "Sé1234.json",
            "São Paulo.json",
            "é.json",
            "ST12é4.json",
            "ST12.json",
            "ÅST0215.json",
            "",
        ] {
            assert_eq!(r(name), None, "{name}");
        }
    }
}
