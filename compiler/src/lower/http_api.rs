//! `httpApi` events: one HTTP API for the service, its `$default` stage,
//! and per function an integration, a permission and a route per event.

use serde_json::{Value, json};

use crate::naming;
use crate::tree::{Entry, Node, NodeKind};

use super::events::events_of;
use super::service::Service;
use super::template::Template;

/// Adds the HTTP API resources when a function has an `httpApi` event.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    let functions: Vec<(&Entry, Vec<&Node>)> = service
        .functions()
        .iter()
        .map(|f| (f, events_of(&f.value, "httpApi")))
        .filter(|(_, events)| !events.is_empty())
        .collect();
    if functions.is_empty() {
        return;
    }
    api(service, template);
    for (function, events) in functions {
        integration(service, function, template);
        for event in events {
            if let Some(route_key) = route_key(event) {
                route(&function.key, &route_key, template);
            }
        }
    }
    outputs(service, template);
}

fn api(service: &Service<'_>, template: &mut Template) {
    let name = service
        .get("provider.httpApi.name")
        .map_or_else(|| json!(format!("{}-{}", service.stage, service.name)), Service::json);
    let mut properties = json!({ "Name": name, "ProtocolType": "HTTP" });
    if let Some(cors) = service.get("provider.httpApi.cors").and_then(cors_configuration) {
        properties["CorsConfiguration"] = cors;
    }
    template.resource(naming::HTTP_API, json!({ "Type": "AWS::ApiGatewayV2::Api", "Properties": properties }));
    let metrics = service.get("provider.httpApi.metrics").is_some_and(|m| matches!(m.kind, NodeKind::Bool(true)));
    template.resource(
        naming::HTTP_API_STAGE,
        json!({
            "Type": "AWS::ApiGatewayV2::Stage",
            "Properties": {
                "ApiId": { "Ref": naming::HTTP_API },
                "StageName": "$default",
                "AutoDeploy": true,
                "DefaultRouteSettings": { "DetailedMetricsEnabled": metrics }
            }
        }),
    );
}

/// `cors = true` allows every origin with the Serverless Framework's
/// default headers; an object sets them.
fn cors_configuration(cors: &Node) -> Option<Value> {
    match &cors.kind {
        NodeKind::Bool(true) => Some(json!({
            "AllowHeaders": [
                "Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token", "X-Amz-User-Agent", "X-Amzn-Trace-Id"
            ],
            "AllowMethods": ["OPTIONS", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"],
            "AllowOrigins": ["*"]
        })),
        NodeKind::Object(object) => {
            let mut out = serde_json::Map::new();
            for (key, cfn) in [
                ("allowedOrigins", "AllowOrigins"),
                ("allowedHeaders", "AllowHeaders"),
                ("allowedMethods", "AllowMethods"),
                ("allowCredentials", "AllowCredentials"),
                ("exposedResponseHeaders", "ExposeHeaders"),
                ("maxAge", "MaxAge"),
            ] {
                if let Some(value) = object.get(key) {
                    out.insert(cfn.to_owned(), Service::json(value));
                }
            }
            Some(Value::Object(out))
        }
        _ => None,
    }
}

fn integration(service: &Service<'_>, function: &Entry, template: &mut Template) {
    let lambda = naming::lambda_function(&function.key);
    let timeout = service
        .setting(&function.value, "timeout")
        .and_then(|t| match &t.kind {
            NodeKind::Number(raw) => raw.parse::<i64>().ok(),
            _ => None,
        })
        .map_or(30_000, |seconds| (seconds * 1000).min(30_000));
    let payload = service.get("provider.httpApi.payload").map_or(json!("2.0"), Service::json);
    template.resource(
        naming::http_api_permission(&function.key),
        json!({
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "FunctionName": { "Fn::GetAtt": [lambda, "Arn"] },
                "Action": "lambda:InvokeFunction",
                "Principal": "apigateway.amazonaws.com",
                "SourceArn": { "Fn::Join": ["", [
                    "arn:", { "Ref": "AWS::Partition" }, ":execute-api:", { "Ref": "AWS::Region" }, ":",
                    { "Ref": "AWS::AccountId" }, ":", { "Ref": naming::HTTP_API }, "/*"
                ]] }
            }
        }),
    );
    template.resource(
        naming::http_api_integration(&function.key),
        json!({
            "Type": "AWS::ApiGatewayV2::Integration",
            "Properties": {
                "ApiId": { "Ref": naming::HTTP_API },
                "IntegrationType": "AWS_PROXY",
                "IntegrationUri": { "Fn::GetAtt": [lambda, "Arn"] },
                "PayloadFormatVersion": payload,
                "TimeoutInMillis": timeout
            }
        }),
    );
}

/// A route. The Serverless Framework also writes `DependsOn` the
/// integration, which the `Ref` in `Target` already implies (cfn-lint W3005).
fn route(function: &str, route_key: &(String, String), template: &mut Template) {
    let (method, path) = route_key;
    let key = if method == "*" && path == "*" { "$default".to_owned() } else { format!("{method} {path}") };
    let integration = naming::http_api_integration(function);
    template.resource(
        naming::http_api_route(method, path),
        json!({
            "Type": "AWS::ApiGatewayV2::Route",
            "Properties": {
                "ApiId": { "Ref": naming::HTTP_API },
                "RouteKey": key,
                "Target": { "Fn::Join": ["/", ["integrations", { "Ref": integration }]] }
            }
        }),
    );
}

/// The method (upper case, `*` for any) and path of an event.
fn route_key(event: &Node) -> Option<(String, String)> {
    let (method, path) = match &event.kind {
        NodeKind::String(short) if short.trim() == "*" => ("*".to_owned(), "*".to_owned()),
        NodeKind::String(short) => {
            let (method, path) = short.trim().split_once(' ')?;
            (method.to_owned(), path.trim().to_owned())
        }
        NodeKind::Object(long) => (
            long.get("method").and_then(Node::as_str).unwrap_or("*").to_owned(),
            long.get("path").and_then(Node::as_str).unwrap_or("*").to_owned(),
        ),
        _ => return None,
    };
    let method = if method == "*" { method } else { method.to_uppercase() };
    let method = if method == "ANY" { "*".to_owned() } else { method };
    Some((method, path))
}

fn outputs(service: &Service<'_>, template: &mut Template) {
    template.output(
        "HttpApiId",
        json!({ "Description": "Id of the HTTP API", "Value": { "Ref": naming::HTTP_API }, "Export": { "Name": service.export("HttpApiId") } }),
    );
    template.output(
        "HttpApiUrl",
        json!({
            "Description": "URL of the HTTP API",
            "Value": { "Fn::Join": ["", [
                "https://", { "Ref": naming::HTTP_API }, ".execute-api.", { "Ref": "AWS::Region" }, ".", { "Ref": "AWS::URLSuffix" }
            ]] },
            "Export": { "Name": service.export("HttpApiUrl") }
        }),
    );
}
