//! The grid's columns and their groups, rebuilt once per project change so a frame only
//! reads them. Cells come from the analysis's coverage matrix, which uses the same columns.

use std::ops::Range;

use crate::analysis::{Analysis, KsbState};
use crate::model::{KsbKind, KsbRef};

pub struct KsbColumn {
    pub ksb: KsbRef,
    /// The column in the analysis's coverage matrix (the grid may show a subset).
    pub index: usize,
    /// `K12`, ready to draw.
    pub code: String,
    pub state: KsbState,
    /// False for a KSB only options the programme did not choose need: no gap, shown muted.
    pub needed: bool,
}

pub struct ColumnGroup {
    pub columns: Range<usize>,
    pub title: String,
    pub kind: KsbKind,
}

#[derive(Default)]
pub struct GridModel {
    /// One per KSB shown, in `Analysis::ksbs` order, as the coverage matrix's columns are.
    pub columns: Vec<KsbColumn>,
    pub groups: Vec<ColumnGroup>,
    rows: usize,
}

impl GridModel {
    /// The grid of every KSB, or with `gaps_only` of the KSBs not yet fully covered.
    pub fn build(analysis: &Analysis, gaps_only: bool) -> Self {
        let mut columns: Vec<KsbColumn> = Vec::with_capacity(analysis.ksbs.len());
        let mut groups: Vec<ColumnGroup> = Vec::new();
        for (index, k) in analysis.ksbs.iter().enumerate() {
            if gaps_only && (k.state == KsbState::Full || !k.needed) {
                continue;
            }
            let i = columns.len();
            let kind = k.ksb.code.kind;
            match groups.last_mut() {
                Some(g)
                    if g.kind == kind
                        && columns
                            .get(g.columns.start)
                            .is_some_and(|c| c.ksb.standard == k.ksb.standard) =>
                {
                    g.columns.end = i + 1;
                }
                _ => groups.push(ColumnGroup {
                    columns: i..i + 1,
                    title: k.ksb.standard.clone(),
                    kind,
                }),
            }
            columns.push(KsbColumn {
                ksb: k.ksb.clone(),
                index,
                code: k.ksb.code.to_string(),
                state: k.state,
                needed: k.needed,
            });
        }
        for g in &mut groups {
            let plural = match g.kind {
                KsbKind::Knowledge => "Knowledge",
                KsbKind::Skill => "Skills",
                KsbKind::Behaviour => "Behaviours",
            };
            g.title = format!("{} {plural} ({})", g.title, g.columns.len());
        }
        Self {
            columns,
            groups,
            rows: analysis.matrix.rows(),
        }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn column_of(&self, ksb: &KsbRef) -> Option<usize> {
        self.columns.iter().position(|c| &c.ksb == ksb)
    }
}
