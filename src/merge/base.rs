//! A copy that knows its base: sent for editing with the canonical content lines it started
//! from (the lines a sign-off keeps), so merging it back needs no separate base file.
//!
//! The lines hold the programme, option groups, modules and mappings in full, and each
//! standard as its reference, title, version and content hash. A base standard is taken from
//! whichever copy still has one with that stamp; where neither does, both changed it, and a
//! placeholder with the stamp's reference, title and version stands in (equal to neither, so
//! two different changes are a conflict and one shared change is taken).

use serde::Deserialize;

use crate::model::{CopyBase, Mapping, Module, OptionGroup, Programme, Project, Standard};
use crate::review::signoff::{canonical_lines, hash_lines};

/// Why a recorded base cannot be read back.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BaseError {
    #[error("its recorded base was changed after the copy was made (its hash no longer matches its lines)")]
    Tampered,
    #[error("line {line} of its recorded base cannot be read: {problem}")]
    Line { line: usize, problem: String },
    #[error("its recorded base has no programme line")]
    NoProgramme,
}

/// A copy of `project` for someone to edit, recording the content it starts from at `sent`
/// (`2026-11-25T10:04:05Z`). Everything else is as in the project.
pub fn send_copy(project: &Project, sent: String) -> Project {
    let content = canonical_lines(project);
    let mut copy = project.clone();
    copy.copy_base = Some(CopyBase {
        sent,
        hash: hash_lines(&content),
        content,
    });
    copy
}

/// The base a merge of `mine` and `theirs` reads when none is given: the one THEIRS recorded
/// (a copy sent out, coming back), else the one MINE recorded; `None` when neither did. The
/// side says whose it is, for messages.
pub fn recorded_of<'a>(mine: &'a Project, theirs: &'a Project) -> Option<(super::Side, &'a CopyBase)> {
    match (&theirs.copy_base, &mine.copy_base) {
        (Some(b), _) => Some((super::Side::Theirs, b)),
        (None, Some(b)) => Some((super::Side::Mine, b)),
        (None, None) => None,
    }
}

/// A standard as the content lines name it.
#[derive(Deserialize)]
struct Stamp {
    reference: String,
    title: String,
    version: Option<String>,
    content_hash: String,
}

impl Stamp {
    fn matches(&self, s: &Standard) -> bool {
        s.reference == self.reference
            && s.title == self.title
            && s.version == self.version
            && s.compute_content_hash() == self.content_hash
    }
}

/// The project a recorded base describes, its standards taken from `mine` or `theirs` (see
/// the module's note). Its records (comments, sign-offs, log) are empty: they merge as unions.
pub fn recorded_base(base: &CopyBase, mine: &Project, theirs: &Project) -> Result<Project, BaseError> {
    if hash_lines(&base.content) != base.hash {
        return Err(BaseError::Tampered);
    }
    let mut programme: Option<Programme> = None;
    let (mut modules, mut groups, mut mappings, mut standards) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // The first line is the header.
    for (i, line) in base.content.iter().enumerate().skip(1) {
        let bad = |problem: String| BaseError::Line { line: i + 1, problem };
        let (kind, json) = line.split_once(' ').ok_or_else(|| bad("it has no kind".into()))?;
        let read = |e: serde_json::Error| bad(e.to_string());
        match kind {
            "programme" => programme = Some(serde_json::from_str(json).map_err(read)?),
            "option_group" => groups.push(serde_json::from_str::<OptionGroup>(json).map_err(read)?),
            "module" => modules.push(serde_json::from_str::<Module>(json).map_err(read)?),
            "mapping" => mappings.push(serde_json::from_str::<Mapping>(json).map_err(read)?),
            "standard" => {
                let stamp: Stamp = serde_json::from_str(json).map_err(read)?;
                standards.push(standard_for(&stamp, mine, theirs));
            }
            other => return Err(bad(format!("`{other}` is not a kind of content line"))),
        }
    }
    let mut project = Project::new(programme.ok_or(BaseError::NoProgramme)?);
    project.modules = modules;
    project.option_groups = groups;
    project.mappings = mappings.into();
    project.standards = standards;
    Ok(project)
}

fn standard_for(stamp: &Stamp, mine: &Project, theirs: &Project) -> Standard {
    [mine, theirs]
        .into_iter()
        .filter_map(|p| p.standard(&stamp.reference))
        .find(|s| stamp.matches(s))
        .cloned()
        .unwrap_or_else(|| Standard {
            reference: stamp.reference.clone(),
            title: stamp.title.clone(),
            version: stamp.version.clone(),
            ..Standard::default()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_base_reads_back_as_the_content_it_recorded() {
        let p = crate::sample::sample_project().unwrap();
        let copy = send_copy(&p, "2026-11-25T10:00:00Z".into());
        let recorded = copy.copy_base.clone().unwrap();
        let base = recorded_base(&recorded, &p, &copy).unwrap();
        assert_eq!(base.programme, p.programme);
        assert_eq!(base.mappings, p.mappings);
        assert_eq!(base.standards, p.standards);
        let mut codes: Vec<&str> = p.modules.iter().map(|m| m.code.as_str()).collect();
        codes.sort_unstable();
        let read: Vec<&str> = base.modules.iter().map(|m| m.code.as_str()).collect();
        assert_eq!(read, codes, "in code order, as the lines list them");
        assert_eq!(crate::review::content_hash(&base), crate::review::content_hash(&p));

        let mut edited = recorded.clone();
        edited.content.pop();
        assert_eq!(recorded_base(&edited, &p, &copy), Err(BaseError::Tampered));
    }
}
