//! Review marks on the grid and in the panels: a corner triangle on whatever has comment
//! threads (in the comment colour while one is open, muted once all are resolved), and each
//! duty's review status (a circle: not reviewed, a tick: agreed, ?: query) with its menu.

use egui::{Color32, Pos2, Rect, Shape, Stroke, Visuals, vec2};

use crate::app::command::{Command, ReviewCommand};
use crate::app::comment_index::CommentMark;
use crate::model::{CommentTarget, DutyRef, Project, ReviewStatus, stamp_for_people};
use crate::review::comments;

/// The colour of an open comment's marker: a violet no coverage state uses.
pub fn comment_color(v: &Visuals, mark: CommentMark) -> Color32 {
    match (mark, v.dark_mode) {
        (CommentMark::Open, true) => Color32::from_rgb(200, 150, 255),
        (CommentMark::Open, false) => Color32::from_rgb(130, 50, 200),
        (CommentMark::Resolved, _) => v.weak_text_color().gamma_multiply(0.7),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    LeftTop,
    RightTop,
}

/// A small triangle in a corner of `rect`, edged in the panel's colour so it reads on any fill.
pub fn paint_comment_mark(painter: &egui::Painter, rect: Rect, v: &Visuals, mark: CommentMark, corner: Corner) {
    let s = (rect.width().min(rect.height()) * 0.3).clamp(6.0, 10.0);
    let (a, b, c): (Pos2, Pos2, Pos2) = match corner {
        Corner::LeftTop => (
            rect.left_top(),
            rect.left_top() + vec2(s, 0.0),
            rect.left_top() + vec2(0.0, s),
        ),
        Corner::RightTop => (
            rect.right_top(),
            rect.right_top() + vec2(0.0, s),
            rect.right_top() - vec2(s, 0.0),
        ),
    };
    painter.add(Shape::convex_polygon(
        vec![a, b, c],
        comment_color(v, mark),
        Stroke::new(1.0, v.panel_fill),
    ));
}

/// What a marker says on hover.
pub fn mark_words(mark: CommentMark) -> &'static str {
    match mark {
        CommentMark::Open => "Has an open comment (Review > Next open comment, F8)",
        CommentMark::Resolved => "Has resolved comments",
    }
}

/// The menu item that starts a comment on `target`.
pub fn comment_item_ui(ui: &mut egui::Ui, target: CommentTarget, words: &str, commands: &mut Vec<Command>) {
    if ui.button(words).clicked() {
        commands.push(Command::Review(ReviewCommand::Start(target)));
        ui.close();
    }
}

/// A menu item per thread on `target`, which shows it in the comments pane.
pub fn show_threads_ui(ui: &mut egui::Ui, project: &Project, target: &CommentTarget, commands: &mut Vec<Command>) {
    for t in comments::threads_on(project, target) {
        let first = t.comments.first().map_or("", |c| c.text.as_str());
        let state = if t.is_open() { "open" } else { "resolved" };
        let text = format!("Show comment ({state}): {}", crate::text::shorten(first, 40));
        if ui.button(text).clicked() {
            commands.push(Command::Review(ReviewCommand::Show(t.id.clone())));
            ui.close();
        }
    }
}

fn status_color(v: &Visuals, status: ReviewStatus) -> Color32 {
    use crate::mark::Tone;
    match status {
        ReviewStatus::NotReviewed => v.weak_text_color(),
        ReviewStatus::Agreed => super::theme::tone_text(v, Tone::Full),
        ReviewStatus::Query => super::theme::tone_text(v, Tone::Partial),
    }
}

/// A duty's review status as a mark: a hollow circle (not reviewed), a tick (agreed) or a
/// question mark (query). Drawn, not typed, so no font needs the symbols.
pub fn paint_status(painter: &egui::Painter, rect: Rect, v: &Visuals, status: ReviewStatus) {
    let c = rect.center();
    let color = status_color(v, status);
    match status {
        ReviewStatus::NotReviewed => {
            painter.circle_stroke(c, 4.0, Stroke::new(1.2, color));
        }
        ReviewStatus::Agreed => {
            let points = vec![c + vec2(-4.5, 0.0), c + vec2(-1.5, 3.5), c + vec2(4.5, -4.0)];
            painter.add(Shape::line(points, Stroke::new(2.0, color)));
        }
        ReviewStatus::Query => {
            let font = egui::FontId::proportional(14.0);
            painter.text(c, egui::Align2::CENTER_CENTER, "?", font, color);
        }
    }
}

/// The accessible name of a duty's review button: `Review of D3: query`.
pub fn review_button_name(duty: &DutyRef, status: ReviewStatus) -> String {
    format!("Review of {}: {}", duty.code, status.label())
}

/// A duty's review status as one small mark; a click opens the menu that sets it.
pub fn duty_review_ui(ui: &mut egui::Ui, project: &Project, duty: &DutyRef, commands: &mut Vec<Command>) {
    let status = comments::duty_status(project, duty);
    let review = project.duty_reviews.iter().find(|r| &r.duty == duty);
    let (rect, resp) = ui.allocate_exact_size(vec2(14.0, 16.0), egui::Sense::click());
    if resp.hovered() {
        ui.painter()
            .rect_filled(rect, 3.0, ui.visuals().widgets.hovered.weak_bg_fill);
    }
    paint_status(ui.painter(), rect, ui.visuals(), status);
    let name = review_button_name(duty, status);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    egui::Popup::menu(&resp).show(|ui| duty_review_menu_ui(ui, project, duty, commands));
    let by = review.map_or(String::new(), |r| format!(" ({}, {})", r.by, stamp_for_people(&r.at)));
    resp.on_hover_text(format!("Review: {}{by}. Click to change.", status.label()));
}

/// Not reviewed, agreed or query, and a comment on the duty; in its menus.
pub fn duty_review_menu_ui(ui: &mut egui::Ui, project: &Project, duty: &DutyRef, commands: &mut Vec<Command>) {
    let now = comments::duty_status(project, duty);
    ui.strong(format!("Review of duty {}", duty.code));
    for status in ReviewStatus::ALL {
        let text = capitalised(status.label());
        if ui.add(egui::Button::selectable(now == status, text)).clicked() {
            if status != now {
                commands.push(Command::Review(ReviewCommand::DutyStatus {
                    duty: duty.clone(),
                    status,
                }));
            }
            ui.close();
        }
    }
    ui.separator();
    let target = CommentTarget::Duty(duty.clone());
    comment_item_ui(ui, target.clone(), &format!("Comment on duty {}…", duty.code), commands);
    show_threads_ui(ui, project, &target, commands);
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().collect::<String>() + c.as_str())
}

/// A module's row: its marker, and the menu that comments on it.
pub fn module_row_ui(
    ui: &egui::Ui,
    resp: &egui::Response,
    project: &Project,
    code: &str,
    mark: Option<CommentMark>,
    commands: &mut Vec<Command>,
) {
    if let Some(mark) = mark {
        paint_comment_mark(
            ui.painter(),
            resp.rect.shrink(1.0),
            ui.visuals(),
            mark,
            Corner::RightTop,
        );
    }
    resp.context_menu(|ui| {
        super::grid_cell_menu::module_menu_ui(ui, project, code, commands);
        let target = CommentTarget::Module(code.to_string());
        comment_item_ui(ui, target.clone(), &format!("Comment on module {code}…"), commands);
        show_threads_ui(ui, project, &target, commands);
    });
}

/// A cell's threads, in its hover: state, author and the first line of the first comment, for
/// at most three; the rest are counted, to be read in the comments pane.
pub fn cell_comments_ui(ui: &mut egui::Ui, project: &Project, module: &str, ksb: &crate::model::KsbRef) {
    let target = CommentTarget::Cell {
        module: module.to_string(),
        ksb: ksb.clone(),
    };
    for line in hover_lines(project, &target) {
        ui.label(line);
    }
}

/// How many threads a cell's hover lists before it says how many more there are.
const HOVER_THREADS: usize = 3;

fn hover_lines(project: &Project, target: &CommentTarget) -> Vec<String> {
    let threads: Vec<_> = comments::threads_on(project, target)
        .filter(|t| !t.comments.is_empty())
        .collect();
    let mut lines: Vec<String> = threads
        .iter()
        .take(HOVER_THREADS)
        .filter_map(|t| {
            let state = if t.is_open() { "open" } else { "resolved" };
            let c = t.comments.first()?;
            let first = c.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
            let text = crate::text::shorten(first, 120);
            Some(format!("Comment ({state}), {}: {text}", c.author))
        })
        .collect();
    let more = threads.len().saturating_sub(HOVER_THREADS);
    if more > 0 {
        lines.push(format!("and {more} more in the comments pane"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_hover_lists_three_threads_on_one_line_each_and_counts_the_rest() {
        let mut p = crate::sample::sample_project().unwrap();
        let target = CommentTarget::Cell {
            module: "HSC401".into(),
            ksb: crate::model::KsbRef::new("ST0215", "K5".parse().unwrap()),
        };
        let long = format!("{}\nsecond line", "word ".repeat(60));
        for n in 0..5 {
            let text = if n == 0 { long.clone() } else { format!("Note {n}") };
            comments::add_thread(&mut p, target.clone(), "Ann", "2026-11-25T10:00:00Z", &text);
        }
        let lines = hover_lines(&p, &target);
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert_eq!(lines[3], "and 2 more in the comments pane");
        assert!(
            !lines[0].contains("second line") && lines[0].ends_with('…'),
            "{}",
            lines[0]
        );
        assert!(lines[0].chars().count() < 160, "{}", lines[0]);
    }
}
