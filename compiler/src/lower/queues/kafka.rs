//! `kafka` events (a self-managed Apache Kafka cluster): an event source
//! mapping per topic, and per function the statements letting the role
//! read the brokers' secrets and reach them in a VPC.

use serde_json::{Map, Value, json};

use crate::lower::common::truthy;
use crate::naming;
use crate::tree::Entry;

use super::source::{self, field};
use crate::lower::common::Target;
use crate::lower::common::events_of;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// How each key of `accessConfigurations` becomes a source access
/// configuration: its type, the prefix of its URI, and whether it is a
/// secret the role must read (else it is a VPC setting).
const ACCESS: &[(&str, &str, &str, bool)] = &[
    ("vpcSubnet", "VPC_SUBNET", "subnet:", false),
    ("vpcSecurityGroup", "VPC_SECURITY_GROUP", "security_group:", false),
    ("saslPlainAuth", "BASIC_AUTH", "", true),
    ("saslScram256Auth", "SASL_SCRAM_256_AUTH", "", true),
    ("saslScram512Auth", "SASL_SCRAM_512_AUTH", "", true),
    ("clientCertificateTlsAuth", "CLIENT_CERTIFICATE_TLS_AUTH", "", true),
    ("serverRootCaCertificate", "SERVER_ROOT_CA_CERTIFICATE", "", true),
];

/// One access configuration: the source access configuration, and the
/// secret it names (if it is one).
fn access(event: &Value) -> Vec<(Value, Option<Value>)> {
    let Some(configurations) = event.get("accessConfigurations").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, values) in configurations {
        let (kind, prefix, secret) = ACCESS
            .iter()
            .find(|(k, ..)| k == key)
            .map_or((key.as_str(), "", false), |(_, kind, prefix, secret)| (*kind, *prefix, *secret));
        let values = match values {
            Value::Array(values) => values.clone(),
            other => vec![other.clone()],
        };
        for value in values {
            let uri = match &value {
                Value::String(text) => json!(format!("{prefix}{text}")),
                other => other.clone(),
            };
            out.push((json!({ "Type": kind, "URI": uri }), secret.then_some(value)));
        }
    }
    out
}

/// Adds the mapping of every `kafka` event.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    for function in service.functions_with("kafka") {
        for event in events_of(&function.value, "kafka") {
            mapping(service, function, &Service::json(event), template);
        }
    }
}

fn mapping(service: &Service<'_>, function: &Entry, event: &Value, template: &mut Template) {
    let target = Target::of(function);
    let topic = event.get("topic").cloned().unwrap_or(Value::Null);
    let mut p = Map::new();
    p.insert("FunctionName".into(), target.arn());
    p.insert("StartingPosition".into(), field(event, "startingPosition").cloned().unwrap_or(json!("TRIM_HORIZON")));
    p.insert(
        "SelfManagedEventSource".into(),
        json!({ "Endpoints": { "KafkaBootstrapServers": event.get("bootstrapServers") } }),
    );
    p.insert("Topics".into(), json!([topic]));
    p.insert("SourceAccessConfigurations".into(), access(event).into_iter().map(|(c, _)| c).collect());
    for (key, cfn) in [("batchSize", "BatchSize"), ("maximumBatchingWindow", "MaximumBatchingWindowInSeconds")] {
        if let Some(value) = field(event, key).filter(|v| truthy(Some(v))) {
            p.insert(cfn.into(), value.clone());
        }
    }
    if let Some(enabled) = field(event, "enabled") {
        p.insert("Enabled".into(), enabled.clone());
    }
    if let Some(group) = field(event, "consumerGroupId").filter(|g| truthy(Some(g))) {
        p.insert("SelfManagedKafkaEventSourceConfig".into(), json!({ "ConsumerGroupId": group }));
    }
    if let Some(timestamp) = field(event, "startingPositionTimestamp") {
        p.insert("StartingPositionTimestamp".into(), timestamp.clone());
    }
    if let Some(filters) = source::filter_criteria(event) {
        p.insert("FilterCriteria".into(), filters);
    }
    template.resource(
        naming::kafka_mapping(&function.key, topic.as_str().unwrap_or_default()),
        json!({
            "Type": "AWS::Lambda::EventSourceMapping",
            "DependsOn": source::depends_on(service, function, &target),
            "Properties": p
        }),
    );
}

/// Per function with `kafka` events: `secretsmanager:GetSecretValue` on
/// the secrets of its access configurations, then the EC2 statement when
/// one is in a VPC.
pub fn statements(service: &Service<'_>) -> Vec<Value> {
    let mut statements = Vec::new();
    for function in service.functions_with("kafka") {
        let events: Vec<Value> = events_of(&function.value, "kafka").into_iter().map(Service::json).collect();
        let mut secrets = Vec::new();
        let mut vpc = false;
        for (configuration, secret) in events.iter().flat_map(access) {
            match secret {
                Some(secret) => secrets.push(secret),
                None => vpc |= configuration["Type"].as_str().is_some_and(|t| t.starts_with("VPC_")),
            }
        }
        if !secrets.is_empty() {
            statements.push(source::allow(&["secretsmanager:GetSecretValue"], secrets));
        }
        if vpc {
            statements.push(source::ec2_statement());
        }
    }
    statements
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_vpc_settings() {
        let event = json!({ "accessConfigurations": { "vpcSubnet": ["subnet-1"], "saslScram512Auth": "arn:s" } });
        let access = access(&event);
        assert_eq!(access[0].0, json!({ "Type": "VPC_SUBNET", "URI": "subnet:subnet-1" }));
        assert_eq!(access[1].1, Some(json!("arn:s")));
    }
}
