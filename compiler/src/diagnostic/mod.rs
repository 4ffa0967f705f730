//! The one diagnostic type of svc, shared by every stage of the compiler,
//! rendered in the terminal by [`render`] and converted to LSP diagnostics by
//! the language server.

mod codes;
mod excerpt;
mod render;

use serde::Serialize;

pub use codes::{Code, CodeInfo};
pub use render::{RenderOptions, SourceRenderer, render};

use crate::span::Span;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input is wrong; nothing is built from it.
    Error,
    /// The input works but is probably not what was meant.
    Warning,
    /// Extra information, never a failure.
    Note,
}

/// A span with a message explaining what is at it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there, in a few words.
    pub message: String,
}

/// One replacement of the source text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes to replace (empty to insert).
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A machine-applicable correction: applying every edit fixes the problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, as an editor would title it ("Replace `:` with `=`").
    pub message: String,
    /// The edits, non-overlapping, in source order; insertions at one
    /// place are made in the order given.
    pub edits: Vec<Edit>,
}

/// A problem found in a source, with everything needed to show it to a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The registry code, such as `E0105`.
    pub code: Code,
    /// Error, warning or note.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The place of the problem.
    pub primary: Label,
    /// Other places that explain it (where a delimiter was opened, ...).
    pub secondary: Vec<Label>,
    /// What would be right, for a person.
    pub help: Option<String>,
    /// What would be right, for a machine.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// An error with `code`, `message` and a primary label at `span`.
    pub fn error(code: Code, message: impl Into<String>, span: Span, label: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            message: message.into(),
            primary: Label { span, message: label.into() },
            secondary: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// A warning with `code`, `message` and a primary label at `span`.
    pub fn warning(code: Code, message: impl Into<String>, span: Span, label: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(code, message, span, label) }
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label { span, message: message.into() });
        self
    }

    /// Adds a help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a fix that replaces `span` with `replacement`.
    pub fn with_fix(mut self, message: impl Into<String>, span: Span, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix { message: message.into(), edits: vec![Edit { span, replacement: replacement.into() }] });
        self
    }

    /// Adds a fix made of several edits, which must not overlap.
    pub fn with_edits(mut self, message: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix { message: message.into(), edits });
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by position, then code, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.primary.span.start, a.primary.span.end, a.code).cmp(&(b.primary.span.start, b.primary.span.end, b.code))
    });
}
