//! Statements the events add to the shared role (reading a queue or a
//! stream, …). Filled in with the events that need them.

use serde_json::Value;

use super::service::Service;

/// The statements, in the order the Serverless Framework writes them.
pub fn statements(_service: &Service<'_>) -> Vec<Value> {
    Vec::new()
}
