//! The chumsky grammar over the lexer's tokens. Private to the syntax
//! module: nothing outside sees a chumsky type.
//!
//! Recovery works at three levels, so one mistake costs one diagnostic and
//! the rest of the file still parses:
//! - a value that cannot start is skipped up to the next `,`, line break or
//!   closing delimiter and becomes [`ValueKind::Error`];
//! - an item (attribute or block) that cannot be finished is skipped to the
//!   end of its line (whole bracketed groups at a time) and becomes
//!   [`Item::Error`];
//! - brackets are already balanced by the lexer, so a block body always has
//!   its `}`.
//!
//! Common slips parse as what was meant, with a diagnostic: `key: value`,
//! `key value`, `key = bare_word`, and a YAML tag `!Ref X` as `ref(X)`.
//!
//! Speed: the grammar is generic over its error type. A file is parsed
//! first with chumsky's `EmptyErr`, which makes the many alternatives that
//! fail on the way to a valid parse free; only a file with errors is parsed
//! a second time with `Rich` errors, for the messages, and only as far as
//! its first 1,000 errors ([`careful`]). The parser reads the
//! lexer's token slice in place, with svc's own [`Span`].

use compact_str::CompactString;

use chumsky::error::{EmptyErr, LabelError, Rich, RichPattern, RichReason};
use chumsky::input::Input;
use chumsky::input::ValueInput;
use chumsky::prelude::*;

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

use super::ast::{Attribute, Block, Call, Item, Name, StringLit, StringPart, StringStyle, Value, ValueKind};
use super::lexer::Lexed;
use super::token::Token;
use super::yaml_tag::{self, Argument};

/// The error type of the careful pass: every expected token, for messages.
type Error<'t> = Rich<'t, Token, Span, Diagnostic>;

/// What the grammar needs of an error type. The grammar is generic over it
/// so that a file is first parsed with [`EmptyErr`], which costs nothing on
/// the many alternatives that fail on the way to a valid parse, and only a
/// file with errors is parsed again with [`Error`] for the messages.
trait ParseError<'t, I: Input<'t>>: chumsky::error::Error<'t, I> + LabelError<'t, I, &'static str> {
    /// An error that is already a finished diagnostic.
    fn custom(span: Span, diagnostic: Diagnostic) -> Self;
}

impl<'t, I: Input<'t, Token = Token, Span = Span>> ParseError<'t, I> for Error<'t> {
    fn custom(span: Span, diagnostic: Diagnostic) -> Self {
        Rich::custom(span, diagnostic)
    }
}

impl<'t, I: Input<'t>> ParseError<'t, I> for EmptyErr {
    fn custom(_: Span, _: Diagnostic) -> Self {
        EmptyErr::default()
    }
}

/// Parses the lexed tokens of `src` into the file's items and its syntax
/// diagnostics, at most `budget` of them (then E0120).
pub(crate) fn parse(src: &str, lexed: &Lexed, budget: usize) -> (Vec<Item>, Vec<Diagnostic>) {
    let eoi = Span::empty(src.len());
    // Without recovery, a file with an error stops at it: a flood of broken
    // lines costs nothing here, and the careful pass reads only as far as
    // its budget of errors.
    let fast = file::<_, EmptyErr>(src, lexed, false).parse(lexed.tokens.as_slice().split_token_span(eoi));
    if fast.has_errors() {
        return careful(src, lexed, budget);
    }
    (fast.into_output().unwrap_or_default(), Vec::new())
}

/// Tokens of the first prefix the careful pass reads; each next one is
/// four times longer.
const FIRST_PREFIX: usize = 4_096;

/// The items and diagnostics of a file with errors, from the careful pass
/// (with recovery): at most `budget` diagnostics, then E0120. A file of a
/// million broken lines would cost gigabytes of errors, so the pass reads
/// growing prefixes of the tokens (each cut after a line break, its open
/// blocks closed) until one holds more than `budget` errors or the prefix
/// is the whole file: at most about 4/3 of one pass over what it needs.
/// Past its budget, the file is read only as far as that prefix.
fn careful(src: &str, lexed: &Lexed, budget: usize) -> (Vec<Item>, Vec<Diagnostic>) {
    let tokens = lexed.tokens.as_slice();
    let mut length = FIRST_PREFIX;
    loop {
        let cut = tokens.get(length..).and_then(|rest| rest.iter().position(|(t, _)| *t == Token::Newline));
        let (end, (items, mut diagnostics)) = match cut {
            Some(newline) => {
                let cut = length + newline + 1;
                let end = tokens.get(cut).map_or(src.len(), |(_, span)| span.start as usize);
                let prefix = closed_prefix(&tokens[..cut], end);
                (end, careful_pass(src, lexed, &prefix, end))
            }
            None => (src.len(), careful_pass(src, lexed, tokens, src.len())),
        };
        let whole = cut.is_none();
        diagnostics.retain(|d| whole || (d.primary.span.start as usize) < end);
        if whole || diagnostics.len() > budget {
            crate::diagnostic::sort(&mut diagnostics);
            if let Some(first_dropped) = diagnostics.get(budget).map(|d| d.primary.span.start as usize) {
                diagnostics.truncate(budget);
                // With no budget left, the lexer has already said it stopped.
                if budget > 0 {
                    diagnostics.push(too_many(first_dropped, end));
                }
            }
            return (items, diagnostics);
        }
        length = length.saturating_mul(4);
    }
}

/// `tokens`, a prefix of the file cut after a line break at `end`, with a
/// closer for each block left open, so that the grammar reads it as it
/// reads the whole file.
fn closed_prefix(tokens: &[(Token, Span)], end: usize) -> Vec<(Token, Span)> {
    let mut open = Vec::new();
    for (token, _) in tokens {
        if let Some(closer) = token.closer() {
            open.push(closer);
        } else if token.is_closer() {
            open.pop();
        }
    }
    let mut prefix = Vec::with_capacity(tokens.len() + open.len());
    prefix.extend_from_slice(tokens);
    prefix.extend(open.into_iter().rev().map(|closer| (closer, Span::empty(end))));
    prefix
}

/// The careful pass over `tokens`, which end at `end`.
fn careful_pass(src: &str, lexed: &Lexed, tokens: &[(Token, Span)], end: usize) -> (Vec<Item>, Vec<Diagnostic>) {
    let (items, errors) =
        file::<_, Error>(src, lexed, true).parse(tokens.split_token_span(Span::empty(end))).into_output_errors();
    let diagnostics =
        errors.into_iter().map(|e| to_diagnostic(src, e)).filter(|d| !caused_by_unclosed(lexed, d)).collect();
    (items.unwrap_or_default(), diagnostics)
}

/// E0120 at `at`, the first syntax error not reported; the file was read
/// up to `end`.
fn too_many(at: usize, end: usize) -> Diagnostic {
    Diagnostic::error(
        Code::E0120,
        format!("too many syntax errors: svc stopped reporting them after {}", super::lexer::MAX_ERRORS),
        Span::empty(at),
        "later syntax errors are not shown",
    )
    .with_secondary(Span::empty(end), "and the file is read no further than here")
    .with_help("fix the errors above and check again")
}

/// An "unexpected token" inside a `[` or `(` that was never closed: a
/// consequence of the E0104 already reported.
fn caused_by_unclosed(lexed: &Lexed, diagnostic: &Diagnostic) -> bool {
    diagnostic.code == Code::E0105
        && lexed.unclosed.iter().any(|region| region.touches(diagnostic.primary.span.start as usize))
}

/// The parser reads the lexer's tokens in place, with svc's own spans.
impl chumsky::span::Span for Span {
    type Context = ();
    type Offset = usize;

    /// An empty match between two tokens comes as `next start..previous
    /// end`; it becomes the empty span at the previous token's end.
    fn new((): (), range: std::ops::Range<usize>) -> Self {
        Span::new(range.start.min(range.end), range.end)
    }

    fn context(&self) {}

    fn start(&self) -> usize {
        self.start as usize
    }

    fn end(&self) -> usize {
        self.end as usize
    }
}

/// `items*` to the end of input.
fn file<'t, 'a: 't, I, Er>(
    src: &'a str,
    lexed: &'a Lexed,
    recover: bool,
) -> impl Parser<'t, I, Vec<Item>, extra::Err<Er>> + 'a
where
    I: ValueInput<'t, Token = Token, Span = Span> + 'a,
    Er: ParseError<'t, I> + 't,
    't: 'a,
{
    let newlines = just(Token::Newline).repeated();
    newlines.ignore_then(items(src, lexed, recover)).then_ignore(end())
}

/// A sequence of items, each ending a line, with line-level recovery if
/// `recover`.
fn items<'t, 'a, I, Er>(
    src: &'a str,
    lexed: &'a Lexed,
    recover: bool,
) -> impl Parser<'t, I, Vec<Item>, extra::Err<Er>> + Clone + 'a
where
    I: ValueInput<'t, Token = Token, Span = Span> + 'a,
    Er: ParseError<'t, I> + 't,
    't: 'a,
{
    recursive(move |items| {
        let name = name(src, lexed);
        let value = value(src, lexed, recover);
        // A body cut off by the depth limit is one `Token::Error`, already reported.
        let body = items
            .delimited_by(just(Token::LBrace).then(just(Token::Newline).repeated()), just(Token::RBrace))
            .or(just(Token::Error).to(Vec::new()))
            .boxed();
        let label = name.clone().labelled("a label");
        let header = name.clone().then(label.repeated().collect::<Vec<_>>());
        let brace_below = just(Token::Newline).repeated().at_least(1).map_with(|_, e| e.span());
        let block = header.then(brace_below.or_not()).then(body).validate(
            |(((kind, labels), brace_below), body), e, emitter| {
                if let Some(gap) = brace_below {
                    let header_end = labels.last().map_or(kind.span, |l| l.span).end as usize;
                    emitter.emit(Er::custom(
                        gap,
                        Diagnostic::error(
                            Code::E0118,
                            "`{` must be on the line of the block's name",
                            gap,
                            "line break before `{`",
                        )
                        .with_help(format!("write `{} {{` on one line", header_text(&kind, &labels)))
                        .with_fix(
                            "Join the lines",
                            Span::new(header_end, gap.end as usize),
                            " ",
                        ),
                    ));
                }
                Item::Block(Block { kind, labels, body, span: e.span() })
            },
        );
        let attribute = attribute(src, name, value).map(Item::Attribute);
        let line_end = choice((
            just(Token::Newline).repeated().at_least(1).ignored(),
            just(Token::RBrace).rewind().ignored(),
            end(),
        ))
        .labelled("a line break");
        choice((block, attribute))
            .then_ignore(line_end)
            .recover_with(via_parser(skip_line(recover).map(Item::Error)))
            .repeated()
            .collect::<Items>()
            .map(|Items(items)| items)
            .boxed()
    })
}

/// Items as they are parsed, a run of lines that could not be parsed
/// kept as one [`Item::Error`]: a flood of broken lines costs one item,
/// not one per line (each line still has its diagnostic).
struct Items(Vec<Item>);

impl FromIterator<Item> for Items {
    fn from_iter<T: IntoIterator<Item = Item>>(parsed: T) -> Self {
        let mut items: Vec<Item> = Vec::new();
        for item in parsed {
            match (items.last_mut(), &item) {
                (Some(Item::Error(run)), Item::Error(span)) => *run = run.cover(*span),
                _ => items.push(item),
            }
        }
        Items(items)
    }
}

/// `key = value`, also accepting `key: value` and `key value` with an error.
fn attribute<'t, 'a, I, Er, N, V>(
    src: &'a str,
    name: N,
    value: V,
) -> impl Parser<'t, I, Attribute, extra::Err<Er>> + Clone + 'a
where
    I: ValueInput<'t, Token = Token, Span = Span> + 'a,
    Er: ParseError<'t, I> + 't,
    N: Parser<'t, I, Name, extra::Err<Er>> + Clone + 'a,
    V: Parser<'t, I, Value, extra::Err<Er>> + Clone + 'a,
    't: 'a,
{
    let eq = just(Token::Eq).to(None).labelled("`=`");
    let colon = just(Token::Colon).map_with(|_, e| Some(e.span()));
    let separated = name.clone().then(choice((eq, colon))).then(value.clone()).validate(
        move |((key, colon), value), _, emitter| {
            if let Some(at) = colon {
                emitter.emit(Er::custom(at, colon_instead_of_equals(src, &key, at)));
            }
            attribute_node(key, value)
        },
    );
    let value_start = none_of([
        Token::Eq,
        Token::Colon,
        Token::Comma,
        Token::Dot,
        Token::Newline,
        Token::RBrace,
        Token::RBracket,
        Token::RParen,
        Token::Error,
    ])
    .rewind();
    let missing_eq = name.then_ignore(value_start).then(value).validate(|(key, value), _, emitter| {
        let at = Span::empty(key.span.end as usize);
        emitter.emit(Er::custom(
            at,
            Diagnostic::error(
                Code::E0106,
                "missing `=`",
                key.span.cover(value.span),
                "expected `=` between the key and its value",
            )
            .with_help(format!("write `{} = ...`", key.text))
            .with_fix("Insert `=`", at, " ="),
        ));
        attribute_node(key, value)
    });
    choice((separated, missing_eq)).boxed()
}

/// E0107 for `key: value`, with a fix that writes `key = value` spaced
/// as `svc fmt` spaces it.
fn colon_instead_of_equals(src: &str, key: &Name, at: Span) -> Diagnostic {
    let before = if src[..at.start as usize].ends_with([' ', '\t']) { "" } else { " " };
    let after = if src[at.end as usize..].starts_with([' ', '\t', '\n']) { "" } else { " " };
    Diagnostic::error(Code::E0107, "`:` instead of `=`", at, "svc uses `=`, not `:`")
        .with_help(format!("write `{} = ...`", key.text))
        .with_fix("Replace `:` with `=`", at, format!("{before}={after}"))
}

/// `kind label ...` as written, for messages.
fn header_text(kind: &Name, labels: &[Name]) -> String {
    std::iter::once(kind)
        .chain(labels)
        .map(|n| if n.quoted { format!("{:?}", n.text) } else { n.text.to_string() })
        .collect::<Vec<_>>()
        .join(" ")
}

fn attribute_node(key: Name, value: Value) -> Attribute {
    let span = key.span.cover(value.span);
    Attribute { key, value, span }
}

/// An identifier or a plain string, as a key or label.
fn name<'t, 'a, I, Er>(src: &'a str, lexed: &'a Lexed) -> impl Parser<'t, I, Name, extra::Err<Er>> + Clone + 'a
where
    I: ValueInput<'t, Token = Token, Span = Span> + 'a,
    Er: ParseError<'t, I> + 't,
    't: 'a,
{
    let ident = ident(src);
    let quoted = select! { Token::Str(i) => i }.validate(move |i, e, emitter| {
        let span: Span = e.span();
        let plain = lexed.strings.inspect(src, i, span.start as usize, StringLit::as_plain);
        let text = plain.unwrap_or_else(|| {
            emitter.emit(Er::custom(
                span,
                Diagnostic::error(Code::E0105, "a name cannot contain a variable", span, "variable in a key or label")
                    .with_help("keys and labels are fixed text; put the variable in the value instead"),
            ));
            src[span.range()].to_owned()
        });
        Name { text: text.into(), span, quoted: true }
    });
    choice((ident, quoted)).labelled("a name")
}

fn ident<'t, 'a, I, Er>(src: &'a str) -> impl Parser<'t, I, Name, extra::Err<Er>> + Clone + 'a
where
    I: ValueInput<'t, Token = Token, Span = Span> + 'a,
    Er: ParseError<'t, I> + 't,
    't: 'a,
{
    just(Token::Ident).map_with(move |_, e| {
        let span: Span = e.span();
        Name { text: src[span.range()].into(), span, quoted: false }
    })
}

/// Any value, with recovery that skips to the next separator if `recover`.
fn value<'t, 'a, I, Er>(
    src: &'a str,
    lexed: &'a Lexed,
    recover: bool,
) -> impl Parser<'t, I, Value, extra::Err<Er>> + Clone + 'a
where
    I: ValueInput<'t, Token = Token, Span = Span> + 'a,
    Er: ParseError<'t, I> + 't,
    't: 'a,
{
    recursive(move |value| {
        let scalar = select! {
            Token::Str(i) = e => ValueKind::String(lexed.strings.take(src, i, start(e.span()))),
            Token::Var(i) = e => ValueKind::Variable(lexed.variables.take(src, i, start(e.span()))),
            Token::True => ValueKind::Bool(true),
            Token::False => ValueKind::Bool(false),
            Token::Null => ValueKind::Null,
            Token::Error => ValueKind::Error,
        }
        .or(just(Token::Number).map_with(move |_, e| ValueKind::Number(src[Span::range(e.span())].to_owned())));
        let comma = just(Token::Comma);
        let list = value
            .clone()
            .separated_by(comma)
            .allow_trailing()
            .collect::<Vec<_>>()
            .delimited_by(just(Token::LBracket), just(Token::RBracket))
            .map(ValueKind::List);
        let newlines = just(Token::Newline).repeated();
        let separator = choice((comma.then(newlines).ignored(), newlines.at_least(1).ignored()));
        let entry = attribute(src, name(src, lexed), value.clone()).recover_with(via_parser(
            skip_until_separator(recover).map_with(|_, e| attribute_node(error_name(e.span()), error_value(e.span()))),
        ));
        let object = entry
            .separated_by(separator)
            .allow_trailing()
            .collect::<Vec<_>>()
            .delimited_by(just(Token::LBrace).then(newlines), just(Token::RBrace))
            .map(ValueKind::Object);
        let path = ident(src).separated_by(just(Token::Dot)).at_least(1).collect::<Vec<_>>().map(ValueKind::Path);
        let arg = choice((
            path.then_ignore(just(Token::LParen).not()).map_with(|kind, e| Value { kind, span: e.span() }),
            value.clone(),
        ));
        let args = |open, close| {
            arg.clone().separated_by(comma).allow_trailing().collect::<Vec<_>>().delimited_by(just(open), just(close))
        };
        let call = ident(src)
            .then(args(Token::LParen, Token::RParen))
            .map(|(name, args)| ValueKind::Call(Box::new(Call { name, args })));
        let tag_args = choice((
            args(Token::LBracket, Token::RBracket).map_with(|args, e| (args, Argument::List(e.span()))),
            arg.clone().map(|one: Value| {
                let span = one.span;
                (vec![one], Argument::One(span))
            }),
        ));
        let tag = just(Token::Tag).map_with(|_, e| e.span()).then(tag_args.or_not()).validate(
            move |(tag, written): (Span, Option<(Vec<Value>, Argument)>), _, emitter| {
                let (args, argument) = written.unwrap_or((Vec::new(), Argument::Missing));
                let missing = matches!(argument, Argument::Missing);
                let diagnostic = yaml_tag::report(src, tag, argument);
                emitter.emit(Er::custom(diagnostic.primary.span, diagnostic));
                match yaml_tag::call_name(&src[tag.range()]).filter(|_| !missing) {
                    Some(name) => {
                        let name = Name { text: name.into(), span: tag, quoted: false };
                        ValueKind::Call(Box::new(Call { name, args }))
                    }
                    None => ValueKind::Error,
                }
            },
        );
        let bare = ident(src)
            .then(just(Token::Dot).then(choice((just(Token::Ident), just(Token::Number)))).repeated())
            .map_with(move |_, e| e.span())
            .validate(move |span: Span, _, emitter| {
                let text = &src[span.range()];
                let quoted = format!("\"{text}\"");
                emitter.emit(Er::custom(
                    span,
                    Diagnostic::error(
                        Code::E0109,
                        format!("unquoted text `{text}`"),
                        span,
                        "a value cannot be a bare word",
                    )
                    .with_help(format!("if this is text, quote it: {quoted}"))
                    .with_fix("Quote it", span, quoted),
                ));
                let part = StringPart::Text { text: text.into(), span };
                ValueKind::String(StringLit { parts: vec![part], style: StringStyle::Quoted })
            });
        choice((scalar, list, object, call, tag, bare))
            .map_with(|kind, e| Value { kind, span: e.span() })
            .labelled("a value")
            .recover_with(via_parser(skip_until_separator(recover).map_with(|_, e| error_value(e.span()))))
            .boxed()
    })
}

fn start(span: Span) -> usize {
    span.start as usize
}

fn error_value(span: Span) -> Value {
    Value { kind: ValueKind::Error, span }
}

fn error_name(span: Span) -> Name {
    Name { text: CompactString::default(), span: Span::empty(span.start as usize), quoted: false }
}

/// One token, or a whole bracketed group (the lexer balanced them).
fn skip_unit<'t, I, Er>(stops: &'static [Token]) -> impl Parser<'t, I, (), extra::Err<Er>> + Clone
where
    I: ValueInput<'t, Token = Token, Span = Span>,
    Er: ParseError<'t, I> + 't,
{
    let group = |open, close| {
        nested_delimiters(
            open,
            close,
            [(Token::LBrace, Token::RBrace), (Token::LBracket, Token::RBracket), (Token::LParen, Token::RParen)],
            |_| (),
        )
    };
    choice((
        group(Token::LBrace, Token::RBrace),
        group(Token::LBracket, Token::RBracket),
        group(Token::LParen, Token::RParen),
        none_of(stops).ignored(),
    ))
}

const LINE_STOPS: &[Token] =
    &[Token::Newline, Token::LBrace, Token::RBrace, Token::LBracket, Token::RBracket, Token::LParen, Token::RParen];
const SEPARATOR_STOPS: &[Token] = &[
    Token::Newline,
    Token::Comma,
    Token::LBrace,
    Token::RBrace,
    Token::LBracket,
    Token::RBracket,
    Token::LParen,
    Token::RParen,
];

/// The rest of a line, and the line breaks after it: a recovery, which
/// fails unless `recover`.
fn skip_line<'t, I, Er>(recover: bool) -> impl Parser<'t, I, Span, extra::Err<Er>> + Clone
where
    I: ValueInput<'t, Token = Token, Span = Span>,
    Er: ParseError<'t, I> + 't,
{
    let line = skip_unit(LINE_STOPS).repeated().at_least(1).map_with(|_, e| e.span());
    only_if(recover).ignore_then(line).then_ignore(just(Token::Newline).repeated())
}

/// Tokens up to the next `,`, line break or closing delimiter: a recovery,
/// which fails unless `recover`.
fn skip_until_separator<'t, I, Er>(recover: bool) -> impl Parser<'t, I, (), extra::Err<Er>> + Clone
where
    I: ValueInput<'t, Token = Token, Span = Span>,
    Er: ParseError<'t, I> + 't,
{
    only_if(recover).ignore_then(skip_unit(SEPARATOR_STOPS).repeated().at_least(1))
}

/// Matches nothing, and fails unless `recover`.
fn only_if<'t, I, Er>(recover: bool) -> impl Parser<'t, I, (), extra::Err<Er>> + Clone
where
    I: ValueInput<'t, Token = Token, Span = Span>,
    Er: ParseError<'t, I> + 't,
{
    empty().filter(move |()| recover)
}

/// Turns a chumsky error into an svc diagnostic.
fn to_diagnostic(src: &str, error: Error<'_>) -> Diagnostic {
    let span = *error.span();
    let (found, expected) = match error.into_reason() {
        RichReason::Custom(diagnostic) => return diagnostic,
        RichReason::ExpectedFound { found, expected } => (found.map(|t| *t), expected),
    };
    let mut wanted: Vec<String> = expected.iter().filter_map(pattern).collect();
    wanted.sort();
    wanted.dedup();
    let expected_text = join_or(&wanted);
    let found_text = match found {
        Some(Token::Ident | Token::Number | Token::Str(_) | Token::Var(_)) => {
            format!("`{}`", excerpt(&src[span.range()]))
        }
        Some(token) => token.to_string().trim_start_matches("a ").to_owned(),
        None => "end of file".to_owned(),
    };
    let label =
        if expected_text.is_empty() { "unexpected here".to_owned() } else { format!("expected {expected_text}") };
    let mut diagnostic = Diagnostic::error(Code::E0105, format!("unexpected {found_text}"), span, label);
    if matches!(found, Some(Token::Ident | Token::Number | Token::Str(_) | Token::Var(_))) {
        let comma = wanted.iter().any(|w| w == "`,`");
        let line_break = matches!(found, Some(Token::Ident)) && wanted.iter().any(|w| w == "a line break");
        if comma || line_break {
            diagnostic.code = Code::E0117;
            diagnostic.message = if comma {
                format!("missing `,` before {found_text}")
            } else {
                format!("{found_text} must start a new line")
            };
            diagnostic.help = Some("each attribute and block starts on its own line; elements of lists and objects are separated by commas".to_owned());
        }
    }
    diagnostic
}

/// The start of a token's text, for a message.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(24) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn pattern(pattern: &RichPattern<'_, Token>) -> Option<String> {
    match pattern {
        RichPattern::Token(token) if **token == Token::Error => None,
        RichPattern::Token(token) => Some(token.to_string()),
        RichPattern::Label(label) => Some(label.to_string()),
        RichPattern::EndOfInput => Some("the end of the file".to_owned()),
        _ => None,
    }
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
