//! YAML mappings pasted into svc: `key:` ending its line, with the lines
//! indented below it (`provider:` then `  name: aws`). One E0107 for all
//! of it, with a fix that writes what `svc import` makes of it (a block,
//! `provider aws { … }`), and the parser reads `key = <error>`, so the
//! lines below report nothing more. A `key:` followed by `- ` items is a
//! list, for [`super::yaml_list`].

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

use super::lexer::MAX_ERRORS;
use super::token::Token;
use super::yaml_import;
use super::yaml_list::{column, line_start};

/// `raw` with every YAML mapping rewritten, each reported once.
pub(crate) fn rewrite(src: &str, raw: Vec<(Token, Span)>, diagnostics: &mut Vec<Diagnostic>) -> Vec<(Token, Span)> {
    let opens = |i: usize| {
        matches!(raw.get(i..i + 3), Some([(Token::Ident | Token::Str(_), _), (Token::Colon, _), (Token::Newline, _)]))
    };
    if !(0..raw.len()).any(opens) {
        return raw;
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut depth = 0usize;
    let mut i = 0;
    while i < raw.len() {
        let first_on_line = i == 0 || raw[i - 1].0 == Token::Newline;
        if first_on_line
            && diagnostics.len() < MAX_ERRORS
            && opens(i)
            && let Some(end) = region_end(src, &raw, i)
        {
            let (key, colon) = (raw[i].1, raw[i + 1].1);
            let span = key.cover(raw[end - 1].1);
            diagnostics.push(mapping(src, span, depth == 0));
            out.extend([
                (raw[i].0, key),
                (Token::Eq, colon),
                (Token::Error, Span::new(colon.end as usize, span.end as usize)),
            ]);
            i = end;
            continue;
        }
        match raw[i].0 {
            Token::LBrace => depth += 1,
            Token::RBrace => depth = depth.saturating_sub(1),
            _ => {}
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// The end (exclusive) of the tokens of the lines indented below the key at
/// `key`, when there are some and the first is not a `-` item.
fn region_end(src: &str, raw: &[(Token, Span)], key: usize) -> Option<usize> {
    let key_column = column(src, raw[key].1);
    let below = |i: usize| column(src, raw[i].1) > key_column;
    let first = key + 2 + raw[key + 2..].iter().position(|(t, _)| *t != Token::Newline)?;
    if !below(first) || raw[first].0 == Token::Dash {
        return None;
    }
    let mut line_start = first;
    loop {
        let line_end =
            raw[line_start..].iter().position(|(t, _)| *t == Token::Newline).map_or(raw.len(), |n| line_start + n);
        match raw[line_end..].iter().position(|(t, _)| *t != Token::Newline) {
            Some(n) if below(line_end + n) => line_start = line_end + n,
            _ => return Some(line_end),
        }
    }
}

/// E0107 for the mapping at `span` (from its key to its last token), with
/// the fix `svc import` makes of it: at the top level (`top`) as a
/// serverless.yml of its own, elsewhere as an entry of `custom`.
fn mapping(src: &str, span: Span, top: bool) -> Diagnostic {
    let key = src[span.range()].split(':').next().unwrap_or_default().trim_matches('"');
    let diagnostic =
        Diagnostic::error(Code::E0107, format!("`{key}:` with a YAML mapping below it"), span, "svc writes a block");
    let from = line_start(src, span.start as usize);
    let edit = if top {
        yaml_import::replace(src, span, &yaml_import::lines(src, from, span.end as usize, 0), None)
    } else {
        let yaml = format!("custom:\n{}", yaml_import::lines(src, from, span.end as usize, 2));
        yaml_import::replace(src, span, &yaml, Some("custom {"))
    };
    // The help names the block the fix writes (`provider aws {`,
    // `function hello {`), else the one the key makes.
    let header = edit.as_ref().and_then(|e| e.replacement.lines().next().filter(|l| l.ends_with('{')));
    let header = header.map_or_else(|| format!("{key} {{"), str::to_owned);
    let diagnostic = diagnostic.with_help(format!("write `{header}`, one `name = value` a line, and `}}`"));
    match edit {
        Some(edit) => diagnostic.with_edits("Write the mapping as svc", vec![edit]),
        None => diagnostic,
    }
}
