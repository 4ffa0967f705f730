//! `layer name { path = … }`: an `AWS::Lambda::LayerVersion` named
//! `<Name>LambdaLayer`, an `AWS::Lambda::LayerVersionPermission` per
//! account of `allowedAccounts`, and the layer's `…QualifiedArn` output.

use serde_json::json;

use crate::naming;
use crate::tree::{Node, NodeKind};

use super::service::Service;
use super::template::Template;

/// Adds every layer of the service.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    let Some(layers) = service.get("layers").and_then(Node::as_object) else { return };
    for layer in &layers.entries {
        let own = |key: &str| layer.value.as_object().and_then(|l| l.get(key));
        let id = naming::lambda_layer(&layer.key);
        let key =
            super::function::code_key(service, service.context.layers.get(&layer.key), &format!("{}.zip", layer.key));
        let name = own("name").map_or_else(|| json!(format!("{}-{}", service.prefix(), layer.key)), Service::json);
        let mut properties = json!({
            "Content": { "S3Bucket": super::function::bucket(service), "S3Key": key },
            "LayerName": name,
        });
        for (svc_key, cfn) in [
            ("description", "Description"),
            ("compatibleRuntimes", "CompatibleRuntimes"),
            ("compatibleArchitectures", "CompatibleArchitectures"),
            ("licenseInfo", "LicenseInfo"),
        ] {
            if let Some(value) = own(svc_key) {
                properties[cfn] = Service::json(value);
            }
        }
        let retain = own("retain").is_some_and(|r| matches!(r.kind, NodeKind::Bool(true)));
        let mut resource = json!({ "Type": "AWS::Lambda::LayerVersion", "Properties": properties });
        if retain {
            resource["DeletionPolicy"] = json!("Retain");
        }
        template.resource(&id, resource);
        let accounts = match own("allowedAccounts").map(|a| &a.kind) {
            Some(NodeKind::List(accounts)) => accounts.as_slice(),
            _ => &[],
        };
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
        let output = format!("{id}QualifiedArn");
        template.output(
            &output,
            json!({
                "Description": "Current Lambda layer version",
                "Value": { "Ref": id },
                "Export": { "Name": service.export(&output) }
            }),
        );
    }
}
