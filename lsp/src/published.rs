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

/// The diagnostics to publish for `doc` (an empty list clears the old
/// ones).
pub fn diagnostics(doc: &Document, encoding: Encoding, uri: &Url) -> Vec<lsp::Diagnostic> {
    let text = doc.text(encoding);
    let all = &doc.analysis.diagnostics;
    let (shown, hidden) = all.split_at(all.len().min(PUBLISHED_PER_DOCUMENT));
    let mut published = Vec::with_capacity(shown.len() + 1);
    published.extend(summary(hidden));
    published.extend(shown.iter().map(|d| convert::diagnostic(&text, uri, d)));
    published
}

/// The diagnostic at the start of the document counting `hidden`, as
/// severe as the worst of them; `None` when nothing is hidden.
fn summary(hidden: &[Diagnostic]) -> Option<lsp::Diagnostic> {
    let worst = hidden.iter().map(|d| d.severity).min()?;
    let count = |severity| hidden.iter().filter(|d| d.severity == severity).count();
    let parts: Vec<String> = [(Severity::Error, "error"), (Severity::Warning, "warning"), (Severity::Note, "note")]
        .into_iter()
        .map(|(severity, word)| (count(severity), word))
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| if n == 1 { format!("1 more {word}") } else { format!("{n} more {word}s") })
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
