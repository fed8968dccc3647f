//! A comparison as lines for people: the CLI prints them, the app lists them (and a line
//! about one cell can take the grid to it).

use super::compare::{Comparison, FieldChange};
use crate::model::KsbRef;

/// What a line is, so a list can style it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// "No differences…", when there are none.
    Summary,
    /// `Mappings: 1 added, 1 removed, 1 changed`.
    Heading,
    /// One added, removed or changed item.
    Entry,
}

/// One line of a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub text: String,
    /// The (module code, KSB) a mapping line is about.
    pub cell: Option<(String, KsbRef)>,
}

impl Line {
    fn new(kind: LineKind, text: String) -> Self {
        Self { kind, text, cell: None }
    }

    fn cell(text: String, module: &str, ksb: &KsbRef) -> Self {
        Self {
            kind: LineKind::Entry,
            text,
            cell: Some((module.to_string(), ksb.clone())),
        }
    }
}

/// The differing fields as `title "Old" → "New"; level 4 → 5`.
pub fn fields_text(fields: &[FieldChange]) -> String {
    fields
        .iter()
        .map(|f| format!("{} {} → {}", f.field, f.from, f.to))
        .collect::<Vec<_>>()
        .join("; ")
}

fn heading(what: &str, added: usize, removed: usize, changed: usize) -> Line {
    let text = if added + removed + changed == 0 {
        format!("{what}: no change")
    } else {
        format!("{what}: {added} added, {removed} removed, {changed} changed")
    };
    Line::new(LineKind::Heading, text)
}

/// The changes grouped by kind (modules, mappings, standards), one line each.
pub fn lines(c: &Comparison) -> Vec<Line> {
    if c.is_empty() {
        return vec![Line::new(
            LineKind::Summary,
            "No differences in modules, mappings or standards.".into(),
        )];
    }
    let mut out = Vec::new();
    let entry = |text: String| Line::new(LineKind::Entry, text);
    let m = &c.modules;
    out.push(heading("Modules", m.added.len(), m.removed.len(), m.changed.len()));
    out.extend(
        m.added
            .iter()
            .map(|x| entry(format!("  added    {} {}", x.code, x.title))),
    );
    out.extend(
        m.removed
            .iter()
            .map(|x| entry(format!("  removed  {} {}", x.code, x.title))),
    );
    out.extend(
        m.changed
            .iter()
            .map(|x| entry(format!("  changed  {} {}: {}", x.code, x.title, fields_text(&x.fields)))),
    );
    let p = &c.mappings;
    out.push(heading("Mappings", p.added.len(), p.removed.len(), p.changed.len()));
    for (verb, list) in [("added  ", &p.added), ("removed", &p.removed)] {
        out.extend(list.iter().map(|x| {
            let text = format!("  {verb}  {} × {} ({})", x.module, x.ksb, x.coverage.label());
            Line::cell(text, &x.module, &x.ksb)
        }));
    }
    out.extend(p.changed.iter().map(|x| {
        let text = format!("  changed  {} × {}: {}", x.module, x.ksb, fields_text(&x.fields));
        Line::cell(text, &x.module, &x.ksb)
    }));
    let s = &c.standards;
    out.push(heading("Standards", s.added.len(), s.removed.len(), s.changed.len()));
    let version = |v: &Option<String>| v.as_deref().map(|v| format!(" version {v}")).unwrap_or_default();
    for (verb, list) in [("added  ", &s.added), ("removed", &s.removed)] {
        out.extend(
            list.iter()
                .map(|x| entry(format!("  {verb}  {} {}{}", x.reference, x.title, version(&x.version)))),
        );
    }
    out.extend(s.changed.iter().map(|x| {
        entry(format!(
            "  changed  {} {}: {}",
            x.reference,
            x.title,
            fields_text(&x.fields)
        ))
    }));
    out
}

/// The whole comparison as text, headed by the two files' names: `htq-mapper compare` prints it.
pub fn text(c: &Comparison, a: &str, b: &str) -> String {
    let mut out = format!("Comparing {a} (old) with {b} (new)\n");
    for line in lines(c) {
        if line.kind == LineKind::Heading {
            out.push('\n');
        }
        out.push_str(&line.text);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Coverage, Mapping};

    #[test]
    fn mapping_lines_name_their_cell_and_others_do_not() {
        let a = crate::sample::sample_project().expect("the sample loads");
        let mut b = a.clone();
        b.modules[0].title.push_str(" (revised)");
        let k = b
            .ksb_refs()
            .find(|k| b.mapping(&b.modules[1].code, k).is_none())
            .expect("a free cell");
        let code = b.modules[1].code.clone();
        b.set_mapping(Mapping::new(code.clone(), k.clone(), Coverage::Full));
        let l = lines(&super::super::compare(&a, &b));
        let kinds: Vec<LineKind> = l.iter().map(|x| x.kind).collect();
        use LineKind::*;
        assert_eq!(kinds, [Heading, Entry, Heading, Entry, Heading]);
        assert_eq!(l[1].cell, None);
        assert_eq!(l[3].cell, Some((code.clone(), k.clone())));
        assert_eq!(l[3].text, format!("  added    {code} × {k} (full)"));
    }
}
