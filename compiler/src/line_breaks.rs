//! What ends a line: `\n`, `\r\n`, and a lone `\r` (a classic-Mac file),
//! as in YAML and the Language Server Protocol.
//!
//! The parser, the diagnostic renderer, the language server's positions and
//! `svc fmt` all see lines through [`normalized`], which turns each lone
//! `\r` into `\n`. The copy has the same length, so every byte offset (and
//! every span) into it is an offset into the original text too.

use std::borrow::Cow;

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

#[cfg(test)]
mod tests {
    use super::*;

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
