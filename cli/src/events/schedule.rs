//! `--event schedule`: what the function's `schedule` rule sends — its
//! `input` when it has one, else the scheduled event naming the rule.
//!
//! Shape: "Example EventBridge (CloudWatch Events) message event" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchevents.html>.

use serde_json::{Value, json};

use super::{Clock, Context};

/// The event.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    if let Some(input) = declaration.get("input") {
        return constant_input(input);
    }
    let rule = match declaration.get("name").and_then(Value::as_str) {
        Some(name) => name.to_owned(),
        None => format!("{}-{}", context.settings.stack_name, svc_compiler::naming::schedule_rule(context.function, 1)),
    };
    let arn = format!("arn:aws:events:{}:{}:rule/{rule}", context.region(), context.account());
    scheduled(context.account(), context.region(), context.clock, &context.uuid("event"), &arn)
}

/// The event a schedule rule (`rule`, an ARN) sends at `time`.
pub fn scheduled(account: &str, region: &str, time: Clock, id: &str, rule: &str) -> Value {
    json!({
        "version": "0",
        "account": account,
        "region": region,
        "detail": {},
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "time": time.iso_seconds(),
        "id": id,
        "resources": [rule]
    })
}

/// A rule's constant `input`: JSON as it is; text holding JSON, parsed (as
/// EventBridge delivers it).
pub fn constant_input(input: &Value) -> Value {
    match input {
        Value::String(text) => serde_json::from_str(text).unwrap_or_else(|_| input.clone()),
        other => other.clone(),
    }
}
