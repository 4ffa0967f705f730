//! The source a diagnostic shows when a line it points at is long: a
//! minified file, or a 10 MB string on one line, would otherwise be printed
//! whole, and the renderer's time grows with it. Each long line is cut to
//! windows around the ends of the labels on it, joined by `…`; the other
//! lines, and the line numbers, stay as they are (the lines before the
//! first one shown are empty in the excerpt: ariadne 0.6 numbers its
//! margin from the source's first line whatever its line offset).

use std::borrow::Cow;
use std::ops::Range;

use ariadne::Source;

/// Lines longer than this (in bytes, with their line break) are cut.
const LONG_LINE: usize = 240;

/// Bytes kept on each side of a label's end on a cut line.
const CONTEXT: usize = 40;

/// Marks the text left out of a cut line.
const ELLIPSIS: &str = "…";

/// The lines a diagnostic shows, long ones cut, as a source of their own.
pub(super) struct Excerpt<'a> {
    /// The excerpt's text: as many empty lines as precede the first line
    /// shown, then the lines shown.
    pub(super) source: Source<Cow<'a, str>>,
    /// Which bytes of the original each part of the excerpt holds, and
    /// where that part starts in the excerpt, in order.
    pieces: Vec<(Range<usize>, usize)>,
}

impl<'a> Excerpt<'a> {
    /// The excerpt of `full` for labels at `spans` (byte ranges), or `None`
    /// when no line a label starts or ends on is long.
    pub(super) fn of(full: &Source<Cow<'a, str>>, spans: &[Range<usize>]) -> Option<Excerpt<'a>> {
        let ends: Vec<usize> = spans.iter().flat_map(|r| [r.start, r.end]).collect();
        let lines: Vec<(usize, Range<usize>)> = ends.iter().filter_map(|&at| line_at(full, at)).collect();
        if !lines.iter().any(|(_, range)| range.len() > LONG_LINE) {
            return None;
        }
        let (first_line, first) = lines.iter().min_by_key(|(index, _)| *index)?.clone();
        let (_, last) = lines.iter().max_by_key(|(index, _)| *index)?.clone();
        let text = full.text();
        let mut out = "\n".repeat(first_line);
        let mut pieces = Vec::new();
        let mut at = first.start;
        while at < last.end {
            let (_, line) = line_at(full, at)?;
            if line.len() <= LONG_LINE {
                pieces.push((line.clone(), out.len()));
                out.push_str(&text[line.clone()]);
            } else {
                cut(text, line.clone(), &ends, &mut out, &mut pieces);
            }
            at = line.end.max(at + 1);
        }
        Some(Excerpt { source: Source::from(Cow::Owned(out)), pieces })
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
}

/// The `line:column` (from 1, column in characters) of byte `at` of `source`.
pub(super) fn position(source: &Source<Cow<'_, str>>, at: usize) -> Option<(usize, usize)> {
    let (line, index, column) = source.get_byte_line(at)?;
    let text = source.get_line_text(line)?;
    Some((index + 1, text.get(..column).map_or(column, |before| before.chars().count()) + 1))
}

/// The index and byte range (with its line break) of the line holding `at`.
fn line_at(source: &Source<Cow<'_, str>>, at: usize) -> Option<(usize, Range<usize>)> {
    let (line, index, column) = source.get_byte_line(at)?;
    let start = at - column;
    Some((index, start..start + source.get_line_text(line)?.len()))
}

/// Appends the windows of the long `line` around the label ends on it.
fn cut(text: &str, line: Range<usize>, ends: &[usize], out: &mut String, pieces: &mut Vec<(Range<usize>, usize)>) {
    let body_end = line.start + text[line.clone()].trim_end_matches(['\n', '\r']).len();
    let mut windows: Vec<Range<usize>> = ends
        .iter()
        .filter(|&&at| line.contains(&at))
        .map(|&at| {
            let start = floor(text, at.saturating_sub(CONTEXT).max(line.start));
            start..ceil(text, (at + CONTEXT).min(body_end).max(start))
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

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}
