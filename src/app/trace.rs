//! `HTQ_TRACE_FRAMES=1`: one line on stderr per startup step and per frame (its number, the
//! time since `run` began, the frame's own time, and what asked for another frame), to see
//! where the time goes between exec and a settled picture. Off, it costs one bool test.

use std::time::{Duration, Instant};

/// Frames traced after start; later ones are steady state, not startup.
const FRAMES: u64 = 40;

pub struct FrameTrace {
    start: Instant,
    on: bool,
}

impl FrameTrace {
    pub fn from_env(start: Instant) -> Self {
        let on = std::env::var_os("HTQ_TRACE_FRAMES").is_some_and(|v| v != "0" && !v.is_empty());
        Self { start, on }
    }

    pub fn off() -> Self {
        Self {
            start: Instant::now(),
            on: false,
        }
    }

    pub fn is_on(&self) -> bool {
        self.on
    }

    fn since(&self) -> f64 {
        self.start.elapsed().as_secs_f64() * 1000.0
    }

    /// A startup step that is not a frame: "project loaded", "window created".
    pub fn step(&self, what: &str) {
        if self.on {
            eprintln!("trace {:8.1} ms  {what}", self.since());
        }
    }

    /// One frame: `took` is our UI's time in it; `cpu` eframe's figure for the frame before
    /// (UI, tessellation and painting, wall time on the UI thread).
    pub fn frame(&self, ctx: &egui::Context, took: Duration, cpu: Option<f32>) {
        let nr = ctx.cumulative_frame_nr();
        if !self.on || nr >= FRAMES {
            return;
        }
        let passes = ctx.cumulative_pass_nr();
        // "egui-0.37.0/src/containers/scroll_area.rs:832", without the registry's path.
        let mut why: Vec<String> = ctx
            .repaint_causes()
            .iter()
            .map(|c| {
                let c = c.to_string();
                let short = match c.rsplit_once("registry/src/") {
                    Some((_, s)) => s.split_once('/').map_or(s, |(_, s)| s),
                    None => c.as_str(),
                };
                short.trim().to_string()
            })
            .collect();
        why.sort_unstable();
        why.dedup();
        let discard = if ctx.will_discard() { " discard" } else { "" };
        // Where egui thinks the pointer is: hover effects and tooltips change the picture.
        let pointer = ctx
            .input(|i| i.pointer.latest_pos())
            .map_or("-".to_string(), |p| format!("{:.0},{:.0}", p.x, p.y));
        eprintln!(
            "trace {:8.1} ms  frame {nr:2} pass {passes:2}  ui {:6.2} ms  prev cpu {}{discard}  pointer {pointer}  repaint: {}",
            self.since(),
            took.as_secs_f64() * 1000.0,
            cpu.map_or("-".to_string(), |c| format!("{:.2} ms", c * 1000.0)),
            if why.is_empty() {
                "none".to_string()
            } else {
                why.join(", ")
            }
        );
    }
}
