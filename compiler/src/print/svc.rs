//! The value tree as canonical svc source (`svc print --format svc`): the
//! blocks of [`crate::tree::from_syntax`] in reverse, then formatted.

use std::fmt::Write as _;

use crate::format::{format_source, key_literal, string_literal};
use crate::schema::is_event_kind;
use crate::tree::{Node, NodeKind, Object};

/// `tree` (a resolved service) as svc source text.
pub fn to_svc(tree: &Node) -> String {
    let mut out = String::new();
    if let Some(root) = tree.as_object() {
        for entry in &root.entries {
            root_entry(&mut out, &entry.key, &entry.value);
        }
    }
    format_source(&out).unwrap_or(out)
}

fn root_entry(out: &mut String, key: &str, value: &Node) {
    match (key, &value.kind) {
        ("provider", NodeKind::Object(provider)) => {
            let name = provider.get("name").and_then(Node::as_str).unwrap_or("aws");
            block(out, 0, &format!("provider {}", key_literal(name)), provider, &["name"], false);
        }
        ("functions" | "layers", NodeKind::Object(map)) => {
            let kind = if key == "functions" { "function" } else { "layer" };
            for entry in &map.entries {
                if let Some(body) = entry.value.as_object() {
                    let header = format!("{kind} {}", key_literal(&entry.key));
                    block(out, 0, &header, body, &[], kind == "function");
                }
            }
        }
        ("resources", NodeKind::Object(resources)) => resources_entry(out, resources),
        _ => member(out, 0, key, value),
    }
}

fn resources_entry(out: &mut String, resources: &Object) {
    for entry in &resources.entries {
        match (entry.key.as_str(), entry.value.as_object()) {
            ("Resources", Some(map)) => map.entries.iter().for_each(|r| resource(out, &r.key, &r.value)),
            ("Outputs", Some(map)) => map.entries.iter().for_each(|o| output(out, &o.key, &o.value)),
            _ => {
                let _ = writeln!(out, "resources {{");
                member(out, 1, &entry.key, &entry.value);
                out.push_str("}\n");
            }
        }
    }
}

fn resource(out: &mut String, name: &str, value: &Node) {
    let Some(resource) = value.as_object() else { return };
    let kind = resource.get("Type").and_then(Node::as_str).unwrap_or_default();
    let _ = writeln!(out, "resource {} {} {{", key_literal(name), string_literal(kind));
    for entry in &resource.entries {
        match entry.key.as_str() {
            "Type" => {}
            "Properties" => {
                if let Some(properties) = entry.value.as_object() {
                    properties.entries.iter().for_each(|p| member(out, 1, &p.key, &p.value));
                }
            }
            other => member(out, 1, &lower_first(other), &entry.value),
        }
    }
    out.push_str("}\n\n");
}

fn output(out: &mut String, name: &str, value: &Node) {
    let Some(output) = value.as_object() else { return };
    let _ = writeln!(out, "output {} {{", key_literal(name));
    for entry in &output.entries {
        let export = entry.value.as_object().and_then(|e| e.get("Name"));
        match (entry.key.as_str(), export) {
            ("Export", Some(name)) => member(out, 1, "export", name),
            (key, _) => member(out, 1, &lower_first(key), &entry.value),
        }
    }
    out.push_str("}\n\n");
}

/// `header { … }` with the entries of `body`, less `skip`. In a function,
/// `events` become event blocks.
fn block(out: &mut String, depth: usize, header: &str, body: &Object, skip: &[&str], function: bool) {
    indent(out, depth);
    let _ = writeln!(out, "{header} {{");
    for entry in body.entries.iter().filter(|e| !skip.contains(&e.key.as_str())) {
        match (&entry.value.kind, function && entry.key == "events") {
            (NodeKind::List(events), true) if events.iter().all(is_event) => {
                events.iter().filter_map(Node::as_object).flat_map(|e| &e.entries).for_each(|e| {
                    member(out, depth + 1, &e.key, &e.value);
                });
            }
            _ => member(out, depth + 1, &entry.key, &entry.value),
        }
    }
    indent(out, depth);
    // A blank line after every top-level block.
    out.push_str(if depth == 0 { "}\n\n" } else { "}\n" });
}

fn is_event(node: &Node) -> bool {
    node.as_object().is_some_and(|o| o.entries.len() == 1 && is_event_kind(&o.entries[0].key))
}

/// `key = value`, or `key { … }` for a non-empty object.
fn member(out: &mut String, depth: usize, key: &str, value: &Node) {
    match &value.kind {
        NodeKind::Object(object) if !object.entries.is_empty() => {
            block(out, depth, &key_literal(key), object, &[], false);
        }
        _ => {
            indent(out, depth);
            let _ = writeln!(out, "{} = {}", key_literal(key), inline(value));
        }
    }
}

/// A value as svc source on one line, such as `[1, "a"]` or `ref(X)`.
pub fn value_to_svc(node: &Node) -> String {
    inline(node)
}

fn inline(node: &Node) -> String {
    match &node.kind {
        NodeKind::Null | NodeKind::Error | NodeKind::Variable(_) | NodeKind::Template(_) => "null".to_owned(),
        NodeKind::Bool(b) => b.to_string(),
        NodeKind::Number(raw) => raw.clone(),
        NodeKind::String(text) => string_literal(text),
        NodeKind::Deferred(text) => text.clone(),
        NodeKind::List(items) => format!("[{}]", items.iter().map(inline).collect::<Vec<_>>().join(", ")),
        NodeKind::Object(object) if object.entries.is_empty() => "{}".to_owned(),
        NodeKind::Object(object) => {
            let entries: Vec<String> =
                object.entries.iter().map(|e| format!("{} = {}", key_literal(&e.key), inline(&e.value))).collect();
            format!("{{ {} }}", entries.join(", "))
        }
        NodeKind::Call(call) => {
            format!("{}({})", call.name.text, call.args.iter().map(inline).collect::<Vec<_>>().join(", "))
        }
        NodeKind::Path(names) => names.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join("."),
    }
}

fn indent(out: &mut String, depth: usize) {
    out.extend(std::iter::repeat_n("  ", depth));
}

fn lower_first(key: &str) -> String {
    let mut chars = key.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}
