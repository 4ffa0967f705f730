//! A function's events of one kind (`sqs`, `cloudFront`, …), in the order
//! they are written.

use serde_json::Value;

use crate::lower::service::Service;
use crate::tree::{Entry, Node, NodeKind};

/// A function's whole `events` list (empty when it has none).
pub fn all_events(function: &Node) -> &[Node] {
    match function.as_object().and_then(|f| f.get("events")).map(|e| &e.kind) {
        Some(NodeKind::List(events)) => events,
        _ => &[],
    }
}

/// The values of `function`'s events of `kind`, each with its 1-based
/// position in the function's whole `events` list.
pub fn numbered_events_of<'a>(function: &'a Node, kind: &str) -> impl Iterator<Item = (usize, &'a Node)> {
    all_events(function)
        .iter()
        .enumerate()
        .filter_map(move |(index, event)| Some((index + 1, event.as_object()?.get(kind)?)))
}

/// The values of a function's events of `kind`, in order.
pub fn events_of<'a>(function: &'a Node, kind: &str) -> Vec<&'a Node> {
    numbered_events_of(function, kind).map(|(_, event)| event).collect()
}

/// A function's events of `kind` as template JSON, each with its 1-based
/// position in the function's whole `events` list.
pub fn events(function: &Entry, kind: &str) -> Vec<(usize, Value)> {
    numbered_events_of(&function.value, kind).map(|(position, event)| (position, Service::json(event))).collect()
}
