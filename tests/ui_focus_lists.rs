//! Lists that the arrows move through keep the keyboard however fast the arrows come. One
//! frame apart is as fast as it gets: on the frame after an item takes the keyboard egui
//! would also move its own focus by the arrow, to whatever widget lies that way (issue 23:
//! five Downs 50 ms apart left the standards list for a duty's review button).

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;
use htq_mapper::app::file_picker::QueuedPicker;
use htq_mapper::app::focus::grid_focus_id;
use htq_mapper::app::recent::RecentFiles;

fn harness() -> Harness<'static, HtqApp> {
    let app = HtqApp::with_sample(Box::new(QueuedPicker::default()), RecentFiles::in_memory()).unwrap();
    Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app)
}

/// Presses and releases `key` within one frame and runs that frame, so the next key comes on
/// the very next frame (`key_press` would give the release a frame of its own).
fn press_one_frame(h: &mut Harness<'_, HtqApp>, key: Key) {
    for pressed in [true, false] {
        h.input_mut().events.push(egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
        });
    }
    h.step();
}

fn focus(h: &Harness<'_, HtqApp>) -> Option<egui::Id> {
    h.ctx.memory(|m| m.focused())
}

#[test]
fn five_downs_a_frame_apart_walk_the_standards_list_and_keep_the_keyboard() {
    let mut h = harness();
    h.run_ok();
    h.key_press(Key::F6);
    h.run_ok();
    assert_eq!(h.state().state.standards.cursor, 0);
    assert!(
        h.get_all_by_label_contains("D1 Act within").any(|n| n.is_focused()),
        "F6 puts the keyboard on the list's first duty"
    );
    for _ in 0..5 {
        press_one_frame(&mut h, Key::ArrowDown);
    }
    h.run_ok();
    // D1 and D2 are closed; D3 is open (it needs work): D2, D3, K8, K9, K10.
    assert_eq!(h.state().state.standards.cursor, 5);
    assert!(
        h.get_all_by_label("K10").any(|n| n.is_focused()),
        "the keyboard is on K10, the fifth item down; it is on {:?}",
        focus(&h)
    );
    // And the keys still act there: one more Down, slowly.
    h.key_press(Key::ArrowDown);
    h.run_ok();
    assert_eq!(h.state().state.standards.cursor, 6);
    assert!(h.get_all_by_label("K11").any(|n| n.is_focused()));
    // Two presses inside one frame move two items: K36, S8.
    let down = egui::Event::Key {
        key: Key::ArrowDown,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    h.input_mut().events.extend([down.clone(), down]);
    h.run_ok();
    assert_eq!(h.state().state.standards.cursor, 8);
    assert!(h.get_all_by_label("S8").any(|n| n.is_focused()));
}

#[test]
fn an_arrow_right_after_the_grid_takes_the_keyboard_stays_in_the_grid() {
    let mut h = harness();
    h.run_ok();
    h.key_press(Key::F6); // the standards list
    h.run_ok();
    press_one_frame(&mut h, Key::F6); // the grid
    for key in [Key::ArrowDown, Key::ArrowDown, Key::ArrowRight] {
        press_one_frame(&mut h, key);
    }
    h.run_ok();
    assert_eq!(focus(&h), Some(grid_focus_id()), "the grid keeps the keyboard");
    assert_eq!(h.state().state.selection.focused, Some((2, 1)));
}

#[test]
fn typing_right_after_an_arrow_in_the_palette_lands_in_its_search() {
    let mut h = harness();
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_ok();
    press_one_frame(&mut h, Key::ArrowDown);
    h.event(egui::Event::Text("sign".into()));
    h.step();
    h.run_ok();
    let palette = h.state().state.palette.as_ref().expect("the palette is open");
    assert_eq!(palette.query, "sign", "every letter after the arrow is in the search");
}

#[test]
fn typing_right_after_an_arrow_in_the_catalogue_lands_in_its_search() {
    htq_mapper::catalogue::search::ksb_texts();
    let mut h = harness();
    h.run_ok();
    h.state_mut().state.catalogue = Some(Default::default());
    h.run_ok();
    press_one_frame(&mut h, Key::ArrowDown);
    press_one_frame(&mut h, Key::ArrowDown);
    h.event(egui::Event::Text("ST0215".into()));
    h.step();
    h.run_ok();
    let dialog = h.state().state.catalogue.as_ref().expect("the dialog is open");
    assert_eq!(dialog.query, "ST0215", "every letter after the arrows is in the search");
}

/// A chip clicked while the search box has the keyboard takes it, so M maps the chip to the
/// focused row's module rather than type "m" into the search.
#[test]
fn a_clicked_chip_takes_the_keyboard_from_the_search_and_m_maps_it() {
    let mut h = harness();
    h.run_ok();
    let cell = crate::common::ui::cell(&h, "HSC502", "K1");
    crate::common::ui::click_at(&mut h, cell);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_ok();
    h.event(egui::Event::Text("identify".into()));
    h.run_ok();
    assert_eq!(h.state().state.standards.filter, "identify");
    let k23 = crate::common::k("K23");
    assert!(h.state().project().mapping("HSC502", &k23).is_none());
    h.get_all_by_label("K23")
        .min_by(|a, b| a.rect().center().x.total_cmp(&b.rect().center().x))
        .unwrap()
        .click();
    h.run_ok();
    h.key_press(Key::M);
    h.run_ok();
    assert_eq!(
        h.state().state.standards.filter,
        "identify",
        "nothing typed into the search"
    );
    assert!(
        h.state().project().mapping("HSC502", &k23).is_some(),
        "M mapped K23 to HSC502"
    );
}

/// Clicking a KSB in the coverage panel (a finding, or a duty's "K25 not on every route")
/// scrolls to its column; the keyboard's cell now follows into it on the same module's row.
/// Left behind, scrolled out of view, it took the next key: F mapped a cell nobody saw.
#[test]
fn going_to_a_ksb_takes_the_keyboards_cell_into_its_column() {
    use htq_mapper::analysis::Target;
    use htq_mapper::app::command::Command;
    let mut h = harness();
    h.run_ok();
    let k = |code: &str| htq_mapper::model::KsbRef::new("ST0215", code.parse().unwrap());
    h.state_mut().push(Command::FocusCell {
        module: "HSC401".into(),
        ksb: k("K1"),
    });
    h.run_ok();
    let p = h.state().project();
    let row = p.module_index("HSC401").unwrap();
    let col = p.ksb_refs().position(|r| r == k("S25")).unwrap();
    h.state_mut().push(Command::Focus(Target::Ksb(k("S25"))));
    h.run_ok();
    assert_eq!(h.state().state.selection.focused, Some((row, col)));
    // A module keeps the column: HSC402's row, S25's column.
    h.state_mut().push(Command::Focus(Target::Module("HSC402".into())));
    h.run_ok();
    let row = h.state().project().module_index("HSC402").unwrap();
    assert_eq!(h.state().state.selection.focused, Some((row, col)));
}

/// Gaps only (Ctrl+G) keeps, in the standards list too, the duty some route leaves short:
/// the grid showed K25's column while the list beside it left D8 out (found by a tester).
#[test]
fn gaps_only_lists_the_duty_some_route_leaves_short() {
    let mut h = harness();
    h.run_ok();
    assert!(h.query_all_by_label_contains("D1 Act within").count() > 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run_ok();
    assert!(h.state().state.layout.gaps_only);
    let shown = |h: &Harness<'_, HtqApp>, label: &str| h.query_all_by_label_contains(label).count();
    assert_eq!(shown(&h, "D1 Act within"), 0, "D1 is covered on every route");
    assert_eq!(shown(&h, "D8 Promote the health"), 1, "the standards list keeps D8");
}
