//! Byte offsets ↔ LSP positions (UTF-16 or UTF-8), and svc diagnostics as
//! LSP diagnostics.

use svc_compiler::diagnostic::{Diagnostic, Severity};
use svc_compiler::span::Span;
use tower_lsp::lsp_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Range, Url,
};

use crate::lines::Lines;

/// How the client counts columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units (the protocol's default).
    #[default]
    Utf16,
    /// Bytes.
    Utf8,
}

/// A document's text with its line index.
pub struct Text<'a> {
    /// The text.
    pub text: &'a str,
    /// Its lines.
    pub lines: &'a Lines,
    /// The client's encoding.
    pub encoding: Encoding,
}

impl Text<'_> {
    /// The position of byte `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line_col = self.lines.line_col(offset);
        match self.encoding {
            Encoding::Utf8 => Position::new(line_col.line, line_col.col),
            Encoding::Utf16 => {
                let line_start = offset - line_col.col as usize;
                let saved = self.lines.saved(self.text, offset).wrapping_sub(self.lines.saved(self.text, line_start));
                Position::new(line_col.line, line_col.col.saturating_sub(saved))
            }
        }
    }

    /// Where the line holding byte `offset` starts (a lone `\r` ends a
    /// line, as for positions); found in the index, not by scanning back.
    pub fn line_start(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        offset - self.lines.line_col(offset).col as usize
    }

    /// The range of a span.
    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start as usize), self.position(span.end as usize))
    }

    /// The byte offset of a position; `None` outside the text (past the
    /// last line, past the end of its line, or inside a character).
    pub fn offset(&self, position: Position) -> Option<usize> {
        let (offset, exact) = self.find(position)?;
        exact.then_some(offset)
    }

    /// The byte offset of a position, clamped to the text: past the end
    /// of a line is its end, past the last line is the end of the text,
    /// inside a character is before it. For edits from a client that
    /// counted wrong.
    pub fn clamped_offset(&self, position: Position) -> usize {
        self.find(position).map_or(self.text.len(), |(offset, _)| offset)
    }

    /// The offset nearest `position` on its line, and whether it is exact.
    fn find(&self, position: Position) -> Option<(usize, bool)> {
        let start = self.lines.line_start(position.line)?;
        let line = self.text.get(start..)?.split(['\n', '\r']).next().unwrap_or_default();
        let mut units = 0u32;
        for (i, ch) in line.char_indices() {
            if units == position.character {
                return Some((start + i, true));
            }
            units += match self.encoding {
                Encoding::Utf8 => ch.len_utf8() as u32,
                Encoding::Utf16 => ch.len_utf16() as u32,
            };
            if units > position.character {
                return Some((start + i, false));
            }
        }
        Some((start + line.len(), units == position.character))
    }
}

/// An svc diagnostic for the client: secondary labels become related
/// information, the help text follows the message.
pub fn diagnostic(text: &Text<'_>, uri: &Url, diagnostic: &Diagnostic) -> lsp::Diagnostic {
    let mut message = format!("{}: {}", diagnostic.message, diagnostic.primary.message);
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .secondary
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), text.range(label.span)),
            message: label.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: text.range(diagnostic.primary.span),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.as_str().to_owned())),
        source: Some("svc".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp::Diagnostic::default()
    }
}

/// An svc severity for the client (a note is information).
pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    }
}
