//! The formatter's state, and the placing of comments.
//!
//! The tree is printed in source order while a cursor walks the comments:
//! before each node, every comment that starts before it is printed on a
//! line of its own; after each line of code, a comment that followed that
//! code on the same source line is appended to it.

use crate::syntax::Comment;

use super::comments::{self, Comments, has_blank_line};
use super::printer::Printer;

/// Prints one file: the output, the source and the comments still to
/// place. The printing itself is in `body` (items, blocks) and `value`.
pub(super) struct Formatter<'a> {
    /// The source the tree was parsed from.
    pub src: &'a str,
    /// The output.
    pub out: Printer,
    /// The comments not printed yet.
    pub comments: Comments<'a>,
}

impl<'a> Formatter<'a> {
    /// A formatter for `src` with its `comments`.
    pub fn new(src: &'a str, comments: &'a [Comment]) -> Self {
        Self { src, out: Printer::default(), comments: Comments::new(comments) }
    }

    /// The formatted text.
    pub fn finish(self) -> String {
        self.out.finish()
    }

    /// After code that ends at byte `end`: appends the next comment to the
    /// current line if it follows that code on the same source line and
    /// starts before `limit` (the next node, or the closing delimiter).
    /// Returns where the comment ends.
    pub fn trailing_comment(&mut self, end: usize, limit: usize) -> Option<usize> {
        let comment = self.comments.peek()?;
        let start = comments::start(comment);
        if start < end || start >= limit || self.src[end..start].contains('\n') {
            return None;
        }
        self.comments.advance();
        self.out.write(" ");
        self.out.write(&comment.text);
        Some(comments::end(comment))
    }

    /// Prints the comments that start before byte `before`, one per line,
    /// keeping one blank line where the source had some between two of them
    /// or between `prev_end` (the end of the code or comment printed last,
    /// `None` at the start of a body) and the first. Returns the new
    /// `prev_end`.
    pub fn comment_lines(&mut self, before: usize, mut prev_end: Option<usize>) -> Option<usize> {
        while let Some(comment) = self.comments.take_before(before) {
            self.blank_line_between(prev_end, comments::start(comment));
            self.out.write(&comment.text);
            self.out.newline();
            prev_end = Some(comments::end(comment));
        }
        prev_end
    }

    /// Prints the comments that start before byte `before`, one per line,
    /// with no blank lines (inside lists, objects and calls).
    pub fn plain_comment_lines(&mut self, before: usize) {
        while let Some(comment) = self.comments.take_before(before) {
            self.out.write(&comment.text);
            self.out.newline();
        }
    }

    /// Adds a blank line if the source has one between `prev_end` and
    /// `start`.
    pub fn blank_line_between(&mut self, prev_end: Option<usize>, start: usize) {
        if let Some(end) = prev_end
            && end < start
            && has_blank_line(&self.src[end..start])
        {
            self.out.blank_line();
        }
    }

    /// The offset of the first `delimiter` from `from` up to `to` (the `{`
    /// of a block after its labels, the `(` of a call after its name);
    /// `from` if there is none.
    pub fn find(&self, delimiter: char, from: usize, to: usize) -> usize {
        let within = self.src.get(from..to.max(from)).unwrap_or_default();
        within.find(delimiter).map_or(from, |i| from + i)
    }
}
