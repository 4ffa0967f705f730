//! The value tree as canonical svc source (`svc print --format svc`, and
//! `svc import`, whose tree still holds its variables): the
//! blocks of [`crate::tree::from_syntax`] in reverse, as a syntax tree that
//! the formatter prints (so the layout is exactly `svc fmt`'s, without
//! printing text only to parse it again).

use crate::format::{format_file, is_bare_key, key_literal, string_literal};
use crate::schema::is_event_kind;
use crate::span::Span;
use crate::syntax::{self, Attribute, Block, File, Item, StringLit, StringPart, StringStyle, Value, ValueKind};
use crate::tree::blocks::{Placement, Scope, declared_in};
use crate::tree::{Node, NodeKind, Object};

/// `tree` (a resolved service) as svc source text.
pub fn to_svc(tree: &Node) -> String {
    let mut builder = Builder::default();
    if let Some(root) = tree.as_object() {
        for entry in root.entries() {
            builder.root_entry(&entry.key, &entry.value);
        }
    }
    let file = File { items: builder.items, comments: Vec::new(), span: Span::new(0, builder.at) };
    format_file(&file, &"\n".repeat(builder.at))
}

/// A value as svc source on one line, such as `[1, "a"]` or `ref(X)`.
pub fn value_to_svc(node: &Node) -> String {
    inline(node)
}

/// Builds the syntax tree of a service. Its spans are offsets into a
/// virtual source of line breaks, which is all the formatter reads of a
/// source besides the tree: items of a body touch (no blank line between
/// them, `=` aligned), and a top-level block is followed by a gap of two
/// line breaks (a blank line).
#[derive(Default)]
struct Builder {
    /// The top-level items.
    items: Vec<Item>,
    /// The next free offset.
    at: usize,
}

impl Builder {
    /// A span of one offset.
    fn span(&mut self) -> Span {
        self.at += 1;
        Span::new(self.at - 1, self.at)
    }

    fn root_entry(&mut self, key: &str, value: &Node) {
        match (key, &value.kind) {
            ("provider", NodeKind::Object(provider)) => {
                let name = provider.get("name").and_then(Node::as_str).unwrap_or("aws");
                let labels = vec![self.name(name)];
                self.top_block("provider", labels, |b| b.body(provider, &["name"], false));
            }
            (_, NodeKind::Object(map)) if let Some(declared) = declared_in(&[key]) => {
                let in_function = Placement::Declaration(declared).inner() == Scope::Function;
                for entry in map.entries() {
                    if let Some(body) = entry.value.as_object() {
                        let labels = vec![self.name(&entry.key)];
                        self.top_block(declared.keyword, labels, |b| b.body(body, &[], in_function));
                    }
                }
            }
            ("resources", NodeKind::Object(resources)) => self.resources(resources),
            _ => {
                if matches!(&value.kind, NodeKind::Object(o) if !o.entries().is_empty()) {
                    self.blank_after_attributes();
                }
                let item = self.member(key, value);
                let blank_after = matches!(item, Item::Block(_));
                self.push_top(item, blank_after);
            }
        }
    }

    /// `resource` and `output` blocks, and one `resources { … }` block with
    /// the other sections (`Conditions`, `extensions`, …) where the first
    /// of them is.
    fn resources(&mut self, resources: &Object) {
        let mut others: Vec<_> = resources.entries().iter().filter(|e| !is_block_section(&e.key, &e.value)).collect();
        for entry in resources.entries() {
            let declared = declared_in(&["resources", &entry.key]).map(|d| d.keyword);
            match (declared, entry.value.as_object()) {
                (Some("resource"), Some(map)) => map.entries().iter().for_each(|r| self.resource(&r.key, &r.value)),
                (Some("output"), Some(map)) => map.entries().iter().for_each(|o| self.output(&o.key, &o.value)),
                _ if others.is_empty() => {}
                _ => {
                    let others = std::mem::take(&mut others);
                    self.top_block("resources", Vec::new(), |b| {
                        others.iter().map(|e| b.member(&e.key, &e.value)).collect()
                    });
                }
            }
        }
    }

    /// `resource Name "AWS::Type" { … }`: the properties, then the other
    /// attributes with their first letter lower-cased.
    fn resource(&mut self, name: &str, value: &Node) {
        let Some(resource) = value.as_object() else { return };
        let kind = resource.get("Type").and_then(Node::as_str).unwrap_or_default();
        let labels = vec![self.name(name), self.quoted_name(kind)];
        self.top_block("resource", labels, |b| {
            let mut items = Vec::new();
            for entry in resource.entries() {
                match (entry.key.as_str(), entry.value.as_object()) {
                    ("Type", _) => {}
                    ("Properties", Some(properties)) => {
                        items.extend(properties.entries().iter().map(|p| b.member(&p.key, &p.value)));
                    }
                    ("Properties", None) => {}
                    (other, _) => items.push(b.member(&lower_first(other), &entry.value)),
                }
            }
            items
        });
    }

    /// `output Name { … }`, `Export.Name` as `export`.
    fn output(&mut self, name: &str, value: &Node) {
        let Some(output) = value.as_object() else { return };
        let labels = vec![self.name(name)];
        self.top_block("output", labels, |b| {
            let items = output.entries().iter().map(|entry| {
                let export = entry.value.as_object().and_then(|e| e.get("Name"));
                match (entry.key.as_str(), export) {
                    ("Export", Some(name)) => b.member("export", name),
                    (key, _) => b.member(&lower_first(key), &entry.value),
                }
            });
            items.collect()
        });
    }

    /// A top-level block `kind labels { body }`, followed by a blank line.
    fn top_block(&mut self, kind: &str, labels: Vec<syntax::Name>, body: impl FnOnce(&mut Self) -> Vec<Item>) {
        self.blank_after_attributes();
        let block = self.block(kind, labels, body);
        self.push_top(block, true);
    }

    /// A blank line between the top-level attributes (`service = …`) and
    /// a block after them, as people write svc.
    fn blank_after_attributes(&mut self) {
        if matches!(self.items.last(), Some(Item::Attribute(_))) {
            self.at += 1;
        }
    }

    fn push_top(&mut self, item: Item, blank_after: bool) {
        self.items.push(item);
        if blank_after {
            self.at += 2;
        }
    }

    /// A block whose span covers its body.
    fn block(&mut self, kind: &str, labels: Vec<syntax::Name>, body: impl FnOnce(&mut Self) -> Vec<Item>) -> Item {
        let start = self.at;
        let kind = self.name(kind);
        let body = body(self);
        self.at += 1;
        let end = self.at;
        Item::Block(Block { kind, labels, body, span: Span::new(start, end) })
    }

    /// The items of `body`, less `skip`. In a function, `events` become
    /// event blocks.
    fn body(&mut self, body: &Object, skip: &[&str], function: bool) -> Vec<Item> {
        let mut items = Vec::with_capacity(body.entries().len());
        for entry in body.entries().iter().filter(|e| !skip.contains(&e.key.as_str())) {
            match (&entry.value.kind, function && entry.key == "events") {
                (NodeKind::List(events), true) if events.iter().all(is_event) => {
                    let events = events.iter().filter_map(Node::as_object).flat_map(|e| e.entries());
                    items.extend(events.map(|e| self.member(&e.key, &e.value)));
                }
                _ => items.push(self.member(&entry.key, &entry.value)),
            }
        }
        items
    }

    /// `key = value`, or `key { … }` for a non-empty object.
    fn member(&mut self, key: &str, value: &Node) -> Item {
        match &value.kind {
            NodeKind::Object(object) if !object.entries().is_empty() => {
                self.block(key, Vec::new(), |b| b.body(object, &[], false))
            }
            _ => Item::Attribute(self.attribute(key, value)),
        }
    }

    fn attribute(&mut self, key: &str, value: &Node) -> Attribute {
        let start = self.at;
        let key = self.name(key);
        let mut value = self.value(value);
        // Text of several lines reads best as a `"""` block string.
        if let ValueKind::String(lit) = &mut value.kind
            && lit.parts.iter().any(|p| matches!(p, StringPart::Text { text, .. } if text.contains('\n')))
        {
            lit.style = StringStyle::Block;
        }
        Attribute { key, value, span: Span::new(start, self.at) }
    }

    fn value(&mut self, node: &Node) -> Value {
        let start = self.at;
        let kind = match &node.kind {
            NodeKind::Null | NodeKind::Error => ValueKind::Null,
            // A tree not resolved yet (`svc import`'s) keeps its variables.
            NodeKind::Variable(variable) => ValueKind::Variable(variable.clone()),
            NodeKind::Template(parts) => {
                ValueKind::String(StringLit { parts: parts.clone(), style: StringStyle::Quoted })
            }
            NodeKind::Bool(b) => ValueKind::Bool(*b),
            NodeKind::Number(raw) => ValueKind::Number(raw.to_string()),
            NodeKind::String(text) => ValueKind::String(self.string(text)),
            NodeKind::Deferred(value) => deferred(&value.to_string()),
            NodeKind::List(items) => ValueKind::List(items.iter().map(|i| self.value(i)).collect()),
            NodeKind::Object(object) => {
                ValueKind::Object(object.entries().iter().map(|e| self.attribute(&e.key, &e.value)).collect())
            }
            NodeKind::Call(call) => ValueKind::Call(Box::new(syntax::Call {
                name: self.plain_name(&call.name.text),
                args: call.args.iter().map(|a| self.value(a)).collect(),
            })),
            NodeKind::Path(names) => ValueKind::Path(names.iter().map(|n| self.plain_name(&n.text)).collect()),
        };
        self.at += 1;
        let end = self.at;
        Value { kind, span: Span::new(start, end) }
    }

    /// A `"…"` string of `text` (a `${` in it is text, written `\${`).
    fn string(&mut self, text: &str) -> StringLit {
        let parts =
            if text.is_empty() { Vec::new() } else { vec![StringPart::Text { text: text.into(), span: self.span() }] };
        StringLit { parts, style: StringStyle::Quoted }
    }

    /// A key or label: bare when it can be, quoted otherwise.
    fn name(&mut self, text: &str) -> syntax::Name {
        syntax::Name { text: text.into(), span: self.span(), quoted: !is_bare_key(text) }
    }

    /// A name as it is, such as `AWS::Region` in `ref(AWS::Region)`.
    fn plain_name(&mut self, text: &str) -> syntax::Name {
        syntax::Name { text: text.into(), span: self.span(), quoted: false }
    }

    /// A quoted label, such as a resource's type.
    fn quoted_name(&mut self, text: &str) -> syntax::Name {
        syntax::Name { text: text.into(), span: self.span(), quoted: true }
    }
}

/// A deploy-time value (`${cf:…}`, `${s3:…}`) as the variable it was
/// written as; as a string if its text does not parse as one.
fn deferred(text: &str) -> ValueKind {
    let parsed = syntax::parse(&format!("v = {text}\n"));
    match parsed.file.items.into_iter().next() {
        Some(Item::Attribute(attribute)) if !parsed.diagnostics.iter().any(|d| d.is_error()) => attribute.value.kind,
        _ => ValueKind::String(StringLit {
            parts: vec![StringPart::Text { text: text.into(), span: Span::empty(0) }],
            style: StringStyle::Quoted,
        }),
    }
}

/// True for `Resources` and `Outputs`, which print as `resource` and
/// `output` blocks.
fn is_block_section(key: &str, value: &Node) -> bool {
    declared_in(&["resources", key]).is_some() && value.as_object().is_some()
}

fn is_event(node: &Node) -> bool {
    node.as_object().is_some_and(|o| o.entries().len() == 1 && is_event_kind(&o.entries()[0].key))
}

fn inline(node: &Node) -> String {
    match &node.kind {
        NodeKind::Null | NodeKind::Error | NodeKind::Variable(_) | NodeKind::Template(_) => "null".to_owned(),
        NodeKind::Bool(b) => b.to_string(),
        NodeKind::Number(raw) => raw.to_string(),
        NodeKind::String(text) => string_literal(text),
        NodeKind::Deferred(value) => value.to_string(),
        NodeKind::List(items) => format!("[{}]", items.iter().map(inline).collect::<Vec<_>>().join(", ")),
        NodeKind::Object(object) if object.entries().is_empty() => "{}".to_owned(),
        NodeKind::Object(object) => {
            let entries: Vec<String> =
                object.entries().iter().map(|e| format!("{} = {}", key_literal(&e.key), inline(&e.value))).collect();
            format!("{{ {} }}", entries.join(", "))
        }
        NodeKind::Call(call) => {
            format!("{}({})", call.name.text, call.args.iter().map(inline).collect::<Vec<_>>().join(", "))
        }
        NodeKind::Path(names) => names.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join("."),
    }
}

fn lower_first(key: &str) -> String {
    let mut chars = key.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}
