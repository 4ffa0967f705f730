//! Code actions: the machine fix of every diagnostic in the range ("did
//! you mean", replace `:` with `=`, …).

use std::collections::HashMap;

use tower_lsp::lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Url, WorkspaceEdit};

use crate::convert::{self, Encoding};
use crate::documents::Document;

/// The quick fixes for the diagnostics that touch `range`.
pub fn actions(doc: &Document, encoding: Encoding, uri: &Url, range: Range) -> Vec<CodeActionOrCommand> {
    let text = doc.text(encoding);
    let (Some(start), Some(end)) = (text.offset(range.start), text.offset(range.end)) else { return Vec::new() };
    doc.analysis
        .diagnostics
        .iter()
        .filter(|d| d.primary.span.start as usize <= end && start <= d.primary.span.end as usize)
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let edits = fix.edits.iter().map(|e| TextEdit::new(text.range(e.span), e.replacement.clone())).collect();
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.message.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![convert::diagnostic(&text, uri, d)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            }))
        })
        .collect()
}
