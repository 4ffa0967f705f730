//! YAML lists pasted into svc: lines that start with `- `.
//!
//! A pass over the raw tokens, before the brackets are balanced. A run of
//! `-` lines at one indentation (with the lines indented below them) is
//! one E0124, or one E0122 when its items are events. The tokens are
//! rewritten so the parser reads what was meant and reports nothing more:
//! `key:` or `key =` followed by items that are plain values becomes the
//! list `key = [a, b]`, with a fix that writes it so; items that are
//! mappings become one error token, and the message says what to write,
//! with a fix that writes what `svc import` makes of them.

use crate::diagnostic::{Code, Diagnostic, Edit};
use crate::span::Span;

use super::lexer::MAX_ERRORS;
use super::token::Token;
use super::{event_wrapper, yaml_import};

/// One `- item`: the index of its `-`, of the tokens after it on its
/// line, and the end of its tokens (past the lines indented below it,
/// which belong to it: a YAML mapping).
struct ListItem {
    dash: usize,
    content: std::ops::Range<usize>,
    end: usize,
}

/// `raw` with every YAML list rewritten, each reported once.
pub(crate) fn rewrite(src: &str, raw: Vec<(Token, Span)>, diagnostics: &mut Vec<Diagnostic>) -> Vec<(Token, Span)> {
    if !raw.iter().any(|(token, _)| *token == Token::Dash) {
        return raw;
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        // Past the error budget, a `-` is left to the parser, which stops reporting.
        if raw[i].0 != Token::Dash || diagnostics.len() >= MAX_ERRORS {
            out.push(raw[i]);
            i += 1;
            continue;
        }
        let (items, end) = run(src, &raw, i);
        list(src, &raw, &items, &mut out, diagnostics);
        i = end;
    }
    out
}

/// The items of the run of `-` lines starting at `first`, and the index of
/// the line break that ends it (or the end of the tokens).
fn run(src: &str, raw: &[(Token, Span)], first: usize) -> (Vec<ListItem>, usize) {
    let dash_column = column(src, raw[first].1);
    let mut items: Vec<ListItem> = Vec::new();
    let mut line = first;
    loop {
        let line_end = raw[line..].iter().position(|(t, _)| *t == Token::Newline).map_or(raw.len(), |n| line + n);
        let starts_item = starts_at(src, raw, line, dash_column);
        match items.last_mut() {
            Some(item) if !starts_item => item.end = line_end,
            _ => items.push(ListItem { dash: line, content: line + 1..line_end, end: line_end }),
        }
        let next = raw[line_end..].iter().position(|(t, _)| *t != Token::Newline).map(|n| line_end + n);
        match next {
            Some(next) if column(src, raw[next].1) > dash_column || starts_at(src, raw, next, dash_column) => {
                line = next;
            }
            _ => return (items, line_end),
        }
    }
}

/// Whether the line at `index` is one more `-` item at `dash_column`.
fn starts_at(src: &str, raw: &[(Token, Span)], index: usize, dash_column: usize) -> bool {
    raw[index].0 == Token::Dash && column(src, raw[index].1) == dash_column
}

/// The column (in bytes) where `span` starts.
pub(crate) fn column(src: &str, span: Span) -> usize {
    span.start as usize - line_start(src, span.start as usize)
}

/// The start of the line that holds the offset `at`.
pub(crate) fn line_start(src: &str, at: usize) -> usize {
    src[..at].rfind('\n').map_or(0, |n| n + 1)
}

/// The key and separator (`key:` or `key =`) that end the line before the
/// run, as indexes into `out`.
fn owner(out: &[(Token, Span)]) -> Option<(usize, usize)> {
    let sep = out.iter().rposition(|(t, _)| *t != Token::Newline)?;
    let key = sep.checked_sub(1)?;
    let line_start = key.checked_sub(1).is_none_or(|before| matches!(out[before].0, Token::Newline | Token::LBrace));
    let named = matches!(out[key].0, Token::Ident | Token::Str(_));
    (matches!(out[sep].0, Token::Eq | Token::Colon) && named && line_start).then_some((key, sep))
}

/// Reports the run `items` and writes its tokens to `out`.
fn list(
    src: &str,
    raw: &[(Token, Span)],
    items: &[ListItem],
    out: &mut Vec<(Token, Span)>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let first = raw[items[0].dash].1;
    let last = items.last().map_or(first, |item| item_end(raw, item));
    let owner = owner(out);
    let key_text = owner.map(|(key, _)| src[out[key].1.range()].trim_matches('"').to_owned());
    let first_word = items[0].content.clone().next().map(|t| &src[raw[t].1.range()]);
    let items_from = line_start(src, first.start as usize);
    let events = key_text.as_deref() == Some("events")
        || (owner.is_none() && first_word.is_some_and(crate::schema::is_event_kind));
    if events {
        let start = match owner {
            Some((key, _)) => {
                let span = out[key].1;
                out.truncate(key);
                span
            }
            None => first,
        };
        let span = start.cover(last);
        diagnostics.push(event_wrapper::yaml_events(src, span, items_from));
        out.push((Token::Error, span));
        return;
    }
    let simple = items.iter().all(|item| is_plain(raw, item));
    let Some((key, sep)) = owner.filter(|_| simple) else {
        let span = first.cover(last);
        let whole = owner.map_or(span, |(key, _)| out[key].1.cover(span));
        let key = key_text.as_deref().unwrap_or("key");
        diagnostics.push(if simple {
            list_without_fix(whole, key)
        } else {
            mapping_items(src, whole, key, first_word, owner.map(|_| items_from))
        });
        if let Some((_, sep)) = owner {
            out[sep].0 = Token::Eq;
            out.truncate(sep + 1);
        }
        out.push((Token::Error, span));
        return;
    };
    // The help, `write key = [...]` with the fix applied, is written by
    // [`super::yaml_habit::absorb`], once the fixes of the items are in.
    let span = out[key].1.cover(last);
    diagnostics.push(match list_edits(src, raw, items, out[sep]) {
        Some(edits) => yaml_list(span).with_edits("Write a list in brackets", edits),
        None => list_without_fix(span, key_text.as_deref().unwrap_or_default()),
    });
    out[sep].0 = Token::Eq;
    out.truncate(sep + 1);
    for (n, item) in items.iter().enumerate() {
        let opener = if n == 0 { Token::LBracket } else { Token::Comma };
        out.push((opener, raw[item.dash].1));
        out.extend_from_slice(&raw[item.content.clone()]);
    }
    out.push((Token::RBracket, Span::empty(last.end as usize)));
}

/// The span of `item`'s last token.
fn item_end(raw: &[(Token, Span)], item: &ListItem) -> Span {
    raw[item.end - 1].1
}

/// An item that is one plain value on its line: no `key: value` pairs and
/// nothing below it.
fn is_plain(raw: &[(Token, Span)], item: &ListItem) -> bool {
    let mut depth = 0usize;
    let content = &raw[item.content.clone()];
    item.end == item.content.end
        && !content.is_empty()
        && content.iter().all(|(token, _)| {
            match token {
                token if token.closer().is_some() => depth += 1,
                token if token.is_closer() => depth = depth.saturating_sub(1),
                _ => {}
            }
            !(depth == 0 && matches!(token, Token::Colon | Token::Eq))
        })
}

/// The edits that write the run as `key = [a, b]`: none when text other
/// than the `-` and blanks lies between the items (a comment, which the
/// rewrite would lose).
fn list_edits(src: &str, raw: &[(Token, Span)], items: &[ListItem], sep: (Token, Span)) -> Option<Vec<Edit>> {
    let content_start = |item: &ListItem| raw[item.content.start].1.start as usize;
    let content_end = |item: &ListItem| raw[item.content.end - 1].1.end as usize;
    let only_layout = |from: usize, to: usize| src[from..to].chars().all(|c| c.is_whitespace() || c == '-');
    let (sep_token, sep_span) = sep;
    let open = if sep_token == Token::Colon {
        let spaced = src[..sep_span.start as usize].ends_with([' ', '\t']);
        (Span::new(sep_span.start as usize, content_start(&items[0])), if spaced { "= [" } else { " = [" })
    } else {
        (Span::new(sep_span.end as usize, content_start(&items[0])), " [")
    };
    if !only_layout(sep_span.end as usize, open.0.end as usize) {
        return None;
    }
    let mut edits = vec![Edit { span: open.0, replacement: open.1.to_owned() }];
    for pair in items.windows(2) {
        let between = Span::new(content_end(&pair[0]), content_start(&pair[1]));
        if !only_layout(between.start as usize, between.end as usize) {
            return None;
        }
        edits.push(Edit { span: between, replacement: ", ".to_owned() });
    }
    let end = items.last().map_or(0, content_end);
    edits.push(Edit { span: Span::empty(end), replacement: "]".to_owned() });
    Some(edits)
}

/// E0124 at `span`, without help or fix.
fn yaml_list(span: Span) -> Diagnostic {
    Diagnostic::error(Code::E0124, "a YAML `-` list", span, "svc writes lists in brackets")
}

/// E0124 for a list of plain values that cannot be rewritten (it has no
/// key, or a comment between its items): the message says what to write.
fn list_without_fix(span: Span, key: &str) -> Diagnostic {
    yaml_list(span).with_help(format!("write `{key} = [a, b]`, with commas"))
}

/// E0124 for `key:` and a list whose items are mappings (`- Effect:
/// Allow`), at `span`: the message says what to write, with the first
/// item's first word. When the list has a key and its items start on the
/// line at `items_from`, the fix is the list as `svc import` writes it.
fn mapping_items(src: &str, span: Span, key: &str, first_word: Option<&str>, items_from: Option<usize>) -> Diagnostic {
    let word = first_word.filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic())).unwrap_or("name");
    let diagnostic = yaml_list(span).with_help(format!(
        "write `{key} = [a, b]`, with commas; an item of `{word}: value` pairs is an object: \
         `{key} = [{{ {word} = …, … }}, {{ {word} = …, … }}]`"
    ));
    let yaml = items_from.map(|from| {
        let items = yaml_import::lines(src, from, span.end as usize, 4);
        format!("custom:\n  {}:\n{items}", serde_json::Value::from(key))
    });
    match yaml.and_then(|yaml| yaml_import::replace(src, span, &yaml, Some("custom {"))) {
        Some(edit) => diagnostic.with_edits("Write the list in brackets", vec![edit]),
        None => diagnostic,
    }
}
