//! The function an event or API invokes: the function itself, or the
//! alias the Serverless Framework points triggers at (`provisioned` with
//! `provisionedConcurrency`, `snapstart` with `snapStart`).

use serde_json::{Value, json};

use crate::lower::function::setting;
use crate::naming;
use crate::tree::Entry;

use super::truthy;

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

/// What events and permissions invoke: `Fn::GetAtt <Fn>LambdaFunction.Arn`,
/// or `<that>:<alias>` (`Fn::Join`) for a function with an alias.
pub fn target(function: &Entry) -> Value {
    Target::of(function).arn()
}

/// The logical ID of the function's alias, which resources invoking it
/// must wait for (`DependsOn`).
pub fn alias_id(function: &Entry) -> Option<String> {
    alias(function).map(|(_, id)| id)
}

/// The alias events invoke instead of `$LATEST`: its name (`provisioned`
/// or `snapstart`) and logical ID.
pub fn alias(function: &Entry) -> Option<(&'static str, String)> {
    if truthy(setting(function, "provisionedConcurrency").as_ref()) {
        return Some(("provisioned", naming::provisioned_concurrency_alias(&function.key)));
    }
    truthy(setting(function, "snapStart").as_ref()).then(|| ("snapstart", naming::snap_start_alias(&function.key)))
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
