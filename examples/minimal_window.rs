//! The baseline for `scripts/startup-bench`: an empty eframe window with the app's eframe
//! features and window size, so the bench compares like with like. With HTQ_TRACE_FRAMES
//! set it prints when each of its first frames begins, as the app does.

fn main() -> eframe::Result {
    let start = std::time::Instant::now();
    let trace = std::env::var_os("HTQ_TRACE_FRAMES").is_some();
    let viewport = egui::ViewportBuilder::default()
        .with_title("Minimal window")
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([800.0, 500.0])
        .with_drag_and_drop(true);
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_ui_native("Minimal window", options, move |ui, _frame| {
        let nr = ui.ctx().cumulative_frame_nr();
        if trace && nr < 5 {
            eprintln!("trace {:8.1} ms  frame {nr}", start.elapsed().as_secs_f64() * 1000.0);
        }
        egui::CentralPanel::default().show(ui, |_ui| {});
    })
}
