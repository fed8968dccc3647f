//! `htq-mapper compare A.ron B.ron`: what changed from one copy of a project to another.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Map, Value, json};

use crate::error::Result;
use crate::review::{Comparison, FieldChange};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The older copy (.ron).
    a: PathBuf,
    /// The newer copy (.ron).
    b: PathBuf,
    /// Print the changes as JSON.
    #[arg(long)]
    json: bool,
}

/// Exits 0 once both files are read and compared, whatever the differences; 2 when either
/// cannot be read.
pub fn run(args: Args) -> Result<ExitCode> {
    let a = crate::store::load_project(&args.a)?;
    let b = crate::store::load_project(&args.b)?;
    let c = crate::review::compare(&a, &b);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&compare_json(&c)).unwrap_or_default()
        );
    } else {
        print!(
            "{}",
            compare_text(&c, &args.a.display().to_string(), &args.b.display().to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The differing fields as two objects, `from` and `to`, keyed by field name.
fn from_to(fields: &[FieldChange]) -> (Value, Value) {
    let mut from = Map::new();
    let mut to = Map::new();
    for f in fields {
        from.insert(f.field.to_string(), json!(f.from));
        to.insert(f.field.to_string(), json!(f.to));
    }
    (Value::Object(from), Value::Object(to))
}

fn field_names(fields: &[FieldChange]) -> Vec<&'static str> {
    fields.iter().map(|f| f.field).collect()
}

pub fn compare_json(c: &Comparison) -> Value {
    let m = &c.modules;
    let module_id = |code: &str, title: &str| json!({"code": code, "title": title});
    let cell = |x: &crate::model::Mapping| json!({"module": x.module, "ksb": x.ksb.to_string(), "coverage": x.coverage.label()});
    let s = &c.standards;
    let standard_id =
        |x: &crate::review::StandardId| json!({"reference": x.reference, "title": x.title, "version": x.version});
    let mut out = json!({
        "modules": {
            "added": m.added.iter().map(|x| module_id(&x.code, &x.title)).collect::<Vec<_>>(),
            "removed": m.removed.iter().map(|x| module_id(&x.code, &x.title)).collect::<Vec<_>>(),
            "changed": m.changed.iter().map(|x| {
                let (from, to) = from_to(&x.fields);
                json!({"code": x.code, "title": x.title, "fields": field_names(&x.fields), "from": from, "to": to})
            }).collect::<Vec<_>>(),
        },
        "mappings": {
            "added": c.mappings.added.iter().map(cell).collect::<Vec<_>>(),
            "removed": c.mappings.removed.iter().map(cell).collect::<Vec<_>>(),
            "changed": c.mappings.changed.iter().map(|x| {
                let (from, to) = from_to(&x.fields);
                json!({"module": x.module, "ksb": x.ksb.to_string(), "from": from, "to": to})
            }).collect::<Vec<_>>(),
        },
        "standards": {
            "added": s.added.iter().map(standard_id).collect::<Vec<_>>(),
            "removed": s.removed.iter().map(standard_id).collect::<Vec<_>>(),
            "changed": s.changed.iter().map(|x| {
                let (from, to) = from_to(&x.fields);
                json!({"reference": x.reference, "title": x.title, "fields": field_names(&x.fields), "from": from, "to": to, "statements": x.statements})
            }).collect::<Vec<_>>(),
        },
    });
    // Only when it changed, so the keys scripts read stay as they were.
    if !c.programme.is_empty()
        && let Some(o) = out.as_object_mut()
    {
        let (from, to) = from_to(&c.programme);
        o.insert(
            "programme".into(),
            json!({"fields": field_names(&c.programme), "from": from, "to": to}),
        );
    }
    out
}

/// The changes grouped by kind, one line each, for people.
pub fn compare_text(c: &Comparison, a: &str, b: &str) -> String {
    crate::review::compare_text::text(c, a, b)
}
