//! Words of KSB and duty statements: what "the same text" means, how alike two statements are,
//! and the word-level differences between them.

use std::collections::HashMap;

/// A statement as compared for sameness: lower case, letters and digits only, one space
/// between words. ST0220 1.1 capitalised and punctuated many 1.0 statements without changing
/// them; these compare equal.
pub fn normal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in raw_words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The runs of letters and digits in a text.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Words that say nothing about what a statement is about.
const STOP: &[&str] = &[
    "a",
    "all",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "by",
    "e",
    "each",
    "eg",
    "etc",
    "for",
    "from",
    "g",
    "how",
    "i",
    "ie",
    "in",
    "include",
    "includes",
    "including",
    "into",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "other",
    "others",
    "our",
    "own",
    "such",
    "that",
    "the",
    "their",
    "them",
    "these",
    "they",
    "this",
    "those",
    "to",
    "we",
    "what",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "with",
    "within",
    "you",
    "your",
];

/// A crude stem, enough to see `assessments` and `assessment`, `disseminating` and
/// `dissemination` as one word: a common ending comes off when four letters stay.
fn stem(word: &str) -> &str {
    const ENDINGS: [&str; 12] = [
        "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ed", "es", "s", "al", "ly",
    ];
    for end in ENDINGS {
        if let Some(stem) = word.strip_suffix(end)
            && stem.chars().count() >= 4
        {
            return stem;
        }
    }
    word
}

/// The statements of both versions as sets of word ids, with each word's weight: rarer words
/// (in these two versions) weigh more, so `person-centred` says more than `support`.
pub struct Corpus {
    /// Per statement: its distinct word ids, sorted.
    bags: Vec<Vec<u32>>,
    /// Per statement: the sum of its words' weights.
    totals: Vec<f32>,
    weights: Vec<f32>,
}

impl Corpus {
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut bags: Vec<Vec<u32>> = Vec::new();
        for text in texts {
            let mut bag: Vec<u32> = Vec::new();
            for word in raw_words(text) {
                let lower = word.to_lowercase();
                if STOP.contains(&lower.as_str()) {
                    continue;
                }
                let next = ids.len() as u32;
                let id = *ids.entry(stem(&lower).to_string()).or_insert(next);
                bag.push(id);
            }
            bag.sort_unstable();
            bag.dedup();
            bags.push(bag);
        }
        let mut df = vec![0u32; ids.len()];
        for bag in &bags {
            for &w in bag {
                df[w as usize] += 1;
            }
        }
        let n = bags.len().max(1) as f32;
        let weights: Vec<f32> = df.iter().map(|&d| (1.0 + n / d.max(1) as f32).ln()).collect();
        let totals = bags
            .iter()
            .map(|b| b.iter().map(|&w| weights[w as usize]).sum())
            .collect();
        Corpus { bags, totals, weights }
    }

    /// How alike statements `a` and `b` are, from 0 (no word in common) to 1 (the same
    /// words): the weighted Dice coefficient of their word sets.
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        let (Some(x), Some(y)) = (self.bags.get(a), self.bags.get(b)) else {
            return 0.0;
        };
        let total = self.totals[a] + self.totals[b];
        if total <= 0.0 {
            return if x.is_empty() && y.is_empty() { 1.0 } else { 0.0 };
        }
        let (mut i, mut j, mut shared) = (0, 0, 0.0f32);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.weights[x[i] as usize];
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * shared / total
    }
}

/// One piece of a word-level difference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Removed(String),
    Added(String),
}

/// The word-level differences from `old` to `new`: words (with their punctuation) compared
/// ignoring case and punctuation, by longest common subsequence. Neighbouring pieces of one
/// kind are joined, so a changed phrase reads as one removal and one addition.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    // KSBs run to a few dozen words; a table for two long texts (a pasted document) would be
    // huge, so those read as one removal and one addition.
    if a.len().saturating_mul(b.len()) > 250_000 {
        return [Piece::Removed(a.join(" ")), Piece::Added(b.join(" "))]
            .into_iter()
            .filter(|p| !matches!(p, Piece::Removed(s) | Piece::Added(s) if s.is_empty()))
            .collect();
    }
    let key = |w: &str| normal(w);
    let ka: Vec<String> = a.iter().map(|w| key(w)).collect();
    let kb: Vec<String> = b.iter().map(|w| key(w)).collect();
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut lcs = vec![0u16; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if ka[i] == kb[j] {
                lcs[(i + 1) * width + j + 1].saturating_add(1)
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |piece: Piece| {
        let joined = match (out.last_mut(), &piece) {
            (Some(Piece::Same(s)), Piece::Same(w))
            | (Some(Piece::Removed(s)), Piece::Removed(w))
            | (Some(Piece::Added(s)), Piece::Added(w)) => {
                s.push(' ');
                s.push_str(w);
                true
            }
            _ => false,
        };
        if !joined {
            out.push(piece);
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && ka[i] == kb[j] {
            push(Piece::Same(b[j].to_string()));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
            push(Piece::Removed(a[i].to_string()));
            i += 1;
        } else if let Some(w) = b.get(j) {
            push(Piece::Added((*w).to_string()));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_punctuation_and_spacing_do_not_count() {
        assert_eq!(
            normal("confidentiality of consultation/medical records"),
            normal("Confidentiality of consultation, medical  records.")
        );
        assert_ne!(normal("patient records"), normal("patients records"));
    }

    #[test]
    fn similarity_weighs_shared_words() {
        let c = Corpus::new([
            "Promote mental health and well being",
            "Promote mental health, wellbeing and resilience in the workplace.",
            "Write tests and follow unit testing discipline",
        ]);
        assert!(c.similarity(0, 1) > 0.4, "{}", c.similarity(0, 1));
        assert!(c.similarity(0, 2) < 0.05, "{}", c.similarity(0, 2));
        assert!((c.similarity(1, 1) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn word_differences_read_as_phrases() {
        let d = word_diff(
            "Deploy immutable infrastructure",
            "Deploy and manage immutable infrastructure.",
        );
        assert_eq!(
            d,
            [
                Piece::Same("Deploy".into()),
                Piece::Added("and manage".into()),
                Piece::Same("immutable infrastructure.".into())
            ]
        );
        let long = "word ".repeat(600);
        assert_eq!(
            word_diff(&long, &long).len(),
            2,
            "long texts are not compared word by word"
        );
        let d = word_diff("Treat people with dignity", "Treat individuals with dignity");
        assert_eq!(
            d,
            [
                Piece::Same("Treat".into()),
                Piece::Removed("people".into()),
                Piece::Added("individuals".into()),
                Piece::Same("with dignity".into())
            ]
        );
    }
}
