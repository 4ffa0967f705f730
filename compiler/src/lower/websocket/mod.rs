//! `websocket` events: the service's WebSocket API (API Gateway v2), built
//! as the Serverless Framework v3 builds it: the API, per function an
//! integration and a permission, per event a route (and a route response
//! for two-way routes), Lambda authorizers, the stage, the deployment and
//! the `ServiceEndpointWebsocket` output. Functions may post to
//! connections: the shared role gets `execute-api:ManageConnections`.

mod authorizers;
mod deployment;
#[cfg(test)]
mod tests;

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::tree::{Entry, Node, NodeKind};

use super::service::Service;
use super::template::Template;
use crate::lower::common::events_of;
use crate::lower::common::{Target, invocation_uri};
use authorizers::Authorizer;
use deployment::Part;

/// The event kinds this module builds.
pub const KINDS: &[&str] = &["websocket"];

/// Default of `websocketsDescription`.
const DESCRIPTION: &str = "Serverless Websockets";

/// A route of the API.
struct Route<'a> {
    function: &'a Entry,
    event: &'a Node,
    key: String,
    two_way: bool,
    authorizer: Option<Authorizer>,
}

/// Adds the WebSocket API when a function has a `websocket` event.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let routes = routes(service, diagnostics);
    if routes.is_empty() {
        return;
    }
    logs(service, diagnostics);
    let external = service.get("provider.apiGateway.websocketApiId");
    let api = external.map_or_else(|| json!({ "Ref": naming::WEBSOCKETS_API }), Service::json);
    let mut part = Part::default();
    if external.is_none() {
        part.add(naming::WEBSOCKETS_API.to_owned(), api_resource(service));
    }
    integrations(&routes, &api, &mut part);
    route_responses(&routes, &api, &mut part);
    authorizers::resources(&routes, &api, &mut part);
    permissions(&routes, &api, &mut part);
    route_resources(&routes, &api, &mut part, diagnostics);
    deployment::lower(service, &routes, &api, external.is_some(), &mut part);
    for (id, resource) in part.resources {
        template.resource(id, deployment::without_implied_dependencies(resource));
    }
    deployment::output(service, &api, template);
}

/// Per function, the integration that invokes it (or its alias).
fn integrations(routes: &[Route<'_>], api: &Value, part: &mut Part) {
    for route in routes {
        let target = Target::of(route.function);
        let mut integration = json!({ "Type": "AWS::ApiGatewayV2::Integration" });
        if let Some(alias) = target.alias_id() {
            integration["DependsOn"] = json!(alias);
        }
        integration["Properties"] =
            json!({ "ApiId": api, "IntegrationType": "AWS_PROXY", "IntegrationUri": invocation_uri([target.arn()]) });
        part.add(naming::websockets_integration(&route.function.key), integration);
    }
}

/// Per two-way route, the response that sends the function's result back.
fn route_responses(routes: &[Route<'_>], api: &Value, part: &mut Part) {
    for route in routes.iter().filter(|r| r.two_way) {
        let properties = json!({ "ApiId": api, "RouteId": { "Ref": naming::websockets_route(&route.key) }, "RouteResponseKey": "$default" });
        part.add(
            naming::websockets_route_response(&route.key),
            json!({ "Type": "AWS::ApiGatewayV2::RouteResponse", "Properties": properties }),
        );
    }
}

/// The statements the shared role gets: posting to the API's connections,
/// unless the API is an existing one.
pub fn role_statements(service: &Service<'_>) -> Vec<Value> {
    let has_routes = service.functions_with("websocket").iter().any(|f| !events_of(&f.value, "websocket").is_empty());
    if !has_routes || service.get("provider.apiGateway.websocketApiId").is_some() {
        return Vec::new();
    }
    vec![json!({
        "Effect": "Allow",
        "Action": ["execute-api:ManageConnections"],
        "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:execute-api:*:*:*/@connections/*" }]
    })]
}

/// Every `websocket` event, in function and event order.
fn routes<'a>(service: &Service<'a>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Route<'a>> {
    let mut routes = Vec::new();
    for function in service.functions_with("websocket") {
        for event in events_of(&function.value, "websocket") {
            let (key, object) = match &event.kind {
                NodeKind::String(key) => (key.to_string(), None),
                NodeKind::Object(object) => match object.get("route").and_then(Node::as_str) {
                    Some(key) => (key.to_owned(), Some(object)),
                    None => continue,
                },
                _ => continue,
            };
            let own = |k: &str| object.and_then(|o| o.get(k));
            let authorizer = match own("authorizer") {
                Some(node) => match authorizers::parse(service, node, diagnostics) {
                    Some(authorizer) => Some(authorizer),
                    None => continue,
                },
                None => None,
            };
            let two_way = own("routeResponseSelectionExpression").is_some();
            routes.push(Route { function, event, key, two_way, authorizer });
        }
    }
    routes
}

fn api_resource(service: &Service<'_>) -> Value {
    let text = |key: &str| service.get("provider")?.at_address(key)?.as_str();
    let name = text("websocketsApiName")
        .map_or_else(|| format!("{}-{}-websockets", service.stage, service.name), str::to_owned);
    let mut properties = json!({
        "Name": name,
        "RouteSelectionExpression": text("websocketsApiRouteSelectionExpression").unwrap_or("$request.body.action"),
        "Description": text("websocketsDescription").unwrap_or(DESCRIPTION),
        "ProtocolType": "WEBSOCKET"
    });
    let provider_tags =
        service.get("provider.websocket.useProviderTags").is_some_and(|u| matches!(u.kind, NodeKind::Bool(true)));
    if let Some(tags) = service.get("provider.tags").filter(|_| provider_tags) {
        properties["Tags"] = Service::json(tags);
    }
    json!({ "Type": "AWS::ApiGatewayV2::Api", "Properties": properties })
}

/// Per function, and per authorizer function, permission for the API to
/// invoke it.
fn permissions(routes: &[Route<'_>], api: &Value, part: &mut Part) {
    let api_ref = api.get("Ref").cloned();
    for route in routes {
        let target = Target::of(route.function);
        let lambda =
            json!(target.alias_id().map_or_else(|| naming::lambda_function(&route.function.key), str::to_owned));
        let depends_on: Vec<Value> = api_ref.iter().cloned().chain([lambda]).collect();
        let resource = json!({
            "Type": "AWS::Lambda::Permission",
            "DependsOn": depends_on,
            "Properties": { "FunctionName": target.arn(), "Action": "lambda:InvokeFunction", "Principal": "apigateway.amazonaws.com" }
        });
        part.add(naming::websockets_permission(&route.function.key), resource);
        if let Some(authorizer) = &route.authorizer {
            authorizers::permission(authorizer, api_ref.as_ref(), part);
        }
    }
}

fn route_resources(routes: &[Route<'_>], api: &Value, part: &mut Part, diagnostics: &mut Vec<Diagnostic>) {
    for (index, route) in routes.iter().enumerate() {
        let id = naming::websockets_route(&route.key);
        if let Some(first) = routes[..index].iter().find(|r| naming::websockets_route(&r.key) == id) {
            diagnostics.push(route_twice(route, first));
            continue;
        }
        let integration = naming::websockets_integration(&route.function.key);
        let mut properties = json!({
            "ApiId": api,
            "RouteKey": route.key,
            "AuthorizationType": "NONE",
            "Target": { "Fn::Join": ["/", ["integrations", { "Ref": integration }]] }
        });
        if route.two_way {
            properties["RouteResponseSelectionExpression"] = json!("$default");
        }
        if let Some(authorizer) = &route.authorizer {
            properties["AuthorizationType"] = json!("CUSTOM");
            properties["AuthorizerId"] = json!({ "Ref": naming::websockets_authorizer(&authorizer.name) });
        }
        part.add(id, json!({ "Type": "AWS::ApiGatewayV2::Route", "Properties": properties }));
    }
}

/// `provider.logs.websocket` needs the account-wide API Gateway logging
/// role, which svc does not build yet.
fn logs(service: &Service<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let entry = service.get("provider.logs").and_then(Node::as_object).and_then(|l| l.entry("websocket"));
    if let Some(entry) = entry.filter(|e| !matches!(e.value.kind, NodeKind::Bool(false) | NodeKind::Null)) {
        diagnostics.push(
            Diagnostic::error(Code::E0404, "svc cannot build WebSocket API logs yet", entry.key_span, "not built yet")
                .with_help("remove `provider.logs.websocket`, or configure the stage's logs outside svc"),
        );
    }
}

fn route_twice(route: &Route<'_>, first: &Route<'_>) -> Diagnostic {
    Diagnostic::error(
        Code::E0303,
        format!("the route `{}` is already a route of the function `{}`", first.key, first.function.key),
        route.event.span,
        "the same route again",
    )
    .with_help("each route of the WebSocket API goes to one function")
}
