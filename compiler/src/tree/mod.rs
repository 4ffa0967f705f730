//! The value tree: a service as the Serverless Framework's data model
//! (`service`, `provider`, `functions.<name>.events[]`, `resources`, …),
//! built from the syntax tree by [`from_syntax`], with a span on every
//! node so that later stages still point into the source.
//!
//! Before variable resolution a node may be a [`NodeKind::Variable`] or a
//! [`NodeKind::Template`]; after it, neither remains.

pub mod blocks;
mod deferred;
mod from_syntax;
mod intrinsic;
mod json;
mod object;
mod path;

pub use blocks::{DECLARATIONS, Declaration};
pub use deferred::{Deferred, DeferredPart, Lookup, Source};
pub use from_syntax::from_syntax;
pub use intrinsic::{intrinsic_names, to_cloudformation};
pub use json::to_json;
pub use object::{Entry, Object};
pub use path::{Path, Segment, Written};

use std::sync::Arc;

use compact_str::CompactString;

use crate::span::Span;
use crate::syntax::{Name, StringPart, Variable};

/// A value with the span of the source that produced it (`null` at 0 by
/// default).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Node {
    /// What the value is.
    pub kind: NodeKind,
    /// The source that produced it: the literal, the block, or the
    /// variable it was resolved from.
    pub span: Span,
}

/// The kinds of node.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum NodeKind {
    /// `null`
    #[default]
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, kept as written (`256`, `0.5`, `1e3`).
    Number(CompactString),
    /// Text (inline up to 24 bytes, like keys).
    String(CompactString),
    /// A list.
    List(Vec<Node>),
    /// An object, keys in source order.
    Object(Object),
    /// A whole-value variable: resolves to a value of any type.
    Variable(Arc<Variable>),
    /// A string with variables inside: resolves to a string.
    Template(Vec<StringPart>),
    /// A CloudFormation intrinsic, `ref(X)`, `getAtt(X.Attr)`, `sub("…")`, …
    Call(Box<Call>),
    /// A dotted name inside a call: `X` or `X.Attr`.
    Path(Vec<Name>),
    /// A value only known at deploy time (`${cf:…}`, `${s3:…}`), parsed.
    Deferred(Deferred),
    /// Source that already produced an error; checked no further.
    Error,
}

/// An intrinsic call with its arguments as nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// `ref`, `getAtt`, `sub`, …, with its span.
    pub name: Name,
    /// The arguments.
    pub args: Vec<Node>,
}

impl Node {
    /// A node.
    pub fn new(kind: NodeKind, span: Span) -> Node {
        Node { kind, span }
    }

    /// An empty object at `span`.
    pub fn object(span: Span) -> Node {
        Node::new(NodeKind::Object(Object::default()), span)
    }

    /// The object inside, if this is one.
    pub fn as_object(&self) -> Option<&Object> {
        match &self.kind {
            NodeKind::Object(object) => Some(object),
            _ => None,
        }
    }

    /// The object inside, mutably, if this is one.
    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match &mut self.kind {
            NodeKind::Object(object) => Some(object),
            _ => None,
        }
    }

    /// The items, if this is a list.
    pub fn as_list(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::List(items) => Some(items),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(text) => Some(text),
            _ => None,
        }
    }

    /// The node one `segment` below this one. A number is a list index,
    /// or the key of that name in an object.
    pub fn child(&self, segment: &Segment) -> Option<&Node> {
        self.written_child(segment.as_written())
    }

    /// [`Self::child`] by a borrowed segment.
    fn written_child(&self, segment: Written<'_>) -> Option<&Node> {
        match (segment, &self.kind) {
            (Written::Key(key), NodeKind::Object(object)) => object.get(key),
            (Written::Index(i), NodeKind::List(items)) => items.get(i),
            (Written::Index(i), NodeKind::Object(object)) => object.get(&i.to_string()),
            _ => None,
        }
    }

    /// The node at `path` below this one.
    pub fn at(&self, path: &Path) -> Option<&Node> {
        path.iter().try_fold(self, |node, segment| node.child(segment))
    }

    /// The node at a dotted `address` below this one, read as
    /// [`Path`]'s `FromStr` reads it, without building the path.
    pub fn at_address(&self, address: &str) -> Option<&Node> {
        Written::split(address).try_fold(self, |node, segment| node.written_child(segment))
    }

    /// The first node (depth first) produced by exactly `span`: the value
    /// a variable or a literal at that place resolved to.
    pub fn find_span(&self, span: Span) -> Option<&Node> {
        if self.span == span {
            return Some(self);
        }
        match &self.kind {
            NodeKind::List(items) => items.iter().find_map(|i| i.find_span(span)),
            NodeKind::Object(object) => object.entries().iter().find_map(|e| e.value.find_span(span)),
            NodeKind::Call(call) => call.args.iter().find_map(|a| a.find_span(span)),
            _ => None,
        }
    }

    /// Gives this node and everything in it the span `span`: for values
    /// that come from outside the service file, such as `${file(...)}`.
    pub fn respan(&mut self, span: Span) {
        self.span = span;
        match &mut self.kind {
            NodeKind::List(items) => items.iter_mut().for_each(|i| i.respan(span)),
            NodeKind::Object(object) => object.entries_mut().for_each(|(_, key_span, value)| {
                *key_span = span;
                value.respan(span);
            }),
            NodeKind::Call(call) => {
                call.name.span = span;
                call.args.iter_mut().for_each(|a| a.respan(span));
            }
            NodeKind::Path(names) => names.iter_mut().for_each(|n| n.span = span),
            _ => {}
        }
    }

    /// What kind of value this is, for messages: "a string", "a list", …
    pub fn describe(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Number(_) => "a number",
            NodeKind::String(_) | NodeKind::Template(_) => "a string",
            NodeKind::List(_) => "a list",
            NodeKind::Object(_) => "an object",
            NodeKind::Variable(_) => "a variable",
            NodeKind::Call(_) => "an intrinsic function",
            NodeKind::Path(_) => "a name",
            NodeKind::Deferred(_) => "a deploy-time value",
            NodeKind::Error => "an error",
        }
    }
}
