//! Syntax tree → value tree: blocks become the objects, maps and lists of
//! the service model (see [`blocks`](super::blocks) for the table).

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;
use crate::syntax::{Attribute, Block, File, Item, Name, Value, ValueKind};

use super::blocks::{
    Declaration, KeyPlacement, OUTPUT_KEYS, Placement, RESOURCE_ATTRIBUTES, Scope, place_block, place_key,
};
use super::{Call, Node, NodeKind, Object};

/// Builds the value tree of a parsed file. Error nodes of the syntax tree
/// are skipped (they were reported by the parser); the diagnostics are the
/// tree's own: a key set twice, a block with the wrong labels.
pub fn from_syntax(file: &File) -> (Node, Vec<Diagnostic>) {
    let mut builder = Builder::default();
    let mut root = Object::default();
    builder.body(&file.items, Scope::Root, &mut root);
    (Node::new(NodeKind::Object(root), file.span), builder.diagnostics)
}

#[derive(Default)]
struct Builder {
    diagnostics: Vec<Diagnostic>,
}

impl Builder {
    fn body(&mut self, items: &[Item], scope: Scope, into: &mut Object) {
        for item in items {
            match item {
                Item::Attribute(attribute) => self.attribute(attribute, scope, into),
                Item::Block(block) => self.block(block, scope, into),
                Item::Error(_) => {}
            }
        }
    }

    fn attribute(&mut self, attribute: &Attribute, scope: Scope, into: &mut Object) {
        let key = &attribute.key;
        let value = self.value(&attribute.value);
        match place_key(scope, &key.text) {
            KeyPlacement::Event => self.event(into, key, value),
            KeyPlacement::Moved(path) => {
                let (_, parents) = path.split_last().unwrap_or((&"", &[]));
                if let Some(target) = self.containers(into, parents, key.span) {
                    self.insert(target, key, value);
                }
            }
            KeyPlacement::Plain => self.insert(into, key, value),
        }
    }

    fn block(&mut self, block: &Block, scope: Scope, into: &mut Object) {
        let placement = place_block(scope, &block.kind.text);
        match placement {
            Placement::Provider => self.provider(block, into),
            Placement::Declaration(declared) => match declared.keyword {
                "resource" => self.resource(block, declared, into),
                "output" => self.output(block, declared, into),
                _ => self.named(block, declared, placement.inner(), into),
            },
            Placement::Event => {
                if self.labels(block, &[]) {
                    let body = self.object(block, Scope::Other);
                    self.event(into, &block.kind, body);
                }
            }
            Placement::ListEntry(path) => self.list_block(block, path, into),
            Placement::Plain(inner) => self.plain(block, inner, into),
        }
    }

    /// `provider aws { … }`: the label is `provider.name`.
    fn provider(&mut self, block: &Block, into: &mut Object) {
        if block.labels.len() > 1 {
            // Reported, and built from the first label all the same.
            self.wrong_labels(block, "provider aws { … }");
        }
        let Some(provider) = self.container(into, "provider", block.kind.span) else { return };
        if let Some(label) = block.labels.first() {
            let name = Node::new(NodeKind::String(label.text.as_str().into()), label.span);
            if let Some(first) = provider.entry("name") {
                let first = first.key_span;
                self.diagnostics.push(twice("provider", label.span, first));
                return;
            }
            provider.insert_first("name", label.span, name);
        }
        self.body(&block.body, Scope::Provider, provider);
    }

    /// `function hello { … }` is `functions.hello`; `layer x` is `layers.x`.
    fn named(&mut self, block: &Block, declared: &Declaration, scope: Scope, into: &mut Object) {
        if !self.labels(block, &["name"]) {
            return;
        }
        let body = self.object(block, scope);
        if let Some(entries) = self.containers(into, declared.section, block.kind.span) {
            self.insert_named(entries, declared.keyword, &block.labels[0], body);
        }
    }

    /// `resource Name "Type" { … }`: `resources.Resources.Name` with `Type`,
    /// the lower-case resource attributes, and `Properties`.
    fn resource(&mut self, block: &Block, declared: &Declaration, into: &mut Object) {
        if !self.labels(block, &["name", "type"]) {
            return;
        }
        let mut resource = Object::default();
        let type_label = &block.labels[1];
        resource.push(
            "Type",
            type_label.span,
            Node::new(NodeKind::String(type_label.text.as_str().into()), type_label.span),
        );
        let mut properties = Object::default();
        for item in &block.body {
            match item {
                Item::Attribute(a) => match RESOURCE_ATTRIBUTES.iter().find(|(k, _)| *k == a.key.text) {
                    Some((_, cfn)) => {
                        let value = self.value(&a.value);
                        self.insert(&mut resource, &renamed(&a.key, cfn), value);
                    }
                    None => self.attribute(a, Scope::Other, &mut properties),
                },
                Item::Block(b) => self.block(b, Scope::Other, &mut properties),
                Item::Error(_) => {}
            }
        }
        if !properties.entries().is_empty() {
            resource.push("Properties", block.kind.span, Node::new(NodeKind::Object(properties), block.span));
        }
        if let Some(resources) = self.containers(into, declared.section, block.kind.span) {
            let resource = Node::new(NodeKind::Object(resource), block.span);
            self.insert_named(resources, declared.keyword, &block.labels[0], resource);
        }
    }

    /// `output Name { value = …, description = …, export = … }`:
    /// `resources.Outputs.Name`.
    fn output(&mut self, block: &Block, declared: &Declaration, into: &mut Object) {
        if !self.labels(block, &["name"]) {
            return;
        }
        let mut output = Object::default();
        for item in &block.body {
            match item {
                Item::Attribute(a) => match OUTPUT_KEYS.iter().find(|(k, _)| *k == a.key.text) {
                    Some((_, cfn)) => {
                        let mut value = self.value(&a.value);
                        if *cfn == "Export" {
                            let mut export = Object::default();
                            let span = value.span;
                            export.push("Name", a.key.span, value);
                            value = Node::new(NodeKind::Object(export), span);
                        }
                        self.insert(&mut output, &renamed(&a.key, cfn), value);
                    }
                    None => self.diagnostics.push(unknown_output_key(&a.key)),
                },
                Item::Block(b) => self.diagnostics.push(unknown_output_key(&b.kind)),
                Item::Error(_) => {}
            }
        }
        if let Some(outputs) = self.containers(into, declared.section, block.kind.span) {
            let output = Node::new(NodeKind::Object(output), block.span);
            self.insert_named(outputs, declared.keyword, &block.labels[0], output);
        }
    }

    /// A block that appends to a list, such as `statement` in `provider.iam`.
    fn list_block(&mut self, block: &Block, path: &[&str], into: &mut Object) {
        if !self.labels(block, &[]) {
            return;
        }
        let body = self.object(block, Scope::Other);
        let (last, parents) = path.split_last().unwrap_or((&"", &[]));
        if let Some(target) = self.containers(into, parents, block.kind.span) {
            self.append(target, last, block.kind.span, body);
        }
    }

    /// `kind label* { … }`: the object at `kind.label…`.
    fn plain(&mut self, block: &Block, scope: Scope, into: &mut Object) {
        let body = self.object(block, scope);
        let Some((last, parents)) = block.labels.split_last() else {
            self.insert_or_merge(into, &block.kind, body);
            return;
        };
        let mut target = self.container(into, &block.kind.text, block.kind.span);
        for label in parents {
            target = target.and_then(|t| self.container(t, &label.text, label.span));
        }
        if let Some(target) = target {
            self.insert(target, last, body);
        }
    }

    /// The body of `block` as an object node.
    fn object(&mut self, block: &Block, scope: Scope) -> Node {
        let mut object = Object::with_capacity(block.body.len());
        self.body(&block.body, scope, &mut object);
        Node::new(NodeKind::Object(object), block.span)
    }

    /// Appends `{ kind = value }` to `events`.
    fn event(&mut self, function: &mut Object, kind: &Name, value: Node) {
        let span = kind.span.cover(value.span);
        let mut event = Object::default();
        event.push(kind.text.clone(), kind.span, value);
        self.append(function, "events", kind.span, Node::new(NodeKind::Object(event), span));
    }

    /// Appends to the list at `key`, making it when absent.
    fn append(&mut self, into: &mut Object, key: &str, span: Span, item: Node) {
        if into.get(key).is_none() {
            into.push(key, span, Node::new(NodeKind::List(Vec::new()), span));
        }
        match into.get_mut(key).map(|node| &mut node.kind) {
            Some(NodeKind::List(items)) => items.push(item),
            Some(NodeKind::Error) => {}
            _ => {
                let first = into.entry(key).map_or(span, |e| e.key_span);
                poison(into, key);
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::E0202,
                        format!("`{key}` is not a list"),
                        span,
                        format!("this adds to `{key}`"),
                    )
                    .with_secondary(first, format!("`{key}` is set to something else here")),
                );
            }
        }
    }

    /// The object at `key`, made when absent: the maps that blocks fill
    /// (`functions`, `resources.Resources`, …). `None`, with an error, when
    /// `key` holds something else.
    fn container<'o>(&mut self, into: &'o mut Object, key: &str, span: Span) -> Option<&'o mut Object> {
        if into.get(key).is_none() {
            into.push(key, span, Node::object(span));
        }
        let first = into.entry(key).map_or(span, |e| e.key_span);
        let conflict = !matches!(into.get(key).map(|n| &n.kind), Some(NodeKind::Object(_) | NodeKind::Error));
        if conflict {
            poison(into, key);
            self.diagnostics.push(
                Diagnostic::error(
                    Code::E0202,
                    format!("`{key}` is not an object"),
                    span,
                    format!("this adds to `{key}`"),
                )
                .with_secondary(first, format!("`{key}` is set to something else here")),
            );
            return None;
        }
        match into.get_mut(key).map(|node| &mut node.kind) {
            Some(NodeKind::Object(object)) => Some(object),
            _ => None,
        }
    }

    /// [`Self::container`] along `path`.
    fn containers<'o>(&mut self, into: &'o mut Object, path: &[&str], span: Span) -> Option<&'o mut Object> {
        path.iter().try_fold(into, |object, key| self.container(object, key, span))
    }

    /// [`Self::insert`], except that a `resources { … }` block adds to the
    /// `resources` that `resource` and `output` blocks before it made (each
    /// key once).
    fn insert_or_merge(&mut self, into: &mut Object, key: &Name, value: Node) {
        let Node { kind: NodeKind::Object(body), .. } = value else { return self.insert(into, key, value) };
        if key.text != "resources" || into.get(&key.text).is_none() {
            return self.insert(into, key, Node::new(NodeKind::Object(body), value.span));
        }
        if let Some(resources) = self.container(into, &key.text, key.span) {
            for entry in body.into_entries() {
                let name = Name { text: entry.key, span: entry.key_span, quoted: false };
                self.insert(resources, &name, entry.value);
            }
        }
    }

    /// Adds `key = value`, or reports that `key` is already set.
    fn insert(&mut self, into: &mut Object, key: &Name, value: Node) {
        match into.entry(&key.text) {
            Some(first) => self.diagnostics.push(twice(&key.text, key.span, first.key_span)),
            None => into.push(key.text.clone(), key.span, value),
        }
    }

    /// Adds a named entry (`functions.hello`), or reports a duplicate.
    fn insert_named(&mut self, into: &mut Object, kind: &str, name: &Name, value: Node) {
        match into.entry(&name.text) {
            Some(first) => self.diagnostics.push(
                Diagnostic::error(
                    Code::E0201,
                    format!("{kind} `{}` is declared twice", name.text),
                    name.span,
                    "declared again here",
                )
                .with_secondary(first.key_span, "first declared here")
                .with_help(format!("rename one of them: each {kind} needs its own name")),
            ),
            None => into.push(name.text.clone(), name.span, value),
        }
    }

    /// Checks that `block` has one label per entry of `names`.
    fn labels(&mut self, block: &Block, names: &[&str]) -> bool {
        if block.labels.len() == names.len() {
            return true;
        }
        let shape = std::iter::once(block.kind.text.as_str())
            .chain(names.iter().copied())
            .chain(std::iter::once("{ … }"))
            .collect::<Vec<_>>()
            .join(" ");
        self.wrong_labels(block, &shape);
        false
    }

    fn wrong_labels(&mut self, block: &Block, shape: &str) {
        let span = block.labels.iter().fold(block.kind.span, |s, l| s.cover(l.span));
        let count = block.labels.len();
        self.diagnostics.push(
            Diagnostic::error(
                Code::E0203,
                format!("`{}` block with {count} label{}", block.kind.text, if count == 1 { "" } else { "s" }),
                span,
                "wrong number of labels",
            )
            .with_help(format!("write it as `{shape}`")),
        );
    }

    fn value(&mut self, value: &Value) -> Node {
        let kind = match &value.kind {
            ValueKind::String(lit) => match lit.as_plain() {
                Some(text) => NodeKind::String(text.into()),
                None => NodeKind::Template(lit.parts.clone()),
            },
            ValueKind::Number(raw) => NodeKind::Number(raw.as_str().into()),
            ValueKind::Bool(b) => NodeKind::Bool(*b),
            ValueKind::Null => NodeKind::Null,
            ValueKind::List(items) => NodeKind::List(items.iter().map(|v| self.value(v)).collect()),
            ValueKind::Object(attributes) => {
                let mut object = Object::with_capacity(attributes.len());
                for a in attributes {
                    let v = self.value(&a.value);
                    self.insert(&mut object, &a.key, v);
                }
                NodeKind::Object(object)
            }
            ValueKind::Variable(variable) => NodeKind::Variable(variable.clone()),
            ValueKind::Call(call) => NodeKind::Call(Box::new(Call {
                name: call.name.clone(),
                args: call.args.iter().map(|v| self.value(v)).collect(),
            })),
            ValueKind::Path(names) => NodeKind::Path(names.clone()),
            ValueKind::Error => NodeKind::Error,
        };
        Node::new(kind, value.span)
    }
}

/// Replaces the value at `key` by an error node: it conflicts with a block
/// (reported), and is checked no further.
fn poison(object: &mut Object, key: &str) {
    if let Some(node) = object.get_mut(key) {
        node.kind = NodeKind::Error;
    }
}

/// `key` under another name, at the same place.
fn renamed(key: &Name, to: &str) -> Name {
    Name { text: to.into(), span: key.span, quoted: key.quoted }
}

fn twice(key: &str, again: Span, first: Span) -> Diagnostic {
    Diagnostic::error(Code::E0201, format!("`{key}` is set twice"), again, "set again here")
        .with_secondary(first, "first set here")
        .with_help("keep one of them")
}

fn unknown_output_key(key: &Name) -> Diagnostic {
    Diagnostic::error(Code::E0204, format!("unknown key `{}` in an output", key.text), key.span, "not an output key")
        .with_help("an output has `value`, and may have `description`, `export` and `condition`")
}
