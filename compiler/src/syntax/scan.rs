//! Hand-written scanning of the parts of the language that nest inside a
//! token: string literals (escapes, `${...}` interpolation, the `"""` block
//! form) and variables (`${source(param):address, fallback, ...}`).
//!
//! The scanner decodes as it goes and reports every problem it meets, then
//! carries on, so one bad escape does not hide the rest of the string.

use compact_str::CompactString;

use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

use super::ast::{Name, StringLit, StringPart, StringStyle, Template, Value, ValueKind, Variable};

/// Variables nested deeper than this are reported and skipped.
const MAX_VARIABLE_DEPTH: u32 = 32;

/// A cursor over the source with the diagnostics found so far.
pub(crate) struct Scanner<'s> {
    src: &'s str,
    pos: usize,
    depth: u32,
    /// Problems found while scanning.
    pub diagnostics: Vec<Diagnostic>,
}

/// What ends a run of text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    /// A `"` string: ends at `"`, a line break means it was never closed.
    Quote,
    /// A `"""` string: ends at `"""`; `indent` bytes of leading blanks are
    /// dropped from each line.
    Block { close: usize, indent: usize },
    /// Text that is not svc source (a string read from a JSON or YAML
    /// file): ends with the text; a backslash is just a backslash.
    Raw,
}

impl<'s> Scanner<'s> {
    /// A scanner over `src`.
    pub fn new(src: &'s str) -> Self {
        Self { src, pos: 0, depth: 0, diagnostics: Vec::new() }
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.src.as_bytes().get(self.pos + n).copied()
    }

    fn starts_with(&self, s: &str) -> bool {
        self.src[self.pos..].starts_with(s)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
    }

    fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Scans a `"..."` string whose opening quote is at `start`. Returns
    /// the literal and the offset just past it.
    pub fn quoted(&mut self, start: usize) -> (StringLit, usize) {
        self.pos = start + 1;
        let parts = self.text(End::Quote);
        if self.peek() == Some('"') {
            self.pos += 1;
        } else {
            let span = Span::new(start, self.pos);
            self.error(
                Diagnostic::error(Code::E0102, "unterminated string", span, "this string is never closed")
                    .with_help("close it with `\"` on the same line; for several lines use a `\"\"\"` block string")
                    .with_fix("Close the string", Span::empty(self.pos), "\""),
            );
        }
        (lit(parts, StringStyle::Quoted), self.pos)
    }

    /// Scans a `'...'` string (reported: svc strings use double quotes).
    pub fn single_quoted(&mut self, start: usize) -> (StringLit, usize) {
        self.pos = start + 1;
        let mut text = String::new();
        while let Some(c) = self.peek() {
            if c == '\'' || c == '\n' {
                break;
            }
            self.pos += c.len_utf8();
            text.push(c);
        }
        let closed = self.peek() == Some('\'');
        if closed {
            self.pos += 1;
        }
        let span = Span::new(start, self.pos);
        let quoted = format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
        self.error(
            Diagnostic::error(Code::E0108, "strings use double quotes", span, "single-quoted string")
                .with_help(format!("write {quoted}"))
                .with_fix("Use double quotes", span, quoted),
        );
        let part = StringPart::Text { text: text.into(), span: Span::new(start + 1, self.pos - usize::from(closed)) };
        (lit(vec![part], StringStyle::Quoted), self.pos)
    }

    /// Scans a `"""` block string opened at `start`.
    pub fn block(&mut self, start: usize) -> (StringLit, usize) {
        let open_end = start + 3;
        let Some(close) = find_block_end(self.src, open_end) else {
            let span = Span::new(start, open_end);
            self.error(
                Diagnostic::error(Code::E0115, "unterminated block string", span, "this `\"\"\"` is never closed")
                    .with_secondary(Span::empty(self.src.len()), "the file ends here")
                    .with_help("end the block string with `\"\"\"` on a line of its own"),
            );
            self.pos = self.src.len();
            let text = self.src[open_end..].to_owned();
            let part = StringPart::Text { text: text.into(), span: Span::new(open_end, self.src.len()) };
            return (lit(vec![part], StringStyle::Block), self.pos);
        };
        let first_line_end = self.src[open_end..close].find('\n').map(|i| open_end + i);
        let body_start = match first_line_end {
            Some(nl) if self.src[open_end..nl].trim().is_empty() => nl + 1,
            _ => {
                let span = Span::new(start, close + 3);
                self.error(
                    Diagnostic::error(
                        Code::E0119,
                        "block string text must start on a new line",
                        span,
                        "text on the line of `\"\"\"`",
                    )
                    .with_help("put a line break after the opening `\"\"\"`, or use a `\"...\"` string for one line"),
                );
                open_end
            }
        };
        let indent = block_indent(&self.src[body_start..close], self.src[..close].rsplit('\n').next().unwrap_or(""));
        self.pos = body_start;
        self.skip_indent(indent, close);
        let mut parts = self.text(End::Block { close, indent });
        strip_closing_line(&mut parts, self.src, close);
        self.pos = close + 3;
        (lit(parts, StringStyle::Block), self.pos)
    }

    /// Drops up to `indent` blanks at the start of a block string's line.
    fn skip_indent(&mut self, indent: usize, close: usize) {
        let mut n = 0;
        while n < indent && self.pos < close && matches!(self.peek_at(0), Some(b' ' | b'\t')) {
            self.pos += 1;
            n += 1;
        }
    }

    /// Decodes text up to `end`, with escapes and `${...}`.
    fn text(&mut self, end: End) -> Vec<StringPart> {
        // Most strings are one part: room for one, not the four a first push makes.
        let mut parts = Vec::with_capacity(1);
        let mut buf = String::new();
        let mut buf_start = self.pos;
        loop {
            let at_end = match end {
                End::Quote => matches!(self.peek(), None | Some('"' | '\n')),
                End::Block { close, .. } => self.pos >= close,
                End::Raw => self.pos >= self.src.len(),
            };
            if at_end {
                break;
            }
            let run = self.plain_run(end);
            if run > 0 {
                buf.push_str(&self.src[self.pos..self.pos + run]);
                self.pos += run;
                continue;
            }
            if self.starts_with("${") {
                flush(&mut parts, &mut buf, buf_start, self.pos);
                parts.push(self.interpolation(end == End::Quote));
                buf_start = self.pos;
                continue;
            }
            match self.bump() {
                Some('\\') if end != End::Raw => self.escape(&mut buf),
                Some('\r') if self.peek() == Some('\n') => {}
                Some('\n') => {
                    buf.push('\n');
                    if let End::Block { close, indent } = end {
                        self.skip_indent(indent, close);
                    }
                }
                Some(c) => buf.push(c),
                None => break,
            }
        }
        flush(&mut parts, &mut buf, buf_start, self.pos);
        parts
    }

    /// The length of the text from here that needs no decoding, copied at
    /// once: up to a quote, backslash, `$`, line break or a block string's end.
    fn plain_run(&self, end: End) -> usize {
        let limit = match end {
            End::Block { close, .. } => close.max(self.pos),
            End::Quote | End::Raw => self.src.len(),
        };
        let rest = &self.src.as_bytes()[self.pos..limit];
        rest.iter().position(|b| matches!(b, b'"' | b'\\' | b'$' | b'\n' | b'\r')).unwrap_or(rest.len())
    }

    /// The text and `${…}` variables of a string that is not svc source,
    /// such as a value read by `${file(...)}`; spans are offsets into it.
    pub fn raw(&mut self) -> Vec<StringPart> {
        self.text(End::Raw)
    }

    /// Decodes the escape after a backslash (already consumed).
    fn escape(&mut self, buf: &mut String) {
        let start = self.pos - 1;
        match self.peek() {
            Some(c @ ('"' | '\\' | '\'')) => {
                self.pos += 1;
                buf.push(c);
            }
            Some('n') => self.push_escape(buf, '\n'),
            Some('r') => self.push_escape(buf, '\r'),
            Some('t') => self.push_escape(buf, '\t'),
            Some('$') => {
                self.pos += 1;
                buf.push('$');
                if self.peek() == Some('{') {
                    self.pos += 1;
                    buf.push('{');
                }
            }
            Some('u') => self.unicode_escape(buf, start),
            Some(c) if c != '\n' => {
                self.pos += c.len_utf8();
                let span = Span::new(start, self.pos);
                self.error(
                    Diagnostic::error(Code::E0103, format!("unknown escape `\\{c}`"), span, "not an escape svc knows")
                        .with_help("escapes are \\\" \\\\ \\n \\r \\t \\u{...} and \\${; write \\\\ for a backslash")
                        .with_fix("Escape the backslash", Span::new(start, start + 1), "\\\\"),
                );
                buf.push('\\');
                buf.push(c);
            }
            _ => {
                let span = Span::new(start, self.pos);
                self.error(Diagnostic::error(
                    Code::E0103,
                    "a backslash at the end of a line",
                    span,
                    "nothing to escape",
                ));
            }
        }
    }

    fn push_escape(&mut self, buf: &mut String, c: char) {
        self.pos += 1;
        buf.push(c);
    }

    /// `\u{1F600}`: one to six hex digits naming a Unicode scalar value.
    fn unicode_escape(&mut self, buf: &mut String, start: usize) {
        self.pos += 1;
        let rest = &self.src[self.pos..];
        let decoded = rest
            .strip_prefix('{')
            .and_then(|r| r.find('}').map(|close| &r[..close]))
            .filter(|hex| (1..=6).contains(&hex.len()))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok().map(|v| (v, hex.len())))
            .and_then(|(v, len)| char::from_u32(v).map(|c| (c, len)));
        match decoded {
            Some((c, len)) => {
                self.pos += len + 2;
                buf.push(c);
            }
            None => {
                let span = Span::new(start, self.pos);
                self.error(
                    Diagnostic::error(
                        Code::E0103,
                        "invalid unicode escape",
                        span,
                        "expected `\\u{...}` with 1 to 6 hex digits",
                    )
                    .with_help("for example `\\u{e9}` is é and `\\u{1F600}` is 😀"),
                );
            }
        }
    }

    /// At `${` inside a string: a CloudFormation `Fn::Sub` reference
    /// (`${AWS::Region}`, `${Table.Arn}`, `${!Literal}`) stays text; anything
    /// else is an svc variable.
    fn interpolation(&mut self, in_quote: bool) -> StringPart {
        let start = self.pos;
        let rest = &self.src[start + 2..];
        let inner_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '!')))
            .unwrap_or(rest.len());
        let inner = &rest[..inner_len];
        let closes = rest[inner_len..].starts_with('}');
        if closes && !inner.is_empty() && is_cfn_sub(inner) {
            self.pos = start + 2 + inner_len + 1;
            let text = self.src[start..self.pos].into();
            return StringPart::Sub { text, span: Span::new(start, self.pos) };
        }
        StringPart::Variable(self.variable(start, in_quote))
    }

    /// Scans `${...}` starting at `start`. `in_quote` tells whether a `"`
    /// ends the surrounding string.
    pub fn variable(&mut self, start: usize, in_quote: bool) -> Arc<Variable> {
        self.pos = start + 2;
        self.depth += 1;
        let variable =
            if self.depth > MAX_VARIABLE_DEPTH { self.too_deep(start) } else { self.variable_body(start, in_quote) };
        self.depth -= 1;
        Arc::new(variable)
    }

    fn too_deep(&mut self, start: usize) -> Variable {
        self.skip_to_close();
        let span = Span::new(start, self.pos);
        self.error(Diagnostic::error(
            Code::E0112,
            format!("variables nested more than {MAX_VARIABLE_DEPTH} deep"),
            span,
            "too deep",
        ));
        empty_variable(span)
    }

    fn variable_body(&mut self, start: usize, in_quote: bool) -> Variable {
        self.skip_blanks();
        let Some((source, param, address)) = self.reference(in_quote) else {
            return self.bad_variable(start, "expected a variable source such as `opt`, `self` or `env`");
        };
        let mut fallbacks = Vec::new();
        loop {
            self.skip_blanks();
            match self.peek() {
                Some('}') => {
                    self.pos += 1;
                    break;
                }
                Some(',') => {
                    self.pos += 1;
                    self.skip_blanks();
                    fallbacks.push(self.fallback(in_quote));
                }
                c if c.is_none() || c == Some('\n') || (in_quote && c == Some('"')) => {
                    self.unterminated(start);
                    break;
                }
                _ => {
                    let at = Span::new(self.pos, self.pos + self.peek().map_or(0, char::len_utf8));
                    self.error(
                        Diagnostic::error(Code::E0110, "invalid variable", at, "expected `,` or `}`")
                            .with_secondary(Span::new(start, start + 2), "in this variable")
                            .with_help("a variable is `${source:address, fallback}`, e.g. `${opt:stage, 'dev'}`"),
                    );
                    self.skip_to_close();
                    break;
                }
            }
        }
        if param.is_none() && address.is_none() {
            self.missing_address(start, &source);
        }
        Variable { source, param, address, fallbacks, span: Span::new(start, self.pos) }
    }

    /// `source(param):address`, the part of a variable before its fallbacks;
    /// `None` when no source name starts here.
    fn reference(&mut self, in_quote: bool) -> Option<(Name, Option<Template>, Option<Template>)> {
        let source_start = self.pos;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            self.pos += 1;
        }
        if self.pos == source_start {
            return None;
        }
        let source = Name {
            text: self.src[source_start..self.pos].into(),
            span: Span::new(source_start, self.pos),
            quoted: false,
        };
        let param = (self.peek() == Some('(')).then(|| {
            self.pos += 1;
            let template = self.template(&[')'], in_quote);
            if self.peek() == Some(')') {
                self.pos += 1;
            }
            template
        });
        let address = (self.peek() == Some(':')).then(|| {
            self.pos += 1;
            self.skip_blanks();
            self.template(&[',', '}', ' ', '\t'], in_quote)
        });
        Some((source, param, address))
    }

    /// Whether a Serverless-style source reference without `${…}` starts
    /// here, as in `${opt:stage, self:provider.stage}`: a source name, an
    /// optional `(param)`, then `:`.
    fn at_bare_reference(&self) -> bool {
        let rest = &self.src[self.pos..];
        let name = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
        if name == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
            return false;
        }
        let after = &rest[name..];
        match after.chars().next() {
            Some(':') => true,
            Some('(') => after.find(')').is_some_and(|close| after[close + 1..].starts_with(':')),
            _ => false,
        }
    }

    /// A fallback that is a source reference written without `${…}`, as the
    /// Serverless Framework writes it: `self:provider.stage`.
    fn bare_reference(&mut self, in_quote: bool) -> Value {
        let start = self.pos;
        let Some((source, param, address)) = self.reference(in_quote) else { return self.word_fallback(start) };
        let span = Span::new(start, self.pos);
        let variable = Variable { source, param, address, fallbacks: Vec::new(), span };
        Value { kind: ValueKind::Variable(Arc::new(variable)), span }
    }

    /// `${foo}`: a source with neither `:address` nor `(param)`.
    fn missing_address(&mut self, start: usize, source: &Name) {
        let span = Span::new(start, self.pos);
        let text = &source.text;
        self.error(
            Diagnostic::error(
                Code::E0110,
                format!("`${{{text}}}` names no source"),
                span,
                "a variable needs `source:address`",
            )
            .with_help(format!(
                "did you mean `${{self:{text}}}` (a key of this service) or `${{opt:{text}}}` (a command-line option)?"
            )),
        );
    }

    fn unterminated(&mut self, start: usize) {
        let span = Span::new(start, self.pos);
        self.error(
            Diagnostic::error(
                Code::E0111,
                "unterminated variable",
                Span::new(start, start + 2),
                "this `${` is never closed",
            )
            .with_secondary(Span::empty(span.end as usize), "expected `}` here")
            .with_fix("Close the variable", Span::empty(self.pos), "}"),
        );
    }

    fn bad_variable(&mut self, start: usize, label: &str) -> Variable {
        let at = Span::new(self.pos, self.pos + self.peek().map_or(0, char::len_utf8));
        self.error(
            Diagnostic::error(Code::E0110, "invalid variable", at, label)
                .with_secondary(Span::new(start, start + 2), "in this variable")
                .with_help("a variable is `${source:address, fallback}`, e.g. `${opt:stage, 'dev'}`"),
        );
        self.skip_to_close();
        empty_variable(Span::new(start, self.pos))
    }

    /// Skips to just past the `}` that closes the current variable (or to
    /// the end of the line).
    fn skip_to_close(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '\n' => return,
                '{' => depth += 1,
                '}' if depth == 0 => {
                    self.pos += 1;
                    return;
                }
                '}' => depth -= 1,
                _ => {}
            }
            self.pos += c.len_utf8();
        }
    }

    /// Text with nested variables up to one of `stops` (not consumed).
    fn template(&mut self, stops: &[char], in_quote: bool) -> Template {
        let start = self.pos;
        let mut parts = Vec::with_capacity(1);
        let mut buf = String::new();
        let mut buf_start = self.pos;
        while let Some(c) = self.peek() {
            if stops.contains(&c) || c == '\n' || (in_quote && c == '"') {
                break;
            }
            if self.starts_with("${") {
                flush(&mut parts, &mut buf, buf_start, self.pos);
                let at = self.pos;
                parts.push(StringPart::Variable(self.variable(at, in_quote)));
                buf_start = self.pos;
                continue;
            }
            self.pos += c.len_utf8();
            buf.push(c);
        }
        // Trailing blanks before `,` or `}` are layout, not address.
        let trimmed = buf.trim_end().len();
        let end = buf_start + trimmed;
        buf.truncate(trimmed);
        flush(&mut parts, &mut buf, buf_start, end);
        Template { parts, span: Span::new(start, end.max(start)) }
    }

    /// One fallback: a quoted literal, number, boolean, `null` or variable.
    fn fallback(&mut self, in_quote: bool) -> Value {
        let start = self.pos;
        match self.peek() {
            Some('$') if self.starts_with("${") => {
                let variable = self.variable(start, in_quote);
                let span = variable.span;
                Value { kind: ValueKind::Variable(variable), span }
            }
            Some(q @ ('\'' | '"')) => self.literal(q),
            Some(_) if self.at_bare_reference() => self.bare_reference(in_quote),
            Some(c) if c.is_ascii_digit() || c == '-' => {
                let len = self.src[start..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')))
                    .unwrap_or(self.src.len() - start);
                self.pos += len;
                let raw = &self.src[start..self.pos];
                let span = Span::new(start, self.pos);
                if let Some(diagnostic) = check_number(raw, span) {
                    self.error(diagnostic);
                }
                Value { kind: ValueKind::Number(raw.to_owned()), span }
            }
            _ => self.word_fallback(start),
        }
    }

    /// `true`, `false`, `null`, or a bare word (an error).
    fn word_fallback(&mut self, start: usize) -> Value {
        while matches!(self.peek(), Some(c) if !matches!(c, ',' | '}' | '\n' | '"' | ' ' | '\t')) {
            self.bump();
        }
        let word = &self.src[start..self.pos];
        let span = Span::new(start, self.pos);
        let kind = match word {
            "true" => ValueKind::Bool(true),
            "false" => ValueKind::Bool(false),
            "null" => ValueKind::Null,
            "" => {
                self.error(Diagnostic::error(
                    Code::E0110,
                    "missing fallback after `,`",
                    Span::empty(start),
                    "expected a fallback value",
                ));
                ValueKind::Error
            }
            _ => {
                let (help, fix) = if word.contains(':') {
                    (format!("to use another variable as the fallback, wrap it: `${{{word}}}`"), format!("${{{word}}}"))
                } else {
                    (format!("to use it as text, quote it: `'{word}'`"), format!("'{word}'"))
                };
                self.error(
                    Diagnostic::error(
                        Code::E0116,
                        format!("bare word `{word}` as a fallback"),
                        span,
                        "neither a literal nor a variable",
                    )
                    .with_help(help)
                    .with_fix("Fix the fallback", span, fix),
                );
                ValueKind::Error
            }
        };
        Value { kind, span }
    }

    /// A quoted literal fallback, `'dev'` or `"dev"`.
    fn literal(&mut self, quote: char) -> Value {
        let start = self.pos;
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                Some(c) if c == quote => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => {
                    self.pos += 1;
                    self.escape(&mut text);
                }
                None | Some('\n') => {
                    let span = Span::new(start, self.pos);
                    self.error(Diagnostic::error(
                        Code::E0102,
                        "unterminated string",
                        span,
                        "this literal is never closed",
                    ));
                    break;
                }
                Some(c) => {
                    self.pos += c.len_utf8();
                    text.push(c);
                }
            }
        }
        let span = Span::new(start, self.pos);
        let part = StringPart::Text {
            text: text.into(),
            span: Span::new(start + 1, self.pos.saturating_sub(1).max(start + 1)),
        };
        Value { kind: ValueKind::String(lit(vec![part], StringStyle::Quoted)), span }
    }
}

/// Checks a number as written: `0`, `-12`, `3.5`, `1e3`, `2.5E-3`.
pub(crate) fn check_number(raw: &str, span: Span) -> Option<Diagnostic> {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(i) => (&digits[..i], Some(&digits[i + 1..])),
        None => (digits, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let int_ok = all_digits(int) && (int == "0" || !int.starts_with('0'));
    let frac_ok = frac.is_none_or(all_digits);
    let exp_ok = exponent.is_none_or(|e| all_digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    if int_ok && frac_ok && exp_ok {
        return None;
    }
    let quoted = format!("\"{raw}\"");
    Some(
        Diagnostic::error(Code::E0113, format!("`{raw}` is not a number"), span, "invalid number")
            .with_help(format!("numbers are decimal, like `256` or `0.5`; if this is text, quote it: {quoted}"))
            .with_fix("Quote it", span, quoted),
    )
}

/// True for the inside of a CloudFormation `Fn::Sub` reference:
/// `AWS::Region`, `Table.Arn`, `Param`, `!Literal` (no single `:`).
fn is_cfn_sub(inner: &str) -> bool {
    inner.starts_with('!') || !inner.replace("::", "").contains(':')
}

/// Finds the closing `"""` of a block string, skipping escapes.
fn find_block_end(src: &str, from: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut i = from;
    while i + 2 < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' if bytes.get(i + 1) == Some(&b'"') && bytes.get(i + 2) == Some(&b'"') => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The common indentation of a block string: the least leading blanks of
/// its non-blank lines and of the closing line when `"""` stands alone.
fn block_indent(body: &str, closing_line: &str) -> usize {
    let blanks = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
    let closing = closing_line.trim_start_matches([' ', '\t']).is_empty().then_some(closing_line.len());
    body.split('\n').filter(|line| !line.trim().is_empty()).map(blanks).chain(closing).min().unwrap_or(0)
}

/// When `"""` closes on a line of its own, the blanks before it are layout.
fn strip_closing_line(parts: &mut [StringPart], src: &str, close: usize) {
    let line = src[..close].rsplit('\n').next().unwrap_or("");
    if !line.trim_matches([' ', '\t']).is_empty() {
        return;
    }
    if let Some(StringPart::Text { text, .. }) = parts.last_mut() {
        let trimmed = text.trim_end_matches([' ', '\t']).len();
        text.truncate(trimmed);
    }
}

fn flush(parts: &mut Vec<StringPart>, buf: &mut String, start: usize, end: usize) {
    if !buf.is_empty() {
        parts.push(StringPart::Text { text: std::mem::take(buf).into(), span: Span::new(start, end.max(start)) });
    }
}

fn lit(parts: Vec<StringPart>, style: StringStyle) -> StringLit {
    StringLit { parts, style }
}

fn empty_variable(span: Span) -> Variable {
    Variable {
        source: Name { text: CompactString::default(), span: Span::empty(span.start as usize + 2), quoted: false },
        param: None,
        address: None,
        fallbacks: Vec::new(),
        span,
    }
}
