//! What is at a place in a file: the syntax under the cursor and its path
//! in the service model (`function hello { memorySize = … }` →
//! `functions.hello.memorySize`). Hover, completion and go-to-definition
//! start here.

use crate::syntax::{Block, Call, File, Item, Name, StringPart, Value, ValueKind, Variable};
pub use crate::tree::blocks::Scope;
use crate::tree::blocks::{KeyPlacement, Placement, place_block, place_key};
use crate::tree::{Path, Segment};

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
    /// body, the path of the object the body fills. Entries are concrete:
    /// `functions.hello.events.1.httpApi`, as the value tree has them.
    pub path: Path,
    /// The items of the innermost block around the offset (the file's
    /// items at the top level): what is already written there.
    pub body: &'a [Item],
    /// Where `body` is, which decides what its blocks and keys mean
    /// ([`Scope::Function`] in `function hello { … }`).
    pub scope: Scope,
}

/// What is at byte `offset` of `file`.
pub fn locate(file: &File, offset: usize) -> Located<'_> {
    let mut path = Path::default();
    let mut inside = (file.items.as_slice(), Scope::Root);
    let target = items(&file.items, offset as u32, Scope::Root, &mut path, &mut inside);
    Located { target, path, body: inside.0, scope: inside.1 }
}

fn key(name: &str) -> Segment {
    Segment::key(name)
}

/// The target among `items` (a body in `scope`); `path` grows to its path
/// and `inside` becomes the innermost body around it.
fn items<'a>(
    items: &'a [Item],
    offset: u32,
    scope: Scope,
    path: &mut Path,
    inside: &mut (&'a [Item], Scope),
) -> Target<'a> {
    for (at, item) in items.iter().enumerate() {
        let before = &items[..at];
        let span = item.span();
        if offset < span.start || offset > span.end {
            continue;
        }
        match item {
            Item::Attribute(attribute) => {
                push_attribute_key(&attribute.key.text, scope, before, path);
                if attribute.key.span.touches(offset as usize) {
                    return Target::Key(&attribute.key);
                }
                return value(&attribute.value, offset, path);
            }
            Item::Block(block) => {
                if let Some(target) = block_head(block, offset) {
                    push_block(block, scope, before, path);
                    return target;
                }
                if offset > block.kind.span.end {
                    let inner = push_block(block, scope, before, path);
                    *inside = (&block.body, inner);
                    return self::items(&block.body, offset, inner, path, inside);
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

fn push_attribute_key(name: &str, scope: Scope, before: &[Item], path: &mut Path) {
    match place_key(scope, name) {
        KeyPlacement::Event => path.extend([key("events"), Segment::Index(events(before)), key(name)]),
        KeyPlacement::Moved(to) => path.extend(to.iter().map(|k| key(k))),
        KeyPlacement::Plain => path.push(key(name)),
    }
}

/// Pushes the model path of a block's body (`before` are the items written
/// before it in the same body); returns the scope inside it.
fn push_block(block: &Block, scope: Scope, before: &[Item], path: &mut Path) -> Scope {
    let kind = block.kind.text.as_str();
    let placement = place_block(scope, kind);
    match placement {
        Placement::Provider => path.push(key("provider")),
        Placement::Declaration(declared) => {
            path.extend(declared.section.iter().map(|k| key(k)));
            path.push(key(block.labels.first().map_or("", |l| l.text.as_str())));
        }
        Placement::Event => path.extend([key("events"), Segment::Index(events(before)), key(kind)]),
        Placement::ListEntry(to) => {
            let entries = before
                .iter()
                .filter(|item| matches!(item, Item::Block(b) if b.kind.text == kind && b.labels.is_empty()))
                .count();
            path.extend(to.iter().map(|k| key(k)));
            path.push(Segment::Index(entries));
        }
        Placement::Plain(_) => {
            path.push(key(kind));
            path.extend(block.labels.iter().map(|l| key(&l.text)));
        }
    }
    placement.inner()
}

/// The index in `events` of the next event of a function whose body has
/// `before` so far: the items of an `events = [ … ]` list, then one per
/// event block and short form, in the order the value tree appends them.
fn events(before: &[Item]) -> usize {
    before
        .iter()
        .map(|item| match item {
            Item::Attribute(a) => match (place_key(Scope::Function, &a.key.text), &a.value.kind) {
                (KeyPlacement::Event, _) => 1,
                (KeyPlacement::Plain, ValueKind::List(items)) if a.key.text == "events" => items.len(),
                _ => 0,
            },
            Item::Block(b) => usize::from(
                matches!(place_block(Scope::Function, &b.kind.text), Placement::Event) && b.labels.is_empty(),
            ),
            Item::Error(_) => 0,
        })
        .sum()
}

fn value<'a>(value: &'a Value, offset: u32, path: &mut Path) -> Target<'a> {
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
        ValueKind::List(items) => match items.iter().position(|v| v.span.touches(offset as usize)) {
            Some(index) => {
                let item = &items[index];
                path.push(Segment::Index(index));
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

#[cfg(test)]
mod tests {
    use super::{Target, locate};
    use crate::syntax::parse;
    use crate::tree::{Path, from_syntax};

    /// The path at the first `|` of `marked` (removed), and what the value
    /// tree holds at that path.
    fn at(marked: &str) -> (String, Target<'static>, Option<String>) {
        let offset = marked.find('|').expect("a cursor");
        let src: &'static str = Box::leak(marked.replacen('|', "", 1).into_boxed_str());
        let file = Box::leak(Box::new(parse(src).file));
        let located = locate(file, offset);
        let (tree, _) = from_syntax(file);
        let there = tree.at(&located.path).map(crate::print::value_to_svc);
        (located.path.to_string(), located.target, there)
    }

    #[test]
    fn a_function_is_its_name_and_an_event_its_index() {
        let src = "function hello {\n  handler = \"h.main\"\n  events = [{ sqs = \"arn\" }]\n  httpApi = \"GET /\"\n  \
                   schedule {\n    rate = \"rate(1 minute)\"\n  }\n  httpApi {\n    me|thod = \"POST\"\n  }\n}\n";
        let (path, target, there) = at(src);
        assert_eq!(path, "functions.hello.events.3.httpApi.method");
        assert!(matches!(target, Target::Key(name) if name.text == "method"));
        assert_eq!(there.as_deref(), Some("\"POST\""));
        let (path, _, there) = at(&src.replace("me|thod", "method").replace("  httpApi = ", "  http|Api = "));
        assert_eq!(path, "functions.hello.events.1.httpApi");
        assert_eq!(there.as_deref(), Some("\"GET /\""));
    }

    #[test]
    fn a_statement_and_a_list_value_are_their_indexes() {
        let src = "provider aws {\n  iam {\n    statement {\n      Effect = \"Allow\"\n    }\n    statement {\n      \
                   Action = [\"s3:GetObject\", \"s3:Put|Object\"]\n    }\n  }\n}\n";
        let (path, _, there) = at(src);
        assert_eq!(path, "provider.iam.role.statements.1.Action.1");
        assert_eq!(there.as_deref(), Some("\"s3:PutObject\""));
    }

    #[test]
    fn a_block_kind_is_the_entry_it_declares() {
        let (path, target, _) = at("func|tion hello {\n  handler = \"h.main\"\n}\n");
        assert_eq!(path, "functions.hello");
        assert!(matches!(target, Target::BlockKind(_)));
        assert_eq!(Path::from(path.as_str()).to_string(), path);
    }
}
