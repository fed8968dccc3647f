//! egui keeps a text field's undo history by widget id. A field that serves many items (each
//! cell's reason and note, a new comment on whichever target) must not undo into the text
//! typed for another item: Ctrl+Z in one cell's reason brought back another cell's.

use std::hash::Hash;

/// Forgets the undo history (and caret) of these fields.
pub fn forget(ctx: &egui::Context, fields: &[egui::Id]) {
    ctx.data_mut(|d| {
        for &id in fields {
            d.remove::<egui::text_edit::TextEditState>(id);
        }
    });
}

/// Keeps `field`'s undo history only while it serves the same `item`.
pub fn serve(ctx: &egui::Context, field: egui::Id, item: impl Hash + std::fmt::Debug) {
    let key = field.with("text-history-item");
    let item = field.with(item);
    if ctx.data(|d| d.get_temp::<egui::Id>(key)) != Some(item) {
        forget(ctx, &[field]);
        ctx.data_mut(|d| d.insert_temp(key, item));
    }
}
