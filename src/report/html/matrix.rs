//! The mapping matrix: modules down, KSBs across, cut into chunks of columns that fit the
//! width of an A4 page. Its cells are the analysis's coverage matrix.

use std::ops::Range;

use maud::{Markup, html};

use crate::analysis::{Analysis, KsbState, KsbStatus};
use crate::mark::{Mark, Marked, NOT_NEEDED};
use crate::model::{KsbKind, Project};

use super::tone_class;

/// At most this many KSB columns in one chunk of the matrix, to fit A4 portrait.
pub const MATRIX_CHUNK: usize = 20;

/// Splits one standard's KSB positions into chunks of at most [`MATRIX_CHUNK`] columns:
/// each kind is cut into even chunks, and neighbours are joined where they fit together.
pub fn matrix_chunks(kinds: &[KsbKind]) -> Vec<Range<usize>> {
    let mut chunks: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    for run in kinds.chunk_by(|a, b| a == b) {
        let n = run.len();
        let parts = n.div_ceil(MATRIX_CHUNK);
        for i in 0..parts {
            let len = n / parts + usize::from(i < n % parts);
            chunks.push(at..at + len);
            at += len;
        }
    }
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(chunks.len());
    for c in chunks {
        match joined.last_mut() {
            Some(last) if last.len() + c.len() <= MATRIX_CHUNK => last.end = c.end,
            _ => joined.push(c),
        }
    }
    joined
}

pub(super) fn matrix(project: &Project, analysis: &Analysis) -> Markup {
    let key = [KsbState::Full, KsbState::Partial, KsbState::Uncovered].map(Marked::mark);
    // The analysis lists KSBs standard by standard; each standard's run is chunked alone.
    let mut columns = Vec::new();
    let mut offset = 0;
    for run in analysis.ksbs.chunk_by(|a, b| a.ksb.standard == b.ksb.standard) {
        let kinds: Vec<KsbKind> = run.iter().map(|k| k.ksb.code.kind).collect();
        columns.extend(
            matrix_chunks(&kinds)
                .into_iter()
                .map(|r| offset + r.start..offset + r.end),
        );
        offset += run.len();
    }
    html! {
        p.muted.small {
            "Modules down, KSBs across, cut into groups of KSBs that fit a printed page. "
            @for (i, m) in key.iter().enumerate() {
                @if i > 0 { ", " }
                b { (m.letter) } " " (m.label)
            }
            @if analysis.ksbs.iter().any(|k| !k.needed) {
                ", " b { (NOT_NEEDED.letter) } " " (NOT_NEEDED.label) " (only options the programme does not take list it)"
            }
            "; the last row gives each KSB's overall coverage."
        }
        @for range in columns { (chunk(project, analysis, range)) }
    }
}

/// One chunk of KSB columns, `columns` indexing `analysis.ksbs` and the coverage matrix alike.
fn chunk(project: &Project, analysis: &Analysis, columns: Range<usize>) -> Markup {
    let part: &[KsbStatus] = analysis.ksbs.get(columns.clone()).unwrap_or_default();
    let (Some(first), Some(last)) = (part.first(), part.last()) else {
        return html! {};
    };
    html! {
        div.chunk {
            h3 { (first.ksb.standard) " " (first.ksb.code) "–" (last.ksb.code) }
            table.matrix {
                thead { tr { th.module { "Module" } @for k in part { th { (k.ksb.code) } } } }
                tbody {
                    @for (row, m) in project.modules.iter().enumerate() {
                        tr {
                            td.module title=(m.title) { b { (m.code) } " " (m.title) }
                            @for column in columns.clone() {
                                (cell(analysis.matrix.cell(row, column).map(|c| c.coverage.mark())))
                            }
                        }
                    }
                    tr.overall {
                        td.module { b { "Overall" } }
                        @for k in part { (cell(Some(k.mark()))) }
                    }
                }
            }
        }
    }
}

/// A cell's letter on a fill of its tone, or an empty cell.
fn cell(mark: Option<Mark>) -> Markup {
    html! {
        @if let Some(m) = mark {
            td class=(tone_class(m.tone)) { (m.letter) }
        } @else {
            td {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_split_kinds_evenly_and_join_small_neighbours() {
        use KsbKind::*;
        let mut kinds = vec![Knowledge; 36];
        kinds.extend([Skill; 33]);
        kinds.extend([Behaviour; 3]);
        let lens: Vec<usize> = matrix_chunks(&kinds).iter().map(|r| r.len()).collect();
        assert_eq!(lens, [18, 18, 17, 19]);
        assert!(matrix_chunks(&[]).is_empty());
        let total: usize = matrix_chunks(&vec![Skill; 601]).iter().map(|r| r.len()).sum();
        assert_eq!(total, 601);
    }

    #[test]
    fn cells_come_from_the_coverage_matrix() {
        let p = crate::sample::sample_project().unwrap();
        let a = crate::analysis::analyse(&p);
        let html = matrix(&p, &a).into_string();
        let marked = (0..a.matrix.rows())
            .flat_map(|r| (0..a.matrix.columns()).map(move |c| (r, c)))
            .filter(|&(r, c)| a.matrix.cell(r, c).is_some())
            .count();
        let cells = html.matches("<td class=\"t-").count();
        assert_eq!(
            cells,
            marked + a.ksbs.len(),
            "one marked cell per mapping, plus the overall row"
        );
    }

    #[test]
    fn each_standard_is_chunked_on_its_own() {
        let mut p = crate::sample::sample_project().unwrap();
        let mut other = p.standards[0].clone();
        other.reference = "ST9999".into();
        other.ksbs.truncate(5);
        p.programme.standards.push(other.reference.clone());
        p.standards.push(other);
        let html = matrix(&p, &crate::analysis::analyse(&p)).into_string();
        assert!(html.contains("<h3>ST0215 K1–K18</h3>"), "{html}");
        assert!(html.contains("<h3>ST9999 K1–K5</h3>"), "{html}");
        assert_eq!(html.matches("<div class=\"chunk\">").count(), 5);
    }
}
