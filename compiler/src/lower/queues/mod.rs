//! Events read from queues, topics, streams and brokers: `sns`, `stream`,
//! `kafka`, `activemq`, `rabbitmq`, `msk` and `sqs`, in the Serverless
//! Framework's plugin order. Each kind also gives the statements it adds to
//! the shared role (see [`super::event_policies`]).

mod kafka;
mod mq;
mod msk;
mod sns;
mod source;
mod sqs;
mod stream;

use serde_json::Value;

use crate::diagnostic::Diagnostic;

use super::service::Service;
use super::template::Template;

use mq::Engine;

/// The event kinds this module builds.
pub const KINDS: &[&str] = &["sns", "stream", "kafka", "activemq", "rabbitmq", "msk", "sqs"];

/// Adds the resources of these events.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    sns::lower(service, template, diagnostics);
    stream::lower(service, template, diagnostics);
    kafka::lower(service, template);
    mq::lower(service, Engine::ActiveMq, template);
    mq::lower(service, Engine::RabbitMq, template);
    msk::lower(service, template);
    sqs::lower(service, template);
}

/// `stream` statements: per function, reading its DynamoDB and Kinesis
/// streams (and consumers), and sending to failure destinations.
pub fn stream_statements(service: &Service<'_>) -> Vec<Value> {
    stream::statements(service)
}

/// `kafka` statements: per function, its secrets and the VPC.
pub fn kafka_statements(service: &Service<'_>) -> Vec<Value> {
    kafka::statements(service)
}

/// `activemq` statements: per function, its secrets, brokers and the VPC.
pub fn activemq_statements(service: &Service<'_>) -> Vec<Value> {
    mq::statements(service, Engine::ActiveMq)
}

/// `rabbitmq` statements: per function, its secrets, brokers and the VPC.
pub fn rabbitmq_statements(service: &Service<'_>) -> Vec<Value> {
    mq::statements(service, Engine::RabbitMq)
}

/// `msk` statements: per function, its clusters and the VPC.
pub fn msk_statements(service: &Service<'_>) -> Vec<Value> {
    msk::statements(service)
}

/// `sqs` statement: one, reading every queue.
pub fn sqs_statements(service: &Service<'_>) -> Vec<Value> {
    sqs::statements(service)
}
