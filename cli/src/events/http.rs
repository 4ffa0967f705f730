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

use crate::gateway::request::Request;
use crate::gateway::v2::{self, Arrival};

use super::Context;
use super::route::Route;

/// The request.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let route = Route::of(declaration);
    let route_key = if route.catch_all { "$default".to_owned() } else { format!("{} {}", route.method, route.path) };
    let length = if route.has_body() { SAMPLE_BODY.len() } else { 0 };
    let headers = |domain: &str| {
        let mut headers = vec![
            ("accept", "*/*".to_owned()),
            ("content-length", length.to_string()),
            ("host", domain.to_owned()),
            ("user-agent", USER_AGENT.to_owned()),
            ("x-amzn-trace-id", trace_id(context)),
            ("x-forwarded-for", SOURCE_IP.to_owned()),
            ("x-forwarded-port", "443".to_owned()),
            ("x-forwarded-proto", "https".to_owned()),
        ];
        if route.has_body() {
            headers.push(("content-type", "application/json".to_owned()));
        }
        headers
    };
    let (request, arrival) = sample_request(context, &route, headers, "$default", context.token("request", 16));
    v2::event(&request, &arrival, &route_key, route.parameters(), authorizer(context, declaration))
}

/// A request to `route` as a client sends it, with the `headers` made for
/// the API's domain (and the sample body for a method that sends one),
/// and where it arrives: on `stage`, as request `request_id`.
pub fn sample_request<'h>(
    context: &Context<'_>,
    route: &Route,
    headers: impl FnOnce(&str) -> Vec<(&'h str, String)>,
    stage: &str,
    request_id: String,
) -> (Request, Arrival) {
    let api = context.token("api", 10);
    let domain = format!("{api}.execute-api.{}.amazonaws.com", context.region());
    let request = Request {
        method: route.request_method().to_owned(),
        raw_path: route.request_path(),
        raw_query: String::new(),
        headers: headers(&domain).into_iter().map(|(name, value)| (name.to_owned(), value)).collect(),
        body: if route.has_body() { SAMPLE_BODY.as_bytes().to_vec() } else { Vec::new() },
        source_ip: SOURCE_IP.to_owned(),
    };
    let arrival = Arrival {
        account: context.account().to_owned(),
        domain,
        stage: stage.to_owned(),
        request_id,
        time: context.clock.common_log(),
        epoch: context.clock.millis(),
        api_id: api,
    };
    (request, arrival)
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
