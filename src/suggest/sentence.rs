//! The sentence behind a suggestion, on each side: the one whose shared terms weigh most,
//! with its shared words marked.

use super::index::Analysed;
use super::terms::sentences;

/// A sentence, the ranges of its shared words, each shared term's (term, stem, word), and the
/// field the sentence is in.
pub(super) type Sentence = (String, Vec<(usize, usize)>, Vec<(u32, u32, String)>, usize);

/// The sentence of the texts whose shared terms weigh most, with the shared words' ranges in
/// it and every shared term's first word anywhere in the texts.
pub(super) fn best_sentence(analysed: &Analysed, texts: &[String], weight: &dyn Fn(u32) -> f32) -> Sentence {
    let mut words: Vec<(u32, u32, String)> = Vec::new();
    let mut best: Option<(f32, usize, u16)> = None;
    for (f, (tokens, _)) in analysed.fields.iter().enumerate() {
        let text = texts.get(f).map_or("", |t| t.as_str());
        let mut by_sentence: Vec<(u16, f32, Vec<u32>)> = Vec::new();
        for t in tokens {
            let w = weight(t.term);
            if w <= 0.0 {
                continue;
            }
            if !words.iter().any(|x| x.0 == t.term) {
                let word = text.get(t.start as usize..t.end as usize).unwrap_or("").to_lowercase();
                words.push((t.term, t.stem, word));
            }
            match by_sentence.iter_mut().find(|s| s.0 == t.sentence) {
                Some(s) => {
                    if !s.2.contains(&t.term) {
                        s.1 += w;
                        s.2.push(t.term);
                    }
                }
                None => by_sentence.push((t.sentence, w, vec![t.term])),
            }
        }
        for (sentence, w, _) in by_sentence {
            if best.is_none_or(|b| w > b.0) {
                best = Some((w, f, sentence));
            }
        }
    }
    let Some((_, f, sentence)) = best else {
        return (String::new(), Vec::new(), words, 0);
    };
    let text = texts.get(f).map_or("", |t| t.as_str());
    let ranges = sentences(text);
    let (start, end) = ranges.get(sentence as usize).copied().unwrap_or((0, text.len()));
    let marks = analysed
        .fields
        .get(f)
        .map(|(tokens, _)| {
            let mut m: Vec<(usize, usize)> = tokens
                .iter()
                .filter(|t| t.sentence == sentence && weight(t.term) > 0.0)
                .filter_map(|t| {
                    Some((
                        (t.start as usize).checked_sub(start)?,
                        (t.end as usize).checked_sub(start)?,
                    ))
                })
                .filter(|&(a, b)| a < b && b <= end.saturating_sub(start))
                .collect();
            m.sort_unstable();
            m.dedup();
            m
        })
        .unwrap_or_default();
    (text.get(start..end).unwrap_or("").to_string(), marks, words, f)
}
