//! `--event http`: an HTTP API request to the function's `httpApi` route,
//! in payload format 2.0 (what svc's HTTP API integrations use).
//!
//! Shape: the "API Gateway proxy event (HTTP API)" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html>
//! (`sample-apps/nodejs-apig/event-v2.json`), with the optional fields of
//! <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html>
//! that such a request has: `pathParameters` when the route has
//! parameters, `body` for a method that sends one, and
//! `requestContext.authorizer` for a route with an `authorizer` (JWT claims
//! naming the authorizer's issuer and audience, a Lambda authorizer's empty
//! context, or an IAM caller).

use serde_json::{Map, Value, json};

use super::Context;
use super::route::Route;

/// The request.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let route = Route::of(declaration);
    let api = context.token("api", 10);
    let domain = format!("{api}.execute-api.{}.amazonaws.com", context.region());
    let path = route.request_path();
    let route_key = if route.catch_all { "$default".to_owned() } else { format!("{} {}", route.method, route.path) };
    let mut headers = json!({
        "accept": "*/*",
        "content-length": "0",
        "host": domain,
        "user-agent": USER_AGENT,
        "x-amzn-trace-id": trace_id(context),
        "x-forwarded-for": SOURCE_IP,
        "x-forwarded-port": "443",
        "x-forwarded-proto": "https"
    });
    let mut event = json!({
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": path,
        "rawQueryString": "",
        "headers": {},
        "requestContext": {
            "accountId": context.account(),
            "apiId": api,
            "domainName": domain,
            "domainPrefix": api,
            "http": {
                "method": route.request_method(),
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": SOURCE_IP,
                "userAgent": USER_AGENT
            },
            "requestId": context.token("request", 16),
            "routeKey": route_key,
            "stage": "$default",
            "time": context.clock.common_log(),
            "timeEpoch": context.clock.millis()
        },
        "isBase64Encoded": false
    });
    if let Some(authorizer) = authorizer(context, declaration) {
        event["requestContext"]["authorizer"] = authorizer;
    }
    let parameters = route.parameters();
    if !parameters.is_empty() {
        event["pathParameters"] = Value::Object(parameters);
    }
    if route.has_body() {
        headers["content-type"] = json!("application/json");
        headers["content-length"] = json!(SAMPLE_BODY.len().to_string());
        event["body"] = json!(SAMPLE_BODY);
    }
    event["headers"] = headers;
    event
}

/// What the route's `authorizer` (`"name"`, or a block with `name`,
/// `type`, `scopes`) puts in `requestContext.authorizer`, by its type
/// (the event's, else that of `provider.httpApi.authorizers.<name>`).
fn authorizer(context: &Context<'_>, declaration: &Value) -> Option<Value> {
    let written = declaration.get("authorizer").filter(|a| !a.is_null() && *a != &Value::Bool(false))?;
    let name = written.as_str().or_else(|| written.get("name")?.as_str()).unwrap_or_default();
    let defined = context.provider.get("httpApi").and_then(|h| h.get("authorizers")?.get(name));
    let field = |key: &str| written.get(key).or_else(|| defined?.get(key));
    Some(match field("type").and_then(Value::as_str) {
        Some("aws_iam") => json!({ "iam": {
            "accessKey": format!("ASIA{}", context.token("access key", 16).to_uppercase()),
            "accountId": context.account(),
            "callerId": format!("AROA{}", context.token("caller", 17).to_uppercase()),
            "cognitoIdentity": null,
            "principalOrgId": null,
            "userArn": format!("arn:aws:iam::{}:user/sample", context.account()),
            "userId": format!("AIDA{}", context.token("user", 17).to_uppercase())
        }}),
        Some("request") => json!({ "lambda": {} }),
        _ => {
            let mut claims = json!({ "sub": context.uuid("subject") });
            if let Some(issuer) = field("issuerUrl").and_then(Value::as_str) {
                claims["iss"] = json!(issuer);
            }
            let audience = field("audience").map(|a| a.as_array().and_then(|a| a.first()).unwrap_or(a).clone());
            if let Some(audience) = audience.filter(Value::is_string) {
                claims["aud"] = audience;
            }
            json!({ "jwt": { "claims": claims, "scopes": field("scopes").cloned().unwrap_or(Value::Null) } })
        }
    })
}

/// The body of a request that sends one.
pub const SAMPLE_BODY: &str = r#"{"message":"Hello from svc"}"#;

/// The client's address: one of the documentation range (RFC 5737).
pub const SOURCE_IP: &str = "192.0.2.1";

/// The client.
pub const USER_AGENT: &str = concat!("svc/", env!("CARGO_PKG_VERSION"));

/// Header or query pairs as an object of values.
pub fn single_values(pairs: &[(String, String)]) -> Map<String, Value> {
    pairs.iter().map(|(key, value)| (key.clone(), json!(value))).collect()
}

/// Header or query pairs as an object of one-value lists (the multi-value
/// form).
pub fn multi_values(pairs: &[(String, String)]) -> Map<String, Value> {
    pairs.iter().map(|(key, value)| (key.clone(), json!([value]))).collect()
}

/// An X-Ray trace header: `Root=1-<seconds in hex>-<24 hex digits>`.
pub fn trace_id(context: &Context<'_>) -> String {
    let random: String = context.uuid("trace").chars().filter(char::is_ascii_hexdigit).take(24).collect();
    format!("Root=1-{:08x}-{random}", context.clock.millis() / 1000)
}
