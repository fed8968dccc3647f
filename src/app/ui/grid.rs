//! The mapping grid: modules as rows, KSBs as columns. Only visible cells are drawn.

use egui::{Align2, FontId, Sense, Stroke, StrokeKind};
use egui_table::{CellInfo, Column, HeaderCellInfo, HeaderRow, Table, TableDelegate};

use crate::analysis::{Analysis, KsbState, Target};
use crate::app::cell_edits;
use crate::app::command::Command;
use crate::app::comparison::CompareView;
use crate::app::focus::{FocusRequest, grid_focus_id};
use crate::app::grid_model::{GridModel, GridRow, RowMap};
use crate::app::layout::{GridView, Layout};
use crate::app::selection::GridSelection;
use crate::mark::Marked;
use crate::model::{KsbRef, ModuleStatus, Project};
use crate::suggest::Suggestions;

use super::review_marks;
use super::theme;

mod access;
mod changes;
mod drop;
mod grid_state;
mod header;
mod module_cell;
mod outcomes;
mod sizing;
mod view;

pub use grid_state::GridState;
pub use sizing::ColumnSizes;

use view::view_mark;
pub use view::{legend_ui, view_note_ui};

pub const ROW_HEIGHT: f32 = 34.0;

/// What the grid shows, read-only: it changes the document and the selection only through
/// commands.
#[derive(Clone, Copy)]
pub struct GridData<'a> {
    pub project: &'a Project,
    pub analysis: &'a Analysis,
    pub suggestions: &'a Suggestions,
    pub grid: &'a GridModel,
    pub selection: &'a GridSelection,
    pub layout: &'a Layout,
    /// The compared copy, whose changed cells the grid marks.
    pub compare: Option<&'a CompareView>,
    /// False while a dialog or the modules editor is over the grid: a cell's tooltip would
    /// draw over the dialog, as egui keeps a tooltip open while the pointer rests in place.
    pub tooltips: bool,
}

struct GridDelegate<'a> {
    tooltips: bool,
    project: &'a Project,
    analysis: &'a Analysis,
    suggestions: &'a Suggestions,
    grid: &'a GridModel,
    selection: &'a GridSelection,
    layout: &'a Layout,
    compare: Option<&'a CompareView>,
    /// The rows drawn: modules, and the outcomes of the expanded ones.
    rows: RowMap,
    /// The focused cell's widget, once drawn: the grid's active descendant.
    focused_cell: Option<egui::Id>,
    sizes: ColumnSizes,
    state: &'a mut GridState,
    focus: &'a mut FocusRequest,
    commands: &'a mut Vec<Command>,
}

pub fn grid_ui(
    ui: &mut egui::Ui,
    data: &GridData<'_>,
    state: &mut GridState,
    focus: &mut FocusRequest,
    commands: &mut Vec<Command>,
) {
    let GridData { project, grid, .. } = *data;
    if project.modules.is_empty() || grid.columns.is_empty() {
        view::empty_ui(ui, project);
        return;
    }
    let focus_resp = grid_focus_ui(ui, data.selection, focus, commands);
    let rows = row_map(project, grid, state);
    access::grid_node(&focus_resp, rows.len(), grid.rows(), grid.columns.len());
    let sizes = ColumnSizes::of(data.layout.compact, ui.available_width());
    let mut columns = Vec::with_capacity(grid.columns.len() + 1);
    // Titles are truncated to the module column; the user may widen it.
    let module_column = egui::Id::unique("module-column");
    columns.push(
        Column::new(sizes.module)
            .id(module_column)
            .range(sizing::module_range(ui.available_width()))
            .resizable(true),
    );
    columns.extend(std::iter::repeat_n(
        Column::new(sizes.ksb).range(sizes.ksb..=sizes.ksb).resizable(false),
        grid.columns.len(),
    ));
    let mut groups = Vec::with_capacity(grid.groups.len() + 1);
    groups.push(0..1);
    groups.extend(grid.groups.iter().map(|g| g.columns.start + 1..g.columns.end + 1));

    let mut table = Table::new()
        .id_salt(sizes.table_salt())
        .num_rows(rows.len() as u64)
        .columns(columns)
        .num_sticky_cols(1)
        .headers([HeaderRow { height: 22.0, groups }, HeaderRow::new(36.0)]);
    if let Some(to) = state.scroll_to.take() {
        if let Some(r) = to.row {
            table = table.scroll_to_row(rows.row_of_module(r) as u64, Some(egui::Align::Center));
        }
        if let Some(c) = to.col {
            table = table.scroll_to_column(c + 1, Some(egui::Align::Center));
        }
    }
    let mut delegate = GridDelegate {
        tooltips: data.tooltips,
        project,
        analysis: data.analysis,
        suggestions: data.suggestions,
        grid,
        selection: data.selection,
        layout: data.layout,
        compare: data.compare,
        rows,
        focused_cell: None,
        sizes,
        state,
        focus,
        commands,
    };
    // The cells' nodes are the grid's children, so a screen reader finds them in its table.
    let in_grid = egui::UiBuilder::new().accessibility_parent(focus_resp.id);
    ui.scope_builder(in_grid, |ui| {
        // A table with no stored state lays out every cell of every column once to size them,
        // and asks for a second pass: most of the first frame on 600 × 120. These columns have
        // set widths, so an empty state skips it.
        let id = table.get_id(ui);
        if egui_table::TableState::load(ui.ctx(), id).is_none() {
            egui_table::TableState::default().store(ui.ctx(), id);
        }
        table.show(ui, &mut delegate);
        // The module column's resize handle, which egui_table leaves with no role or name.
        ui.ctx()
            .accesskit_node_builder(id.with(module_column).with("resize"), |node| {
                node.set_role(egui::Role::Splitter);
                node.set_label("Module column width");
            });
    });
    if let Some(cell) = delegate.focused_cell.filter(|_| focus_resp.has_focus()) {
        access::focus_cell(ui.ctx(), focus_resp.id, cell);
    }
    if focus_resp.has_focus() {
        // The focus ring: the whole grid is one keyboard stop.
        // Outside the grid, in the panel's margin, so it never covers the first pixels of
        // the module names.
        ui.ctx().layer_painter(ui.layer_id()).rect_stroke(
            focus_resp.rect.expand(2.0),
            3.0,
            ui.visuals().selection.stroke,
            StrokeKind::Outside,
        );
    }
}

/// The grid's rows; the outcomes of the modules `state.expanded` names follow them.
fn row_map(project: &Project, grid: &GridModel, state: &GridState) -> RowMap {
    if state.expanded.is_empty() {
        return RowMap::Modules(grid.rows());
    }
    let counts: Vec<usize> = project
        .modules
        .iter()
        .take(grid.rows())
        .map(|m| m.outcomes.len())
        .collect();
    RowMap::new(&counts, |i| {
        project.modules.get(i).is_some_and(|m| state.expanded.contains(&m.code))
    })
}

/// The grid's one keyboard stop, under the cells so clicks still reach them. While it has
/// focus, arrows move the focused cell rather than egui's focus.
fn grid_focus_ui(
    ui: &mut egui::Ui,
    selection: &GridSelection,
    focus: &mut FocusRequest,
    commands: &mut Vec<Command>,
) -> egui::Response {
    let id = grid_focus_id();
    let resp = ui.interact(ui.available_rect_before_wrap(), id, Sense::focusable_noninteractive());
    if *focus == FocusRequest::Grid {
        resp.request_focus();
        *focus = FocusRequest::None;
    }
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            id,
            egui::EventFilter {
                horizontal_arrows: true,
                vertical_arrows: true,
                ..Default::default()
            },
        )
    });
    // With the keyboard and no cell yet (Tab or F6 just came here), the first cell: F6's
    // focus lands between frames, where egui never reports it gained.
    if resp.has_focus() && selection.focused.is_none() {
        commands.push(Command::Select {
            row: 0,
            col: 0,
            extend: false,
        });
        // Drawn at once, so a screen reader hears the first cell, not only the grid.
        ui.ctx().request_repaint();
    }
    resp
}

impl GridDelegate<'_> {
    /// `resp`'s tooltip, unless a dialog is over the grid.
    fn hover_ui(&self, resp: egui::Response, add: impl FnOnce(&mut egui::Ui, &Self)) -> egui::Response {
        if self.tooltips {
            resp.on_hover_ui(|ui| add(ui, self))
        } else {
            resp
        }
    }

    fn highlighted(&self, row: Option<usize>, col: Option<usize>) -> bool {
        let Some(target) = &self.state.highlight else {
            return false;
        };
        let module = |code: &str| row.is_some_and(|r| self.project.modules.get(r).is_some_and(|m| m.code == code));
        let ksb = |k: &crate::model::KsbRef| col.is_some_and(|c| self.grid.columns.get(c).is_some_and(|x| &x.ksb == k));
        match target {
            Target::Module(code) => module(code) && col.is_none(),
            Target::Ksb(k) => ksb(k) && row.is_none(),
            Target::Cell { module: m, ksb: k } => module(m) && ksb(k),
            Target::Duty(d) => {
                col.is_some_and(|c| {
                    self.grid.columns.get(c).is_some_and(|x| {
                        x.ksb.standard == d.standard
                            && self.project.duty(d).is_some_and(|duty| duty.ksbs.contains(&x.ksb.code))
                    })
                }) && row.is_none()
            }
            _ => false,
        }
    }

    fn ksb_cell_ui(&mut self, ui: &mut egui::Ui, row_nr: u64, row: usize, col: usize, table_id: egui::Id) {
        let rect = ui.max_rect();
        let v = ui.visuals().clone();
        let Some(column) = self.grid.columns.get(col) else {
            return;
        };
        let mark = self.analysis.matrix.cell(row, column.index);
        let painter = ui.painter();
        let view = self.layout.grid_view;
        if let (Some(mark), false) = (mark, view == GridView::Covered) {
            view_mark(painter, rect, &v, mark, view);
        } else if let Some(mark) = mark {
            painter.rect_filled(rect.shrink(1.0), 2.0, theme::coverage(&v, mark.coverage));
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                mark.coverage.mark().letter,
                FontId::monospace(13.0),
                theme::on_fill(&v),
            );
            if mark.annotated {
                painter.circle_filled(rect.right_top() + egui::vec2(-6.0, 6.0), 2.5, theme::on_fill(&v));
            }
        } else {
            if column.state == KsbState::Uncovered && column.needed {
                painter.rect_filled(rect.shrink(1.0), 0.0, theme::none(&v).gamma_multiply(0.18));
            }
            if self.suggestions.get(row, &column.ksb).is_some() {
                super::suggestions::paint_suggested(painter, rect, &v);
            }
        }
        painter.line_segment(
            [rect.right_top(), rect.right_bottom()],
            Stroke::new(0.5, v.widgets.noninteractive.bg_stroke.color),
        );
        painter.line_segment(
            [rect.left_bottom(), rect.right_bottom()],
            Stroke::new(0.5, v.widgets.noninteractive.bg_stroke.color),
        );
        let cell_marks = changes::CellMarks {
            change: self.compare.and_then(|c| c.cell(row, column.index)),
            review: mark.is_some_and(|m| m.review),
            conflict: self.grid.conflicts.contains(&(row, col)),
        };
        changes::paint_marks(painter, rect, &v, cell_marks);
        if self.highlighted(Some(row), Some(col))
            || self.highlighted(None, Some(col))
            || self.highlighted(Some(row), None)
        {
            painter.rect_stroke(
                rect.shrink(1.0),
                2.0,
                Stroke::new(2.0, theme::highlight(&v)),
                StrokeKind::Inside,
            );
        }
        if self.selection.focused == Some((row, col)) {
            painter.rect_stroke(
                rect.shrink(0.5),
                2.0,
                Stroke::new(2.5, v.strong_text_color()),
                StrokeKind::Inside,
            );
        } else if self.selection.is_range() && self.selection.contains(row, col) {
            painter.rect_filled(rect.shrink(1.0), 2.0, v.selection.bg_fill.gamma_multiply(0.45));
        }
        // Over the focus ring, so a focused commented cell still shows it.
        let comments = self.grid.comments.cell(row, col);
        if let Some(mark) = comments {
            // Top right: a compared copy's badge sits top left.
            review_marks::paint_comment_mark(painter, rect.shrink(1.0), &v, mark, review_marks::Corner::RightTop);
        }

        // Cells take clicks but not keyboard focus: Tab reaches the grid as one stop.
        let resp = ui.interact(rect, table_id.with(("cell", row, col)), Sense::CLICK);
        self.accept_on_cell(ui, rect, row, col);
        let (Some(m), Some(ksb)) = (self.project.modules.get(row), self.grid.columns.get(col)) else {
            return;
        };
        let (module, ksb) = (m.code.clone(), ksb.ksb.clone());
        let marks = access::CellMarks {
            assessed: mark.is_some_and(|m| m.assessed),
            comments: comments.map(|mark| (mark, self.grid.comments.cell_open(row, col))),
            change: cell_marks.change,
            conflict: cell_marks.conflict,
            suggested: self.suggestions.get(row, &ksb).is_some(),
        };
        let focused = self.selection.focused == Some((row, col));
        let place = access::Place {
            row: row_nr as usize + 1,
            col: col + 1,
        };
        let selected = focused || (self.selection.is_range() && self.selection.contains(row, col));
        access::cell_node(&resp, egui::Role::GridCell, place, selected, || {
            access::cell_name(self.project, m, &ksb, &column.code, marks)
        });
        if focused {
            self.focused_cell = Some(resp.id);
        }
        self.cell_clicks(ui, &resp, row, col, &module, &ksb);
        let suggestion = self.suggestions.get(row, &ksb);
        let resp = self.hover_ui(resp, |ui, me| match suggestion {
            Some(s) => super::suggestions::suggestion_tooltip_ui(ui, me.project, s),
            None => me.cell_tooltip_ui(ui, &module, &ksb),
        });
        let in_range = self.selection.is_range() && self.selection.contains(row, col);
        resp.context_menu(|ui| {
            if let Some(s) = suggestion.filter(|_| !in_range) {
                super::suggestions::suggestion_menu_ui(ui, self.project, s, self.commands);
            }
            super::grid_cell_menu::cell_menu_ui(ui, self.project, &module, &ksb, in_range, self.commands)
        });
    }

    /// A click focuses the cell (to read or edit it in the inspector); a click on the focused
    /// cell cycles it; Shift+click spans a rectangle. Looking at a cell never changes it.
    fn cell_clicks(
        &mut self,
        ui: &egui::Ui,
        resp: &egui::Response,
        row: usize,
        col: usize,
        module: &str,
        ksb: &KsbRef,
    ) {
        if resp.clicked() || resp.secondary_clicked() {
            *self.focus = FocusRequest::Grid;
            crate::app::focus::arm_grid_keys(ui.ctx());
        }
        let select = |extend| Command::Select { row, col, extend };
        if resp.clicked() && ui.input(|i| i.modifiers.shift) {
            // Nothing is changed yet: F, P or Delete then set the whole rectangle.
            self.commands.push(select(true));
        } else if resp.clicked() {
            let focused = self.selection.focused == Some((row, col)) && !self.selection.is_range();
            self.commands.push(select(false));
            if focused {
                // What is typed next after a click that makes the cell partial goes to its
                // reason. (Space in the grid keeps cycling, so it does not move the keyboard.)
                let reason = cell_edits::cycle_wants_reason(self.project, module, ksb);
                self.commands.push(Command::CycleCell {
                    module: module.to_string(),
                    ksb: ksb.clone(),
                });
                if reason {
                    self.commands.push(Command::FocusReason);
                }
            }
        } else if resp.secondary_clicked() && !self.selection.contains(row, col) {
            self.commands.push(select(false));
        }
    }
}

impl TableDelegate for GridDelegate<'_> {
    fn header_cell_ui(&mut self, ui: &mut egui::Ui, cell: &HeaderCellInfo) {
        self.header_ui(ui, cell);
    }

    fn cell_ui(&mut self, ui: &mut egui::Ui, cell: &CellInfo) {
        let Some(grid_row) = self.rows.get(cell.row_nr as usize) else {
            return;
        };
        let row = grid_row.module();
        if row >= self.grid.rows() {
            return;
        }
        match (grid_row, cell.col_nr) {
            (GridRow::Module(_), 0) => self.module_cell_ui(ui, cell.row_nr, row, cell.table_id),
            (GridRow::Module(_), c) => self.ksb_cell_ui(ui, cell.row_nr, row, c - 1, cell.table_id),
            (GridRow::Outcome { outcome, .. }, 0) => self.outcome_header_ui(ui, row, outcome, cell.table_id),
            (GridRow::Outcome { outcome, .. }, c) => {
                self.outcome_cell_ui(ui, (cell.row_nr, row, outcome), c - 1, cell.table_id)
            }
        }
        // While one route is shown, the optional modules it does not take fade.
        if let (Some(route), Some(m)) = (&self.state.route, self.project.modules.get(row))
            && m.status == ModuleStatus::Optional
            && !route.contains(&m.code)
        {
            let fade = ui.visuals().panel_fill.gamma_multiply(0.75);
            ui.painter().rect_filled(ui.max_rect(), 0.0, fade);
        }
    }

    fn row_ui(&mut self, ui: &mut egui::Ui, row_nr: u64) {
        let module = self.rows.get(row_nr as usize).and_then(|r| match r {
            GridRow::Module(m) => Some(m),
            GridRow::Outcome { .. } => None,
        });
        if self.selection.focused.is_some_and(|(r, _)| Some(r) == module) {
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, ui.visuals().faint_bg_color);
        }
    }

    fn default_row_height(&self) -> f32 {
        ROW_HEIGHT
    }
}
