//! What the event modules of `triggers`, `event_rules` and `s3` share:
//! reading and cleaning an event's values, and the permission (with its
//! `DependsOn`) that lets an AWS service invoke a function.

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::lower::common;
use crate::tree::Entry;

/// The text of `value.key`, when it is a string.
pub fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// An error when an EventBridge event sets more than one of `input`,
/// `inputPath` and `inputTransformer`, as the Serverless Framework refuses.
pub fn several_inputs(function: &Entry, kind: &str, event: &Value) -> Option<Diagnostic> {
    let set = ["input", "inputPath", "inputTransformer"].iter().filter(|k| common::truthy(event.get(**k))).count();
    (set > 1).then(|| {
        Diagnostic::error(
            Code::E0407,
            format!("a `{kind}` event of function `{}` sets more than one input", function.key),
            function.key_span,
            "input, inputPath and inputTransformer exclude each other",
        )
        .with_help("keep one of `input`, `inputPath` and `inputTransformer`")
    })
}

/// Whether `value.key` is `false` (written, and false).
pub fn disabled(value: &Value) -> bool {
    value.get("enabled") == Some(&Value::Bool(false))
}

/// An `AWS::Lambda::Permission` for `principal` to invoke the function (its
/// alias, when it has one), with more properties such as `SourceArn`.
pub fn permission(function: &Entry, principal: Value, more: Value) -> Value {
    let mut properties = json!({
        "FunctionName": common::target(function),
        "Action": "lambda:InvokeFunction",
        "Principal": principal,
    });
    if let (Some(properties), Value::Object(more)) = (properties.as_object_mut(), more) {
        properties.extend(more);
    }
    let mut resource = json!({ "Type": "AWS::Lambda::Permission", "Properties": properties });
    depends_on(&mut resource, common::alias_id(function).into_iter().collect());
    resource
}

/// Sets `DependsOn` of `resource` to `ids`, leaving out those its
/// properties already name with `Ref` or `Fn::GetAtt` (CloudFormation
/// waits for them anyway; cfn-lint W3005). Nothing when none is left.
pub fn depends_on(resource: &mut Value, ids: Vec<String>) {
    let ids: Vec<String> = ids.into_iter().filter(|id| !references(&resource["Properties"], id)).collect();
    if !ids.is_empty() {
        resource["DependsOn"] = json!(ids);
    }
}

/// Whether `value` holds a `Ref` or `Fn::GetAtt` of the resource `id`.
fn references(value: &Value, id: &str) -> bool {
    match value {
        Value::Object(object) => {
            let named = |v: Option<&Value>| match v {
                Some(Value::String(text)) => text == id || text.split_once('.').is_some_and(|(r, _)| r == id),
                Some(Value::Array(items)) => items.first().and_then(Value::as_str) == Some(id),
                _ => false,
            };
            named(object.get("Ref")) || named(object.get("Fn::GetAtt")) || object.values().any(|v| references(v, id))
        }
        Value::Array(items) => items.iter().any(|v| references(v, id)),
        _ => false,
    }
}

/// Without the two-character sequences `\n` and `\r` (a backslash and a
/// letter), which the Serverless Framework removes from some values.
pub fn strip_escaped_breaks(text: &str) -> String {
    text.replace("\\n", "").replace("\\r", "")
}

/// Without line breaks (`\n`, `\r\n`), as the Serverless Framework cleans
/// names and expressions.
pub fn strip_breaks(text: &str) -> String {
    text.replace("\r\n", "").replace('\n', "")
}
