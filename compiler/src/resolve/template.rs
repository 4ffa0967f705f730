//! Strings with variables inside: `"${self:service}-${sls:stage}"`.

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;
use crate::syntax::{StringPart, Value, ValueKind, Variable};
use crate::tree::{Call, Deferred, DeferredPart, Lookup, Node, NodeKind};

use super::Resolver;
use super::sources::SECURE_REFERENCE;

/// A string being put together: its plain text, and where that text is
/// already in `Fn::Sub` syntax (`${AWS::Region}`, `${Table}`), to make the
/// `Fn::Sub` form only if a part is known to CloudFormation alone.
#[derive(Default)]
struct Pieces {
    plain: String,
    /// Ranges of `plain` written in `Fn::Sub` syntax, in order.
    raw: Vec<std::ops::Range<usize>>,
    needs_sub: bool,
    /// Deploy-time lookups, each with the length of `plain` where it goes.
    lookups: Vec<(usize, Lookup)>,
}

impl Pieces {
    /// Plain text (a `${` in it is text).
    fn text(&mut self, text: &str) {
        self.plain.push_str(text);
    }

    /// Text in `Fn::Sub` syntax.
    fn raw(&mut self, text: &str) {
        let start = self.plain.len();
        self.plain.push_str(text);
        self.raw.push(start..self.plain.len());
    }

    /// The text in `Fn::Sub` syntax: plain `${` escaped as `${!`.
    fn sub(&self) -> String {
        let mut sub = String::with_capacity(self.plain.len() + 8);
        let mut at = 0;
        for range in &self.raw {
            sub.push_str(&self.plain[at..range.start].replace("${", "${!"));
            sub.push_str(&self.plain[range.clone()]);
            at = range.end;
        }
        sub.push_str(&self.plain[at..].replace("${", "${!"));
        sub
    }

    /// A deploy-time value: its text as text, its lookups in place.
    fn deferred(&mut self, deferred: &Deferred) {
        for part in &deferred.parts {
            match part {
                DeferredPart::Text(text) => self.text(text),
                DeferredPart::Lookup(lookup) => self.lookups.push((self.plain.len(), lookup.clone())),
            }
        }
    }

    /// The string as a deploy-time value (when it has lookups).
    fn into_deferred(self) -> Deferred {
        let mut parts = Vec::with_capacity(self.lookups.len() * 2 + 1);
        let mut at = 0;
        for (offset, lookup) in self.lookups {
            if offset > at {
                parts.push(DeferredPart::Text(self.plain[at..offset].to_owned()));
            }
            parts.push(DeferredPart::Lookup(lookup));
            at = offset;
        }
        if at < self.plain.len() {
            parts.push(DeferredPart::Text(self.plain[at..].to_owned()));
        }
        Deferred { parts }
    }
}

impl Resolver<'_> {
    /// Resolves a string with variables: a string node; a `sub(…)` call when
    /// a part is a pseudo-parameter such as `${aws:accountId}`; a deploy-time
    /// value when a part is one.
    pub(super) fn template(&mut self, parts: &[StringPart], span: Span) -> Node {
        let mut pieces = Pieces::default();
        // A SecureString is reported where CloudFormation refuses it, at
        // the variable that brought it into the string.
        let mut secure = None;
        for part in parts {
            match part {
                StringPart::Text { text, .. } => pieces.text(text),
                StringPart::Sub { text, .. } => pieces.raw(text),
                StringPart::Variable(variable) => {
                    let before = pieces.plain.len();
                    if !self.embed(variable, &mut pieces) {
                        return Node::new(NodeKind::Error, span);
                    }
                    if secure.is_none() && pieces.plain[before..].contains(SECURE_REFERENCE) {
                        secure = Some(variable.span);
                    }
                    if pieces.plain.len() as u64 > super::budget::MAX_VALUE_BYTES {
                        let path = self.active.last().map(|(p, _)| p.clone()).unwrap_or_default();
                        self.diagnostics.push(super::budget::too_large(&path, span, false));
                        return Node::new(NodeKind::Error, span);
                    }
                }
            }
        }
        let kind = if !pieces.lookups.is_empty() {
            NodeKind::Deferred(pieces.into_deferred())
        } else if pieces.needs_sub {
            let call = Call {
                name: crate::syntax::Name { text: "sub".into(), span, quoted: false },
                args: vec![Node::new(NodeKind::String(pieces.sub().into()), span)],
            };
            NodeKind::Call(Box::new(call))
        } else {
            NodeKind::String(pieces.plain.into())
        };
        Node::new(kind, secure.unwrap_or(span))
    }

    /// Adds one embedded variable's value; false after an error.
    fn embed(&mut self, variable: &Variable, pieces: &mut Pieces) -> bool {
        let node = self.variable(variable);
        match &node.kind {
            NodeKind::String(text) => pieces.text(text),
            NodeKind::Number(raw) => pieces.text(raw),
            NodeKind::Bool(b) => pieces.text(if *b { "true" } else { "false" }),
            NodeKind::Deferred(deferred) => pieces.deferred(deferred),
            NodeKind::Call(call) if call.name.text == "ref" => {
                let name = call.args.first().and_then(Node::as_str).unwrap_or_default().to_owned();
                pieces.needs_sub = true;
                pieces.raw(&format!("${{{name}}}"));
            }
            // As JavaScript turns a list into text: its items joined by `,`.
            NodeKind::List(items) if items.iter().all(is_scalar) => {
                let texts: Vec<String> = items.iter().map(scalar_text).collect();
                pieces.text(&texts.join(","));
            }
            NodeKind::Error => return false,
            _ => {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::E0215,
                        format!("{} cannot be part of a string", node.describe()),
                        variable.span,
                        format!("this is {}", node.describe()),
                    )
                    .with_help("use the variable as the whole value, or point it at text, a number or a boolean"),
                );
                return false;
            }
        }
        true
    }

    /// A variable's address or parameter as plain text; `None` after an
    /// error (reported).
    pub(super) fn text(&mut self, parts: &[StringPart], span: Span) -> Option<String> {
        match self.template(parts, span).kind {
            NodeKind::String(text) => Some(text.to_string()),
            NodeKind::Error => None,
            _ => {
                self.diagnostics.push(Diagnostic::error(
                    Code::E0215,
                    "a variable's address must be known before deploying",
                    span,
                    "this depends on a deploy-time value",
                ));
                None
            }
        }
    }
}

fn is_scalar(node: &Node) -> bool {
    matches!(node.kind, NodeKind::String(_) | NodeKind::Number(_) | NodeKind::Bool(_) | NodeKind::Null)
}

fn scalar_text(node: &Node) -> String {
    match &node.kind {
        NodeKind::String(text) | NodeKind::Number(text) => text.to_string(),
        NodeKind::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// A variable as it is written, `${cf:stack.Output}`, nested variables and
/// fallbacks included: how a deploy-time value is shown.
pub fn variable_text(variable: &Variable) -> String {
    let mut text = format!("${{{}", variable.source.text);
    if let Some(param) = &variable.param {
        text.push_str(&format!("({})", parts_text(&param.parts)));
    }
    if let Some(address) = &variable.address {
        text.push(':');
        text.push_str(&parts_text(&address.parts));
    }
    for fallback in &variable.fallbacks {
        text.push_str(", ");
        text.push_str(&value_text(fallback));
    }
    text.push('}');
    text
}

fn parts_text(parts: &[StringPart]) -> String {
    parts
        .iter()
        .map(|part| match part {
            StringPart::Text { text, .. } | StringPart::Sub { text, .. } => text.to_string(),
            StringPart::Variable(v) => variable_text(v),
        })
        .collect()
}

fn value_text(value: &Value) -> String {
    match &value.kind {
        ValueKind::Variable(v) => variable_text(v),
        ValueKind::String(lit) => format!("{:?}", parts_text(&lit.parts)),
        ValueKind::Number(raw) => raw.clone(),
        ValueKind::Bool(b) => b.to_string(),
        _ => "null".to_owned(),
    }
}
