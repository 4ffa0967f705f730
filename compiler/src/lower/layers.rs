//! `layer name { path = … }`: an `AWS::Lambda::LayerVersion` named
//! `<Name>LambdaLayer`, an `AWS::Lambda::LayerVersionPermission` per
//! account of `allowedAccounts`, and the layer's outputs as Serverless v3
//! writes them: `…QualifiedArn`, `…Hash` and `…S3Key`.

use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use crate::naming;
use crate::tree::{Node, NodeKind};

use super::service::{Artifact, Service};
use super::template::Template;

/// Adds every layer of the service.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    let Some(layers) = service.get("layers").and_then(Node::as_object) else { return };
    for layer in layers.entries() {
        let own = |key: &str| layer.value.as_object().and_then(|l| l.get(key));
        let id = naming::lambda_layer(&layer.key);
        let key = super::function::code_key(
            service,
            service.context.layers.get(layer.key.as_str()),
            &format!("{}.zip", layer.key),
        );
        let name = own("name").map_or_else(|| json!(layer.key.as_str()), Service::json);
        let mut properties = json!({
            "Content": { "S3Bucket": super::function::bucket(service), "S3Key": key },
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
        let hash = hash(&resource, service.context.layers.get(layer.key.as_str()));
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
            template.resource(naming::lambda_layer_permission(&layer.key, account), permission);
        }
        outputs(service, &id, json!(hash), json!(key), template);
    }
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
