//! Reading users' files: only regular files, never more than a fixed number of bytes, decoded
//! once; and what kind of input a file is, decided once for the CLI, File > Import and drops.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, InputError, Result};

/// Files larger than this are refused, so a wrong file cannot exhaust memory.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a user's file whole. Refuses folders, devices, sockets and (but for the command line)
/// pipes at once, and stops reading past [`MAX_INPUT_BYTES`] whatever the file's metadata
/// claims (`/dev/zero` says 0).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let readable = meta.is_file() || (is_pipe(&meta) && PIPES.load(Ordering::Relaxed));
    if !readable {
        return Err(InputError::new(path, format!("is {}, not a file", special_kind(&meta)))
            .hint("choose a saved file")
            .into());
    }
    let too_big = || too_big_to_read(path).hint("check that this is the file you meant");
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_big().into());
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big().into());
    }
    Ok(bytes)
}

/// Whether [`read_bounded`] reads pipes: the command line does (`check /dev/stdin`, or a
/// shell's `<(git show main:p.ron)`), the app never, as a pipe with no writer would hang it.
static PIPES: AtomicBool = AtomicBool::new(false);

/// Lets [`read_bounded`] read pipes, still bounded in size: for the command line only.
pub fn read_pipes() {
    PIPES.store(true, Ordering::Relaxed);
}

fn is_pipe(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// The one message for a file over [`MAX_INPUT_BYTES`], read or written.
fn too_big_to_read(path: &Path) -> InputError {
    InputError::new(
        path,
        format!("is more than the {} MB this tool reads", MAX_INPUT_BYTES / 1_000_000),
    )
}

/// Refuses to write a file of `len` bytes that [`read_bounded`] would refuse to read back, so
/// nothing this tool writes is a file it cannot open.
pub fn check_writable_size(path: &Path, len: usize) -> Result<()> {
    if len as u64 > MAX_INPUT_BYTES {
        return Err(too_big_to_read(path)
            .hint(format!(
                "nothing was written: it would be {} MB; split the programme, or shorten its longest texts",
                len / 1_000_000
            ))
            .into());
    }
    Ok(())
}

/// What a path that is not a regular file is, in words.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    "not a regular file"
}

/// Reads a user's text file: bounded in size, UTF-8 or UTF-16 with a byte-order mark.
/// A path's file name for messages and titles; the whole path when it has none (`/`, `..`).
pub fn file_name(path: &Path) -> String {
    match path.file_name() {
        Some(n) => n.to_string_lossy().into_owned(),
        None => path.display().to_string(),
    }
}

pub fn read_text(path: &Path) -> Result<String> {
    decode_text(path, read_bounded(path)?)
}

/// Turns bytes into text. A UTF-8 BOM is dropped; UTF-16 with a BOM (Excel's "Unicode text")
/// is decoded; anything else must be UTF-8, and the first bad byte is located.
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if let Some(text) = decode_utf16(path, &bytes)? {
        return Ok(text);
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            Ok(s)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let (line, column) = line_column(bytes.get(..valid).unwrap_or_default());
            let looks_binary = bytes.iter().take(4096).any(|&b| b == 0);
            let message = if looks_binary {
                "is a binary file, not text"
            } else {
                "is not valid UTF-8 text"
            };
            Err(InputError::new(path, message)
                .at(line, column)
                .hint(utf8_hint(path))
                .into())
        }
    }
}

/// How to save `path` as UTF-8: from Excel for a table, else from the editor that changed it
/// (a project or standard is written as UTF-8, so another encoding came from an editor).
fn utf8_hint(path: &Path) -> &'static str {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("csv" | "tsv") => "save the file as UTF-8 text (in Excel: Save As → CSV UTF-8)",
        _ => "open the file in a text editor and save it with the encoding UTF-8",
    }
}

/// UTF-16 text told by its byte-order mark, or `None` when there is no such mark.
fn decode_utf16(path: &Path, bytes: &[u8]) -> Result<Option<String>> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return Ok(None),
    };
    let units = bytes.get(2..).unwrap_or_default().chunks(2).map(|pair| match pair {
        [a, b] if little => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        // An odd last byte cannot be UTF-16; let the decoder report it.
        _ => 0xD800,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let (mut line, mut column) = (1, 1);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                text.push(c);
                if c == '\n' {
                    (line, column) = (line + 1, 1);
                } else {
                    column += 1;
                }
            }
            Err(_) => {
                return Err(
                    InputError::new(path, "is not valid UTF-16 text, though it starts like it")
                        .at(line, column)
                        .hint(utf8_hint(path))
                        .into(),
                );
            }
        }
    }
    Ok(Some(text))
}

/// 1-based line and column (in characters) at the end of `prefix`.
pub fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = prefix.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(prefix.get(start..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    (line, column)
}

/// How a table's bytes are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    /// A workbook: .xlsx, .xlsm, .xlsb, .xls or .ods.
    Spreadsheet,
}

impl TableFormat {
    /// By the file's extension: workbooks by theirs, anything else is read as CSV.
    pub fn of(path: &Path) -> TableFormat {
        match extension(path).as_str() {
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => TableFormat::Spreadsheet,
            _ => TableFormat::Csv,
        }
    }
}

/// What a file given to HTQ Mapper is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// An HTQ Mapper project (RON with a `format_version`).
    Project,
    /// A standard: IfATE page text, IfATE API JSON, or a standard saved as RON.
    Standard,
    /// A module list or a mapping matrix: which one is told from its header once read.
    Table(TableFormat),
}

impl InputKind {
    /// Decides from the extension where it is decisive (tables), else from the first bytes.
    pub fn detect(path: &Path, bytes: &[u8]) -> InputKind {
        match extension(path).as_str() {
            "csv" | "tsv" => return InputKind::Table(TableFormat::Csv),
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => return InputKind::Table(TableFormat::Spreadsheet),
            _ => {}
        }
        // Enough of the start to see a RON project's header past a comment or two.
        let head = bytes.get(..4096).unwrap_or(bytes);
        let head = String::from_utf8_lossy(head);
        let start = head.trim_start_matches('\u{feff}').trim_start();
        let ron = start.starts_with('(') || start.starts_with("Project(") || start.starts_with("//");
        if ron && head.contains("format_version") {
            InputKind::Project
        } else {
            InputKind::Standard
        }
    }
}

/// A user's file, read once, with its kind.
#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    pub kind: InputKind,
    pub bytes: Vec<u8>,
}

impl Input {
    pub fn read(path: &Path) -> Result<Input> {
        let bytes = read_bounded(path)?;
        Ok(Input {
            path: path.to_path_buf(),
            kind: InputKind::detect(path, &bytes),
            bytes,
        })
    }

    /// The file as text, decoded as [`decode_text`] does.
    pub fn into_text(self) -> Result<String> {
        decode_text(&self.path, self.bytes)
    }
}

/// The extension in lower case, or "".
fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input_error(e: Error) -> InputError {
        match e {
            Error::Input(e) => e,
            other => panic!("expected an input error, got {other}"),
        }
    }

    #[test]
    fn invalid_utf8_is_located() {
        let e = input_error(decode_text(Path::new("x.txt"), b"ok\nab\xff".to_vec()).unwrap_err());
        assert_eq!((e.line, e.column), (Some(2), Some(3)));
        assert!(e.to_string().starts_with("x.txt:2:3: is not valid UTF-8"));
        let e = input_error(decode_text(Path::new("m.csv"), b"ab\xff".to_vec()).unwrap_err());
        assert!(e.to_string().contains("CSV UTF-8"), "{e}");
        // A project is not a spreadsheet: no Excel advice for it.
        let e = input_error(decode_text(Path::new("p.ron"), b"ab\xff".to_vec()).unwrap_err());
        assert!(!e.to_string().contains("Excel"), "{e}");
        assert!(e.to_string().contains("text editor"), "{e}");
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode_text(Path::new("x"), b"\xef\xbb\xbfK1".to_vec()).unwrap(), "K1");
    }

    #[test]
    fn utf16_with_a_bom_decodes_both_ways() {
        let text = "code,title\nHSC401,Santé\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode_text(Path::new("x.csv"), le).unwrap(), text);
        assert_eq!(decode_text(Path::new("x.csv"), be).unwrap(), text);
        // A lone surrogate on line 2 is reported there.
        let mut bad = vec![0xFF, 0xFE, b'a', 0, b'\n', 0, b'b', 0];
        bad.extend([0x00, 0xD8, b'c', 0]);
        let e = input_error(decode_text(Path::new("x.csv"), bad).unwrap_err());
        assert_eq!((e.line, e.column), (Some(2), Some(2)));
    }

    #[test]
    fn special_files_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let e = input_error(read_bounded(dir.path()).unwrap_err());
        assert!(e.message.contains("a folder"), "{e}");
        #[cfg(unix)]
        {
            let e = input_error(read_bounded(Path::new("/dev/zero")).unwrap_err());
            assert!(e.message.contains("a device"), "{e}");
            // Only the command line reads pipes; the app (which never calls `read_pipes`)
            // refuses them at once rather than hang on one with no writer.
            let fifo = dir.path().join("p.ron");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                let e = input_error(read_bounded(&fifo).unwrap_err());
                assert!(e.message.contains("a pipe"), "{e}");
            }
        }
    }

    #[test]
    fn kinds_are_told_once_from_extension_or_content() {
        let kind = |name: &str, text: &str| InputKind::detect(Path::new(name), text.as_bytes());
        assert_eq!(kind("m.CSV", "code,title"), InputKind::Table(TableFormat::Csv));
        assert_eq!(kind("m.xlsx", ""), InputKind::Table(TableFormat::Spreadsheet));
        assert_eq!(kind("p.ron", "(\n  format_version: 2,"), InputKind::Project);
        assert_eq!(kind("p.txt", "\u{feff}(format_version: 2)"), InputKind::Project);
        assert_eq!(kind("s.ron", "(reference: \"ST0215\","), InputKind::Standard);
        assert_eq!(kind("s.json", "{\"referenceNumber\": \"ST0215\"}"), InputKind::Standard);
        assert_eq!(kind("Sé1234.json", "[]"), InputKind::Standard);
        assert_eq!(kind("page.txt", "Assistant practitioner (health)"), InputKind::Standard);
    }
}
