//! What the `stream` events share: which service the stream belongs to,
//! and its ARN.

use serde_json::Value;

use super::Context;
use super::arn::{self, Named};

/// The service a `stream` event reads from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A DynamoDB table's stream.
    Dynamodb,
    /// A Kinesis data stream.
    Kinesis,
    /// Not known from the declaration.
    Unknown,
}

/// The service of a `stream` event: its `type`, else its ARN's service,
/// else the type of the resource it references (`getAtt(Table.StreamArn)`).
pub fn source(context: &Context<'_>, declaration: &Value) -> Source {
    match declaration.get("type").and_then(Value::as_str) {
        Some("dynamodb") => return Source::Dynamodb,
        Some("kinesis") => return Source::Kinesis,
        _ => {}
    }
    let written = written(declaration);
    if let Some(text) = arn::text(context, written) {
        if text.starts_with("arn:") && text.contains(":dynamodb:") {
            return Source::Dynamodb;
        }
        if text.starts_with("arn:") && text.contains(":kinesis:") {
            return Source::Kinesis;
        }
    }
    let kind = arn::logical_id(written).and_then(|id| arn::resource_type(context, &id));
    match kind {
        Some(kind) if kind.starts_with("AWS::DynamoDB::") => Source::Dynamodb,
        Some(kind) if kind.starts_with("AWS::Kinesis::") => Source::Kinesis,
        _ if arn::attribute(written) == Some("StreamArn") => Source::Dynamodb,
        _ => Source::Unknown,
    }
}

/// The stream ARN as written: the short form, or a block's `arn`.
pub fn written(declaration: &Value) -> &Value {
    declaration.get("arn").unwrap_or(declaration)
}

/// The stream's name or ARN as written, with the referenced resource's
/// `name_property`; named after the function when nothing is written.
pub fn named(context: &Context<'_>, declaration: &Value, name_property: &str) -> Named {
    arn::named(context, written(declaration), name_property).unwrap_or_else(|| Named::Name(context.generic_name()))
}
