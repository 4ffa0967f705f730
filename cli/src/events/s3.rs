//! `--event s3`: a notification of the function's bucket and event, for an
//! object its `rules` (prefix, suffix) let through.
//!
//! Shape: "Example Amazon S3 notification event" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html>; event
//! names as listed in
//! <https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html>.

use serde_json::{Value, json};

use super::Context;
use super::arn::{self, Named};

/// The notification.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let bucket = bucket(context, declaration);
    let configured = declaration.get("event").and_then(Value::as_str).unwrap_or("s3:ObjectCreated:*");
    let key = object_key(declaration);
    let deleted = configured.contains("ObjectRemoved");
    json!({
        "Records": [{
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": context.region(),
            "eventTime": context.clock.iso_millis(),
            "eventName": event_name(configured),
            "userIdentity": { "principalId": format!("AWS:AIDA{}", context.token("user", 17).to_uppercase()) },
            "requestParameters": { "sourceIPAddress": super::http::SOURCE_IP },
            "responseElements": {
                "x-amz-request-id": context.token("request", 16).to_uppercase(),
                "x-amz-id-2": context.token("id-2", 56)
            },
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": context.uuid("configuration"),
                "bucket": {
                    "name": bucket,
                    "ownerIdentity": { "principalId": context.token("owner", 14).to_uppercase() },
                    "arn": format!("arn:aws:s3:::{bucket}")
                },
                "object": if deleted {
                    json!({ "key": key, "sequencer": sequencer(context) })
                } else {
                    json!({ "key": key, "size": 1024, "eTag": context.uuid("etag").replace('-', ""), "sequencer": sequencer(context) })
                }
            }
        }]
    })
}

/// The bucket's name: `s3 = "photos"` or `bucket`, a `provider.s3` key's
/// `name` when it is one, a resource's `BucketName`; else named after the
/// function.
fn bucket(context: &Context<'_>, declaration: &Value) -> String {
    let written = match declaration {
        Value::Object(block) => block.get("bucket"),
        other => Some(other),
    };
    let named = written.and_then(|written| arn::named(context, written, "BucketName"));
    match named {
        Some(Named::Name(key)) => {
            let configured = context.provider.get("s3").and_then(|s3| s3.get(&key)?.get("name")?.as_str());
            configured.map_or(key, str::to_owned)
        }
        Some(Named::Arn(arn)) => arn.rsplit(':').next().unwrap_or(&arn).to_owned(),
        None => context.generic_name().to_lowercase(),
    }
}

/// The event S3 sends for a configured type: `s3:ObjectCreated:*` →
/// `ObjectCreated:Put`; a type without a wildcard as it is, less `s3:`.
fn event_name(configured: &str) -> String {
    let name = configured.strip_prefix("s3:").unwrap_or(configured);
    let Some(family) = name.strip_suffix(":*") else { return name.to_owned() };
    let first = match family {
        "ObjectCreated" => "Put",
        "ObjectRemoved" => "Delete",
        "ObjectRestore" => "Completed",
        "ObjectTagging" | "ObjectAcl" => "Put",
        "LifecycleExpiration" => "Delete",
        "Replication" => "OperationCompletedReplication",
        _ => return family.to_owned(),
    };
    format!("{family}:{first}")
}

/// A key the event's rules let through: `<prefix>sample<suffix>`, with
/// `sample.json` when there is no suffix.
fn object_key(declaration: &Value) -> String {
    let rules = declaration.get("rules").and_then(Value::as_array).into_iter().flatten();
    let rule = |name: &str| rules.clone().find_map(|rule| rule.get(name)?.as_str().map(str::to_owned));
    let prefix = rule("prefix").unwrap_or_default();
    let suffix = rule("suffix").unwrap_or_else(|| ".json".to_owned());
    format!("{prefix}sample{suffix}")
}

fn sequencer(context: &Context<'_>) -> String {
    format!("{:016X}", context.clock.millis())
}
