//! `url`: a Lambda function URL (`…LambdaFunctionUrl`), its output, and —
//! for a public URL — the permission letting anyone invoke it. With an
//! alias (provisioned concurrency) the URL targets the alias.

use serde_json::{Map, Value, json};

use crate::naming;
use crate::tree::Entry;

use super::setting;
use crate::lower::common::{alias_id, target, truthy};
use crate::lower::service::Service;
use crate::lower::template::Template;

/// The headers a URL with `cors` allows unless told otherwise.
const DEFAULT_HEADERS: [&str; 6] =
    ["Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token", "X-Amzn-Trace-Id"];

/// Adds the URL of a function with `url`.
pub fn lower(service: &Service<'_>, function: &Entry, template: &mut Template) {
    let Some(url) = setting(function, "url").filter(|u| truthy(Some(u))) else { return };
    let auth = if url.get("authorizer").and_then(Value::as_str) == Some("aws_iam") { "AWS_IAM" } else { "NONE" };
    let mut properties = json!({ "AuthType": auth, "TargetFunctionArn": target(function) });
    if let Some(cors) = url.get("cors").filter(|c| truthy(Some(c))) {
        properties["Cors"] = cors_properties(cors);
    }
    if url.get("invokeMode").and_then(Value::as_str) == Some("RESPONSE_STREAM") {
        properties["InvokeMode"] = json!("RESPONSE_STREAM");
    }
    let id = naming::lambda_url(&function.key);
    template.resource(&id, with_alias(json!({ "Type": "AWS::Lambda::Url", "Properties": properties }), function));
    template.output(
        &id,
        json!({
            "Description": "Lambda Function URL",
            "Value": { "Fn::GetAtt": [id, "FunctionUrl"] },
            "Export": { "Name": service.export(&id) }
        }),
    );
    if auth == "NONE" {
        let permission = json!({
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "FunctionName": target(function),
                "Action": "lambda:InvokeFunctionUrl",
                "Principal": "*",
                "FunctionUrlAuthType": auth
            }
        });
        template.resource(naming::lambda_url_permission(&function.key), with_alias(permission, function));
    }
}

/// `DependsOn` the function's alias, when it has one.
fn with_alias(mut resource: Value, function: &Entry) -> Value {
    if let Some(alias) = alias_id(function) {
        resource["DependsOn"] = json!(alias);
    }
    resource
}

/// `Cors`: `true` allows any origin and method with the default headers;
/// an object replaces the lists it sets (duplicates dropped).
fn cors_properties(cors: &Value) -> Value {
    let list = |key: &str, default: &[&str]| match cors.get(key) {
        Some(Value::Array(items)) => Some(unique(items)),
        _ if default.is_empty() => None,
        _ => Some(Value::Array(default.iter().map(|d| json!(d)).collect())),
    };
    let mut out = Map::new();
    if cors.get("allowCredentials") == Some(&Value::Bool(true)) {
        out.insert("AllowCredentials".into(), json!(true));
    }
    for (key, cfn, default) in [
        ("allowedHeaders", "AllowHeaders", &DEFAULT_HEADERS[..]),
        ("allowedMethods", "AllowMethods", &["*"][..]),
        ("allowedOrigins", "AllowOrigins", &["*"][..]),
        ("exposedResponseHeaders", "ExposeHeaders", &[][..]),
    ] {
        if let Some(value) = list(key, default) {
            out.insert(cfn.into(), value);
        }
    }
    if let Some(age) = cors.get("maxAge").filter(|a| !a.is_null()) {
        out.insert("MaxAge".into(), age.clone());
    }
    Value::Object(out)
}

/// The items without repeats, first occurrence kept.
fn unique(items: &[Value]) -> Value {
    let mut seen: Vec<Value> = Vec::new();
    for item in items {
        if !seen.contains(item) {
            seen.push(item.clone());
        }
    }
    Value::Array(seen)
}
