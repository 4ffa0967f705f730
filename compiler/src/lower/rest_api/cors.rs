//! CORS of `http` events: per path, the settings of all its endpoints
//! merged, answered by an `OPTIONS` method with a `MOCK` integration.

use serde_json::{Map, Value, json};

use crate::naming;
use crate::tree::{Node, NodeKind};

use super::Api;
use super::endpoint::Endpoint;
use super::resources::Tree;
use crate::lower::service::Service;

/// Headers allowed when `cors = true` or `headers` is not given.
const DEFAULT_HEADERS: &[&str] = &[
    "Content-Type",
    "X-Amz-Date",
    "Authorization",
    "X-Api-Key",
    "X-Amz-Security-Token",
    "X-Amz-User-Agent",
    "X-Amzn-Trace-Id",
];

/// The CORS settings of an endpoint, or of a path once merged.
#[derive(Clone, Debug, Default)]
pub struct Cors {
    origin: Option<String>,
    origins: Vec<String>,
    headers: Vec<String>,
    methods: Vec<String>,
    allow_credentials: bool,
    max_age: Option<Value>,
    cache_control: Option<String>,
}

/// `cors = true` or `cors { … }` of an endpoint whose method is `method`
/// (upper case); `None` for `cors = false`.
pub fn parse(node: &Node, method: &str) -> Option<Cors> {
    let mut cors = Cors {
        origin: Some("*".to_owned()),
        headers: strings(DEFAULT_HEADERS),
        methods: vec!["OPTIONS".to_owned()],
        ..Cors::default()
    };
    match &node.kind {
        NodeKind::Bool(true) => {}
        NodeKind::Object(object) => {
            let text = |key: &str| object.get(key).and_then(Node::as_str).map(str::to_owned);
            let list = |key: &str| object.get(key).map(texts);
            if object.get("origins").is_some() {
                cors.origin = None;
            }
            cors.origin = text("origin").or(cors.origin);
            cors.origins = list("origins").unwrap_or_default();
            cors.headers = list("headers").unwrap_or(cors.headers);
            cors.methods = list("methods").unwrap_or_default();
            cors.allow_credentials =
                object.get("allowCredentials").is_some_and(|a| matches!(a.kind, NodeKind::Bool(true)));
            cors.max_age = object.get("maxAge").map(Service::json);
            cors.cache_control = text("cacheControl");
            if !cors.methods.iter().any(|m| m == "OPTIONS") {
                cors.methods.push("OPTIONS".to_owned());
            }
        }
        _ => return None,
    }
    if !cors.methods.iter().any(|m| m == method) {
        cors.methods.push(method.to_owned());
    }
    Some(cors)
}

/// Adds an `OPTIONS` method per path with CORS, in the order the paths
/// first appear.
pub fn lower(api: &mut Api<'_, '_>, tree: &Tree, endpoints: &[Endpoint<'_>]) {
    let mut paths: Vec<(&str, Cors)> = Vec::new();
    for endpoint in endpoints {
        let Some(cors) = &endpoint.cors else { continue };
        match paths.iter_mut().find(|(path, _)| *path == endpoint.path) {
            Some((_, merged)) => *merged = merge(merged, cors),
            None => paths.push((&endpoint.path, cors.clone())),
        }
    }
    for (path, cors) in paths {
        let id = naming::rest_api_method(&tree.name(path), "options");
        let resource = json!({
            "Type": "AWS::ApiGateway::Method",
            "Properties": preflight(api, tree.resource_id(api, path), &cors)
        });
        api.add(&id, resource);
        api.methods.push(id);
    }
}

/// The settings of a later endpoint on the same path merged into the
/// earlier ones: lists united (the later endpoint's first), the later
/// `origin`, credentials if any endpoint allows them, the last `maxAge`
/// and `cacheControl` given.
fn merge(earlier: &Cors, later: &Cors) -> Cors {
    Cors {
        origin: later.origin.clone(),
        origins: union(&later.origins, &earlier.origins),
        headers: union(&later.headers, &earlier.headers),
        methods: union(&later.methods, &earlier.methods),
        allow_credentials: earlier.allow_credentials || later.allow_credentials,
        max_age: later.max_age.clone().or_else(|| earlier.max_age.clone()),
        cache_control: later.cache_control.clone().or_else(|| earlier.cache_control.clone()),
    }
}

fn preflight(api: &Api<'_, '_>, resource: Value, cors: &Cors) -> Value {
    let (headers, origins) = headers(cors);
    let declared: Map<String, Value> =
        headers.iter().map(|(name, _)| (format!("method.response.header.{name}"), json!(true))).collect();
    let values: Map<String, Value> =
        headers.into_iter().map(|(name, value)| (format!("method.response.header.{name}"), json!(value))).collect();
    let template = if origins.is_empty() { String::new() } else { origin_template(&origins) };
    json!({
        "AuthorizationType": "NONE",
        "HttpMethod": "OPTIONS",
        "MethodResponses": [{ "StatusCode": "200", "ResponseParameters": declared, "ResponseModels": {} }],
        "RequestParameters": {},
        "Integration": {
            "Type": "MOCK",
            "RequestTemplates": { "application/json": "{statusCode:200}" },
            "ContentHandling": "CONVERT_TO_TEXT",
            "IntegrationResponses": [{
                "StatusCode": "200",
                "ResponseParameters": values,
                "ResponseTemplates": { "application/json": template }
            }]
        },
        "ResourceId": resource,
        "RestApiId": api.id()
    })
}

/// The preflight response's headers and values, and the allowed origins
/// when there are several (`origins`, or `origin` with commas).
fn headers(cors: &Cors) -> (Vec<(&'static str, String)>, Vec<String>) {
    let mut origins = cors.origins.clone();
    if let Some(origin) = cors.origin.as_ref().filter(|o| o.contains(',')) {
        origins = origin.split(',').map(|o| o.trim().to_owned()).collect();
    }
    let origin = origins.first().cloned().or_else(|| cors.origin.clone()).unwrap_or_default();
    let mut methods = cors.methods.join(",");
    if cors.methods.iter().any(|m| m == "ANY") {
        methods = methods.replacen("ANY", "DELETE,GET,HEAD,PATCH,POST,PUT", 1);
    }
    let mut headers = vec![
        ("Access-Control-Allow-Origin", format!("'{origin}'")),
        ("Access-Control-Allow-Headers", format!("'{}'", cors.headers.join(","))),
        ("Access-Control-Allow-Methods", format!("'{methods}'")),
    ];
    if cors.allow_credentials {
        headers.push(("Access-Control-Allow-Credentials", "'true'".to_owned()));
    }
    if let Some(max_age) = &cors.max_age {
        let text = max_age.as_str().map_or_else(|| max_age.to_string(), str::to_owned);
        headers.push(("Access-Control-Max-Age", format!("'{text}'")));
    }
    if let Some(cache_control) = &cors.cache_control {
        headers.push(("Cache-Control", format!("'{cache_control}'")));
    }
    (headers, origins)
}

/// The response template that echoes the request's `Origin` when it matches
/// one of `origins` (`*` matches anything, `.` is literal).
fn origin_template(origins: &[String]) -> String {
    let tests: Vec<String> = origins
        .iter()
        .map(|o| format!("$origin.matches(\"{}\")", o.replace('.', "[.]").replacen('*', ".+", 1)))
        .collect();
    format!(
        "#set($origin = $input.params(\"Origin\"))\n#if($origin == \"\") #set($origin = $input.params(\"origin\")) #end\n#if({}) #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin) #end",
        tests.join(" || ")
    )
}

/// lodash `union`: the items of `first`, then those of `second` not seen.
fn union(first: &[String], second: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in first.iter().chain(second) {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// A list of strings (or one string) as texts.
fn texts(node: &Node) -> Vec<String> {
    match &node.kind {
        NodeKind::List(items) => items.iter().filter_map(Node::as_str).map(str::to_owned).collect(),
        NodeKind::String(text) => vec![text.to_string()],
        _ => Vec::new(),
    }
}
