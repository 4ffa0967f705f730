//! A digest of what decides a service's resources: the checked service
//! without spans and without the values lowering only copies into
//! resources, and the settings it resolved to. Equal digests, equal
//! resources (`crate::analysis::known_resources`); so an
//! editor's [`super::KnownCache`] reuses its answer across edits of those
//! values (`compiler/tests/known_cache.rs` checks the lists below against
//! every bundled service).

use sha2::{Digest, Sha256};

use crate::settings::Settings;
use crate::tree::{Node, NodeKind};

/// Function settings lowering only copies into the function's resources:
/// they never decide which resources there are, or their IDs.
pub const FUNCTION_VALUES: [&str; 6] = ["description", "environment", "handler", "memorySize", "tags", "timeout"];

/// The provider's defaults for some of those.
pub const PROVIDER_VALUES: [&str; 3] = ["environment", "memorySize", "timeout"];

/// SHA-256 of the service without spans and without the values that cannot
/// change its resources, and of its settings: equal digests, equal
/// resources.
pub fn names_digest(service: &Node, settings: &Settings) -> [u8; 32] {
    // Fed into one buffer, hashed at once: SHA-256 is quick on a long
    // input, slow on many short ones.
    let mut out: Vec<u8> = Vec::with_capacity(64 * 1024);
    let Settings { service: name, stage, region, profile: _, deployment_prefix, stack_name, artifact_folder } =
        settings;
    for setting in [name, stage, region, deployment_prefix, stack_name, artifact_folder] {
        text(&mut out, setting);
    }
    let Some(root) = service.as_object() else {
        feed(&mut out, service, &[]);
        return Sha256::digest(&out).into();
    };
    out.extend_from_slice(b"{");
    for entry in root.entries() {
        text(&mut out, &entry.key);
        match (entry.key.as_str(), entry.value.as_object()) {
            ("functions", Some(functions)) => {
                out.extend_from_slice(b"{");
                for function in functions.entries() {
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
        NodeKind::Deferred(deferred) => tagged(out, b"d", &deferred.to_string()),
        NodeKind::Path(names) => {
            out.extend_from_slice(b"p");
            names.iter().for_each(|n| text(out, &n.text));
        }
        NodeKind::List(items) => {
            tagged_len(out, b"[", items.len());
            items.iter().for_each(|item| feed(out, item, &[]));
        }
        NodeKind::Object(object) => {
            let kept = || object.entries().iter().filter(|e| !skip.contains(&e.key.as_str()));
            tagged_len(out, b"{", kept().count());
            for entry in kept() {
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
