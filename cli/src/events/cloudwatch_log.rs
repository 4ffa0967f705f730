//! `--event cloudwatchLog`: log events of the function's log group, as its
//! subscription filter delivers them — gzip-compressed JSON in base64 —
//! with a message that a filter of plain terms (`"ERROR"`) lets through.
//!
//! Shape: "Example CloudWatch Logs message event" and "Example CloudWatch
//! Logs message data (decoded)" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html>.

use std::io::Write;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};

use super::Context;

/// The event: `{"awslogs": {"data": …}}`.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let data = data(context, declaration).to_string();
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    // Writing to a Vec cannot fail.
    let compressed = encoder.write_all(data.as_bytes()).and_then(|()| encoder.finish()).unwrap_or_default();
    json!({ "awslogs": { "data": STANDARD.encode(compressed) } })
}

/// The decoded data: the log group and stream, the filter, two log events.
pub fn data(context: &Context<'_>, declaration: &Value) -> Value {
    let group = match declaration {
        Value::String(group) => group.clone(),
        other => other
            .get("logGroup")
            .and_then(Value::as_str)
            .map_or_else(|| format!("/aws/lambda/{}", context.function_name()), str::to_owned),
    };
    let filter = declaration.get("filter").and_then(Value::as_str).unwrap_or_default();
    let terms: Vec<&str> = if filter.trim_start().starts_with(['{', '[']) {
        Vec::new()
    } else {
        filter
            .split_whitespace()
            .map(|t| t.trim_matches('"'))
            .filter(|t| !t.is_empty() && !t.starts_with('-'))
            .collect()
    };
    let message = if terms.is_empty() {
        "Hello from CloudWatch Logs!".to_owned()
    } else {
        format!("{} sample log line", terms.join(" "))
    };
    let name = svc_compiler::naming::cloudwatch_log_filter(context.function, 1);
    let day = context.clock.iso_seconds();
    let day = day.get(..10).unwrap_or_default().replace('-', "/");
    let events: Vec<Value> = (0..2u64)
        .map(|index| {
            let at = context.clock.later(index);
            json!({
                "id": format!("{}{:025}", at.millis(), index),
                "timestamp": at.millis(),
                "message": message
            })
        })
        .collect();
    json!({
        "messageType": "DATA_MESSAGE",
        "owner": context.account(),
        "logGroup": group,
        "logStream": format!("{day}/[$LATEST]{}", context.uuid("stream").replace('-', "")),
        "subscriptionFilters": [format!("{}-{name}", context.settings.stack_name)],
        "logEvents": events
    })
}
