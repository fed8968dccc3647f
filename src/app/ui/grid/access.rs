//! What a screen reader hears from the grid. The grid is a table that says its whole size;
//! each drawn cell is a grid cell named in the domain's words ("HSC402 × K2, partial, taught,
//! assessed by A1, reason: …, 1 open comment"); and the focused cell is the grid's active
//! descendant, so the node with the keyboard is the cell the arrows moved to, and an edit
//! by key renames the node being read. Cells out of view have no node, as in any long table.

use egui::{Id, Response, Role};

use crate::app::comment_index::CommentMark;
use crate::app::comparison::CellChange;
use crate::model::{Coverage, KsbRef, Mapping, Module, Project};
use crate::text::{counted, shorten};

pub use super::super::access::comment_words;
use super::super::access::counted_comments;

/// The longest reason or note a cell's name reads before it is cut; the inspector has it whole.
const SAID: usize = 80;

/// What a cell carries besides its mapping, as the grid already knows it.
#[derive(Clone, Copy, Default)]
pub struct CellMarks {
    /// Assessed, as the analysis decided it (through outcomes where the module has them).
    pub assessed: bool,
    /// The cell's comment marker, and how many of its threads are open.
    pub comments: Option<(CommentMark, usize)>,
    pub change: Option<CellChange>,
    /// A merge left a conflict on it.
    pub conflict: bool,
    pub suggested: bool,
}

/// A cell's accessible name: module × KSB, its coverage in words, then whatever else it
/// carries. `code` is the KSB's code as its column shows it.
pub fn cell_name(project: &Project, module: &Module, ksb: &KsbRef, code: &str, marks: CellMarks) -> String {
    let mut parts = vec![format!("{} × {code}", module.code)];
    match project.mapping(&module.code, ksb) {
        Some(m) => mapping_words(module, m, marks.assessed, &mut parts),
        None => {
            parts.push("not covered".to_string());
            if marks.suggested {
                parts.push("suggested".to_string());
            }
        }
    }
    if let Some(c) = marks.change {
        parts.push(format!("{} since the compared copy", c.label()));
    }
    if marks.conflict {
        parts.push("merge conflict".to_string());
    }
    if let Some((mark, open)) = marks.comments {
        parts.push(counted_comments(mark, open));
    }
    parts.join(", ")
}

fn mapping_words(module: &Module, m: &Mapping, assessed: bool, parts: &mut Vec<String>) {
    parts.push(m.coverage.label().to_string());
    parts.push(if m.taught { "taught" } else { "not taught" }.to_string());
    // By which assessments, where the module's outcomes and assessments say.
    let by: Vec<&str> = if module.has_chain() {
        module.evidencing(m).map(|a| a.code.as_str()).collect()
    } else {
        Vec::new()
    };
    parts.push(match (assessed, by.is_empty()) {
        (false, _) => "not assessed".to_string(),
        (true, true) => "assessed".to_string(),
        (true, false) => format!("assessed by {}", by.join(", ")),
    });
    if !m.workplace_reason.is_empty() {
        parts.push(format!("reason: {}", shorten(&m.workplace_reason, SAID)));
    } else if m.coverage == Coverage::Partial {
        parts.push("no workplace reason".to_string());
    }
    if !m.note.is_empty() {
        parts.push(format!("note: {}", shorten(&m.note, SAID)));
    }
    if m.review {
        parts.push("marked for review".to_string());
    }
}

/// Where a node sits in the table, counted from 0 with the header row as row 0.
#[derive(Clone, Copy)]
pub struct Place {
    pub row: usize,
    pub col: usize,
}

/// Names a drawn cell and places it in the table. The name is only made while a screen
/// reader (or a test) reads the tree.
pub fn cell_node(resp: &Response, role: Role, place: Place, selected: bool, name: impl Fn() -> String) {
    resp.widget_info(|| egui::WidgetInfo::labeled(role, true, name()));
    resp.ctx.accesskit_node_builder(resp.id, |node| {
        node.set_row_index(place.row);
        node.set_column_index(place.col);
        if selected {
            node.set_selected(true);
        }
    });
}

/// The grid's own node: its whole size (the drawn cells are only those in view), said in
/// words too, as AT-SPI has no table interface for it here.
pub fn grid_node(resp: &Response, rows: usize, modules: usize, ksbs: usize) {
    resp.widget_info(|| egui::WidgetInfo::labeled(Role::Grid, true, "Mapping grid"));
    resp.ctx.accesskit_node_builder(resp.id, |node| {
        // The header row and the module column count as a row and a column.
        node.set_row_count(rows + 1);
        node.set_column_count(ksbs + 1);
        node.set_description(format!(
            "{} by {}; arrows move, F full, P partial, Delete clears",
            counted(modules, "module", "modules"),
            counted(ksbs, "KSB", "KSBs")
        ));
    });
}

/// Makes the focused cell the grid's active descendant, once it is drawn, so it is the node
/// a screen reader reads as having the keyboard.
pub fn focus_cell(ctx: &egui::Context, grid: Id, cell: Id) {
    if ctx.has_accesskit_node(cell) {
        ctx.accesskit_node_builder(grid, |node| node.set_active_descendant(cell.accesskit_id()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::comments;

    fn k(code: &str) -> KsbRef {
        KsbRef::new("ST0215", code.parse().unwrap())
    }

    #[test]
    fn a_cell_says_its_module_ksb_and_coverage_in_words() {
        let mut p = crate::sample::sample_project().unwrap();
        let module = p.modules[0].code.clone();
        p.remove_mapping(&module, &k("K2"));
        let marks = CellMarks::default();
        assert_eq!(
            cell_name(&p, &p.modules[0], &k("K2"), "K2", marks),
            format!("{module} × K2, not covered")
        );
        let mut m = Mapping::new(module.clone(), k("K2"), Coverage::Partial);
        m.workplace_reason = "Practised on placement".into();
        p.set_mapping(m);
        let name = cell_name(
            &p,
            &p.modules[0],
            &k("K2"),
            "K2",
            CellMarks {
                change: Some(CellChange::Added),
                ..marks
            },
        );
        assert!(name.starts_with(&format!("{module} × K2, partial, taught, ")), "{name}");
        assert!(name.contains("reason: Practised on placement"), "{name}");
        assert!(name.ends_with("added since the compared copy"), "{name}");
    }

    #[test]
    fn a_partial_cell_without_a_reason_says_so() {
        let mut p = crate::sample::sample_project().unwrap();
        let module = p.modules[0].code.clone();
        p.set_mapping(Mapping::new(module.clone(), k("K3"), Coverage::Partial));
        let name = cell_name(&p, &p.modules[0], &k("K3"), "K3", CellMarks::default());
        assert!(name.contains("no workplace reason"), "{name}");
    }

    #[test]
    fn open_comments_are_counted_from_the_index() {
        let mut p = crate::sample::sample_project().unwrap();
        let module = p.modules[0].code.clone();
        let target = crate::model::CommentTarget::Cell {
            module: module.clone(),
            ksb: k("K4"),
        };
        for resolved in [false, false, true] {
            let id = comments::add_thread(&mut p, target.clone(), "Ann", "2026-11-25T10:00:00Z", "Taught?");
            if resolved {
                comments::set_resolved(&mut p, &id, true, "Ann", "2026-11-25T11:00:00Z");
            }
        }
        let grid = crate::app::grid_model::GridModel::build(&crate::analysis::analyse(&p), false);
        let index = crate::app::comment_index::CommentIndex::build(&p, &grid);
        let col = grid.column_of(&k("K4")).unwrap();
        let marks = CellMarks {
            comments: index.cell(0, col).map(|m| (m, index.cell_open(0, col))),
            ..CellMarks::default()
        };
        let name = cell_name(&p, &p.modules[0], &k("K4"), "K4", marks);
        assert!(name.ends_with(", 2 open comments"), "{name}");
    }
}
