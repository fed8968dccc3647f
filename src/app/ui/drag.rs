//! A drag source for chips and duties. Unlike `Ui::dnd_drag_source` it takes clicks too
//! but is not a keyboard stop of its own (the label inside is, once), and its ghost trails below and right of the
//! pointer, so it never hides the row label it is about to be dropped on.

use egui::{CursorIcon, InnerResponse, LayerId, Order, Sense, UiBuilder, emath::TSTransform};

pub fn drag_source_ui<P: std::any::Any + Send + Sync, R>(
    ui: &mut egui::Ui,
    id: egui::Id,
    payload: P,
    add_contents: impl FnOnce(&mut egui::Ui) -> R,
) -> InnerResponse<R> {
    if !ui.ctx().is_being_dragged(id) {
        let InnerResponse { inner, response } = ui.scope(add_contents);
        let drag = ui
            .interact(response.rect, id, Sense::CLICK | Sense::DRAG)
            .on_hover_cursor(CursorIcon::Grab);
        return InnerResponse::new(inner, drag | response);
    }
    egui::DragAndDrop::set_payload(ui.ctx(), payload);
    // Drawn on a tooltip layer, then moved to trail the pointer.
    let layer = LayerId::new(Order::Tooltip, id);
    // On a popup frame, so the ghost reads clearly over whatever it passes.
    let shown = ui.scope_builder(UiBuilder::new().layer_id(layer), |ui| {
        egui::Frame::popup(ui.style()).show(ui, add_contents).inner
    });
    if let Some(pointer) = ui.ctx().pointer_interact_pos() {
        let offset = pointer + egui::vec2(16.0, 14.0) - shown.response.rect.left_top();
        ui.ctx()
            .transform_layer_shapes(layer, TSTransform::from_translation(offset));
    }
    shown
}
