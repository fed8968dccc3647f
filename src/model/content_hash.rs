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
    for k in &s.ksbs {
        out.push_str(&k.code.to_string());
        out.push('\t');
        push_normal(&mut out, &k.text);
        out.push('\n');
    }
    for d in &s.duties {
        out.push_str(d.code.trim());
        out.push('\t');
        out.push_str(if d.core { "core" } else { "option" });
        out.push('\t');
        push_normal(&mut out, &d.text);
        out.push('\t');
        let codes: Vec<String> = d.ksbs.iter().map(ToString::to_string).collect();
        out.push_str(&codes.join(" "));
        out.push('\n');
    }
    out
}

fn push_normal(out: &mut String, text: &str) {
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            out.push(' ');
        }
        out.push_str(word);
        first = false;
    }
}

/// The hash in lowercase hex (64 characters).
pub fn of(s: &Standard) -> String {
    hex(&Sha256::digest(canonical(s).as_bytes()))
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
        let mut renamed = standard("Know the law");
        renamed.title = "Another title".into();
        renamed.ksbs[0].guid = None;
        assert_eq!(of(&a), of(&renamed));
    }
}
