//! The routes of `httpApi` events, and per function the permission and
//! integration they target.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::span::Span;
use crate::tree::{Entry, Node};

use super::Config;
use super::cors::unique;
use crate::lower::common::events_of;
use crate::lower::common::{alias_id, target, truthy};
use crate::lower::function::setting;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// A route: its key (`GET /items`, `*` for the catch-all), its method
/// (`ANY` for any), the function it invokes and its authorization.
pub struct Route<'a> {
    /// `METHOD /path`, or `*`.
    pub key: String,
    /// The method, upper case; `ANY` for `*`.
    pub method: String,
    function: &'a Entry,
    authorizer: Option<Authorization>,
}

/// How a route is authorized.
enum Authorization {
    /// `{ type = "aws_iam" }`: IAM (SigV4).
    Iam,
    /// An authorizer of `provider.httpApi.authorizers` (by its key), or an
    /// existing one (`id`), with the scopes a JWT must carry.
    Authorizer { id: Value, kind: Option<String>, scopes: Option<Value> },
}

/// The routes of every function, in order. A later route with the same key
/// is an error, except `*`, which replaces the earlier one in place.
pub fn resolve<'a>(service: &Service<'a>, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Vec<Route<'a>> {
    let mut routes: Vec<Route<'a>> = Vec::new();
    // Where each key is in `routes`, for the duplicate check.
    let mut at: HashMap<String, usize> = HashMap::new();
    for function in service.functions_with("httpApi") {
        for event in events_of(&function.value, "httpApi") {
            let Some((method, path)) = method_and_path(event) else { continue };
            let key = naming::http_api_route_key(&method, &path);
            let method =
                if key == "*" { "ANY".to_owned() } else { key.split(' ').next().unwrap_or_default().to_owned() };
            let authorizer = match authorization(config, event) {
                Ok(authorizer) => authorizer,
                Err(name) => {
                    diagnostics.push(unknown_authorizer(&name, event.span));
                    None
                }
            };
            let route = Route { key, method, function, authorizer };
            match at.get(&route.key) {
                Some(&index) if route.key == "*" => routes[index] = route,
                Some(_) => diagnostics.push(duplicate(&route.key, event.span)),
                None => {
                    at.insert(route.key.clone(), routes.len());
                    routes.push(route);
                }
            }
        }
    }
    routes
}

/// The method (as written, `*` when absent) and path of an event.
fn method_and_path(event: &Node) -> Option<(String, String)> {
    match Service::json(event) {
        Value::String(short) if short.trim() == "*" => Some(("*".to_owned(), "*".to_owned())),
        Value::String(short) => {
            let (method, path) = short.trim().split_once(' ')?;
            Some((method.to_owned(), path.trim().to_owned()))
        }
        Value::Object(long) => {
            let text = |key: &str| long.get(key).and_then(Value::as_str).map(str::to_owned);
            Some((text("method").unwrap_or_else(|| "*".to_owned()), text("path").unwrap_or_else(|| "*".to_owned())))
        }
        _ => None,
    }
}

/// The event's `authorizer`; `Err(name)` for a name that
/// `provider.httpApi.authorizers` does not define.
fn authorization(config: &Config, event: &Node) -> Result<Option<Authorization>, String> {
    let Some(authorizer) = Service::json(event).get("authorizer").filter(|a| truthy(Some(a))).cloned() else {
        return Ok(None);
    };
    let field = |key: &str| authorizer.get(key).filter(|v| !v.is_null()).cloned();
    let (name, kind) = match &authorizer {
        Value::String(name) => (Some(name.clone()), None),
        _ => (field("name").and_then(|n| n.as_str().map(str::to_owned)), field("type")),
    };
    let kind = kind.and_then(|k| k.as_str().map(str::to_owned));
    let scopes = field("scopes");
    if let Some(id) = field("id") {
        return Ok(Some(Authorization::Authorizer { id, kind, scopes }));
    }
    if kind.as_deref() == Some("aws_iam") {
        return Ok(Some(Authorization::Iam));
    }
    let name = name.unwrap_or_default();
    let defined = config.get("authorizers").and_then(|a| a.get(&name)).ok_or_else(|| name.clone())?;
    let display = defined.get("name").and_then(Value::as_str).unwrap_or(&name);
    let kind = defined.get("type").and_then(Value::as_str).map(str::to_owned);
    let id = json!({ "Ref": naming::http_api_authorizer(display) });
    Ok(Some(Authorization::Authorizer { id, kind, scopes }))
}

/// Per route: the function's permission and integration (once), the route.
pub fn lower(config: &Config, routes: &[Route<'_>], template: &mut Template) {
    for route in routes {
        let function = route.function;
        if !template.has_resource(&naming::http_api_integration(&function.key)) {
            permission(config, function, template);
            integration(config, function, template);
        }
        let integration = naming::http_api_integration(&function.key);
        let id = naming::http_api_route_of_key(&route.key);
        if config.names_only {
            template.named(id, "AWS::ApiGatewayV2::Route");
            continue;
        }
        let mut properties = json!({
            "ApiId": config.api_id(),
            "RouteKey": if route.key == "*" { "$default" } else { route.key.as_str() },
            "Target": { "Fn::Join": ["/", ["integrations", { "Ref": integration }]] }
        });
        match &route.authorizer {
            Some(Authorization::Iam) => properties["AuthorizationType"] = json!("AWS_IAM"),
            Some(Authorization::Authorizer { id, kind, scopes }) => {
                properties["AuthorizationType"] =
                    json!(if kind.as_deref() == Some("request") { "CUSTOM" } else { "JWT" });
                properties["AuthorizerId"] = id.clone();
                if let Some(scopes) = scopes {
                    properties["AuthorizationScopes"] = unique(scopes);
                }
            }
            None => {}
        }
        // Serverless also writes `DependsOn` the integration, which the
        // `Ref` in `Target` implies (cfn-lint W3005).
        template.resource(id, json!({ "Type": "AWS::ApiGatewayV2::Route", "Properties": properties }));
    }
}

/// Lets API Gateway invoke the function (or its alias) from this API.
pub fn permission(config: &Config, function: &Entry, template: &mut Template) {
    if config.names_only {
        template.named(naming::http_api_permission(&function.key), "AWS::Lambda::Permission");
        return;
    }
    let mut resource = json!({
        "Type": "AWS::Lambda::Permission",
        "Properties": {
            "FunctionName": target(function),
            "Action": "lambda:InvokeFunction",
            "Principal": "apigateway.amazonaws.com",
            "SourceArn": source_arn(config)
        }
    });
    if let Some(alias) = alias_id(function) {
        resource["DependsOn"] = json!(alias);
    }
    template.resource(naming::http_api_permission(&function.key), resource);
}

/// `arn:…:execute-api:<region>:<account>:<api>/*`
pub fn source_arn(config: &Config) -> Value {
    json!({ "Fn::Join": ["", [
        "arn:", { "Ref": "AWS::Partition" }, ":execute-api:", { "Ref": "AWS::Region" }, ":",
        { "Ref": "AWS::AccountId" }, ":", config.api_id(), "/*"
    ]] })
}

/// The function's integration; always 30 s, the most an HTTP API waits.
fn integration(config: &Config, function: &Entry, template: &mut Template) {
    if config.names_only {
        template.named(naming::http_api_integration(&function.key), "AWS::ApiGatewayV2::Integration");
        return;
    }
    let own = setting(function, "httpApi");
    let payload = [own.as_ref().and_then(|h| h.get("payload")), config.get("payload")]
        .into_iter()
        .flatten()
        .find(|p| truthy(Some(p)))
        .cloned()
        .unwrap_or(json!("2.0"));
    let mut resource = json!({
        "Type": "AWS::ApiGatewayV2::Integration",
        "Properties": {
            "ApiId": config.api_id(),
            "IntegrationType": "AWS_PROXY",
            "IntegrationUri": target(function),
            "PayloadFormatVersion": payload,
            "TimeoutInMillis": 30000
        }
    });
    if let Some(alias) = alias_id(function) {
        resource["DependsOn"] = json!(alias);
    }
    template.resource(naming::http_api_integration(&function.key), resource);
}

fn unknown_authorizer(name: &str, span: Span) -> Diagnostic {
    Diagnostic::error(Code::E0406, format!("authorizer `{name}` is not defined"), span, "this route's authorizer")
        .with_help("define it in `provider aws { httpApi { authorizers { … } } }`, or fix the name")
}

fn duplicate(key: &str, span: Span) -> Diagnostic {
    Diagnostic::error(Code::E0407, format!("route `{key}` is defined twice"), span, "the same method and path again")
        .with_help("an HTTP API has one route per method and path: remove one, or change its path")
}
