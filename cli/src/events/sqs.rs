//! `--event sqs`: a batch of messages from the function's queue.
//!
//! Shape: "Example Amazon SQS message event (standard queue)" (and, for a
//! `.fifo` queue, its FIFO attributes) of
//! <https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html>.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use md5::{Digest, Md5};
use serde_json::{Value, json};

use super::arn::{self, Named};
use super::{Context, pattern};

/// The batch: two messages (one when the event's `batchSize` is 1).
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let written = declaration.get("arn").unwrap_or(declaration);
    let queue = arn::named(context, written, "QueueName").unwrap_or_else(|| Named::Name(context.generic_name()));
    let name = queue.name(':');
    let queue_arn = queue.arn(|name| format!("arn:aws:sqs:{}:{}:{name}", context.region(), context.account()));
    let body = pattern::filtered_text(declaration, "body", "Hello from SQS!");
    let count = super::batch_size(declaration);
    let records: Vec<Value> = (0..count)
        .map(|index| {
            let sent = context.clock.later(index * 1000);
            let mut attributes = json!({
                "ApproximateReceiveCount": "1",
                "SentTimestamp": sent.millis().to_string(),
                "SenderId": format!("AIDA{}", context.token("sender", 17).to_uppercase()),
                "ApproximateFirstReceiveTimestamp": sent.later(2).millis().to_string()
            });
            if name.ends_with(".fifo") {
                attributes["SequenceNumber"] = json!(format!("1883144900{:010}", sent.millis() % 10_000_000_000));
                attributes["MessageGroupId"] = json!("1");
                attributes["MessageDeduplicationId"] = json!(context.uuid(&format!("deduplication {index}")));
            }
            json!({
                "messageId": context.uuid(&format!("message {index}")),
                "receiptHandle": format!("AQEB{}", STANDARD.encode(context.token(&format!("receipt {index}"), 48))),
                "body": body,
                "attributes": attributes,
                "messageAttributes": {},
                "md5OfBody": hex::encode(Md5::digest(body.as_bytes())),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": context.region()
            })
        })
        .collect();
    json!({ "Records": records })
}
