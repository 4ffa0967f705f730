//! `sns` events: a subscription of the function to a topic (created from
//! its name, or existing by ARN), the permission for SNS to invoke it, and
//! with `redrivePolicy` the queue policy of the dead-letter queue.

use serde_json::{Map, Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::lower::common::truthy;
use crate::naming;
use crate::tree::{Entry, Node};

use super::source::{self, field};
use crate::lower::common::Target;
use crate::lower::common::events_of;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// The topic of an `sns` event.
struct Topic {
    /// The ARN of an existing topic; none for a topic created here.
    arn: Option<Value>,
    /// The topic's name, in logical IDs (and of a topic created here).
    name: String,
    /// The region of an existing topic given as an ARN, when it is not the
    /// service's.
    region: Option<String>,
}

/// Adds the resources of every `sns` event.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    for function in service.functions_with("sns") {
        for node in events_of(&function.value, "sns") {
            let event = Service::json(node);
            match topic(service, &event) {
                Some(topic) => subscribe(function, &event, &topic, template),
                None => diagnostics.push(unnamed(node)),
            }
        }
    }
}

/// The topic: a name, an ARN, or `{ arn, topicName }`.
fn topic(service: &Service<'_>, event: &Value) -> Option<Topic> {
    let arn = match event {
        Value::String(text) if text.starts_with("arn:") => event.clone(),
        Value::String(text) => return Some(Topic { arn: None, name: text.clone(), region: None }),
        _ => field(event, "arn").cloned().unwrap_or(Value::Null),
    };
    let topic_name = event.get("topicName").and_then(Value::as_str).map(str::to_owned);
    if arn.is_null() {
        return topic_name.map(|name| Topic { arn: None, name, region: None });
    }
    let (from_arn, region) = match (&arn, event.is_object()) {
        (Value::String(text), true) => {
            let (name, region) = split_arn(text);
            (Some(name), region.filter(|r| r != service.region()))
        }
        (Value::String(text), false) => (text.rsplit(':').next().map(str::to_owned), None),
        _ => (source::reference_name(&arn), None),
    };
    let name = topic_name.or(from_arn)?;
    Some(Topic { arn: Some(arn), name, region })
}

/// The topic name (after the last `:`) and the region of a topic ARN, read
/// as the Serverless Framework reads them (`::` does not split).
fn split_arn(arn: &str) -> (String, Option<String>) {
    let parts: Vec<String> = arn.replace("::", "@@").split(':').map(|s| s.replace("@@", "::")).collect();
    (parts.last().cloned().unwrap_or_default(), parts.get(3).cloned())
}

fn subscribe(function: &Entry, event: &Value, topic: &Topic, template: &mut Template) {
    let target = Target::of(function);
    let topic_arn = topic.arn.clone().unwrap_or_else(|| new_topic_arn(&topic.name));
    let redrive = redrive_policy(event);
    if let Some((queue_arn, queue_url)) = &redrive {
        let id = naming::sns_dead_letter_policy(&function.key, &topic.name);
        template.resource(&id, dead_letter_policy(&id, queue_arn, queue_url, &topic_arn));
    }
    let redrive = redrive.map(|(queue_arn, _)| json!({ "deadLetterTargetArn": queue_arn }));
    let subscription_id = naming::sns_subscription(&function.key, &topic.name);
    let mut subscription = Map::new();
    match &topic.arn {
        Some(arn) => {
            subscription.insert("TopicArn".into(), arn.clone());
            subscription.insert("Protocol".into(), json!("lambda"));
            subscription.insert("Endpoint".into(), target.arn());
            options(event, redrive, &mut subscription);
            if let Some(region) = &topic.region {
                subscription.insert("Region".into(), json!(region));
            }
            template.resource(
                subscription_id,
                with_alias(json!({ "Type": "AWS::SNS::Subscription" }), &target, subscription),
            );
        }
        None => {
            let topic_id = naming::sns_topic(&topic.name);
            if !template.has_resource(&topic_id) {
                let mut properties = Map::new();
                properties.insert("TopicName".into(), json!(topic.name));
                if let Some(display) = field(event, "displayName").filter(|d| truthy(Some(d))) {
                    properties.insert("DisplayName".into(), display.clone());
                }
                template.resource(&topic_id, with_alias(json!({ "Type": "AWS::SNS::Topic" }), &target, properties));
            }
            subscription.insert("Endpoint".into(), target.arn());
            subscription.insert("Protocol".into(), json!("lambda"));
            if field(event, "filterPolicy").is_some() || redrive.is_some() {
                subscription.insert("TopicArn".into(), json!({ "Ref": topic_id }));
                options(event, redrive, &mut subscription);
                template
                    .resource(subscription_id, json!({ "Type": "AWS::SNS::Subscription", "Properties": subscription }));
            } else {
                inline_subscription(template, &topic_id, Value::Object(subscription));
            }
        }
    }
    let permission = json!({
        "FunctionName": target.arn(),
        "Action": "lambda:InvokeFunction",
        "Principal": "sns.amazonaws.com",
        "SourceArn": topic_arn
    });
    let Value::Object(permission) = permission else { return };
    template.resource(
        naming::sns_permission(&function.key, &topic.name),
        with_alias(json!({ "Type": "AWS::Lambda::Permission" }), &target, permission),
    );
}

/// `resource` with `DependsOn` the function's alias (when it has one) and
/// `properties`.
fn with_alias(mut resource: Value, target: &Target, properties: Map<String, Value>) -> Value {
    if let Some(alias) = target.alias_id() {
        resource["DependsOn"] = json!(alias);
    }
    resource["Properties"] = Value::Object(properties);
    resource
}

/// `FilterPolicy`, `FilterPolicyScope` and `RedrivePolicy` of a subscription.
fn options(event: &Value, redrive: Option<Value>, subscription: &mut Map<String, Value>) {
    for (key, cfn) in [("filterPolicy", "FilterPolicy"), ("filterPolicyScope", "FilterPolicyScope")] {
        if let Some(value) = field(event, key) {
            subscription.insert(cfn.into(), value.clone());
        }
    }
    if let Some(redrive) = redrive {
        subscription.insert("RedrivePolicy".into(), redrive);
    }
}

/// Adds a subscription to the `Subscription` list of a topic created here.
fn inline_subscription(template: &mut Template, topic_id: &str, subscription: Value) {
    template.update(topic_id, |topic| {
        let Some(properties) = topic.get_mut("Properties").and_then(Value::as_object_mut) else { return };
        let list = properties.entry("Subscription").or_insert_with(|| json!([]));
        if let Some(list) = list.as_array_mut() {
            list.push(subscription);
        }
    });
}

/// `arn:<partition>:sns:<region>:<account>:<name>` of a topic created here.
fn new_topic_arn(name: &str) -> Value {
    json!({
        "Fn::Join": ["", [
            "arn:", { "Ref": "AWS::Partition" }, ":sns:", { "Ref": "AWS::Region" }, ":", { "Ref": "AWS::AccountId" }, ":", name
        ]]
    })
}

/// The ARN and URL of the dead-letter queue of `redrivePolicy`.
fn redrive_policy(event: &Value) -> Option<(Value, Value)> {
    let policy = field(event, "redrivePolicy")?;
    if let Some(arn) = policy.get("deadLetterTargetArn").and_then(Value::as_str) {
        let mut parts = arn.rsplit(':');
        let (queue, account, region) = (parts.next()?, parts.next()?, parts.next()?);
        let url = json!({
            "Fn::Join": ["", [format!("https://sqs.{region}."), { "Ref": "AWS::URLSuffix" }, format!("/{account}/{queue}")]]
        });
        return Some((json!(arn), url));
    }
    if let Some(id) = policy.get("deadLetterTargetRef").and_then(Value::as_str) {
        return Some((json!({ "Fn::GetAtt": [id, "Arn"] }), json!({ "Ref": id })));
    }
    let import = policy.get("deadLetterTargetImport")?;
    Some((json!({ "Fn::ImportValue": import.get("arn")? }), json!({ "Fn::ImportValue": import.get("url")? })))
}

/// The queue policy letting the topic send to the dead-letter queue.
fn dead_letter_policy(id: &str, queue_arn: &Value, queue_url: &Value, topic_arn: &Value) -> Value {
    json!({
        "Type": "AWS::SQS::QueuePolicy",
        "Properties": {
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Id": id,
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": { "Service": "sns.amazonaws.com" },
                    "Action": "sqs:SendMessage",
                    "Resource": queue_arn,
                    "Condition": { "ArnEquals": { "aws:SourceArn": topic_arn } }
                }]
            },
            "Queues": [queue_url]
        }
    })
}

fn unnamed(node: &Node) -> Diagnostic {
    Diagnostic::error(Code::E0405, "svc cannot tell the name of this topic", node.span, "topic without a name")
        .with_help("set `topicName` beside `arn`: it names the subscription and the permission")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_topic_arns() {
        let (name, region) = split_arn("arn:aws:sns:eu-west-1:123456789012:alerts");
        assert_eq!((name.as_str(), region.as_deref()), ("alerts", Some("eu-west-1")));
    }

    #[test]
    fn builds_dead_letter_queue_urls() {
        let event = json!({ "redrivePolicy": { "deadLetterTargetArn": "arn:aws:sqs:us-east-1:123:dlq" } });
        let (_, url) = redrive_policy(&event).unwrap_or_default();
        assert_eq!(url["Fn::Join"][1][2], json!("/123/dlq"));
    }
}
