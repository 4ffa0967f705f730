//! JavaScript's `String#localeCompare` (ICU's root collation), which the
//! Serverless Framework uses to sort keys before hashing a function's
//! configuration: punctuation before digits before letters, letters
//! compared without case first, then lower case before upper case.
//! Exact for ASCII; other characters sort after `z` by code point.

use serde::{Serialize, Serializer};
use serde_json::Value;

/// ASCII after the whitespace, in ICU root order (letters in lower case).
const ORDER: &[u8] = b" _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";

/// The primary weight of each ASCII character (0: ignored), from [`ORDER`].
const ASCII: [u32; 128] = ascii_weights();

const fn ascii_weights() -> [u32; 128] {
    let mut weights = [0; 128];
    // Tab, line feed, vertical tab, form feed, carriage return.
    let mut c = 9;
    while c <= 13 {
        weights[c] = c as u32 - 8;
        c += 1;
    }
    let mut at = 0;
    while at < ORDER.len() {
        let c = ORDER[at];
        weights[c as usize] = at as u32 + 10;
        if c.is_ascii_lowercase() {
            weights[c.to_ascii_uppercase() as usize] = at as u32 + 10;
        }
        at += 1;
    }
    weights
}

/// The primary weight of a character; `None` when collation ignores it
/// (control characters).
fn primary(c: char) -> Option<u32> {
    match c {
        c if c.is_ascii() => Some(ASCII[c as usize]).filter(|&w| w != 0),
        c => Some(1000 + u32::from(c.to_lowercase().next().unwrap_or(c))),
    }
}

/// A sort key: keys compare as `localeCompare` compares their texts. In
/// order: the primary weights, then which of the weighed characters are
/// upper case, then the text itself.
type Key = (Vec<u32>, Vec<bool>, String);

/// The sort key of `s` (computed once per key, not once per comparison).
fn key(s: &str) -> Key {
    let weighed = || s.chars().filter_map(|c| Some((primary(c)?, c.is_uppercase())));
    (weighed().map(|(w, _)| w).collect(), weighed().map(|(_, upper)| upper).collect(), s.to_owned())
}

/// A value that serialises with the keys of every object sorted as by
/// `localeCompare`: `JSON.stringify` of Serverless's `deepSortObjectByKey`
/// of it, written without building the sorted copy.
pub struct DeepSorted<'a>(pub &'a Value);

impl Serialize for DeepSorted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Array(items) => serializer.collect_seq(items.iter().map(DeepSorted)),
            Value::Object(object) => {
                let mut entries: Vec<(&String, &Value)> = object.iter().collect();
                entries.sort_by_cached_key(|(k, _)| key(k));
                serializer.collect_map(entries.into_iter().map(|(k, v)| (k, DeepSorted(v))))
            }
            other => other.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        words.sort_by_cached_key(|w| key(w));
        words
    }

    #[test]
    fn sorts_as_node_does() {
        // The order `Array#sort` with `localeCompare` gives in Node 20.
        assert_eq!(
            sorted(&["b", "B", "AB", "ab_", "Ab", "aB", "ab", "a1", "a-b", "A_B", "a_b", "A", "a", "_"]),
            ["_", "a", "A", "a_b", "A_B", "a-b", "a1", "ab", "aB", "Ab", "AB", "ab_", "b", "B"]
        );
        assert_eq!(
            sorted(&["Role", "layerConfigurations", "Layers", "MemorySize", "Handler"]),
            ["Handler", "layerConfigurations", "Layers", "MemorySize", "Role"]
        );
        assert_eq!(sorted(&["TABLE_NAME", "TABLENAME", "LOG_LEVEL"]), ["LOG_LEVEL", "TABLE_NAME", "TABLENAME"]);
    }
}
