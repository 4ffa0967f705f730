//! Limits on resolution, so that a hostile service (a `${self:…}` chain of
//! thousands of links, values that each repeat the one before twice) gets an
//! error instead of exhausting the stack or the memory.
//!
//! - **Depth:** at most [`MAX_DEPTH`] variables are resolved one inside the
//!   other (E0218). Each costs a few stack frames; the limit keeps a debug
//!   build inside a 2 MiB thread stack (the language server's workers).
//! - **Size:** one variable's value has at most [`MAX_VALUE_NODES`] nodes
//!   and [`MAX_VALUE_BYTES`] bytes of text, and all the values resolution
//!   builds together at most [`MAX_TOTAL_NODES`] and [`MAX_TOTAL_BYTES`]
//!   (E0219). Real services stay far below both.

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;
use crate::tree::{DeferredPart, Node, NodeKind, Path};

/// How many variables may be resolved one inside the other.
pub const MAX_DEPTH: usize = 128;
/// The most nodes one variable's value may have.
pub const MAX_VALUE_NODES: u64 = 500_000;
/// The most bytes of text (strings, numbers and keys) in one variable's value.
pub const MAX_VALUE_BYTES: u64 = 16 << 20;
/// The most nodes resolution may build for the whole service.
pub const MAX_TOTAL_NODES: u64 = 10_000_000;
/// The most bytes of text resolution may build for the whole service.
pub const MAX_TOTAL_BYTES: u64 = 64 << 20;

/// The size of a value: its nodes and bytes of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Size {
    /// Nodes, the value itself included.
    pub nodes: u64,
    /// Bytes of strings, numbers, keys and deploy-time text.
    pub bytes: u64,
}

impl Size {
    /// Whether one variable's value of this size is too large.
    pub fn over_value_limit(self) -> bool {
        self.nodes > MAX_VALUE_NODES || self.bytes > MAX_VALUE_BYTES
    }

    /// Whether the values built for a whole service, this size together,
    /// are too large.
    pub fn over_total_limit(self) -> bool {
        self.nodes > MAX_TOTAL_NODES || self.bytes > MAX_TOTAL_BYTES
    }
}

/// The size of `node`, counted without recursion; counting stops soon
/// after one variable's limit is passed (the result is then over it).
pub fn measure(node: &Node) -> Size {
    let mut size = Size::default();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if size.over_value_limit() {
            break;
        }
        size.nodes += 1;
        match &node.kind {
            NodeKind::String(text) | NodeKind::Number(text) => size.bytes += text.len() as u64,
            NodeKind::List(items) => stack.extend(items),
            NodeKind::Object(object) => {
                for entry in object.entries() {
                    size.bytes += entry.key.as_str().len() as u64;
                    stack.push(&entry.value);
                }
            }
            NodeKind::Call(call) => stack.extend(&call.args),
            NodeKind::Deferred(deferred) => {
                for part in &deferred.parts {
                    match part {
                        DeferredPart::Text(text) => size.bytes += text.len() as u64,
                        DeferredPart::Lookup(lookup) => size.bytes += lookup.written.len() as u64,
                    }
                }
            }
            _ => {}
        }
    }
    size
}

/// E0218: resolving the variable at `path` would nest more than
/// [`MAX_DEPTH`] variables; the chain began at `start`.
pub fn too_deep(path: &Path, span: Span, start: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::E0218,
        format!("variables nest more than {MAX_DEPTH} deep: the chain from `{start}` reaches `{path}`"),
        span,
        format!("the {}th variable in a row", MAX_DEPTH + 1),
    )
    .with_help(format!(
        "a variable may refer to one that refers to another, at most {MAX_DEPTH} in a row; \
         give one of them a literal value (a chain this long is most likely generated or a cycle)"
    ))
}

/// E0219: the value of the variable at `path` is too large, alone or with
/// the values resolved before it.
pub fn too_large(path: &Path, span: Span, whole_service: bool) -> Diagnostic {
    let (what, nodes, bytes) = if whole_service {
        ("the values of the service's variables, together,", MAX_TOTAL_NODES, MAX_TOTAL_BYTES)
    } else {
        ("its value", MAX_VALUE_NODES, MAX_VALUE_BYTES)
    };
    Diagnostic::error(
        Code::E0219,
        format!("`{path}` is too large: {what} would pass {nodes} nodes or {} MiB of text", bytes >> 20),
        span,
        "resolving this grows too large",
    )
    .with_help(
        "values that each repeat earlier ones grow exponentially; refer to a value once, \
         or write the large value out",
    )
}
