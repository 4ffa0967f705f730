//! One `http` event read into what the REST API needs: path, method, CORS,
//! authorizer, integration and request parameters, with the Serverless
//! Framework's defaults.

use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic};
use crate::tree::{Entry, Node, NodeKind, Object};

use super::authorizers::{self, Authorizer};
use super::cors::{self, Cors};
use crate::lower::common::events_of;
use crate::lower::service::Service;

/// An endpoint of the REST API.
pub struct Endpoint<'a> {
    /// The function behind it.
    pub function: &'a Entry,
    /// The event, for diagnostics.
    pub event: &'a Node,
    /// The path without its leading and trailing `/` (`""` for the root).
    pub path: String,
    /// The method in lower case (`any` for `*`).
    pub method: String,
    /// CORS settings, with the defaults filled in.
    pub cors: Option<Cors>,
    /// `private = true`: an API key is required.
    pub private: bool,
    /// Who may call it.
    pub authorizer: Option<Authorizer>,
    /// For `integration = "http-proxy"`: the backend.
    pub http_proxy: Option<HttpProxy>,
    /// `method.request.<querystring|path|header>.<name>` → `true`/`false`
    /// or `{ required, mappedValue }`.
    pub parameters: Vec<(String, &'a Node)>,
    /// `request.schemas`: content type → schema.
    pub schemas: Option<&'a Object>,
    /// `operationId`.
    pub operation_id: Option<Value>,
}

/// The backend of an `http-proxy` integration.
pub struct HttpProxy {
    /// `request.uri`
    pub uri: Value,
    /// `connectionType` (upper case, `_` for `-`) and `connectionId`.
    pub connection: Option<(String, Value)>,
}

/// Every `http` event of the service, in function and event order.
pub fn endpoints<'a>(service: &Service<'a>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Endpoint<'a>> {
    let mut endpoints = Vec::new();
    for function in service.functions_with("http") {
        for event in events_of(&function.value, "http") {
            endpoints.extend(endpoint(service, function, event, diagnostics));
        }
    }
    endpoints
}

fn endpoint<'a>(
    service: &Service<'a>,
    function: &'a Entry,
    event: &'a Node,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Endpoint<'a>> {
    let (method, path) = route(event)?;
    let own = |key: &str| event.as_object().and_then(|e| e.get(key));
    let method = if method == "*" { "any".to_owned() } else { method.to_lowercase() };
    let http_proxy = integration(event, diagnostics)?;
    let request = own("request").and_then(Node::as_object);
    let authorizer = own("authorizer").and_then(|a| authorizers::parse(service, a, diagnostics));
    Some(Endpoint {
        function,
        event,
        path: path.trim_start_matches('/').trim_end_matches('/').to_owned(),
        cors: own("cors").and_then(|c| cors::parse(c, &method.to_uppercase())),
        private: own("private").is_some_and(|p| matches!(p.kind, NodeKind::Bool(true))),
        authorizer,
        http_proxy,
        parameters: request.and_then(|r| r.get("parameters")).map(parameters).unwrap_or_default(),
        schemas: request.and_then(|r| r.get("schemas")).and_then(Node::as_object),
        operation_id: own("operationId").map(Service::json),
        method,
    })
}

/// `(method, path)` of `http = "GET users/{id}"` or `http { method, path }`.
fn route(event: &Node) -> Option<(String, String)> {
    match &event.kind {
        NodeKind::String(short) => {
            let (method, path) = short.trim().split_once(' ')?;
            Some((method.to_owned(), path.trim().to_owned()))
        }
        NodeKind::Object(long) => {
            Some((long.get("method")?.as_str()?.to_owned(), long.get("path")?.as_str()?.to_owned()))
        }
        _ => None,
    }
}

/// `None` inside for the Lambda proxy integration, the backend for
/// `http-proxy`; an error (and `None`) for the integrations svc does not
/// build: `lambda` (and `async`), `http` and `mock`.
fn integration(event: &Node, diagnostics: &mut Vec<Diagnostic>) -> Option<Option<HttpProxy>> {
    let Some(object) = event.as_object() else { return Some(None) };
    if let Some(entry) = object.entry("async").filter(|a| matches!(a.value.kind, NodeKind::Bool(true))) {
        diagnostics.push(not_built(entry, "`async = true` (the `lambda` integration)"));
        return None;
    }
    let Some(entry) = object.entry("integration") else { return Some(None) };
    let kind = entry.value.as_str().unwrap_or_default().to_uppercase().replacen('-', "_", 1);
    match kind.as_str() {
        "LAMBDA_PROXY" | "AWS_PROXY" => Some(None),
        "HTTP_PROXY" => Some(Some(http_proxy(object))),
        _ => {
            diagnostics
                .push(not_built(entry, &format!("`integration = \"{}\"`", entry.value.as_str().unwrap_or_default())));
            None
        }
    }
}

fn http_proxy(event: &Object) -> HttpProxy {
    let uri = event.get("request").and_then(Node::as_object).and_then(|r| r.get("uri"));
    let connection = event.get("connectionType").and_then(Node::as_str).map(|kind| {
        let id = event.get("connectionId").map_or(Value::Null, Service::json);
        (kind.to_uppercase().replacen('-', "_", 1), id)
    });
    HttpProxy { uri: uri.map_or(Value::Null, Service::json), connection }
}

/// `request.parameters` as method request parameter names: query strings,
/// then paths, then headers.
fn parameters(node: &Node) -> Vec<(String, &Node)> {
    let Some(locations) = node.as_object() else { return Vec::new() };
    let mut parameters = Vec::new();
    for (plural, singular) in [("querystrings", "querystring"), ("paths", "path"), ("headers", "header")] {
        let Some(names) = locations.get(plural).and_then(Node::as_object) else { continue };
        for entry in names.entries() {
            parameters.push((format!("method.request.{singular}.{}", entry.key), &entry.value));
        }
    }
    parameters
}

/// Whether a parameter is required: `true`, or an object without
/// `required = false`.
pub fn required(parameter: &Node) -> bool {
    match &parameter.kind {
        NodeKind::Bool(required) => *required,
        NodeKind::Object(object) => object.get("required").is_none_or(|r| !matches!(r.kind, NodeKind::Bool(false))),
        _ => false,
    }
}

/// E0404 for a part of an `http` event svc does not build.
pub fn not_built(entry: &Entry, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::E0404,
        format!("svc cannot build `http` events with {what} yet"),
        entry.key_span,
        "not built yet",
    )
    .with_help("svc builds `http` events with the `lambda-proxy` (default) and `http-proxy` integrations")
}
