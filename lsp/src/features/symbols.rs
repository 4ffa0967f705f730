//! The outline: blocks (provider, functions and their events, resources,
//! outputs, …) and their attributes.

use svc_compiler::syntax::{Block, Item};
use tower_lsp::lsp_types::{DocumentSymbol, DocumentSymbolResponse, SymbolKind};

use crate::convert::{Encoding, Text};
use crate::documents::Document;

/// The document's symbols, nested as its blocks are.
pub fn symbols(doc: &Document, encoding: Encoding) -> DocumentSymbolResponse {
    let text = doc.text(encoding);
    DocumentSymbolResponse::Nested(items(&doc.written.parse.file.items, &text))
}

fn items(items: &[Item], text: &Text<'_>) -> Vec<DocumentSymbol> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Block(block) => Some(block_symbol(block, text)),
            Item::Attribute(attribute) => Some(symbol(
                attribute.key.text.to_string(),
                SymbolKind::PROPERTY,
                text.range(attribute.span),
                text.range(attribute.key.span),
                Vec::new(),
            )),
            Item::Error(_) => None,
        })
        .collect()
}

fn block_symbol(block: &Block, text: &Text<'_>) -> DocumentSymbol {
    let kind = match block.kind.text.as_str() {
        "function" => SymbolKind::FUNCTION,
        "resource" => SymbolKind::CLASS,
        "output" => SymbolKind::FIELD,
        "provider" => SymbolKind::MODULE,
        "layer" => SymbolKind::PACKAGE,
        k if svc_compiler::schema::is_event_kind(k) => SymbolKind::EVENT,
        _ => SymbolKind::OBJECT,
    };
    let name = match block.labels.first() {
        Some(label) => label.text.to_string(),
        None => block.kind.text.to_string(),
    };
    let selection = block.labels.first().map_or(block.kind.span, |l| l.span);
    let mut symbol = symbol(name, kind, text.range(block.span), text.range(selection), items(&block.body, text));
    symbol.detail = Some(
        std::iter::once(block.kind.text.as_str())
            .chain(block.labels.iter().skip(1).map(|l| l.text.as_str()))
            .collect::<Vec<_>>()
            .join(" "),
    );
    symbol
}

#[allow(deprecated)] // `deprecated` is a required field of the struct.
fn symbol(
    name: String,
    kind: SymbolKind,
    range: tower_lsp::lsp_types::Range,
    selection_range: tower_lsp::lsp_types::Range,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: (!children.is_empty()).then_some(children),
    }
}
