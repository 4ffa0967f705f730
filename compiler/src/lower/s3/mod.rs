//! `s3` events: buckets the stack creates, with one notification per
//! event (several events on a bucket share it), and the permission for S3
//! to invoke each function; `existing: true` buckets go through a custom
//! resource ([`existing`]).

mod existing;

use serde_json::{Map, Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::lower::common;
use crate::naming;
use crate::tree::Entry;

use super::service::Service;
use super::template::Template;
use super::triggers::shared;

/// The event kinds this module builds.
pub const KINDS: &[&str] = &["s3"];

/// Adds the buckets, permissions and custom resources of `s3` events.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    new_buckets(service, template, diagnostics);
    existing::lower(service, template, diagnostics);
}

/// A bucket the stack creates, with the notifications of its events.
struct Bucket<'a> {
    /// The bucket's name.
    name: String,
    /// Its key in `provider.s3`, when it is configured there.
    key: Option<String>,
    /// One `LambdaConfigurations` item per event.
    notifications: Vec<Value>,
    /// The function of each event, in order (repeated for several events).
    functions: Vec<&'a Entry>,
}

impl Bucket<'_> {
    /// The name logical IDs derive from: the `provider.s3` key, else the name.
    fn id_name(&self) -> &str {
        self.key.as_deref().unwrap_or(&self.name)
    }
}

fn new_buckets(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let configured = service.get("provider.s3").map(Service::json).unwrap_or_default();
    let mut buckets: Vec<Bucket<'_>> = Vec::new();
    for function in service.functions_with("s3") {
        for (_, event) in common::events(function, "s3") {
            if event.get("existing").is_some_and(|e| common::truthy(Some(e))) {
                continue;
            }
            let Some((reference, notification)) = notification(function, &event) else {
                diagnostics.push(referenced_bucket(function));
                continue;
            };
            let config = configured.get(&reference);
            let name = config.and_then(|c| c.get("name")).and_then(Value::as_str).unwrap_or(&reference).to_owned();
            let index = match buckets.iter().position(|b| b.name == name) {
                Some(index) => index,
                None => {
                    let key = config.map(|_| reference.clone());
                    buckets.push(Bucket { name: name.clone(), key, notifications: Vec::new(), functions: Vec::new() });
                    buckets.len() - 1
                }
            };
            if let Some(bucket) = buckets.get_mut(index) {
                if bucket.key.is_none() && config.is_some() {
                    bucket.key = Some(reference.clone());
                }
                bucket.notifications.push(notification);
                bucket.functions.push(function);
            }
        }
    }
    for bucket in &buckets {
        let config = bucket.key.as_ref().and_then(|key| configured.get(key));
        template.resource(naming::s3_bucket(bucket.id_name()), resource(bucket, config));
    }
    for bucket in &buckets {
        for function in &bucket.functions {
            template
                .resource(naming::s3_permission(&function.key, bucket.id_name()), permission(function, &bucket.name));
        }
    }
}

/// The bucket an event names (or its `provider.s3` key) and its
/// `LambdaConfigurations` item.
fn notification(function: &Entry, event: &Value) -> Option<(String, Value)> {
    let bucket = match event {
        Value::String(bucket) => bucket,
        _ => event.get("bucket")?.as_str()?,
    };
    let mut item = json!({
        "Event": shared::text(event, "event").unwrap_or("s3:ObjectCreated:*"),
        "Function": common::target(function)
    });
    if let Some(Value::Array(rules)) = event.get("rules") {
        let rules: Vec<Value> = rules
            .iter()
            .filter_map(|rule| {
                rule.as_object()?.iter().next().map(|(name, value)| json!({ "Name": name, "Value": value }))
            })
            .collect();
        item["Filter"] = json!({ "S3Key": { "Rules": rules } });
    }
    Some((bucket.to_owned(), item))
}

/// The `AWS::S3::Bucket`: its name, its notifications (and those of
/// `provider.s3`), the other `provider.s3` settings with their first
/// letter upper-cased, and the permissions it waits for.
fn resource(bucket: &Bucket<'_>, config: Option<&Value>) -> Value {
    let mut extra = Map::new();
    let mut notification = json!({ "LambdaConfigurations": bucket.notifications });
    for (key, value) in config.and_then(Value::as_object).into_iter().flatten() {
        match key.as_str() {
            "name" => {}
            "notificationConfiguration" => {
                if let (Some(into), Value::Object(given)) = (notification.as_object_mut(), value) {
                    into.extend(given.clone());
                }
            }
            _ => {
                extra.insert(naming::normalize_name(key), value.clone());
            }
        }
    }
    let mut properties = json!({ "BucketName": bucket.name, "NotificationConfiguration": notification });
    if let Some(properties) = properties.as_object_mut() {
        properties.extend(extra);
    }
    let mut depends_on = Vec::new();
    for function in &bucket.functions {
        depends_on.push(naming::s3_permission(&function.key, bucket.id_name()));
        depends_on.extend(common::alias_id(function));
    }
    json!({ "Type": "AWS::S3::Bucket", "Properties": properties, "DependsOn": depends_on })
}

fn permission(function: &Entry, bucket: &str) -> Value {
    shared::permission(
        function,
        json!("s3.amazonaws.com"),
        json!({
            "SourceArn": { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, format!(":s3:::{bucket}")]] },
            "SourceAccount": { "Ref": "AWS::AccountId" }
        }),
    )
}

fn referenced_bucket(function: &Entry) -> Diagnostic {
    Diagnostic::error(
        Code::E0407,
        format!("an `s3` event of function `{}` names its bucket with a reference but is not `existing`", function.key),
        function.key_span,
        "a bucket the stack creates needs a name",
    )
    .with_help("give the bucket's name, or set `existing = true` for a bucket made elsewhere")
}
