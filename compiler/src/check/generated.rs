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

use sha2::{Digest, Sha256};

use crate::lower::{Context, Purpose, lower};
use crate::tree::{Node, NodeKind};

/// Logical ID → resource type.
pub type Known = BTreeMap<String, String>;

/// Function settings lowering only copies into the function's resources:
/// they never decide which resources there are, or their IDs.
pub const FUNCTION_VALUES: [&str; 6] = ["description", "environment", "handler", "memorySize", "tags", "timeout"];

/// The provider's defaults for some of those.
pub const PROVIDER_VALUES: [&str; 3] = ["environment", "memorySize", "timeout"];

/// Logical ID → resource type, for every resource in the service's
/// template (declared or generated).
pub fn known_resources(service: &Node) -> Known {
    let stage = service.at_address("provider.stage").and_then(Node::as_str).unwrap_or("dev").to_owned();
    let (template, _) = lower(service, &Context { stage, purpose: Purpose::Names, ..Context::default() });
    template.resource_types().map(|(id, kind)| (id.to_owned(), kind.to_owned())).collect()
}

/// [`known_resources`] of the last service asked about, reused while the
/// service differs only in [`FUNCTION_VALUES`] and [`PROVIDER_VALUES`].
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

/// SHA-256 of the service without spans and without the values that cannot
/// change its resources: equal digests, equal [`known_resources`].
pub fn names_digest(service: &Node) -> [u8; 32] {
    // Fed into one buffer, hashed at once: SHA-256 is quick on a long
    // input, slow on many short ones.
    let mut out: Vec<u8> = Vec::with_capacity(64 * 1024);
    let Some(root) = service.as_object() else {
        feed(&mut out, service, &[]);
        return Sha256::digest(&out).into();
    };
    out.extend_from_slice(b"{");
    for entry in &root.entries {
        text(&mut out, &entry.key);
        match (entry.key.as_str(), entry.value.as_object()) {
            ("functions", Some(functions)) => {
                out.extend_from_slice(b"{");
                for function in &functions.entries {
                    text(&mut out, &function.key);
                    feed(&mut out, &function.value, &FUNCTION_VALUES);
                }
                out.extend_from_slice(b"}");
            }
            ("provider", _) => feed(&mut out, &entry.value, &PROVIDER_VALUES),
            _ => feed(&mut out, &entry.value, &[]),
        }
    }
    out.extend_from_slice(b"}");
    Sha256::digest(&out).into()
}

/// Appends `node` to `out`, leaving out its own entries named in
/// `skip` (not deeper ones). Every part is tagged and length-prefixed, so
/// different trees never feed the same bytes.
fn feed(out: &mut Vec<u8>, node: &Node, skip: &[&str]) {
    match &node.kind {
        NodeKind::Null => out.extend_from_slice(b"n"),
        NodeKind::Error => out.extend_from_slice(b"e"),
        NodeKind::Bool(b) => out.extend_from_slice(if *b { b"t" } else { b"f" }),
        NodeKind::Number(raw) => tagged(out, b"#", raw),
        NodeKind::String(s) => tagged(out, b"s", s),
        NodeKind::Deferred(s) => tagged(out, b"d", s),
        NodeKind::Path(names) => {
            out.extend_from_slice(b"p");
            names.iter().for_each(|n| text(out, &n.text));
        }
        NodeKind::List(items) => {
            tagged_len(out, b"[", items.len());
            items.iter().for_each(|item| feed(out, item, &[]));
        }
        NodeKind::Object(object) => {
            let kept: Vec<_> = object.entries.iter().filter(|e| !skip.contains(&e.key.as_str())).collect();
            tagged_len(out, b"{", kept.len());
            for entry in kept {
                text(out, &entry.key);
                feed(out, &entry.value, &[]);
            }
        }
        NodeKind::Call(call) => {
            tagged(out, b"c", &call.name.text);
            tagged_len(out, b"(", call.args.len());
            call.args.iter().for_each(|arg| feed(out, arg, &[]));
        }
        // Left unresolved only with an error; rare, so its debug form does.
        NodeKind::Variable(_) | NodeKind::Template(_) => tagged(out, b"v", &format!("{:?}", node.kind)),
    }
}

fn tagged(out: &mut Vec<u8>, tag: &[u8], s: &str) {
    out.extend_from_slice(tag);
    text(out, s);
}

fn tagged_len(out: &mut Vec<u8>, tag: &[u8], len: usize) {
    out.extend_from_slice(tag);
    out.extend_from_slice(&(len as u64).to_le_bytes());
}

fn text(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}
