//! Printing: diagnostics for people (ariadne, colour when the terminal
//! takes it) and for tools (JSON), and one-line errors.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use svc_compiler::diagnostic::{Diagnostic, Label, RenderOptions, SourceRenderer};
use svc_compiler::line_breaks::LineStarts;

use crate::style::{self, paint};

/// Writes `error: message` to stderr.
pub fn error(message: &str) {
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "{}: {message}", paint(style::ERROR, "error"));
}

/// Writes `note: message` to stderr.
pub fn note(message: &str) {
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "{}: {message}", paint(style::NOTE, "note"));
}

/// Writes `warning: message` to stderr.
pub fn warning(message: &str) {
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "{}: {message}", paint(style::WARNING, "warning"));
}

/// Writes a line of progress (`svc deploy`'s steps) to stderr.
pub fn step(message: &str) {
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "{} {message}", paint(style::DIM, "·"));
}

/// How many diagnostics of one file are shown; the rest are counted (a
/// broken generated file may have 100,000 errors, which nobody reads).
pub const SHOWN_PER_FILE: usize = 200;

/// Renders diagnostics for a person on stderr, at most [`SHOWN_PER_FILE`],
/// then a line counting the others. Colour is stripped by anstream when
/// stderr is not a terminal or `NO_COLOR` is set.
pub fn human(path: &Path, source: &str, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        // Indexing a large file's lines is the one cost of a clean report.
        return;
    }
    let mut stderr = anstream::stderr();
    let name = path.display().to_string();
    let renderer = SourceRenderer::new(&name, source);
    let (shown, hidden) = diagnostics.split_at(diagnostics.len().min(SHOWN_PER_FILE));
    for diagnostic in shown {
        let text = renderer.render(diagnostic, RenderOptions { color: true, ascii: false });
        let _ = stderr.write_all(text.as_bytes());
    }
    if !hidden.is_empty() {
        let _ = writeln!(stderr, "… and {} (not shown)", more(hidden));
    }
}

/// `99800 more errors and 2 more warnings`.
fn more(hidden: &[Diagnostic]) -> String {
    let (errors, warnings) = count(hidden.iter());
    let notes = hidden.len() - errors - warnings;
    let parts = [(errors, "more error"), (warnings, "more warning"), (notes, "more note")];
    let parts: Vec<String> = parts.iter().filter(|(n, _)| *n > 0).map(|(n, word)| plural(*n, word)).collect();
    parts.join(" and ")
}

/// A diagnostic position for tools: 1-based line and column (in characters).
#[derive(Serialize)]
struct Position {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    #[serde(flatten)]
    label: &'a Label,
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
    start: Position,
    end: Position,
    secondary_positions: Vec<JsonLabel<'a>>,
}

/// The JSON document `svc check --format json` prints for one file.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    file: String,
    errors: usize,
    warnings: usize,
    /// At most [`SHOWN_PER_FILE`] diagnostics.
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// How many diagnostics were left out of `diagnostics` (absent when none).
    #[serde(skip_serializing_if = "is_zero")]
    omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Builds the JSON report for one file.
pub fn json<'a>(path: &Path, source: &str, diagnostics: &'a [Diagnostic]) -> JsonReport<'a> {
    let (errors, warnings) = count(diagnostics.iter());
    let lines = LineStarts::new(source);
    let position = |offset: u32| {
        let (line, column) = lines.position(source, offset as usize);
        Position { line: line as u32, column: column as u32 }
    };
    let omitted = diagnostics.len().saturating_sub(SHOWN_PER_FILE);
    let diagnostics: Vec<JsonDiagnostic<'a>> = diagnostics
        .iter()
        .take(SHOWN_PER_FILE)
        .map(|d| JsonDiagnostic {
            diagnostic: d,
            start: position(d.primary.span.start),
            end: position(d.primary.span.end),
            secondary_positions: d
                .secondary
                .iter()
                .map(|l| JsonLabel { label: l, start: position(l.span.start), end: position(l.span.end) })
                .collect(),
        })
        .collect();
    JsonReport { file: path.display().to_string(), errors, warnings, diagnostics, omitted }
}

/// Counts errors and warnings.
pub fn count<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic>) -> (usize, usize) {
    diagnostics.fold((0, 0), |(e, w), d| match d.severity {
        svc_compiler::Severity::Error => (e + 1, w),
        svc_compiler::Severity::Warning => (e, w + 1),
        svc_compiler::Severity::Note => (e, w),
    })
}

/// `1 error`, `2 errors`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// A size for people: `840 KB` below a megabyte, else `3.4 MB` (of 2^10
/// and 2^20 bytes).
pub fn size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}
