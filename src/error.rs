//! Errors that reach a user: each names the file, the place in it, and what to do.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem with something a user gave us, located as precisely as the format allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// What the user can do about it.
    pub hint: Option<String>,
}

impl InputError {
    pub fn new(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self {
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, ":{l}:{c}")?,
            (Some(l), None) => write!(f, ":{l}")?,
            _ => {}
        }
        write!(f, ": {}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl Error {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Files larger than this are refused before reading, so a wrong file cannot exhaust memory.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a user's file whole, refusing a folder or one too large to be what they meant.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(InputError::new(path, "is a folder, not a file").into());
    }
    if meta.len() > MAX_INPUT_BYTES {
        let message = format!(
            "is {} MB, more than the {} MB this tool reads",
            meta.len() / 1_000_000,
            MAX_INPUT_BYTES / 1_000_000
        );
        return Err(InputError::new(path, message)
            .hint("check that this is the file you meant")
            .into());
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Reads a user's text file: bounded in size, valid UTF-8 (a BOM is dropped), CRLF kept as is.
pub fn read_text(path: &Path) -> Result<String> {
    decode_text(path, read_bounded(path)?)
}

/// Turns bytes into text, naming the line and column of the first invalid byte.
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let (line, column) = line_column(&bytes[..valid]);
            let looks_binary = bytes.iter().take(4096).any(|&b| b == 0);
            let message = if looks_binary {
                "is a binary file, not text".to_string()
            } else {
                "is not valid UTF-8 text".to_string()
            };
            Err(InputError::new(path, message)
                .at(line, column)
                .hint("save the file as UTF-8 text (in Excel: Save As → CSV UTF-8)")
                .into())
        }
    }
}

/// 1-based line and column (in characters) at the end of `prefix`.
pub fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = prefix.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&prefix[start..]).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode_text(Path::new("x.txt"), b"ok\nab\xff".to_vec()).unwrap_err();
        let Error::Input(e) = err else { panic!("wrong error") };
        assert_eq!((e.line, e.column), (Some(2), Some(3)));
        assert!(e.to_string().starts_with("x.txt:2:3: is not valid UTF-8"));
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode_text(Path::new("x"), b"\xef\xbb\xbfK1".to_vec()).unwrap(), "K1");
    }
}
