//! Tests of the programme draft: rows, problems, and what Apply carries.

use super::*;

#[test]
fn rename_carries_mappings_and_problems_block_apply() {
    let p = crate::sample::sample_project().unwrap();
    let mut d = ProgrammeDraft::from_project(&p);
    d.rows[0].code = "HSC401X".into();
    let next = d.apply(&p).unwrap();
    assert!(next.mappings.iter().any(|m| m.module == "HSC401X"));
    assert!(!next.mappings.iter().any(|m| m.module == "HSC401"));
    d.rows[1].credits = "twenty".into();
    d.rows[2].code = "HSC401X".into();
    let problems = d.validate();
    // Both rows given the code here are marked, and the credits.
    assert_eq!(problems.len(), 3);
    assert!(d.apply(&p).is_err());
}

/// The row given a code another row already has is the one marked, wherever it stands.
#[test]
fn the_row_typed_into_a_duplicate_is_the_one_marked() {
    let p = crate::sample::sample_project().unwrap();
    let mut d = ProgrammeDraft::from_project(&p);
    let later = d.rows[2].code.clone();
    d.rows[1].code = later.clone();
    let rows: Vec<Option<usize>> = d.validate().iter().map(DraftProblem::row).collect();
    assert_eq!(rows, [Some(1)], "{later}");
    // The same code in lower case is the same code: the matrix would read one column.
    d.rows[1].code = later.to_lowercase();
    let rows: Vec<Option<usize>> = d.validate().iter().map(DraftProblem::row).collect();
    assert_eq!(rows, [Some(1)], "{later}");
}

#[test]
fn apply_keeps_what_the_editor_does_not_show() {
    let p = crate::sample::sample_project().unwrap();
    assert!(p.modules.iter().all(|m| !m.description.is_empty()));
    let mut d = ProgrammeDraft::from_project(&p);
    d.rows[0].title.push('!');
    d.rows[1].code = "HSC402X".into();
    let next = d.apply(&p).unwrap();
    for (old, new) in p.modules.iter().zip(&next.modules) {
        assert_eq!(new.description, old.description, "{}", old.code);
        assert_eq!(new.outcomes, old.outcomes, "{}", old.code);
        assert_eq!(new.assessments, old.assessments, "{}", old.code);
        assert_eq!(
            (new.group.as_ref(), new.work_based),
            (old.group.as_ref(), old.work_based)
        );
    }
    assert_eq!(next.modules[0].title, format!("{}!", p.modules[0].title));
    assert_eq!(next.modules[1].code, "HSC402X");
    // Nothing else changed: only the edited title and the renamed code differ.
    let mut back = next.clone();
    back.modules[0].title = p.modules[0].title.clone();
    back.modules[1].code = p.modules[1].code.clone();
    assert_eq!(back.modules, p.modules);
}

#[test]
fn rename_moves_comments_and_dismissals_and_deletion_keeps_threads() {
    use crate::model::{CommentTarget, Thread};
    let mut p = crate::sample::sample_project().unwrap();
    let (a, b) = (p.modules[0].code.clone(), p.modules[1].code.clone());
    let ksb = p.mappings.iter().find(|m| m.module == a).unwrap().ksb.clone();
    let thread = |id: &str, target| Thread {
        id: id.into(),
        target,
        comments: Vec::new(),
        resolved: None,
    };
    p.comments = vec![
        thread("t1", CommentTarget::Module(a.clone())),
        thread(
            "t2",
            CommentTarget::Cell {
                module: a.clone(),
                ksb: ksb.clone(),
            },
        ),
        thread("t3", CommentTarget::Module(b.clone())),
    ];
    p.set_dismissed(&a, &ksb, true);
    p.set_dismissed(&b, &ksb, true);
    let mut d = ProgrammeDraft::from_project(&p);
    d.rows[0].code = "NEW401".into();
    d.rows.remove(1);
    let next = d.apply(&p).unwrap();
    assert_eq!(next.comments[0].target, CommentTarget::Module("NEW401".into()));
    assert_eq!(
        next.comments[1].target,
        CommentTarget::Cell {
            module: "NEW401".into(),
            ksb: ksb.clone()
        }
    );
    // The deleted module's thread is kept, on the code it had.
    assert_eq!(next.comments[2].target, CommentTarget::Module(b.clone()));
    assert!(next.is_dismissed("NEW401", &ksb));
    assert!(!next.is_dismissed(&a, &ksb));
    assert!(!next.dismissed.iter().any(|x| x.module == b));
}

#[test]
fn problems_say_where_they_are() {
    let p = crate::sample::sample_project().unwrap();
    let mut d = ProgrammeDraft::from_project(&p);
    assert_eq!(d.validate(), []);
    d.rows[2].credits = "lots".into();
    d.rows[3].code = " ".into();
    let group = d.groups[0].0.clone();
    let modules = d.rows.iter().filter(|r| r.group == group).count();
    d.groups[0].1 = "9".into();
    let problems = d.validate();
    assert_eq!(
        problems,
        [
            DraftProblem::BadCredits {
                row: 2,
                value: "lots".into()
            },
            DraftProblem::EmptyCode { row: 3 },
            DraftProblem::GroupChooseTooMany {
                group: group.clone(),
                choose: 9,
                modules
            },
        ]
    );
    assert_eq!(
        problems[0].to_string(),
        "row 3 credits: `lots` is not a number of credits (0 to 120)"
    );
    d.rows[2].credits = "121".into();
    assert!(matches!(d.validate()[0], DraftProblem::BadCredits { row: 2, .. }));
    assert_eq!(problems[0].field(), Some(DraftField::Credits));
    assert_eq!(problems[2].group(), Some(group.as_str()));
}

/// A deleted outcome's code leaves its module's mappings: an outcome added later under the
/// same code once took over the KSBs the deleted one carried. Undo brings the links back.
#[test]
fn a_deleted_outcome_carries_no_ksb_and_its_code_starts_afresh() {
    let p = crate::sample::sample_project().unwrap();
    let carried = |p: &Project| -> usize {
        p.mappings
            .iter()
            .filter(|m| m.module == "HSC402" && m.outcomes.iter().any(|o| o == "LO1"))
            .count()
    };
    assert!(carried(&p) > 0, "the sample links HSC402's LO1");
    let mut d = ProgrammeDraft::from_project(&p);
    let row = d.rows.iter_mut().find(|r| r.code == "HSC402").unwrap();
    row.outcomes.retain(|o| o.code != "LO1");
    let edit = d.edit_for(&p).unwrap().unwrap();
    let mut next = p.clone();
    let undo = edit.edit.apply(&mut next);
    assert_eq!(carried(&next), 0);
    let row = d.rows.iter_mut().find(|r| r.code == "HSC402").unwrap();
    row.outcomes.push(crate::model::LearningOutcome {
        code: "LO1".into(),
        text: "Use digital tools to keep care records".into(),
    });
    assert_eq!(carried(&d.apply(&next).unwrap()), 0, "the new LO1 starts with no KSB");
    undo.apply(&mut next);
    assert_eq!(next, p);
}

/// A new module that takes a deleted module's code does not take its threads: they move to
/// the programme, with a note. They once showed on the new module, and in its sign-off.
#[test]
fn a_deleted_modules_threads_do_not_land_on_a_new_module_with_its_code() {
    use crate::model::{CommentTarget, Thread};
    let mut p = crate::sample::sample_project().unwrap();
    let gone = p.modules[1].code.clone();
    p.comments = vec![Thread {
        id: "t1".into(),
        target: CommentTarget::Module(gone.clone()),
        comments: Vec::new(),
        resolved: None,
    }];
    let mut d = ProgrammeDraft::from_project(&p);
    d.rows.remove(1);
    let deleted = d.apply(&p).unwrap();
    assert_eq!(deleted.comments[0].target, CommentTarget::Module(gone.clone()));

    let mut d = ProgrammeDraft::from_project(&deleted);
    let mut row = d.rows[0].clone();
    row.original = None;
    row.code = gone.clone();
    row.title = "Dementia Care".into();
    d.rows.push(row);
    let edit = d.edit_for(&deleted).unwrap().unwrap();
    let mut next = deleted.clone();
    edit.edit.apply(&mut next);
    let t = &next.comments[0];
    assert_eq!(t.target, CommentTarget::Programme);
    let note = &t.comments.last().unwrap().text;
    assert!(note.contains(&format!("took the code {gone}")), "{note}");
}

/// A title edit changes the title alone: the award's level and credits come only with a new
/// award. A title edit once also set the level of a file that said 4 to the FdSc's 5.
#[test]
fn a_title_edit_leaves_the_level_as_the_file_has_it() {
    let mut p = crate::sample::sample_project().unwrap();
    p.programme.level = 4;
    let mut d = ProgrammeDraft::from_project(&p);
    d.title.push_str(" X");
    let next = d.apply(&p).unwrap();
    assert_eq!(
        (next.programme.level, next.programme.total_credits),
        (4, p.programme.total_credits)
    );
    d.award = "HNC".into();
    let next = d.apply(&p).unwrap();
    assert_eq!((next.programme.level, next.programme.total_credits), (4, 120));
}
