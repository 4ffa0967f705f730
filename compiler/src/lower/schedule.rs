//! `schedule` events: an EventBridge rule per schedule expression, with the
//! permission for EventBridge to invoke the function.

use serde_json::json;

use crate::naming;
use crate::tree::{Entry, Node, NodeKind};

use super::events::events_of;
use super::service::Service;
use super::template::Template;

/// Adds the rules and permissions of every `schedule` event.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    for function in service.functions() {
        let mut index = 0;
        for event in events_of(&function.value, "schedule") {
            for expression in expressions(event) {
                index += 1;
                rule(function, event, &expression, index, template);
            }
        }
    }
}

/// `schedule = "rate(1 hour)"`, `schedule { rate = "…" }` or a list of rates.
fn expressions(event: &Node) -> Vec<serde_json::Value> {
    let rate = match &event.kind {
        NodeKind::Object(object) => object.get("rate"),
        _ => Some(event),
    };
    match rate.map(|r| &r.kind) {
        Some(NodeKind::List(items)) => items.iter().map(Service::json).collect(),
        Some(_) => rate.map(Service::json).into_iter().collect(),
        None => Vec::new(),
    }
}

fn rule(function: &Entry, event: &Node, expression: &serde_json::Value, index: usize, template: &mut Template) {
    let own = |key: &str| event.as_object().and_then(|e| e.get(key));
    let lambda = naming::lambda_function(&function.key);
    let enabled = own("enabled").is_none_or(|e| !matches!(e.kind, NodeKind::Bool(false)));
    let mut target = json!({ "Arn": { "Fn::GetAtt": [lambda, "Arn"] }, "Id": format!("{}Schedule", function.key) });
    if let Some(input) = own("input") {
        let input = match &input.kind {
            NodeKind::String(text) => json!(text),
            _ => json!(Service::json(input).to_string()),
        };
        target["Input"] = input;
    }
    let mut properties = json!({
        "ScheduleExpression": expression,
        "State": if enabled { "ENABLED" } else { "DISABLED" },
        "Targets": [target]
    });
    for (key, cfn) in [("name", "Name"), ("description", "Description")] {
        if let Some(value) = own(key) {
            properties[cfn] = Service::json(value);
        }
    }
    let rule_id = naming::schedule_rule(&function.key, index);
    template.resource(&rule_id, json!({ "Type": "AWS::Events::Rule", "Properties": properties }));
    template.resource(
        format!("{}LambdaPermissionEventsRuleSchedule{index}", naming::normalize_function_name(&function.key)),
        json!({
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "FunctionName": { "Fn::GetAtt": [lambda, "Arn"] },
                "Action": "lambda:InvokeFunction",
                "Principal": "events.amazonaws.com",
                "SourceArn": { "Fn::GetAtt": [rule_id, "Arn"] }
            }
        }),
    );
}
