//! One app per user and display: `htq-mapper FILE` started while the app runs hands FILE to
//! the running app over a local socket, so a project double-clicked twice opens once, in the
//! window that has it. Where there is no such socket (Windows, or no `$XDG_RUNTIME_DIR`),
//! nothing is handed over and each file opens in a process and window of its own: never lost.
//!
//! The wire: the client sends the file's absolute path as a 4-byte big-endian length and its
//! bytes; the app answers one byte, `1`, once it has taken the path. No answer in time means
//! the client opens the file itself.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a client waits for the running app to take a file before opening it itself.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(2);
/// Longer than any path a platform allows; a longer message is not a path and is refused.
const MAX_PATH_BYTES: u32 = 64 * 1024;

/// The socket for this user and display: `$XDG_RUNTIME_DIR/htq-mapper-DISPLAY.sock`. The
/// runtime folder is the user's own (mode 0700), so no other user can listen there; without
/// it there is no socket, rather than one in a shared folder such as /tmp.
pub fn socket_path(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let runtime = var("XDG_RUNTIME_DIR").filter(|v| !v.is_empty())?;
    let display = var("WAYLAND_DISPLAY")
        .filter(|v| !v.is_empty())
        .or_else(|| var("DISPLAY"))
        .unwrap_or_default();
    let display: String = display
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    Some(PathBuf::from(runtime).join(format!("htq-mapper-{display}.sock")))
}

/// Hands `file` to the app listening at `socket`. `Ok(true)`: the app took it, so this
/// process has nothing more to do. `Ok(false)`: no app took it; open it here.
pub fn hand_off(socket: &Path, file: &Path) -> std::io::Result<bool> {
    let file = std::path::absolute(file)?;
    imp::hand_off(socket, &file)
}

/// The running app's end: listens at the socket and passes each file handed over to `on_file`
/// on a thread of its own, which the app turns into an open (and a repaint).
pub struct Listener {
    #[cfg(unix)]
    inner: std::os::unix::net::UnixListener,
    path: PathBuf,
}

/// What [`Listener::bind`] found.
pub enum Bound {
    /// This process listens now.
    Listening(Listener),
    /// Another app already listens there: hand files to it.
    AlreadyRunning,
}

impl Listener {
    /// Takes the socket, replacing one left by an app that has gone.
    pub fn bind(path: &Path) -> std::io::Result<Bound> {
        imp::bind(path)
    }

    /// Serves hand-offs until the process ends; `on_file` gets each absolute path.
    pub fn serve(self, on_file: impl FnMut(PathBuf) + Send + 'static) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || imp::serve(&self, on_file))
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
mod imp {
    use std::io::{Read, Write};
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    use std::os::unix::net::{UnixListener, UnixStream};
    use std::path::{Path, PathBuf};

    use super::{ANSWER_WITHIN, Bound, Listener, MAX_PATH_BYTES};

    pub fn hand_off(socket: &Path, file: &Path) -> std::io::Result<bool> {
        let Ok(mut stream) = UnixStream::connect(socket) else {
            return Ok(false);
        };
        stream.set_read_timeout(Some(ANSWER_WITHIN))?;
        stream.set_write_timeout(Some(ANSWER_WITHIN))?;
        let bytes = file.as_os_str().as_bytes();
        let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        if len > MAX_PATH_BYTES {
            return Ok(false);
        }
        stream.write_all(&len.to_be_bytes())?;
        stream.write_all(bytes)?;
        let mut answer = [0u8; 1];
        Ok(stream.read_exact(&mut answer).is_ok() && answer == [1])
    }

    pub fn bind(path: &Path) -> std::io::Result<Bound> {
        match UnixListener::bind(path) {
            Ok(inner) => Ok(Bound::Listening(Listener {
                inner,
                path: path.to_path_buf(),
            })),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                if UnixStream::connect(path).is_ok() {
                    return Ok(Bound::AlreadyRunning);
                }
                // Nobody answers: the socket was left by an app that ended without removing it.
                std::fs::remove_file(path)?;
                let inner = UnixListener::bind(path)?;
                Ok(Bound::Listening(Listener {
                    inner,
                    path: path.to_path_buf(),
                }))
            }
            Err(e) => Err(e),
        }
    }

    pub fn serve(listener: &Listener, mut on_file: impl FnMut(PathBuf)) {
        for stream in listener.inner.incoming() {
            let Ok(mut stream) = stream else { continue };
            if let Some(file) = receive(&mut stream) {
                on_file(file);
                let _ = stream.write_all(&[1]);
            }
        }
    }

    /// One handed-over path, or None for anything that is not one (a client that stalls, a
    /// length past any path, a relative path).
    fn receive(stream: &mut UnixStream) -> Option<PathBuf> {
        stream.set_read_timeout(Some(ANSWER_WITHIN)).ok()?;
        let mut len = [0u8; 4];
        stream.read_exact(&mut len).ok()?;
        let len = u32::from_be_bytes(len);
        if len == 0 || len > MAX_PATH_BYTES {
            return None;
        }
        let mut bytes = vec![0u8; len as usize];
        stream.read_exact(&mut bytes).ok()?;
        let path = PathBuf::from(std::ffi::OsString::from_vec(bytes));
        path.is_absolute().then_some(path)
    }
}

#[cfg(not(unix))]
mod imp {
    use std::path::{Path, PathBuf};

    use super::{Bound, Listener};

    pub fn hand_off(_socket: &Path, _file: &Path) -> std::io::Result<bool> {
        Ok(false)
    }

    pub fn bind(_path: &Path) -> std::io::Result<Bound> {
        Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "no local socket here: each file opens in its own window",
        ))
    }

    pub fn serve(_listener: &Listener, _on_file: impl FnMut(PathBuf)) {}
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::Write;
    use std::sync::mpsc;

    #[test]
    fn a_second_open_reaches_the_running_app_once() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("app.sock");
        let Bound::Listening(listener) = Listener::bind(&socket).unwrap() else {
            panic!("nothing listens yet");
        };
        assert!(matches!(Listener::bind(&socket).unwrap(), Bound::AlreadyRunning));
        let (tx, rx) = mpsc::channel();
        listener.serve(move |p| tx.send(p).unwrap());
        let file = dir.path().join("plan é.ron");
        assert!(hand_off(&socket, &file).unwrap());
        assert_eq!(rx.recv_timeout(ANSWER_WITHIN).unwrap(), file);
        // A relative path is sent as the absolute one the client meant.
        let cwd = std::env::current_dir().unwrap();
        assert!(hand_off(&socket, Path::new("p.ron")).unwrap());
        assert_eq!(rx.recv_timeout(ANSWER_WITHIN).unwrap(), cwd.join("p.ron"));
    }

    #[test]
    fn nobody_listening_means_open_it_here_and_a_stale_socket_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("app.sock");
        assert!(!hand_off(&socket, Path::new("/x.ron")).unwrap());
        // A socket file left by an app that ended (its listener gone, the file kept).
        let left = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        drop(left);
        assert!(socket.exists());
        assert!(!hand_off(&socket, Path::new("/x.ron")).unwrap());
        assert!(matches!(Listener::bind(&socket).unwrap(), Bound::Listening(_)));
    }

    #[test]
    fn what_is_not_a_path_is_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("app.sock");
        let Bound::Listening(listener) = Listener::bind(&socket).unwrap() else {
            panic!("nothing listens yet");
        };
        let (tx, rx) = mpsc::channel();
        listener.serve(move |p| tx.send(p).unwrap());
        for message in [&u32::MAX.to_be_bytes()[..], &[0, 0, 0, 3, b'a', b'/', b'b'][..]] {
            let mut s = std::os::unix::net::UnixStream::connect(&socket).unwrap();
            s.write_all(message).unwrap();
        }
        assert!(hand_off(&socket, Path::new("/ok.ron")).unwrap());
        assert_eq!(rx.recv_timeout(ANSWER_WITHIN).unwrap(), PathBuf::from("/ok.ron"));
        assert!(rx.try_recv().is_err(), "only the real path arrived");
    }

    #[test]
    fn the_socket_is_per_user_and_display_and_never_in_a_shared_folder() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.into())
        };
        assert_eq!(
            socket_path(env(&[("XDG_RUNTIME_DIR", "/run/user/1000"), ("DISPLAY", ":0")])),
            Some(PathBuf::from("/run/user/1000/htq-mapper-_0.sock"))
        );
        assert_eq!(
            socket_path(env(&[
                ("XDG_RUNTIME_DIR", "/run/user/1000"),
                ("WAYLAND_DISPLAY", "wayland-0")
            ])),
            Some(PathBuf::from("/run/user/1000/htq-mapper-wayland-0.sock"))
        );
        assert_eq!(socket_path(env(&[("DISPLAY", ":0")])), None);
    }
}
