//! Turns source text into the parser's tokens.
//!
//! Two passes: logos (with the hand [`Scanner`] for strings and variables)
//! makes raw tokens and collects comments; then [`structure`] balances
//! the brackets.

use std::sync::Arc;

use logos::Logos;

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

use super::ast::{Comment, StringLit, Variable};
use super::scan::{Scanner, check_number};
use super::scanned::Scanned;
use super::token::{RawToken, Token};
use super::{schedule_expression, structure, yaml_list, yaml_mapping, yaml_tag};

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
    // Every token takes at least one byte, so this never grows (a regrowth
    // would hold the old and the new buffer at once); the capacity is only
    // address space until tokens are written to it.
    let mut raw = Vec::with_capacity(src.len() + 1);
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
            Ok(RawToken::Ident) if let Some(end) = schedule_expression::end(src, span.start) => {
                let (lit, diagnostic) = schedule_expression::quote(src, span.start, end);
                out.diagnostics.push(diagnostic);
                lexer.bump(end - span.end);
                Token::Str(out.strings.push(lit))
            }
            Ok(RawToken::Dash) if !matches!(raw.last(), None | Some((Token::Newline, _))) => {
                unexpected_char(&mut out.diagnostics, src, span.into());
                continue;
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
    let raw = yaml_mapping::rewrite(src, raw, &mut out.diagnostics);
    let raw = yaml_tag::quote_text_arguments(src, raw, &mut out.diagnostics);
    let raw = yaml_list::rewrite(src, raw, &mut out.diagnostics);
    out.tokens = structure::structure(raw, src.len(), &mut out.diagnostics, &mut out.unclosed);
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
        RawToken::Tag => Token::Tag,
        RawToken::Dash => Token::Dash,
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
