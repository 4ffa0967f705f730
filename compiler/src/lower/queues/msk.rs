//! `msk` events (an Amazon MSK cluster): an event source mapping per
//! cluster and topic, and per function the statements letting the role
//! find the brokers and reach them in their VPC.

use serde_json::{Map, Value, json};

use crate::lower::common::truthy;
use crate::naming;
use crate::tree::Entry;

use super::source::{self, field};
use crate::lower::common::Target;
use crate::lower::common::events_of;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// Adds the mapping of every `msk` event.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    for function in service.functions_with("msk") {
        for event in events_of(&function.value, "msk") {
            mapping(service, function, &Service::json(event), template);
        }
    }
}

fn mapping(service: &Service<'_>, function: &Entry, event: &Value, template: &mut Template) {
    let target = Target::of(function);
    let arn = event.get("arn").cloned().unwrap_or(Value::Null);
    let topic = event.get("topic").cloned().unwrap_or(Value::Null);
    let mut p = Map::new();
    p.insert("EventSourceArn".into(), arn.clone());
    p.insert("FunctionName".into(), target.arn());
    p.insert("StartingPosition".into(), field(event, "startingPosition").cloned().unwrap_or(json!("TRIM_HORIZON")));
    p.insert("Topics".into(), json!([topic]));
    if let Some(timestamp) = field(event, "startingPositionTimestamp") {
        p.insert("StartingPositionTimestamp".into(), timestamp.clone());
    }
    for (key, cfn) in [("batchSize", "BatchSize"), ("maximumBatchingWindow", "MaximumBatchingWindowInSeconds")] {
        if let Some(value) = field(event, key).filter(|v| truthy(Some(v))) {
            p.insert(cfn.into(), value.clone());
        }
    }
    if let Some(group) = field(event, "consumerGroupId").filter(|g| truthy(Some(g))) {
        p.insert("AmazonManagedKafkaEventSourceConfig".into(), json!({ "ConsumerGroupId": group }));
    }
    if let Some(enabled) = field(event, "enabled") {
        p.insert("Enabled".into(), enabled.clone());
    }
    if let Some(secret) = field(event, "saslScram512") {
        p.insert("SourceAccessConfigurations".into(), json!([{ "Type": "SASL_SCRAM_512_AUTH", "URI": secret }]));
    }
    if let Some(filters) = source::filter_criteria(event) {
        p.insert("FilterCriteria".into(), filters);
    }
    template.resource(
        naming::msk_mapping(&function.key, &cluster_name(&arn), topic.as_str().unwrap_or_default()),
        json!({
            "Type": "AWS::Lambda::EventSourceMapping",
            "DependsOn": source::depends_on(service, function, &target),
            "Properties": p
        }),
    );
}

/// The cluster in the mapping's logical ID: the export of an import, the
/// logical ID of a `ref` (or `getAtt`), else the ARN's part after the
/// first `/` (`cluster/<name>/<uuid>`).
fn cluster_name(arn: &Value) -> String {
    if let Some(name) = source::reference_name(arn) {
        return name;
    }
    source::arn_text(arn).and_then(|text| text.split('/').nth(1)).unwrap_or_default().to_owned()
}

/// Per function with `msk` events: `kafka:DescribeCluster` and
/// `GetBootstrapBrokers` on its clusters, then the EC2 statement.
pub fn statements(service: &Service<'_>) -> Vec<Value> {
    let mut statements = Vec::new();
    for function in service.functions_with("msk") {
        let clusters: Vec<Value> = events_of(&function.value, "msk")
            .into_iter()
            .map(|e| Service::json(e).get("arn").cloned().unwrap_or(Value::Null))
            .collect();
        if !clusters.is_empty() {
            statements.push(source::allow(&["kafka:DescribeCluster", "kafka:GetBootstrapBrokers"], clusters));
            statements.push(source::ec2_statement());
        }
    }
    statements
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_clusters_as_serverless_does() {
        let arn = json!("arn:aws:kafka:us-east-1:1:cluster/orders-cluster/1111-1");
        assert_eq!(cluster_name(&arn), "orders-cluster");
        assert_eq!(cluster_name(&json!({ "Ref": "Cluster" })), "Cluster");
    }
}
