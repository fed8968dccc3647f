//! After the project changes: the analysis, the sign-off's state, the suggestions, the
//! grid's columns and the comparison are worked out again, once per frame's edits; and
//! the window's title follows the file and whether it is saved.

use crate::analysis::{self, Analysis};
use crate::model::Project;
use crate::revision::versions::{VersionCheck, catalogue_versions};
use crate::suggest::Suggestions;

use super::HtqApp;
use super::grid_model::GridModel;

impl HtqApp {
    /// Reruns the analysis and rebuilds the grid model after the project changed.
    pub(super) fn refresh(&mut self) {
        self.views_at = self.doc.generation();
        self.analysis = analyse_with_versions(self.doc.project(), &mut self.versions);
        self.finding_groups = analysis::group_findings(self.doc.project(), &self.analysis);
        self.sign_off = super::ui::sign_off::SignOffSummary::of(self.doc.project());
        self.refresh_suggestions();
        self.refresh_grid();
        self.refresh_comparison();
    }

    /// Recomputes the suggestions, or drops them while they are switched off.
    pub(super) fn refresh_suggestions(&mut self) {
        self.suggestions = if self.state.layout.show_suggestions {
            self.suggester.suggest(self.doc.project(), &Default::default())
        } else {
            Suggestions::default()
        };
    }

    /// The Knowledge, Skills and Behaviours toggles act on the grid as on the standards list:
    /// its columns are built again when they change.
    pub(super) fn follow_kind_filter(&mut self) {
        if self.state.standards.kinds != self.grid.kinds {
            self.refresh_grid();
        }
    }

    /// The KSB of the grid's column `c` as it shows now (filters and all).
    pub fn grid_column_ksb(&self, c: usize) -> Option<crate::model::KsbRef> {
        self.grid.columns.get(c).map(|col| col.ksb.clone())
    }

    /// Rebuilds the grid's columns (after an edit, or the gaps-only or kind filter changed).
    pub(super) fn refresh_grid(&mut self) {
        // The selection follows its KSBs, not column numbers, when columns come and go.
        let ksb_at = |p: Option<(usize, usize)>, grid: &GridModel| {
            p.and_then(|(r, c)| Some((r, grid.columns.get(c)?.ksb.clone())))
        };
        let current = ksb_at(self.state.selection.focused, &self.grid);
        // A cell that stood in for one a filter hid gives the keyboard back to it, unless the
        // keyboard moved on meanwhile.
        let selected = match (self.state.hidden_focus.take(), self.state.stand_in.take()) {
            (Some(hidden), Some(stand_in)) if current.as_ref() == Some(&stand_in) => Some(hidden),
            (hidden, _) => current.or(hidden),
        };
        let anchor = ksb_at(self.state.selection.anchor, &self.grid);
        let kinds = self.state.standards.kinds;
        self.grid = GridModel::build_of_kinds(&self.analysis, self.state.layout.gaps_only, kinds)
            .with_comments(self.doc.project())
            .with_conflicts(self.doc.project());
        let rows = self.grid.rows();
        let place = |p: Option<(usize, crate::model::KsbRef)>, grid: &GridModel| {
            p.and_then(|(r, k)| Some((r, grid.column_of(&k)?)).filter(|&(r, _)| r < rows))
        };
        let before = self.state.selection.focused;
        let cols = self.grid.columns.len();
        if cols == 0 {
            // Nothing to focus now; the cell is focused again when its column comes back.
            self.state.hidden_focus = selected.clone();
        }
        // A focused KSB whose column went (covered in the gaps-only view, or filtered out)
        // hands the keyboard to the column now in its place, so it stays on a named cell.
        let generation = self.doc.generation();
        let view_change = self.state.grid_built_at.is_none_or(|g| g == generation);
        self.state.grid_built_at = Some(generation);
        let placed = place(selected.clone(), &self.grid);
        let focused = placed.or_else(|| {
            before
                .filter(|&(r, _)| r < rows && cols > 0)
                .map(|(r, c)| (r, c.min(cols - 1)))
        });
        // Only a filter or view hides a cell for a while; an edit that covered a gap in the
        // gaps-only view moves the work on to the stand-in.
        if placed.is_none() && cols > 0 && view_change {
            // Remembered, so showing the column again brings the keyboard back to it.
            self.state.hidden_focus = selected;
            self.state.stand_in = ksb_at(focused, &self.grid);
        }
        self.state.selection.focused = focused;
        self.state.selection.anchor = place(anchor, &self.grid).filter(|_| focused.is_some());
        // Columns came or went before it: the focused cell is brought into view, so what a
        // key acts on next is on screen.
        if focused.is_some() && focused != before {
            self.state.grid.scroll_to = focused.map(|(r, c)| super::selection::ScrollTarget {
                row: Some(r),
                col: Some(c),
            });
        }
    }
}

/// The coverage analysis, with the findings about the standards' versions as of today (the
/// catalogue is read again only when a standard changed).
pub(super) fn analyse_with_versions(project: &Project, versions: &mut VersionCheck) -> Analysis {
    let mut a = analysis::analyse(project);
    let found = versions.update(project, crate::model::IsoDate::today(), catalogue_versions);
    a.add_findings(found.to_vec());
    a
}

impl HtqApp {
    /// The window's title: unsaved mark, file, programme; and the same for screen readers.
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let mark = if self.doc.is_dirty() { "* " } else { "" };
        let title = format!(
            "{mark}{} — {} — HTQ Mapper",
            self.doc.display_name(),
            self.doc.project().programme.title
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        // A screen reader reads the window by its AccessKit root, not the title bar.
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |n| n.set_label(self.title.as_str()));
    }
}
