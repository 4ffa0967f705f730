//! Inlay hints: after every value written with variables, what it resolved
//! to for the current stage (`${opt:stage, "dev"}` → `"dev"`).

use svc_compiler::print::value_to_svc;
use svc_compiler::syntax::{Item, StringPart, Value, ValueKind};
use tower_lsp::lsp_types::{InlayHint, InlayHintKind, InlayHintLabel, Range};

use crate::convert::Encoding;
use crate::documents::Document;

/// Hints for the values in `range`.
pub fn hints(doc: &Document, encoding: Encoding, range: Range) -> Vec<InlayHint> {
    let text = doc.text(encoding);
    let (start, end) = (text.offset(range.start).unwrap_or(0), text.offset(range.end).unwrap_or(doc.text.len()));
    let mut values = Vec::new();
    collect(&doc.analysis.parse.file.items, &mut values);
    values
        .into_iter()
        .filter(|v| (v.span.start as usize) <= end && start <= v.span.end as usize)
        .filter_map(|value| {
            let resolved = doc.analysis.service.find_span(value.span)?;
            let shown = value_to_svc(resolved);
            Some(InlayHint {
                position: text.position(value.span.end as usize),
                label: InlayHintLabel::String(format!(" → {}", shorten(&shown))),
                kind: Some(InlayHintKind::TYPE),
                text_edits: None,
                tooltip: None,
                padding_left: Some(false),
                padding_right: Some(false),
                data: None,
            })
        })
        .collect()
}

/// The values written with variables, in order.
fn collect<'a>(items: &'a [Item], out: &mut Vec<&'a Value>) {
    for item in items {
        match item {
            Item::Attribute(attribute) => value(&attribute.value, out),
            Item::Block(block) => collect(&block.body, out),
            Item::Error(_) => {}
        }
    }
}

fn value<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match &v.kind {
        ValueKind::Variable(_) => out.push(v),
        ValueKind::String(lit) if lit.parts.iter().any(|p| matches!(p, StringPart::Variable(_))) => out.push(v),
        ValueKind::List(items) => items.iter().for_each(|i| value(i, out)),
        ValueKind::Object(attributes) => attributes.iter().for_each(|a| value(&a.value, out)),
        ValueKind::Call(call) => call.args.iter().for_each(|a| value(a, out)),
        _ => {}
    }
}

/// At most 60 characters, cut at a character boundary.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
