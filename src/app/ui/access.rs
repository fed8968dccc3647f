//! Roles and names for what egui draws without them, so a screen reader can read it.

/// A collapsing header's triangle, which egui leaves with no role and no name: a disclosure
/// that says what it opens and whether it is open.
pub fn disclosure(toggle: &egui::Response, name: &str) {
    let open = egui::collapsing_header::CollapsingState::load(&toggle.ctx, toggle.id).is_some_and(|c| c.is_open());
    toggle.widget_info(|| egui::WidgetInfo::labeled(egui::Role::DisclosureTriangle, true, name));
    toggle
        .ctx
        .accesskit_node_builder(toggle.id, |node| node.set_expanded(open));
}
