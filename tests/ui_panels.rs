//! Panels rendered alone: each test checks the exact commands a panel pushes, with no app around it.

use crate::common::{d, k};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use htq_mapper::analysis::{Target, analyse, group_findings};
use htq_mapper::app::command::Command;
use htq_mapper::app::ui::coverage_panel::coverage_panel_ui;

fn coverage_panel() -> Harness<'static, Vec<Command>> {
    let project = htq_mapper::sample::sample_project().unwrap();
    let analysis = analyse(&project);
    let groups = group_findings(&project, &analysis);
    Harness::builder().with_size([320.0, 1600.0]).build_ui_state(
        move |ui, commands: &mut Vec<Command>| {
            coverage_panel_ui(ui, &project, &analysis, &groups, &Default::default(), false, commands)
        },
        Vec::new(),
    )
}

#[test]
fn clicking_a_finding_asks_to_focus_its_ksb() {
    let mut h = coverage_panel();
    h.run_ok();
    assert!(h.state().is_empty(), "drawing alone asks for nothing");
    // The five uncovered KSBs read as one line, which opens to each of them.
    h.get_by_label_contains("5 KSBs are not covered by any module").click();
    h.run_ok();
    assert!(h.state().is_empty(), "opening the list asks for nothing");
    h.get_by_label_contains("ST0215/K23 (The tools").click();
    h.run_ok();
    assert_eq!(h.state(), &[Command::Focus(Target::Ksb(k("K23")))]);
}

#[test]
fn clicking_a_duty_asks_to_focus_the_duty() {
    let mut h = coverage_panel();
    h.run_ok();
    h.get_by_label_contains("D7 Support the development").click();
    h.run_ok();
    assert_eq!(h.state(), &[Command::Focus(Target::Duty(d("D7")))]);
}

#[test]
fn the_coverage_panel_says_every_route_was_checked() {
    let mut h = coverage_panel();
    h.run_ok();
    h.get_by_label("All 3 routes through the options checked");
}

#[test]
fn clicking_a_route_gap_asks_to_show_its_route() {
    let mut h = coverage_panel();
    h.run_ok();
    h.get_by_label_contains("A student who does not take HSC506").click();
    h.run_ok();
    assert_eq!(
        h.state(),
        &[
            Command::Focus(Target::Ksb(k("K25"))),
            Command::ShowRoute(vec!["HSC505".into()])
        ]
    );
}

#[test]
fn with_two_standards_each_standards_duty_bars_are_headed_by_its_reference() {
    let mut project = htq_mapper::sample::sample_project().unwrap();
    let second = htq_mapper::sample::bundled_standards()
        .into_iter()
        .find(|s| s.reference == "ST0413")
        .unwrap();
    project.programme.standards.push(second.reference.clone());
    project.standards.push(second);
    let analysis = analyse(&project);
    let groups = group_findings(&project, &analysis);
    let mut h = Harness::builder().with_size([320.0, 2400.0]).build_ui_state(
        move |ui, commands: &mut Vec<Command>| {
            coverage_panel_ui(ui, &project, &analysis, &groups, &Default::default(), false, commands)
        },
        Vec::new(),
    );
    h.run_ok();
    for reference in ["ST0215", "ST0413"] {
        assert_eq!(h.query_all_by_label(reference).count(), 1, "{reference} heads its bars");
    }
}

/// The status bar alone, `width` points wide, with unsaved changes.
fn status_bar(width: f32) -> Harness<'static, ()> {
    let project = htq_mapper::sample::sample_project().unwrap();
    let analysis = analyse(&project);
    let mut h = Harness::builder().with_size([width, 40.0]).build_ui(move |ui| {
        htq_mapper::app::ui::status_bar::status_bar_ui(
            ui,
            &project,
            &analysis,
            "Set HSC401 × K1 full",
            "Unsaved changes",
            Default::default(),
            |ui| {
                ui.label("Not signed off");
            },
        );
    });
    h.run_ok();
    h
}

/// At zoom 2 on a 1024-pixel laptop (512 points), the legend and counts drew over "Unsaved
/// changes", which could not be read. Now the legend gives way and nothing draws over it.
#[test]
fn zoomed_in_nothing_in_the_status_bar_draws_over_unsaved_changes() {
    use egui_kittest::kittest::NodeT as _;
    let h = status_bar(512.0);
    let unsaved = h.get_by_label("Unsaved changes").rect();
    for n in h.query_all(egui_kittest::kittest::by()) {
        let label = n.accesskit_node().label().unwrap_or_default();
        if label.is_empty() || label == "Unsaved changes" {
            continue;
        }
        let r = n.rect();
        let clip = h.ctx.content_rect();
        assert!(
            !r.intersects(unsaved) || r.contains_rect(unsaved) || !clip.intersects(r),
            "{label:?} at {r:?} draws over Unsaved changes at {unsaved:?}"
        );
    }
    assert!(h.query_by_label("suggested").is_none(), "the legend gave way");
    let wide = status_bar(1400.0);
    assert!(
        wide.query_by_label("suggested").is_some(),
        "with room, the legend shows"
    );
}

/// A duty that some route leaves uncovered (D8, without HSC506) read "covered" in the duty
/// bars while the route-gap error stood: it now says it is not covered on every route, in the
/// warning colour, names the KSB, and stays in the gaps-only view.
#[test]
fn a_duty_some_route_leaves_uncovered_says_so() {
    let mut h = coverage_panel();
    h.run_ok();
    // The duty's own line, not only its finding, says it; no other duty does.
    let marked = h.query_all_by_label_contains(" not on every route · ").count();
    assert_eq!(marked, 1, "only D8 is short on some route");
    let marked = h.get_by_label_contains(" not on every route · ");
    let node = marked.accesskit_node();
    let text = node.label().or_else(|| node.value()).unwrap_or_default();
    assert!(text.starts_with("D8 "), "{text}");
    h.get_by_label_contains("What holds back duty D8").click();
    h.run_ok();
    // Every KSB a route misses, not only the first: the four HSC506 alone covers.
    for code in ["K25", "K26", "S25", "S26"] {
        assert!(
            h.query_by_label_contains(&format!("{code} not on every route"))
                .is_some(),
            "{code}"
        );
    }
}
