//! What Lambda@Edge needs of a function and of the role: lower memory and
//! timeout limits, no VPC or environment, a published version, retention
//! when the stack is deleted, `edgelambda.amazonaws.com` in the role's
//! trust and log permissions in every region.

use serde_json::{Value, json};

use crate::lower::common;
use crate::naming;
use crate::tree::Entry;

use crate::lower::function;
use crate::lower::template::Template;

/// The function as Lambda@Edge runs it: its own memory and timeout, else
/// 128 MB and 5 s; no `VpcConfig` or `Environment`; `DeletionPolicy:
/// Retain`, since CloudFront deletes its replicas hours later.
pub fn adapt_function(function: &Entry, template: &mut Template) {
    let config = function::config(function);
    let own = |key: &str, default: u64| {
        config.get(key).filter(|v| common::truthy(Some(v))).cloned().unwrap_or(json!(default))
    };
    template.update(&naming::lambda_function(&function.key), |resource| {
        if let Some(properties) = resource.get_mut("Properties").and_then(Value::as_object_mut) {
            properties.insert("MemorySize".into(), own("memorySize", 128));
            properties.insert("Timeout".into(), own("timeout", 5));
            properties.shift_remove("VpcConfig");
            properties.shift_remove("Environment");
        }
        resource["DeletionPolicy"] = json!("Retain");
    });
}

/// The logical ID of the function's version. Only versions whose ID starts
/// as the function's do are read back (a stored resource is parsed to be
/// read), and the one whose `FunctionName` is the function is taken.
pub fn version(function: &Entry, template: &Template) -> Option<String> {
    let lambda = naming::lambda_function(&function.key);
    let prefix = naming::lambda_version(&function.key, "");
    let versions = template
        .resource_types()
        .filter(|(id, kind)| *kind == "AWS::Lambda::Version" && id.starts_with(prefix.as_str()));
    let of_function = |id: &str| {
        let version = template.get(id);
        version.and_then(|v| v.pointer("/Properties/FunctionName/Ref").cloned()) == Some(json!(lambda))
    };
    versions.map(|(id, _)| id).find(|id| of_function(id)).map(str::to_owned)
}

/// The statement for the log groups Lambda@Edge writes in every region
/// (`/aws/lambda/us-east-1.<function>`).
fn log_statement() -> Value {
    json!({
        "Effect": "Allow",
        "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:TagResource"],
        "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:logs:*:*:*" }]
    })
}

/// Lets Lambda@Edge assume the shared role, and write logs in every
/// region. Nothing when the functions use another role. Done once, even if
/// the role already has them.
pub fn adapt_role(template: &mut Template) {
    template.update(naming::IAM_ROLE, adapt_role_resource);
}

fn adapt_role_resource(role: &mut Value) {
    if let Some(Value::Array(trust)) = role.pointer_mut("/Properties/AssumeRolePolicyDocument/Statement") {
        let lambda = json!("lambda.amazonaws.com");
        let edge = json!("edgelambda.amazonaws.com");
        let services = trust.iter_mut().find_map(|s| match s.pointer_mut("/Principal/Service") {
            Some(Value::Array(services)) if services.contains(&lambda) => Some(services),
            _ => None,
        });
        if let Some(services) = services.filter(|s| !s.contains(&edge)) {
            services.push(edge);
        }
    }
    if let Some(Value::Array(statements)) = role.pointer_mut("/Properties/Policies/0/PolicyDocument/Statement") {
        let statement = log_statement();
        if !statements.contains(&statement) {
            statements.push(statement);
        }
    }
}
