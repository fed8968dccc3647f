//! CPU time of one frame of the app, headless: layout plus tessellation, no window.
//! Prints figures; run with `cargo bench --bench frame`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use htq_mapper::app::HtqApp;
use htq_mapper::app::command::Command;
use htq_mapper::app::file_picker::{FilePurpose, QueuedPicker};
use htq_mapper::app::recent::RecentFiles;
use htq_mapper::app::ui_command::UiCommand;
use htq_mapper::model::{LearningOutcome, Mapping, Project};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1440.0, 900.0))),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut HtqApp) -> Duration {
    let start = Instant::now();
    let mut out = ctx.run_ui(input(), |ui| app.show(ui));
    let primitives = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
    black_box(primitives);
    let elapsed = start.elapsed();
    out.textures_delta.clear();
    elapsed
}

struct Figures {
    median: Duration,
    p95: Duration,
}

/// The stress project with five learning outcomes per module, each mapping carried by one.
fn with_outcomes(mut project: Project) -> Project {
    for m in &mut project.modules {
        m.outcomes = (1..=5)
            .map(|i| LearningOutcome {
                code: format!("LO{i}"),
                text: format!("Explain the principles of outcome {i} of {} in practice", m.code),
            })
            .collect();
    }
    let mappings: Vec<Mapping> = (&project.mappings).into_iter().cloned().collect();
    for (i, mut m) in mappings.into_iter().enumerate() {
        m.outcomes = vec![format!("LO{}", i % 5 + 1)];
        project.mappings.set(m);
    }
    project
}

/// The stress project compared with an older copy in which every 5th mapping was missing and
/// every 7th was the other coverage: the grid marks those cells, with the comparison's
/// window open or closed.
fn measure_compared(project: Project, frames: usize, window: bool) -> (Figures, usize) {
    let mut old = project.clone();
    let all: Vec<Mapping> = (&project.mappings).into_iter().cloned().collect();
    for (i, mut m) in all.into_iter().enumerate() {
        if i % 5 == 0 {
            old.remove_mapping(&m.module, &m.ksb);
        } else if i % 7 == 0 {
            m.coverage = match m.coverage {
                htq_mapper::model::Coverage::Full => htq_mapper::model::Coverage::Partial,
                htq_mapper::model::Coverage::Partial => htq_mapper::model::Coverage::Full,
            };
            old.set_mapping(m);
        }
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("old.ron");
    htq_mapper::store::save_project(&path, &old).expect("the old copy is written");
    let mut app = HtqApp::new(
        project,
        None,
        Box::new(QueuedPicker::default()),
        RecentFiles::in_memory(),
    );
    app.push(Command::FileChosen {
        purpose: FilePurpose::CompareProject,
        path,
    });
    if !window {
        app.push(Command::ShowComparison(false));
    }
    let ctx = egui::Context::default();
    for _ in 0..10 {
        frame(&ctx, &mut app);
    }
    let marked = app.state.compare.as_ref().map_or(0, |c| c.marked_cells());
    assert!(marked > 0, "the comparison marks cells");
    let mut times: Vec<Duration> = (0..frames).map(|_| frame(&ctx, &mut app)).collect();
    times.sort();
    let figures = Figures {
        median: times[times.len() / 2],
        p95: times[times.len() * 95 / 100],
    };
    (figures, marked)
}

fn measure(project: Project, frames: usize, edit: bool) -> Figures {
    measure_with(project, frames, edit, false)
}

fn measure_with(project: Project, frames: usize, edit: bool, expand: bool) -> Figures {
    let mut app = HtqApp::new(
        project,
        None,
        Box::new(QueuedPicker::default()),
        RecentFiles::in_memory(),
    );
    if expand {
        app.push(Command::Ui(UiCommand::ToggleAllOutcomes));
    }
    let ctx = egui::Context::default();
    for _ in 0..10 {
        frame(&ctx, &mut app);
    }
    assert_eq!(
        !app.state.grid.expanded.is_empty(),
        expand,
        "outcome rows shown as asked"
    );
    let cells: Vec<_> = {
        let p = app.project();
        p.ksb_refs()
            .take(frames)
            .map(|k| (p.modules[0].code.clone(), k))
            .collect()
    };
    let mut times = Vec::with_capacity(frames);
    for i in 0..frames {
        if edit {
            let (module, ksb) = cells[i % cells.len()].clone();
            app.push(Command::CycleCell { module, ksb });
        }
        times.push(frame(&ctx, &mut app));
    }
    times.sort();
    Figures {
        median: times[times.len() / 2],
        p95: times[times.len() * 95 / 100],
    }
}

/// The stress project with `n` comment threads on the cells the grid shows first (every
/// other one resolved, each with a reply), and the comments pane open.
fn measure_commented(mut project: Project, n: usize, frames: usize) -> Figures {
    use htq_mapper::model::CommentTarget;
    use htq_mapper::review::comments;
    let ksbs: Vec<_> = project.ksb_refs().take(20).collect();
    let modules: Vec<String> = project.modules.iter().take(30).map(|m| m.code.clone()).collect();
    for i in 0..n {
        let target = CommentTarget::Cell {
            module: modules[i % modules.len()].clone(),
            ksb: ksbs[(i / modules.len()) % ksbs.len()].clone(),
        };
        let at = format!("2026-11-25T10:{:02}:{:02}Z", i / 60 % 60, i % 60);
        let id = comments::add_thread(&mut project, target, "Ann", &at, "Is this taught, or only assessed?");
        comments::reply(&mut project, &id, "Raj", &at, "Taught in week 3.");
        if i % 2 == 0 {
            comments::set_resolved(&mut project, &id, true, "Ann", &at);
        }
    }
    let mut app = HtqApp::new(
        project,
        None,
        Box::new(QueuedPicker::default()),
        RecentFiles::in_memory(),
    );
    app.push(Command::Ui(UiCommand::ToggleComments));
    let ctx = egui::Context::default();
    for _ in 0..10 {
        frame(&ctx, &mut app);
    }
    assert!(app.state.layout.show_comments, "the pane is open");
    assert_eq!(app.comment_marks().open, n / 2);
    let mut times: Vec<Duration> = (0..frames).map(|_| frame(&ctx, &mut app)).collect();
    times.sort();
    Figures {
        median: times[times.len() / 2],
        p95: times[times.len() * 95 / 100],
    }
}

/// The frame as a screen reader has it: AccessKit on, so every drawn cell is a named node in
/// the tree each frame builds, with `threads` comment threads on the cells shown first.
fn measure_read(mut project: Project, threads: usize, frames: usize) -> (Figures, usize) {
    use htq_mapper::model::CommentTarget;
    let ksbs: Vec<_> = project.ksb_refs().take(20).collect();
    let modules: Vec<String> = project.modules.iter().take(30).map(|m| m.code.clone()).collect();
    for i in 0..threads {
        let target = CommentTarget::Cell {
            module: modules[i % modules.len()].clone(),
            ksb: ksbs[(i / modules.len()) % ksbs.len()].clone(),
        };
        htq_mapper::review::comments::add_thread(&mut project, target, "Ann", "2026-11-25T10:00:00Z", "Taught?");
    }
    let mut app = HtqApp::new(
        project,
        None,
        Box::new(QueuedPicker::default()),
        RecentFiles::in_memory(),
    );
    let ctx = egui::Context::default();
    ctx.enable_accesskit();
    let mut nodes = 0;
    for _ in 0..10 {
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        nodes = out.platform_output.accesskit_update.map_or(0, |u| u.nodes.len());
    }
    assert!(nodes > 100, "AccessKit builds the tree");
    let mut times: Vec<Duration> = (0..frames).map(|_| frame(&ctx, &mut app)).collect();
    times.sort();
    let figures = Figures {
        median: times[times.len() / 2],
        p95: times[times.len() * 95 / 100],
    };
    (figures, nodes)
}

fn main() {
    let sample = htq_mapper::sample::sample_project().expect("the bundled sample");
    let stress = htq_mapper::sample::stress_project(600, 120);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;

    let s = measure(sample.clone(), 200, false);
    println!(
        "frame/sample (72 KSBs x 13 modules): median {:.2} ms, p95 {:.2} ms (target < 2 ms)",
        ms(s.median),
        ms(s.p95)
    );
    let b = measure(stress.clone(), 200, false);
    println!(
        "frame/stress (600 KSBs x 120 modules): median {:.2} ms, p95 {:.2} ms (target < 4 ms)",
        ms(b.median),
        ms(b.p95)
    );
    println!(
        "frame/stress-to-sample ratio: {:.2} (target < 3)",
        ms(b.median) / ms(s.median)
    );
    let o = measure_with(with_outcomes(stress.clone()), 200, false, true);
    println!(
        "frame/stress with every module's 5 outcomes shown as rows (720 rows): median {:.2} ms, p95 {:.2} ms (target < 4 ms)",
        ms(o.median),
        ms(o.p95)
    );
    for window in [false, true] {
        let (c, marked) = measure_compared(stress.clone(), 200, window);
        println!(
            "frame/stress compared, {marked} changed cells highlighted, window {}: median {:.2} ms, p95 {:.2} ms (target < 4 ms)",
            if window { "open" } else { "closed" },
            ms(c.median),
            ms(c.p95)
        );
    }
    for n in [20, 300] {
        let c = measure_commented(stress.clone(), n, 200);
        println!(
            "frame/stress with {n} comment threads on shown cells, comments pane open: median {:.2} ms, p95 {:.2} ms (target < 4 ms)",
            ms(c.median),
            ms(c.p95)
        );
    }
    for (what, project, threads) in [("sample", &sample, 0), ("stress", &stress, 0), ("stress", &stress, 300)] {
        let (r, nodes) = measure_read(project.clone(), threads, 200);
        println!(
            "frame/{what} with AccessKit on (a screen reader reading), {threads} comment threads, {nodes} nodes: median {:.2} ms, p95 {:.2} ms",
            ms(r.median),
            ms(r.p95)
        );
    }
    let e = measure(stress, 100, true);
    println!(
        "frame/stress with an edit each frame (apply + analysis + grid model + frame): median {:.2} ms, p95 {:.2} ms",
        ms(e.median),
        ms(e.p95)
    );
}
