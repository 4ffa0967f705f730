//! The body of a `"""` block string, as lines to indent.
//!
//! The scanner strips the common indentation of a block string's lines
//! (the closing `"""` line included when it stands alone), drops the
//! blanks before a closing `"""` that stands alone, and ends the text with
//! `\n` exactly when it does. The lines made here survive that: printed
//! one level deeper than the opening line, they decode to the same text.

use crate::syntax::{StringLit, StringPart};

use super::text::{self, Mode};
use super::variable::{Quoting, variable_in_string};

/// The lines of the block string `lit`, escaped and not indented. The
/// last line is the one the closing `"""` goes on: empty when the text
/// ends with a line break (the `"""` then stands alone).
pub(super) fn lines(lit: &StringLit) -> Vec<String> {
    let body = escaped(lit);
    let mut lines: Vec<String> = body.split('\n').map(str::to_owned).collect();
    let last = lines.len() - 1;
    for line in &mut lines[..last] {
        escape_trailing_blank(line);
    }
    if lines[last].trim().is_empty() {
        escape_trailing_blank(&mut lines[last]);
    }
    if !lines[last].is_empty() {
        anchor_indentation(&mut lines);
    }
    lines
}

/// The decoded parts with block-string escapes; line breaks stay.
fn escaped(lit: &StringLit) -> String {
    let mut out = String::new();
    let count = lit.parts.len();
    for (i, part) in lit.parts.iter().enumerate() {
        match part {
            StringPart::Text { text, .. } => text::push_text(&mut out, text, Mode::Block, i + 1 == count),
            StringPart::Sub { text, .. } => out.push_str(text),
            StringPart::Variable(var) => out.push_str(&variable_in_string(var, Quoting::String)),
        }
    }
    out
}

/// Escapes the last character of `line` if it is whitespace, so that the
/// line has no trailing whitespace (which the scanner may drop) and is not
/// blank (blank lines do not count for the common indentation).
fn escape_trailing_blank(line: &mut String) {
    let Some(last) = line.chars().next_back().filter(|c| c.is_whitespace()) else {
        return;
    };
    line.truncate(line.len() - last.len_utf8());
    push_blank_escape(line, last);
}

/// When the closing `"""` follows the text, only the text lines set the
/// common indentation: if every line starts with blanks of its own, the
/// first blank of the first such line is escaped so that it is not taken
/// for indentation.
fn anchor_indentation(lines: &mut [String]) {
    let leading = |line: &String| line.len() - line.trim_start_matches([' ', '\t']).len();
    let mut text_lines = lines.iter_mut().filter(|line| !line.trim().is_empty());
    let Some(first) = text_lines.next() else {
        return;
    };
    if leading(first) == 0 || text_lines.any(|line| leading(line) == 0) {
        return;
    }
    let blank = first.remove(0);
    let mut escape = String::new();
    push_blank_escape(&mut escape, blank);
    first.insert_str(0, &escape);
}

/// `\t` for a tab, `\u{..}` for any other blank.
fn push_blank_escape(out: &mut String, blank: char) {
    if blank == '\t' {
        out.push_str("\\t");
    } else {
        text::push_unicode_escape(out, blank);
    }
}
