//! The user's `resource` and `output` blocks (and the other sections of
//! `resources`), merged into the generated template. A user resource with
//! the logical ID of a generated one is an error: svc does not silently
//! replace what it generates.

use serde_json::Value;

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
}

/// The other template sections the user wrote under `resources`
/// (`Conditions`, `Mappings`, `Parameters`, `Metadata`, `Transform`).
pub fn sections(service: &Service<'_>) -> Vec<(String, Value)> {
    let Some(resources) = service.get("resources").and_then(Node::as_object) else { return Vec::new() };
    resources
        .entries
        .iter()
        .filter(|e| matches!(e.key.as_str(), "Conditions" | "Mappings" | "Parameters" | "Metadata" | "Transform"))
        .map(|e| (e.key.clone(), Service::json(&e.value)))
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
