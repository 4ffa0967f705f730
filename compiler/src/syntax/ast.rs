//! The syntax tree of an svc file.
//!
//! Every node carries the byte [`Span`] of the source it came from. Parts
//! the parser could not make sense of become error nodes ([`Item::Error`],
//! [`ValueKind::Error`]) so that the rest of the file is still a tree.
//! Comments are not nodes: they are kept in [`File::comments`], in source
//! order, and placed by position (the formatter and the editor both do so).

use std::sync::Arc;

use compact_str::CompactString;

use crate::span::Span;

/// A parsed file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct File {
    /// Top-level attributes and blocks, in source order.
    pub items: Vec<Item>,
    /// Every comment of the file, in source order.
    pub comments: Vec<Comment>,
    /// The whole file.
    pub span: Span,
}

/// A line comment, `# ...` or `// ...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The comment's text, marker included, trailing spaces removed.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// A statement in a file or block body.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `key = value`
    Attribute(Attribute),
    /// `kind label* { items }`
    Block(Block),
    /// Source the parser skipped after reporting an error.
    Error(Span),
}

impl Item {
    /// The item's span.
    pub fn span(&self) -> Span {
        match self {
            Item::Attribute(attribute) => attribute.span,
            Item::Block(block) => block.span,
            Item::Error(span) => *span,
        }
    }
}

/// A name: an identifier or a quoted string used as a key or label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The name's text, unquoted and unescaped (inline up to 24 bytes:
    /// most keys cost no allocation).
    pub text: CompactString,
    /// Where it is, quotes included.
    pub span: Span,
    /// True when it was written as a string (`"My-Key" = 1`).
    pub quoted: bool,
}

/// `key = value`
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    /// The key.
    pub key: Name,
    /// The value.
    pub value: Value,
    /// From the key to the end of the value.
    pub span: Span,
}

/// `kind label* { items }`, such as `function hello { ... }` or
/// `resource UsersTable "AWS::DynamoDB::Table" { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// The block's kind (`provider`, `function`, `httpApi`, ...).
    pub kind: Name,
    /// Labels after the kind: identifiers or strings.
    pub labels: Vec<Name>,
    /// The items of the body.
    pub body: Vec<Item>,
    /// From the kind to the closing `}`.
    pub span: Span,
}

/// A value with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// What kind of value.
    pub kind: ValueKind,
    /// Where it is.
    pub span: Span,
}

/// The kinds of value.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    /// `"..."` or `"""..."""`, possibly with `${...}` inside.
    String(StringLit),
    /// A decimal number, kept as written.
    Number(String),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// `[a, b, ...]`
    List(Vec<Value>),
    /// `{ key = value, ... }`
    Object(Vec<Attribute>),
    /// A whole-value variable `${source:address, fallback}` (boxed: rare
    /// and large, it would make every value larger).
    Variable(Arc<Variable>),
    /// An intrinsic call `name(args)`, such as `ref(Table)` or `sub("...")`
    /// (boxed, like variables).
    Call(Box<Call>),
    /// A dotted reference, `Table` or `Table.Arn`: only inside call arguments.
    Path(Vec<Name>),
    /// Source the parser skipped after reporting an error.
    Error,
}

/// How a string was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringStyle {
    /// `"..."` on one line.
    Quoted,
    /// `"""` on its own line, text, `"""` (indentation stripped).
    Block,
}

/// A string literal: text with variables inside.
#[derive(Clone, Debug, PartialEq)]
pub struct StringLit {
    /// The parts, in order. Adjacent text is merged into one part.
    pub parts: Vec<StringPart>,
    /// How it was written.
    pub style: StringStyle,
}

impl StringLit {
    /// The string's text when it holds no variable.
    pub fn as_plain(&self) -> Option<String> {
        let mut text = String::new();
        for part in &self.parts {
            match part {
                StringPart::Text { text: t, .. } | StringPart::Sub { text: t, .. } => text.push_str(t),
                StringPart::Variable(_) => return None,
            }
        }
        Some(text)
    }
}

/// A piece of a string literal (or of a variable's address or parameter).
#[derive(Clone, Debug, PartialEq)]
pub enum StringPart {
    /// Literal text, escapes decoded.
    Text {
        /// The decoded text (inline up to 24 bytes).
        text: CompactString,
        /// Where it is in the source.
        span: Span,
    },
    /// `${AWS::Region}`, `${Table.Arn}`, `${!Literal}`: CloudFormation `Fn::Sub`
    /// syntax, kept as text (`text` includes `${` and `}`).
    Sub {
        /// The text as written, `${` and `}` included.
        text: CompactString,
        /// Where it is.
        span: Span,
    },
    /// An svc variable, `${opt:stage}` (boxed: text parts are far more
    /// common and would otherwise each take a variable's size).
    Variable(Arc<Variable>),
}

/// A text with variables inside, such as a variable's address
/// `custom.${opt:stage}` or `file(...)` parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    /// Text and variables, in order.
    pub parts: Vec<StringPart>,
    /// Where it is.
    pub span: Span,
}

/// `${source(param):address, fallback, ...}`, Serverless Framework syntax.
#[derive(Clone, Debug, PartialEq)]
pub struct Variable {
    /// The source (`opt`, `self`, `file`, ...).
    pub source: Name,
    /// The text in parentheses after the source: `file(./a.json)` → `./a.json`.
    pub param: Option<Template>,
    /// The text after `:`: `opt:stage` → `stage`.
    pub address: Option<Template>,
    /// Fallbacks after commas, tried in order: strings, numbers, booleans,
    /// `null`, or variables.
    pub fallbacks: Vec<Value>,
    /// From `${` to `}`.
    pub span: Span,
}

/// `name(arg, ...)`
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The function (`ref`, `getAtt`, `sub`, `join`, ...).
    pub name: Name,
    /// The arguments.
    pub args: Vec<Value>,
}
