//! Why a source was not formatted.

use std::fmt;

use crate::diagnostic::Diagnostic;

/// Why a source was not formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The source has syntax errors (the error-severity diagnostics, sorted
    /// by position). Formatting would have to guess what was meant.
    Syntax(Vec<Diagnostic>),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Syntax(errors) if errors.len() == 1 => f.write_str("1 syntax error; fix it before formatting"),
            FormatError::Syntax(errors) => {
                write!(f, "{} syntax errors; fix them before formatting", errors.len())
            }
        }
    }
}

impl std::error::Error for FormatError {}
