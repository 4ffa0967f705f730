//! The user's `resource` and `output` blocks (and the other sections of
//! `resources`), merged into the generated template as the Serverless
//! Framework merges them: a user resource or output with the logical ID of
//! a generated one is merged over it ([`super::merge`], lodash's
//! `_.merge`), so `resource ServerlessDeploymentBucket "AWS::S3::Bucket"`
//! adds properties to the deployment bucket svc generates. Then
//! `resources.extensions` change resources of the template in place.

use serde_json::{Map, Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::tree::Node;

use super::merge::merge as merge_over;
use super::service::Service;
use super::template::Template;

/// Adds (or merges) the user's resources and outputs.
pub fn merge(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(resources) = service.get("resources.Resources").and_then(Node::as_object) {
        for entry in resources.entries() {
            let user = Service::json(&entry.value);
            if template.has_resource(&entry.key) {
                template.update(&entry.key, |generated| merge_over(generated, user));
            } else {
                template.resource(entry.key.clone(), user);
            }
        }
    }
    if let Some(outputs) = service.get("resources.Outputs").and_then(Node::as_object) {
        for entry in outputs.entries() {
            let user = Service::json(&entry.value);
            if template.has_output(&entry.key) {
                template.update_output(&entry.key, |generated| merge_over(generated, user));
            } else {
                template.output(entry.key.clone(), user);
            }
        }
    }
    extend(service, template, diagnostics);
}

/// `resources.extensions`: attributes set on, and `Properties`,
/// `Metadata` and `DependsOn` added to, resources of the template.
fn extend(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let Some(extensions) = service.get("resources.extensions").and_then(Node::as_object) else { return };
    for extension in extensions.entries() {
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
        .entries()
        .iter()
        .filter(|e| matches!(e.key.as_str(), "Conditions" | "Mappings" | "Parameters" | "Metadata" | "Transform"))
        .map(|e| (e.key.as_str().to_owned(), Service::json(&e.value)))
        .collect()
}
