//! The diagnostics published for a document: every one up to
//! [`PUBLISHED_PER_DOCUMENT`]; past that, the first ones in the order of
//! the file, after one at the top of the document that counts the others.
//!
//! A broken or generated file can have 100,000 errors. Converted and sent
//! whole on every change they were 43 MB of JSON and 650 MB of server
//! memory per keystroke, which no editor lists usefully; `svc check` shows
//! the first 200 for the same reason.

use svc_compiler::diagnostic::{Diagnostic, Severity};
use tower_lsp::lsp_types::{self as lsp, Position, Range, Url};

use crate::convert::{self, Encoding};
use crate::documents::Document;

/// How many of a document's diagnostics are published; the others are
/// counted in one more diagnostic.
pub const PUBLISHED_PER_DOCUMENT: usize = 1000;

/// What is not published of a document's diagnostics, counted by
/// severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hidden {
    errors: usize,
    warnings: usize,
    notes: usize,
}

/// Keeps the diagnostics that are published and counts the others. An
/// open document's analysis is kept until the next change, and the
/// diagnostics of 50 MB of random bytes (4.4 million) take gigabytes; a
/// quick fix is offered only for a diagnostic the editor shows.
pub fn keep_published(diagnostics: &mut Vec<Diagnostic>) -> Hidden {
    let cut = diagnostics.len().min(PUBLISHED_PER_DOCUMENT);
    let mut hidden = Hidden::default();
    for diagnostic in diagnostics.drain(cut..) {
        match diagnostic.severity {
            Severity::Error => hidden.errors += 1,
            Severity::Warning => hidden.warnings += 1,
            Severity::Note => hidden.notes += 1,
        }
    }
    diagnostics.shrink_to_fit();
    hidden
}

/// The diagnostics to publish for `doc` (an empty list clears the old
/// ones).
pub fn diagnostics(doc: &Document, encoding: Encoding, uri: &Url) -> Vec<lsp::Diagnostic> {
    let text = doc.text(encoding);
    let shown = &doc.analysis.diagnostics;
    let mut published = Vec::with_capacity(shown.len() + 1);
    published.extend(summary(doc.hidden));
    published.extend(shown.iter().map(|d| convert::diagnostic(&text, uri, d)));
    published
}

/// The diagnostic at the start of the document counting `hidden`, as
/// severe as the worst of them; `None` when nothing is hidden.
fn summary(hidden: Hidden) -> Option<lsp::Diagnostic> {
    let counts = [
        (hidden.errors, Severity::Error, "error"),
        (hidden.warnings, Severity::Warning, "warning"),
        (hidden.notes, Severity::Note, "note"),
    ];
    let worst = counts.iter().find(|(n, _, _)| *n > 0)?.1;
    let parts: Vec<String> = counts
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, _, word)| if n == 1 { format!("1 more {word}") } else { format!("{n} more {word}s") })
        .collect();
    let message = format!(
        "… and {} not shown: the editor shows the first {PUBLISHED_PER_DOCUMENT} problems of a file",
        parts.join(" and ")
    );
    Some(lsp::Diagnostic {
        range: Range::new(Position::new(0, 0), Position::new(0, 0)),
        severity: Some(convert::severity(worst)),
        source: Some("svc".to_owned()),
        message,
        ..lsp::Diagnostic::default()
    })
}
