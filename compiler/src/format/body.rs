//! Items: the bodies of the file and of blocks, attributes and blocks.

use crate::syntax::{Attribute, Block, Item};

use super::align;
use super::formatter::Formatter;
use super::text;

impl Formatter<'_> {
    /// Prints the items of a body, one per line, with the comments before
    /// them and after them on their lines. `close` is the offset of the
    /// body's closing `}` (the end of the source for the file): comments
    /// before it that follow the last item go at the end of the body.
    pub fn items(&mut self, items: &[Item], close: usize) {
        let widths = align::key_widths(items, self.src);
        let mut prev_end = None;
        for (i, item) in items.iter().enumerate() {
            let span = item.span();
            prev_end = self.comment_lines(span.start as usize, prev_end);
            self.blank_line_between(prev_end, span.start as usize);
            self.item(item, widths[i]);
            let limit = items.get(i + 1).map_or(close, |next| next.span().start as usize);
            let end = self.trailing_comment(span.end as usize, limit);
            self.out.newline();
            prev_end = Some(end.unwrap_or(span.end as usize));
        }
        self.comment_lines(close, prev_end);
    }

    /// One item; error nodes are copied from the source as written.
    fn item(&mut self, item: &Item, key_width: usize) {
        match item {
            Item::Attribute(attribute) => self.attribute(attribute, key_width),
            Item::Block(block) => self.block(block),
            Item::Error(span) => self.out.write(self.src.get(span.range()).unwrap_or_default()),
        }
    }

    /// `key = value`, the key padded to `key_width` characters.
    pub fn attribute(&mut self, attribute: &Attribute, key_width: usize) {
        let key = text::name(&attribute.key);
        let padding = key_width.saturating_sub(key.chars().count());
        self.out.write(&key);
        self.out.write(&" ".repeat(padding));
        self.out.write(" = ");
        self.value(&attribute.value);
    }

    /// `kind label* {` body `}`, or `kind label* {}` when empty.
    fn block(&mut self, block: &Block) {
        self.out.write(&text::name(&block.kind));
        for label in &block.labels {
            self.out.write(" ");
            self.out.write(&text::name(label));
        }
        let header_end = block.labels.last().unwrap_or(&block.kind).span.end as usize;
        let open = self.find('{', header_end, block.span.end as usize);
        let close = closer_offset(self.src, block.span.end as usize, '}');
        if block.body.is_empty() && self.comments.peek().is_none_or(|c| c.span.start as usize >= close) {
            self.out.write(" {}");
            return;
        }
        self.out.write(" {");
        let limit = block.body.first().map_or(close, |item| item.span().start as usize);
        self.trailing_comment(open + 1, limit);
        self.out.newline();
        self.out.indent();
        self.items(&block.body, close);
        self.out.dedent();
        self.out.write("}");
    }
}

/// The offset of the closing delimiter of a node that ends at `end`: the
/// byte before `end` if it is `closer` (the lexer may insert closers that
/// are not in the source; those have no byte).
pub(super) fn closer_offset(src: &str, end: usize, closer: char) -> usize {
    let before = end.saturating_sub(closer.len_utf8());
    let present = src.get(before..end).is_some_and(|text| text.starts_with(closer));
    if present { before } else { end }
}
