//! The resources svc generates for a service (named as the Serverless
//! Framework v3 names them), so that `ref`/`getAtt` may name them.

use std::collections::BTreeMap;

use crate::naming;
use crate::tree::{Node, NodeKind};

/// Logical ID → resource type, for every resource the service declares or
/// svc generates for it.
pub fn known_resources(service: &Node) -> BTreeMap<String, String> {
    let mut known = BTreeMap::new();
    let mut add = |id: String, kind: &str| {
        known.insert(id, kind.to_owned());
    };
    let get = |path: &[&str]| path.iter().try_fold(service, |n, key| n.as_object()?.get(key));
    let functions = get(&["functions"]).and_then(Node::as_object);
    if get(&["provider", "deploymentBucket"]).is_none() {
        add(naming::DEPLOYMENT_BUCKET.to_owned(), "AWS::S3::Bucket");
        add(naming::DEPLOYMENT_BUCKET_POLICY.to_owned(), "AWS::S3::BucketPolicy");
    }
    if let Some(functions) = functions.filter(|f| !f.entries.is_empty()) {
        add(naming::IAM_ROLE.to_owned(), "AWS::IAM::Role");
        for function in &functions.entries {
            add(naming::lambda_function(&function.key), "AWS::Lambda::Function");
            add(naming::log_group(&function.key), "AWS::Logs::LogGroup");
            events(&function.key, &function.value, &mut add);
        }
    }
    if let Some(layers) = get(&["layers"]).and_then(Node::as_object) {
        for layer in &layers.entries {
            add(naming::lambda_layer(&layer.key), "AWS::Lambda::LayerVersion");
        }
    }
    if let Some(resources) = get(&["resources", "Resources"]).and_then(Node::as_object) {
        for resource in &resources.entries {
            let kind = resource.value.as_object().and_then(|r| r.get("Type")).and_then(Node::as_str);
            add(resource.key.clone(), kind.unwrap_or_default());
        }
    }
    known
}

/// The resources a function's events generate.
fn events(function: &str, node: &Node, add: &mut impl FnMut(String, &str)) {
    let Some(NodeKind::List(events)) = node.as_object().and_then(|f| f.get("events")).map(|e| &e.kind) else {
        return;
    };
    let mut schedules = 0;
    for event in events.iter().filter_map(Node::as_object).flat_map(|e| e.entries.first()) {
        match event.key.as_str() {
            "httpApi" => {
                add(naming::HTTP_API.to_owned(), "AWS::ApiGatewayV2::Api");
                add(naming::HTTP_API_STAGE.to_owned(), "AWS::ApiGatewayV2::Stage");
                add(naming::http_api_integration(function), "AWS::ApiGatewayV2::Integration");
                add(naming::http_api_permission(function), "AWS::Lambda::Permission");
                if let Some((method, path)) = route(&event.value) {
                    add(naming::http_api_route(&method, &path), "AWS::ApiGatewayV2::Route");
                }
            }
            "http" => add(naming::REST_API.to_owned(), "AWS::ApiGateway::RestApi"),
            "websocket" => add(naming::WEBSOCKETS_API.to_owned(), "AWS::ApiGatewayV2::Api"),
            "schedule" => {
                schedules += 1;
                add(naming::schedule_rule(function, schedules), "AWS::Events::Rule");
            }
            _ => {}
        }
    }
}

/// An httpApi event's method and path, from either form.
fn route(value: &Node) -> Option<(String, String)> {
    match &value.kind {
        NodeKind::String(short) if short == "*" => Some(("*".to_owned(), "*".to_owned())),
        NodeKind::String(short) => short.split_once(' ').map(|(m, p)| (m.to_owned(), p.to_owned())),
        NodeKind::Object(long) => {
            let method = long.get("method").and_then(Node::as_str).unwrap_or("*");
            let path = long.get("path").and_then(Node::as_str).unwrap_or("*");
            Some((method.to_owned(), path.to_owned()))
        }
        _ => None,
    }
}
