//! The listener rule of an `alb` event: its conditions, the authorizers it
//! runs (`provider.alb.authorizers`) and the forward to the target group.

use serde_json::{Map, Value, json};

use super::AlbEvent;
use crate::lower::service::Service;

/// The `AWS::ElasticLoadBalancingV2::ListenerRule` of `event`, or the name
/// of an authorizer that is not defined.
pub fn resource(service: &Service<'_>, event: &AlbEvent<'_>) -> Result<Value, String> {
    let mut actions = authorizers(service, &event.event)?;
    let mut forward = json!({ "Type": "forward", "TargetGroupArn": { "Ref": event.target_group_id() } });
    if !actions.is_empty() {
        forward["Order"] = json!(actions.len() + 1);
    }
    actions.push(forward);
    Ok(json!({
        "Type": "AWS::ElasticLoadBalancingV2::ListenerRule",
        "Properties": {
            "Actions": actions,
            "Conditions": conditions(event.event.get("conditions").unwrap_or(&Value::Null)),
            "ListenerArn": event.event.get("listenerArn").cloned().unwrap_or_default(),
            "Priority": event.priority
        }
    }))
}

/// A value or a list of values, as a list.
fn list(value: &Value) -> Value {
    match value {
        Value::Array(_) => value.clone(),
        other => json!([other]),
    }
}

fn conditions(conditions: &Value) -> Vec<Value> {
    let given = |key: &str| conditions.get(key).filter(|v| super::common::truthy(Some(v)));
    let mut out = Vec::new();
    if let Some(path) = given("path") {
        out.push(json!({ "Field": "path-pattern", "Values": list(path) }));
    }
    if let Some(host) = given("host") {
        out.push(json!({ "Field": "host-header", "HostHeaderConfig": { "Values": list(host) } }));
    }
    if let Some(method) = given("method") {
        out.push(json!({ "Field": "http-request-method", "HttpRequestMethodConfig": { "Values": list(method) } }));
    }
    if let Some(Value::Array(headers)) = given("header").map(list) {
        for header in headers {
            let values = header.get("values").map(list);
            let config = json!({ "HttpHeaderName": header.get("name"), "Values": values });
            out.push(json!({ "Field": "http-header", "HttpHeaderConfig": config }));
        }
    }
    if let Some(Value::Object(query)) = given("query") {
        let values: Vec<Value> = query.iter().map(|(key, value)| json!({ "Key": key, "Value": value })).collect();
        out.push(json!({ "Field": "query-string", "QueryStringConfig": { "Values": values } }));
    }
    if let Some(ip) = given("ip") {
        out.push(json!({ "Field": "source-ip", "SourceIpConfig": { "Values": list(ip) } }));
    }
    out
}

/// The authenticate actions of the event's `authorizer` names, in order.
fn authorizers(service: &Service<'_>, event: &Value) -> Result<Vec<Value>, String> {
    let Some(names) = event.get("authorizer").filter(|a| super::common::truthy(Some(a))).map(list) else {
        return Ok(Vec::new());
    };
    let defined = service.get("provider.alb.authorizers").map(Service::json).unwrap_or_default();
    let mut actions = Vec::new();
    for name in names.as_array().into_iter().flatten() {
        let name = name.as_str().unwrap_or_default();
        let Some(authorizer) = defined.get(name) else { return Err(name.to_owned()) };
        actions.push(action(authorizer, actions.len() + 1));
    }
    Ok(actions)
}

/// An `authenticate-cognito` or `authenticate-oidc` action.
fn action(authorizer: &Value, order: usize) -> Value {
    let field = |key: &str| authorizer.get(key).filter(|v| !v.is_null()).cloned();
    let mut config = Map::new();
    let mut put = |cfn: &str, value: Option<Value>| {
        if let Some(value) = value {
            config.insert(cfn.to_owned(), value);
        }
    };
    let cognito = authorizer.get("type").and_then(Value::as_str) == Some("cognito");
    let keys: &[(&str, &str)] = if cognito {
        &[
            ("UserPoolArn", "userPoolArn"),
            ("UserPoolClientId", "userPoolClientId"),
            ("UserPoolDomain", "userPoolDomain"),
        ]
    } else {
        &[
            ("AuthorizationEndpoint", "authorizationEndpoint"),
            ("ClientId", "clientId"),
            ("Issuer", "issuer"),
            ("TokenEndpoint", "tokenEndpoint"),
            ("UserInfoEndpoint", "userInfoEndpoint"),
        ]
    };
    for (cfn, key) in keys {
        put(cfn, field(key));
    }
    put("OnUnauthenticatedRequest", Some(field("onUnauthenticatedRequest").unwrap_or(json!("deny"))));
    put("AuthenticationRequestExtraParams", field("requestExtraParams"));
    put("Scope", field("scope"));
    put("SessionCookieName", field("sessionCookieName"));
    put("SessionTimeout", field("sessionTimeout"));
    if cognito {
        return json!({ "Type": "authenticate-cognito", "Order": order, "AuthenticateCognitoConfig": config });
    }
    match field("clientSecret").filter(|s| super::common::truthy(Some(s))) {
        Some(secret) => put("ClientSecret", Some(secret)),
        None => put("UseExistingClientSecret", Some(json!(true))),
    }
    json!({ "Type": "authenticate-oidc", "Order": order, "AuthenticateOidcConfig": config })
}
