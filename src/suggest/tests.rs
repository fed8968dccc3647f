//! Suggestions on the sample: what they skip, their evidence, and what raises them.
use super::*;
use crate::model::{Coverage, Mapping};

fn sample() -> Project {
    crate::sample::sample_project().unwrap()
}

#[test]
fn suggestions_skip_mapped_and_dismissed_cells_and_repeat_exactly() {
    let mut p = sample();
    let options = Options::default();
    let first = suggest(&p, &options);
    assert!(!first.is_empty());
    assert_eq!(
        first,
        suggest(&p, &options),
        "the same project gives the same suggestions"
    );
    for s in first.iter() {
        assert!(
            p.mapping(&s.module, &s.ksb).is_none(),
            "{} × {} is mapped",
            s.module,
            s.ksb
        );
        assert!(!s.evidence.terms.is_empty() && (0.0..=1.0).contains(&s.score));
    }
    let top = first.iter().next().unwrap().clone();
    p.set_dismissed(&top.module, &top.ksb, true);
    let after = suggest(&p, &options);
    assert!(after.iter().all(|s| (&s.module, &s.ksb) != (&top.module, &top.ksb)));
    p.set_dismissed(&top.module, &top.ksb, false);
    p.set_mapping(Mapping::new(top.module.clone(), top.ksb.clone(), Coverage::Full));
    assert!(
        suggest(&p, &options)
            .iter()
            .all(|s| (&s.module, &s.ksb) != (&top.module, &top.ksb))
    );
}

#[test]
fn evidence_names_shared_words_on_both_sides() {
    let p = sample();
    let all = suggest(&p, &Options::default());
    let i = p.module_index("HSC502").unwrap();
    let s = all.by_module[i].first().expect("leadership module has suggestions");
    let marked = |text: &str, marks: &[(usize, usize)]| -> Vec<String> {
        marks.iter().map(|&(a, b)| text[a..b].to_lowercase()).collect()
    };
    let m = marked(&s.evidence.module_sentence, &s.evidence.module_marks);
    let k = marked(&s.evidence.ksb_sentence, &s.evidence.ksb_marks);
    assert!(m.iter().any(|w| w.starts_with("mentor")), "{m:?}");
    assert!(k.iter().any(|w| w.starts_with("mentor")), "{k:?}");
}

#[test]
fn a_kept_index_gives_what_a_fresh_one_gives() {
    let mut p = sample();
    let options = Options::default();
    let mut kept = Suggester::default();
    assert_eq!(kept.suggest(&p, &options), suggest(&p, &options));
    let top = suggest(&p, &options).iter().next().unwrap().clone();
    p.set_mapping(Mapping::new(top.module.clone(), top.ksb.clone(), Coverage::Full));
    assert_eq!(
        kept.suggest(&p, &options),
        suggest(&p, &options),
        "after a mapping edit"
    );
    p.modules[0].description = "Safeguarding adults and children from abuse".into();
    let fresh = suggest(&p, &options);
    assert_eq!(kept.suggest(&p, &options), fresh, "after a text edit");
    assert!(
        fresh.by_module[0]
            .iter()
            .any(|s| s.evidence.terms.iter().any(|t| t.contains("safeguarding")))
    );
}

#[test]
fn a_learning_outcome_brings_its_ksb_forward_with_its_sentence() {
    let mut p = sample();
    let options = Options::default();
    let i = p.module_index("HSC404").unwrap();
    // A KSB the module neither maps nor is suggested first; an outcome that restates it.
    let before = suggest(&p, &options);
    let target = p.standards[0]
        .ksbs
        .iter()
        .find(|k| {
            let r = KsbRef::new(p.standards[0].reference.clone(), k.code);
            p.mappings.get(&p.modules[i].code, &r).is_none() && before.by_module[i].first().is_none_or(|s| s.ksb != r)
        })
        .unwrap()
        .clone();
    p.modules[i].outcomes.push(crate::model::LearningOutcome {
        code: "LO9".into(),
        text: target.text.clone(),
    });
    let after = suggest(&p, &options);
    let top = after.by_module[i].first().expect("a suggestion");
    assert_eq!(top.ksb.code, target.code);
    assert_eq!(top.evidence.module_sentence.trim(), target.text.trim());
}

#[test]
fn duty_mates_raise_a_ksb() {
    let mut p = sample();
    let options = Options::default();
    let i = p.module_index("HSC505").unwrap();
    let before = suggest(&p, &options);
    // Not the first suggestion: scores are ranks fused, and the first cannot rise.
    let target = before.by_module[i].get(2).unwrap().clone();
    // Map every other KSB of the target's duties to the module: its score must rise.
    let duties: Vec<_> = p.standards[0]
        .duties
        .iter()
        .filter(|d| d.ksbs.contains(&target.ksb.code))
        .flat_map(|d| d.ksbs.clone())
        .filter(|c| *c != target.ksb.code)
        .collect();
    assert!(!duties.is_empty());
    for c in duties {
        p.set_mapping(Mapping::new("HSC505", KsbRef::new("ST0215", c), Coverage::Full));
    }
    let after = suggest(&p, &options);
    let raised = after.get(i, &target.ksb).expect("still suggested");
    assert!(raised.score > target.score, "{} then {}", target.score, raised.score);
    assert!(!raised.duty_mates.is_empty());
}

#[test]
fn the_neighbours_note_names_them_in_words() {
    let p = sample();
    let all = suggest(&p, &Options::default());
    let mut s = all.iter().next().unwrap().clone();
    s.neighbours.clear();
    assert_eq!(s.neighbours_note(), None);
    s.neighbours = vec![KsbCode::new(crate::model::KsbKind::Knowledge, 6)];
    assert_eq!(
        s.neighbours_note().unwrap(),
        "Next to K6 in the standard, which also looks likely for this module"
    );
    s.neighbours.push(KsbCode::new(crate::model::KsbKind::Knowledge, 8));
    assert_eq!(
        s.neighbours_note().unwrap(),
        "Next to K6 and K8 in the standard, which also look likely for this module"
    );
}

#[test]
fn a_dismissed_or_mapped_neighbour_is_not_named() {
    let mut p = sample();
    let options = Options {
        top: 10,
        ..Options::default()
    };
    let before = suggest(&p, &options);
    let s = before
        .iter()
        .find(|s| !s.neighbours.is_empty())
        .expect("a suggestion names a neighbour")
        .clone();
    let near = KsbRef::new(s.ksb.standard.clone(), s.neighbours[0]);
    let row = p.module_index(&s.module).unwrap();
    let not_named = |p: &Project| {
        if let Some(again) = suggest(p, &options).get(row, &s.ksb) {
            assert!(!again.neighbours.contains(&near.code), "{:?}", again.neighbours);
        }
    };
    p.set_dismissed(&s.module, &near, true);
    not_named(&p);
    p.set_dismissed(&s.module, &near, false);
    p.set_mapping(Mapping::new(s.module.clone(), near.clone(), Coverage::Full));
    not_named(&p);
}

#[test]
fn a_kept_index_follows_renumbered_codes() {
    let mut p = sample();
    let options = Options {
        top: 10,
        ..Options::default()
    };
    let mut kept = Suggester::default();
    kept.suggest(&p, &options);
    // Same texts, new numbers: every even knowledge code moves far away, so none of them
    // has a neighbour any more.
    let renumber = |c: &mut KsbCode| {
        if c.kind == crate::model::KsbKind::Knowledge && c.number.is_multiple_of(2) {
            c.number += 1000;
        }
    };
    for k in &mut p.standards[0].ksbs {
        renumber(&mut k.code);
    }
    for d in &mut p.standards[0].duties {
        d.ksbs.iter_mut().for_each(renumber);
    }
    let fresh = suggest(&p, &options);
    assert_eq!(kept.suggest(&p, &options), fresh);
    for s in fresh.iter() {
        for n in &s.neighbours {
            assert_eq!(n.number.abs_diff(s.ksb.code.number), 1, "{n} beside {}", s.ksb);
        }
    }
}

/// Duty mates come from one duty, named, that lists the suggested KSB too: a behaviour under
/// many duties once named mates from any of them beside a sentence from another.
#[test]
fn duty_mates_are_of_the_one_duty_they_name() {
    let p = sample();
    let all = suggest(&p, &Options::default());
    let mut named = 0;
    for s in all.iter().filter(|s| !s.duty_mates.is_empty()) {
        let duty = s.mates_duty.as_deref().expect("mates name their duty");
        let d = p.standards[0].duties.iter().find(|d| d.code == duty).unwrap();
        assert!(d.ksbs.contains(&s.ksb.code), "{duty} lists {}", s.ksb.code);
        for m in &s.duty_mates {
            assert!(
                d.ksbs.contains(m),
                "{} × {}: mate {m} is not in {duty}",
                s.module,
                s.ksb.code
            );
        }
        assert!(
            s.duty_mates_note()
                .unwrap()
                .starts_with(&format!("Same duty ({duty}) as "))
        );
        named += 1;
    }
    assert!(named > 0, "the sample has suggestions with duty mates");
}

/// Every suggestion shows a sentence on each side, even one resting on learned associations
/// alone (no word shared), which once showed two empty lines.
#[test]
fn every_suggestion_shows_a_sentence_on_each_side() {
    let p = sample();
    let options = Options {
        top: usize::MAX,
        ..Options::default()
    };
    let all = suggest(&p, &options);
    let learned_only = all
        .iter()
        .filter(|s| s.evidence.terms.iter().all(|t| t.contains(" ≈ ")))
        .count();
    assert!(
        learned_only > 0,
        "the sample has suggestions resting on learned terms alone"
    );
    for s in all.iter() {
        assert!(!s.evidence.module_sentence.is_empty(), "{} × {}", s.module, s.ksb);
        assert!(!s.evidence.ksb_sentence.is_empty(), "{} × {}", s.module, s.ksb);
    }
}
