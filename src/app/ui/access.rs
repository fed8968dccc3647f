//! Roles and names for what egui draws without them, and the words a screen reader says for
//! what the app paints (coverage, comment markers).

use crate::analysis::KsbState;
use crate::app::comment_index::CommentMark;
use crate::model::{CommentTarget, Project};
use crate::review::comments;
use crate::text::counted;

/// A KSB's coverage in words; a KSB only unchosen options need is no gap.
pub fn ksb_words(state: KsbState, needed: bool) -> &'static str {
    match (needed, state) {
        (false, _) => "not needed",
        (true, KsbState::Full) => "covered",
        (true, KsbState::Partial) => "partly covered",
        (true, KsbState::Uncovered) => "not covered",
    }
}

/// "2 open comments", or "resolved comments" when none is open.
pub fn comment_words(project: &Project, target: &CommentTarget, mark: CommentMark) -> String {
    let open = match mark {
        CommentMark::Open => comments::threads_on(project, target).filter(|t| t.is_open()).count(),
        CommentMark::Resolved => 0,
    };
    counted_comments(mark, open)
}

/// The words for a marker whose open threads are already counted.
pub fn counted_comments(mark: CommentMark, open: usize) -> String {
    match mark {
        CommentMark::Open => counted(open, "open comment", "open comments"),
        CommentMark::Resolved => "resolved comments".to_string(),
    }
}

/// A collapsing header's triangle, which egui leaves with no role and no name: a disclosure
/// that says what it opens and whether it is open.
pub fn disclosure(toggle: &egui::Response, name: &str) {
    let open = egui::collapsing_header::CollapsingState::load(&toggle.ctx, toggle.id).is_some_and(|c| c.is_open());
    toggle.widget_info(|| egui::WidgetInfo::labeled(egui::Role::DisclosureTriangle, true, name));
    toggle
        .ctx
        .accesskit_node_builder(toggle.id, |node| node.set_expanded(open));
}

/// A window's title bar, which egui makes a drag target with no role and no name (it names
/// it `__title_click` under the window's id): a title bar named after the window (the title's
/// own label is its child, and keeps the title alone).
pub fn title_bar(ctx: &egui::Context, window: egui::Id, title: &str) {
    dialog(ctx, window, title, false);
    let id = window.with("__title_click");
    if ctx.has_accesskit_node(id) {
        ctx.accesskit_node_builder(id, |node| {
            node.set_role(egui::Role::TitleBar);
            node.set_label(format!("Title bar of {title}"));
        });
    }
}

/// A dialog or window's own node, which egui leaves unnamed (a window is a plain container):
/// a dialog named by its title, and marked modal where nothing behind it can be reached, so a
/// screen reader says "Sign off, dialog" as the keyboard enters it. `area` is the window's or
/// modal's id.
pub fn dialog(ctx: &egui::Context, area: egui::Id, name: &str, modal: bool) {
    ctx.accesskit_node_builder(area, |node| {
        node.set_role(egui::Role::Dialog);
        node.set_label(name.to_string());
        if modal {
            node.set_modal();
        }
    });
}
