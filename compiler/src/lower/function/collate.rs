//! JavaScript's `String#localeCompare` (ICU's root collation), which the
//! Serverless Framework uses to sort keys before hashing a function's
//! configuration: punctuation before digits before letters, letters
//! compared without case first, then lower case before upper case.
//! Exact for ASCII; other characters sort after `z` by code point.

use std::cmp::Ordering;

use serde_json::{Map, Value};

/// ASCII after the whitespace, in ICU root order (letters in lower case).
const ORDER: &str = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";

/// The primary weight of a character; `None` when collation ignores it
/// (control characters).
fn primary(c: char) -> Option<u32> {
    match c {
        '\t' => Some(1),
        '\n' => Some(2),
        '\u{b}' => Some(3),
        '\u{c}' => Some(4),
        '\r' => Some(5),
        c if c.is_ascii_control() => None,
        c if c.is_ascii() => {
            let lower = c.to_ascii_lowercase();
            ORDER.find(lower).and_then(|at| u32::try_from(at).ok()).map(|at| at + 10)
        }
        c => Some(1000 + u32::from(c.to_lowercase().next().unwrap_or(c))),
    }
}

/// Compares like `a.localeCompare(b)`.
pub fn compare(a: &str, b: &str) -> Ordering {
    let weights = |s: &str| s.chars().filter_map(primary).collect::<Vec<_>>();
    let cases = |s: &str| s.chars().filter(|c| primary(*c).is_some()).map(char::is_uppercase).collect::<Vec<_>>();
    weights(a).cmp(&weights(b)).then_with(|| cases(a).cmp(&cases(b))).then_with(|| a.cmp(b))
}

/// A value with the keys of every object sorted by [`compare`], as
/// Serverless's `deepSortObjectByKey`.
pub fn deep_sort(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(deep_sort).collect()),
        Value::Object(object) => {
            let mut entries: Vec<(&String, &Value)> = object.iter().collect();
            entries.sort_by(|(a, _), (b, _)| compare(a, b));
            Value::Object(entries.into_iter().map(|(k, v)| (k.clone(), deep_sort(v))).collect::<Map<_, _>>())
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        words.sort_by(|a, b| compare(a, b));
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
