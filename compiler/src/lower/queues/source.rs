//! What the events of this module share: the `DependsOn` of a mapping, filter patterns, and the
//! names the Serverless Framework reads from a queue's or stream's ARN.

use serde_json::{Value, json};

use crate::naming;
use crate::tree::{Entry, Node};

use crate::lower::common::Target;
use crate::lower::service::Service;

/// `DependsOn` of an event source mapping: the role the function runs
/// with (when it is in this template; Lambda checks the role's permissions
/// when the mapping is created), then the alias.
pub fn depends_on(service: &Service<'_>, function: &Entry, target: &Target) -> Vec<Value> {
    let alias = target.alias_id().map(str::to_owned);
    role_dependency(service, &function.value).into_iter().chain(alias).map(Value::String).collect()
}

/// The logical ID of the role `function` runs with, when the template
/// defines it: the generated role, or a user role named by logical ID or
/// `getAtt(Role.Arn)`; none for a role ARN, `ref`, `sub` or import.
fn role_dependency(service: &Service<'_>, function: &Node) -> Option<String> {
    let Some(role) = custom_role(service, function) else { return Some(naming::IAM_ROLE.to_owned()) };
    match &role {
        Value::String(text) if text.contains(':') => None,
        Value::String(text) => Some(text.clone()),
        Value::Object(object) => match object.get("Fn::GetAtt").and_then(Value::as_array).map(Vec::as_slice) {
            Some([Value::String(id), Value::String(attribute)]) if attribute == "Arn" => Some(id.clone()),
            _ if ["Fn::ImportValue", "Ref", "Fn::Sub"].iter().any(|k| object.contains_key(*k)) => None,
            _ => Some(naming::IAM_ROLE.to_owned()),
        },
        _ => Some(naming::IAM_ROLE.to_owned()),
    }
}

/// The function's `role`, else an existing role given as
/// `provider.iam.role` (a name, an ARN or an intrinsic), else
/// `provider.role`.
fn custom_role(service: &Service<'_>, function: &Node) -> Option<Value> {
    if let Some(role) = function.as_object().and_then(|f| f.get("role")) {
        return Some(Service::json(role));
    }
    let existing = service.get("provider.iam.role").map(Service::json).filter(|role| match role {
        Value::String(_) => true,
        Value::Object(object) => object.keys().any(|k| k.contains("::")),
        _ => false,
    });
    existing.or_else(|| service.get("provider.role").map(Service::json))
}

/// `FilterCriteria` from `filterPatterns`: each pattern as JSON text.
pub fn filter_criteria(event: &Value) -> Option<Value> {
    let patterns = event.get("filterPatterns")?.as_array()?;
    let filters: Vec<Value> = patterns.iter().map(|p| json!({ "Pattern": p.to_string() })).collect();
    Some(json!({ "Filters": filters }))
}

/// `event[key]` when it is set.
pub fn field<'a>(event: &'a Value, key: &str) -> Option<&'a Value> {
    event.get(key).filter(|v| !v.is_null())
}

/// The logical ID an intrinsic ARN names: `Fn::GetAtt [X, …]` or `Ref X`,
/// or the export name of `Fn::ImportValue`.
pub fn reference_name(arn: &Value) -> Option<String> {
    let object = arn.as_object()?;
    if let Some(get_att) = object.get("Fn::GetAtt") {
        return match get_att {
            Value::Array(parts) => parts.first().and_then(Value::as_str).map(str::to_owned),
            Value::String(text) => text.split('.').next().map(str::to_owned),
            _ => None,
        };
    }
    ["Fn::ImportValue", "Ref"].iter().find_map(|k| object.get(*k)?.as_str().map(str::to_owned))
}

/// The last item of an `Fn::Join`, when it is text.
pub fn join_last(arn: &Value) -> Option<&str> {
    arn.get("Fn::Join")?.get(1)?.as_array()?.last()?.as_str()
}

/// The ARN as text: a string, or the template of an `Fn::Sub`.
pub fn arn_text(arn: &Value) -> Option<&str> {
    match arn {
        Value::String(text) => Some(text),
        Value::Object(object) => match object.get("Fn::Sub")? {
            Value::String(text) => Some(text),
            Value::Array(parts) => parts.first()?.as_str(),
            _ => None,
        },
        _ => None,
    }
}

/// The `TYPE` of a user resource `id` in `resources.Resources`.
pub fn resource_type<'a>(service: &Service<'a>, id: &str) -> Option<&'a str> {
    service.get("resources.Resources")?.as_object()?.get(id)?.as_object()?.get("Type")?.as_str()
}

/// The ARN as a single value: the short form is the ARN itself, the long
/// form has it under `key`.
pub fn short_or(event: &Value, key: &str) -> Value {
    match event {
        Value::Object(object) => object.get(key).cloned().unwrap_or(Value::Null),
        other => other.clone(),
    }
}

/// An `Allow` statement of `actions` on `resources`.
pub fn allow(actions: &[&str], resources: Vec<Value>) -> Value {
    json!({ "Effect": "Allow", "Action": actions, "Resource": resources })
}

/// The statement brokers in a VPC need: Lambda manages network interfaces
/// to reach them.
pub fn ec2_statement() -> Value {
    json!({
        "Effect": "Allow",
        "Action": [
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeVpcs",
            "ec2:DeleteNetworkInterface",
            "ec2:DescribeSubnets",
            "ec2:DescribeSecurityGroups"
        ],
        "Resource": "*"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_from_references() {
        assert_eq!(reference_name(&json!({ "Fn::GetAtt": ["Queue", "Arn"] })).as_deref(), Some("Queue"));
        assert_eq!(reference_name(&json!({ "Fn::GetAtt": "Queue.Arn" })).as_deref(), Some("Queue"));
        assert_eq!(reference_name(&json!({ "Ref": "Topic" })).as_deref(), Some("Topic"));
        assert_eq!(reference_name(&json!({ "Fn::ImportValue": "shared-queue" })).as_deref(), Some("shared-queue"));
        assert_eq!(reference_name(&json!("arn:aws:sqs:us-east-1:1:q")), None);
        assert_eq!(join_last(&json!({ "Fn::Join": [":", ["arn", "jobs"]] })), Some("jobs"));
        assert_eq!(arn_text(&json!({ "Fn::Sub": "arn:${AWS::Partition}:sqs:x" })), Some("arn:${AWS::Partition}:sqs:x"));
    }
}
