//! `sqs` events: an event source mapping per queue, and one statement
//! letting the role read every queue.

use serde_json::{Map, Value, json};

use crate::lower::common::truthy;
use crate::naming;
use crate::tree::Entry;

use super::source::{self, field};
use crate::lower::common::Target;
use crate::lower::common::events_of;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// Adds the mapping of every `sqs` event.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    for function in service.functions_with("sqs") {
        for event in events_of(&function.value, "sqs") {
            mapping(service, function, &Service::json(event), template);
        }
    }
}

fn mapping(service: &Service<'_>, function: &Entry, event: &Value, template: &mut Template) {
    let arn = source::short_or(event, "arn");
    let target = Target::of(function);
    let mut properties = Map::new();
    properties.insert("BatchSize".into(), field(event, "batchSize").cloned().unwrap_or(json!(10)));
    if let Some(window) = field(event, "maximumBatchingWindow") {
        properties.insert("MaximumBatchingWindowInSeconds".into(), window.clone());
    }
    properties.insert("EventSourceArn".into(), arn.clone());
    properties.insert("FunctionName".into(), target.arn());
    properties.insert("Enabled".into(), field(event, "enabled").cloned().unwrap_or(json!(true)));
    if let Some(kind) = field(event, "functionResponseType") {
        properties.insert("FunctionResponseTypes".into(), json!([kind]));
    }
    if let Some(filters) = source::filter_criteria(event) {
        properties.insert("FilterCriteria".into(), filters);
    }
    if let Some(most) = field(event, "maximumConcurrency").filter(|v| truthy(Some(v))) {
        properties.insert("ScalingConfig".into(), json!({ "MaximumConcurrency": most }));
    }
    template.resource(
        naming::sqs_mapping(&function.key, &queue_name(&arn)),
        json!({
            "Type": "AWS::Lambda::EventSourceMapping",
            "DependsOn": source::depends_on(service, function, &target),
            "Properties": properties
        }),
    );
}

/// The name in the mapping's logical ID: the logical ID of a
/// `getAtt`/`ref`, the export of an import, the last part of a join, else
/// what follows the ARN's last `:`.
fn queue_name(arn: &Value) -> String {
    if let Some(name) = source::reference_name(arn).or_else(|| source::join_last(arn).map(str::to_owned)) {
        return name;
    }
    source::arn_text(arn).and_then(|text| text.rsplit(':').next()).unwrap_or_default().to_owned()
}

/// `sqs:ReceiveMessage`, `DeleteMessage` and `GetQueueAttributes` on every
/// queue of every function, in one statement.
pub fn statements(service: &Service<'_>) -> Vec<Value> {
    let queues: Vec<Value> = service
        .functions_with("sqs")
        .iter()
        .flat_map(|f| events_of(&f.value, "sqs"))
        .map(|event| source::short_or(&Service::json(event), "arn"))
        .collect();
    if queues.is_empty() {
        return Vec::new();
    }
    vec![source::allow(&["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], queues)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_queues_as_serverless_does() {
        assert_eq!(queue_name(&json!("arn:aws:sqs:us-east-1:1:orders_dlq.fifo")), "orders_dlq.fifo");
        assert_eq!(queue_name(&json!({ "Fn::GetAtt": ["OrdersQueue", "Arn"] })), "OrdersQueue");
        assert_eq!(queue_name(&json!({ "Fn::Join": [":", ["arn:aws:sqs:us-east-1:1", "jobs"]] })), "jobs");
        assert_eq!(queue_name(&json!({ "Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:1:jobs" })), "jobs");
    }
}
