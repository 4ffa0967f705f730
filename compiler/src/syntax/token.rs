//! Tokens: the raw ones logos recognises, and the ones the parser reads.

use std::fmt;

use logos::Logos;

/// What logos recognises. Strings and variables are only *started* here
/// (`"`, `"""`, `'`, `${`); the [`super::lexer`] scans their insides by hand
/// because they nest.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
#[logos(skip r"[ \t\r\f]+")]
pub(crate) enum RawToken {
    #[token("\n")]
    Newline,
    #[regex(r"#[^\n]*", allow_greedy = true)]
    #[regex(r"//[^\n]*", allow_greedy = true)]
    Comment,
    #[regex(r"[A-Za-z_][A-Za-z0-9_\-]*(::[A-Za-z_][A-Za-z0-9_\-]*)*")]
    Ident,
    #[token("true")]
    True,
    #[token("false")]
    False,
    #[token("null")]
    Null,
    #[regex(r"-?[0-9]([0-9A-Za-z_.]|[eE][+\-])*")]
    Number,
    #[token("\"")]
    Quote,
    #[token("\"\"\"")]
    TripleQuote,
    #[token("'")]
    SingleQuote,
    #[token("${")]
    Dollar,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("=")]
    Eq,
    #[token(",")]
    Comma,
    #[token(".")]
    Dot,
    #[token(":")]
    Colon,
    /// A YAML tag such as `!Ref` (reported: svc writes `ref(…)`).
    #[regex(r"![A-Za-z][A-Za-z0-9]*")]
    Tag,
    /// A lone `-`: a YAML list item when it starts a line, else an error.
    #[token("-")]
    Dash,
}

/// A token as the parser sees it. Strings and variables point into the
/// lexer's side tables, so tokens stay small and `Copy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Token {
    /// A line break (only where it separates items: not inside `[]` or `()`).
    Newline,
    /// An identifier (`memorySize`, `hello-world`, `AWS::Region`).
    Ident,
    /// `true`
    True,
    /// `false`
    False,
    /// `null`
    Null,
    /// A number as written (checked by the lexer).
    Number,
    /// A string literal: index into the lexer's strings.
    Str(u32),
    /// A whole-value variable: index into the lexer's variables.
    Var(u32),
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `=`
    Eq,
    /// `,`
    Comma,
    /// `.`
    Dot,
    /// `:`
    Colon,
    /// A YAML tag such as `!Ref`, read as the call it stands for.
    Tag,
    /// A `-` starting a line: a YAML list item.
    Dash,
    /// Source already reported and skipped (too deep, unreadable).
    Error,
}

impl Token {
    /// The closing delimiter for an opening one.
    pub(crate) fn closer(self) -> Option<Token> {
        match self {
            Token::LBrace => Some(Token::RBrace),
            Token::LBracket => Some(Token::RBracket),
            Token::LParen => Some(Token::RParen),
            _ => None,
        }
    }

    /// True for `}`, `]` and `)`.
    pub(crate) fn is_closer(self) -> bool {
        matches!(self, Token::RBrace | Token::RBracket | Token::RParen)
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Token::Newline => "a line break",
            Token::Ident => "a name",
            Token::True => "`true`",
            Token::False => "`false`",
            Token::Null => "`null`",
            Token::Number => "a number",
            Token::Str(_) => "a string",
            Token::Var(_) => "a variable",
            Token::LBrace => "`{`",
            Token::RBrace => "`}`",
            Token::LBracket => "`[`",
            Token::RBracket => "`]`",
            Token::LParen => "`(`",
            Token::RParen => "`)`",
            Token::Eq => "`=`",
            Token::Comma => "`,`",
            Token::Dot => "`.`",
            Token::Colon => "`:`",
            Token::Tag => "a YAML tag",
            Token::Dash => "`-`",
            Token::Error => "invalid source",
        })
    }
}
