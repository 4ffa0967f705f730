//! The user's `resource` and `output` blocks (and the other sections of
//! `resources`), merged into the generated template. A user resource with
//! the logical ID of a generated one is an error: svc does not silently
//! replace what it generates. `resources.extensions` change resources of
//! the template in place, as the Serverless Framework merges them.

use serde_json::{Map, Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::tree::Node;

use super::service::Service;
use super::template::Template;

/// Adds the user's resources and outputs.
pub fn merge(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(resources) = service.get("resources.Resources").and_then(Node::as_object) {
        for entry in &resources.entries {
            if template.has_resource(&entry.key) {
                diagnostics.push(collision("resource", &entry.key, entry.key_span));
                continue;
            }
            template.resource(entry.key.clone(), Service::json(&entry.value));
        }
    }
    if let Some(outputs) = service.get("resources.Outputs").and_then(Node::as_object) {
        for entry in &outputs.entries {
            if template.has_output(&entry.key) {
                diagnostics.push(collision("output", &entry.key, entry.key_span));
                continue;
            }
            template.output(entry.key.clone(), Service::json(&entry.value));
        }
    }
    extend(service, template, diagnostics);
}

/// `resources.extensions`: attributes set on, and `Properties`,
/// `Metadata` and `DependsOn` added to, resources of the template.
fn extend(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let Some(extensions) = service.get("resources.extensions").and_then(Node::as_object) else { return };
    for extension in &extensions.entries {
        let extended = template.update(&extension.key, |resource| {
            let Some(resource) = resource.as_object_mut() else { return false };
            if let Value::Object(attributes) = Service::json(&extension.value) {
                extend_resource(resource, attributes);
            }
            true
        });
        if extended != Some(true) {
            diagnostics.push(unknown_resource(&extension.key, extension.key_span));
        }
    }
}

/// Applies one resource's extension `attributes`.
fn extend_resource(resource: &mut Map<String, Value>, attributes: Map<String, Value>) {
    for (attribute, value) in attributes {
        match (attribute.as_str(), value) {
            ("Properties" | "Metadata", Value::Object(added)) => {
                let target = resource.entry(attribute).or_insert_with(|| Value::Object(Map::new()));
                if let Some(target) = target.as_object_mut() {
                    target.extend(added);
                }
            }
            ("DependsOn", added) => {
                let mut list = match resource.shift_remove("DependsOn") {
                    Some(Value::Array(items)) => items,
                    Some(one) => vec![one],
                    None => Vec::new(),
                };
                match added {
                    Value::Array(items) => list.extend(items),
                    one => list.push(one),
                }
                resource.insert("DependsOn".into(), json!(list));
            }
            (_, value) => {
                resource.insert(attribute, value);
            }
        }
    }
}

fn unknown_resource(id: &str, span: crate::span::Span) -> Diagnostic {
    Diagnostic::error(
        Code::E0406,
        format!("`resources.extensions` changes `{id}`, which the template does not have"),
        span,
        "no resource with this logical ID",
    )
    .with_help(
        "extensions change generated resources, such as `HelloLogGroup` or `HelloLambdaFunction`; check the name",
    )
}

/// The other template sections the user wrote under `resources`
/// (`Conditions`, `Mappings`, `Parameters`, `Metadata`, `Transform`).
pub fn sections(service: &Service<'_>) -> Vec<(String, Value)> {
    let Some(resources) = service.get("resources").and_then(Node::as_object) else { return Vec::new() };
    resources
        .entries
        .iter()
        .filter(|e| matches!(e.key.as_str(), "Conditions" | "Mappings" | "Parameters" | "Metadata" | "Transform"))
        .map(|e| (e.key.as_str().to_owned(), Service::json(&e.value)))
        .collect()
}

fn collision(kind: &str, id: &str, span: crate::span::Span) -> Diagnostic {
    Diagnostic::error(
        Code::E0403,
        format!("{kind} `{id}` has the logical ID of one svc generates"),
        span,
        "svc generates this logical ID",
    )
    .with_help(format!(
        "rename the {kind}; to change a generated resource, set the matching key of the service instead"
    ))
}
