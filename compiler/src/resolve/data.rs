//! Data read by `${file(...)}`: JSON, YAML and svc to value-tree nodes.

use compact_str::ToCompactString;

use crate::span::Span;
use crate::tree::{Node, NodeKind, Object};

/// A JSON value as a node; every node gets `span` (the variable that read it).
pub fn from_json(value: &serde_json::Value, span: Span) -> Node {
    let kind = match value {
        serde_json::Value::Null => NodeKind::Null,
        serde_json::Value::Bool(b) => NodeKind::Bool(*b),
        serde_json::Value::Number(n) => NodeKind::Number(n.to_compact_string()),
        serde_json::Value::String(s) => NodeKind::String(s.as_str().into()),
        serde_json::Value::Array(items) => NodeKind::List(items.iter().map(|v| from_json(v, span)).collect()),
        serde_json::Value::Object(map) => {
            let mut object = Object::default();
            for (key, value) in map {
                object.push(key.clone(), span, from_json(value, span));
            }
            NodeKind::Object(object)
        }
    };
    Node::new(kind, span)
}

/// Parses an svc file into its value tree (variables still in it; they are
/// resolved where the file is read).
pub fn parse_svc(text: &str) -> Result<Node, String> {
    let parse = crate::parse(text);
    if let Some(error) = parse.diagnostics.iter().find(|d| d.is_error()) {
        return Err(format!("{} ({})", error.message, error.code.as_str()));
    }
    Ok(crate::tree::from_syntax(&parse.file).0)
}

/// Parses JSON text.
pub fn parse_json(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Parses YAML text into the JSON data model (YAML's keys become strings).
/// YAML nested deeper than [`MAX_DATA_DEPTH`] is refused first.
pub fn parse_yaml(text: &str) -> Result<serde_json::Value, String> {
    if text.trim().is_empty() {
        return Ok(serde_json::Value::Null);
    }
    check_yaml_depth(text)?;
    serde_norway::from_str(text).map_err(|e| e.to_string())
}

/// The deepest YAML `${file()}` reads, as serde_norway's own limit.
pub const MAX_DATA_DEPTH: usize = 128;

/// Refuses YAML whose lists and mappings nest deeper than
/// [`MAX_DATA_DEPTH`], before serde_norway sees it: its scanner (libyaml's)
/// spends time in proportion to the depth on every token and reads the
/// whole file before it checks the depth, so 100,000 levels took minutes.
/// A streaming parser's events are counted instead, and counting stops at
/// the limit or at the first syntax error (which is the answer).
fn check_yaml_depth(text: &str) -> Result<(), String> {
    use saphyr_parser::{Event, Parser};
    let mut depth = 0usize;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| e.to_string())?;
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > MAX_DATA_DEPTH {
                    let line = span.start.line();
                    return Err(format!("lists and mappings nest more than {MAX_DATA_DEPTH} deep (line {line})"));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}
