//! Statements the events add to the shared role (reading a queue, a
//! stream or a broker's secret, …), after the log and user statements.
//!
//! The Serverless Framework adds them plugin by plugin, each plugin walking
//! the functions in order, so the order here is its plugin order: `stream`,
//! `kafka`, `activemq`, `rabbitmq`, `msk`, `sqs`. (Before them come the
//! statements of `schedule` with `method: scheduler` and of `websocket`;
//! after them, `cloudFront`'s.)

use serde_json::Value;

use super::queues;
use super::service::Service;

/// What adds statements, in the Serverless Framework's plugin order.
const SOURCES: &[fn(&Service<'_>) -> Vec<Value>] = &[
    queues::stream_statements,
    queues::kafka_statements,
    queues::activemq_statements,
    queues::rabbitmq_statements,
    queues::msk_statements,
    queues::sqs_statements,
];

/// The statements, in the order the Serverless Framework writes them.
pub fn statements(service: &Service<'_>) -> Vec<Value> {
    SOURCES.iter().flat_map(|source| source(service)).collect()
}
