//! Whether rfd's desktop file dialog can open here, decided without opening one.
//!
//! On Linux and the BSDs rfd asks the xdg-desktop-portal's FileChooser over the session
//! D-Bus and falls back to `zenity`; with neither it returns `None`, just as if the user had
//! cancelled. So the app checks for them first. Windows and macOS always have a dialog.

use std::ffi::OsStr;
use std::path::Path;

/// What `HTQ_FILE_DIALOG` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Always the app's own dialog.
    Builtin,
    /// The desktop's dialog without probing (the app's own still opens if it fails at once).
    Native,
    /// Probe for the desktop's dialog.
    Detect,
}

pub const ENV: &str = "HTQ_FILE_DIALOG";

pub fn choice_from_env() -> Choice {
    parse_choice(std::env::var_os(ENV).as_deref())
}

fn parse_choice(value: Option<&OsStr>) -> Choice {
    match value.and_then(OsStr::to_str).map(str::trim) {
        Some(v) if v.eq_ignore_ascii_case("builtin") => Choice::Builtin,
        Some(v) if v.eq_ignore_ascii_case("native") => Choice::Native,
        _ => Choice::Detect,
    }
}

/// Whether the desktop's file dialog can open.
#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
pub fn available() -> bool {
    portal_available() || on_path("zenity", std::env::var_os("PATH").as_deref())
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
)))]
pub fn available() -> bool {
    true
}

/// An executable file called `name` in one of `path`'s folders.
pub fn on_path(name: &str, path: Option<&OsStr>) -> bool {
    let Some(path) = path else { return false };
    std::env::split_paths(path).any(|dir| is_executable(&dir.join(name)))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// A session bus that has the portal's FileChooser.
#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
fn portal_available() -> bool {
    let address = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").filter(|a| !a.is_empty());
    // libdbus, which rfd loads, also finds the bus at $XDG_RUNTIME_DIR/bus.
    let socket = std::env::var_os("XDG_RUNTIME_DIR").map(|d| Path::new(&d).join("bus"));
    if address.is_none() && !socket.is_some_and(|s| s.exists()) {
        return false;
    }
    // Asking also starts the portal if the bus activates it. Without a tool to ask with,
    // trust the bus; a dialog that then fails at once still falls back.
    ask_bus_for_file_chooser().unwrap_or(true)
}

/// Reads the FileChooser's version with the first D-Bus tool found; `None` with no tool.
#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
fn ask_bus_for_file_chooser() -> Option<bool> {
    const DEST: &str = "org.freedesktop.portal.Desktop";
    const OBJECT: &str = "/org/freedesktop/portal/desktop";
    const IFACE: &str = "org.freedesktop.portal.FileChooser";
    let asks: [(&str, Vec<&str>); 3] = [
        (
            "dbus-send",
            vec![
                "--session",
                "--print-reply",
                "--reply-timeout=3000",
                "--dest=org.freedesktop.portal.Desktop",
                OBJECT,
                "org.freedesktop.DBus.Properties.Get",
                "string:org.freedesktop.portal.FileChooser",
                "string:version",
            ],
        ),
        (
            "gdbus",
            vec![
                "call",
                "--session",
                "--timeout=3",
                "--dest",
                DEST,
                "--object-path",
                OBJECT,
                "--method",
                "org.freedesktop.DBus.Properties.Get",
                IFACE,
                "version",
            ],
        ),
        (
            "busctl",
            vec!["--user", "--timeout=3", "get-property", DEST, OBJECT, IFACE, "version"],
        ),
    ];
    asks.iter().find_map(|(tool, args)| {
        std::process::Command::new(tool)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()
            .map(|s| s.success())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_variable_forces_either_dialog() {
        assert_eq!(parse_choice(Some(OsStr::new("builtin"))), Choice::Builtin);
        assert_eq!(parse_choice(Some(OsStr::new(" Native "))), Choice::Native);
        assert_eq!(parse_choice(Some(OsStr::new("zenity"))), Choice::Detect);
        assert_eq!(parse_choice(None), Choice::Detect);
    }

    #[cfg(unix)]
    #[test]
    fn finds_only_executables_on_the_path() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let tool = dir.path().join("zenity");
        std::fs::write(&tool, "#!/bin/sh\n").unwrap();
        let path = std::env::join_paths([Path::new("/nonexistent"), dir.path()]).unwrap();
        assert!(!on_path("zenity", Some(&path)), "not executable yet");
        std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(on_path("zenity", Some(&path)));
        assert!(!on_path("zenity", Some(OsStr::new("/nonexistent"))));
        assert!(!on_path("zenity", None));
    }
}
