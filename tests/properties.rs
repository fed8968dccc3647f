//! Property tests: saving is lossless and stable, and undo always finds its way back.

use proptest::prelude::*;

use htq_mapper::app::history::History;
use htq_mapper::model::{CellEdit, Coverage, Edit, KsbRef, Mapping, Project};
use htq_mapper::store::{parse_project, project_to_string};

fn sample() -> Project {
    htq_mapper::sample::sample_project().unwrap()
}

/// (full, taught, assessed, note) for a mapping.
type Content = (bool, bool, bool, String);
/// A cell of the sample grid, by (module, KSB) index, and what to put in it.
type CellSpec = (usize, usize, Option<Content>);

fn cell_edit() -> impl Strategy<Value = CellSpec> {
    (
        0usize..13,
        0usize..72,
        proptest::option::of((any::<bool>(), any::<bool>(), any::<bool>(), "[ -~é’\n\"\\\\]{0,12}")),
    )
}

fn to_edit(p: &Project, (m, k, what): CellSpec) -> CellEdit {
    let module = p.modules[m].code.clone();
    let ksb: KsbRef = p.ksb_refs().nth(k).unwrap();
    let mapping = what.map(|(full, taught, assessed, note)| Mapping {
        coverage: if full { Coverage::Full } else { Coverage::Partial },
        taught,
        assessed,
        workplace_reason: if full { String::new() } else { note.clone() },
        note,
        ..Mapping::new(module.clone(), ksb.clone(), Coverage::Full)
    });
    CellEdit { module, ksb, mapping }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn save_then_load_gives_the_same_project(edits in proptest::collection::vec(cell_edit(), 0..40), title in "[ -~’é]{1,30}") {
        let mut p = sample();
        p.programme.title = title;
        let cells: Vec<CellEdit> = edits.into_iter().map(|e| to_edit(&p, e)).collect();
        Edit::Cells(cells).apply(&mut p);
        let text = project_to_string(&p).unwrap();
        let back = parse_project(std::path::Path::new("p.ron"), &text).unwrap();
        prop_assert_eq!(&back, &p);
        // Saving again gives identical bytes.
        prop_assert_eq!(project_to_string(&back).unwrap(), text);
    }

    #[test]
    fn undo_of_any_edit_sequence_restores_the_start(batches in proptest::collection::vec(proptest::collection::vec(cell_edit(), 1..6), 1..25), retitle in proptest::option::of("[a-z ]{1,10}")) {
        let start = sample();
        let mut p = start.clone();
        let mut h = History::new_saved();
        for (i, batch) in batches.into_iter().enumerate() {
            let cells: Vec<CellEdit> = batch.into_iter().map(|e| to_edit(&p, e)).collect();
            h.apply(&mut p, Edit::Cells(cells), format!("edit {i}"));
            if let (Some(t), 3) = (&retitle, i) {
                let mut next = p.clone();
                next.programme.title = t.clone();
                next.modules.swap(0, 1);
                h.apply(&mut p, Edit::Project(Box::new(next)), "structure".into());
            }
        }
        let end = p.clone();
        while h.undo(&mut p).is_some() {}
        prop_assert_eq!(&p, &start);
        prop_assert!(!h.is_dirty());
        while h.redo(&mut p).is_some() {}
        prop_assert_eq!(&p, &end);
    }
}
