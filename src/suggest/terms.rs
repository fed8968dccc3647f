//! Words to terms: lower case, stop words out, Snowball English stems, and the domain's
//! synonyms folded together, each term remembering the words it came from.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

/// Words that standards and module texts use everywhere, so they say nothing about a match
/// (beyond NLTK's English list).
const DOMAIN_STOP_WORDS: &[&str] = &[
    "able",
    "ability",
    "abilities",
    "according",
    "across",
    "appropriate",
    "appropriately",
    "aspects",
    "including",
    "include",
    "includes",
    "e.g",
    "eg",
    "etc",
    "i.e",
    "ie",
    "key",
    "knowledge",
    "know",
    "need",
    "needed",
    "relevant",
    "range",
    "understand",
    "understanding",
    "understands",
    "using",
    "use",
    "used",
    "ways",
    "way",
    "within",
    "wide",
    "variety",
    "various",
    "whilst",
];

/// Words that course teams and standards use for the same thing. Each group folds into its
/// first word's term; a phrase (several words) matches those words in a row.
const SYNONYMS: &[&[&str]] = &[
    &["safeguarding", "protection", "protect", "safeguard"],
    &["ppe", "personal protective equipment"],
    &[
        "ipc",
        "infection prevention",
        "infection control",
        "infection prevention and control",
    ],
    &["wellbeing", "well being", "welfare"],
    &[
        "person centred",
        "person-centred",
        "personcentred",
        "patient centred",
        "individualised",
    ],
    &["legislation", "law", "legal", "statutory", "regulation", "regulatory"],
    &["policy", "policies", "procedure", "procedures", "protocol", "protocols"],
    &["communication", "communicate", "interpersonal"],
    &[
        "teamwork",
        "team",
        "multidisciplinary",
        "multi disciplinary",
        "collaborate",
        "collaboration",
    ],
    &["ethics", "ethical", "moral"],
    &["reflection", "reflect", "reflective", "self awareness"],
    &[
        "cpd",
        "continuing professional development",
        "professional development",
        "lifelong learning",
    ],
    &["record", "documentation", "document", "record keeping", "records"],
    &["data", "information"],
    &["software", "application", "program", "programming", "code", "coding"],
    &["cyber", "cybersecurity", "cyber security", "information security"],
    &["network", "networking", "infrastructure"],
    &["client", "customer", "service user", "stakeholder"],
    &["patient", "service user"],
    &["health and safety", "hse", "safe working", "risk assessment"],
    &["risk", "hazard", "hazards"],
    &["quality", "quality assurance", "qa"],
    &["finance", "financial", "budget", "budgeting", "accounting", "costing"],
    &["manage", "management", "lead", "leadership", "supervise", "supervision"],
    &["sustainability", "sustainable", "environmental", "environment"],
    &["diversity", "equality", "inclusion", "edi", "equity"],
    &["test", "testing", "verification", "validation"],
    &[
        "problem solving",
        "troubleshoot",
        "troubleshooting",
        "diagnose",
        "fault finding",
    ],
    &["maintenance", "maintain", "repair", "servicing"],
    &["anatomy", "physiology", "body systems"],
    &["mental health", "psychological"],
    &["medicine", "medication", "drug", "pharmacology"],
    &["research", "evidence based", "evidence-based"],
    &["digital", "technology", "technologies", "it", "ict"],
];

/// One word of a text as a term, with where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub term: u32,
    /// The word's stem before synonyms, so a synonym match can say so.
    pub stem: u32,
    /// Which sentence of the text it sits in.
    pub sentence: u16,
    /// Byte range of the word in the text it came from.
    pub start: u32,
    pub end: u32,
}

/// Turns text into terms. Built once per run; it caches each word's stem, so a run stems each
/// distinct word once however often it appears.
pub struct Analyzer {
    stemmer: Stemmer,
    stop: HashMap<String, ()>,
    /// Stems, and folded synonym terms, to their ids.
    ids: HashMap<String, u32>,
    names: Vec<String>,
    /// A word (lower case) to its stem id, or `None` for a stop word, and the id its stem
    /// has in the synonym phrases (`u32::MAX` when none).
    words: HashMap<String, (Option<u32>, u32)>,
    /// A single stem's synonym term.
    fold: HashMap<u32, u32>,
    /// Phrases of stems (two or more) to their synonym term.
    phrases: Vec<(Vec<u32>, u32)>,
    /// Per first stem, its phrases' places in `phrases`, longest first: a text's every word
    /// tried against every phrase was a third of indexing a large programme.
    phrase_starts: HashMap<u32, Vec<usize>>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    pub fn new() -> Self {
        let mut a = Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
            stop: HashMap::new(),
            ids: HashMap::new(),
            names: Vec::new(),
            words: HashMap::new(),
            fold: HashMap::new(),
            phrases: Vec::new(),
            phrase_starts: HashMap::new(),
        };
        let nltk = stop_words::lookup("en").unwrap_or(&[]);
        for w in nltk.iter().chain(DOMAIN_STOP_WORDS) {
            a.stop.insert(w.to_string(), ());
        }
        for group in SYNONYMS {
            let Some(first) = group.first() else { continue };
            let head: Vec<u32> = a.stems_of(first);
            let Some(&target) = head.first().filter(|_| head.len() == 1) else {
                let id = a.intern(&format!("~{first}"));
                a.add_synonyms(group, id);
                continue;
            };
            a.add_synonyms(group, target);
        }
        // Longest first, so "infection prevention and control" wins over "infection prevention".
        a.phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        for (i, (stems, _)) in a.phrases.iter().enumerate() {
            if let Some(&first) = stems.first() {
                a.phrase_starts.entry(first).or_default().push(i);
            }
        }
        a
    }

    fn add_synonyms(&mut self, group: &[&str], target: u32) {
        for member in group {
            let stems = self.stems_of(member);
            match stems.as_slice() {
                [] => {}
                [one] if *one == target => {}
                [one] => {
                    self.fold.entry(*one).or_insert(target);
                }
                _ => self.phrases.push((stems, target)),
            }
        }
    }

    /// The stems of a synonym-table entry (stop words kept, as in "health and safety").
    fn stems_of(&mut self, phrase: &str) -> Vec<u32> {
        words(phrase)
            .filter_map(|(_, _, w)| {
                let stem = self.stemmer.stem(&w).into_owned();
                (!stem.is_empty()).then(|| self.intern(&stem))
            })
            .collect()
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(s.to_string());
        self.ids.insert(s.to_string(), id);
        id
    }

    /// How many distinct terms this analyser has seen; term ids are below it.
    pub fn term_count(&self) -> usize {
        self.names.len()
    }

    /// A term's name: its stem, or `~word` for a synonym group whose head is a phrase.
    pub fn name(&self, term: u32) -> Option<&str> {
        self.names.get(term as usize).map(String::as_str)
    }

    /// A word's stem id, or `None` for a stop word or noise.
    fn word(&mut self, lower: &str) -> (Option<u32>, u32) {
        if let Some(&known) = self.words.get(lower) {
            return known;
        }
        let keep =
            lower.chars().count() >= 2 && !self.stop.contains_key(lower) && !lower.chars().all(|c| c.is_ascii_digit());
        let stem = self.stemmer.stem(lower).into_owned();
        let found = if keep {
            let id = self.intern(&stem);
            (Some(id), id)
        } else {
            (None, self.ids.get(&stem).copied().unwrap_or(u32::MAX))
        };
        self.words.insert(lower.to_string(), found);
        found
    }

    /// A text's distinct terms, sorted.
    pub fn term_set(&mut self, text: &str) -> Vec<u32> {
        let mut t: Vec<u32> = self.tokens(text).into_iter().map(|t| t.term).collect();
        t.sort_unstable();
        t.dedup();
        t
    }

    /// A text's terms in order, each with its sentence and place, and then the synonym terms
    /// phrases of the synonym table taking the place of their words.
    pub fn tokens(&mut self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        // Every word's stem, stop words included, for phrase matching.
        let mut all: Vec<(u32, usize, Option<usize>)> = Vec::new();
        let mut sentence: u16 = 0;
        let mut last_end = 0;
        for (start, end, lower) in words(text) {
            if ends_sentence(text.get(last_end..start).unwrap_or("")) {
                sentence = sentence.saturating_add(1);
            }
            last_end = end;
            let (kept, phrase_id) = self.word(&lower);
            if let Some(stem) = kept {
                let term = self.fold.get(&stem).copied().unwrap_or(stem);
                all.push((stem, start, Some(out.len())));
                out.push(Token {
                    term,
                    stem,
                    sentence,
                    start: start as u32,
                    end: end as u32,
                });
            } else if !self.phrases.is_empty() {
                all.push((phrase_id, start, None));
            }
        }
        // Phrases, longest first, stand for their words: "person-centred" is one term, not
        // "person" (which would match "personal") and "centred".
        let mut consumed = vec![false; out.len()];
        let mut phrases = Vec::new();
        let mut i = 0;
        while i < all.len() {
            let starts = all.get(i).and_then(|w| self.phrase_starts.get(&w.0));
            let found = starts
                .into_iter()
                .flatten()
                .filter_map(|&p| self.phrases.get(p))
                .find(|(phrase, _)| {
                    all.get(i..i + phrase.len())
                        .is_some_and(|w| w.iter().map(|x| x.0).eq(phrase.iter().copied()))
                });
            let Some((phrase, target)) = found else {
                i += 1;
                continue;
            };
            let window = all.get(i..i + phrase.len()).unwrap_or(&[]);
            let kept: Vec<usize> = window.iter().filter_map(|w| w.2).collect();
            if let (Some(&first), Some(&last)) = (kept.first(), kept.last())
                && let (Some(a), Some(b)) = (out.get(first), out.get(last))
            {
                phrases.push(Token {
                    term: *target,
                    stem: *target,
                    end: b.end,
                    ..*a
                });
                for k in kept {
                    if let Some(c) = consumed.get_mut(k) {
                        *c = true;
                    }
                }
            }
            i += phrase.len().max(1);
        }
        let mut out: Vec<Token> = out
            .into_iter()
            .zip(consumed)
            .filter_map(|(t, c)| (!c).then_some(t))
            .collect();
        out.extend(phrases);
        out.sort_by_key(|t| t.start);
        out
    }
}

/// The words of a text, lower case, with their byte ranges. Hyphens and apostrophes inside a
/// word join it ("well-being" reads as "wellbeing" only through the synonyms; here it is two
/// words, "well" and "being", so phrases see it).
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    spans(text).map(|(start, end)| {
        let word = text
            .get(start..end)
            .unwrap_or("")
            .chars()
            .flat_map(char::to_lowercase)
            .collect();
        (start, end, word)
    })
}

/// The byte ranges of [`words`], without making the words: sentences are found on every
/// explanation, and lower-casing each word there cost a third of the suggestions' time.
fn spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, c) = chars.next()?;
            if !c.is_alphanumeric() {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_alphanumeric() {
                    end = i + c.len_utf8();
                    chars.next();
                } else if c == '\'' || c == '’' {
                    // "provider's": keep the word, drop the possessive.
                    chars.next();
                    while chars.peek().is_some_and(|&(_, c)| c.is_alphanumeric()) {
                        chars.next();
                    }
                    break;
                } else {
                    break;
                }
            }
            return Some((start, end));
        }
    })
}

/// Whether the gap between two words ends a sentence (or a list item).
fn ends_sentence(gap: &str) -> bool {
    gap.contains(['.', ';', '!', '?', '\n', '•'])
}

/// The sentences of a text as byte ranges, split as [`Analyzer::tokens`] numbers them.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut last_end = 0;
    for (start, end) in spans(text) {
        let gap = text.get(last_end..start).unwrap_or("");
        match out.last_mut() {
            Some(s) if !ends_sentence(gap) => s.1 = end,
            _ => out.push((start, end)),
        }
        last_end = end;
    }
    // Take each sentence on to its full stop.
    for (i, s) in out.clone().iter().enumerate() {
        let next = out.get(i + 1).map_or(text.len(), |n| n.0);
        let tail = text.get(s.1..next).unwrap_or("");
        let extra = tail.find(['.', '!', '?', ';']).map_or(0, |p| p + 1);
        if let Some(o) = out.get_mut(i) {
            o.1 += extra;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(a: &mut Analyzer, text: &str) -> Vec<u32> {
        a.tokens(text).iter().map(|t| t.term).collect()
    }

    #[test]
    fn stems_drop_stop_words_and_fold_synonyms() {
        let mut a = Analyzer::new();
        assert_eq!(terms(&mut a, "Assessing"), terms(&mut a, "assessment"));
        assert!(terms(&mut a, "the and of understand").is_empty());
        let safeguarding = terms(&mut a, "safeguarding");
        assert_eq!(safeguarding, terms(&mut a, "protection"));
        let ipc = terms(&mut a, "IPC");
        assert_eq!(terms(&mut a, "infection prevention"), ipc);
        assert_eq!(terms(&mut a, "infection prevention and control"), ipc);
        // A phrase stands for its words: person-centred care does not match "personal".
        let person_centred = terms(&mut a, "person-centred");
        assert_eq!(person_centred.len(), 1);
        assert!(!person_centred.contains(terms(&mut a, "personal").first().unwrap()));
        assert_ne!(terms(&mut a, "personal protective equipment"), safeguarding);
    }

    #[test]
    fn sentences_split_on_full_stops() {
        let text = "Plan care. Record it; then review.";
        let s: Vec<&str> = sentences(text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(s, ["Plan care.", "Record it;", "then review."]);
    }
}
