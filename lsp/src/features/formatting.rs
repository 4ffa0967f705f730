//! Formatting: the same formatter as `svc fmt`, as one edit of the whole
//! document (none when it is already formatted or has syntax errors).

use svc_compiler::format::format_source;
use tower_lsp::lsp_types::{Range, TextEdit};

use crate::convert::Encoding;
use crate::documents::Document;

/// The edits that format `doc`.
pub fn format(doc: &Document, encoding: Encoding) -> Option<Vec<TextEdit>> {
    let formatted = format_source(&doc.text).ok()?;
    if formatted == doc.text {
        return Some(Vec::new());
    }
    let text = doc.text(encoding);
    let range = Range::new(text.position(0), text.position(doc.text.len()));
    Some(vec![TextEdit::new(range, formatted)])
}
