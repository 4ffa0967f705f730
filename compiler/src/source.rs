//! Reading source bytes: UTF-8 decoding, byte-order mark, size limit.

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

/// Source text decoded from bytes, with the problems met on the way.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text: a leading BOM removed, invalid UTF-8 replaced by U+FFFD.
    pub text: String,
    /// E0002 when the bytes were not valid UTF-8.
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes a file's bytes. Never fails: bad bytes become U+FFFD and a
/// diagnostic at the first of them.
pub fn decode(bytes: &[u8]) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded { text: text.to_owned(), diagnostics: Vec::new() },
        Err(error) => {
            let at = error.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            let bad = error.error_len().unwrap_or(1);
            let span = Span::new(at, at + 3.min(text.len() - at).max(bad.min(text.len() - at)));
            let diagnostic = Diagnostic::error(Code::E0002, "the file is not valid UTF-8", span, "invalid UTF-8 here")
                .with_help("re-save the file as UTF-8; invalid bytes were replaced by U+FFFD");
            Decoded { text, diagnostics: vec![diagnostic] }
        }
    }
}
