//! Syntax: source text to a tree with spans, comments and error nodes.
//!
//! [`parse`] never fails and never panics: it returns a [`File`] for any
//! input, with every syntax problem as a [`Diagnostic`].

pub mod ast;
mod event_wrapper;
mod lexer;
mod parser;
mod scan;
mod scanned;
mod schedule_expression;
mod structure;
mod token;
mod yaml_habit;
mod yaml_import;
mod yaml_list;
mod yaml_mapping;
mod yaml_tag;

pub use ast::*;
pub use lexer::MAX_DEPTH;

use crate::diagnostic::{self, Diagnostic};
use crate::span::Span;

/// A parsed file and the syntax problems found in it.
#[derive(Clone, Debug, Default)]
pub struct Parse {
    /// The tree; error nodes stand where the source made no sense.
    pub file: File,
    /// Every syntax problem, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Parse {
    /// True when the file has a syntax error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Lexes `src` and returns the number of tokens the parser would read
/// (brackets balanced, insignificant line breaks dropped), discarding them.
///
/// For the benchmarks only (`compiler/benches/syntax.rs` times the lexer
/// apart from the parser): not part of the supported API.
#[doc(hidden)]
pub fn lex_only(src: &str) -> usize {
    lexer::lex(src).tokens.len()
}

/// The text and `${…}` variables of a string that is not svc source (a
/// value in a JSON or YAML file read by `${file(...)}`, where the Serverless
/// Framework resolves variables too). `None` when it holds no variable;
/// spans are offsets into `text`.
pub fn parse_raw_template(text: &str) -> Option<(Vec<StringPart>, Vec<Diagnostic>)> {
    if !text.contains("${") {
        return None;
    }
    let (parts, diagnostics) = raw_parts(text);
    let has_variable = parts.iter().any(|p| matches!(p, StringPart::Variable(_)));
    has_variable.then_some((parts, diagnostics))
}

/// The parts of text that is not svc source, as [`parse_raw_template`]
/// reads them — text, CloudFormation `${Name}` parts and variables — with
/// what is wrong in its `${…}`; spans are offsets into `text`.
pub fn raw_parts(text: &str) -> (Vec<StringPart>, Vec<Diagnostic>) {
    let mut scanner = scan::Scanner::new(text);
    let parts = scanner.raw();
    (parts, scanner.diagnostics)
}

/// Parses svc source text. A lone `\r` ends a line, as `\n` and `\r\n`
/// do ([`crate::line_breaks`]).
pub fn parse(src: &str) -> Parse {
    let src = &*crate::line_breaks::normalized(src);
    let lexed = lexer::lex(src);
    let budget = lexer::MAX_ERRORS.saturating_sub(lexed.diagnostics.len());
    let (mut items, parse_diagnostics) = parser::parse(src, &lexed, budget);
    let mut diagnostics = lexed.diagnostics;
    diagnostics.extend(parse_diagnostics);
    event_wrapper::unwrap(src, &mut items, &mut diagnostics);
    let file = File { items, comments: lexed.comments, span: Span::new(0, src.len()) };
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup_by(|a, b| a.primary.span == b.primary.span && a.code == b.code);
    yaml_habit::absorb(src, &mut diagnostics);
    Parse { file, diagnostics }
}
