//! `layer name { path = … }`: an `AWS::Lambda::LayerVersion` named
//! `<Name>LambdaLayer`, an `AWS::Lambda::LayerVersionPermission` per
//! account of `allowedAccounts`, and the layer's outputs as Serverless v3
//! writes them: `…QualifiedArn`, `…Hash` and `…S3Key`. With
//! `custom.pythonRequirements.layer`, also the layer `pythonRequirements`
//! that serverless-python-requirements adds.

use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use crate::naming;
use crate::python_requirements::{self, PythonRequirements};
use crate::tree::{Node, NodeKind, Object};

use super::service::{Artifact, Service};
use super::template::Template;

/// Adds every layer of the service, then the one serverless-python-requirements
/// adds with `layer` (after the service's own, as the plugin appends it).
pub fn lower(service: &Service<'_>, template: &mut Template) {
    let layers = service.get("layers").and_then(Node::as_object);
    for layer in layers.map(|l| l.entries()).unwrap_or_default() {
        lower_layer(service, &layer.key, &layer.value, template);
    }
    if let Some(requirements) = python_requirements_layer(service) {
        lower_layer(service, python_requirements::LAYER, &requirements, template);
    }
}

/// The layer serverless-python-requirements adds with `layer`: its
/// defaults, then the `layer { … }` settings over them.
fn python_requirements_layer(service: &Service<'_>) -> Option<Node> {
    let requirements = PythonRequirements::of(service.root())?;
    let written = requirements.layer.as_ref()?;
    let span = written.span;
    let text = |t: &str| Node::new(NodeKind::String(t.into()), span);
    let mut layer = Object::default();
    layer.push("name", span, text(&format!("{}-{}-python-requirements", service.name, service.stage)));
    layer.push("description", span, text(python_requirements::LAYER_DESCRIPTION));
    if let Some(runtime) = service.get("provider.runtime") {
        layer.push("compatibleRuntimes", span, Node::new(NodeKind::List(vec![runtime.clone()]), span));
    }
    for entry in written.as_object().map(|o| o.entries()).unwrap_or_default() {
        match layer.get_mut(&entry.key) {
            Some(value) => *value = entry.value.clone(),
            None => layer.push(entry.key.clone(), entry.key_span, entry.value.clone()),
        }
    }
    Some(Node::new(NodeKind::Object(layer), span))
}

/// Adds layer `key`, whose settings are `layer`.
fn lower_layer(service: &Service<'_>, key: &str, layer: &Node, template: &mut Template) {
    let own = |name: &str| layer.as_object().and_then(|l| l.get(name));
    let id = naming::lambda_layer(key);
    let artifact = service.context.layers.get(key);
    let code_key = super::function::code_key(service, artifact, &format!("{key}.zip"));
    let name = own("name").map_or_else(|| json!(key), Service::json);
    let mut properties = json!({
        "Content": { "S3Bucket": super::function::bucket(service), "S3Key": code_key },
        "LayerName": name,
    });
    for (svc_key, cfn) in [
        ("description", "Description"),
        ("licenseInfo", "LicenseInfo"),
        ("compatibleRuntimes", "CompatibleRuntimes"),
        ("compatibleArchitectures", "CompatibleArchitectures"),
    ] {
        if let Some(value) = own(svc_key) {
            properties[cfn] = Service::json(value);
        }
    }
    let retain = own("retain").is_some_and(|r| matches!(r.kind, NodeKind::Bool(true)));
    let mut resource = json!({ "Type": "AWS::Lambda::LayerVersion", "Properties": properties });
    let hash = hash(&resource, artifact);
    if retain {
        resource["DeletionPolicy"] = json!("Retain");
    }
    template.resource(&id, resource);
    let accounts = own("allowedAccounts").and_then(Node::as_list).unwrap_or_default();
    for account in accounts.iter().filter_map(Node::as_str) {
        let mut permission = json!({
            "Type": "AWS::Lambda::LayerVersionPermission",
            "Properties": { "Action": "lambda:GetLayerVersion", "LayerVersionArn": { "Ref": id }, "Principal": account }
        });
        if retain {
            permission["DeletionPolicy"] = json!("Retain");
        }
        template.resource(naming::lambda_layer_permission(key, account), permission);
    }
    outputs(service, &id, json!(hash), json!(code_key), template);
}

/// `…QualifiedArn`, `…Hash` and `…S3Key` of the layer `id`, each exported.
fn outputs(service: &Service<'_>, id: &str, hash: Value, key: Value, template: &mut Template) {
    let outputs = [
        ("QualifiedArn", "Current Lambda layer version", json!({ "Ref": id })),
        ("Hash", "Current Lambda layer hash", hash),
        ("S3Key", "Current Lambda layer S3Key", key),
    ];
    for (suffix, description, value) in outputs {
        let output = format!("{id}{suffix}");
        let export = service.export(&output);
        template.output(output, json!({ "Description": description, "Value": value, "Export": { "Name": export } }));
    }
}

/// The layer's `…Hash`: SHA-1, in hex, of the layer resource without its
/// `S3Key` as JSON and then of its zip. Serverless hashes the zip's bytes;
/// svc hashes the zip's SHA-256 (the same bytes give the same hash), and a
/// template-only build, with no zip, hashes the resource alone. svc's zips
/// are not byte for byte Serverless's, so the values differ from
/// Serverless's either way; what they share is that they change exactly
/// when the layer does.
fn hash(resource: &Value, artifact: Option<&Artifact>) -> String {
    let mut without_key = resource.clone();
    if let Some(content) = without_key.pointer_mut("/Properties/Content").and_then(Value::as_object_mut) {
        content.shift_remove("S3Key");
    }
    let mut hasher = Sha1::new();
    hasher.update(without_key.to_string().as_bytes());
    if let Some(artifact) = artifact {
        hasher.update(artifact.sha256.as_bytes());
    }
    hex::encode(hasher.finalize())
}
