//! The quality team's commands in the app: a folder opened as a portfolio (read on a thread),
//! and the catalogue updated from downloaded records, through the same core as the CLI.

use std::path::{Path, PathBuf};

use super::HtqApp;
use super::ui::portfolio_window::PortfolioView;
use crate::model::IsoDate;
use crate::portfolio::Portfolio;
use crate::revision::versions::VersionCheck;

impl HtqApp {
    /// Opens the window at once; the programmes are read and checked on a thread.
    pub(super) fn open_portfolio(&mut self, folder: PathBuf) {
        let (tx, rx) = std::sync::mpsc::channel();
        let paths = vec![folder.clone()];
        std::thread::spawn(move || {
            // The window may have closed meanwhile; then nobody waits for this.
            let _ = tx.send(Portfolio::open(&paths, IsoDate::today()));
        });
        self.last_action = format!("Reading the programmes in {}", folder.display());
        self.state.portfolio = Some(PortfolioView::loading(folder, rx));
    }

    /// Lays the records in `path` over the catalogue; the project's version findings follow.
    pub(super) fn update_catalogue(&mut self, path: &Path) {
        let Some(dir) = crate::catalogue::user::dir() else {
            self.fail(
                "Could not update the catalogue",
                "Neither XDG_DATA_HOME nor HOME names a folder to keep your catalogue in.",
            );
            return;
        };
        match crate::catalogue::update::update_from(&[path.to_path_buf()], &dir) {
            Ok((plan, _)) => {
                let lines = crate::catalogue::update::summary_lines(&plan);
                self.last_action = if lines.is_empty() {
                    format!(
                        "The catalogue already knew everything in {}",
                        crate::fsio::file_name(path)
                    )
                } else {
                    format!("Catalogue updated: {}", lines.join("; "))
                };
                // The versions are looked up again, so the findings know what is current now.
                self.versions = VersionCheck::default();
                self.refresh();
            }
            Err(e) => self.fail("Could not update the catalogue", e),
        }
    }
}
