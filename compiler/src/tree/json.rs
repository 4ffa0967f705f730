//! The value tree as JSON data: what `svc print --format json|yaml` shows
//! and what lowering copies into templates.

use serde_json::Value;

use super::{Node, NodeKind, to_cloudformation};

/// `node` as JSON: intrinsic calls in their CloudFormation form, deploy-time
/// values as their source text, error nodes as `null`. Only a call is
/// rewritten (by [`to_cloudformation`]) before conversion; the rest of the
/// tree is converted as it is.
pub fn to_json(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Call(_) => plain(&to_cloudformation(node, &mut Vec::new())),
        NodeKind::List(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Object(object) => {
            Value::Object(object.entries().iter().map(|e| (e.key.as_str().to_owned(), to_json(&e.value))).collect())
        }
        _ => plain(node),
    }
}

fn plain(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Null | NodeKind::Error | NodeKind::Variable(_) | NodeKind::Template(_) => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Number(raw) => number(raw),
        NodeKind::String(text) => Value::String(text.to_string()),
        NodeKind::Deferred(deferred) => Value::String(deferred.to_string()),
        NodeKind::List(items) => Value::Array(items.iter().map(plain).collect()),
        NodeKind::Object(object) => {
            Value::Object(object.entries().iter().map(|e| (e.key.as_str().to_owned(), plain(&e.value))).collect())
        }
        NodeKind::Path(names) => Value::String(names.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(".")),
        NodeKind::Call(_) => Value::Null,
    }
}

/// A number as written: an integer when it is one, else a float.
fn number(raw: &str) -> Value {
    if let Ok(i) = raw.parse::<i64>() {
        return Value::from(i);
    }
    match raw.parse::<f64>() {
        Ok(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
        Ok(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        Err(_) => Value::String(raw.to_owned()),
    }
}
