//! A standard's content hash: SHA-256 of a canonical text of its duties and KSBs.
//!
//! The canonical text is one line per KSB (`K1\ttext`), then one per duty (`D1\tcore|option
//! \ttext\tK1 S2 …`), each text with its runs of white space made one space and trimmed, so
//! the same content gives the same hash whatever the source's line breaks. GUIDs, titles and
//! dates are not content: a version edited in place keeps them and changes its text.

use sha2::{Digest, Sha256};

use super::standard::Standard;

/// The canonical text that is hashed.
pub fn canonical(s: &Standard) -> String {
    let mut out = String::new();
    write_canonical(s, &mut |piece| out.push_str(piece));
    out
}

/// The canonical text, piece by piece, so the hash is made without holding it all.
fn write_canonical(s: &Standard, emit: &mut impl FnMut(&str)) {
    let mut line = String::new();
    for k in &s.ksbs {
        line.clear();
        line.push_str(&k.code.to_string());
        line.push('\t');
        push_normal(&mut line, &k.text);
        line.push('\n');
        emit(&line);
    }
    for d in &s.duties {
        line.clear();
        line.push_str(d.code.trim());
        line.push('\t');
        line.push_str(if d.core { "core" } else { "option" });
        line.push('\t');
        push_normal(&mut line, &d.text);
        line.push('\t');
        for (i, k) in d.ksbs.iter().enumerate() {
            if i > 0 {
                line.push(' ');
            }
            line.push_str(&k.to_string());
        }
        line.push('\n');
        emit(&line);
    }
}

/// Whether two standards have the same content, as their hashes would say. Copies that are
/// equal field for field (the usual case: a programme's copy of a catalogue version) are
/// known to be without hashing either.
pub fn same(a: &Standard, b: &Standard) -> bool {
    let equal = a.ksbs.len() == b.ksbs.len()
        && a.duties.len() == b.duties.len()
        && a.ksbs
            .iter()
            .zip(&b.ksbs)
            .all(|(x, y)| x.code == y.code && x.text == y.text)
        && a.duties
            .iter()
            .zip(&b.duties)
            .all(|(x, y)| x.code == y.code && x.core == y.core && x.text == y.text && x.ksbs == y.ksbs);
    equal || of(a) == of(b)
}

fn push_normal(out: &mut String, text: &str) {
    if is_normal(text) {
        out.push_str(text);
        return;
    }
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            out.push(' ');
        }
        out.push_str(word);
        first = false;
    }
}

/// Whether `text` is already as `push_normal` writes it: plain ASCII with single spaces and
/// nothing at either end. Nearly every statement is, and this test is far cheaper.
fn is_normal(text: &str) -> bool {
    let b = text.as_bytes();
    if !text.is_ascii() || b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut space = false;
    for &c in b {
        if c <= b' ' {
            if c != b' ' || space {
                return false;
            }
            space = true;
        } else {
            space = false;
        }
    }
    true
}

/// The hash in lowercase hex (64 characters).
pub fn of(s: &Standard) -> String {
    let mut h = Sha256::new();
    write_canonical(s, &mut |piece| h.update(piece.as_bytes()));
    hex(&h.finalize())
}

/// Bytes in lowercase hex, as every hash the project shows is written.
pub fn hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 15)]));
    }
    hex
}

const HEX: &[u8; 16] = b"0123456789abcdef";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Duty, Ksb, KsbCode, KsbKind};

    fn standard(text: &str) -> Standard {
        Standard {
            reference: "ST0001".into(),
            level: 5,
            ksbs: vec![Ksb {
                code: KsbCode::new(KsbKind::Knowledge, 1),
                text: text.into(),
                guid: Some("g".into()),
            }],
            duties: vec![Duty {
                code: "D1".into(),
                text: "Do it".into(),
                ksbs: vec![KsbCode::new(KsbKind::Knowledge, 1)],
                core: true,
                guid: None,
                options: Vec::new(),
            }],
            ..Standard::default()
        }
    }

    #[test]
    fn the_hash_is_stable_and_follows_content_not_spacing() {
        let a = standard("Know  the\n law");
        assert_eq!(canonical(&a), "K1\tKnow the law\nD1\tcore\tDo it\tK1\n");
        // SHA-256 of the canonical text above, as `printf 'K1\tKnow the law\nD1\tcore\tDo it\tK1\n' | sha256sum` gives it.
        assert_eq!(
            of(&a),
            "afba3bd0368ccdbeb5597ab166eed094eac1af4f3b10c1b06e3f75c93c6dd112"
        );
        assert_eq!(of(&a), of(&standard("Know the law")));
        assert_ne!(of(&a), of(&standard("Know the laws")));
        for spaced in [
            " Know the law",
            "Know the law ",
            "Know\tthe law",
            "Know the\u{a0}law",
            "Know\r\nthe law",
        ] {
            assert_eq!(canonical(&standard(spaced)), canonical(&a), "{spaced:?}");
        }
        let mut renamed = standard("Know the law");
        renamed.title = "Another title".into();
        renamed.ksbs[0].guid = None;
        assert_eq!(of(&a), of(&renamed));
        assert!(same(&a, &renamed) && same(&a, &standard("Know the  law")));
        assert!(!same(&a, &standard("Know the laws")));
        let mut optional = standard("Know the law");
        optional.duties[0].core = false;
        assert!(!same(&a, &optional));
    }
}
