//! Serverless plugins a service lists (`plugins = [...]`, or its
//! `modules`): svc does some of them itself when they are listed.

use crate::span::Span;
use crate::tree::{Node, NodeKind};

/// Where `plugins` names the plugin `name`, if it does.
pub fn listed(service: &Node, name: &str) -> Option<Span> {
    let plugins = service.at_address("plugins")?;
    let list = match &plugins.kind {
        NodeKind::List(items) => items.as_slice(),
        NodeKind::Object(object) => object.get("modules").and_then(Node::as_list).unwrap_or_default(),
        _ => &[],
    };
    list.iter().find(|p| p.as_str() == Some(name)).map(|p| p.span)
}
