//! CloudFormation's YAML short tags pasted into svc: `!Ref Table`,
//! `!GetAtt Table.Arn`, `!Join ["-", [a, b]]`. The parser reads a tag and
//! its argument as the call svc writes, `ref(Table)`, `join("-", [a, b])`,
//! and reports E0121 with a fix that writes it so. A text tag with
//! unquoted YAML text (`!Sub arn:aws:s3:::${Bucket}`) is found before
//! (see [`quote_text_arguments`]).

use crate::diagnostic::{Code, Diagnostic, Edit};
use crate::span::Span;
use crate::tree::intrinsic_names;

use super::lexer::MAX_ERRORS;
use super::token::Token;

/// The svc call for the tag `tag` (`!GetAtt` is `getAtt`), when there is one.
pub(crate) fn call_name(tag: &str) -> Option<&'static str> {
    let name = tag.strip_prefix('!')?;
    let mut chars = name.chars();
    let first = chars.next()?;
    let lowered: String = first.to_lowercase().chain(chars).collect();
    intrinsic_names().find(|known| *known == lowered)
}

/// How the tag's argument is written.
pub(crate) enum Argument {
    /// One value: `!Ref Table` is `ref(Table)`.
    One(Span),
    /// A `[…]` list whose elements are the arguments: `!Join ["-", x]` is
    /// `join("-", x)`.
    List(Span),
    /// None: the line ends after the tag.
    Missing,
}

/// E0121 for the tag at `tag` with its argument: a fix when svc has the
/// call (a list argument needs its `]` written, not inserted by recovery).
pub(crate) fn report(src: &str, tag: Span, argument: Argument) -> Diagnostic {
    let written = &src[tag.range()];
    let span = match argument {
        Argument::One(arg) | Argument::List(arg) => tag.cover(arg),
        Argument::Missing => tag,
    };
    let Some(name) = call_name(written) else {
        return Diagnostic::error(Code::E0121, format!("unknown YAML tag `{written}`"), span, "not svc syntax")
            .with_help(format!(
                "CloudFormation functions are calls in svc: {}",
                intrinsic_names().map(|n| format!("{n}(…)")).collect::<Vec<_>>().join(", ")
            ));
    };
    if matches!(argument, Argument::Missing) {
        return Diagnostic::error(
            Code::E0121,
            format!("YAML tag `{written}` without its argument"),
            span,
            "nothing follows",
        )
        .with_help(format!("svc writes `{name}(…)`, with the argument inside the parentheses"));
    }
    let edits = match argument {
        Argument::One(arg) => Some(vec![
            Edit { span: Span::new(tag.start as usize, arg.start as usize), replacement: format!("{name}(") },
            Edit { span: Span::empty(arg.end as usize), replacement: ")".to_owned() },
        ]),
        Argument::List(list) => {
            let close = Span::new(list.end as usize - usize::from(!list.is_empty()), list.end as usize);
            (src.as_bytes().get(close.start as usize) == Some(&b']') && !close.is_empty()).then(|| {
                vec![
                    Edit {
                        span: Span::new(tag.start as usize, list.start as usize + 1),
                        replacement: format!("{name}("),
                    },
                    Edit { span: close, replacement: ")".to_owned() },
                ]
            })
        }
        Argument::Missing => None,
    };
    // The help, `write …` with the fix applied, is written once the fix
    // is whole: [`super::yaml_habit::absorb`] adds the fixes of what the
    // argument holds (a nested tag, a bare word).
    let diagnostic = Diagnostic::error(
        Code::E0121,
        format!("YAML tag `{written}`: svc writes `{name}(…)`"),
        span,
        "a CloudFormation short tag",
    );
    match edits {
        Some(edits) => diagnostic.with_edits(format!("Write `{name}(…)`"), edits),
        None => diagnostic.with_help(format!("write `{name}(…)` with the tag's argument")),
    }
}

/// The tags whose argument is text, which YAML writes without quotes:
/// `!Sub arn:aws:s3:::${Bucket}/*`.
const TEXT_TAGS: &[&str] = &["sub", "importValue", "base64"];

/// `raw` with each text tag whose argument is unquoted YAML text (more
/// than a name) made one error token, reported with E0121 and a fix that
/// quotes the text in the call: `sub("arn:aws:s3:::${Bucket}/*")`.
pub(crate) fn quote_text_arguments(
    src: &str,
    raw: Vec<(Token, Span)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Token, Span)> {
    if !raw.iter().any(|(token, _)| *token == Token::Tag) {
        return raw;
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let (token, tag) = raw[i];
        let name = call_name(&src[tag.range()]).filter(|name| token == Token::Tag && TEXT_TAGS.contains(name));
        let line_end = raw[i..].iter().position(|(t, _)| *t == Token::Newline).map_or(raw.len(), |n| i + n);
        let argument = &raw[(i + 1).min(line_end)..line_end];
        match (name, argument) {
            (Some(name), [first, .., last]) if is_text(argument) && diagnostics.len() < MAX_ERRORS => {
                let text = &src[first.1.start as usize..last.1.end as usize];
                let span = tag.cover(last.1);
                let quoted = format!("{name}(\"{}\")", text.replace('\\', "\\\\").replace('"', "\\\""));
                diagnostics.push(
                    Diagnostic::error(
                        Code::E0121,
                        format!("YAML tag `{}` and unquoted text", &src[tag.range()]),
                        span,
                        "a CloudFormation short tag",
                    )
                    .with_edits(format!("Write `{name}(…)`"), vec![Edit { span, replacement: quoted }]),
                );
                out.push((Token::Error, span));
                i = line_end;
            }
            _ => {
                out.push(raw[i]);
                i += 1;
            }
        }
    }
    out
}

/// Whether the tokens after a tag are YAML text rather than one svc value:
/// more than one token, and not a name with dots (`Table.Arn`).
fn is_text(argument: &[(Token, Span)]) -> bool {
    let path = argument.iter().enumerate().all(|(n, (t, _))| *t == if n % 2 == 0 { Token::Ident } else { Token::Dot });
    let starts_value = matches!(
        argument.first(),
        Some((Token::Str(_) | Token::Var(_) | Token::LBracket | Token::LBrace | Token::Tag, _))
    );
    argument.len() > 1 && !path && !starts_value
}
