//! How the app looks, set on its first frame: its themes (text at 4.5:1 or more), and the zoom
//! (Ctrl + and Ctrl − zoom in and out, Ctrl 0 resets, as egui has them) kept between runs in
//! the layout: the stored zoom is set on the first frame, then read back each frame.

use crate::app::layout::Layout;

/// The zooms egui's keys reach; a stored zoom outside them (a hand-edited file) is ignored.
const ZOOMS: std::ops::RangeInclusive<f32> = 0.2..=5.0;

pub(super) fn keep(ctx: &egui::Context, layout: &mut Layout) {
    let set = egui::Id::unique("stored-zoom-set");
    if ctx.data(|d| d.get_temp::<bool>(set)).is_none() {
        ctx.data_mut(|d| d.insert_temp(set, true));
        crate::app::ui::theme::install_visuals(ctx);
        let zoom = Some(layout.zoom).filter(|z| ZOOMS.contains(z)).unwrap_or(1.0);
        // egui takes it from the next frame on.
        ctx.set_zoom_factor(zoom);
        layout.zoom = zoom;
        return;
    }
    layout.zoom = ctx.zoom_factor();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(ctx: &egui::Context, layout: &mut Layout) {
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| keep(ui.ctx(), layout));
        out.textures_delta.clear();
    }

    #[test]
    fn a_stored_zoom_is_set_and_a_zoom_by_key_is_stored() {
        let ctx = egui::Context::default();
        let mut layout = Layout {
            zoom: 1.5,
            ..Layout::default()
        };
        frame(&ctx, &mut layout);
        frame(&ctx, &mut layout);
        assert_eq!(ctx.zoom_factor(), 1.5);
        assert_eq!(layout.zoom, 1.5);
        // Ctrl + (egui's own key) zooms in; the layout, and so the prefs, follow.
        egui::gui_zoom::zoom_in(&ctx);
        frame(&ctx, &mut layout);
        frame(&ctx, &mut layout);
        assert!((layout.zoom - 1.6).abs() < 1e-6, "{}", layout.zoom);
    }

    #[test]
    fn a_zoom_out_of_range_falls_back_to_one() {
        let ctx = egui::Context::default();
        let mut layout = Layout {
            zoom: f32::NAN,
            ..Layout::default()
        };
        frame(&ctx, &mut layout);
        assert_eq!(layout.zoom, 1.0);
    }
}
