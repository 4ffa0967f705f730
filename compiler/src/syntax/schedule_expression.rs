//! A schedule expression written without quotes, as YAML allows:
//! `rate(5 minutes)`, `cron(0 3 * * ? *)`. Read as the string it means,
//! with E0123 and a fix that quotes it.

use crate::diagnostic::{Code, Diagnostic, Edit};
use crate::span::Span;

use super::ast::{StringLit, StringPart, StringStyle};

/// The words that start an AWS schedule expression.
const KINDS: &[&str] = &["rate", "cron"];

/// Where the unquoted schedule expression starting at `start` ends (just
/// past its `)`), if one starts there: `rate(` or `cron(` and a `)` on the
/// same line.
pub(crate) fn end(src: &str, start: usize) -> Option<usize> {
    let rest = &src[start..];
    let kind = KINDS.iter().find(|kind| rest.starts_with(*kind) && rest[kind.len()..].starts_with('('))?;
    let inside = &rest[kind.len() + 1..];
    let close = inside.find([')', '\n', '"'])?;
    (inside.as_bytes()[close] == b')').then_some(start + kind.len() + 1 + close + 1)
}

/// The expression at `start..end` as the string it means, and E0123 with
/// a fix that puts it in double quotes.
pub(crate) fn quote(src: &str, start: usize, end: usize) -> (StringLit, Diagnostic) {
    let span = Span::new(start, end);
    let text = &src[span.range()];
    let diagnostic = Diagnostic::error(
        Code::E0123,
        format!("unquoted schedule expression `{text}`"),
        span,
        "a schedule expression is text",
    )
    .with_help(format!("quote it: \"{text}\""))
    .with_edits(
        "Quote the expression",
        vec![
            Edit { span: Span::empty(start), replacement: "\"".to_owned() },
            Edit { span: Span::empty(end), replacement: "\"".to_owned() },
        ],
    );
    let part = StringPart::Text { text: text.into(), span };
    (StringLit { parts: vec![part], style: StringStyle::Quoted }, diagnostic)
}
