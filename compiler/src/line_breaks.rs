//! What ends a line: `\n`, `\r\n`, and a lone `\r` (a classic-Mac file),
//! as in YAML and the Language Server Protocol.
//!
//! The parser and `svc fmt` see lines through [`normalized`], which turns
//! each lone `\r` into `\n`. The copy has the same length, so every byte
//! offset (and every span) into it is an offset into the original text too.
//! The diagnostic renderer, the JSON report and the language server find
//! lines with [`LineStarts`], which counts them the same way.

use std::borrow::Cow;
use std::ops::Range;

/// `text` with each `\r` not followed by `\n` replaced by `\n`; borrowed
/// when there is none.
pub fn normalized(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |at: usize| bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n');
    match (0..bytes.len()).find(|&at| lone(at)) {
        None => Cow::Borrowed(text),
        Some(first) => {
            let mut out = bytes.to_vec();
            for (at, byte) in out.iter_mut().enumerate().skip(first) {
                if lone(at) {
                    *byte = b'\n';
                }
            }
            // Only ASCII `\r` bytes became ASCII `\n`: still UTF-8.
            Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_owned()))
        }
    }
}

/// `text` as the diagnostic renderer should split it: [`normalized`], and
/// the characters other tools also take for line breaks but svc does not
/// (vertical tab, form feed, U+0085, U+2028, U+2029) shown as spaces of the
/// same length, so that the renderer counts the lines svc counts.
pub fn for_display(text: &str) -> Cow<'_, str> {
    let others = |c: char| matches!(c, '\x0B' | '\x0C' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let text = normalized(text);
    if !text.contains(others) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if others(c) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Where each line of a text starts: four bytes a line, whatever the
/// line holds (a line index that also kept each non-ASCII character took
/// eight bytes for each of those).
#[derive(Clone, Debug, Default)]
pub struct LineStarts {
    /// The offset of each line's first byte; the first is 0.
    starts: Vec<u32>,
    /// The text's length.
    len: usize,
}

impl LineStarts {
    /// The lines of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` ends its line at the `\n`.
            if bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n') {
                starts.push(u32::try_from(at + 1).unwrap_or(u32::MAX));
            }
        }
        LineStarts { starts, len: text.len() }
    }

    /// The line (from 0) holding byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset.min(self.len)).unwrap_or(u32::MAX);
        self.starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    /// Where `line` (from 0) starts; `None` past the last line.
    pub fn start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).map(|&start| start as usize)
    }

    /// The bytes of `line` (from 0), its line break included; empty past
    /// the last line.
    pub fn range(&self, line: usize) -> Range<usize> {
        match self.start(line) {
            Some(start) => start..self.start(line + 1).unwrap_or(self.len),
            None => self.len..self.len,
        }
    }

    /// The `line:column` (both from 1, the column in characters) of byte
    /// `offset` of `text`, the text these lines were made of (an offset
    /// inside a character counts from that character).
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = text.floor_char_boundary(offset);
        let line = self.line_of(offset);
        let start = self.start(line).unwrap_or_default().min(offset);
        (line + 1, text[start..offset].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_start_after_lf_crlf_and_a_lone_cr() {
        let text = "a\nbc\r\nd\re\r";
        let lines = LineStarts::new(text);
        let found: Vec<usize> = (0..=text.len()).map(|at| lines.line_of(at)).collect();
        assert_eq!(found, [0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4]);
        assert_eq!((lines.start(2), lines.start(4), lines.start(5)), (Some(6), Some(10), None));
        assert_eq!((lines.range(1), lines.range(4), lines.range(5)), (2..6, 10..10, 10..10));
        assert_eq!(lines.line_of(99), 4, "clamped");
    }

    #[test]
    fn a_position_counts_characters_from_one() {
        let text = "a\nééx\r\n";
        let lines = LineStarts::new(text);
        assert_eq!(lines.position(text, 0), (1, 1));
        assert_eq!(lines.position(text, 2), (2, 1));
        assert_eq!(lines.position(text, 6), (2, 3), "after two 2-byte characters");
        assert_eq!(lines.position(text, 3), (2, 1), "inside a character: that character");
        assert_eq!(lines.position(text, 99), (3, 1), "clamped");
    }

    #[test]
    fn a_lone_cr_becomes_a_line_feed_and_crlf_stays() {
        assert_eq!(normalized("a\rb\r\nc\n\r"), "a\nb\r\nc\n\n");
        assert!(matches!(normalized("a\r\nb\n"), Cow::Borrowed(_)));
        assert_eq!(normalized("é\rü"), "é\nü");
    }

    #[test]
    fn display_keeps_offsets() {
        let text = "a\u{2028}b\x0Cc\rd";
        let shown = for_display(text);
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown, "a   b c\nd");
    }
}
