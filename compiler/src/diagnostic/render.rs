//! Terminal rendering of diagnostics with ariadne, using byte offsets so
//! spans stay right after multi-byte UTF-8 characters.

use ariadne::{CharSet, Color, Config, IndexType, Label as AriadneLabel, Report, ReportKind};

use super::excerpt::{Excerpt, MAX_LINES};
use super::{Diagnostic, Label, Severity};
use crate::line_breaks::LineStarts;

/// How to render: colour (off for pipes, `NO_COLOR`, snapshots) and glyphs.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// ANSI colours.
    pub color: bool,
    /// ASCII glyphs instead of box-drawing characters.
    pub ascii: bool,
}

/// Renders `diagnostic` against `source` (named `path` in the header).
/// For many diagnostics of one file, [`SourceRenderer`] indexes the
/// source's lines once instead of once per diagnostic.
pub fn render(diagnostic: &Diagnostic, path: &str, source: &str, options: RenderOptions) -> String {
    SourceRenderer::new(path, source).render(diagnostic, options)
}

/// One file's text with its lines indexed, to render its diagnostics.
pub struct SourceRenderer<'a> {
    path: &'a str,
    text: &'a str,
    lines: LineStarts,
}

impl<'a> SourceRenderer<'a> {
    /// Indexes the lines of `source` (named `path` in headers).
    pub fn new(path: &'a str, source: &'a str) -> Self {
        Self { path, text: source, lines: LineStarts::new(source) }
    }

    /// Renders `diagnostic`, as [`render`] does.
    pub fn render(&self, diagnostic: &Diagnostic, options: RenderOptions) -> String {
        render_with(diagnostic, self.path, self.text, &self.lines, options)
    }
}

fn render_with(
    diagnostic: &Diagnostic,
    path: &str,
    source: &str,
    lines: &LineStarts,
    options: RenderOptions,
) -> String {
    let config = Config::default()
        .with_index_type(IndexType::Byte)
        .with_color(options.color)
        .with_char_set(if options.ascii { CharSet::Ascii } else { CharSet::Unicode });
    let (kind, color) = match diagnostic.severity {
        Severity::Error => (ReportKind::Error, Color::Red),
        Severity::Warning => (ReportKind::Warning, Color::Yellow),
        Severity::Note => (ReportKind::Advice, Color::Cyan),
    };
    // The lines shown are those from the first label to the last (see
    // `excerpt`); a label far from the primary one is named in a note.
    let primary_line = lines.line_of(diagnostic.primary.span.start as usize);
    let near = |label: &&Label| lines.line_of(label.span.start as usize).abs_diff(primary_line) <= MAX_LINES;
    let (shown, far): (Vec<&Label>, Vec<&Label>) = diagnostic.secondary.iter().partition(near);
    let labels_at: Vec<_> = std::iter::once(&diagnostic.primary)
        .chain(shown.iter().copied())
        .map(|l| clamp(l.span.range(), source.len()))
        .collect();
    let Some(excerpt) = Excerpt::of(source, lines, &labels_at) else {
        return without_excerpt(diagnostic, path, source, lines, kind);
    };
    let span = |s: crate::Span| {
        let range = clamp(s.range(), source.len());
        (path, excerpt.map(range.start)..excerpt.map(range.end))
    };
    let mut report = Report::build(kind, span(diagnostic.primary.span))
        .with_config(config)
        .with_code(diagnostic.code)
        .with_message(&diagnostic.message);
    // Labels are ordered by position: ariadne (0.6) starts a new section,
    // headed with the primary's position, whenever a label lies on an
    // earlier line than the label ordered before it.
    let primary = std::iter::once((&diagnostic.primary, color, 0));
    let secondary = shown.iter().enumerate().map(|(i, l)| (*l, Color::Blue, i as i32 + 1));
    let mut labels: Vec<_> = primary.chain(secondary).collect();
    labels.sort_by_key(|(label, _, order)| (label.span.start, *order));
    for (order, (label, color, _)) in labels.into_iter().enumerate() {
        report = report.with_label(
            AriadneLabel::new(span(label.span)).with_message(&label.message).with_color(color).with_order(order as i32),
        );
    }
    for label in far {
        let (line, column) = lines.position(source, label.span.start as usize);
        report = report.with_note(format!("{path}:{line}:{column}: {}", label.message));
    }
    if let Some(help) = &diagnostic.help {
        report = report.with_help(help);
    }
    let mut out = Vec::new();
    let written = report.finish().write((path, &excerpt.source), &mut out);
    match written {
        Ok(()) => {
            with_true_position(String::from_utf8_lossy(&out).into_owned(), path, diagnostic, source, lines, &excerpt)
        }
        // Writing to a Vec cannot fail; keep a plain fallback all the same.
        Err(_) => format!("{}[{}]: {}\n", kind, diagnostic.code, diagnostic.message),
    }
}

/// A diagnostic too far into its file for an excerpt: its message, where
/// each label is, and its help, one per line.
fn without_excerpt(
    diagnostic: &Diagnostic,
    path: &str,
    source: &str,
    lines: &LineStarts,
    kind: ReportKind<'_>,
) -> String {
    let mut out = format!("[{}] {kind}: {}\n", diagnostic.code, diagnostic.message);
    for label in std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary) {
        let (line, column) = lines.position(source, label.span.start as usize);
        out.push_str(&format!("   at {path}:{line}:{column}: {}\n", label.message));
    }
    if let Some(help) = &diagnostic.help {
        out.push_str(&format!("   help: {help}\n"));
    }
    out
}

/// `text`, rendered from `excerpt`, with the header's `path:line:column`
/// of the primary label as in the whole source (a cut line moves columns).
fn with_true_position(
    text: String,
    path: &str,
    diagnostic: &Diagnostic,
    source: &str,
    lines: &LineStarts,
    excerpt: &Excerpt,
) -> String {
    let start = clamp(diagnostic.primary.span.range(), source.len()).start;
    match excerpt.position(excerpt.map(start)) {
        Some((line, column)) => {
            let (true_line, true_column) = lines.position(source, start);
            text.replacen(&format!("{path}:{line}:{column}"), &format!("{path}:{true_line}:{true_column}"), 1)
        }
        None => text,
    }
}

/// Keeps a span inside the source (a span at end of file stays valid).
fn clamp(range: std::ops::Range<usize>, len: usize) -> std::ops::Range<usize> {
    range.start.min(len)..range.end.min(len)
}
