//! The string literals and variables the lexer scanned, which the parser
//! moves into the tree rather than cloning.
//!
//! A token is normally built into the tree once. Should the parser meet it
//! again (after backtracking, or in the second pass over a file with
//! errors), its entry is gone, and it is scanned again from the source:
//! the same text always scans to the same value.

use std::sync::Arc;

use std::cell::Cell;
use std::fmt;

use super::ast::{StringLit, Variable};
use super::scan::Scanner;

/// What the parser can scan again from where its token starts.
pub(crate) trait Rescan {
    /// Scans the token starting at byte `start` of `src` again.
    fn rescan(src: &str, start: usize) -> Self;
}

impl Rescan for StringLit {
    fn rescan(src: &str, start: usize) -> Self {
        let mut scanner = Scanner::new(src);
        let rest = &src[start..];
        let (lit, _) = if rest.starts_with("\"\"\"") {
            scanner.block(start)
        } else if rest.starts_with('"') {
            scanner.quoted(start)
        } else if let Some(end) = super::schedule_expression::end(src, start) {
            (super::schedule_expression::quote(src, start, end).0, end)
        } else {
            scanner.single_quoted(start)
        };
        lit
    }
}

impl Rescan for Arc<Variable> {
    fn rescan(src: &str, start: usize) -> Self {
        Scanner::new(src).variable(start, false)
    }
}

/// Scanned values, indexed by their token ([`super::token::Token::Str`],
/// [`super::token::Token::Var`]).
pub(crate) struct Scanned<T> {
    entries: Vec<Cell<Option<T>>>,
}

impl<T> fmt::Debug for Scanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scanned").field("len", &self.entries.len()).finish_non_exhaustive()
    }
}

impl<T> Default for Scanned<T> {
    fn default() -> Self {
        Self { entries: Vec::new() }
    }
}

impl<T: Rescan> Scanned<T> {
    /// Adds a value and returns its index.
    pub fn push(&mut self, value: T) -> u32 {
        self.entries.push(Cell::new(Some(value)));
        u32::try_from(self.entries.len() - 1).unwrap_or(u32::MAX)
    }

    /// The value of the token `index`, which starts at byte `start` of
    /// `src`, moved out of the table (scanned again if already taken).
    pub fn take(&self, src: &str, index: u32, start: usize) -> T {
        self.entries.get(index as usize).and_then(Cell::take).unwrap_or_else(|| T::rescan(src, start))
    }

    /// `f` of the value of the token `index`, which stays in the table.
    pub fn inspect<R>(&self, src: &str, index: u32, start: usize, f: impl FnOnce(&T) -> R) -> R {
        let value = self.take(src, index, start);
        let result = f(&value);
        if let Some(entry) = self.entries.get(index as usize) {
            entry.set(Some(value));
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer::lex;
    use super::super::token::Token;

    /// Every literal and variable scans again to the value the lexer made.
    #[test]
    fn taking_twice_rescans_the_same_value() {
        let src = "a = \"x ${opt:stage, 'dev'} \\u{e9}\"\nb = 'y'\nc = \"\"\"\n  text ${self:a}\n  \"\"\"\nd = ${env:X, \"z\"}\n";
        let lexed = lex(src);
        let mut seen = 0;
        for &(token, span) in &lexed.tokens {
            let start = span.start as usize;
            match token {
                Token::Str(i) => {
                    let first = lexed.strings.take(src, i, start);
                    assert_eq!(first, lexed.strings.take(src, i, start));
                }
                Token::Var(i) => {
                    let first = lexed.variables.take(src, i, start);
                    assert_eq!(first, lexed.variables.take(src, i, start));
                }
                _ => continue,
            }
            seen += 1;
        }
        assert_eq!(seen, 4);
    }

    /// Inspecting leaves the value in place.
    #[test]
    fn inspect_keeps_the_value() {
        let src = "\"a\" = 1\n";
        let lexed = lex(src);
        let plain = lexed.strings.inspect(src, 0, 0, super::StringLit::as_plain);
        assert_eq!(plain.as_deref(), Some("a"));
        assert!(lexed.strings.entries[0].take().is_some());
    }
}
