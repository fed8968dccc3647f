//! The recent-files list, kept in the user's config folder.

use std::path::{Path, PathBuf};

const MAX: usize = 8;

#[derive(Default)]
pub struct RecentFiles {
    /// Where the list is stored; `None` keeps it in memory only (tests).
    store: Option<PathBuf>,
    pub files: Vec<PathBuf>,
}

impl RecentFiles {
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// The list in `$XDG_CONFIG_HOME/htq-mapper/recent.ron` (or `~/.config/…`).
    pub fn from_config_dir() -> Self {
        let store = super::prefs::config_dir().map(|d| d.join("recent.ron"));
        let files = store
            .as_deref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|t| ron::from_str::<Vec<PathBuf>>(&t).ok())
            .unwrap_or_default();
        Self { store, files }
    }

    pub fn add(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.files.retain(|p| p != &path);
        self.files.insert(0, path.clone());
        self.files.truncate(MAX);
        self.persist();
        // The desktop's own list too (GTK and KDE show it), unless this list is a test's.
        if self.store.is_some()
            && let Some(list) = crate::desktop::recent::list_path(crate::store::places::env)
        {
            let _ = crate::desktop::recent::add(&list, &path);
        }
    }

    pub fn remove(&mut self, path: &Path) {
        self.files.retain(|p| p != path);
        self.persist();
    }

    fn persist(&self) {
        // The list is a convenience: failing to store it must not disturb the user's work.
        let Some(store) = &self.store else { return };
        if let Some(dir) = store.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(text) = crate::store::to_ron(&self.files) {
            let _ = crate::store::write_atomic(store, text.as_bytes(), false);
        }
    }
}
