//! Printing: diagnostics for people (ariadne, colour when the terminal
//! takes it) and for tools (JSON), and one-line errors.

use std::io::Write;
use std::path::Path;

use line_index::{LineIndex, TextSize};
use serde::Serialize;
use svc_compiler::diagnostic::{Diagnostic, Label, RenderOptions, render};

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

/// Renders diagnostics for a person on stderr. Colour is stripped by
/// anstream when stderr is not a terminal or `NO_COLOR` is set.
pub fn human(path: &Path, source: &str, diagnostics: &[Diagnostic]) {
    let mut stderr = anstream::stderr();
    let name = path.display().to_string();
    for diagnostic in diagnostics {
        let text = render(diagnostic, &name, source, RenderOptions { color: true, ascii: false });
        let _ = stderr.write_all(text.as_bytes());
    }
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
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Builds the JSON report for one file.
pub fn json<'a>(path: &Path, source: &str, diagnostics: &'a [Diagnostic]) -> JsonReport<'a> {
    let (errors, warnings) = count(diagnostics.iter());
    let index = LineIndex::new(source);
    let position = |offset: u32| {
        let offset = offset.min(source.len() as u32);
        let line_col = index.line_col(TextSize::from(offset));
        let line_start = offset as usize - line_col.col as usize;
        let column = source.get(line_start..offset as usize).map_or(line_col.col as usize, |s| s.chars().count());
        Position { line: line_col.line + 1, column: column as u32 + 1 }
    };
    let diagnostics: Vec<JsonDiagnostic<'a>> = diagnostics
        .iter()
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
    JsonReport { file: path.display().to_string(), errors, warnings, diagnostics }
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
