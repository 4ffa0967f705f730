//! The resources a service has: the ones it declares and the ones svc
//! generates for it. Lowering is the one place that knows what svc
//! generates, so this asks it (for the stage the service resolves to).

use std::collections::BTreeMap;

use crate::lower::{Context, Purpose, lower};
use crate::tree::Node;

/// Logical ID → resource type, for every resource in the service's
/// template (declared or generated).
pub fn known_resources(service: &Node) -> BTreeMap<String, String> {
    let stage = service.at_address("provider.stage").and_then(Node::as_str).unwrap_or("dev").to_owned();
    let (template, _) = lower(service, &Context { stage, purpose: Purpose::Names, ..Context::default() });
    template.resource_types().map(|(id, kind)| (id.to_owned(), kind.to_owned())).collect()
}
