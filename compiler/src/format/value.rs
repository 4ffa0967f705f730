//! Values: on one line when they fit, otherwise lists, objects and calls
//! one element per line, and block strings over their lines.

use crate::span::Span;
use crate::syntax::{Attribute, Call, StringLit, StringStyle, Value, ValueKind};

use super::align;
use super::block_string;
use super::body::closer_offset;
use super::flat;
use super::formatter::Formatter;
use super::text;

impl Formatter<'_> {
    /// Prints `value` starting at the current column.
    pub fn value(&mut self, value: &Value) {
        match &value.kind {
            ValueKind::List(items) => self.list(value, items),
            ValueKind::Object(entries) => self.object(value, entries),
            ValueKind::Call(call) => self.call(value, call),
            ValueKind::String(lit) if lit.style == StringStyle::Block => self.block_string(lit),
            _ => {
                let text = self.inline(value).unwrap_or_default();
                self.out.write(&text);
            }
        }
    }

    /// The one-line form of `value`, if it has one.
    fn inline(&self, value: &Value) -> Option<String> {
        flat::inline(value, self.src, &self.comments)
    }

    /// Writes the one-line form of `value` if it has one and it fits (or
    /// breaking would not help: `empty`). Returns true if written.
    fn try_inline(&mut self, value: &Value, empty: bool) -> bool {
        match self.inline(value) {
            Some(text) if empty || self.out.fits(&text) => {
                self.out.write(&text);
                true
            }
            _ => false,
        }
    }

    /// `[a, b]`, or one element per line.
    fn list(&mut self, value: &Value, items: &[Value]) {
        if !self.try_inline(value, items.is_empty()) {
            let close = closer_offset(self.src, value.span.end as usize, ']');
            self.broken(("[", "]"), value.span.start as usize + 1, close, items, 0);
        }
    }

    /// `{ k = v }`, or one entry per line with aligned `=`.
    fn object(&mut self, value: &Value, entries: &[Attribute]) {
        if !self.try_inline(value, entries.is_empty()) {
            let close = closer_offset(self.src, value.span.end as usize, '}');
            let width = align::entries_key_width(entries);
            self.broken(("{", "}"), value.span.start as usize + 1, close, entries, width);
        }
    }

    /// `name(a, b)`; one argument per line only when a comment is inside.
    fn call(&mut self, value: &Value, call: &Call) {
        if self.try_inline(value, call.args.is_empty()) {
            return;
        }
        self.out.write(&text::name(&call.name));
        let open = self.find('(', call.name.span.end as usize, value.span.end as usize) + 1;
        let close = closer_offset(self.src, value.span.end as usize, ')');
        if self.comments.any_inside(Span::new(open - 1, close)) {
            self.broken(("(", ")"), open, close, &call.args, 0);
            return;
        }
        self.out.write("(");
        for (i, arg) in call.args.iter().enumerate() {
            if i > 0 {
                self.out.write(", ");
            }
            self.value(arg);
        }
        self.out.write(")");
    }

    /// Elements one per line between `delimiters`, with their comments.
    /// `open` is the offset just past the opening delimiter, `close` that
    /// of the closing one; `key_width` aligns object entries.
    fn broken<E: Element>(
        &mut self,
        delimiters: (&str, &str),
        open: usize,
        close: usize,
        elements: &[E],
        key_width: usize,
    ) {
        self.out.write(delimiters.0);
        let limit = elements.first().map_or(close, |e| e.span().start as usize);
        self.trailing_comment(open, limit);
        self.out.newline();
        self.out.indent();
        for (i, element) in elements.iter().enumerate() {
            let span = element.span();
            self.plain_comment_lines(span.start as usize);
            element.print(self, key_width);
            self.out.write(E::SEPARATOR);
            let limit = elements.get(i + 1).map_or(close, |next| next.span().start as usize);
            self.trailing_comment(span.end as usize, limit);
            self.out.newline();
        }
        self.plain_comment_lines(close);
        self.out.dedent();
        self.out.write(delimiters.1);
    }

    /// `"""`, the lines one level deeper, `"""`.
    fn block_string(&mut self, lit: &StringLit) {
        self.out.write("\"\"\"");
        self.out.indent();
        for line in block_string::lines(lit) {
            self.out.newline();
            self.out.write(&line);
        }
        self.out.write("\"\"\"");
        self.out.dedent();
    }
}

/// An element of a list, call or object printed one per line.
trait Element {
    /// What follows each element: `,` in lists and calls, nothing in
    /// objects (their entries end with the line).
    const SEPARATOR: &'static str;

    /// Where the element is.
    fn span(&self) -> Span;

    /// Prints the element (an object entry with its key padded).
    fn print(&self, formatter: &mut Formatter<'_>, key_width: usize);
}

impl Element for Value {
    const SEPARATOR: &'static str = ",";

    fn span(&self) -> Span {
        self.span
    }

    fn print(&self, formatter: &mut Formatter<'_>, _key_width: usize) {
        formatter.value(self);
    }
}

impl Element for Attribute {
    const SEPARATOR: &'static str = "";

    fn span(&self) -> Span {
        self.span
    }

    fn print(&self, formatter: &mut Formatter<'_>, key_width: usize) {
        formatter.attribute(self, key_width);
    }
}
