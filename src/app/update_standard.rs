//! Standards > Update to a newer version…: comparing a version with the project's copy, then
//! migrating the project to it as one undoable edit.

use std::collections::BTreeSet;
use std::path::Path;

use super::HtqApp;
use super::ui::update_dialog::UpdateDraft;
use crate::model::{KsbCode, Standard};

impl HtqApp {
    /// Reads one version of one of the project's standards and opens the update dialog on it.
    pub(super) fn compare_standard(&mut self, path: &Path) {
        let name = crate::fsio::file_name(path);
        let list = match crate::import::read_standards(path) {
            Ok(list) => list,
            Err(e) => return self.fail(format!("Could not read a standard from {name}"), e),
        };
        let mut list = list.into_iter();
        let (Some(first), None) = (list.next(), list.next()) else {
            return self.fail(
                "Could not compare the standard",
                format!("{name} does not hold exactly one standard: give a file with the one version to update to"),
            );
        };
        self.open_update(first.standard, &name);
    }

    /// Opens the update dialog on a version from the bundled catalogue (`ST0215@1.2`).
    pub(super) fn compare_catalogue_standard(&mut self, spec: &str) {
        match crate::catalogue::resolve(spec) {
            Some(standard) => self.open_update(standard, spec),
            None => self.fail(
                "Could not compare the standard",
                format!("{spec} is not in the bundled catalogue"),
            ),
        }
    }

    fn open_update(&mut self, standard: Standard, name: &str) {
        match UpdateDraft::new(self.doc.project(), standard) {
            Some(draft) => self.state.update = Some(draft),
            None => self.fail(
                "Could not compare the standard",
                format!(
                    "{name} is not a version of a standard this project aligns to ({})",
                    self.doc.project().programme.standards.join(", ")
                ),
            ),
        }
    }

    /// Moves the project to `standard`, dropping the reworded mappings in `drop`.
    pub(super) fn migrate_standard(&mut self, standard: Standard, drop: &BTreeSet<(String, KsbCode)>) {
        self.state.update = None;
        let mut next = self.doc.project().clone();
        let version = standard.version.clone().unwrap_or_else(|| "(no version)".into());
        let label = format!("Update {} to version {version}", standard.reference);
        match crate::revision::migrate_standard(&mut next, standard, drop) {
            Ok(record) => {
                self.edit(crate::model::Edit::Project(Box::new(next)), label);
                self.last_action = format!(
                    "{}: {} mappings carried, {} to review, {} dropped, {} new KSBs to map",
                    self.last_action,
                    record.carried,
                    record.review.len(),
                    record.dropped.len(),
                    record.added.len()
                );
            }
            Err(e) => self.fail("Could not update the standard", e),
        }
    }
}
