//! Whether two statements share meaning, read as suggestions read texts: Snowball stems, stop
//! words out, the domain's synonyms folded together. `diff-standard` pairs two statements as
//! one reworded only when they do.

use super::terms::Analyzer;

/// Reads statements into their terms; one per comparison of two standards.
#[derive(Default)]
pub struct Meaning {
    analyzer: Analyzer,
}

impl Meaning {
    pub fn new() -> Self {
        Meaning::default()
    }

    /// A statement's distinct terms, sorted.
    pub fn terms(&mut self, text: &str) -> Vec<u32> {
        let mut t: Vec<u32> = self.analyzer.tokens(text).into_iter().map(|t| t.term).collect();
        t.sort_unstable();
        t.dedup();
        t
    }

    /// The share of two statements' terms that both use (Jaccard), 0 to 1; 0 when either has
    /// none.
    pub fn similarity(a: &[u32], b: &[u32]) -> f32 {
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        shared as f32 / (a.len() + b.len() - shared) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_of_one_subject_share_meaning_and_others_do_not() {
        let mut m = Meaning::new();
        let a = m.terms("Review and verify designs and plans");
        let b = m.terms("Plan own work");
        let c = m.terms("Review and verify the design plans");
        assert!(Meaning::similarity(&a, &c) > 0.7);
        assert!(Meaning::similarity(&a, &b) < 0.25, "{}", Meaning::similarity(&a, &b));
        // Synonyms meet: "protection" and "safeguarding" are one term.
        let p = m.terms("Protection of vulnerable adults");
        let s = m.terms("Safeguarding vulnerable adults");
        assert_eq!(Meaning::similarity(&p, &s), 1.0);
        assert_eq!(Meaning::similarity(&[], &s), 0.0);
    }
}
