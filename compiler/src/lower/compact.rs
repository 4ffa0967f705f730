//! A finished piece of the template, stored compactly.
//!
//! Lowering builds each resource as a [`Value`], which is easy to write and
//! change, but large: with `preserve_order` a `Value` is 80 bytes and each
//! object entry about 140 (an index table, a bucket with its hash, a key
//! `String`). A template of 1,000 functions held about 15 MB that way,
//! more than a core's cache, so every function lowered after the first few
//! hundred paid for memory traffic: the cost per function grew with the
//! size of the service. A resource is therefore stored as a [`Compact`]
//! once it is added: boxed slices and boxed strings, 24 bytes per value and
//! 40 per entry, moved out of the `Value` without copying the text.

use serde::{Serialize, Serializer};
use serde_json::{Map, Number, Value};

/// A JSON value in its compact, read-mostly form. Objects keep their key
/// order; their keys are unique, as they come from a JSON object.
#[derive(Clone, Debug, PartialEq)]
pub enum Compact {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(Box<str>),
    /// An array.
    Array(Box<[Compact]>),
    /// An object, in key order.
    Object(Box<[(Box<str>, Compact)]>),
}

impl Compact {
    /// The value of `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Compact> {
        match self {
            Compact::Object(entries) => entries.iter().find(|(k, _)| &**k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Compact::String(text) => Some(text),
            _ => None,
        }
    }

    /// A copy as a [`Value`], to read or change.
    pub fn to_value(&self) -> Value {
        Value::from(self.clone())
    }
}

impl From<Value> for Compact {
    fn from(value: Value) -> Self {
        match value {
            Value::Null => Compact::Null,
            Value::Bool(b) => Compact::Bool(b),
            Value::Number(n) => Compact::Number(n),
            Value::String(text) => Compact::String(text.into_boxed_str()),
            Value::Array(items) => Compact::Array(items.into_iter().map(Compact::from).collect()),
            Value::Object(map) => {
                Compact::Object(map.into_iter().map(|(k, v)| (k.into_boxed_str(), Compact::from(v))).collect())
            }
        }
    }
}

impl From<Compact> for Value {
    fn from(compact: Compact) -> Self {
        match compact {
            Compact::Null => Value::Null,
            Compact::Bool(b) => Value::Bool(b),
            Compact::Number(n) => Value::Number(n),
            Compact::String(text) => Value::String(text.into_string()),
            Compact::Array(items) => Value::Array(items.into_vec().into_iter().map(Value::from).collect()),
            Compact::Object(entries) => {
                let map: Map<String, Value> =
                    entries.into_vec().into_iter().map(|(k, v)| (k.into_string(), Value::from(v))).collect();
                Value::Object(map)
            }
        }
    }
}

impl Serialize for Compact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Compact::Null => serializer.serialize_unit(),
            Compact::Bool(b) => serializer.serialize_bool(*b),
            Compact::Number(n) => n.serialize(serializer),
            Compact::String(text) => serializer.serialize_str(text),
            Compact::Array(items) => serializer.collect_seq(items.iter()),
            Compact::Object(entries) => serializer.collect_map(entries.iter().map(|(k, v)| (k, v))),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Compact;

    fn sample() -> serde_json::Value {
        json!({
            "Type": "AWS::Lambda::Function",
            "DependsOn": ["HelloLogGroup"],
            "Properties": { "MemorySize": 1024, "Timeout": 6.5, "Neg": -3, "Tracing": null, "On": true, "Empty": {}, "None": [] }
        })
    }

    #[test]
    fn a_value_survives_the_round_trip_in_order() {
        let back = serde_json::Value::from(Compact::from(sample()));
        assert_eq!(back, sample());
        let keys: Vec<&String> = back["Properties"].as_object().into_iter().flat_map(|o| o.keys()).collect();
        assert_eq!(keys, ["MemorySize", "Timeout", "Neg", "Tracing", "On", "Empty", "None"]);
    }

    #[test]
    fn it_serialises_as_the_value_does_compact_and_pretty() -> serde_json::Result<()> {
        let compact = Compact::from(sample());
        assert_eq!(serde_json::to_string(&compact)?, serde_json::to_string(&sample())?);
        assert_eq!(serde_json::to_string_pretty(&compact)?, serde_json::to_string_pretty(&sample())?);
        Ok(())
    }

    #[test]
    fn get_and_as_str_read_an_object() {
        let compact = Compact::from(sample());
        assert_eq!(compact.get("Type").and_then(Compact::as_str), Some("AWS::Lambda::Function"));
        assert_eq!(compact.get("Missing"), None);
        assert_eq!(compact.get("DependsOn").and_then(Compact::as_str), None);
    }
}
