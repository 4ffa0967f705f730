//! The symbol under the cursor: a key or label, a `${self:…}` segment, a
//! `${param:…}` name, a `ref`/`getAtt` argument, a `${X}` of a `sub` text
//! or a `dependsOn` string.

use svc_compiler::locate::{Target, locate};
use svc_compiler::span::Span;
use svc_compiler::syntax::{Call, StringPart, Value, ValueKind, Variable};
use svc_compiler::tree::{Path, Segment};

use super::visit::{Use, uses};
use super::{AtCursor, Names, Symbol, param_name, plain_string, self_segments, sub_name, unquoted};

impl Names<'_> {
    /// The symbol at byte `offset`, if a name of one is written there.
    pub fn at(&self, offset: usize) -> Option<AtCursor> {
        match locate(self.file, offset).target {
            Target::Key(name) => self.key(name.span),
            Target::Label(block, label) if block.labels.first().is_some_and(|l| l.span == label.span) => {
                self.key(label.span)
            }
            Target::BlockKind(block) if block.labels.is_empty() => self.key(block.kind.span),
            Target::Variable(variable) => variable_at(variable, offset),
            Target::Call(call) => self.call(call, offset),
            Target::Value(value) => self.string(value, offset),
            _ => None,
        }
    }

    /// The key written at `span`.
    fn key(&self, span: Span) -> Option<AtCursor> {
        let path = self.path_of_key(span)?;
        let name = path.last()?.to_string();
        let symbol = match path.segments() {
            [params, _, _] if params.is("params") => Symbol::Param(name.clone()),
            _ => Symbol::Path(path),
        };
        Some(AtCursor { symbol, span: unquoted(self.text, span), name })
    }

    /// `ref(X)`, `getAtt(X.Attribute)` with the cursor on the call or on `X`.
    fn call(&self, call: &Call, offset: usize) -> Option<AtCursor> {
        if !matches!(call.name.text.as_str(), "ref" | "getAtt") {
            return None;
        }
        let ValueKind::Path(names) = &call.args.first()?.kind else { return None };
        let first = names.first()?;
        if names[1..].iter().any(|n| n.span.touches(offset)) && !first.span.touches(offset) {
            return None; // an attribute, not a name
        }
        self.id(&first.text, first.span)
    }

    /// A string that names a resource: in `ref("X")`, in `dependsOn`, or a
    /// `${X}` of a `sub` text.
    fn string(&self, value: &Value, offset: usize) -> Option<AtCursor> {
        let ValueKind::String(lit) = &value.kind else { return None };
        let sub = lit.parts.iter().find_map(|part| match part {
            StringPart::Sub { text, span } if span.touches(offset) => sub_name(text, *span),
            _ => None,
        });
        if let Some((name, span)) = sub {
            return self.id(&name, span);
        }
        let (text, span) = plain_string(lit)?;
        let mut names_one = false;
        uses(self.file, &mut |found| match found {
            Use::Call(call) if matches!(call.name.text.as_str(), "ref" | "getAtt") => {
                names_one |= call.args.first().is_some_and(|a| a.span == value.span);
            }
            Use::DependsOn(v) => names_one |= v.span == value.span,
            _ => {}
        });
        if !names_one {
            return None;
        }
        let name = text.split('.').next().unwrap_or_default();
        self.id(name, Span::new(span.start as usize, span.start as usize + name.len()))
    }

    fn id(&self, id: &str, span: Span) -> Option<AtCursor> {
        let (symbol, name) = self.logical_id(id)?;
        Some(AtCursor { symbol, span, name })
    }
}

/// The `self:` path segment (and what comes before it) or the `param:`
/// name at `offset`.
fn variable_at(variable: &Variable, offset: usize) -> Option<AtCursor> {
    if let Some((name, span)) = param_name(variable) {
        return Some(AtCursor { symbol: Symbol::Param(name.clone()), span, name });
    }
    let segments = self_segments(variable);
    let last = segments.len().checked_sub(1)?;
    let at = segments.iter().position(|(_, span)| span.touches(offset)).unwrap_or(last);
    let path: Path = segments[..=at].iter().map(|(name, _)| Segment::from(name.as_str())).collect();
    let (name, span) = segments[at].clone();
    Some(AtCursor { symbol: Symbol::Path(path), span, name })
}
