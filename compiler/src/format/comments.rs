//! Comments and the layout the tree does not keep: a cursor over the
//! file's comments, and blank-line detection in the source.

use crate::span::Span;
use crate::syntax::Comment;

/// The file's comments, in source order, with the index of the first one
/// not printed yet. The printer walks the tree in source order and takes
/// every comment that starts before the node it is about to print.
#[derive(Debug)]
pub(super) struct Comments<'a> {
    all: &'a [Comment],
    next: usize,
}

impl<'a> Comments<'a> {
    /// A cursor at the first of `all`.
    pub fn new(all: &'a [Comment]) -> Self {
        Self { all, next: 0 }
    }

    /// The next comment not printed yet.
    pub fn peek(&self) -> Option<&'a Comment> {
        self.all.get(self.next)
    }

    /// Marks the comment returned by [`Comments::peek`] as printed.
    pub fn advance(&mut self) {
        self.next += 1;
    }

    /// Takes the next comment if it starts before byte `offset`.
    pub fn take_before(&mut self, offset: usize) -> Option<&'a Comment> {
        let comment = self.peek().filter(|c| start(c) < offset)?;
        self.advance();
        Some(comment)
    }

    /// True when a comment starts strictly inside `span` (so the node at
    /// `span` cannot be printed on one line).
    pub fn any_inside(&self, span: Span) -> bool {
        let first = self.all.partition_point(|c| c.span.start <= span.start);
        self.all.get(first).is_some_and(|c| c.span.start < span.end)
    }
}

/// Where a comment starts.
pub(super) fn start(comment: &Comment) -> usize {
    comment.span.start as usize
}

/// Where a comment ends.
pub(super) fn end(comment: &Comment) -> usize {
    comment.span.end as usize
}

/// True when `gap`, the source between two pieces of code, holds an empty
/// line: a line other than its first and last (which hold the code) with
/// nothing but whitespace.
pub(super) fn has_blank_line(gap: &str) -> bool {
    let mut lines = gap.split('\n').skip(1).peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_some() && line.trim().is_empty() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::has_blank_line;

    #[test]
    fn blank_lines_are_whitespace_only_interior_lines() {
        assert!(!has_blank_line(""));
        assert!(!has_blank_line(" "));
        assert!(!has_blank_line("\n"));
        assert!(!has_blank_line("  # c\n  "));
        assert!(has_blank_line("\n\n"));
        assert!(has_blank_line("\r\n \t\r\n  "));
        assert!(!has_blank_line("\n# c\n"));
        assert!(has_blank_line(" # c\n\n# d\n"));
    }
}
