//! YAML data to svc's value tree (the Serverless Framework's data model):
//! text holding `${…}` becomes the variable or the string template svc
//! reads it as, and CloudFormation's intrinsics — short tags (`!Ref X`)
//! and long forms (`{ "Fn::Join": … }`) — become svc's calls (`ref(X)`,
//! `join(…)`). Where each key and item came from is kept, by path, for
//! the comments.

use std::sync::Arc;

use crate::span::Span;
use crate::syntax::{self, Name, StringPart};
use crate::tree::{Call, Node, NodeKind, Object, Path, Segment};

use super::yaml::{Yaml, YamlKind};

/// What converting found that the user should know.
#[derive(Debug, Default)]
pub struct Converted {
    /// The value tree.
    pub tree: Node,
    /// Every key and list item: its path and its YAML line.
    pub lines: Vec<(Path, usize)>,
    /// Warnings, with the YAML line.
    pub warnings: Vec<(usize, String)>,
}

/// Converts the root of a serverless.yml.
pub fn convert(root: &Yaml) -> Converted {
    let mut converted = Converted::default();
    let mut path = Path::default();
    converted.tree = node(root, &mut path, &mut converted);
    converted
}

fn node(yaml: &Yaml, path: &mut Path, out: &mut Converted) -> Node {
    let kind = match &yaml.kind {
        YamlKind::Null => NodeKind::Null,
        YamlKind::Bool(b) => NodeKind::Bool(*b),
        YamlKind::Number(n) => NodeKind::Number(n.as_str().into()),
        YamlKind::String(text) => return text_node(text, yaml.line, out),
        YamlKind::List(items) => {
            let mut list = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                path.push(Segment::Index(index));
                out.lines.push((path.clone(), item.line));
                list.push(node(item, path, out));
                path.pop();
            }
            NodeKind::List(list)
        }
        YamlKind::Map(entries) => {
            if let [(key, _, value)] = entries.as_slice()
                && let Some(name) = long_form(key)
                && let Some(call) = intrinsic(name, value, path, out)
            {
                return call;
            }
            let mut object = Object::with_capacity(entries.len());
            for (key, line, value) in entries {
                path.push(Segment::key(key));
                out.lines.push((path.clone(), *line));
                let value = node(value, path, out);
                object.push(key.as_str(), Span::default(), value);
                path.pop();
            }
            NodeKind::Object(object)
        }
        YamlKind::Tagged(tag, inner) => match intrinsic(tag, inner, path, out) {
            Some(call) => return call,
            None => {
                out.warnings.push((
                    yaml.line,
                    format!(
                        "the tag `!{tag}` is not a CloudFormation intrinsic svc knows: its value is kept without it"
                    ),
                ));
                return node(inner, path, out);
            }
        },
    };
    Node::new(kind, Span::default())
}

/// The CloudFormation name of a long-form intrinsic key (`Ref`,
/// `Fn::Join` → `Join`), or `None` for a plain key.
fn long_form(key: &str) -> Option<&str> {
    if key == "Ref" {
        return Some("Ref");
    }
    key.strip_prefix("Fn::")
}

/// `tag`'s intrinsic (CloudFormation name without `Fn::`) of `value` as an
/// svc call; `None` when svc has no such call or the value has another
/// shape than the call takes (then the value is kept as data, which
/// means the same to CloudFormation).
fn intrinsic(tag: &str, value: &Yaml, path: &mut Path, out: &mut Converted) -> Option<Node> {
    let args: Vec<Node> = match (tag, &value.kind) {
        ("Ref", YamlKind::String(name)) => vec![reference(name)],
        ("Condition", YamlKind::String(name)) => vec![reference(name)],
        ("GetAtt", YamlKind::String(text)) if text.contains('.') => {
            let (resource, attribute) = text.split_once('.')?;
            vec![dotted(&[resource, attribute])]
        }
        ("GetAtt", YamlKind::List(items)) if items.len() == 2 => match (&items[0].kind, &items[1].kind) {
            (YamlKind::String(resource), YamlKind::String(attribute)) => vec![dotted(&[resource, attribute])],
            (YamlKind::String(resource), _) => vec![reference(resource), node(&items[1], path, out)],
            _ => return None,
        },
        ("Sub", YamlKind::String(_)) => vec![node(value, path, out)],
        ("Sub", YamlKind::List(items)) if items.len() == 2 && matches!(items[1].kind, YamlKind::Map(_)) => {
            items.iter().map(|i| node(i, path, out)).collect()
        }
        ("If", YamlKind::List(items)) if items.len() == 3 => {
            let YamlKind::String(condition) = &items[0].kind else { return None };
            let mut args = vec![reference(condition)];
            args.extend(items[1..].iter().map(|i| node(i, path, out)));
            args
        }
        ("Join" | "Select" | "Split" | "Equals", YamlKind::List(items)) if items.len() == 2 => {
            items.iter().map(|i| node(i, path, out)).collect()
        }
        ("Cidr" | "FindInMap", YamlKind::List(items)) if items.len() == 3 => {
            items.iter().map(|i| node(i, path, out)).collect()
        }
        ("And" | "Or", YamlKind::List(items)) if (2..=10).contains(&items.len()) => {
            items.iter().map(|i| node(i, path, out)).collect()
        }
        ("Not", YamlKind::List(items)) if items.len() == 1 => vec![node(&items[0], path, out)],
        ("GetAZs", YamlKind::String(region)) if region.is_empty() => Vec::new(),
        ("GetAZs" | "ImportValue" | "Base64", YamlKind::String(_) | YamlKind::Map(_) | YamlKind::Tagged(..)) => {
            vec![node(value, path, out)]
        }
        _ => return None,
    };
    let name = match tag {
        "Ref" => "ref",
        "GetAtt" => "getAtt",
        "Sub" => "sub",
        "Join" => "join",
        "Select" => "select",
        "Split" => "split",
        "ImportValue" => "importValue",
        "Base64" => "base64",
        "GetAZs" => "getAZs",
        "Cidr" => "cidr",
        "FindInMap" => "findInMap",
        "If" => "if",
        "Equals" => "equals",
        "And" => "and",
        "Or" => "or",
        "Not" => "not",
        "Condition" => "condition",
        _ => return None,
    };
    let call = Call { name: Name { text: name.into(), span: Span::default(), quoted: false }, args };
    Some(Node::new(NodeKind::Call(Box::new(call)), Span::default()))
}

/// A name an intrinsic refers to: a bare path when it is a logical ID or
/// a pseudo parameter (`AWS::Region`), else text.
fn reference(name: &str) -> Node {
    let bare =
        !name.is_empty() && name.split("::").all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if bare { dotted(&[name]) } else { Node::new(NodeKind::String(name.into()), Span::default()) }
}

/// `Resource.Attribute` as a path.
fn dotted(names: &[&str]) -> Node {
    let names = names.iter().map(|n| Name { text: (*n).into(), span: Span::default(), quoted: false }).collect();
    Node::new(NodeKind::Path(names), Span::default())
}

/// Text as svc reads it: with `${…}` in it, the variable (a whole value
/// keeps the type it resolves to, as in Serverless) or string template it
/// is; a `${…}` svc cannot read is kept as text, with a warning.
fn text_node(text: &str, line: usize, out: &mut Converted) -> Node {
    if !text.contains("${") {
        return Node::new(NodeKind::String(text.into()), Span::default());
    }
    let (parts, diagnostics) = syntax::raw_parts(text);
    if let Some(error) = diagnostics.iter().find(|d| d.is_error()) {
        out.warnings
            .push((line, format!("`{text}` is kept as text: svc does not read its `${{…}}` ({})", error.message)));
        return Node::new(NodeKind::String(text.into()), Span::default());
    }
    let kind = match parts.as_slice() {
        [StringPart::Variable(variable)] => NodeKind::Variable(Arc::clone(variable)),
        parts if parts.iter().all(|p| matches!(p, StringPart::Text { .. })) => NodeKind::String(text.into()),
        parts => NodeKind::Template(parts.to_vec()),
    };
    Node::new(kind, Span::default())
}
