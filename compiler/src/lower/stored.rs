//! A finished part of the template (a resource, an output, a section),
//! stored as the pretty JSON text `svc build` writes.
//!
//! Lowering builds each part as a [`Value`], which is easy to write and
//! change, but large: with `preserve_order` a `Value` is 80 bytes and each
//! object entry about 140. Held that way, the template of 1,000 functions
//! took 15 MB; held as boxed slices and strings, still 6 MB in about
//! 150,000 allocations. Both are more than a core's cache, so every
//! function lowered after the first few hundred paid for memory traffic,
//! and dropping the template walked all of it once more. A part to deploy
//! is therefore serialised as soon as it is added: one allocation, the
//! bytes the template file will hold, written and later read in order.
//! Reading a part back as a [`Value`], which lowering does for the few
//! parts it changes after adding them, parses its text.

use std::borrow::Cow;
use std::io::{self, Write};

use serde_json::Value;

/// A resource of type `kind` with empty properties: what a lowering for
/// names only ([`super::Purpose::Names`]) adds where building the whole
/// resource would be wasted.
pub fn named(kind: &str) -> Value {
    serde_json::json!({ "Type": kind, "Properties": {} })
}

/// A part of the template as stored.
#[derive(Clone, Debug)]
pub enum Stored {
    /// As built: for a template made only for its resource names, whose
    /// text nobody reads.
    Built(Value),
    /// A resource of this type with empty properties, in a template made
    /// only for its resource names: the most common resource there, held
    /// without building its JSON.
    Named(&'static str),
    /// Serialised: pretty JSON (two spaces a level, as if at the top
    /// level), and the part's `Type` when it has one.
    Text {
        /// The `Type` of a resource.
        kind: Option<Box<str>>,
        /// The part as pretty JSON.
        text: Box<str>,
    },
}

impl Stored {
    /// `value`, kept as built or serialised. It is serialised into
    /// `scratch`, a buffer reused from part to part, and then copied once
    /// into an allocation of its size: growing a new string for each part
    /// would copy it several times.
    pub fn new(value: Value, as_built: bool, scratch: &mut Vec<u8>) -> Self {
        if as_built {
            return Stored::Built(value);
        }
        let kind = value.get("Type").and_then(Value::as_str).map(Box::from);
        scratch.clear();
        let text = match serde_json::to_writer_pretty(&mut *scratch, &value) {
            Ok(()) => std::str::from_utf8(scratch).map(Box::from).unwrap_or_default(),
            Err(_) => Box::default(),
        };
        Stored::Text { kind, text }
    }

    /// The part's `Type`, for a resource.
    pub fn type_name(&self) -> Option<&str> {
        match self {
            Stored::Built(value) => value.get("Type")?.as_str(),
            Stored::Named(kind) => Some(kind),
            Stored::Text { kind, .. } => kind.as_deref(),
        }
    }

    /// A copy as a [`Value`].
    pub fn to_value(&self) -> Value {
        match self {
            Stored::Built(value) => value.clone(),
            Stored::Named(kind) => named(kind),
            Stored::Text { text, .. } => serde_json::from_str(text).unwrap_or_default(),
        }
    }

    /// The part as a [`Value`], leaving `null` behind.
    pub fn take(&mut self) -> Value {
        match std::mem::replace(self, Stored::Built(Value::Null)) {
            Stored::Built(value) => value,
            Stored::Named(kind) => named(kind),
            Stored::Text { text, .. } => serde_json::from_str(&text).unwrap_or_default(),
        }
    }

    /// The length of the stored text (0 as built).
    pub fn text_length(&self) -> usize {
        match self {
            Stored::Built(_) | Stored::Named(_) => 0,
            Stored::Text { text, .. } => text.len(),
        }
    }

    /// Writes the part's pretty JSON to `out`, its lines after the first
    /// indented for a value nested `depth` levels deep.
    pub fn write_pretty(&self, out: &mut dyn Write, depth: usize) -> io::Result<()> {
        let text = match self {
            Stored::Built(value) => Cow::Owned(serde_json::to_string_pretty(value).unwrap_or_default()),
            Stored::Named(kind) => Cow::Owned(serde_json::to_string_pretty(&named(kind)).unwrap_or_default()),
            Stored::Text { text, .. } => Cow::Borrowed(&**text),
        };
        let mut lines = text.split('\n');
        out.write_all(lines.next().unwrap_or_default().as_bytes())?;
        for line in lines {
            out.write_all(b"\n")?;
            for _ in 0..depth {
                out.write_all(b"  ")?;
            }
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Stored;

    fn sample() -> serde_json::Value {
        json!({
            "Type": "AWS::Lambda::Function",
            "DependsOn": ["HelloLogGroup"],
            "Properties": { "MemorySize": 1024, "Timeout": 6.5, "Neg": -3, "Tracing": null, "On": true,
                            "Empty": {}, "None": [], "Text": "line\nbreak \"quoted\" é 日" }
        })
    }

    #[test]
    fn a_part_survives_the_round_trip_in_order() {
        for as_built in [false, true] {
            let mut stored = Stored::new(sample(), as_built, &mut Vec::new());
            assert_eq!(stored.to_value(), sample());
            let back = stored.take();
            let keys: Vec<&String> = back["Properties"].as_object().into_iter().flat_map(|o| o.keys()).collect();
            assert_eq!(keys, ["MemorySize", "Timeout", "Neg", "Tracing", "On", "Empty", "None", "Text"]);
            assert_eq!(back, sample());
        }
    }

    #[test]
    fn it_writes_what_serde_json_writes_at_its_depth() -> Result<(), Box<dyn std::error::Error>> {
        let nested = json!({ "Resources": { "Hello": sample() } });
        let expected = serde_json::to_string_pretty(&nested)?;
        for as_built in [false, true] {
            let mut out = b"{\n  \"Resources\": {\n    \"Hello\": ".to_vec();
            Stored::new(sample(), as_built, &mut Vec::new()).write_pretty(&mut out, 2)?;
            out.extend_from_slice(b"\n  }\n}");
            assert_eq!(String::from_utf8(out)?, expected);
        }
        Ok(())
    }

    #[test]
    fn a_named_resource_reads_as_its_type_with_empty_properties() -> Result<(), Box<dyn std::error::Error>> {
        let mut stored = Stored::Named("AWS::SNS::Topic");
        assert_eq!(stored.type_name(), Some("AWS::SNS::Topic"));
        let mut out = Vec::new();
        stored.write_pretty(&mut out, 0)?;
        assert_eq!(String::from_utf8(out)?, "{\n  \"Type\": \"AWS::SNS::Topic\",\n  \"Properties\": {}\n}");
        assert_eq!(stored.take(), json!({ "Type": "AWS::SNS::Topic", "Properties": {} }));
        Ok(())
    }

    #[test]
    fn type_name_reads_a_resource_type() {
        for as_built in [false, true] {
            assert_eq!(Stored::new(sample(), as_built, &mut Vec::new()).type_name(), Some("AWS::Lambda::Function"));
            assert_eq!(Stored::new(json!({ "Value": 1 }), as_built, &mut Vec::new()).type_name(), None);
        }
    }
}
