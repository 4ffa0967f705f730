//! Syntax: source text to a tree with spans, comments and error nodes.
//!
//! [`parse`] never fails and never panics: it returns a [`File`] for any
//! input, with every syntax problem as a [`Diagnostic`].

pub mod ast;
mod lexer;
mod parser;
mod scan;
mod token;

pub use ast::*;
pub use lexer::MAX_DEPTH;

use crate::diagnostic::{self, Diagnostic};

/// A parsed file and the syntax problems found in it.
#[derive(Clone, Debug)]
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

/// Parses svc source text.
pub fn parse(src: &str) -> Parse {
    let lexed = lexer::lex(src);
    let (file, parse_diagnostics) = parser::parse(src, &lexed);
    let mut diagnostics = lexed.diagnostics;
    diagnostics.extend(parse_diagnostics);
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup_by(|a, b| a.primary.span == b.primary.span && a.code == b.code);
    Parse { file, diagnostics }
}
