//! The methods of the REST API, one per `http` event, and the permission
//! for API Gateway to invoke each function.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;

use super::Api;
use super::authorizers;
use super::endpoint::{self, Endpoint};
use super::resources::Tree;
use crate::lower::common::{Target, invocation_uri};
use crate::lower::service::Service;

/// Adds a method per endpoint.
pub fn lower(api: &mut Api<'_, '_>, tree: &Tree, endpoints: &[Endpoint<'_>], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, &Endpoint<'_>> = HashMap::new();
    for endpoint in endpoints {
        let id = naming::rest_api_method(&tree.name(&endpoint.path), &endpoint.method);
        if let Some(other) = seen.insert(id.clone(), endpoint) {
            // Paths that only look alike are reported with their resources.
            if other.path == endpoint.path {
                diagnostics.push(twice(endpoint, &other.function.key));
            }
            continue;
        }
        let target = Target::of(endpoint.function);
        let mut properties = json!({
            "HttpMethod": endpoint.method.to_uppercase(),
            "RequestParameters": request_parameters(endpoint),
            "ResourceId": tree.resource_id(api, &endpoint.path),
            "RestApiId": api.id(),
        });
        if let Some(operation) = &endpoint.operation_id {
            properties["OperationName"] = operation.clone();
        }
        properties["ApiKeyRequired"] = json!(endpoint.private);
        authorizers::authorization(endpoint.authorizer.as_ref(), &mut properties);
        properties["Integration"] = integration(endpoint, &target);
        properties["MethodResponses"] = json!([]);
        let mut depends_on = vec![naming::rest_api_permission(&endpoint.function.key)];
        depends_on.extend(target.alias_id().map(str::to_owned));
        api.add(&id, json!({ "Type": "AWS::ApiGateway::Method", "Properties": properties, "DependsOn": depends_on }));
        api.methods.push(id);
    }
}

/// `method.request.…` → whether it is required.
fn request_parameters(endpoint: &Endpoint<'_>) -> Value {
    let parameters: Map<String, Value> =
        endpoint.parameters.iter().map(|(name, p)| (name.clone(), json!(endpoint::required(p)))).collect();
    Value::Object(parameters)
}

/// The Lambda proxy integration (the function, or its alias), or an HTTP
/// proxy to `request.uri`.
fn integration(endpoint: &Endpoint<'_>, target: &Target) -> Value {
    let Some(proxy) = &endpoint.http_proxy else {
        let mut arn = vec![target.function_arn()];
        arn.extend(target.alias.iter().flat_map(|(name, _)| [json!(":"), json!(name)]));
        return json!({ "IntegrationHttpMethod": "POST", "Type": "AWS_PROXY", "Uri": invocation_uri(arn) });
    };
    let mut integration = json!({
        "IntegrationHttpMethod": endpoint.method.to_uppercase(),
        "Type": "HTTP_PROXY",
        "Uri": proxy.uri,
    });
    if let Some((kind, id)) = &proxy.connection {
        integration["ConnectionType"] = json!(kind);
        integration["ConnectionId"] = id.clone();
    }
    if !endpoint.parameters.is_empty() {
        let parameters: Map<String, Value> = endpoint
            .parameters
            .iter()
            .map(|(name, p)| {
                let mapped = p.as_object().and_then(|o| o.get("mappedValue")).map(Service::json);
                let key = format!("integration.{}", name.trim_start_matches("method."));
                (key, mapped.unwrap_or_else(|| json!(name)))
            })
            .collect();
        integration["RequestParameters"] = Value::Object(parameters);
    }
    integration
}

/// Per function with endpoints, permission for the API to invoke it; and
/// for the Lambda authorizers.
pub fn permissions(api: &mut Api<'_, '_>, endpoints: &[Endpoint<'_>]) {
    for endpoint in endpoints {
        let target = Target::of(endpoint.function);
        let mut resource = json!({
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "FunctionName": target.arn(),
                "Action": "lambda:InvokeFunction",
                "Principal": "apigateway.amazonaws.com",
                "SourceArn": api.source_arn()
            }
        });
        if let Some(alias) = target.alias_id() {
            resource["DependsOn"] = json!(alias);
        }
        api.add(&naming::rest_api_permission(&endpoint.function.key), resource);
        authorizers::permission(api, endpoint.authorizer.as_ref());
    }
}

fn twice(endpoint: &Endpoint<'_>, other: &str) -> Diagnostic {
    let route = format!("{} /{}", endpoint.method.to_uppercase(), endpoint.path);
    Diagnostic::error(
        Code::E0303,
        format!("`{route}` is already an endpoint of the function `{other}`"),
        endpoint.event.span,
        "the same method and path again",
    )
    .with_help("each method and path of the REST API goes to one function")
}
