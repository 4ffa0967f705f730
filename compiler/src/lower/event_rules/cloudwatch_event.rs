//! `cloudwatchEvent`: an EventBridge rule on the default bus matching
//! `event`, with the permission for EventBridge to invoke the function.

use serde_json::{Map, Value, json};

use crate::diagnostic::Diagnostic;
use crate::lower::common;
use crate::naming;
use crate::tree::Entry;

use crate::lower::service::Service;
use crate::lower::template::Template;
use crate::lower::triggers::shared::{self, disabled, strip_breaks, strip_escaped_breaks, text};

/// Adds a rule and a permission per `cloudwatchEvent` event, counted per
/// function.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    for function in service.functions_with("cloudwatchEvent") {
        for (index, (_, event)) in common::events(function, "cloudwatchEvent").into_iter().enumerate() {
            diagnostics.extend(shared::several_inputs(function, "cloudwatchEvent", &event));
            let index = index + 1;
            let rule_id = naming::cloudwatch_event_rule(&function.key, index);
            template.resource(&rule_id, rule(function, &event));
            template.resource(
                naming::cloudwatch_event_permission(&function.key, index),
                shared::permission(
                    function,
                    json!("events.amazonaws.com"),
                    json!({ "SourceArn": { "Fn::GetAtt": [rule_id, "Arn"] } }),
                ),
            );
        }
    }
}

fn rule(function: &Entry, event: &Value) -> Value {
    let mut properties = Map::new();
    if let Some(pattern) = event.get("event") {
        properties.insert("EventPattern".into(), without_line_breaks(pattern));
    }
    properties.insert("State".into(), json!(if disabled(event) { "DISABLED" } else { "ENABLED" }));
    for (key, cfn) in [("description", "Description"), ("name", "Name")] {
        if let Some(value) = event.get(key).filter(|v| common::truthy(Some(v))) {
            properties.insert(cfn.into(), value.clone());
        }
    }
    properties.insert("Targets".into(), json!([target(function, event)]));
    let mut resource = json!({ "Type": "AWS::Events::Rule", "Properties": properties });
    shared::depends_on(&mut resource, common::alias_id(function).into_iter().collect());
    resource
}

/// The rule's target: the function, and what it receives (`Input`,
/// `InputPath` or `InputTransformer`).
fn target(function: &Entry, event: &Value) -> Value {
    let mut target = Map::new();
    match event.get("input") {
        Some(Value::String(input)) if !input.is_empty() => {
            target.insert("Input".into(), json!(strip_escaped_breaks(input)));
        }
        Some(input @ Value::Object(_)) => {
            target.insert("Input".into(), json!(strip_escaped_breaks(&input.to_string())));
        }
        _ => {}
    }
    if let Some(path) = text(event, "inputPath").filter(|p| !p.is_empty()) {
        target.insert("InputPath".into(), json!(strip_breaks(path)));
    }
    if let Some(transformer) = event.get("inputTransformer") {
        target.insert("InputTransformer".into(), input_transformer(transformer));
    }
    target.insert("Arn".into(), common::target(function));
    target.insert("Id".into(), json!(format!("{}CloudWatchEvent", function.key)));
    Value::Object(target)
}

/// `{ inputTemplate, inputPathsMap }` in CloudFormation's names.
pub fn input_transformer(transformer: &Value) -> Value {
    let mut out = Map::new();
    if let Some(template) = transformer.get("inputTemplate") {
        out.insert("InputTemplate".into(), template.clone());
    }
    if let Some(paths) = transformer.get("inputPathsMap").filter(|p| common::truthy(Some(p))) {
        out.insert("InputPathsMap".into(), paths.clone());
    }
    Value::Object(out)
}

/// The pattern with line breaks removed from its texts (the Serverless
/// Framework strips them from the pattern's JSON).
fn without_line_breaks(value: &Value) -> Value {
    match value {
        Value::String(text) => json!(text.replace(['\n', '\r'], "")),
        Value::Array(items) => Value::Array(items.iter().map(without_line_breaks).collect()),
        Value::Object(object) => Value::Object(
            object.iter().map(|(key, value)| (key.replace(['\n', '\r'], ""), without_line_breaks(value))).collect(),
        ),
        other => other.clone(),
    }
}
