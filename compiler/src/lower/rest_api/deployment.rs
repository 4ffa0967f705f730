//! The REST API itself, its deployment (which also creates the stage) and
//! the `ServiceEndpoint` output.
//!
//! The Serverless Framework names the deployment `ApiGatewayDeployment`
//! plus the time of packaging, so every deploy creates a new one. svc must
//! give the same bytes for the same service: the suffix is a hash of the
//! API as built (resources, methods, authorizers, validators, models and
//! the deployment's own settings), so a deployment is made again exactly
//! when the API changes.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::naming;
use crate::tree::{Node, NodeKind};

use super::Api;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// `ApiGatewayRestApi`, unless `provider.apiGateway.restApiId` names an
/// existing API.
pub fn rest_api(api: &mut Api<'_, '_>) {
    let service = api.service;
    if service.get("provider.apiGateway.restApiId").is_some() {
        return;
    }
    let setting = |key: &str| service.get("provider.apiGateway")?.at_address(key);
    let mut properties = json!({ "Name": name(service) });
    if let Some(types) = setting("binaryMediaTypes") {
        properties["BinaryMediaTypes"] = Service::json(types);
    }
    if let Some(disable) = setting("disableDefaultEndpoint") {
        properties["DisableExecuteApiEndpoint"] = Service::json(disable);
    }
    let endpoint_type = service.get("provider.endpointType").and_then(Node::as_str).unwrap_or("EDGE").to_uppercase();
    properties["EndpointConfiguration"] = json!({ "Types": [endpoint_type] });
    if let Some(ids) = service.get("provider.vpcEndpointIds") {
        properties["EndpointConfiguration"]["VpcEndpointIds"] = Service::json(ids);
    }
    properties["Policy"] = match setting("resourcePolicy").map(|p| (&p.kind, p)) {
        Some((NodeKind::List(statements), policy)) if !statements.is_empty() => {
            json!({ "Version": "2012-10-17", "Statement": Service::json(policy) })
        }
        _ => json!(""),
    };
    if let Some(source) = setting("apiKeySourceType").and_then(Node::as_str) {
        properties["ApiKeySourceType"] = json!(source.to_uppercase());
    }
    if let Some(size) = setting("minimumCompressionSize") {
        properties["MinimumCompressionSize"] = Service::json(size);
    }
    if let Some(description) = setting("description") {
        properties["Description"] = Service::json(description);
    }
    api.add(naming::REST_API, json!({ "Type": "AWS::ApiGateway::RestApi", "Properties": properties }));
}

/// `apiName`, else `<stage>-<service>` (`<service>-<stage>` with
/// `apiGateway.shouldStartNameWithService`).
fn name(service: &Service<'_>) -> Value {
    if let Some(name) = service.get("provider.apiName") {
        return Service::json(name);
    }
    let service_first = service
        .get("provider.apiGateway.shouldStartNameWithService")
        .is_some_and(|s| matches!(s.kind, NodeKind::Bool(true)));
    if service_first { json!(service.prefix()) } else { json!(format!("{}-{}", service.stage, service.name)) }
}

/// Adds the deployment, after every method; its logical ID.
pub fn lower(api: &mut Api<'_, '_>) -> String {
    let stage = api.service.get("provider.apiGateway.stage").map_or_else(|| json!(api.service.stage), Service::json);
    let mut properties = json!({ "RestApiId": api.id(), "StageName": stage });
    if let Some(description) = api.service.get("provider.apiGateway.description") {
        properties["Description"] = Service::json(description);
    }
    let id = naming::rest_api_deployment(&hash(api, &properties));
    let mut methods: Vec<String> = Vec::new();
    for method in &api.methods {
        if !methods.contains(method) {
            methods.push(method.clone());
        }
    }
    api.add(&id, json!({ "Type": "AWS::ApiGateway::Deployment", "Properties": properties, "DependsOn": methods }));
    id
}

/// The first 16 hex digits of the SHA-256 of the API built so far and the
/// deployment's properties.
fn hash(api: &Api<'_, '_>, deployment: &Value) -> String {
    let mut hasher = Sha256::new();
    for (id, resource) in api.resources() {
        hasher.update(id.as_bytes());
        hasher.update(resource.to_string().as_bytes());
    }
    hasher.update(deployment.to_string().as_bytes());
    hasher.finalize().iter().take(8).map(|byte| format!("{byte:02x}")).collect()
}

/// `ServiceEndpoint`: the URL of the stage.
pub fn output(api: &Api<'_, '_>, template: &mut Template) {
    let url = json!({ "Fn::Join": ["", [
        "https://", api.id(), ".execute-api.", { "Ref": "AWS::Region" }, ".", { "Ref": "AWS::URLSuffix" },
        format!("/{}", api.service.stage)
    ]] });
    template.output(
        "ServiceEndpoint",
        json!({
            "Description": "URL of the service endpoint",
            "Value": url,
            "Export": { "Name": api.service.export("ServiceEndpoint") }
        }),
    );
}
