//! `${cf:…}` and `${s3:…}`: read from AWS at deploy time, so resolution
//! parses them into a [`Lookup`] (source, fallback chain) and the command
//! that deploys only fetches the values.

use crate::diagnostic::{Code, Diagnostic};
use crate::syntax::{Value, Variable};
use crate::tree::{Deferred, DeferredPart, Lookup, Node, NodeKind, Source};

use super::template::variable_text;
use super::{Found, Resolver};

impl Resolver<'_> {
    /// The deploy-time value of `${cf(param):address}` or
    /// `${s3:address}` (`param` and `address` resolved), with its
    /// fallbacks resolved now.
    pub(super) fn deferred(&mut self, variable: &Variable, param: Option<&str>, address: Option<&str>) -> Found {
        let address = address.unwrap_or("");
        let (source, expected) = match variable.source.text.as_str() {
            "s3" => (Source::s3(address), "bucket/key"),
            _ => (Source::cf(param, address), "stack.Output"),
        };
        let Some(source) = source else {
            let name = &variable.source.text;
            self.diagnostics.push(
                Diagnostic::error(
                    Code::E0217,
                    format!("`${{{name}:…}}` reads `{expected}`, not `{address}`"),
                    variable.span,
                    format!("expected `{expected}`"),
                )
                .with_help(format!("write `${{{name}:{expected}}}`")),
            );
            return Found::Failed;
        };
        let fallback = match self.chain(&variable.fallbacks, &mut Vec::new()) {
            Found::Value(node) => Some(Box::new(node)),
            Found::Nothing => None,
            Found::Failed => return Found::Failed,
        };
        let lookup = Lookup { source, fallback, written: variable_text(variable) };
        Found::Value(Node::new(
            NodeKind::Deferred(Deferred { parts: vec![DeferredPart::Lookup(lookup)] }),
            variable.span,
        ))
    }

    /// The first of `fallbacks` with a value. A deploy-time value among
    /// them falls back, in turn, on the ones after it.
    pub(super) fn chain(&mut self, fallbacks: &[Value], tried: &mut Vec<String>) -> Found {
        for (i, fallback) in fallbacks.iter().enumerate() {
            let rest = &fallbacks[i + 1..];
            match self.fallback(fallback, rest.is_empty(), tried) {
                Found::Value(mut node) => {
                    if !rest.is_empty() && open_end(&mut node).is_some() {
                        match self.chain(rest, tried) {
                            Found::Value(then) => {
                                if let Some(end) = open_end(&mut node) {
                                    *end = Some(Box::new(then));
                                }
                            }
                            Found::Nothing => {}
                            Found::Failed => return Found::Failed,
                        }
                    }
                    return Found::Value(node);
                }
                Found::Failed => return Found::Failed,
                Found::Nothing => {}
            }
        }
        Found::Nothing
    }
}

/// The empty fallback at the end of a whole deploy-time value's chain,
/// where later fallbacks go; `None` when the chain already ends in a value.
fn open_end(node: &mut Node) -> Option<&mut Option<Box<Node>>> {
    let NodeKind::Deferred(deferred) = &mut node.kind else { return None };
    let [DeferredPart::Lookup(lookup)] = deferred.parts.as_mut_slice() else { return None };
    if lookup.fallback.is_none() {
        return Some(&mut lookup.fallback);
    }
    open_end(lookup.fallback.as_mut()?)
}
