//! The resources a service has — the ones it declares and the ones svc
//! generates for it — and the problems only lowering finds (a function
//! with no runtime, a logical ID svc takes, …). Only lowering knows these,
//! so the check is handed them: [`crate::analysis`] lowers every service
//! for names, so that `svc check` and the editor report all that
//! `svc build` would refuse.
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
use crate::diagnostic::Diagnostic;
use crate::settings::Settings;
use crate::tree::Node;

/// Logical ID → resource type.
pub type Known = BTreeMap<String, String>;

/// What a lowering for names tells about a service.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Generated {
    /// Every resource of its template, declared or generated.
    pub resources: Known,
    /// The keys of its template's outputs, declared or generated.
    pub outputs: Vec<String>,
    /// The problems lowering found.
    pub diagnostics: Vec<Diagnostic>,
}

/// The [`Generated`] of the last service asked about, reused while the
/// service and its settings have the same [`names_digest`].
#[derive(Debug, Default)]
pub struct KnownCache {
    last: Mutex<Option<([u8; 32], Arc<Generated>)>>,
}

impl KnownCache {
    /// What lowering tells about `service` under `settings`: from the
    /// cache when its digest matches, else `compute`d and kept. An answer
    /// with diagnostics is never reused: their spans point into the text
    /// it was computed from, and the digest leaves spans out.
    pub fn get_or(&self, service: &Node, settings: &Settings, compute: impl FnOnce() -> Generated) -> Arc<Generated> {
        let digest = names_digest(service, settings);
        if let Some((last, generated)) = self.lock().as_ref()
            && *last == digest
            && generated.diagnostics.is_empty()
        {
            return Arc::clone(generated);
        }
        let generated = Arc::new(compute());
        *self.lock() = Some((digest, Arc::clone(&generated)));
        generated
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<([u8; 32], Arc<Generated>)>> {
        self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
