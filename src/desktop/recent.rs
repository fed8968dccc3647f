//! The recent-files list the Linux desktop shares: `$XDG_DATA_HOME/recently-used.xbel`, which
//! GTK and KDE file choosers and file managers read. Adding a project puts one `<bookmark>`
//! for it there (replacing the one it had) and leaves every other byte of the file as it was;
//! a file that does not read as that list is left alone.

use std::path::{Path, PathBuf};

use crate::error::{Error, InputError};

/// The project type the package's MIME XML declares; the desktop shows the list by type.
pub const PROJECT_MIME_TYPE: &str = "application/x-htq-mapper-project";
/// A list bigger than this is not one a desktop keeps; it is left alone.
const MAX_LIST_BYTES: u64 = 16 * 1024 * 1024;

/// The shared list's path, where the platform has one (Linux and the BSDs); macOS and Windows
/// keep recent documents through their own calls, which are the app's to make.
pub fn list_path(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    if cfg!(any(windows, target_os = "macos")) {
        return None;
    }
    crate::store::places::data_home(var).map(|d| d.join("recently-used.xbel"))
}

/// Records that `project` was opened or saved now, by HTQ Mapper.
pub fn add(list: &Path, project: &Path) -> crate::Result<()> {
    let project = std::path::absolute(project).map_err(|e| Error::io(project, e))?;
    let now = crate::model::now_stamp();
    let text = match std::fs::metadata(list) {
        Ok(m) if m.len() > MAX_LIST_BYTES => {
            return Err(InputError::new(list, "is too big to be a recent-files list").into());
        }
        Ok(_) => std::fs::read_to_string(list).map_err(|e| Error::io(list, e))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => EMPTY_LIST.to_string(),
        Err(e) => return Err(Error::io(list, e)),
    };
    let updated = with_bookmark(&text, &file_uri(&project), &now)
        .map_err(|why| InputError::new(list, why).hint("it is left as it was"))?;
    if let Some(dir) = list.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    crate::store::write_atomic(list, updated.as_bytes(), false)
}

const EMPTY_LIST: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<xbel version=\"1.0\"\n      \
xmlns:bookmark=\"http://www.freedesktop.org/standards/desktop-bookmarks\"\n      \
xmlns:mime=\"http://www.freedesktop.org/standards/shared-mime-info\"\n>\n</xbel>\n";

/// The list with `uri`'s bookmark replaced by a fresh one (its first `added` kept), just
/// before `</xbel>`; or why the text is not a list to change.
fn with_bookmark(text: &str, uri: &str, now: &str) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut old: Option<(usize, usize, Option<String>)> = None;
    let mut close = None;
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| format!("is not XML: {e}"))?;
        match event {
            Event::Start(e) if depth == 1 && e.name().as_ref() == "bookmark" => {
                let href = attribute(&e, "href");
                let added = attribute(&e, "added");
                reader.read_to_end(e.name()).map_err(|e| format!("is not XML: {e}"))?;
                let after = reader.buffer_position() as usize;
                if old.is_none() && href.is_some_and(|h| same_file(&h, uri)) {
                    old = Some((before, after, added));
                }
            }
            Event::Empty(e) if depth == 1 && e.name().as_ref() == "bookmark" => {
                let after = reader.buffer_position() as usize;
                if old.is_none() && attribute(&e, "href").is_some_and(|h| same_file(&h, uri)) {
                    old = Some((before, after, attribute(&e, "added")));
                }
            }
            Event::Start(e) => {
                if depth == 0 && e.name().as_ref() != "xbel" {
                    return Err("is not a recent-files list (no <xbel>)".into());
                }
                depth += 1;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && e.name().as_ref() == "xbel" {
                    close = Some(before);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let close = close.ok_or("is not a recent-files list (no </xbel>)")?;
    let added = old
        .as_ref()
        .and_then(|(_, _, a)| a.clone())
        .unwrap_or_else(|| now.to_string());
    let bookmark = bookmark(uri, &added, now);
    let mut out = String::with_capacity(text.len() + bookmark.len());
    match old {
        // Drop the old entry with the line it stood on, then add the new one at the end.
        Some((start, end, _)) => {
            let start = text
                .get(..start)
                .map_or(start, |t| t.trim_end_matches([' ', '\t']).len());
            let end = if text.get(end..end + 1) == Some("\n") {
                end + 1
            } else {
                end
            };
            out.push_str(text.get(..start).unwrap_or_default());
            out.push_str(text.get(end..close).unwrap_or_default());
        }
        None => out.push_str(text.get(..close).unwrap_or_default()),
    }
    out.push_str(&bookmark);
    out.push_str(text.get(close..).unwrap_or_default());
    Ok(out)
}

fn attribute(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

fn bookmark(uri: &str, added: &str, now: &str) -> String {
    use quick_xml::escape::escape;
    format!(
        "  <bookmark href=\"{uri}\" added=\"{added}\" modified=\"{now}\" visited=\"{now}\">\n    \
         <info>\n      <metadata owner=\"http://freedesktop.org\">\n        \
         <mime:mime-type type=\"{PROJECT_MIME_TYPE}\"/>\n        <bookmark:applications>\n          \
         <bookmark:application name=\"HTQ Mapper\" exec=\"{exec}\" modified=\"{now}\" count=\"1\"/>\n        \
         </bookmark:applications>\n      </metadata>\n    </info>\n  </bookmark>\n",
        uri = escape(uri),
        added = escape(added),
        exec = escape("'htq-mapper %u'"),
    )
}

/// `file:///…` with the bytes GLib escapes percent-encoded, so the entry matches the one a GTK
/// program writes for the same file.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for &b in path_bytes(path).iter() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().replace('\\', "/").into_bytes()
}

/// Two URIs name the same file when they decode to the same bytes (escaping may differ).
fn same_file(a: &str, b: &str) -> bool {
    fn decode(s: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(s.len());
        let mut rest = s.as_bytes();
        while let Some((&c, tail)) = rest.split_first() {
            let escaped = tail
                .get(..2)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match (c, escaped) {
                (b'%', Some(v)) => {
                    out.push(v);
                    rest = tail.get(2..).unwrap_or_default();
                }
                _ => {
                    out.push(c);
                    rest = tail;
                }
            }
        }
        out
    }
    decode(a) == decode(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GTK_LIST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xbel version="1.0"
      xmlns:bookmark="http://www.freedesktop.org/standards/desktop-bookmarks"
      xmlns:mime="http://www.freedesktop.org/standards/shared-mime-info"
>
  <bookmark href="file:///home/a/notes%20one.txt" added="2026-01-02T10:00:00.000000Z" modified="2026-01-02T10:00:00.000000Z" visited="2026-01-02T10:00:00.000000Z">
    <info>
      <metadata owner="http://freedesktop.org">
        <mime:mime-type type="text/plain"/>
        <bookmark:applications>
          <bookmark:application name="gedit" exec="&apos;gedit %u&apos;" modified="2026-01-02T10:00:00Z" count="1"/>
        </bookmark:applications>
      </metadata>
    </info>
  </bookmark>
  <bookmark href="file:///home/a/plan%20%C3%A9.ron" added="2025-05-05T09:00:00Z" modified="2025-05-05T09:00:00Z" visited="2025-05-05T09:00:00Z">
    <info><metadata owner="http://freedesktop.org"><mime:mime-type type="text/plain"/></metadata></info>
  </bookmark>
</xbel>
"#;

    #[test]
    fn a_project_replaces_its_own_entry_and_keeps_everyone_elses() {
        let uri = file_uri(Path::new("/home/a/plan é.ron"));
        assert_eq!(uri, "file:///home/a/plan%20%C3%A9.ron");
        let out = with_bookmark(GTK_LIST, &uri, "2026-12-06T11:00:00Z").unwrap();
        // gedit's entry is untouched, byte for byte.
        let gedit_start = GTK_LIST.find("  <bookmark href=\"file:///home/a/notes").unwrap();
        let gedit_end = GTK_LIST.find("  <bookmark href=\"file:///home/a/plan").unwrap();
        assert!(out.contains(&GTK_LIST[gedit_start..gedit_end]), "{out}");
        // One entry for the project, keeping when it was first added, now HTQ Mapper's.
        assert_eq!(out.matches("plan%20%C3%A9.ron").count(), 1, "{out}");
        assert!(
            out.contains("added=\"2025-05-05T09:00:00Z\" modified=\"2026-12-06T11:00:00Z\""),
            "{out}"
        );
        assert!(out.contains("type=\"application/x-htq-mapper-project\""), "{out}");
        assert!(out.contains("exec=\"&apos;htq-mapper %u&apos;\""), "{out}");
        assert!(out.ends_with("  </bookmark>\n</xbel>\n"), "{out}");
        // Adding it again still leaves one entry for it.
        let again = with_bookmark(&out, &uri, "2026-12-06T12:00:00Z").unwrap();
        assert_eq!(again.matches("<bookmark ").count(), 2, "{again}");
    }

    #[test]
    fn a_new_list_is_made_and_a_foreign_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("share").join("recently-used.xbel");
        add(&list, Path::new("/tmp/p&q.ron")).unwrap();
        let text = std::fs::read_to_string(&list).unwrap();
        assert!(text.starts_with("<?xml"), "{text}");
        assert!(text.contains("href=\"file:///tmp/p&amp;q.ron\""), "{text}");
        for (bad, why) in [
            ("not xml <<", "not"),
            ("<html></html>", "no <xbel>"),
            ("<xbel><bookmark href=\"x\">", "not XML"),
        ] {
            std::fs::write(&list, bad).unwrap();
            let e = add(&list, Path::new("/tmp/p.ron")).unwrap_err().to_string();
            assert!(e.contains(why), "{bad}: {e}");
            assert_eq!(std::fs::read_to_string(&list).unwrap(), bad, "left as it was");
        }
    }

    #[test]
    fn escaping_differences_still_name_the_same_file() {
        assert!(same_file("file:///a/b%20c", "file:///a/b%20c"));
        assert!(same_file("file:///a/%41", "file:///a/A"));
        assert!(!same_file("file:///a/b", "file:///a/c"));
        assert!(same_file("file:///a/100%", "file:///a/100%"), "a stray % is a byte");
    }

    #[test]
    fn the_list_is_in_the_data_folder_on_linux() {
        let env = |name: &str| (name == "XDG_DATA_HOME").then(|| "/d".into());
        if cfg!(any(windows, target_os = "macos")) {
            assert_eq!(list_path(env), None);
        } else {
            assert_eq!(list_path(env), Some(PathBuf::from("/d/recently-used.xbel")));
        }
    }
}
