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
pub fn parse_yaml(text: &str) -> Result<serde_json::Value, String> {
    if text.trim().is_empty() {
        return Ok(serde_json::Value::Null);
    }
    serde_norway::from_str(text).map_err(|e| e.to_string())
}
