//! The canonical formatter (placeholder until the formatter lands).

use crate::Diagnostic;

/// Why a source was not formatted.
#[derive(Debug)]
pub enum FormatError {
    /// The source has syntax errors.
    Syntax(Vec<Diagnostic>),
}

/// Formats `src` (placeholder: returns it unchanged).
pub fn format_source(src: &str) -> Result<String, FormatError> {
    Ok(src.to_owned())
}
