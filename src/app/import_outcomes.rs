//! Module descriptors (CSV, a workbook or a Word module specification) imported into the open
//! project as one undoable edit, as `htq-mapper import-descriptors` does on the command line.

use std::path::Path;

use crate::model::Edit;

impl super::HtqApp {
    pub(super) fn import_descriptors(&mut self, path: &Path) {
        let name = crate::fsio::file_name(path);
        let title = format!("Could not import learning outcomes from {name}");
        let descriptors = match crate::import::descriptors::read(path) {
            Ok(d) => d,
            Err(e) => return self.fail(title, e),
        };
        let mut next = self.doc.project().clone();
        let mut modules = Vec::new();
        for d in descriptors {
            if let Err(e) = crate::import::descriptors::apply(&mut next, path, &d) {
                return self.fail(title, e);
            }
            modules.push(d.module);
        }
        let label = format!(
            "Import learning outcomes and assessments of {} from {name}",
            modules.join(", ")
        );
        let applied = self.doc.edit(Edit::Project(Box::new(next)), label);
        self.last_action = applied.message();
    }
}
