//! The resources a service has: the ones it declares and the ones svc
//! generates for it. Lowering is the one place that knows what svc
//! generates, so this asks it (for the stage the service resolves to).
//!
//! That lowering is most of what checking a large service costs, and an
//! editor checks after every keystroke; yet most keystrokes change values
//! that cannot change which resources there are (an environment variable,
//! a description, a memory size). [`KnownCache`] keeps the last answer
//! with a digest of everything else in the service, and lowers again only
//! when that digest changes.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::digest::names_digest;
use crate::lower::{Context, Purpose, lower};
use crate::tree::Node;

/// Logical ID → resource type.
pub type Known = BTreeMap<String, String>;

/// Logical ID → resource type, for every resource in the service's
/// template (declared or generated).
pub fn known_resources(service: &Node) -> Known {
    let stage = service.at_address("provider.stage").and_then(Node::as_str).unwrap_or("dev").to_owned();
    let (template, _) = lower(service, &Context { stage, purpose: Purpose::Names, ..Context::default() });
    template.resource_types().map(|(id, kind)| (id.to_owned(), kind.to_owned())).collect()
}

/// [`known_resources`] of the last service asked about, reused while the
/// service has the same [`names_digest`].
#[derive(Debug, Default)]
pub struct KnownCache {
    last: Mutex<Option<([u8; 32], Arc<Known>)>>,
}

impl KnownCache {
    /// The resources of `service`, from the cache when its digest matches.
    pub fn known(&self, service: &Node) -> Arc<Known> {
        let digest = names_digest(service);
        if let Some((last, known)) = self.lock().as_ref()
            && *last == digest
        {
            return Arc::clone(known);
        }
        let known = Arc::new(known_resources(service));
        *self.lock() = Some((digest, Arc::clone(&known)));
        known
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<([u8; 32], Arc<Known>)>> {
        self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
