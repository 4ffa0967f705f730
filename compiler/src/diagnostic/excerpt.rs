//! The part of the source a diagnostic shows: the lines from its first
//! label to its last, as a source of their own.
//!
//! ariadne indexes every line of the source it is given, at 32 bytes a
//! line: a file of 17 million one-character lines took a gigabyte before
//! anything was printed. The file's lines are indexed once, compactly
//! ([`LineStarts`], four bytes a line), and ariadne is given only the lines
//! shown, after as many empty lines as precede them (ariadne 0.6 numbers
//! its margin from its source's first line whatever its display line
//! offset). Past [`MAX_FIRST_LINE`] lines that padding would cost too
//! much, and the diagnostic is shown without its excerpt. A long line (a
//! minified file, a 10 MB string) is also cut to windows around the ends
//! of the labels on it, joined by `…`, so the renderer's time does not
//! grow with it.

use std::ops::Range;

use ariadne::Source;

use crate::line_breaks::LineStarts;

/// Lines longer than this (in bytes, with their line break) are cut.
const LONG_LINE: usize = 240;

/// Bytes kept on each side of a label's end on a cut line.
const CONTEXT: usize = 40;

/// The most lines an excerpt spans: labels further than this from the
/// primary one are left out of it (and named in a note instead).
pub(super) const MAX_LINES: usize = 200;

/// The last line (from 0) an excerpt can start on: its padding costs
/// ariadne 32 bytes a line (6.4 MB at most).
const MAX_FIRST_LINE: usize = 200_000;

/// Marks the text left out of a cut line.
const ELLIPSIS: &str = "…";

/// The lines a diagnostic shows, long ones cut, as a source of their own.
pub(super) struct Excerpt {
    /// The excerpt's text: as many empty lines as precede the first line
    /// shown, then the lines shown.
    pub(super) source: Source<String>,
    /// Which bytes of the original each part of the excerpt holds, and
    /// where that part starts in the excerpt, in order.
    pieces: Vec<(Range<usize>, usize)>,
}

impl Excerpt {
    /// The excerpt of `text`, whose lines are `lines`, for labels at
    /// `spans` (byte ranges, within [`MAX_LINES`] lines of each other);
    /// `None` when they are past line [`MAX_FIRST_LINE`].
    pub(super) fn of(text: &str, lines: &LineStarts, spans: &[Range<usize>]) -> Option<Excerpt> {
        let ends: Vec<usize> = spans.iter().flat_map(|r| [r.start, r.end]).collect();
        let first = ends.iter().map(|&at| lines.line_of(at)).min().unwrap_or(0);
        let last = ends.iter().map(|&at| lines.line_of(at)).max().unwrap_or(0);
        if first > MAX_FIRST_LINE {
            return None;
        }
        let mut out = "\n".repeat(first);
        let mut pieces = Vec::new();
        for line in first..=last {
            let range = lines.range(line);
            if range.len() <= LONG_LINE {
                pieces.push((range.clone(), out.len()));
                out.push_str(&text[range]);
            } else {
                cut(text, range, &ends, &mut out, &mut pieces);
            }
        }
        // Lines as svc counts them: ariadne alone would also break at form
        // feeds and U+2028, which svc does not.
        let shown = crate::line_breaks::for_display(&out).into_owned();
        Some(Excerpt { source: Source::from(shown), pieces })
    }

    /// Where byte `offset` of the original is in the excerpt; an offset in
    /// text left out goes to the end of the piece before it.
    pub(super) fn map(&self, offset: usize) -> usize {
        let after = self.pieces.partition_point(|(original, _)| original.start <= offset);
        match after.checked_sub(1).map(|i| &self.pieces[i]) {
            Some((original, at)) => at + offset.min(original.end) - original.start,
            None => 0,
        }
    }

    /// The `line:column` ariadne gives byte `at` of the excerpt (from 1,
    /// column in characters).
    pub(super) fn position(&self, at: usize) -> Option<(usize, usize)> {
        let (line, index, column) = self.source.get_byte_line(at)?;
        let text = self.source.get_line_text(line)?;
        Some((index + 1, text.get(..column).map_or(column, |before| before.chars().count()) + 1))
    }
}

/// Appends the windows of the long `line` around the label ends on it.
fn cut(text: &str, line: Range<usize>, ends: &[usize], out: &mut String, pieces: &mut Vec<(Range<usize>, usize)>) {
    let body_end = line.start + text[line.clone()].trim_end_matches(['\n', '\r']).len();
    let mut windows: Vec<Range<usize>> = ends
        .iter()
        .filter(|&&at| line.contains(&at))
        .map(|&at| {
            let start = text.floor_char_boundary(at.saturating_sub(CONTEXT).max(line.start));
            start..text.ceil_char_boundary((at + CONTEXT).min(body_end).max(start))
        })
        .collect();
    windows.sort_by_key(|w| w.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for window in windows {
        match merged.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => merged.push(window),
        }
    }
    let mut written = line.start;
    for window in merged {
        if window.start > written {
            out.push_str(ELLIPSIS);
        }
        pieces.push((window.clone(), out.len()));
        out.push_str(&text[window.clone()]);
        written = window.end;
    }
    if written < body_end {
        out.push_str(ELLIPSIS);
    }
    pieces.push((body_end..line.end, out.len()));
    out.push_str(&text[body_end..line.end]);
}
