//! What is still open when someone signs off: comment threads nobody resolved, duties a
//! reviewer queried, and duties nobody reviewed. A sign-off may still go ahead; this is what
//! the signer should see first.

use crate::model::{DutyRef, Project, ReviewStatus};

use super::comments::duty_status;

/// Why the project cannot be signed off as it is: a merged file that still holds two answers
/// to one question would seal both. `None` when it can.
pub fn refusal(project: &Project) -> Option<String> {
    let n = project.merge_conflicts.len();
    (n > 0).then(|| {
        format!(
            "{} from merging two copies {} unresolved, so a sign-off would seal two answers to one question",
            crate::text::counted(n, "merge conflict", "merge conflicts"),
            if n == 1 { "is" } else { "are" }
        )
    })
}

/// One open thread, as the sign-off prompt lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenThread {
    /// What it is about: `HSC401 × ST0215/K5`, `duty ST0215/D3`.
    pub target: String,
    pub author: String,
    /// The first line of its first comment.
    pub first_line: String,
    pub replies: usize,
}

/// Everything open on a project, in the project's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenItems {
    pub threads: Vec<OpenThread>,
    /// Duties marked query, with their text.
    pub queries: Vec<(DutyRef, String)>,
    pub not_reviewed: usize,
    /// Every duty of the project's standards.
    pub duties: usize,
}

impl OpenItems {
    /// Linear in the threads and duties (each duty's status is one look-up among the reviews).
    pub fn of(project: &Project) -> Self {
        let threads = project
            .comments
            .iter()
            .filter(|t| t.is_open())
            .map(|t| {
                let first = t.comments.first();
                OpenThread {
                    target: t.target.label(),
                    author: first.map(|c| c.author.clone()).unwrap_or_default(),
                    first_line: first
                        .and_then(|c| c.text.lines().find(|l| !l.trim().is_empty()))
                        .map(|l| crate::text::shorten(l.trim(), 80))
                        .unwrap_or_default(),
                    replies: t.comments.len().saturating_sub(1),
                }
            })
            .collect();
        let mut out = OpenItems {
            threads,
            ..Default::default()
        };
        for s in &project.standards {
            for d in &s.duties {
                let duty = DutyRef {
                    standard: s.reference.clone(),
                    code: d.code.clone(),
                };
                out.duties += 1;
                match duty_status(project, &duty) {
                    ReviewStatus::Query => out.queries.push((duty, d.text.clone())),
                    ReviewStatus::NotReviewed => out.not_reviewed += 1,
                    ReviewStatus::Agreed => {}
                }
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.threads.is_empty() && self.queries.is_empty() && self.not_reviewed == 0
    }

    /// The headline of each kind that has anything open, such as "2 open comment threads",
    /// "1 duty marked query", "19 of 21 duties not reviewed".
    pub fn headlines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.threads.is_empty() {
            out.push(count(self.threads.len(), "open comment thread", "open comment threads"));
        }
        if !self.queries.is_empty() {
            out.push(format!("{} marked query", count(self.queries.len(), "duty", "duties")));
        }
        if self.not_reviewed > 0 {
            let duties = if self.duties == 1 { "duty" } else { "duties" };
            out.push(format!(
                "{} of {} {duties} not reviewed",
                self.not_reviewed, self.duties
            ));
        }
        out
    }

    /// The first `few` open threads and queried duties, one a line, and how many more.
    pub fn first_few(&self, few: usize) -> Vec<String> {
        let mut out: Vec<String> = self
            .threads
            .iter()
            .take(few)
            .map(|t| {
                let replies = match t.replies {
                    0 => String::new(),
                    1 => " (1 reply)".into(),
                    n => format!(" ({n} replies)"),
                };
                format!("{}: \u{201c}{}\u{201d} ({}){replies}", t.target, t.first_line, t.author)
            })
            .collect();
        if self.threads.len() > few {
            out.push(format!("… and {} more open threads", self.threads.len() - few));
        }
        out.extend(
            self.queries
                .iter()
                .take(few)
                .map(|(duty, text)| format!("Query on duty {duty}: {}", crate::text::shorten(text, 70))),
        );
        if self.queries.len() > few {
            out.push(format!("… and {} more duties in query", self.queries.len() - few));
        }
        out
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CommentTarget;
    use crate::review::comments::{add_thread, reply, set_duty_status, set_resolved};

    fn sample() -> Project {
        crate::sample::sample_project().unwrap()
    }

    #[test]
    fn the_sample_as_shipped_has_only_unreviewed_duties_open() {
        let p = sample();
        let open = OpenItems::of(&p);
        let duties: usize = p.standards.iter().map(|s| s.duties.len()).sum();
        assert!(duties > 1);
        assert_eq!(open.duties, duties);
        assert_eq!(open.not_reviewed + open.queries.len(), duties - agreed(&p));
        assert_eq!(open.threads.len(), crate::review::comments::open_threads(&p));
    }

    fn agreed(p: &Project) -> usize {
        crate::review::comments::duty_status_counts(p)[1]
    }

    #[test]
    fn open_threads_queries_and_unreviewed_duties_are_counted_and_listed() {
        let mut p = sample();
        p.comments.clear();
        p.duty_reviews.clear();
        let s = &p.standards[0];
        let duty = |i: usize| DutyRef {
            standard: s.reference.clone(),
            code: s.duties[i].code.clone(),
        };
        let (d0, d1, text1) = (duty(0), duty(1), s.duties[1].text.clone());
        let total: usize = p.standards.iter().map(|s| s.duties.len()).sum();
        let cell = CommentTarget::Cell {
            module: p.modules[0].code.clone(),
            ksb: p.mappings[0].ksb.clone(),
        };
        let open = add_thread(
            &mut p,
            cell.clone(),
            "Ann",
            "2026-12-01T10:00:00Z",
            "Is K5 assessed?\nSee A1.",
        );
        reply(&mut p, &open, "Bo", "2026-12-01T11:00:00Z", "Only in part.");
        let closed = add_thread(&mut p, CommentTarget::Programme, "Ann", "2026-12-01T10:01:00Z", "Fine.");
        set_resolved(&mut p, &closed, true, "Ann", "2026-12-01T12:00:00Z");
        set_duty_status(&mut p, &d0, ReviewStatus::Agreed, "Ann", "2026-12-01T10:00:00Z");
        set_duty_status(&mut p, &d1, ReviewStatus::Query, "Ann", "2026-12-01T10:00:00Z");

        let items = OpenItems::of(&p);
        assert!(!items.is_empty());
        assert_eq!(items.threads.len(), 1);
        assert_eq!(items.threads[0].first_line, "Is K5 assessed?");
        assert_eq!(items.threads[0].target, cell.label());
        assert_eq!(items.queries, vec![(d1.clone(), text1)]);
        assert_eq!(items.not_reviewed, total - 2);
        assert_eq!(
            items.headlines(),
            vec![
                "1 open comment thread".to_string(),
                "1 duty marked query".to_string(),
                format!("{} of {total} duties not reviewed", total - 2),
            ]
        );
        let few = items.first_few(3);
        assert_eq!(few.len(), 2, "{few:?}");
        assert!(
            few[0].contains("Is K5 assessed?") && few[0].contains("(Ann) (1 reply)"),
            "{few:?}"
        );
        assert!(few[1].starts_with(&format!("Query on duty {d1}")), "{few:?}");
    }

    #[test]
    fn a_fully_reviewed_project_has_nothing_open_and_many_threads_are_cut_short() {
        let mut p = sample();
        p.comments.clear();
        let refs: Vec<DutyRef> = p
            .standards
            .iter()
            .flat_map(|s| {
                s.duties.iter().map(|d| DutyRef {
                    standard: s.reference.clone(),
                    code: d.code.clone(),
                })
            })
            .collect();
        for d in &refs {
            set_duty_status(&mut p, d, ReviewStatus::Agreed, "Ann", "2026-12-01T10:00:00Z");
        }
        assert!(OpenItems::of(&p).is_empty());
        assert!(OpenItems::of(&p).headlines().is_empty());
        for i in 0..5 {
            add_thread(
                &mut p,
                CommentTarget::Programme,
                "Ann",
                "2026-12-01T10:00:00Z",
                &format!("Point {i}"),
            );
        }
        let few = OpenItems::of(&p).first_few(3);
        assert_eq!(few.len(), 4);
        assert_eq!(few[3], "… and 2 more open threads");
    }
}
