//! Bracket structure, the lexer's second pass: matches brackets, reports
//! unclosed and unmatched ones, inserts the missing closers so the parser
//! always sees balanced input, cuts off nesting deeper than
//! [`MAX_DEPTH`], and drops line breaks inside `[...]` and `(...)`, where
//! they carry no meaning.

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

use super::lexer::MAX_DEPTH;
use super::token::Token;

/// Balances brackets, limits depth and drops insignificant line breaks.
pub(crate) fn structure(
    tokens: Vec<(Token, Span)>,
    src_len: usize,
    diagnostics: &mut Vec<Diagnostic>,
    unclosed: &mut Vec<Span>,
) -> Vec<(Token, Span)> {
    let mut out = Out::over(tokens);
    let mut stack: Vec<(Token, Span)> = Vec::new();
    let mut i = 0;
    while i < out.tokens.len() {
        let (token, span) = out.tokens[i];
        i += 1;
        if token.closer().is_some() {
            if stack.len() >= MAX_DEPTH {
                let (end, error) = skip_too_deep(&out.tokens, i - 1, diagnostics);
                out.push(error);
                i = end;
                continue;
            }
            stack.push((token, span));
        } else if token.is_closer() {
            close(&mut stack, &mut out, token, span, diagnostics, unclosed);
            continue;
        } else if token == Token::Newline && matches!(stack.last(), Some((Token::LBracket | Token::LParen, _))) {
            if next_line_is_item(&out.tokens[i..]) {
                close_inline(&mut stack, &mut out, span, diagnostics, unclosed);
                out.push((token, span));
            }
            continue;
        }
        out.push((token, span));
    }
    while let Some((opener, open_span)) = stack.pop() {
        let at = Span::empty(src_len);
        close_unclosed(&mut out, diagnostics, unclosed, (opener, open_span), at, "the file ends here");
    }
    out.finish()
}

/// The structured tokens, written over the raw ones they come from, so a
/// large file never holds two token buffers: each raw token read gives at
/// most one token written, in place, so writing never overtakes reading.
/// A closer inserted for an unclosed opener (rare: the file has an error)
/// waits aside with its position and is merged in at the end.
struct Out {
    /// The raw tokens, the first `written` of them overwritten.
    tokens: Vec<(Token, Span)>,
    written: usize,
    /// Inserted closers, each before the token written at its index.
    inserted: Vec<(usize, (Token, Span))>,
    /// Where the last token out ends.
    last_end: Option<u32>,
}

impl Out {
    fn over(tokens: Vec<(Token, Span)>) -> Out {
        Out { tokens, written: 0, inserted: Vec::new(), last_end: None }
    }

    /// Writes a token read (or one standing for tokens read).
    fn push(&mut self, token: (Token, Span)) {
        self.tokens[self.written] = token;
        self.written += 1;
        self.last_end = Some(token.1.end);
    }

    /// Inserts a token that was not read.
    fn insert(&mut self, token: (Token, Span)) {
        self.inserted.push((self.written, token));
        self.last_end = Some(token.1.end);
    }

    fn finish(self) -> Vec<(Token, Span)> {
        let Out { mut tokens, written, inserted, .. } = self;
        tokens.truncate(written);
        if inserted.is_empty() {
            return tokens;
        }
        let mut out = Vec::with_capacity(tokens.len() + inserted.len());
        let mut inserted = inserted.into_iter().peekable();
        for (at, token) in tokens.into_iter().enumerate() {
            while let Some((_, closer)) = inserted.next_if(|(before, _)| *before == at) {
                out.push(closer);
            }
            out.push(token);
        }
        out.extend(inserted.map(|(_, closer)| closer));
        out
    }
}

/// A `}`, `]` or `)`: closes the matching opener, reporting any opened after
/// it as unclosed; a closer that matches nothing is reported and dropped.
fn close(
    stack: &mut Vec<(Token, Span)>,
    out: &mut Out,
    token: Token,
    span: Span,
    diagnostics: &mut Vec<Diagnostic>,
    unclosed: &mut Vec<Span>,
) {
    let Some(pos) = stack.iter().rposition(|(opener, _)| opener.closer() == Some(token)) else {
        diagnostics.push(
            Diagnostic::error(Code::E0114, format!("unmatched {token}"), span, "this closes nothing").with_fix(
                format!("Remove the {token}"),
                span,
                "",
            ),
        );
        return;
    };
    while stack.len() > pos + 1 {
        if let Some((opener, open_span)) = stack.pop() {
            let at = Span::empty(span.start as usize);
            let label = format!("{token} closes an outer delimiter here");
            close_unclosed(out, diagnostics, unclosed, (opener, open_span), at, &label);
        }
    }
    stack.pop();
    out.push((token, span));
}

/// Inside an unclosed `[` or `(`, a line that starts `name =` begins the
/// next attribute: close the bracket before it.
fn next_line_is_item(rest: &[(Token, Span)]) -> bool {
    matches!(rest, [(Token::Ident, _), (Token::Eq | Token::Colon, _), ..])
        && !matches!(rest.get(2), Some((Token::RBracket | Token::RParen, _)))
}

fn close_inline(
    stack: &mut Vec<(Token, Span)>,
    out: &mut Out,
    newline: Span,
    diagnostics: &mut Vec<Diagnostic>,
    unclosed: &mut Vec<Span>,
) {
    let at = Span::empty(out.last_end.unwrap_or(newline.start) as usize);
    while let Some((opener @ (Token::LBracket | Token::LParen), open_span)) = stack.last().copied() {
        stack.pop();
        let label = format!("expected {} at the end of this line", opener.closer().unwrap_or(Token::Error));
        close_unclosed(out, diagnostics, unclosed, (opener, open_span), at, &label);
    }
}

/// Reports an opener that is never closed and inserts its closer at `at`,
/// so the parser still sees balanced brackets.
fn close_unclosed(
    out: &mut Out,
    diagnostics: &mut Vec<Diagnostic>,
    unclosed: &mut Vec<Span>,
    (opener, open_span): (Token, Span),
    at: Span,
    where_label: &str,
) {
    let closer = opener.closer().unwrap_or(Token::Error);
    let closer_text = closer.to_string().trim_matches('`').to_owned();
    diagnostics.push(
        Diagnostic::error(
            Code::E0104,
            format!("unclosed {opener}"),
            open_span,
            format!("this {opener} is never closed"),
        )
        .with_secondary(at, where_label)
        .with_fix(format!("Insert {closer}"), at, closer_text),
    );
    if opener != Token::LBrace {
        unclosed.push(open_span.cover(at));
    }
    out.insert((closer, at));
}

/// An opener past [`MAX_DEPTH`]: reports it; everything up to its matching
/// closer becomes one [`Token::Error`]. Returns the next index and that
/// token.
fn skip_too_deep(tokens: &[(Token, Span)], start: usize, diagnostics: &mut Vec<Diagnostic>) -> (usize, (Token, Span)) {
    let mut depth = 0usize;
    let mut end = tokens.len();
    for (offset, (token, _)) in tokens[start..].iter().enumerate() {
        if token.closer().is_some() {
            depth += 1;
        } else if token.is_closer() {
            depth -= 1;
            if depth == 0 {
                end = start + offset + 1;
                break;
            }
        }
    }
    let span = tokens[start].1.cover(tokens[end - 1].1);
    diagnostics.push(
        Diagnostic::error(
            Code::E0112,
            format!("nesting deeper than {MAX_DEPTH} levels"),
            tokens[start].1,
            "this opens level 129",
        )
        .with_help("the deeper part was skipped; flatten the value or move it into a file read with `${file(...)}`"),
    );
    (end, (Token::Error, span))
}
