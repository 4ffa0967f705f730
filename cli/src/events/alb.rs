//! `--event alb`: a request an Application Load Balancer forwards to the
//! function's target group, matching the `conditions` of its `alb` event
//! (path, method, host, header, query); with `multiValueHeaders = true`,
//! headers and query in their multi-value form.
//!
//! Shape: "Example Application Load Balancer request event" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/services-alb.html>; the
//! multi-value form as described in
//! <https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html>.

use serde_json::{Value, json};

use super::Context;
use super::http::{SOURCE_IP, USER_AGENT, multi_values, single_values, trace_id};

/// The request.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let empty = Value::Null;
    let conditions = declaration.get("conditions").unwrap_or(&empty);
    let first = |key: &str| match conditions.get(key) {
        Some(Value::Array(items)) => items.first().and_then(Value::as_str).map(str::to_owned),
        Some(Value::String(text)) => Some(text.clone()),
        _ => None,
    };
    let path = first("path").map_or_else(|| "/".to_owned(), |p| p.replace('*', "sample").replace('?', "s"));
    let method = first("method").map_or_else(|| "GET".to_owned(), |m| m.to_uppercase());
    let host = first("host").map_or_else(
        || {
            format!(
                "{}-{}.{}.elb.amazonaws.com",
                context.settings.service,
                context.token("balancer", 9),
                context.region()
            )
        },
        |h| h.replace('*', "sample"),
    );
    let mut headers = vec![
        ("accept".to_owned(), "*/*".to_owned()),
        ("host".to_owned(), host),
        ("user-agent".to_owned(), USER_AGENT.to_owned()),
        ("x-amzn-trace-id".to_owned(), trace_id(context)),
        ("x-forwarded-for".to_owned(), SOURCE_IP.to_owned()),
        ("x-forwarded-port".to_owned(), "443".to_owned()),
        ("x-forwarded-proto".to_owned(), "https".to_owned()),
    ];
    if let Some(header) = conditions.get("header") {
        let name = header.get("name").and_then(Value::as_str).unwrap_or_default().to_lowercase();
        let value = header.get("values").and_then(|v| v.get(0)?.as_str()).unwrap_or_default();
        if !name.is_empty() {
            headers.push((name, value.replace('*', "sample")));
        }
    }
    let query: Vec<(String, String)> = conditions
        .get("query")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(key, value)| (key.clone(), value.as_str().unwrap_or_default().replace('*', "sample")))
        .collect();
    let multi = declaration.get("multiValueHeaders").and_then(Value::as_bool) == Some(true);
    let group = format!("{}-{}", context.function.chars().take(20).collect::<String>(), context.token("group", 8));
    let mut event = json!({
        "requestContext": { "elb": { "targetGroupArn": format!(
            "arn:aws:elasticloadbalancing:{}:{}:targetgroup/{group}/{}",
            context.region(),
            context.account(),
            &context.uuid("target group").replace('-', "")[..16]
        ) } },
        "httpMethod": method,
        "path": path,
        "body": "",
        "isBase64Encoded": false
    });
    if multi {
        event["multiValueQueryStringParameters"] = Value::Object(multi_values(&query));
        event["multiValueHeaders"] = Value::Object(multi_values(&headers));
    } else {
        event["queryStringParameters"] = Value::Object(single_values(&query));
        event["headers"] = Value::Object(single_values(&headers));
    }
    event
}
