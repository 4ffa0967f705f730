//! Go to definition: from `ref(X)`, `getAtt(X.A)` to the `resource X`
//! block (or the function a generated ID belongs to); from
//! `${self:a.b}` and `${param:x}` to where the key is written.

use svc_compiler::locate::{Target, locate};
use svc_compiler::naming;
use svc_compiler::span::Span;
use svc_compiler::syntax::{File, Item, StringPart, ValueKind, Variable};
use svc_compiler::tree::{self, Node, Path};
use tower_lsp::lsp_types::{GotoDefinitionResponse, Location, Position, Url};

use crate::convert::Encoding;
use crate::documents::Document;

/// Where the thing at `position` is defined.
pub fn definition(doc: &Document, encoding: Encoding, uri: &Url, position: Position) -> Option<GotoDefinitionResponse> {
    let text = doc.text(encoding);
    let file = &doc.analysis.parse.file;
    let located = locate(file, text.offset(position)?);
    let span = match located.target {
        Target::Call(call) => match &call.args.first()?.kind {
            ValueKind::Path(names) => resource(file, &names.first()?.text)?,
            ValueKind::String(lit) => resource(file, &lit.as_plain()?)?,
            _ => return None,
        },
        Target::Variable(variable) => variable_target(file, variable)?,
        _ => return None,
    };
    Some(GotoDefinitionResponse::Scalar(Location::new(uri.clone(), text.range(span))))
}

/// The label of `resource <name>`, or the function whose generated ID it is.
pub fn resource(file: &File, name: &str) -> Option<Span> {
    file.items.iter().find_map(|item| match item {
        Item::Block(block) => {
            let label = block.labels.first()?;
            let found = match block.kind.text.as_str() {
                "resource" => label.text == name,
                "function" => naming::lambda_function(&label.text) == name || naming::log_group(&label.text) == name,
                "layer" => naming::lambda_layer(&label.text) == name,
                _ => false,
            };
            found.then_some(label.span)
        }
        _ => None,
    })
}

/// Where a `self:` path or a `param:` name is written.
fn variable_target(file: &File, variable: &Variable) -> Option<Span> {
    let address: String = variable
        .address
        .as_ref()?
        .parts
        .iter()
        .map(|p| match p {
            StringPart::Text { text, .. } | StringPart::Sub { text, .. } => text.as_str(),
            StringPart::Variable(_) => "",
        })
        .collect();
    let (tree, _) = tree::from_syntax(file);
    match variable.source.text.as_str() {
        "self" => key_span(&tree, &Path::parse(&address)),
        "param" => {
            let params = tree.at(&Path::parse("params").0)?.as_object()?;
            params.entries.iter().find_map(|stage| stage.value.as_object()?.entry(&address).map(|e| e.key_span))
        }
        _ => None,
    }
}

/// The span of the key that holds the value at `path`.
fn key_span(tree: &Node, path: &Path) -> Option<Span> {
    let (last, parent) = path.0.split_last()?;
    let holder = tree.at(parent)?;
    match last {
        tree::Segment::Key(key) => holder.as_object()?.entry(key).map(|e| e.key_span),
        tree::Segment::Index(i) => {
            holder.child(last).map(|n| n.span).or_else(|| holder.as_object()?.entry(&i.to_string()).map(|e| e.key_span))
        }
    }
}
