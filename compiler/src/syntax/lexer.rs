//! Turns source text into the parser's tokens.
//!
//! Two passes: logos (with the hand [`Scanner`] for strings and variables)
//! makes raw tokens and collects comments; then [`structure`] matches
//! brackets, reports unclosed and unmatched ones, inserts the missing
//! closers so the parser always sees balanced input, cuts off nesting
//! deeper than [`MAX_DEPTH`], and drops line breaks inside `[...]` and
//! `(...)`, where they carry no meaning.

use std::sync::Arc;

use logos::Logos;

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

use super::ast::{Comment, StringLit, Variable};
use super::scan::{Scanner, check_number};
use super::scanned::Scanned;
use super::token::{RawToken, Token};

/// Blocks, lists, objects and calls nest at most this deep.
pub const MAX_DEPTH: usize = 128;

/// After this many problems the lexer stops reading (E0120): a binary or
/// random file has one every few bytes, and nobody reads the 100,000th.
pub const MAX_ERRORS: usize = 1_000;

/// The lexer's output: tokens and the side tables they point into.
#[derive(Debug, Default)]
pub(crate) struct Lexed {
    /// Tokens with their spans, brackets balanced.
    pub tokens: Vec<(Token, Span)>,
    /// String literals, indexed by [`Token::Str`].
    pub strings: Scanned<StringLit>,
    /// Whole-value variables, indexed by [`Token::Var`].
    pub variables: Scanned<Arc<Variable>>,
    /// Comments in source order.
    pub comments: Vec<Comment>,
    /// Where a `[` or `(` was left open: parse errors inside are consequences.
    pub unclosed: Vec<Span>,
    /// Problems found while lexing.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lexes `src`.
pub(crate) fn lex(src: &str) -> Lexed {
    let mut out = Lexed::default();
    // About one token per four bytes of source; reserving avoids regrowth copies.
    let mut raw = Vec::with_capacity(src.len() / 4 + 16);
    let mut scanner = Scanner::new(src);
    let mut lexer = RawToken::lexer(src);
    while let Some(result) = lexer.next() {
        let span = lexer.span();
        if out.diagnostics.len() + scanner.diagnostics.len() >= MAX_ERRORS {
            out.diagnostics.push(stopped(span.start));
            break;
        }
        let token = match result {
            Ok(RawToken::Comment) => {
                let text = src[span.clone()].trim_end().to_owned();
                out.comments.push(Comment { span: Span::new(span.start, span.start + text.len()), text });
                continue;
            }
            Ok(RawToken::Quote) => string(&mut out, &mut lexer, scanner.quoted(span.start)),
            Ok(RawToken::SingleQuote) => string(&mut out, &mut lexer, scanner.single_quoted(span.start)),
            Ok(RawToken::TripleQuote) => string(&mut out, &mut lexer, scanner.block(span.start)),
            Ok(RawToken::Dollar) => {
                let variable = scanner.variable(span.start, false);
                lexer.bump(variable.span.end as usize - span.end);
                Token::Var(out.variables.push(variable))
            }
            Ok(RawToken::Number) => {
                out.diagnostics.extend(check_number(&src[span.clone()], span.clone().into()));
                Token::Number
            }
            Ok(raw_token) => simple(raw_token),
            Err(()) => {
                unexpected_char(&mut out.diagnostics, src, span.into());
                continue;
            }
        };
        let end = lexer.span().end;
        raw.push((token, Span::new(span.start, end)));
    }
    out.diagnostics.append(&mut scanner.diagnostics);
    out.tokens = structure(raw, src.len(), &mut out.diagnostics, &mut out.unclosed);
    out
}

/// E0120 at `at`, where the lexer stopped reading.
fn stopped(at: usize) -> Diagnostic {
    Diagnostic::error(
        Code::E0120,
        format!("too many syntax errors: svc stopped reading the file after {MAX_ERRORS}"),
        Span::empty(at),
        "nothing from here on was read",
    )
    .with_help("is this an svc file? Fix the errors above and check again")
}

/// Stores a scanned string and moves the lexer past it.
fn string(out: &mut Lexed, lexer: &mut logos::Lexer<'_, RawToken>, (lit, end): (StringLit, usize)) -> Token {
    lexer.bump(end - lexer.span().end);
    Token::Str(out.strings.push(lit))
}

fn simple(raw: RawToken) -> Token {
    match raw {
        RawToken::Newline => Token::Newline,
        RawToken::Ident => Token::Ident,
        RawToken::True => Token::True,
        RawToken::False => Token::False,
        RawToken::Null => Token::Null,
        RawToken::LBrace => Token::LBrace,
        RawToken::RBrace => Token::RBrace,
        RawToken::LBracket => Token::LBracket,
        RawToken::RBracket => Token::RBracket,
        RawToken::LParen => Token::LParen,
        RawToken::RParen => Token::RParen,
        RawToken::Eq => Token::Eq,
        RawToken::Comma => Token::Comma,
        RawToken::Dot => Token::Dot,
        RawToken::Colon => Token::Colon,
        // Handled by the caller; never reached.
        RawToken::Comment
        | RawToken::Number
        | RawToken::Quote
        | RawToken::TripleQuote
        | RawToken::SingleQuote
        | RawToken::Dollar => Token::Error,
    }
}

/// Reports a character that starts no token, merging a run into one report.
fn unexpected_char(diagnostics: &mut Vec<Diagnostic>, src: &str, span: Span) {
    if let Some(last) = diagnostics.last_mut()
        && last.code == Code::E0101
        && last.primary.span.end == span.start
    {
        last.primary.span = last.primary.span.cover(span);
        last.message = format!("unexpected characters `{}`", visible(&src[last.primary.span.range()]));
        return;
    }
    let text = &src[span.range()];
    let mut diagnostic = Diagnostic::error(
        Code::E0101,
        format!("unexpected character `{}`", visible(text)),
        span,
        "not part of svc syntax",
    );
    diagnostic.help = Some(match text {
        ";" => "svc needs no `;`: end an attribute with a line break".to_owned(),
        "-" | "+" => "numbers are written `-1`, `2`; text needs quotes".to_owned(),
        "\u{FFFD}" => "this replaces bytes that were not valid UTF-8".to_owned(),
        "\0" => "a NUL byte: is this a binary file, or text saved as UTF-16?".to_owned(),
        _ => "remove it, or put it inside a string".to_owned(),
    });
    diagnostics.push(diagnostic);
}

/// `text` as a message can show it: a control character or an invisible
/// one (a zero-width space, a byte-order mark) as its code point, `U+0000`.
fn visible(text: &str) -> String {
    let invisible = |c: char| c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}');
    text.chars().map(|c| if invisible(c) { format!("U+{:04X}", u32::from(c)) } else { c.to_string() }).collect()
}

/// Balances brackets, limits depth and drops insignificant line breaks.
fn structure(
    tokens: Vec<(Token, Span)>,
    src_len: usize,
    diagnostics: &mut Vec<Diagnostic>,
    unclosed: &mut Vec<Span>,
) -> Vec<(Token, Span)> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut stack: Vec<(Token, Span)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (token, span) = tokens[i];
        i += 1;
        if token.closer().is_some() {
            if stack.len() >= MAX_DEPTH {
                i = skip_too_deep(&tokens, i - 1, diagnostics, &mut out);
                continue;
            }
            stack.push((token, span));
        } else if token.is_closer() {
            close(&mut stack, &mut out, token, span, diagnostics, unclosed);
            continue;
        } else if token == Token::Newline && matches!(stack.last(), Some((Token::LBracket | Token::LParen, _))) {
            if next_line_is_item(&tokens[i..]) {
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
    out
}

/// A `}`, `]` or `)`: closes the matching opener, reporting any opened after
/// it as unclosed; a closer that matches nothing is reported and dropped.
fn close(
    stack: &mut Vec<(Token, Span)>,
    out: &mut Vec<(Token, Span)>,
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
    out: &mut Vec<(Token, Span)>,
    newline: Span,
    diagnostics: &mut Vec<Diagnostic>,
    unclosed: &mut Vec<Span>,
) {
    let at = Span::empty(out.last().map_or(newline.start as usize, |(_, s)| s.end as usize));
    while let Some((opener @ (Token::LBracket | Token::LParen), open_span)) = stack.last().copied() {
        stack.pop();
        let label = format!("expected {} at the end of this line", opener.closer().unwrap_or(Token::Error));
        close_unclosed(out, diagnostics, unclosed, (opener, open_span), at, &label);
    }
}

/// Reports an opener that is never closed and inserts its closer at `at`,
/// so the parser still sees balanced brackets.
fn close_unclosed(
    out: &mut Vec<(Token, Span)>,
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
    out.push((closer, at));
}

/// An opener past [`MAX_DEPTH`]: reports it and replaces everything up to
/// its matching closer with one [`Token::Error`]. Returns the next index.
fn skip_too_deep(
    tokens: &[(Token, Span)],
    start: usize,
    diagnostics: &mut Vec<Diagnostic>,
    out: &mut Vec<(Token, Span)>,
) -> usize {
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
    out.push((Token::Error, span));
    end
}
