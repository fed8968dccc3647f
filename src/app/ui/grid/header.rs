//! The grid's header: the standards and their KSB columns.

use egui::{Align2, FontId, Sense, Stroke, StrokeKind};
use egui_table::HeaderCellInfo;

use crate::analysis::KsbState;
use crate::app::command::DragPayload;

use super::super::{review_marks, theme};
use super::{GridDelegate, access};

impl GridDelegate<'_> {
    /// The grid's header rows: each standard over its KSB columns, then the KSB codes with
    /// their coverage marks.
    pub(super) fn header_ui(&mut self, ui: &mut egui::Ui, cell: &HeaderCellInfo) {
        let rect = ui.max_rect();
        let v = ui.visuals().clone();
        ui.painter().rect_filled(rect, 0.0, v.faint_bg_color);
        if cell.row_nr == 0 {
            let text = if cell.group_index == 0 {
                crate::text::counted(self.project.modules.len(), "module", "modules")
            } else {
                self.grid
                    .groups
                    .get(cell.group_index - 1)
                    .map(|g| g.title.clone())
                    .unwrap_or_default()
            };
            ui.add_space(4.0);
            ui.add(
                egui::Label::new(egui::RichText::new(text).strong())
                    .selectable(false)
                    .truncate(),
            );
            return;
        }
        let col = cell.col_range.start;
        if col == 0 {
            ui.add_space(4.0);
            ui.add(egui::Label::new(egui::RichText::new("Module").strong()).selectable(false));
            return;
        }
        let c = col - 1;
        let Some(column) = self.grid.columns.get(c) else { return };
        let state = column.state;
        let band = egui::Rect::from_min_size(
            rect.left_bottom() - egui::vec2(0.0, 14.0),
            egui::vec2(rect.width(), 14.0),
        );
        // A KSB only unchosen options need is no gap: a muted band with a dash.
        let (fill, letter, ink) = if column.needed {
            (
                theme::ksb_state(&v, state),
                theme::ksb_letter(state),
                theme::on_fill(&v),
            )
        } else {
            (v.widgets.noninteractive.bg_fill, "–", v.weak_text_color())
        };
        ui.painter().rect_filled(band.shrink2(egui::vec2(1.0, 1.0)), 2.0, fill);
        ui.painter().text(
            band.center(),
            Align2::CENTER_CENTER,
            letter,
            FontId::monospace(10.0),
            ink,
        );
        if self.highlighted(None, Some(c)) {
            ui.painter().rect_stroke(
                rect.shrink(1.0),
                2.0,
                Stroke::new(2.0, theme::highlight(&v)),
                StrokeKind::Inside,
            );
        }
        let resp = ui.interact(rect, cell.table_id.with(("header", c)), Sense::CLICK);
        ui.scope_builder(egui::UiBuilder::new().max_rect(rect.with_max_y(band.top())), |ui| {
            ui.centered_and_justified(|ui| {
                ui.add(
                    egui::Label::new(egui::RichText::new(&column.code).monospace().size(self.sizes.code_font))
                        .selectable(false),
                );
            });
        });
        self.accept_on_column(&resp, c);
        if resp
            .dnd_hover_payload::<DragPayload>()
            .is_some_and(|p| matches!(*p, DragPayload::Module(_)))
        {
            ui.painter().rect_stroke(
                rect.shrink(1.0),
                2.0,
                Stroke::new(2.0, theme::highlight(&v)),
                StrokeKind::Inside,
            );
        }
        let ksb = column.ksb.clone();
        let project = self.project;
        let analysis = self.analysis;
        let mark = self.grid.comments.ksb(&ksb);
        let place = access::Place { row: 0, col };
        access::cell_node(&resp, egui::Role::ColumnHeader, place, false, || {
            let state = super::super::access::ksb_words(state, column.needed);
            let comments =
                mark.map(|m| access::comment_words(project, &crate::model::CommentTarget::Ksb(ksb.clone()), m));
            [column.code.as_str(), state]
                .into_iter()
                .chain(comments.as_deref())
                .collect::<Vec<_>>()
                .join(", ")
        });
        // The KSB's text describes its column.
        ui.ctx()
            .accesskit_node_builder(resp.id, |node| node.set_description(project.ksb_text(&ksb)));
        if let Some(mark) = mark {
            review_marks::paint_comment_mark(ui.painter(), rect.shrink(1.0), &v, mark, review_marks::Corner::RightTop);
        }
        let commands = &mut *self.commands;
        resp.context_menu(|ui| {
            let target = crate::model::CommentTarget::Ksb(ksb.clone());
            review_marks::comment_item_ui(ui, target.clone(), &format!("Comment on {ksb}…"), commands);
            review_marks::show_threads_ui(ui, project, &target, commands);
        });
        self.hover_ui(resp, |ui, _| {
            if let Some(mark) = mark {
                ui.label(review_marks::mark_words(mark));
            }
            ui.set_max_width(360.0);
            let text = project.ksb_text(&ksb);
            ui.strong(ksb.to_string());
            ui.label(text);
            if let Some(k) = analysis.ksb(&ksb) {
                let by = k.module_codes(project);
                if !k.needed {
                    ui.weak("Not needed: only options the programme does not take list it");
                    return;
                }
                match k.state {
                    KsbState::Uncovered => ui.colored_label(
                        theme::severity(ui.visuals(), crate::analysis::Severity::Error),
                        "Uncovered: no module maps it",
                    ),
                    KsbState::Partial => ui.label(format!("Partly covered by {}", by.join(", "))),
                    KsbState::Full => ui.label(format!("Covered by {}", by.join(", "))),
                };
                super::super::inspector_outcomes::ksb_assessed_ui(ui, project, analysis, k);
            }
        });
    }
}
