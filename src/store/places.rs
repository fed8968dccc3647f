//! The platform's folders for a user's application data and settings. Each takes the
//! environment as a lookup, so tests can give any platform's variables.

use std::ffi::OsString;
use std::path::PathBuf;

/// Where a user's application data goes: `$XDG_DATA_HOME` wherever it is set, else
/// `~/.local/share`, `~/Library/Application Support` on macOS, `%LOCALAPPDATA%` on Windows
/// (which has no HOME, so files kept there would otherwise land in a temporary folder).
pub fn data_home(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let var = non_empty(var);
    if let Some(dir) = var("XDG_DATA_HOME") {
        return Some(dir);
    }
    if cfg!(windows) {
        return var("LOCALAPPDATA").or_else(|| var("APPDATA"));
    }
    let home = var("HOME")?;
    Some(if cfg!(target_os = "macos") {
        home.join("Library").join("Application Support")
    } else {
        home.join(".local").join("share")
    })
}

/// Where a user's settings go: `$XDG_CONFIG_HOME` wherever it is set, else `~/.config`,
/// `~/Library/Application Support` on macOS, `%APPDATA%` (roaming) on Windows.
pub fn config_home(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let var = non_empty(var);
    if let Some(dir) = var("XDG_CONFIG_HOME") {
        return Some(dir);
    }
    if cfg!(windows) {
        return var("APPDATA");
    }
    let home = var("HOME")?;
    Some(if cfg!(target_os = "macos") {
        home.join("Library").join("Application Support")
    } else {
        home.join(".config")
    })
}

/// The environment as it is, for [`data_home`] and [`config_home`].
pub fn env(name: &str) -> Option<OsString> {
    std::env::var_os(name)
}

/// An empty variable counts as unset, as the XDG base directory specification says.
fn non_empty(var: impl Fn(&str) -> Option<OsString>) -> impl Fn(&str) -> Option<PathBuf> {
    move |name| var(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.into())
    }

    #[test]
    fn an_explicit_xdg_folder_wins_and_an_empty_one_is_unset() {
        let set = [
            ("XDG_DATA_HOME", "/data"),
            ("XDG_CONFIG_HOME", "/config"),
            ("HOME", "/home/a"),
            ("LOCALAPPDATA", "C:/Local"),
            ("APPDATA", "C:/Roaming"),
        ];
        assert_eq!(data_home(env_of(&set)), Some(PathBuf::from("/data")));
        assert_eq!(config_home(env_of(&set)), Some(PathBuf::from("/config")));
        let plain = [
            ("XDG_DATA_HOME", ""),
            ("XDG_CONFIG_HOME", ""),
            ("HOME", "/home/a"),
            ("LOCALAPPDATA", "C:/Local"),
            ("APPDATA", "C:/Roaming"),
        ];
        let (data, config) = if cfg!(windows) {
            ("C:/Local", "C:/Roaming")
        } else if cfg!(target_os = "macos") {
            (
                "/home/a/Library/Application Support",
                "/home/a/Library/Application Support",
            )
        } else {
            ("/home/a/.local/share", "/home/a/.config")
        };
        assert_eq!(data_home(env_of(&plain)), Some(PathBuf::from(data)));
        assert_eq!(config_home(env_of(&plain)), Some(PathBuf::from(config)));
    }

    #[test]
    fn no_folder_is_made_up() {
        assert_eq!(data_home(env_of(&[])), None);
        assert_eq!(config_home(env_of(&[])), None);
    }
}
