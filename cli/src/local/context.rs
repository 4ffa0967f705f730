//! The `context` of one invocation: the fields Lambda gives the handler,
//! with `--context` overrides over them.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};

use super::environment::{Identity, request_id};
use super::function::LocalFunction;

/// The account in ARNs made up locally (the real one is not asked for).
const LOCAL_ACCOUNT: &str = "000000000000";

/// The context of one invocation starting now, with `overrides` (an
/// object, from `--context`) over Lambda's fields.
pub fn context(
    function: &LocalFunction,
    region: &str,
    identity: &Identity,
    overrides: &Map<String, Value>,
) -> Map<String, Value> {
    let deadline = SystemTime::now() + Duration::from_secs(function.timeout);
    let deadline_ms = deadline.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    let mut fields = json!({
        "functionName": function.deployed_name,
        "functionVersion": "$LATEST",
        "memoryLimitInMB": function.memory,
        "invokedFunctionArn": format!("arn:aws:lambda:{region}:{LOCAL_ACCOUNT}:function:{}", function.deployed_name),
        "awsRequestId": request_id(),
        "logGroupName": identity.log_group,
        "logStreamName": identity.log_stream,
        "deadlineMs": u64::try_from(deadline_ms).unwrap_or(u64::MAX),
    });
    if let Some(fields) = fields.as_object_mut() {
        fields.extend(overrides.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    match fields {
        Value::Object(fields) => fields,
        _ => Map::new(),
    }
}
