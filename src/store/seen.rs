//! Standards already read from other project files, so a portfolio reads each text once.
//!
//! A college's programmes on one version of a standard embed the same standard, written the
//! same way: two thirds of each file. A survey of a shared drive reads that text once and
//! clones what it gave for every other file holding exactly the same bytes.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::model::Standard;

/// How many distinct standards texts are kept; beyond this a text is read as usual. A
/// portfolio on a few dozen standards stays far below it, and memory stays bounded.
const MAX_TEXTS: usize = 512;

/// A standards text and what it read as.
type Read = (Arc<str>, Arc<Vec<Standard>>);

/// Standards lists read so far, by their exact text. Shared between threads.
#[derive(Default)]
pub struct SeenStandards {
    by_hash: Mutex<HashMap<u64, Vec<Read>>>,
    hits: AtomicUsize,
}

impl SeenStandards {
    pub fn new() -> SeenStandards {
        SeenStandards::default()
    }

    /// What `text` read as before, when exactly this text has been read.
    pub(super) fn get(&self, text: &str) -> Option<Vec<Standard>> {
        let found = {
            let map = self.by_hash.lock().unwrap_or_else(PoisonError::into_inner);
            map.get(&hash(text))?
                .iter()
                .find(|(t, _)| **t == *text)
                .map(|(_, s)| Arc::clone(s))?
        };
        self.hits.fetch_add(1, Ordering::Relaxed);
        // Cloned outside the lock, so other threads read on meanwhile.
        Some(found.as_ref().clone())
    }

    /// Remembers that `text` reads as `standards`.
    pub(super) fn put(&self, text: &str, standards: &[Standard]) {
        let mut map = self.by_hash.lock().unwrap_or_else(PoisonError::into_inner);
        if map.values().map(Vec::len).sum::<usize>() >= MAX_TEXTS {
            return;
        }
        let same = map.entry(hash(text)).or_default();
        if !same.iter().any(|(t, _)| **t == *text) {
            same.push((Arc::from(text), Arc::new(standards.to_vec())));
        }
    }

    /// How many distinct texts are kept.
    pub fn len(&self) -> usize {
        self.by_hash
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .map(Vec::len)
            .sum()
    }

    /// How many times a text was found already read.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn hash(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::SeenStandards;
    use crate::store::{parse_project, parse_project_seen};

    const SAMPLE: &str = include_str!("../../assets/sample-fdsc-assistant-practitioner.ron");

    #[test]
    fn a_standard_read_once_gives_every_file_the_same_project_and_errors_keep_their_place() {
        let seen = SeenStandards::new();
        let path = Path::new("a.ron");
        let plain = parse_project(path, SAMPLE).unwrap();
        assert!(parse_project_seen(path, SAMPLE, Some(&seen)).unwrap() == plain);
        assert_eq!((seen.len(), seen.hits()), (1, 0));
        // The second file is another programme on the same standard: retitled, so only
        // its standards text is the same.
        let other = SAMPLE.replacen("title: \"", "title: \"Part-time ", 1);
        let again = parse_project_seen(path, &other, Some(&seen)).unwrap();
        assert!(again.standards == plain.standards);
        assert_ne!(again.programme.title, plain.programme.title);
        assert_eq!(
            (seen.len(), seen.hits()),
            (1, 1),
            "the standards were not read a second time"
        );
        // A mistake after the standards is placed as without the cache.
        let end = SAMPLE.rfind("    ],\n)").unwrap();
        let broken = format!("{}    ],\n    oops: 1,\n)\n", &SAMPLE[..end]);
        let cold = parse_project(path, &broken).unwrap_err();
        let warm = parse_project_seen(path, &broken, Some(&seen)).unwrap_err();
        assert_eq!((warm.line, warm.column), (cold.line, cold.column));
        assert!(warm.line.is_some_and(|l| l > 500), "{warm:?}");
        // A standard edited in one file is read from that file.
        let at = SAMPLE.find("\n    standards: [").unwrap();
        let edited = format!(
            "{}{}",
            &SAMPLE[..at],
            SAMPLE[at..].replacen("text: \"", "text: \"Edited: ", 1)
        );
        let read = parse_project_seen(path, &edited, Some(&seen)).unwrap();
        assert!(read == parse_project(path, &edited).unwrap());
        assert!(read.standards != plain.standards, "the edit reached the standards");
        assert_eq!(seen.len(), 2);
    }
}
