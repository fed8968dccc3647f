//! Preferences kept between runs in the user's config folder: the panel layout.

use std::path::PathBuf;

use super::layout::Layout;

/// `$XDG_CONFIG_HOME/htq-mapper` (or `~/.config/htq-mapper`).
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .map(|d| d.join("htq-mapper"))
}

#[derive(Default)]
pub struct Prefs {
    /// Where the layout is stored; `None` keeps it in memory only (tests).
    store: Option<PathBuf>,
    saved: Option<Layout>,
}

impl Prefs {
    pub fn in_memory() -> Self {
        Self::default()
    }

    pub fn from_config_dir() -> Self {
        Self {
            store: config_dir().map(|d| d.join("layout.ron")),
            saved: None,
        }
    }

    /// The stored layout; the default when there is none or it cannot be read.
    pub fn load(&mut self) -> Layout {
        let layout = self
            .store
            .as_deref()
            .and_then(|p| crate::fsio::read_text(p).ok())
            .and_then(|t| ron::from_str::<Layout>(&t).ok())
            .unwrap_or_default();
        self.saved = Some(layout.clone());
        layout
    }

    /// Stores the layout if it changed. A preference is a convenience: failing to store it
    /// must not disturb the user's work.
    pub fn save(&mut self, layout: &Layout) {
        if self.saved.as_ref() == Some(layout) {
            return;
        }
        self.saved = Some(layout.clone());
        let Some(store) = &self.store else { return };
        if let Some(dir) = store.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(text) = crate::store::to_ron(layout) {
            let _ = crate::store::write_atomic(store, text.as_bytes(), false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layout_survives_a_restart_and_a_broken_file_falls_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("htq-mapper").join("layout.ron");
        let mut prefs = Prefs {
            store: Some(store.clone()),
            saved: None,
        };
        assert_eq!(prefs.load(), Layout::default());
        let layout = Layout {
            show_coverage: false,
            standards_share: Some(0.2),
            compact: true,
            gaps_only: true,
            ..Layout::default()
        };
        prefs.save(&layout);
        let mut again = Prefs {
            store: Some(store.clone()),
            saved: None,
        };
        assert_eq!(again.load(), layout);
        std::fs::write(&store, "not ron (").unwrap();
        assert_eq!(again.load(), Layout::default());
    }
}
