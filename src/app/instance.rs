//! One app per user and display: `htq-mapper FILE`, run while the app is open (a second
//! double-click on the shared drive), hands FILE to this app, which opens it here when nothing
//! is unsaved, and otherwise in a window of its own, so no work and no file is lost.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};

use crate::desktop::instance::{Bound, Listener, hand_off, socket_path};

use super::HtqApp;
use super::command::Command;

/// Set in a process that must open its file itself (a new window for a busy app).
const NO_HAND_OFF: &str = "HTQ_MAPPER_NO_HAND_OFF";

/// Gives `file` to an app already running for this user and display; true when it took it.
pub fn handed_to_running_app(file: &Path) -> bool {
    if std::env::var_os(NO_HAND_OFF).is_some() {
        return false;
    }
    let Some(socket) = socket_path(crate::store::places::env) else {
        return false;
    };
    hand_off(&socket, file).unwrap_or(false)
}

/// Files handed over by later `htq-mapper FILE` runs, and the context to wake when one comes.
pub struct HandedFiles {
    files: Receiver<PathBuf>,
    pub wake: Arc<Mutex<Option<egui::Context>>>,
}

/// Listens for files handed over, when this is the first app on the display.
pub fn listen() -> Option<HandedFiles> {
    let socket = socket_path(crate::store::places::env)?;
    let Ok(Bound::Listening(listener)) = Listener::bind(&socket) else {
        return None;
    };
    let (send, files) = channel();
    let wake: Arc<Mutex<Option<egui::Context>>> = Arc::default();
    let waker = Arc::clone(&wake);
    serve(listener, move |path| {
        let _ = send.send(path);
        if let Ok(ctx) = waker.lock()
            && let Some(ctx) = ctx.as_ref()
        {
            ctx.request_repaint();
        }
    });
    Some(HandedFiles { files, wake })
}

fn serve(listener: Listener, on_file: impl FnMut(PathBuf) + Send + 'static) {
    // The thread lives as long as the process; the socket goes with the listener at exit.
    drop(listener.serve(on_file));
}

impl HtqApp {
    /// Opens the files handed over since the last frame.
    pub(super) fn take_handed_files(&mut self, ctx: &egui::Context) {
        let Some(handed) = &self.handed else { return };
        let files: Vec<PathBuf> = handed.files.try_iter().collect();
        for path in files {
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
            let same = |p: &Path| p.canonicalize().ok() == path.canonicalize().ok();
            if self.doc.path().is_some_and(same) {
                self.last_action = format!("{} is open here", crate::fsio::file_name(&path));
            } else if !self.doc.is_dirty() {
                self.commands.push(Command::OpenPath(path));
            } else {
                // This window's work is unsaved: the other file gets a window of its own.
                let opened = std::env::current_exe()
                    .and_then(|exe| std::process::Command::new(exe).arg(&path).env(NO_HAND_OFF, "1").spawn());
                let name = crate::fsio::file_name(&path);
                self.last_action = match opened {
                    Ok(_) => format!("Opened {name} in a new window: this one has unsaved changes"),
                    Err(e) => format!("Could not open {name} in a new window: {e}"),
                };
            }
        }
    }
}
