//! `provider.httpApi.cors`: the API's `CorsConfiguration`. `true` allows
//! every origin with the default headers; an object replaces what it sets.
//! Without `allowedMethods`, the methods are `OPTIONS` and those of the
//! routes (`ANY` standing for every method).

use serde_json::{Map, Value, json};

use super::routes::Route;

/// Headers allowed unless `allowedHeaders` says otherwise.
const DEFAULT_HEADERS: [&str; 7] = [
    "Content-Type",
    "X-Amz-Date",
    "Authorization",
    "X-Api-Key",
    "X-Amz-Security-Token",
    "X-Amz-User-Agent",
    "X-Amzn-Trace-Id",
];

/// The methods `ANY` allows, in Serverless's order.
const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "OPTIONS", "HEAD", "DELETE"];

/// The `CorsConfiguration` of `cors` (`true` or the settings).
pub fn configuration(cors: &Value, routes: &[Route]) -> Value {
    let settings = cors.as_object().cloned().unwrap_or_default();
    let set = |key: &str| settings.get(key).filter(|v| !v.is_null() && v != &&Value::Bool(false)).map(unique);
    let defaults = |list: &[&str]| Value::Array(list.iter().map(|item| json!(item)).collect());
    let mut out = Map::new();
    if settings.get("allowCredentials") == Some(&Value::Bool(true)) {
        out.insert("AllowCredentials".into(), json!(true));
    }
    out.insert("AllowHeaders".into(), set("allowedHeaders").unwrap_or_else(|| defaults(&DEFAULT_HEADERS)));
    out.insert("AllowMethods".into(), set("allowedMethods").unwrap_or_else(|| route_methods(routes)));
    out.insert("AllowOrigins".into(), set("allowedOrigins").unwrap_or_else(|| defaults(&["*"])));
    if let Some(exposed) = set("exposedResponseHeaders") {
        out.insert("ExposeHeaders".into(), exposed);
    }
    if let Some(age) = settings.get("maxAge").filter(|a| !a.is_null()) {
        out.insert("MaxAge".into(), age.clone());
    }
    Value::Object(out)
}

/// `OPTIONS` and the methods of the routes, each once.
fn route_methods(routes: &[Route]) -> Value {
    let mut methods = vec!["OPTIONS".to_owned()];
    let mut add = |method: &str| {
        if !methods.iter().any(|m| m == method) {
            methods.push(method.to_owned());
        }
    };
    for route in routes {
        match route.method.as_str() {
            "ANY" => METHODS.iter().for_each(|m| add(m)),
            method => add(method),
        }
    }
    Value::Array(methods.into_iter().map(Value::String).collect())
}

/// A list (or a single value, as a list) without repeats.
pub(super) fn unique(value: &Value) -> Value {
    let items = match value {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    let mut out: Vec<Value> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    Value::Array(out)
}
