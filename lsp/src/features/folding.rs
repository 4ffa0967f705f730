//! Folding ranges: blocks, lists, objects and calls written over several
//! lines, block strings, and runs of whole-line comments. A closing
//! bracket on its own line stays visible.

use svc_compiler::span::Span;
use svc_compiler::syntax::{Comment, Item, StringStyle, Value, ValueKind};
use tower_lsp::lsp_types::{FoldingRange, FoldingRangeKind};

use crate::convert::{Encoding, Text};
use crate::documents::Document;

/// The folding ranges of `doc`, in source order.
pub fn ranges(doc: &Document, encoding: Encoding) -> Vec<FoldingRange> {
    let text = doc.text(encoding);
    let mut spans = Vec::new();
    items(&doc.written.parse.file.items, &mut spans);
    let mut out: Vec<FoldingRange> = spans.into_iter().filter_map(|span| fold(&text, span)).collect();
    out.extend(comment_runs(&text, &doc.written.parse.file.comments));
    out.sort_by_key(|r| (r.start_line, std::cmp::Reverse(r.end_line)));
    // One range per start line (clients keep one): the widest.
    out.dedup_by_key(|r| r.start_line);
    out
}

fn items(items: &[Item], out: &mut Vec<Span>) {
    for item in items {
        match item {
            Item::Attribute(attribute) => value(&attribute.value, out),
            Item::Block(block) => {
                out.push(block.span);
                self::items(&block.body, out);
            }
            Item::Error(_) => {}
        }
    }
}

fn value(value: &Value, out: &mut Vec<Span>) {
    match &value.kind {
        ValueKind::List(values) => {
            out.push(value.span);
            values.iter().for_each(|v| self::value(v, out));
        }
        ValueKind::Object(attributes) => {
            out.push(value.span);
            attributes.iter().for_each(|a| self::value(&a.value, out));
        }
        ValueKind::Call(call) => {
            out.push(value.span);
            call.args.iter().for_each(|v| self::value(v, out));
        }
        ValueKind::String(lit) if lit.style == StringStyle::Block => out.push(value.span),
        _ => {}
    }
}

/// A range from the line `span` starts on to the line before its closer
/// (or the closer's line when text precedes it there); `None` on one line.
fn fold(text: &Text<'_>, span: Span) -> Option<FoldingRange> {
    let start_line = text.position(span.start as usize).line;
    let end = text.position(span.end as usize);
    let line_start = text.line_start(span.end as usize);
    let closer_alone = text
        .text
        .get(line_start..span.end as usize)
        .is_some_and(|before| matches!(before.trim_start(), "}" | "]" | ")" | "\"\"\""));
    let end_line = if closer_alone { end.line.saturating_sub(1) } else { end.line };
    (end_line > start_line).then(|| FoldingRange { start_line, end_line, ..FoldingRange::default() })
}

/// Runs of two or more consecutive lines holding only a comment.
fn comment_runs(text: &Text<'_>, comments: &[Comment]) -> Vec<FoldingRange> {
    let mut out = Vec::new();
    let mut run: Option<(u32, u32)> = None;
    for comment in comments {
        let start = comment.span.start as usize;
        let line_start = text.line_start(start);
        if !text.text.get(line_start..start).is_some_and(|before| before.trim().is_empty()) {
            continue;
        }
        let line = text.position(start).line;
        run = match run {
            Some((first, last)) if last + 1 == line => Some((first, line)),
            Some((first, last)) => {
                push_comments(&mut out, first, last);
                Some((line, line))
            }
            None => Some((line, line)),
        };
    }
    if let Some((first, last)) = run {
        push_comments(&mut out, first, last);
    }
    out
}

fn push_comments(out: &mut Vec<FoldingRange>, first: u32, last: u32) {
    if last > first {
        out.push(FoldingRange {
            start_line: first,
            end_line: last,
            kind: Some(FoldingRangeKind::Comment),
            ..FoldingRange::default()
        });
    }
}
