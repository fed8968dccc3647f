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

/// The differing fields as `title "Old" → "New"; level 4 → 5`; a field shown by a summary
/// that did not change (two assessments, still two) as `assessments edited (2)`.
pub fn fields_text(fields: &[FieldChange]) -> String {
    fields
        .iter()
        .map(|f| {
            if f.from == f.to {
                format!("{} edited ({})", f.field, f.to)
            } else {
                format!("{} {} → {}", f.field, f.from, f.to)
            }
        })
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
            "No differences in the programme, modules, mappings or standards.".into(),
        )];
    }
    let mut out = Vec::new();
    let entry = |text: String| Line::new(LineKind::Entry, text);
    // Listed only when it changed, so comparisons of modules and mappings read as before.
    if !c.programme.is_empty() {
        out.push(Line::new(LineKind::Heading, "Programme: changed".into()));
        out.push(entry(format!("  changed  {}", fields_text(&c.programme))));
    }
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
    for x in &s.changed {
        // With the statements at hand, they say what changed; the hashes stay in the JSON.
        let fields: Vec<FieldChange> = x
            .fields
            .iter()
            .filter(|f| x.statements.is_empty() || f.field != "content_hash")
            .cloned()
            .collect();
        let said: Vec<String> = [fields_text(&fields)]
            .into_iter()
            .filter(|t| !t.is_empty())
            .chain(x.statements.iter().cloned())
            .collect();
        out.push(entry(format!(
            "  changed  {} {}: {}",
            x.reference,
            x.title,
            said.join("; ")
        )));
    }
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

/// `2 mappings added`, `1 reply added`: a count, its noun (`-s` for more than one, but
/// `reply` makes `replies`) and a verb.
fn count(n: usize, noun: &str, verb: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun} {verb}"),
        (_, Some(stem)) => format!("{n} {stem}ies {verb}"),
        (_, None) => format!("{n} {noun}s {verb}"),
    }
}

/// One group of counts: the first names the noun, the rest only their verbs
/// (`2 mappings added, 1 changed`); `None` when every count is nought. The counts of a
/// comparison, the change log and the report are all said this way.
pub(crate) fn count_group(noun: &str, counts: &[(usize, &str)]) -> Option<String> {
    let mut parts = counts.iter().filter(|(n, _)| *n > 0);
    let (n, verb) = parts.next()?;
    let mut out = count(*n, noun, verb);
    for (n, verb) in parts {
        out.push_str(&format!(", {n} {verb}"));
    }
    Some(out)
}

impl Comparison {
    /// Modules', mappings' and standards' counts in that order, each added, removed, changed.
    pub(crate) fn count_groups(&self) -> [Option<String>; 3] {
        let group = |noun, added: usize, removed: usize, changed: usize| {
            count_group(noun, &[(added, "added"), (removed, "removed"), (changed, "changed")])
        };
        let (m, p, s) = (&self.modules, &self.mappings, &self.standards);
        [
            group("module", m.added.len(), m.removed.len(), m.changed.len()),
            group("mapping", p.added.len(), p.removed.len(), p.changed.len()),
            group("standard", s.added.len(), s.removed.len(), s.changed.len()),
        ]
    }

    /// The counts in one line: `1 module changed; 2 mappings added, 1 changed`, or `no change`.
    pub fn counts(&self) -> String {
        let programme = (!self.programme.is_empty()).then(|| "programme details changed".to_string());
        let parts: Vec<String> = programme
            .into_iter()
            .chain(self.count_groups().into_iter().flatten())
            .collect();
        if parts.is_empty() {
            "no change".into()
        } else {
            parts.join("; ")
        }
    }
}

/// The changes grouped by kind, a heading and one line each, a blank line between kinds:
/// what `htq-mapper compare` prints below its first line.
impl std::fmt::Display for Comparison {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, line) in lines(self).iter().enumerate() {
            if line.kind == LineKind::Heading && i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{}", line.text)?;
        }
        Ok(())
    }
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

    #[test]
    fn counts_name_each_kind_that_changed_and_display_lists_the_items() {
        let a = crate::sample::sample_project().unwrap();
        assert_eq!(super::super::compare(&a, &a).counts(), "no change");
        let mut b = a.clone();
        b.modules[0].title.push('!');
        let mut cells: Vec<_> = b.mappings.iter().cloned().collect();
        let removed = cells.pop().unwrap();
        cells[0].coverage = match cells[0].coverage {
            Coverage::Full => Coverage::Partial,
            Coverage::Partial => Coverage::Full,
        };
        b.mappings = cells.into();
        let c = super::super::compare(&a, &b);
        assert_eq!(c.counts(), "1 module changed; 1 mapping removed, 1 changed");
        let shown = c.to_string();
        assert!(shown.starts_with("Modules: 0 added, 0 removed, 1 changed\n"), "{shown}");
        assert!(
            shown.contains(&format!("  removed  {} × {} (", removed.module, removed.ksb)),
            "{shown}"
        );
        assert!(shown.ends_with("\n\nStandards: no change\n"), "{shown}");
        // `compare` prints the same below its first line.
        assert_eq!(text(&c, "a", "b"), format!("Comparing a (old) with b (new)\n\n{shown}"));
    }

    #[test]
    fn an_edit_that_keeps_the_count_says_edited() {
        let a = crate::sample::sample_project().expect("the sample loads");
        let mut b = a.clone();
        let m = b
            .modules
            .iter_mut()
            .find(|m| !m.assessments.is_empty())
            .expect("a module with assessments");
        m.assessments[0].title.push_str(" (revised)");
        let n = m.assessments.len();
        let text = lines(&super::super::compare(&a, &b))[1].text.clone();
        assert!(text.ends_with(&format!("assessments edited ({n})")), "{text}");
    }
}
