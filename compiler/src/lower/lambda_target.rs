//! The function an API invokes: the function itself, or the alias the
//! Serverless Framework points integrations at (`provisioned` with
//! `provisionedConcurrency`, `snapstart` with `snapStart`).

use serde_json::{Value, json};

use crate::naming;
use crate::tree::{Entry, NodeKind};

use super::service::Service;

/// The function an integration or permission targets.
pub struct Target {
    /// The logical ID of the function.
    pub function: String,
    /// The alias `(name, logical ID)`, when the function has one.
    pub alias: Option<(&'static str, String)>,
}

impl Target {
    /// The target of `function`.
    pub fn of(function: &Entry) -> Target {
        Target { function: naming::lambda_function(&function.key), alias: alias(function) }
    }

    /// `Fn::GetAtt <Fn>LambdaFunction.Arn`.
    pub fn function_arn(&self) -> Value {
        json!({ "Fn::GetAtt": [self.function, "Arn"] })
    }

    /// The function's ARN, or its alias's (`Fn::Join [":", [arn, alias]]`).
    pub fn arn(&self) -> Value {
        match &self.alias {
            Some((name, _)) => json!({ "Fn::Join": [":", [self.function_arn(), name]] }),
            None => self.function_arn(),
        }
    }

    /// The alias's logical ID, for `DependsOn`.
    pub fn alias_id(&self) -> Option<&str> {
        self.alias.as_ref().map(|(_, id)| id.as_str())
    }
}

/// The Lambda invocation URI API Gateway calls, with `arn` (one or more
/// parts of the `Fn::Join`) in the middle.
pub fn invocation_uri(arn: impl IntoIterator<Item = Value>) -> Value {
    let mut parts = vec![
        json!("arn:"),
        json!({ "Ref": "AWS::Partition" }),
        json!(":apigateway:"),
        json!({ "Ref": "AWS::Region" }),
        json!(":lambda:path/2015-03-31/functions/"),
    ];
    parts.extend(arn);
    parts.push(json!("/invocations"));
    json!({ "Fn::Join": ["", parts] })
}

fn alias(function: &Entry) -> Option<(&'static str, String)> {
    let own = |key: &str| function.value.as_object().and_then(|f| f.get(key));
    let provisioned = own("provisionedConcurrency").is_some_and(|p| match Service::json(p) {
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::Null | Value::Bool(false) => false,
        _ => true,
    });
    if provisioned {
        return Some(("provisioned", naming::provisioned_concurrency_alias(&function.key)));
    }
    let snap_start = own("snapStart").is_some_and(|s| matches!(s.kind, NodeKind::Bool(true)));
    snap_start.then(|| ("snapstart", naming::snap_start_alias(&function.key)))
}
