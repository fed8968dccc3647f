//! Sign-off: a SHA-256 hash of the mapping's canonical content, and whether it still holds.
//!
//! The canonical content is one line per item, in a fixed order: a header, the programme, each
//! option group, each module (by code), each mapping (by KSB, then module) and each aligned
//! standard (by reference, with its version and the hash of its duties and KSBs). Each item is
//! its JSON, so a field added later counts once it holds anything, and reordering modules or
//! mappings changes nothing. Comments, review statuses, sign-offs, dismissed suggestions and
//! the change log are not content. A sign-off keeps the lines it signed, so a stale one can
//! say what changed since, and anyone can check its hash against them.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::compare::{Comparison, FieldChange, FieldValue, StandardChange, StandardChanges, StandardId, compare};
use crate::model::{IsoDate, Mapping, Module, OptionGroup, Programme, Project, SignOff, hex};

const HEADER: &str = "htq-mapper sign-off content 1";

/// The canonical content of a project's mapping, one line per item.
pub fn canonical_lines(project: &Project) -> Vec<String> {
    let mut lines = Vec::with_capacity(4 + project.modules.len() + project.mappings.len());
    for_each_line(project, |l| lines.push(String::from_utf8_lossy(l).into_owned()));
    lines
}

/// Hands each canonical line (without its newline) to `f`, built in one reused buffer.
fn for_each_line(project: &Project, mut f: impl FnMut(&[u8])) {
    f(HEADER.as_bytes());
    let mut buf = Vec::with_capacity(512);
    let mut emit = |kind: &str, item: &dyn erased::Item| {
        buf.clear();
        buf.extend_from_slice(kind.as_bytes());
        buf.push(b' ');
        // Writing plain data to a Vec cannot fail; an empty object keeps the line's place.
        if item.write_json(&mut buf).is_err() {
            buf.truncate(kind.len() + 1);
            buf.extend_from_slice(b"{}");
        }
        f(&buf);
    };
    emit("programme", &project.programme);
    for g in &project.option_groups {
        emit("option_group", g);
    }
    let mut modules: Vec<&Module> = project.modules.iter().collect();
    if !modules.is_sorted_by(|a, b| a.code <= b.code) {
        modules.sort_by(|a, b| a.code.cmp(&b.code));
    }
    for m in modules {
        emit("module", m);
    }
    // In the mappings' own order, by KSB and then module; the list is kept so, and sorting
    // is only needed for a list that was not.
    let mut mappings: Vec<&Mapping> = project.mappings.iter().collect();
    if !mappings.is_sorted_by(|a, b| a.key() <= b.key()) {
        mappings.sort_by(|a, b| a.key().cmp(&b.key()));
    }
    for m in mappings {
        emit("mapping", m);
    }
    let mut stamps: Vec<StandardStamp> = project
        .standards
        .iter()
        .map(|s| StandardStamp {
            reference: s.reference.clone(),
            title: s.title.clone(),
            version: s.version.clone(),
            content_hash: s.compute_content_hash(),
        })
        .collect();
    stamps.sort_by(|a, b| a.reference.cmp(&b.reference));
    for s in &stamps {
        emit("standard", s);
    }
}

/// Serialising to JSON through a trait object, so one closure writes every kind of line.
mod erased {
    pub trait Item {
        fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
    }

    impl<T: serde::Serialize> Item for T {
        fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
            serde_json::to_writer(out, self)
        }
    }
}

/// A standard as the content names it: which one, which version, and its content's hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
struct StandardStamp {
    reference: String,
    title: String,
    version: Option<String>,
    content_hash: String,
}

/// SHA-256 of the lines, each ended by a newline, as 64 lowercase hex digits.
pub fn hash_lines(lines: &[String]) -> String {
    let mut h = Sha256::new();
    for l in lines {
        h.update(l.as_bytes());
        h.update(b"\n");
    }
    hex(&h.finalize())
}

/// The hash a sign-off of the project as it is now would carry: `hash_lines` of
/// `canonical_lines`, without keeping the lines.
pub fn content_hash(project: &Project) -> String {
    let mut h = Sha256::new();
    for_each_line(project, |l| {
        h.update(l);
        h.update(b"\n");
    });
    hex(&h.finalize())
}

/// A sign-off of the project as it is now, sealed by its record hash.
pub fn sign(project: &Project, name: &str, role: &str, date: IsoDate) -> SignOff {
    let content = canonical_lines(project);
    let mut s = SignOff {
        name: name.trim().to_string(),
        role: role.trim().to_string(),
        date,
        hash: hash_lines(&content),
        content,
        record_hash: String::new(),
    };
    s.record_hash = record_hash(&s);
    s
}

const RECORD_HEADER: &str = "htq-mapper sign-off record 1";

/// SHA-256 of the whole record: a header, then the name, role, date and content hash each as
/// a JSON string on its own line (so no text can pass for another field), then the content.
pub fn record_hash(s: &SignOff) -> String {
    let mut h = Sha256::new();
    h.update(RECORD_HEADER.as_bytes());
    h.update(b"\n");
    for field in [&s.name, &s.role, &s.date.to_string(), &s.hash] {
        h.update(serde_json::Value::from(field.as_str()).to_string().as_bytes());
        h.update(b"\n");
    }
    for l in &s.content {
        h.update(l.as_bytes());
        h.update(b"\n");
    }
    hex(&h.finalize())
}

/// Where the project's sign-off stands: the latest sign-off decides.
#[derive(Clone, Debug, PartialEq)]
pub enum SignOffState<'a> {
    Unsigned,
    /// The latest sign-off's hash is the content's now.
    Signed(&'a SignOff),
    /// The mapping changed after the latest sign-off; `changes` is what changed since, when
    /// the sign-off kept the content it signed.
    Stale {
        sign_off: &'a SignOff,
        changes: Option<Box<Comparison>>,
    },
}

impl SignOffState<'_> {
    pub fn is_signed(&self) -> bool {
        matches!(self, SignOffState::Signed(_))
    }
}

/// Where the project's sign-off stands.
pub fn state(project: &Project) -> SignOffState<'_> {
    if project.sign_offs.is_empty() {
        return SignOffState::Unsigned;
    }
    state_at(project, &content_hash(project))
}

/// Where the project's sign-off stands, given its `content_hash` already worked out.
pub fn state_at<'a>(project: &'a Project, hash_now: &str) -> SignOffState<'a> {
    let Some(latest) = project.sign_offs.last() else {
        return SignOffState::Unsigned;
    };
    if standing_at(project, hash_now) == Standing::Signed {
        SignOffState::Signed(latest)
    } else {
        SignOffState::Stale {
            sign_off: latest,
            changes: changes_since(latest, project).map(Box::new),
        }
    }
}

/// Where a sign-off stands, without what changed since: what a portfolio lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Unsigned,
    Signed,
    Stale,
}

impl Standing {
    /// `check --json`'s `sign_off.state`: `unsigned`, `signed` or `stale`.
    pub fn word(self) -> &'static str {
        match self {
            Standing::Unsigned => "unsigned",
            Standing::Signed => "signed",
            Standing::Stale => "stale",
        }
    }
}

/// Where the sign-off stands, given the `content_hash` worked out already; [`state_at`] says
/// the same and adds what changed.
pub fn standing_at(project: &Project, hash_now: &str) -> Standing {
    let Some(latest) = project.sign_offs.last() else {
        return Standing::Unsigned;
    };
    // A hash that matches only counts when the record proves itself: a record whose hash was
    // pasted over after an edit is stale, and its content shows the edit; one whose name,
    // date or content was edited or deleted does not count as signed.
    if hash_now == latest.hash && record_intact(latest) {
        Standing::Signed
    } else {
        Standing::Stale
    }
}

/// Where the sign-off stands: [`standing_at`] with the hash worked out here, only when signed.
pub fn standing(project: &Project) -> Standing {
    if project.sign_offs.is_empty() {
        return Standing::Unsigned;
    }
    standing_at(project, &content_hash(project))
}

/// Whether a sign-off record proves itself: its kept content gives its hash, and its record
/// hash covers its name, role, date and content (false when edited by hand, when it kept no
/// content, or when it predates the record hash).
pub fn record_intact(sign_off: &SignOff) -> bool {
    record_problem(sign_off).is_none()
}

/// Why a sign-off record does not prove itself, in words; `None` when it does.
///
/// A record made before the record hash was added (it has content and a matching hash, but no
/// `record_hash`) still loads and still says what changed since, but is not intact: nothing in
/// it shows whether its name, role or date was edited, and deleting a record hash must not be
/// a way to hide such an edit. Signing again seals it.
pub fn record_problem(sign_off: &SignOff) -> Option<&'static str> {
    if sign_off.content.is_empty() {
        return Some("the record kept none of the content it signed, so its hash cannot be checked");
    }
    if hash_lines(&sign_off.content) != sign_off.hash {
        return Some("the record was edited: the content it kept does not match its hash");
    }
    if sign_off.record_hash.is_empty() {
        return Some(
            "the record was made by an older HTQ Mapper and has no record hash, so an edit to its name, role or date would not show; sign off again to seal it",
        );
    }
    if record_hash(sign_off) != sign_off.record_hash {
        return Some("the record was edited: its name, role, date or content does not match its record hash");
    }
    None
}

/// What changed in `project` since `sign_off`, from the content it kept; `None` when it kept
/// none or the content cannot be read back.
pub fn changes_since(sign_off: &SignOff, project: &Project) -> Option<Comparison> {
    let signed = read_back(&sign_off.content)?;
    let mut now = project.clone();
    let standards_now: Vec<StandardStamp> = now
        .standards
        .drain(..)
        .map(|s| StandardStamp {
            content_hash: s.compute_content_hash(),
            reference: s.reference,
            title: s.title,
            version: s.version,
        })
        .collect();
    let mut comparison = compare(&signed.project, &now);
    comparison.standards = compare_stamps(&signed.standards, &standards_now);
    Some(comparison)
}

struct SignedContent {
    project: Project,
    standards: Vec<StandardStamp>,
}

fn read_back(lines: &[String]) -> Option<SignedContent> {
    let mut iter = lines.iter();
    if iter.next()? != HEADER {
        return None;
    }
    let mut programme: Option<Programme> = None;
    let mut groups: Vec<OptionGroup> = Vec::new();
    let mut modules: Vec<Module> = Vec::new();
    let mut mappings: Vec<Mapping> = Vec::new();
    let mut standards = Vec::new();
    for l in iter {
        let (kind, json) = l.split_once(' ')?;
        match kind {
            "programme" => programme = Some(serde_json::from_str(json).ok()?),
            "option_group" => groups.push(serde_json::from_str(json).ok()?),
            "module" => modules.push(serde_json::from_str(json).ok()?),
            "mapping" => mappings.push(serde_json::from_str(json).ok()?),
            "standard" => standards.push(serde_json::from_str(json).ok()?),
            _ => return None,
        }
    }
    let mut project = Project::new(programme?);
    project.option_groups = groups;
    project.modules = modules;
    project.mappings = crate::model::Mappings::from(mappings);
    Some(SignedContent { project, standards })
}

fn compare_stamps(a: &[StandardStamp], b: &[StandardStamp]) -> StandardChanges {
    let id = |s: &StandardStamp| StandardId {
        reference: s.reference.clone(),
        title: s.title.clone(),
        version: s.version.clone(),
    };
    let mut out = StandardChanges::default();
    for x in a {
        match b.iter().find(|y| y.reference == x.reference) {
            None => out.removed.push(id(x)),
            Some(y) => {
                let mut fields = Vec::new();
                let version = |v: &Option<String>| v.clone().map_or(FieldValue::None, FieldValue::Text);
                if x.version != y.version {
                    fields.push(FieldChange {
                        field: "version",
                        from: version(&x.version),
                        to: version(&y.version),
                    });
                }
                if x.content_hash != y.content_hash {
                    fields.push(FieldChange {
                        field: "content_hash",
                        from: FieldValue::Text(x.content_hash.clone()),
                        to: FieldValue::Text(y.content_hash.clone()),
                    });
                }
                if !fields.is_empty() {
                    // A sign-off records hashes, not statements: there is nothing to pair.
                    let (reference, title) = (y.reference.clone(), y.title.clone());
                    out.changed
                        .push(StandardChange::without_statements(reference, title, fields));
                }
            }
        }
    }
    out.added = b
        .iter()
        .filter(|y| !a.iter().any(|x| x.reference == y.reference))
        .map(id)
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comment, CommentTarget, Coverage, Thread};

    fn sample() -> Project {
        crate::sample::sample_project().unwrap()
    }

    #[test]
    fn the_hash_is_64_lowercase_hex_and_ignores_order_and_comments() {
        let p = sample();
        let h = content_hash(&p);
        assert_eq!(h, hash_lines(&canonical_lines(&p)), "streamed and kept lines agree");
        assert_eq!(h.len(), 64);
        assert!(
            h.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)),
            "{h}"
        );

        let mut reordered = p.clone();
        reordered.modules.reverse();
        let mut list: Vec<Mapping> = reordered.mappings.iter().cloned().collect();
        list.reverse();
        reordered.mappings = list.into();
        reordered.comments.push(Thread {
            id: "t1".into(),
            target: CommentTarget::Programme,
            comments: vec![Comment {
                id: "c1".into(),
                author: "A".into(),
                at: "2026-11-25T10:00:00Z".into(),
                text: "Looks right".into(),
            }],
            resolved: None,
        });
        assert_eq!(content_hash(&reordered), h);

        let mut retitled = p.clone();
        retitled.modules[0].title.push('!');
        assert_ne!(content_hash(&retitled), h);
    }

    #[test]
    fn a_sign_off_goes_stale_when_a_mapping_changes_and_says_what_changed() {
        let mut p = sample();
        let date = IsoDate::new(2026, 11, 25).unwrap();
        p.sign_offs.push(sign(&p, " Ann Lee ", "Quality lead", date));
        assert!(record_intact(&p.sign_offs[0]));
        assert_eq!(p.sign_offs[0].name, "Ann Lee");
        assert!(matches!(state(&p), SignOffState::Signed(_)));

        let first = p.mappings.iter().next().unwrap().clone();
        let mut changed = first.clone();
        changed.coverage = match first.coverage {
            Coverage::Full => Coverage::Partial,
            Coverage::Partial => Coverage::Full,
        };
        p.mappings.set(changed);
        let SignOffState::Stale {
            changes: Some(changes), ..
        } = state(&p)
        else {
            panic!("expected a stale sign-off with its changes");
        };
        assert_eq!(changes.mappings.changed.len(), 1);
        assert_eq!(changes.mappings.changed[0].module, first.module);
        assert!(changes.mappings.added.is_empty() && changes.modules.is_empty() && changes.standards.is_empty());

        // Putting it back makes the sign-off hold again.
        p.mappings.set(first);
        assert!(state(&p).is_signed());
    }

    #[test]
    fn a_hash_pasted_over_after_an_edit_does_not_pass_as_signed() {
        let mut p = sample();
        p.sign_offs
            .push(sign(&p, "A", "B", IsoDate::new(2026, 11, 25).unwrap()));
        p.modules[0].title.push_str(" (retitled)");
        p.sign_offs[0].hash = content_hash(&p);
        let SignOffState::Stale {
            changes: Some(changes), ..
        } = state(&p)
        else {
            panic!("a forged sign-off must be stale");
        };
        assert_eq!(changes.modules.changed.len(), 1);
        assert_eq!(changes.modules.changed[0].fields[0].field, "title");
    }

    #[test]
    fn an_edited_name_or_date_or_deleted_content_is_not_intact() {
        let mut p = sample();
        p.sign_offs
            .push(sign(&p, "Ann", "Lead", IsoDate::new(2026, 1, 2).unwrap()));
        assert!(state(&p).is_signed());
        let mut renamed = p.clone();
        renamed.sign_offs[0].name = "Bob".into();
        assert!(!record_intact(&renamed.sign_offs[0]));
        assert!(!state(&renamed).is_signed());
        let mut redated = p.clone();
        redated.sign_offs[0].date = IsoDate::new(2026, 1, 3).unwrap();
        assert!(!state(&redated).is_signed());
        let mut emptied = p.clone();
        emptied.sign_offs[0].content.clear();
        assert!(!state(&emptied).is_signed());
        // An older record without a record hash reads, and shows what is wrong with it.
        let mut older = p.clone();
        older.sign_offs[0].record_hash.clear();
        assert!(!state(&older).is_signed());
        assert!(
            record_problem(&older.sign_offs[0])
                .unwrap()
                .contains("older HTQ Mapper")
        );
    }

    #[test]
    fn an_edited_record_is_not_intact_and_a_changed_standard_shows() {
        let mut p = sample();
        let mut so = sign(&p, "A", "B", IsoDate::new(2026, 1, 2).unwrap());
        so.content.push("mapping {}".into());
        assert!(!record_intact(&so));

        let so = sign(&p, "A", "B", IsoDate::new(2026, 1, 2).unwrap());
        p.standards[0].ksbs[0].text.push_str(" and more");
        let changes = changes_since(&so, &p).unwrap();
        assert_eq!(changes.standards.changed.len(), 1);
        assert_eq!(changes.standards.changed[0].fields[0].field, "content_hash");
    }
}
