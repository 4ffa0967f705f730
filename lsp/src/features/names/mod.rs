//! The named things of a service — functions, layers, resources, outputs,
//! parameters and the keys `${self:…}` reads — and every place each is
//! declared or used: what find references, rename and go to definition
//! share.

mod cursor;
mod occurrences;
pub mod valid;
mod visit;

use svc_compiler::naming;
use svc_compiler::span::Span;
use svc_compiler::syntax::{File, StringLit, StringPart, Variable};
use svc_compiler::tree::{Node, NodeKind, Path, Segment};

use crate::documents::Document;

pub use occurrences::Form;

/// A named thing of the service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Symbol {
    /// The key at a path of the value tree: `functions.hello`,
    /// `resources.Resources.Orders`, `custom.tableName`.
    Path(Path),
    /// A parameter, `${param:name}`, declared per stage in `params`.
    Param(String),
    /// A resource svc generates that no name of the file makes
    /// (`IamRoleLambdaExecution`, `HttpApi`): used, never declared.
    Generated(String),
}

/// The symbol under the cursor and how it is written there.
#[derive(Clone, Debug)]
pub struct AtCursor {
    /// What it is.
    pub symbol: Symbol,
    /// The written name at the cursor (what a rename replaces there).
    pub span: Span,
    /// The name as the user renames it: `hello` for `HelloLambdaFunction`.
    pub name: String,
}

/// One document's syntax and unresolved value tree (for the spans of keys).
pub struct Names<'a> {
    /// The document.
    doc: &'a Document,
    /// The source text.
    pub text: &'a str,
    /// The syntax tree.
    pub file: &'a File,
    /// The value tree, before variables are resolved.
    pub tree: &'a Node,
}

impl<'a> Names<'a> {
    /// The names of `doc`.
    pub fn new(doc: &'a Document) -> Self {
        let written = &doc.written;
        Names { doc, text: &doc.text, file: &written.parse.file, tree: written.tree() }
    }

    /// The node at `path` (an index is also the key of its digits).
    pub fn node(&self, path: &Path) -> Option<&Node> {
        self.tree.at(path)
    }

    /// Where the key at `path` is written (for a list item: the item).
    pub fn key_span(&self, path: &Path) -> Option<Span> {
        let holder = self.node(&path.parent()?)?;
        match (&holder.kind, path.last()?) {
            (NodeKind::Object(object), last) => object.entry(&last.to_string()).map(|e| e.key_span),
            (NodeKind::List(items), Segment::Index(i)) => items.get(*i).map(|n| n.span),
            _ => None,
        }
    }

    /// The path of the key written at `span`, if one is.
    pub fn path_of_key(&self, span: Span) -> Option<Path> {
        let mut path = Path::default();
        find_key(self.tree, span, &mut path).then_some(path)
    }

    /// The symbol a logical ID names: a declared resource, or the function
    /// or layer svc generates it for. With the name a rename edits.
    pub fn logical_id(&self, id: &str) -> Option<(Symbol, String)> {
        let resource = Path::keys(&["resources", "Resources", id]);
        if self.node(&resource).is_some() {
            return Some((Symbol::Path(resource), id.to_owned()));
        }
        for (map, forms) in GENERATED {
            let entries = self.node(&Path::keys(&[map])).and_then(Node::as_object);
            for entry in entries.map(|o| o.entries()).unwrap_or_default() {
                if forms.iter().any(|form| form(&entry.key) == id) {
                    return Some((Symbol::Path(Path::keys(&[map, &entry.key])), entry.key.as_str().to_owned()));
                }
            }
        }
        let generated = self.doc.known_resources().contains_key(id);
        generated.then(|| (Symbol::Generated(id.to_owned()), id.to_owned()))
    }
}

/// Makes a logical ID from a name: `hello` → `HelloLambdaFunction`.
pub type Naming = fn(&str) -> String;

/// The logical IDs svc generates from a function's or a layer's name.
pub const GENERATED: &[(&str, &[Naming])] =
    &[("functions", &[naming::lambda_function, naming::log_group]), ("layers", &[naming::lambda_layer])];

fn find_key(node: &Node, span: Span, path: &mut Path) -> bool {
    match &node.kind {
        NodeKind::Object(object) => object.entries().iter().any(|entry| {
            path.push(Segment::key(&entry.key));
            if entry.key_span == span || find_key(&entry.value, span, path) {
                return true;
            }
            path.pop();
            false
        }),
        NodeKind::List(items) => items.iter().enumerate().any(|(i, item)| {
            path.push(Segment::Index(i));
            if find_key(item, span, path) {
                return true;
            }
            path.pop();
            false
        }),
        _ => false,
    }
}

/// The segments of a `${self:a.b.c}` address that are written out, with
/// their spans: all of them for plain text, those before a nested variable
/// (`custom.memory.${sls:stage}` → `custom`, `memory`) otherwise.
pub fn self_segments(variable: &Variable) -> Vec<(String, Span)> {
    let Some(address) = variable.address.as_ref().filter(|_| variable.source.text == "self") else {
        return Vec::new();
    };
    let Some(StringPart::Text { text, span }) = address.parts.first() else { return Vec::new() };
    if text.len() != span.len() {
        return Vec::new(); // escapes: offsets would not match the source
    }
    let mut segments = Vec::new();
    let mut start = 0;
    for piece in text.split('.') {
        let complete = address.parts.len() == 1 || start + piece.len() < text.len();
        if piece.is_empty() || !complete {
            break;
        }
        let at = span.start as usize + start;
        segments.push((piece.to_owned(), Span::new(at, at + piece.len())));
        start += piece.len() + 1;
    }
    segments
}

/// The name of a `${param:name}` variable and where it is written.
pub fn param_name(variable: &Variable) -> Option<(String, Span)> {
    if variable.source.text != "param" {
        return None;
    }
    match variable.address.as_ref()?.parts.as_slice() {
        [StringPart::Text { text, span }] if text.len() == span.len() => Some((text.to_string(), *span)),
        _ => None,
    }
}

/// The text of a string without variables, with the span of that text
/// inside the quotes.
pub fn plain_string(lit: &StringLit) -> Option<(String, Span)> {
    match lit.parts.as_slice() {
        [StringPart::Text { text, span }] if text.len() == span.len() && !text.is_empty() => {
            Some((text.to_string(), *span))
        }
        _ => None,
    }
}

/// The resource a `${Name}` or `${Name.Attribute}` of a `sub` text names,
/// with its span (not `${AWS::Region}`, not `${!Literal}`).
pub fn sub_name(text: &str, span: Span) -> Option<(String, Span)> {
    let inner = text.strip_prefix("${")?.strip_suffix('}')?;
    if inner.starts_with('!') || inner.contains("::") {
        return None;
    }
    let name = inner.split('.').next().filter(|n| !n.is_empty())?;
    let start = span.start as usize + 2;
    Some((name.to_owned(), Span::new(start, start + name.len())))
}

/// `span` without the quotes around it, when it is a quoted name.
pub fn unquoted(text: &str, span: Span) -> Span {
    let written = text.get(span.range()).unwrap_or_default();
    if written.len() >= 2 && written.starts_with('"') && written.ends_with('"') {
        Span::new(span.start as usize + 1, span.end as usize - 1)
    } else {
        span
    }
}
