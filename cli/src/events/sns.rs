//! `--event sns`: a notification from the function's topic.
//!
//! Shape: "Example Amazon SNS message event" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html>.

use serde_json::{Map, Value, json};

use super::arn::{self, Named};
use super::{Context, pattern};

/// The notification.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let topic = topic(context, declaration);
    let topic_arn = topic.arn(|name| format!("arn:aws:sns:{}:{}:{name}", context.region(), context.account()));
    let subscription = format!("{topic_arn}:{}", context.uuid("subscription"));
    let host = format!("https://sns.{}.amazonaws.com", context.region());
    let policy = declaration.get("filterPolicy");
    let on_body = declaration.get("filterPolicyScope").and_then(Value::as_str) == Some("MessageBody");
    let message = match policy {
        Some(policy) if on_body => Value::Object(pattern::matching(policy)).to_string(),
        _ => "Hello from SNS!".to_owned(),
    };
    let attributes: Map<String, Value> = match policy {
        Some(policy) if !on_body => pattern::matching(policy)
            .into_iter()
            .map(|(name, value)| {
                let (kind, value) = match value {
                    Value::Number(number) => ("Number", number.to_string()),
                    Value::String(text) => ("String", text),
                    other => ("String", other.to_string()),
                };
                (name, json!({ "Type": kind, "Value": value }))
            })
            .collect(),
        _ => Map::new(),
    };
    json!({
        "Records": [{
            "EventVersion": "1.0",
            "EventSubscriptionArn": subscription,
            "EventSource": "aws:sns",
            "Sns": {
                "SignatureVersion": "1",
                "Timestamp": context.clock.iso_millis(),
                "Signature": "EXAMPLE",
                "SigningCertUrl": format!("{host}/SimpleNotificationService-{}.pem", context.token("certificate", 32)),
                "MessageId": context.uuid("message"),
                "Message": message,
                "MessageAttributes": attributes,
                "Type": "Notification",
                "UnsubscribeUrl": format!("{host}/?Action=Unsubscribe&SubscriptionArn={subscription}"),
                "TopicArn": topic_arn,
                "Subject": "Sample notification"
            }
        }]
    })
}

/// The topic: `sns = "name"` or `"arn:…"`, a block's `arn` or
/// `topicName`, else one named after the function.
fn topic(context: &Context<'_>, declaration: &Value) -> Named {
    let written = match declaration {
        Value::Object(block) => block.get("arn").or_else(|| block.get("topicName")),
        other => Some(other),
    };
    written
        .and_then(|written| arn::named(context, written, "TopicName"))
        .unwrap_or_else(|| Named::Name(context.generic_name()))
}
