//! Terminal rendering of diagnostics with ariadne, using byte offsets so
//! spans stay right after multi-byte UTF-8 characters.

use std::borrow::Cow;

use ariadne::{CharSet, Color, Config, IndexType, Label as AriadneLabel, Report, ReportKind, Source};

use super::excerpt::{self, Excerpt};
use super::{Diagnostic, Severity};

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
    source: Source<Cow<'a, str>>,
}

impl<'a> SourceRenderer<'a> {
    /// Indexes the lines of `source` (named `path` in headers).
    pub fn new(path: &'a str, source: &'a str) -> Self {
        // Lines as svc counts them (`line_breaks`): ariadne alone would
        // also break at form feeds and U+2028, which svc does not.
        Self { path, text: source, source: Source::from(crate::line_breaks::for_display(source)) }
    }

    /// Renders `diagnostic`, as [`render`] does.
    pub fn render(&self, diagnostic: &Diagnostic, options: RenderOptions) -> String {
        render_with(diagnostic, self.path, self.text, &self.source, options)
    }
}

fn render_with(
    diagnostic: &Diagnostic,
    path: &str,
    source: &str,
    indexed: &Source<Cow<'_, str>>,
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
    let labels_at: Vec<_> = std::iter::once(&diagnostic.primary)
        .chain(&diagnostic.secondary)
        .map(|l| clamp(l.span.range(), source.len()))
        .collect();
    // A long line is shown cut around the labels (see `excerpt`).
    let excerpt = Excerpt::of(indexed, &labels_at);
    let span = |s: crate::Span| {
        let range = clamp(s.range(), source.len());
        (path, excerpt.as_ref().map_or(range.clone(), |e| e.map(range.start)..e.map(range.end)))
    };
    let mut report = Report::build(kind, span(diagnostic.primary.span))
        .with_config(config)
        .with_code(diagnostic.code)
        .with_message(&diagnostic.message);
    // Labels are ordered by position: ariadne (0.6) starts a new section,
    // headed with the primary's position, whenever a label lies on an
    // earlier line than the label ordered before it.
    let primary = std::iter::once((&diagnostic.primary, color, 0));
    let secondary = diagnostic.secondary.iter().enumerate().map(|(i, l)| (l, Color::Blue, i as i32 + 1));
    let mut labels: Vec<_> = primary.chain(secondary).collect();
    labels.sort_by_key(|(label, _, order)| (label.span.start, *order));
    for (order, (label, color, _)) in labels.into_iter().enumerate() {
        report = report.with_label(
            AriadneLabel::new(span(label.span)).with_message(&label.message).with_color(color).with_order(order as i32),
        );
    }
    if let Some(help) = &diagnostic.help {
        report = report.with_help(help);
    }
    let mut out = Vec::new();
    let written = report.finish().write((path, excerpt.as_ref().map_or(indexed, |e| &e.source)), &mut out);
    match written {
        Ok(()) => {
            let text = String::from_utf8_lossy(&out).into_owned();
            match &excerpt {
                Some(excerpt) => with_true_position(text, path, diagnostic, indexed, excerpt),
                None => text,
            }
        }
        // Writing to a Vec cannot fail; keep a plain fallback all the same.
        Err(_) => format!("{}[{}]: {}\n", kind, diagnostic.code, diagnostic.message),
    }
}

/// `text`, rendered from `excerpt`, with the header's `path:line:column`
/// of the primary label as in the whole source (a cut line moves columns).
fn with_true_position(
    text: String,
    path: &str,
    diagnostic: &Diagnostic,
    indexed: &Source<Cow<'_, str>>,
    excerpt: &Excerpt<'_>,
) -> String {
    let start = clamp(diagnostic.primary.span.range(), indexed.text().len()).start;
    let shown = excerpt::position(&excerpt.source, excerpt.map(start));
    match (shown, excerpt::position(indexed, start)) {
        (Some((line, column)), Some((true_line, true_column))) => {
            text.replacen(&format!("{path}:{line}:{column}"), &format!("{path}:{true_line}:{true_column}"), 1)
        }
        _ => text,
    }
}

/// Keeps a span inside the source (a span at end of file stays valid).
fn clamp(range: std::ops::Range<usize>, len: usize) -> std::ops::Range<usize> {
    range.start.min(len)..range.end.min(len)
}
