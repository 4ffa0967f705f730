//! "Did you mean …?": the closest of a set of known words.

/// How many candidates [`closest`] compares at most.
pub const MAX_CANDIDATES: usize = 2_000;

/// The candidate closest to `word`, when it is close enough to be the
/// likely intent: same letters in another case, or an edit distance
/// (Damerau–Levenshtein, transpositions count one) of at most a third of
/// the word's length (at least 1). Only the first [`MAX_CANDIDATES`] are
/// compared: a file may ask 100,000 times among 100,000 keys.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let length = word.chars().count();
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .take(MAX_CANDIDATES)
        // A length further off than `limit` is a distance over it.
        .filter(|c| {
            *c != word && c.len().abs_diff(word.len()) <= limit * 4 && c.chars().count().abs_diff(length) <= limit
        })
        .map(|c| {
            let distance = strsim::damerau_levenshtein(&lower, &c.to_lowercase());
            // Same letters in another case beat any one-letter slip.
            let rank = if distance == 0 { 0 } else { distance * 2 };
            (rank, c)
        })
        .filter(|(rank, _)| *rank <= limit * 2)
        .min_by_key(|(rank, c)| (*rank, c.len()))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    const KEYS: &[&str] = &["memorySize", "timeout", "handler", "runtime", "environment"];

    #[test]
    fn finds_slips_and_case() {
        assert_eq!(closest("memorysize", KEYS.iter().copied()), Some("memorySize"));
        assert_eq!(closest("timout", KEYS.iter().copied()), Some("timeout"));
        assert_eq!(closest("hnadler", KEYS.iter().copied()), Some("handler"));
        assert_eq!(closest("enviroment", KEYS.iter().copied()), Some("environment"));
    }

    #[test]
    fn ignores_unrelated_words() {
        assert_eq!(closest("banana", KEYS.iter().copied()), None);
        assert_eq!(closest("x", KEYS.iter().copied()), None);
    }
}
