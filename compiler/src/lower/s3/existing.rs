//! `s3` events on buckets the stack does not own (`existing: true`): one
//! `Custom::S3` per function with all its events, which adds the
//! notifications to the bucket and lets S3 invoke the function.

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::lower::common;
use crate::naming;
use crate::tree::Entry;

use crate::lower::function;
use crate::lower::service::Service;
use crate::lower::template::Template;
use crate::lower::triggers::custom_resources::{self, Kind};
use crate::lower::triggers::shared;

/// Adds the custom resources, their function and the role statements.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let mut statements = Vec::new();
    // Custom resource IDs per bucket (as JSON text), to run them one after another.
    let mut per_bucket: Vec<(String, Vec<String>)> = Vec::new();
    for function in service.functions_with("s3") {
        let events: Vec<Value> = common::events(function, "s3")
            .into_iter()
            .map(|(_, event)| event)
            .filter(|event| event.get("existing").is_some_and(|e| common::truthy(Some(e))))
            .collect();
        let Some(bucket) = events.first().and_then(|e| e.get("bucket")).cloned() else { continue };
        if events.iter().any(|e| e.get("bucket") != Some(&bucket)) {
            diagnostics.push(several_buckets(function));
            continue;
        }
        let id = naming::custom_s3(&function.key);
        let key = bucket.to_string();
        match per_bucket.iter_mut().find(|(b, _)| *b == key) {
            Some((_, ids)) => ids.push(id.clone()),
            None => per_bucket.push((key, vec![id.clone()])),
        }
        template.resource(&id, resource(service, function, &bucket, &events));
        statements.push(json!({
            "Effect": "Allow",
            "Resource": { "Fn::Join": [":", ["arn", { "Ref": "AWS::Partition" }, "s3", "", "", bucket]] },
            "Action": ["s3:PutBucketNotification", "s3:GetBucketNotification"]
        }));
    }
    if statements.is_empty() {
        return;
    }
    for (_, ids) in &per_bucket {
        for pair in ids.windows(2) {
            let [previous, id] = pair else { continue };
            template.update(id, |resource| {
                if let Some(Value::Array(depends_on)) = resource.get_mut("DependsOn") {
                    depends_on.push(json!(previous));
                }
            });
        }
    }
    statements.push(json!({
        "Effect": "Allow",
        "Resource": { "Fn::Join": [":", [
            "arn", { "Ref": "AWS::Partition" }, "lambda", { "Ref": "AWS::Region" }, { "Ref": "AWS::AccountId" }, "function", "*"
        ]] },
        "Action": ["lambda:AddPermission", "lambda:RemovePermission"]
    }));
    custom_resources::add(service, template, Kind::S3, statements);
}

/// The `Custom::S3` of a function: its bucket and one configuration per
/// event (`Event`, and `Rules` as `[{ Prefix }, { Suffix }]`).
fn resource(service: &Service<'_>, function: &Entry, bucket: &Value, events: &[Value]) -> Value {
    let configs: Vec<Value> = events
        .iter()
        .map(|event| {
            let rules: Vec<Value> = match event.get("rules") {
                Some(Value::Array(rules)) => rules
                    .iter()
                    .filter_map(|rule| {
                        let (key, value) = rule.as_object()?.iter().next()?;
                        Some(json!({ naming::normalize_name(key): value }))
                    })
                    .collect(),
                _ => Vec::new(),
            };
            json!({ "Event": shared::text(event, "event").unwrap_or("s3:ObjectCreated:*"), "Rules": rules })
        })
        .collect();
    let name = json!(function::function_name(service, function));
    custom_resources::attachment(
        service,
        Kind::S3,
        function,
        name,
        ("BucketName", bucket.clone()),
        ("BucketConfigs", configs),
        events,
    )
}

fn several_buckets(function: &Entry) -> Diagnostic {
    Diagnostic::error(
        Code::E0407,
        format!("function `{}` has `existing` s3 events on several buckets", function.key),
        function.key_span,
        "one existing bucket per function",
    )
    .with_help("the Serverless Framework attaches one existing bucket per function: split the events over functions")
}
