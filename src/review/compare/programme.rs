//! The programme's own fields as a comparison lists them: everything of the programme a
//! sign-off signs besides its modules, mappings and standards.

use super::{FieldChange, FieldValue, Fields, text};
use crate::model::Project;

pub(super) fn programme_fields(a: &Project, b: &Project) -> Vec<FieldChange> {
    let (x, y) = (&a.programme, &b.programme);
    let mut f = Fields(Vec::new());
    f.check("title", text(&x.title), text(&y.title));
    f.check("award", text(&x.award.to_string()), text(&y.award.to_string()));
    f.check("awarding_body", text(&x.awarding_body), text(&y.awarding_body));
    f.check(
        "level",
        FieldValue::Number(x.level.into()),
        FieldValue::Number(y.level.into()),
    );
    f.check(
        "total_credits",
        FieldValue::Number(x.total_credits.into()),
        FieldValue::Number(y.total_credits.into()),
    );
    f.check(
        "standards",
        FieldValue::List(x.standards.clone()),
        FieldValue::List(y.standards.clone()),
    );
    f.check("occupational_options", options(a, b), options(b, a));
    f.check("option_groups", groups(a), groups(b));
    f.0
}

/// The occupational options chosen, by their titles: `ST0581 Technical weaving technician`.
/// A title `p` does not hold (a sign-off's content names standards without their options)
/// is looked up in `other`.
fn options(p: &Project, other: &Project) -> FieldValue {
    let chosen: Vec<String> = p
        .programme
        .occupational_options
        .iter()
        .flat_map(|(reference, ids)| {
            ids.iter().map(move |id| {
                let title = [p, other]
                    .iter()
                    .find_map(|q| q.standard(reference)?.option(id))
                    .map_or(id.as_str(), |o| o.title.as_str());
                format!("{reference} {title}")
            })
        })
        .collect();
    joined(chosen)
}

/// The option groups and how many each asks for: `Level 5 options (choose 1)`.
fn groups(p: &Project) -> FieldValue {
    joined(
        p.option_groups
            .iter()
            .map(|g| format!("{} (choose {})", g.name, g.choose))
            .collect(),
    )
}

fn joined(items: Vec<String>) -> FieldValue {
    if items.is_empty() {
        FieldValue::None
    } else {
        FieldValue::Text(items.join("; "))
    }
}
