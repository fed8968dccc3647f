//! Pointer helpers for the kittest tests of the app: where things are, clicks and drags in
//! small steps, as a person makes them.

use egui::Pos2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use htq_mapper::app::HtqApp;

/// The whole app on the bundled sample at 1280 × 720, after its first frames.
pub fn sample_app(max_steps: u64) -> Harness<'static, HtqApp> {
    let app = HtqApp::with_sample(
        Box::new(htq_mapper::app::file_picker::QueuedPicker::default()),
        htq_mapper::app::recent::RecentFiles::in_memory(),
    )
    .unwrap();
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .with_max_steps(max_steps)
        .build_ui_state(|ui, app: &mut HtqApp| app.show(ui), app);
    h.run_ok();
    h
}

/// Presses Ctrl+S; whether it asked "The file changed on disk" rather than saving.
pub fn ctrl_s_asks_about_the_file(h: &mut Harness<'_, HtqApp>) -> bool {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_ok();
    h.run_ok();
    h.query_by_role_and_label(egui::accesskit::Role::Dialog, "The file changed on disk")
        .is_some()
}

/// The centre of the left-most node with this exact label: the standards panel's copy.
pub fn leftmost(h: &Harness<'_, HtqApp>, label: &str) -> Pos2 {
    h.get_all_by_label(label)
        .map(|n| n.rect().center())
        .min_by(|a, b| a.x.total_cmp(&b.x))
        .expect(label)
}

/// The centre of the right-most node with this exact label: the grid's column header.
pub fn rightmost(h: &Harness<'_, HtqApp>, label: &str) -> Pos2 {
    h.get_all_by_label(label)
        .map(|n| n.rect().center())
        .max_by(|a, b| a.x.total_cmp(&b.x))
        .expect(label)
}

/// The centre of a grid cell, from its module's row and its KSB's column header.
pub fn cell(h: &Harness<'_, HtqApp>, module: &str, ksb: &str) -> Pos2 {
    let row = h.get_by_label(module).rect().center().y;
    let col = rightmost(h, ksb).x;
    Pos2::new(col, row)
}

/// Presses at `from`, moves to `to` in steps, and releases there.
pub fn drag(h: &mut Harness<'_, HtqApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run_ok();
    h.drag_at(from);
    h.run_ok();
    for t in [0.1, 0.3, 0.5, 0.7, 0.9, 1.0] {
        h.hover_at(from.lerp(to, t));
        h.run_ok();
    }
    h.drop_at(to);
    h.run_ok();
    h.run_ok();
}

/// Turns the mouse wheel over `at`, `steps` times, `points` down each (negative: up).
pub fn wheel(h: &mut Harness<'_, HtqApp>, at: Pos2, steps: usize, points: f32) {
    h.event(egui::Event::PointerMoved(at));
    for _ in 0..steps {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, points),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        h.run_ok();
    }
}

pub fn click_at(h: &mut Harness<'_, HtqApp>, pos: Pos2) {
    h.hover_at(pos);
    h.run_ok();
    h.drag_at(pos);
    h.run_ok();
    h.drop_at(pos);
    h.run_ok();
}

/// The window's close button, as the window manager sends it.
pub fn request_close(h: &mut Harness<'_, HtqApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
}

/// A file dropped on the window, read from disk when the app asks for its bytes.
#[derive(Debug)]
pub struct Dropped(pub std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}
