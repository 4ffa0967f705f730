//! Semantic tokens: keys, block kinds, labels, strings, numbers, `${…}`
//! variables, intrinsic calls and comments, for clients that colour by
//! meaning rather than by grammar. Tokens never overlap and never span
//! lines (a block string is one token per line).

use svc_compiler::span::Span;
use svc_compiler::syntax::{Block, Item, StringPart, Value, ValueKind};
use tower_lsp::lsp_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
};

use crate::convert::{Encoding, Text};
use crate::documents::Document;

/// The token types, in legend order.
const TYPES: &[SemanticTokenType] = &[
    SemanticTokenType::PROPERTY,
    SemanticTokenType::KEYWORD,
    SemanticTokenType::CLASS,
    SemanticTokenType::TYPE,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::COMMENT,
    SemanticTokenType::PARAMETER,
];

/// The token modifiers, in legend order.
const MODIFIERS: &[SemanticTokenModifier] =
    &[SemanticTokenModifier::DECLARATION, SemanticTokenModifier::DEFAULT_LIBRARY];

/// What a token is (an index into [`TYPES`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Key = 0,
    Keyword = 1,
    Class = 2,
    Type = 3,
    String = 4,
    Number = 5,
    Variable = 6,
    Function = 7,
    Comment = 8,
    Parameter = 9,
}

const DECLARATION: u32 = 1;
const DEFAULT_LIBRARY: u32 = 2;

/// The legend the server advertises.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend { token_types: TYPES.to_vec(), token_modifiers: MODIFIERS.to_vec() }
}

/// Every token of `doc`, encoded relative to the one before.
pub fn tokens(doc: &Document, encoding: Encoding) -> SemanticTokens {
    let file = &doc.written.parse.file;
    let mut raw: Vec<(Span, Kind, u32)> = file.comments.iter().map(|c| (c.span, Kind::Comment, 0)).collect();
    items(&file.items, &mut raw);
    raw.sort_by_key(|(span, _, _)| (span.start, span.end));
    let text = doc.text(encoding);
    SemanticTokens { result_id: None, data: encode(&text, &raw) }
}

fn items(items: &[Item], out: &mut Vec<(Span, Kind, u32)>) {
    for item in items {
        match item {
            Item::Attribute(attribute) => {
                out.push((attribute.key.span, Kind::Key, 0));
                value(&attribute.value, out);
            }
            Item::Block(block) => {
                head(block, out);
                self::items(&block.body, out);
            }
            Item::Error(_) => {}
        }
    }
}

/// The kind and labels of a block.
fn head(block: &Block, out: &mut Vec<(Span, Kind, u32)>) {
    out.push((block.kind.span, Kind::Keyword, 0));
    for (i, label) in block.labels.iter().enumerate() {
        let kind = match (i, block.kind.text.as_str()) {
            (0, "function" | "layer") => Kind::Function,
            (0, _) => Kind::Class,
            _ => Kind::Type,
        };
        out.push((label.span, kind, if i == 0 { DECLARATION } else { 0 }));
    }
}

fn value(value: &Value, out: &mut Vec<(Span, Kind, u32)>) {
    match &value.kind {
        ValueKind::String(lit) => {
            let mut at = value.span.start;
            for part in &lit.parts {
                let (span, kind) = match part {
                    StringPart::Variable(v) => (v.span, Kind::Variable),
                    StringPart::Sub { span, .. } => (*span, Kind::Parameter),
                    StringPart::Text { .. } => continue,
                };
                if span.start > at {
                    out.push((Span { start: at, end: span.start }, Kind::String, 0));
                }
                out.push((span, kind, 0));
                at = at.max(span.end);
            }
            if value.span.end > at {
                out.push((Span { start: at, end: value.span.end }, Kind::String, 0));
            }
        }
        ValueKind::Number(_) => out.push((value.span, Kind::Number, 0)),
        ValueKind::Bool(_) | ValueKind::Null => out.push((value.span, Kind::Keyword, 0)),
        ValueKind::Variable(_) => out.push((value.span, Kind::Variable, 0)),
        ValueKind::List(values) => values.iter().for_each(|v| self::value(v, out)),
        ValueKind::Object(attributes) => {
            for attribute in attributes {
                out.push((attribute.key.span, Kind::Key, 0));
                self::value(&attribute.value, out);
            }
        }
        ValueKind::Call(call) => {
            out.push((call.name.span, Kind::Function, DEFAULT_LIBRARY));
            call.args.iter().for_each(|v| self::value(v, out));
        }
        ValueKind::Path(names) => {
            for (i, name) in names.iter().enumerate() {
                out.push((name.span, if i == 0 { Kind::Class } else { Kind::Key }, 0));
            }
        }
        ValueKind::Error => {}
    }
}

/// Sorted spans as the protocol's relative, single-line tokens; a span
/// that overlaps the one before is dropped.
fn encode(text: &Text<'_>, raw: &[(Span, Kind, u32)]) -> Vec<SemanticToken> {
    let mut data = Vec::with_capacity(raw.len());
    let (mut line, mut character, mut end) = (0, 0, 0);
    for &(span, kind, modifiers) in raw {
        if span.start < end || span.is_empty() {
            continue;
        }
        end = span.end;
        for piece in lines(text.text, span) {
            let start = text.position(piece.start as usize);
            let stop = text.position(piece.end as usize);
            if stop.line != start.line || stop.character <= start.character {
                continue;
            }
            let delta_line = start.line - line;
            let delta_start = if delta_line == 0 { start.character - character } else { start.character };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length: stop.character - start.character,
                token_type: kind as u32,
                token_modifiers_bitset: modifiers,
            });
            (line, character) = (start.line, start.character);
        }
    }
    data
}

/// `span` cut at line breaks.
fn lines(text: &str, span: Span) -> Vec<Span> {
    let (start, end) = (span.start as usize, (span.end as usize).min(text.len()));
    let mut pieces = Vec::new();
    let mut at = start;
    while let Some(newline) = text.get(at..end).and_then(|rest| rest.find('\n')) {
        pieces.push(Span::new(at, at + newline));
        at += newline + 1;
    }
    if at < end {
        pieces.push(Span::new(at, end));
    }
    pieces
}
