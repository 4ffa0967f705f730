//! `activemq` and `rabbitmq` events (Amazon MQ brokers): an event source
//! mapping per queue, and per function the statements letting the role
//! read the broker's secret, describe the broker and reach it in its VPC.

use serde_json::{Map, Value, json};

use crate::lower::common::truthy;
use crate::naming;
use crate::tree::Entry;

use super::source::{self, field};
use crate::lower::common::Target;
use crate::lower::common::events_of;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// The two broker engines.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// `activemq`
    ActiveMq,
    /// `rabbitmq`
    RabbitMq,
}

impl Engine {
    fn kind(self) -> &'static str {
        match self {
            Engine::ActiveMq => "activemq",
            Engine::RabbitMq => "rabbitmq",
        }
    }

    fn mapping_id(self, function: &str, queue: &str) -> String {
        match self {
            Engine::ActiveMq => naming::activemq_mapping(function, queue),
            Engine::RabbitMq => naming::rabbitmq_mapping(function, queue),
        }
    }
}

/// Adds the mapping of every event of `engine`.
pub fn lower(service: &Service<'_>, engine: Engine, template: &mut Template) {
    for function in service.functions_with(engine.kind()) {
        for event in events_of(&function.value, engine.kind()) {
            mapping(service, engine, function, &Service::json(event), template);
        }
    }
}

fn mapping(service: &Service<'_>, engine: Engine, function: &Entry, event: &Value, template: &mut Template) {
    let target = Target::of(function);
    let queue = event.get("queue").cloned().unwrap_or(Value::Null);
    let mut access = vec![json!({ "Type": "BASIC_AUTH", "URI": event.get("basicAuthArn") })];
    let host = field(event, "virtualHost").filter(|h| truthy(Some(h)));
    if let Some(host) = host.filter(|_| engine == Engine::RabbitMq) {
        access.push(json!({ "Type": "VIRTUAL_HOST", "URI": host }));
    }
    let mut p = Map::new();
    p.insert("FunctionName".into(), target.arn());
    p.insert("EventSourceArn".into(), event.get("arn").cloned().unwrap_or(Value::Null));
    p.insert("Queues".into(), json!([queue]));
    p.insert("SourceAccessConfigurations".into(), Value::Array(access));
    for (key, cfn) in [("batchSize", "BatchSize"), ("maximumBatchingWindow", "MaximumBatchingWindowInSeconds")] {
        if let Some(value) = field(event, key).filter(|v| truthy(Some(v))) {
            p.insert(cfn.into(), value.clone());
        }
    }
    if let Some(enabled) = field(event, "enabled") {
        p.insert("Enabled".into(), enabled.clone());
    }
    if let Some(filters) = source::filter_criteria(event) {
        p.insert("FilterCriteria".into(), filters);
    }
    template.resource(
        engine.mapping_id(&function.key, queue.as_str().unwrap_or_default()),
        json!({
            "Type": "AWS::Lambda::EventSourceMapping",
            "DependsOn": source::depends_on(service, function, &target),
            "Properties": p
        }),
    );
}

/// Per function with events of `engine`: `secretsmanager:GetSecretValue`
/// on the secrets, `mq:DescribeBroker` on the brokers, and the EC2
/// statement.
pub fn statements(service: &Service<'_>, engine: Engine) -> Vec<Value> {
    let mut statements = Vec::new();
    for function in service.functions_with(engine.kind()) {
        let events: Vec<Value> = events_of(&function.value, engine.kind()).into_iter().map(Service::json).collect();
        if events.is_empty() {
            continue;
        }
        let all = |key: &str| events.iter().map(|e| e.get(key).cloned().unwrap_or(Value::Null)).collect();
        statements.push(source::allow(&["secretsmanager:GetSecretValue"], all("basicAuthArn")));
        statements.push(source::allow(&["mq:DescribeBroker"], all("arn")));
        statements.push(source::ec2_statement());
    }
    statements
}
