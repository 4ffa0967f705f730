//! `stream` events: an event source mapping per DynamoDB or Kinesis
//! stream (and a Kinesis consumer with `consumer: true`), and per function
//! the statements letting the role read its streams.

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

/// A `stream` event, read.
struct Stream {
    /// The event as JSON.
    event: Value,
    /// The stream's ARN.
    arn: Value,
    /// `dynamodb` or `kinesis`.
    kind: String,
    /// The name in the logical ID.
    name: String,
}

impl Stream {
    /// The consumer `consumer: true` creates: its name and logical ID.
    fn new_consumer(&self, service: &Service<'_>, function: &str) -> Option<(String, String)> {
        if self.kind != "kinesis" || self.event.get("consumer") != Some(&Value::Bool(true)) {
            return None;
        }
        let named = service.get("provider.kinesis.consumerNamingMode").is_some();
        let stage = named.then_some((service.name.as_str(), service.stage.as_str()));
        let name = naming::stream_consumer_name(function, &self.name, stage);
        let id = naming::stream_consumer(&name);
        Some((name, id))
    }

    /// The consumer the mapping reads through, if any: a new one (by
    /// `Ref`) or an existing one's ARN.
    fn consumer_arn(&self, service: &Service<'_>, function: &str) -> Option<Value> {
        if self.kind != "kinesis" {
            return None;
        }
        if let Some((_, id)) = self.new_consumer(service, function) {
            return Some(json!({ "Ref": id }));
        }
        field(&self.event, "consumer").filter(|c| truthy(Some(c))).cloned()
    }
}

/// Reads `event`; `None` when its type cannot be known.
fn read(service: &Service<'_>, event: &Node) -> Option<Stream> {
    let event = Service::json(event);
    let arn = source::short_or(&event, "arn");
    let kind = stream_type(service, &event, &arn)?;
    let name = stream_name(&arn);
    Some(Stream { event, arn, kind, name })
}

/// `type`, else the service in the ARN, else the type of the user
/// resource the ARN refers to.
fn stream_type(service: &Service<'_>, event: &Value, arn: &Value) -> Option<String> {
    if let Some(kind) = event.get("type").and_then(Value::as_str) {
        return Some(kind.to_owned());
    }
    let from_text = source::arn_text(arn).and_then(|text| text.split(':').nth(2));
    if let Some(kind) = from_text.filter(|k| matches!(*k, "dynamodb" | "kinesis")) {
        return Some(kind.to_owned());
    }
    let attribute = arn.get("Fn::GetAtt").and_then(|g| g.get(1)).and_then(Value::as_str);
    let resource = source::reference_name(arn).and_then(|id| source::resource_type(service, &id));
    match (resource, attribute) {
        (Some("AWS::DynamoDB::Table"), _) | (_, Some("StreamArn")) => Some("dynamodb".to_owned()),
        (Some("AWS::Kinesis::Stream"), _) => Some("kinesis".to_owned()),
        _ => None,
    }
}

/// The logical ID of a `getAtt`/`ref`, the export of an import, the last
/// part of a join after its last `/`, else the part of the ARN after the
/// first `/` (the table or stream name).
fn stream_name(arn: &Value) -> String {
    if let Some(name) = source::reference_name(arn) {
        return name;
    }
    if let Some(last) = source::join_last(arn) {
        return last.rsplit('/').next().unwrap_or_default().to_owned();
    }
    source::arn_text(arn).and_then(|text| text.split('/').nth(1)).unwrap_or_default().to_owned()
}

/// Adds the mapping (and consumer) of every `stream` event.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    for function in service.functions_with("stream") {
        for node in events_of(&function.value, "stream") {
            match read(service, node) {
                Some(stream) => mapping(service, function, &stream, template),
                None => diagnostics.push(unknown_type(node)),
            }
        }
    }
}

fn mapping(service: &Service<'_>, function: &Entry, stream: &Stream, template: &mut Template) {
    let event = &stream.event;
    let target = Target::of(function);
    let mut p = Map::new();
    p.insert("BatchSize".into(), field(event, "batchSize").cloned().unwrap_or(json!(10)));
    p.insert("Enabled".into(), field(event, "enabled").cloned().unwrap_or(json!(true)));
    p.insert("EventSourceArn".into(), stream.arn.clone());
    p.insert("FunctionName".into(), target.arn());
    if let Some(factor) = field(event, "parallelizationFactor").filter(|f| truthy(Some(f))) {
        p.insert("ParallelizationFactor".into(), factor.clone());
    }
    p.insert("StartingPosition".into(), field(event, "startingPosition").cloned().unwrap_or(json!("TRIM_HORIZON")));
    for (key, cfn) in [
        ("batchWindow", "MaximumBatchingWindowInSeconds"),
        ("maximumRetryAttempts", "MaximumRetryAttempts"),
        ("bisectBatchOnFunctionError", "BisectBatchOnFunctionError"),
    ] {
        if let Some(value) = field(event, key) {
            p.insert(cfn.into(), value.clone());
        }
    }
    if let Some(kind) = field(event, "functionResponseType") {
        p.insert("FunctionResponseTypes".into(), json!([kind]));
    }
    if let Some(age) = field(event, "maximumRecordAgeInSeconds").filter(|a| truthy(Some(a))) {
        p.insert("MaximumRecordAgeInSeconds".into(), age.clone());
    }
    if let Some(window) = field(event, "tumblingWindowInSeconds") {
        p.insert("TumblingWindowInSeconds".into(), window.clone());
    }
    if let Some((arn, _)) = on_failure(event) {
        p.insert("DestinationConfig".into(), json!({ "OnFailure": { "Destination": arn } }));
    }
    if let Some(filters) = source::filter_criteria(event) {
        p.insert("FilterCriteria".into(), filters);
    }
    if let Some(consumer) = stream.consumer_arn(service, &function.key) {
        p.insert("EventSourceArn".into(), consumer);
    }
    // The Serverless Framework sets it only with a consumer; a mapping
    // starting `AT_TIMESTAMP` needs it either way.
    if let Some(timestamp) = field(event, "startingPositionTimestamp") {
        p.insert("StartingPositionTimestamp".into(), timestamp.clone());
    }
    // The Serverless Framework also lists a new consumer in `DependsOn`;
    // the `Ref` in `EventSourceArn` already orders them (cfn-lint W3005).
    template.resource(
        naming::stream_mapping(&function.key, &stream.kind, &stream.name),
        json!({
            "Type": "AWS::Lambda::EventSourceMapping",
            "DependsOn": source::depends_on(service, function, &target),
            "Properties": p
        }),
    );
    if let Some((name, id)) = stream.new_consumer(service, &function.key) {
        template.resource(
            id,
            json!({
                "Type": "AWS::Kinesis::StreamConsumer",
                "Properties": { "StreamARN": stream.arn, "ConsumerName": name }
            }),
        );
    }
}

/// `destinations.onFailure`: the ARN, and whether it is an SNS topic (else
/// an SQS queue).
fn on_failure(event: &Value) -> Option<(Value, bool)> {
    let on_failure = field(event, "destinations")?.get("onFailure")?;
    let arn = source::short_or(on_failure, "arn");
    let kind = on_failure
        .get("type")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| source::arn_text(&arn).and_then(|t| t.split(':').nth(2)).map(str::to_owned));
    Some((arn, kind.as_deref() == Some("sns")))
}

fn unknown_type(node: &Node) -> Diagnostic {
    Diagnostic::error(
        Code::E0405,
        "svc cannot tell whether this is a DynamoDB or a Kinesis stream",
        node.span,
        "stream of unknown type",
    )
    .with_help("set `type = \"dynamodb\"` or `type = \"kinesis\"` in the `stream` event")
}

/// Per function with `stream` events, the statements letting the role
/// read them: DynamoDB streams, Kinesis streams, Kinesis streams read
/// through a consumer, the consumers, then the failure destinations.
pub fn statements(service: &Service<'_>) -> Vec<Value> {
    let mut statements = Vec::new();
    for function in service.functions_with("stream") {
        let mut buckets: [Vec<Value>; 6] = Default::default();
        for stream in events_of(&function.value, "stream").into_iter().filter_map(|e| read(service, e)) {
            let bucket = if stream.kind == "dynamodb" {
                0
            } else if field(&stream.event, "consumer").is_some_and(|c| truthy(Some(c))) {
                2
            } else {
                1
            };
            buckets[bucket].push(stream.arn.clone());
            if let Some(consumer) = stream.consumer_arn(service, &function.key) {
                buckets[3].push(consumer);
            }
            if let Some((arn, sns)) = on_failure(&stream.event) {
                buckets[if sns { 4 } else { 5 }].push(arn);
            }
        }
        for (actions, resources) in ACTIONS.iter().zip(buckets) {
            if !resources.is_empty() {
                statements.push(source::allow(actions, resources));
            }
        }
    }
    statements
}

/// The actions of each statement, in the order they are written.
const ACTIONS: [&[&str]; 6] = [
    &["dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams"],
    &["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:ListStreams"],
    &["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStreamSummary", "kinesis:ListShards"],
    &["kinesis:SubscribeToShard"],
    &["sns:Publish"],
    &["sqs:ListQueues", "sqs:SendMessage"],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_streams_as_serverless_does() {
        let dynamodb = json!("arn:aws:dynamodb:us-east-1:1:table/legacy-orders/stream/2024-01-01T00:00:00.000");
        assert_eq!(stream_name(&dynamodb), "legacy-orders");
        assert_eq!(stream_name(&json!("arn:aws:kinesis:us-east-1:1:stream/click-stream")), "click-stream");
        assert_eq!(stream_name(&json!({ "Fn::GetAtt": ["UsersTable", "StreamArn"] })), "UsersTable");
        assert_eq!(stream_name(&json!({ "Fn::Join": ["", ["arn:aws:kinesis:x:1:", "stream/s1"]] })), "s1");
    }
}
