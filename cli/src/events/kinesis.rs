//! `--event kinesis`: records from the function's Kinesis stream.
//!
//! Shape: "Example Kinesis record event" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html>.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::{Context, pattern, stream};

/// Two records (one when the event's `batchSize` is 1).
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let named = stream::named(context, declaration, "Name");
    let stream_arn =
        named.arn(|name| format!("arn:aws:kinesis:{}:{}:stream/{name}", context.region(), context.account()));
    // A consumer's ARN (`…:stream/NAME/consumer/C:1`): records name the stream.
    let stream_arn = stream_arn.split("/consumer/").next().unwrap_or(&stream_arn).to_owned();
    let data = STANDARD.encode(pattern::filtered_text(declaration, "data", "Hello from Kinesis!"));
    let count = super::batch_size(declaration);
    let records: Vec<Value> = (0..count)
        .map(|index| {
            let arrival = context.clock.later(index * 1000);
            let sequence =
                format!("4959033827149025660855969253836157109592157598913{:07}", arrival.millis() % 10_000_000);
            json!({
                "kinesis": {
                    "kinesisSchemaVersion": "1.0",
                    "partitionKey": "1",
                    "sequenceNumber": sequence,
                    "data": data,
                    "approximateArrivalTimestamp": arrival.seconds()
                },
                "eventSource": "aws:kinesis",
                "eventVersion": "1.0",
                "eventID": format!("shardId-000000000000:{sequence}"),
                "eventName": "aws:kinesis:record",
                "invokeIdentityArn": role_arn(context),
                "awsRegion": context.region(),
                "eventSourceARN": stream_arn
            })
        })
        .collect();
    json!({ "Records": records })
}

/// The role the records are read with: the function's `role` when it is
/// an ARN, else the role the Serverless Framework names
/// `<service>-<stage>-<region>-lambdaRole`.
fn role_arn(context: &Context<'_>) -> String {
    match context.declaration.get("role").and_then(Value::as_str) {
        Some(role) if role.starts_with("arn:") => role.to_owned(),
        _ => format!(
            "arn:aws:iam::{}:role/{}-{}-{}-lambdaRole",
            context.account(),
            context.settings.service,
            context.settings.stage,
            context.region()
        ),
    }
}
