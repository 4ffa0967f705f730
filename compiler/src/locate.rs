//! What is at a place in a file: the syntax under the cursor and its path
//! in the service model (`function hello { memorySize = … }` →
//! `functions.*.memorySize`). Hover, completion and go-to-definition start
//! here.

use crate::schema::lookup::Step;
use crate::syntax::{Block, Call, File, Item, Name, StringPart, Value, ValueKind, Variable};
use crate::tree::blocks::{KeyPlacement, Placement, Scope, place_block, place_key};

/// The syntax at an offset.
#[derive(Clone, Copy, Debug)]
pub enum Target<'a> {
    /// A key of an attribute.
    Key(&'a Name),
    /// The kind of a block (`function` in `function hello {`).
    BlockKind(&'a Block),
    /// A label of a block (`hello` in `function hello {`).
    Label(&'a Block, &'a Name),
    /// A variable (innermost).
    Variable(&'a Variable),
    /// An intrinsic call, when the offset is on its name or a path argument.
    Call(&'a Call),
    /// Any other value.
    Value(&'a Value),
    /// Inside a block body, between items: where a new key would go.
    Body,
}

/// The syntax at an offset and the model path it stands at.
#[derive(Clone, Debug)]
pub struct Located<'a> {
    /// What is there.
    pub target: Target<'a>,
    /// Where in the model: for a key, the path including that key; for a
    /// body, the path of the object the body fills.
    pub path: Vec<Step>,
    /// The items of the innermost block around the offset (the file's
    /// items at the top level): what is already written there.
    pub body: &'a [Item],
}

/// What is at byte `offset` of `file`.
pub fn locate(file: &File, offset: usize) -> Located<'_> {
    let mut path = Vec::new();
    let mut body = file.items.as_slice();
    let target = items(&file.items, offset as u32, Scope::Root, &mut path, &mut body);
    Located { target, path, body }
}

fn key(name: &str) -> Step {
    Step::Key(name.to_owned())
}

fn items<'a>(items: &'a [Item], offset: u32, scope: Scope, path: &mut Vec<Step>, body: &mut &'a [Item]) -> Target<'a> {
    for item in items {
        let span = item.span();
        if offset < span.start || offset > span.end {
            continue;
        }
        match item {
            Item::Attribute(attribute) => {
                push_attribute_key(&attribute.key.text, scope, path);
                if attribute.key.span.touches(offset as usize) {
                    return Target::Key(&attribute.key);
                }
                return value(&attribute.value, offset, path);
            }
            Item::Block(block) => {
                if let Some(target) = block_head(block, offset) {
                    push_block(block, scope, path);
                    return target;
                }
                if offset > block.kind.span.end {
                    let inner = push_block(block, scope, path);
                    *body = &block.body;
                    return self::items(&block.body, offset, inner, path, body);
                }
            }
            Item::Error(_) => {}
        }
    }
    Target::Body
}

/// The kind or a label under the cursor, if it is there.
fn block_head(block: &Block, offset: u32) -> Option<Target<'_>> {
    if block.kind.span.touches(offset as usize) {
        return Some(Target::BlockKind(block));
    }
    block.labels.iter().find(|l| l.span.touches(offset as usize)).map(|l| Target::Label(block, l))
}

fn push_attribute_key(name: &str, scope: Scope, path: &mut Vec<Step>) {
    match place_key(scope, name) {
        KeyPlacement::Event => path.extend([key("events"), Step::Entry, key(name)]),
        KeyPlacement::Moved(to) => path.extend(to.iter().map(|k| key(k))),
        KeyPlacement::Plain => path.push(key(name)),
    }
}

/// Pushes the model path of a block's body; returns the scope inside it.
fn push_block(block: &Block, scope: Scope, path: &mut Vec<Step>) -> Scope {
    let kind = block.kind.text.as_str();
    let placement = place_block(scope, kind);
    match placement {
        Placement::Provider => path.push(key("provider")),
        Placement::Declaration(declared) => {
            path.extend(declared.section.iter().map(|k| key(k)));
            path.push(Step::Entry);
        }
        Placement::Event => path.extend([key("events"), Step::Entry, key(kind)]),
        Placement::ListEntry(to) => {
            path.extend(to.iter().map(|k| key(k)));
            path.push(Step::Entry);
        }
        Placement::Plain(_) => {
            path.push(key(kind));
            path.extend(block.labels.iter().map(|l| key(&l.text)));
        }
    }
    placement.inner()
}

fn value<'a>(value: &'a Value, offset: u32, path: &mut Vec<Step>) -> Target<'a> {
    match &value.kind {
        ValueKind::Variable(variable) => {
            innermost_variable(variable, offset).map_or(Target::Value(value), Target::Variable)
        }
        ValueKind::String(lit) => lit
            .parts
            .iter()
            .find_map(|part| match part {
                StringPart::Variable(v) if v.span.touches(offset as usize) => innermost_variable(v, offset),
                _ => None,
            })
            .map_or(Target::Value(value), Target::Variable),
        ValueKind::List(items) => match items.iter().find(|v| v.span.touches(offset as usize)) {
            Some(item) => {
                path.push(Step::Entry);
                self::value(item, offset, path)
            }
            None => Target::Value(value),
        },
        ValueKind::Object(attributes) => match attributes.iter().find(|a| a.span.touches(offset as usize)) {
            Some(attribute) => {
                path.push(key(&attribute.key.text));
                if attribute.key.span.touches(offset as usize) {
                    Target::Key(&attribute.key)
                } else {
                    self::value(&attribute.value, offset, path)
                }
            }
            None => Target::Body,
        },
        ValueKind::Call(call) => match call.args.iter().find(|a| a.span.touches(offset as usize)) {
            Some(arg) if !matches!(arg.kind, ValueKind::Path(_)) => self::value(arg, offset, path),
            _ => Target::Call(call),
        },
        _ => Target::Value(value),
    }
}

/// The innermost variable at `offset` inside `variable` (addresses and
/// fallbacks may hold variables).
fn innermost_variable(variable: &Variable, offset: u32) -> Option<&Variable> {
    if !variable.span.touches(offset as usize) {
        return None;
    }
    let templates = variable.param.iter().chain(variable.address.iter());
    let nested = templates.flat_map(|t| &t.parts).find_map(|part| match part {
        StringPart::Variable(inner) => innermost_variable(inner, offset),
        _ => None,
    });
    let in_fallback = variable.fallbacks.iter().find_map(|f| match &f.kind {
        ValueKind::Variable(inner) => innermost_variable(inner, offset),
        _ => None,
    });
    nested.or(in_fallback).or(Some(variable))
}
