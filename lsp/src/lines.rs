//! A document's lines: where each starts, and UTF-16 columns, both found
//! in time that does not grow with the length of a line.
//!
//! A line ends at `\n`, `\r\n` or a lone `\r`, as for the parser and the
//! protocol ([`LineStarts`], shared with the compiler's renderer). A UTF-16 column is the byte
//! column less what the characters before it on the line save in UTF-16:
//! one unit for a 2-byte character, two for a 3- or 4-byte one.
//!
//! `line_index::LineIndex`, used before, kept every non-ASCII character
//! of every line (8 bytes each), and checked and converted each position
//! by going through the non-ASCII characters of its line: semantic tokens
//! of a 900 KB line of 200,000 strings `"é日"` took 31 s. [`Lines`] keeps,
//! every [`BLOCK`] bytes, what the text before it saves, so the saving up
//! to any offset is one lookup and a count of at most [`BLOCK`] bytes.

use svc_compiler::line_breaks::LineStarts;

/// How many bytes a checkpoint of the UTF-16 saving covers.
const BLOCK: usize = 1024;

/// Where a text's lines start, and its UTF-16 savings.
#[derive(Debug, Default)]
pub struct Lines {
    /// Where each line starts.
    starts: LineStarts,
    /// `checkpoints[i]`: [`saving`] of the text's first `i * BLOCK` bytes.
    checkpoints: Vec<u32>,
    /// The text's length.
    len: usize,
}

/// A line (from 0) and a byte column on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// The line, from 0.
    pub line: u32,
    /// Bytes from the start of the line.
    pub col: u32,
}

impl Lines {
    /// The lines of `text`.
    pub fn new(text: &str) -> Self {
        let mut total = 0u32;
        let checkpoints = std::iter::once(0)
            .chain(text.as_bytes().chunks(BLOCK).map(|block| {
                total = total.wrapping_add(saving(block));
                total
            }))
            .collect();
        Lines { starts: LineStarts::new(text), checkpoints, len: text.len() }
    }

    /// The line and byte column of `offset` (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.len);
        let line = self.starts.line_of(offset);
        let start = self.starts.start(line).unwrap_or_default();
        LineCol { line: line as u32, col: (offset - start) as u32 }
    }

    /// Where `line` starts; `None` past the last line.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.starts.start(line as usize)
    }

    /// How many fewer UTF-16 units than bytes `text[..offset]` takes,
    /// counting only the characters that end by `offset`. `text` is the
    /// text these lines were made of.
    pub fn saved(&self, text: &str, offset: usize) -> u32 {
        let offset = text.floor_char_boundary(offset);
        let block = offset / BLOCK;
        let before = self.checkpoints.get(block).copied().unwrap_or_default();
        before.wrapping_add(saving(&text.as_bytes()[block * BLOCK..offset]))
    }
}

/// Bytes less UTF-16 units, counted byte by byte so that it adds up over
/// any split of the text: each continuation byte saves one, and a 4-byte
/// character (a surrogate pair in UTF-16) gives one back at its first
/// byte. Wrapping: a split after a 4-byte character's first byte is one
/// below zero until its continuation bytes are counted.
fn saving(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |sum, &byte| {
        let continuation = u32::from(byte & 0xC0 == 0x80);
        let four_byte_lead = u32::from(byte & 0xF8 == 0xF0);
        sum.wrapping_add(continuation).wrapping_sub(four_byte_lead)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr() {
        let text = "a\nbc\r\nd\re\r";
        let lines = Lines::new(text);
        let found: Vec<(u32, u32)> = (0..=text.len()).map(|at| lines.line_col(at)).map(|l| (l.line, l.col)).collect();
        let expected = [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (1, 3), (2, 0), (2, 1), (3, 0), (3, 1), (4, 0)];
        assert_eq!(found, expected);
        assert_eq!((lines.line_start(2), lines.line_start(4), lines.line_start(5)), (Some(6), Some(10), None));
        assert_eq!(lines.line_col(99), LineCol { line: 4, col: 0 }, "clamped");
    }

    #[test]
    fn the_saving_before_every_offset_is_bytes_less_utf16_units() {
        // Long enough to cross checkpoints, with a 4-byte character cut by
        // one of them.
        let mut text = "a".repeat(BLOCK - 1);
        text.push_str(&"é日🚀x\u{80}".repeat(700));
        let lines = Lines::new(&text);
        for offset in 0..=text.len() {
            let whole = text.floor_char_boundary(offset);
            let expected = whole - text[..whole].encode_utf16().count();
            assert_eq!(lines.saved(&text, offset) as usize, expected, "at {offset}");
        }
    }
}
