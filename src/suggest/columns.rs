//! A KSB's scores over every query of a programme (its column of the grid), which the
//! re-ranker reads beside one query's: a KSB is most likely where it matches best.

/// What a KSB's scores are over several queries (a programme's modules): a KSB is taught
/// somewhere, most likely where its texts match best, and one that matches many modules is
/// probably listed widely.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Column {
    /// Its best lexical score.
    pub lexical: f32,
    /// Its best learned score.
    pub learned: f32,
    /// The share of queries it shares a term with.
    pub coverage: f32,
    /// Its learned score over each query's best, on average.
    pub learned_mean: f32,
    /// Its lexical and learned scores, on average: a KSB whose words match every module a
    /// little is less telling for any one of them than one that matches a single module.
    pub lexical_average: f32,
    pub learned_average: f32,
}

/// Each document's [`Column`] over some queries' (lexical, learned) scores.
pub fn columns<'a>(queries: impl IntoIterator<Item = (&'a [f32], &'a [f32])>) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::new();
    let mut n = 0usize;
    for (lexical, learned) in queries {
        n += 1;
        if out.len() < lexical.len() {
            out.resize(lexical.len(), Column::default());
        }
        let best = learned.iter().copied().fold(0.0f32, f32::max);
        for (i, c) in out.iter_mut().enumerate() {
            let lex = lexical.get(i).copied().unwrap_or(0.0);
            let lrn = learned.get(i).copied().unwrap_or(0.0);
            c.lexical = c.lexical.max(lex);
            c.learned = c.learned.max(lrn);
            c.coverage += f32::from(u8::from(lex > 0.0));
            c.lexical_average += lex.max(0.0);
            c.learned_average += lrn.max(0.0);
            if best > 0.0 {
                c.learned_mean += lrn.max(0.0) / best;
            }
        }
    }
    for c in &mut out {
        c.coverage /= n.max(1) as f32;
        c.learned_mean /= n.max(1) as f32;
        c.lexical_average /= n.max(1) as f32;
        c.learned_average /= n.max(1) as f32;
    }
    out
}
