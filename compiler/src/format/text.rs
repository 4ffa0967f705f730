//! Canonical quoting of text: `"..."` strings and names.

use std::fmt::Write as _;
use std::iter::Peekable;
use std::str::Chars;

use crate::syntax::{Name, StringLit, StringPart};

use super::variable::{Quoting, variable_in_string};

/// Where decoded text is written back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Inside `"..."`: line breaks and tabs are escaped, so are all `"`.
    Quoted,
    /// Inside a `"""` block string: line breaks and tabs stay as they are,
    /// and `"` is escaped only where it could close the string.
    Block,
}

/// A name as written: identifiers as they are, quoted names as a `"..."`
/// string.
pub(super) fn name(name: &Name) -> String {
    if !name.quoted {
        return name.text.to_string();
    }
    let mut out = String::with_capacity(name.text.len() + 2);
    out.push('"');
    push_text(&mut out, &name.text, Mode::Quoted, false);
    out.push('"');
    out
}

/// A `"..."` string literal from its decoded parts.
pub(super) fn quoted(lit: &StringLit) -> String {
    let mut out = String::from("\"");
    for part in &lit.parts {
        match part {
            StringPart::Text { text, .. } => push_text(&mut out, text, Mode::Quoted, false),
            StringPart::Sub { text, .. } => out.push_str(text),
            StringPart::Variable(variable) => out.push_str(&variable_in_string(variable, Quoting::String)),
        }
    }
    out.push('"');
    out
}

/// Appends decoded `text` with the escapes `mode` needs. `closes` tells
/// that the string's closing quotes follow the text directly.
pub(super) fn push_text(out: &mut String, text: &str, mode: Mode, closes: bool) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '"' if mode == Mode::Block => push_quote_run(out, &mut chars, closes),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' if next == Some('{') => out.push_str("\\$"),
            '\n' if mode == Mode::Quoted => out.push_str("\\n"),
            '\t' if mode == Mode::Quoted => out.push_str("\\t"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => push_unicode_escape(out, c),
            c => out.push(c),
        }
    }
}

/// In a block string, a run of `"` (its first already taken from `chars`):
/// escaped only when it could end the string, that is when it is three
/// quotes or more, or ends the text right before the closing `"""`.
fn push_quote_run(out: &mut String, chars: &mut Peekable<Chars<'_>>, closes: bool) {
    let mut run = 1;
    while chars.next_if_eq(&'"').is_some() {
        run += 1;
    }
    let escape = run >= 3 || (closes && chars.peek().is_none());
    let quote = if escape { "\\\"" } else { "\"" };
    for _ in 0..run {
        out.push_str(quote);
    }
}

/// Appends `\u{..}` for `c`, in lower-case hex.
pub(super) fn push_unicode_escape(out: &mut String, c: char) {
    // Writing to a `String` cannot fail.
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// `text` as an svc `"..."` string literal, escapes included.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    push_text(&mut out, text, Mode::Quoted, false);
    out.push('"');
    out
}

/// `key` as svc writes a key or label: bare when it is an identifier,
/// quoted otherwise.
pub fn key_literal(key: &str) -> String {
    if is_bare_key(key) { key.to_owned() } else { string_literal(key) }
}

/// True when `key` can be written bare, as an identifier (not `true`,
/// `false` or `null`).
pub fn is_bare_key(key: &str) -> bool {
    let mut chars = key.chars();
    let starts = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    let rest = chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    starts && rest && !matches!(key, "true" | "false" | "null")
}

/// A string literal as svc writes it, variables and all.
pub fn string_literal_of(lit: &StringLit) -> String {
    quoted(lit)
}
