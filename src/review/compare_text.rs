//! A comparison for people: a line of counts, and the changes grouped by kind, one a line.
//! `htq-mapper compare`, `check`'s stale sign-off and the app's sign-off window all show it.

use std::fmt::{self, Write as _};

use super::compare::{Comparison, FieldChange};

impl Comparison {
    /// The counts in one line: `1 module changed; 2 mappings added, 1 changed`, or `no change`.
    pub fn counts(&self) -> String {
        let groups = [
            (
                "module",
                "modules",
                self.modules.added.len(),
                self.modules.removed.len(),
                self.modules.changed.len(),
            ),
            (
                "mapping",
                "mappings",
                self.mappings.added.len(),
                self.mappings.removed.len(),
                self.mappings.changed.len(),
            ),
            (
                "standard",
                "standards",
                self.standards.added.len(),
                self.standards.removed.len(),
                self.standards.changed.len(),
            ),
        ];
        let parts: Vec<String> = groups
            .iter()
            .filter(|(_, _, a, r, c)| a + r + c > 0)
            .map(|&(one, many, a, r, c)| {
                let verbs: Vec<String> = [(a, "added"), (r, "removed"), (c, "changed")]
                    .into_iter()
                    .filter(|(n, _)| *n > 0)
                    .enumerate()
                    .map(|(i, (n, verb))| {
                        if i == 0 {
                            format!("{n} {} {verb}", if n == 1 { one } else { many })
                        } else {
                            format!("{n} {verb}")
                        }
                    })
                    .collect();
                verbs.join(", ")
            })
            .collect();
        if parts.is_empty() {
            "no change".into()
        } else {
            parts.join("; ")
        }
    }
}

fn fields_text(fields: &[FieldChange]) -> String {
    fields
        .iter()
        .map(|f| format!("{} {} → {}", f.field, f.from, f.to))
        .collect::<Vec<_>>()
        .join("; ")
}

fn heading(out: &mut String, what: &str, added: usize, removed: usize, changed: usize) {
    let _ = if added + removed + changed == 0 {
        writeln!(out, "{what}: no change")
    } else {
        writeln!(out, "{what}: {added} added, {removed} removed, {changed} changed")
    };
}

/// The changes grouped by kind (modules, mappings, standards), a heading and one line each;
/// `No differences…` when there are none.
impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return writeln!(f, "No differences in modules, mappings or standards.");
        }
        let mut out = String::new();
        let m = &self.modules;
        heading(&mut out, "Modules", m.added.len(), m.removed.len(), m.changed.len());
        for x in &m.added {
            let _ = writeln!(out, "  added    {} {}", x.code, x.title);
        }
        for x in &m.removed {
            let _ = writeln!(out, "  removed  {} {}", x.code, x.title);
        }
        for x in &m.changed {
            let _ = writeln!(out, "  changed  {} {}: {}", x.code, x.title, fields_text(&x.fields));
        }
        let p = &self.mappings;
        out.push('\n');
        heading(&mut out, "Mappings", p.added.len(), p.removed.len(), p.changed.len());
        for x in &p.added {
            let _ = writeln!(out, "  added    {} × {} ({})", x.module, x.ksb, x.coverage.label());
        }
        for x in &p.removed {
            let _ = writeln!(out, "  removed  {} × {} ({})", x.module, x.ksb, x.coverage.label());
        }
        for x in &p.changed {
            let _ = writeln!(out, "  changed  {} × {}: {}", x.module, x.ksb, fields_text(&x.fields));
        }
        let s = &self.standards;
        out.push('\n');
        heading(&mut out, "Standards", s.added.len(), s.removed.len(), s.changed.len());
        let version = |v: &Option<String>| v.as_deref().map(|v| format!(" version {v}")).unwrap_or_default();
        for x in &s.added {
            let _ = writeln!(out, "  added    {} {}{}", x.reference, x.title, version(&x.version));
        }
        for x in &s.removed {
            let _ = writeln!(out, "  removed  {} {}{}", x.reference, x.title, version(&x.version));
        }
        for x in &s.changed {
            let _ = writeln!(
                out,
                "  changed  {} {}: {}",
                x.reference,
                x.title,
                fields_text(&x.fields)
            );
        }
        f.write_str(&out)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Coverage;

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
        let text = c.to_string();
        assert!(text.starts_with("Modules: 0 added, 0 removed, 1 changed\n"), "{text}");
        assert!(
            text.contains(&format!("  removed  {} × {} (", removed.module, removed.ksb)),
            "{text}"
        );
        assert!(text.ends_with("\nStandards: no change\n"), "{text}");
    }
}
