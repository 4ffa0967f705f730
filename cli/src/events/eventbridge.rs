//! `--event eventbridge`: an event the function's `eventBridge` (or
//! `cloudwatchEvent`) rule matches — its `source`, `detail-type` and
//! `detail` taken from the rule's `pattern` — or the rule's constant
//! `input` when it has one, or the scheduled event of a rule on a
//! `schedule`.
//!
//! Shape: "Example EventBridge (CloudWatch Events) event" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchevents.html>.

use serde_json::{Value, json};

use super::schedule::constant_input;
use super::{Context, pattern};

/// The event.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    if let Some(input) = declaration.get("input") {
        return constant_input(input);
    }
    if declaration.get("schedule").is_some() {
        return super::schedule::event(context, declaration);
    }
    let empty = Value::Null;
    let pattern = declaration.get("pattern").or_else(|| declaration.get("event")).unwrap_or(&empty);
    let resources: Vec<Value> = pattern
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|r| r.is_string())
        .cloned()
        .collect();
    json!({
        "version": "0",
        "id": context.uuid("event"),
        "detail-type": pattern::first_text(pattern.get("detail-type")).unwrap_or_else(|| "Sample Event".to_owned()),
        "source": pattern::first_text(pattern.get("source")).unwrap_or_else(|| "svc.sample".to_owned()),
        "account": context.account(),
        "time": context.clock.iso_seconds(),
        "region": context.region(),
        "resources": resources,
        "detail": pattern.get("detail").map_or_else(|| json!({}), |detail| Value::Object(pattern::matching(detail)))
    })
}
