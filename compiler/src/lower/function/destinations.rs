//! `destinations`, `maximumEventAge` and `maximumRetryAttempts`: the
//! function's asynchronous invocation settings (`…LambdaEvConf`), and the
//! statements that let the shared role send results to the destinations.

use serde_json::{Map, Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::tree::Entry;

use super::{find, function_name, setting, span_of};
use crate::lower::common::{alias, target, truthy};
use crate::lower::service::Service;
use crate::lower::template::Template;

/// Adds the settings of a function that has any.
pub fn lower(service: &Service<'_>, function: &Entry, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let destinations = setting(function, "destinations").filter(|d| truthy(Some(d)));
    let age = setting(function, "maximumEventAge").filter(|a| truthy(Some(a)));
    let retries = setting(function, "maximumRetryAttempts").filter(|r| !r.is_null());
    let destinations = destinations.as_ref();
    let (age, retries) = (age.as_ref(), retries.as_ref());
    if destinations.is_none() && age.is_none() && retries.is_none() {
        return;
    }
    let mut destination_config = Map::new();
    for (key, cfn) in [("onSuccess", "OnSuccess"), ("onFailure", "OnFailure")] {
        let Some(destination) = destinations.and_then(|d| d.get(key)).filter(|d| truthy(Some(d))) else { continue };
        match arn(service, destination) {
            Some(arn) => {
                destination_config.insert(cfn.into(), json!({ "Destination": arn }));
            }
            None => diagnostics.push(unknown_function(function, destination)),
        }
    }
    let qualifier = alias(function).map_or("$LATEST", |(name, _)| name);
    let mut properties = json!({
        "FunctionName": { "Ref": naming::lambda_function(&function.key) },
        "DestinationConfig": destination_config,
        "Qualifier": qualifier
    });
    if let Some(age) = age {
        properties["MaximumEventAgeInSeconds"] = age.clone();
    }
    if let Some(retries) = retries {
        properties["MaximumRetryAttempts"] = retries.clone();
    }
    let mut resource = json!({ "Type": "AWS::Lambda::EventInvokeConfig", "Properties": properties });
    if let Some((_, alias)) = alias(function) {
        resource["DependsOn"] = json!(alias);
    }
    template.resource(naming::lambda_event_invoke_config(&function.key), resource);
}

/// The ARN of a destination: `{ arn }` as given, an ARN, or the function of
/// this service so named (its alias when it has one).
fn arn(service: &Service<'_>, destination: &Value) -> Option<Value> {
    match destination {
        Value::String(text) if text.starts_with("arn:") => Some(destination.clone()),
        Value::String(name) => find(service, name).map(target),
        other => Some(other.get("arn").cloned().unwrap_or(Value::Null)),
    }
}

/// The statement letting the role reach a destination, as Serverless
/// writes it: the action by the kind of target, the function by its name
/// (`Fn::Sub`, since `GetAtt` of a function using the same role would be
/// circular).
pub fn statement(service: &Service<'_>, destination: &Value) -> Option<Value> {
    let kind = destination.get("type").and_then(Value::as_str);
    let action = match (destination, kind) {
        (Value::Object(_), Some("function")) => "lambda:InvokeFunction",
        (Value::Object(_), Some("sqs")) => "sqs:SendMessage",
        (Value::Object(_), Some("sns")) => "sns:Publish",
        (Value::Object(_), Some("eventBus")) => "events:PutEvents",
        (Value::String(s), _) if !s.starts_with("arn:") || s.contains(":function:") => "lambda:InvokeFunction",
        (Value::String(s), _) if s.contains(":sqs:") => "sqs:SendMessage",
        (Value::String(s), _) if s.contains(":sns:") => "sns:Publish",
        (Value::String(s), _) if s.contains(":event-bus/") => "events:PutEvents",
        _ => return None,
    };
    let resource = match destination {
        Value::String(s) if s.starts_with("arn:") => destination.clone(),
        Value::String(name) => {
            let function = find(service, name)?;
            let name = function_name(service, function);
            json!({ "Fn::Sub": format!("arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{name}") })
        }
        other => other.get("arn").cloned().unwrap_or(Value::Null),
    };
    Some(json!({ "Effect": "Allow", "Action": action, "Resource": resource }))
}

fn unknown_function(function: &Entry, destination: &Value) -> Diagnostic {
    let name = destination.as_str().unwrap_or_default();
    Diagnostic::error(
        Code::E0406,
        format!("destination `{name}` of function `{}` is not a function of this service", function.key),
        span_of(function, "destinations"),
        "no function with this name",
    )
    .with_help("name a function of this service, or give the ARN of a function, queue, topic or event bus")
}
