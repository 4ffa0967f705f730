//! Completion: keys valid at the cursor (with docs, and snippets for
//! blocks), allowed values, event kinds, variable sources and `self:` /
//! `param:` paths, resource names and attributes in `ref`/`getAtt`.

use std::collections::BTreeMap;

use svc_compiler::locate::{Scope, Target, locate};
use svc_compiler::naming;
use svc_compiler::schema::event_kinds;
use svc_compiler::schema::lookup::{objects, values, walk};
use svc_compiler::schema::{Key, Ty};
use svc_compiler::syntax::Item;
use svc_compiler::tree::{Node, Path, Segment};
use tower_lsp::lsp_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, Documentation, InsertTextFormat, MarkupContent, MarkupKind,
    Position,
};

use super::hover::describe_key;
use crate::convert::Encoding;
use crate::documents::Document;

/// Variable sources, with what each reads.
const SOURCES: &[(&str, &str)] = &[
    ("opt", "a command-line option"),
    ("self", "a value of this service"),
    ("env", "an environment variable"),
    ("file", "a value from a file: file(./config.json):key"),
    ("sls", "sls:stage, the stage"),
    ("param", "a parameter of the stage"),
    ("strToBool", "text as a boolean: strToBool(value)"),
    ("aws", "aws:region or aws:accountId"),
    ("ssm", "an SSM parameter (a dynamic reference)"),
    ("cf", "a stack output, at deploy time"),
    ("s3", "an S3 object, at deploy time"),
];

/// Top-level blocks, as snippets.
const ROOT_BLOCKS: &[(&str, &str)] = &[
    ("provider", "provider aws {\n\truntime = \"${1:python3.12}\"\n}"),
    ("function", "function ${1:name} {\n\thandler = \"${2:handler.main}\"\n\t$0\n}"),
    ("resource", "resource ${1:Name} \"${2:AWS::S3::Bucket}\" {\n\t$0\n}"),
    ("output", "output ${1:Name} {\n\tvalue = ${2:ref(Name)}\n}"),
    ("layer", "layer ${1:name} {\n\tpath = \"${2:layer}\"\n}"),
];

/// The completions at `position`.
pub fn complete(doc: &Document, encoding: Encoding, position: Position) -> Option<CompletionResponse> {
    let text = doc.text(encoding);
    let offset = text.offset(position)?;
    let line_start = doc.text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &doc.text[line_start..offset];
    let items = if let Some(open) = before.rfind("${").filter(|&i| !before[i..].contains('}')) {
        variable(doc, &before[open + 2..])
    } else if let Some(inside) = call_argument(before) {
        call(doc, inside)
    } else if let Some(eq) = before.find('=') {
        let key_at = line_start + before[..eq].trim_end().len();
        value(doc, key_at.saturating_sub(1))
    } else {
        keys(doc, offset)
    };
    Some(CompletionResponse::Array(items))
}

/// Keys (and blocks) that may be written in the body at `offset`.
fn keys(doc: &Document, offset: usize) -> Vec<CompletionItem> {
    let located = locate(&doc.written.parse.file, offset);
    let mut path = located.path.clone();
    if let Target::Key(_) = located.target {
        path.pop();
    }
    let Some(found) = walk(&path) else { return Vec::new() };
    let written: Vec<&str> = located
        .body
        .iter()
        .filter_map(|item| match item {
            Item::Attribute(a) => Some(a.key.text.as_str()),
            Item::Block(b) if b.labels.is_empty() => Some(b.kind.text.as_str()),
            _ => None,
        })
        .collect();
    let mut items: Vec<CompletionItem> = objects(found.ty)
        .iter()
        .flat_map(|o| o.keys)
        .filter(|k| !written.contains(&k.name) || matches!(located.target, Target::Key(n) if n.text == k.name))
        .map(key_item)
        .collect();
    if path.is_empty() {
        items.retain(|i| !matches!(i.label.as_str(), "functions" | "layers" | "resources"));
        items.extend(ROOT_BLOCKS.iter().map(|(label, snippet)| snippet_item(label, snippet, "block")));
    }
    let function_body = matches!(path.segments(), [Segment::Key(functions), _] if functions == "functions");
    if located.scope == Scope::Function && function_body {
        items.retain(|i| i.label != "events");
        items.extend(event_kinds().map(|kind| snippet_item(kind, &format!("{kind} {{\n\t$0\n}}"), "event")));
    }
    items
}

fn key_item(key: &'static Key) -> CompletionItem {
    let block = matches!(key.ty, Ty::Object(_) | Ty::Map(_));
    let snippet = if block { format!("{} {{\n\t$0\n}}", key.name) } else { format!("{} = $0", key.name) };
    CompletionItem {
        label: key.name.to_owned(),
        kind: Some(CompletionItemKind::PROPERTY),
        detail: Some(super::hover::type_text(&key.ty)),
        documentation: Some(markdown(describe_key(key))),
        insert_text: Some(snippet),
        insert_text_format: Some(InsertTextFormat::SNIPPET),
        ..CompletionItem::default()
    }
}

fn snippet_item(label: &str, snippet: &str, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(CompletionItemKind::SNIPPET),
        detail: Some(detail.to_owned()),
        insert_text: Some(snippet.to_owned()),
        insert_text_format: Some(InsertTextFormat::SNIPPET),
        ..CompletionItem::default()
    }
}

/// Allowed values of the key that ends just before `key_end`.
fn value(doc: &Document, key_end: usize) -> Vec<CompletionItem> {
    let located = locate(&doc.written.parse.file, key_end);
    let Some(found) = walk(&located.path) else { return Vec::new() };
    values(found.ty)
        .into_iter()
        .map(|v| {
            let quoted = if v == "true" || v == "false" { v.to_owned() } else { format!("\"{v}\"") };
            CompletionItem {
                label: quoted.clone(),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                insert_text: Some(quoted),
                ..CompletionItem::default()
            }
        })
        .collect()
}

/// Inside `${…`: sources, or the keys of a `self:`/`param:` path.
fn variable(doc: &Document, inside: &str) -> Vec<CompletionItem> {
    let Some((source, address)) = inside.split_once(':') else {
        return SOURCES.iter().map(|(s, what)| plain(s, CompletionItemKind::MODULE, what)).collect();
    };
    match source.trim() {
        "self" => {
            let parent = address.rsplit_once('.').map_or("", |(p, _)| p);
            children(&doc.analysis.service, parent)
        }
        "param" => {
            let mut names: Vec<String> = doc
                .analysis
                .service
                .at(&Path::keys(&["params"]))
                .and_then(Node::as_object)
                .into_iter()
                .flat_map(|p| p.entries())
                .filter_map(|stage| stage.value.as_object())
                .flat_map(|o| o.entries().iter().map(|e| e.key.as_str().to_owned()))
                .collect();
            names.sort();
            names.dedup();
            names.iter().map(|n| plain(n, CompletionItemKind::VARIABLE, "param")).collect()
        }
        "opt" => ["stage", "region", "aws-profile"]
            .iter()
            .map(|o| plain(o, CompletionItemKind::VARIABLE, "option"))
            .collect(),
        "sls" | "svc" => vec![plain("stage", CompletionItemKind::VARIABLE, "the stage")],
        "aws" => ["region", "accountId"].iter().map(|o| plain(o, CompletionItemKind::VARIABLE, "aws")).collect(),
        _ => Vec::new(),
    }
}

fn children(service: &Node, parent: &str) -> Vec<CompletionItem> {
    let Some(object) = service.at(&Path::from(parent)).and_then(Node::as_object) else { return Vec::new() };
    object.entries().iter().map(|e| plain(&e.key, CompletionItemKind::FIELD, e.value.describe())).collect()
}

/// The text after `ref(` or `getAtt(` when the cursor is in one.
fn call_argument(before: &str) -> Option<(&'static str, &str)> {
    for name in ["getAtt", "ref"] {
        if let Some(i) = before.rfind(&format!("{name}(")) {
            let inside = &before[i + name.len() + 1..];
            if !inside.contains(')') {
                return Some((if name == "ref" { "ref" } else { "getAtt" }, inside));
            }
        }
    }
    None
}

/// Resource names (and, after `getAtt(X.`, attributes).
fn call(doc: &Document, (name, inside): (&str, &str)) -> Vec<CompletionItem> {
    if let (true, Some((resource, _))) = (name == "getAtt", inside.split_once('.')) {
        let attributes =
            doc.resource_type(resource).and_then(svc_compiler::check::resource_attributes).unwrap_or_default();
        return attributes.iter().map(|a| plain(a, CompletionItemKind::FIELD, "attribute")).collect();
    }
    // Not a function's version, whose hash is only known once built.
    let generated = doc.known_resources().iter().filter(|(id, _)| !id.ends_with(naming::UNHASHED));
    let mut known: BTreeMap<&str, &str> = generated.map(|(id, kind)| (id.as_str(), kind.as_str())).collect();
    let declared = doc.analysis.service.at(&Path::keys(&["resources", "Resources"])).and_then(Node::as_object);
    for resource in declared.map(|d| d.entries()).unwrap_or_default() {
        let kind = resource.value.as_object().and_then(|r| r.get("Type")).and_then(Node::as_str);
        known.insert(&resource.key, kind.unwrap_or_default());
    }
    let mut items: Vec<CompletionItem> =
        known.into_iter().map(|(id, kind)| plain(id, CompletionItemKind::REFERENCE, kind)).collect();
    if name == "ref" {
        items.extend(
            svc_compiler::check::PSEUDO_PARAMETERS
                .iter()
                .map(|p| plain(&format!("\"{p}\""), CompletionItemKind::CONSTANT, "pseudo-parameter")),
        );
    }
    items
}

fn plain(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        ..CompletionItem::default()
    }
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value })
}
