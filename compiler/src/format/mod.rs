//! The canonical formatter: prints a syntax tree back as svc source in the
//! one layout every svc file should have.
//!
//! The layout, in short:
//! - two-space indentation, `\n` line endings, one trailing newline, no
//!   trailing whitespace;
//! - items in source order, at most one blank line between them where the
//!   source had at least one, none after `{`, before `}` or at the start;
//! - the `=` of consecutive attributes (a *run*: no blank line or block in
//!   between) aligned, and so for the entries of a multi-line object;
//! - lists and objects on one line when they fit in [`MAX_WIDTH`] columns
//!   and hold no comment or block string, otherwise one element per line;
//!   calls on one line too, their arguments one per line only when a
//!   comment is inside (a long call lets its last list or object break);
//! - strings, names and variables re-emitted from their decoded form in
//!   canonical quoting; numbers as written;
//! - every comment kept, next to the code it stood next to.
//!
//! [`format_source`] parses and refuses sources with syntax errors;
//! [`format_file`] prints an already parsed tree.

mod align;
mod block_string;
mod body;
mod comments;
mod error;
mod flat;
mod formatter;
mod printer;
mod text;
mod value;
mod variable;

pub use error::FormatError;
pub use printer::{INDENT, MAX_WIDTH};
pub use text::{is_bare_key, key_literal, string_literal, string_literal_of};

use crate::diagnostic::Diagnostic;
use crate::syntax::{File, parse};

use formatter::Formatter;

/// Parses `src` and returns it in canonical layout.
///
/// # Errors
///
/// [`FormatError::Syntax`] with the error diagnostics when `src` has a
/// syntax error: the formatter does not guess what was meant.
pub fn format_source(src: &str) -> Result<String, FormatError> {
    // A lone `\r` ends a line (see `line_breaks`); the formatter reads the
    // text between tokens for blank lines.
    let src = &*crate::line_breaks::normalized(src);
    let parsed = parse(src);
    if parsed.has_errors() {
        let errors = parsed.diagnostics.into_iter().filter(Diagnostic::is_error).collect();
        return Err(FormatError::Syntax(errors));
    }
    Ok(format_file(&parsed.file, src))
}

/// Prints `file`, the tree parsed from `src`, in canonical layout.
///
/// `src` is read for what the tree does not keep: blank lines between
/// items and the position of comments relative to the code. The tree
/// should have no error nodes; any it has are copied from `src` as written.
#[must_use]
pub fn format_file(file: &File, src: &str) -> String {
    let mut formatter = Formatter::new(src, &file.comments);
    formatter.items(&file.items, src.len());
    formatter.finish()
}
