//! The output buffer: text, line breaks and indentation.

/// Columns a one-line list, object or call may reach, indentation and key
/// included, before it is broken over several lines.
pub const MAX_WIDTH: usize = 100;

/// One level of indentation.
pub const INDENT: &str = "  ";

/// Builds the formatted text. Indentation is written lazily, with the
/// first text of a line, so blank lines stay empty.
#[derive(Debug, Default)]
pub(super) struct Printer {
    out: String,
    /// Byte offset in `out` where the current line starts.
    line_start: usize,
    /// Current indentation level.
    indent: usize,
}

impl Printer {
    /// Appends `text`, which must not contain a line break, indenting first
    /// when it starts a line.
    pub fn write(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.at_line_start() {
            for _ in 0..self.indent {
                self.out.push_str(INDENT);
            }
        }
        self.out.push_str(text);
    }

    /// Ends the current line.
    pub fn newline(&mut self) {
        self.out.push('\n');
        self.line_start = self.out.len();
    }

    /// Adds an empty line, unless at the start of the output or right
    /// after another empty line. Call it at the start of a line.
    pub fn blank_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.newline();
        }
    }

    /// Indents the following lines one level deeper.
    pub fn indent(&mut self) {
        self.indent += 1;
    }

    /// Undoes one [`Printer::indent`].
    pub fn dedent(&mut self) {
        self.indent = self.indent.saturating_sub(1);
    }

    /// True when nothing has been written on the current line.
    fn at_line_start(&self) -> bool {
        self.out.len() == self.line_start
    }

    /// The column (in characters) the next text would start at.
    pub fn column(&self) -> usize {
        if self.at_line_start() { self.indent * INDENT.len() } else { self.out[self.line_start..].chars().count() }
    }

    /// True when `text` fits on the current line within [`MAX_WIDTH`].
    pub fn fits(&self, text: &str) -> bool {
        self.column() + text.chars().count() <= MAX_WIDTH
    }

    /// The output, ending with exactly one line break (empty if nothing
    /// was written).
    pub fn finish(mut self) -> String {
        let end = self.out.trim_end_matches('\n').len();
        self.out.truncate(end);
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}
